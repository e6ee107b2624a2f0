package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
)

// TestEmailsLeaveTheOutboxOnceEach files requests (each writes its confirmation to the
// outbox), then hands the outbox over from two workers at once: every email becomes
// exactly one delivery job, and the outbox is empty.
func TestEmailsLeaveTheOutboxOnceEach(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	const requests = 30
	for i := range requests {
		if _, err := submit(ctx, db, fmt.Sprintf("outbox-%02d", i)); err != nil {
			t.Fatal(err)
		}
	}
	// Many more, as a backlog after an outage: several batches.
	if _, err := db.Pool.Exec(ctx, `INSERT INTO outbox (message)
		SELECT jsonb_build_object('to', 'lot' || i || '@example.org', 'subject', 'Lot ' || i, 'text', 'Bonjour')
		FROM generate_series(1, 1200) i`); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	moved := make([]int, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() { moved[i], errs[i] = db.HandOverEmails(ctx) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var jobs, distinct, left, confirmations int
	if err := db.Pool.QueryRow(ctx, `
		SELECT count(*), count(DISTINCT args->'message'->>'to'), (SELECT count(*) FROM outbox),
			count(*) FILTER (WHERE args->'message'->>'to' LIKE 'outbox-%@example.org')
		FROM river_job WHERE kind = 'email'`).Scan(&jobs, &distinct, &left, &confirmations); err != nil {
		t.Fatal(err)
	}
	if want := requests + 1200; jobs != want || distinct != want || left != 0 || moved[0]+moved[1] != want {
		t.Errorf("%d delivery jobs (%d addresses), %d left in the outbox, %v moved; want %d, none left", jobs, distinct, left, moved, want)
	}
	if confirmations != requests {
		t.Errorf("%d confirmations queued for %d requests", confirmations, requests)
	}
}
