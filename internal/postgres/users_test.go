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
