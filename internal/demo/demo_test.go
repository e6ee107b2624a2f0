package demo_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/demo"
	"github.com/bienvenue-sante/bienvenue/internal/finess"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestLoadingTwiceGivesTheSameDemo(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	for range 2 {
		if err := demo.Load(ctx, db); err != nil {
			t.Fatal(err)
		}
	}
	counts := map[string]int{
		`SELECT count(*) FROM staff_users WHERE demo`: 4,
		`SELECT count(*) FROM queues`:                 5,
		`SELECT count(*) FROM routing_rules`:          4,
		`SELECT count(*) FROM requests`:               5,
		`SELECT count(*) FROM requests r JOIN queues q ON q.id = r.queue_id WHERE q.is_default`:            1,
		`SELECT count(*) FROM demo_content`:                                                                1,
		`SELECT count(*) FROM events WHERE published AND title LIKE '%(démonstration)'`:                    4,
		`SELECT count(*) FROM pages WHERE published AND to_review AND updated_by IS NOT NULL`:              4,
		`SELECT count(*) FROM testimonials WHERE published AND demo`:                                       3,
		`SELECT count(*) FROM finess_imports WHERE demo`:                                                   1,
		`SELECT count(*) FROM care_structures WHERE name LIKE '%(démonstration)' AND finess LIKE '47999%'`: 10,
		`SELECT count(*) FROM structure_profiles WHERE note LIKE '*Données de démonstration.*%'`:           7,
		`SELECT count(*) FROM structure_profiles WHERE seeks_gp`:                                           4,
	}
	for sql, want := range counts {
		var got int
		if err := db.Pool.QueryRow(ctx, sql).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %d, want %d", sql, got, want)
		}
	}
}

// Structures imported from FINESS are never replaced by invented ones.
func TestLoadingKeepsAFINESSImport(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	real := []finess.Structure{{FINESS: "470000001", Name: "Maison de santé du Pin", Category: finess.CategoryMSP, Commune: "47001"}}
	imp := postgres.FINESSImport{Filename: "etalab-cs1100507-stock.csv", TakenOn: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}
	if err := db.ImportStructures(ctx, imp, 1, real, 0); err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	list, got, _, err := db.Structures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || got.Demo || got.Filename != imp.Filename {
		t.Errorf("after the demo load: %d structures from %+v, want the FINESS import's only", len(list), got)
	}
}
