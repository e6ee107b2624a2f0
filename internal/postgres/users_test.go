package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

func TestCreateUserThenFindByEmailAnyCase(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	u, err := staff.NewUser("Claire.Martin@cd47.fr", "Claire Martin", staff.RoleOfficer, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	created, err := db.CreateUser(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.UserByEmail(ctx, "claire.martin@CD47.fr")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != created.ID || got.Role != staff.RoleOfficer || got.Name != "Claire Martin" {
		t.Errorf("UserByEmail = %+v, want %+v", got, created)
	}
	if !staff.CheckPassword(&got, "correct horse battery") {
		t.Error("stored hash does not verify the password")
	}
	if _, err := db.CreateUser(ctx, u); !errors.Is(err, bienvenue.ErrConflict) {
		t.Errorf("second CreateUser with the same email: err = %v, want ErrConflict", err)
	}
	if _, err := db.UserByEmail(ctx, "nobody@cd47.fr"); !errors.Is(err, bienvenue.ErrNotFound) {
		t.Errorf("UserByEmail(unknown): err = %v, want ErrNotFound", err)
	}
}

func TestTerritoryOf47IsLoadedInFull(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	s, err := db.Territory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.Communes != 319 || s.Population != 333602 || len(s.EPCIs) != 12 {
		t.Errorf("territory = %d communes, %d inhabitants, %d EPCI; want 319, 333602, 12", s.Communes, s.Population, len(s.EPCIs))
	}
	if first := s.EPCIs[0]; first.Name != "CA Agglomération d'Agen" || first.LargestTown != "Agen" {
		t.Errorf("largest EPCI = %+v, want CA Agglomération d'Agen around Agen", first)
	}
}
