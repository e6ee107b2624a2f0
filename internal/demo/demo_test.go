package demo_test

import (
	"context"
	"os"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/demo"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
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
		`SELECT count(*) FROM requests r JOIN queues q ON q.id = r.queue_id WHERE q.is_default`: 1,
		`SELECT count(*) FROM demo_content`:                                                     1,
		`SELECT count(*) FROM events WHERE published AND title LIKE '%(démonstration)'`:         4,
		`SELECT count(*) FROM pages WHERE published AND to_review AND updated_by IS NOT NULL`:   4,
		`SELECT count(*) FROM testimonials WHERE published AND demo`:                            3,
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
