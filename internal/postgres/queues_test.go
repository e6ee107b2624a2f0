package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// TestQueueCountsStayExact checks the queues' live counts (sums of the tallies the
// triggers keep) against a count of the open requests after every kind of change:
// submissions, claims, assignments, moves between queues, status changes, a change of
// many requests in one statement, a deletion; with folds of the tallies running at the
// same time as concurrent changes.
func TestQueueCountsStayExact(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	u, err := staff.NewUser("agent@cd47.fr", "Agent", staff.RoleOfficer, "un mot de passe solide")
	if err != nil {
		t.Fatal(err)
	}
	created, err := db.CreateUser(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	officer := created.ID
	second, err := db.CreateQueue(ctx, routing.QueueSpec{Name: "Internes", Policy: routing.PolicyClaim,
		FirstResponseDays: 2, ResolutionDays: 20})
	if err != nil {
		t.Fatal(err)
	}
	var defaultQueue int64
	if err := db.Pool.QueryRow(ctx, `SELECT id FROM queues WHERE is_default`).Scan(&defaultQueue); err != nil {
		t.Fatal(err)
	}
	for _, q := range []int64{defaultQueue, second} {
		if err := db.SetQueueMember(ctx, q, officer, true); err != nil {
			t.Fatal(err)
		}
	}

	// concurrently runs n changes at once while the tallies are folded over and over.
	concurrently := func(n int, change func(i int) error) {
		t.Helper()
		stop := make(chan struct{})
		folded := make(chan error, 1)
		go func() {
			for {
				select {
				case <-stop:
					folded <- nil
					return
				default:
				}
				if err := db.FoldQueueTallies(ctx); err != nil {
					folded <- err
					return
				}
			}
		}()
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs[i] = change(i) })
		}
		wg.Wait()
		close(stop)
		if err := errors.Join(append(errs, <-folded)...); err != nil {
			t.Fatal(err)
		}
		checkCounts(t, db)
	}

	ids := make([]int64, 40)
	concurrently(40, func(i int) error {
		var err error
		ids[i], err = submit(ctx, db, fmt.Sprintf("tally-%02d", i))
		return err
	})
	concurrently(40, func(i int) error {
		switch i % 5 {
		case 0:
			return db.Claim(ctx, ids[i], officer)
		case 1:
			return db.MoveToQueue(ctx, ids[i], officer, second)
		case 2:
			return db.SetStatus(ctx, ids[i], officer, casework.StatusWaiting, "", casework.OutcomeDetails{})
		case 3:
			return db.SetStatus(ctx, ids[i], officer, casework.StatusClosed, "", casework.OutcomeDetails{})
		}
		return db.AddNote(ctx, ids[i], officer, "Rien ne change dans les comptes.")
	})
	concurrently(40, func(i int) error {
		switch i % 5 {
		case 0:
			return db.Assign(ctx, ids[i], officer, 0)
		case 1:
			return db.Claim(ctx, ids[i], officer)
		case 2:
			return db.SetStatus(ctx, ids[i], officer, casework.StatusInProgress, "", casework.OutcomeDetails{})
		case 3:
			return db.SetStatus(ctx, ids[i], officer, casework.StatusInProgress, "", casework.OutcomeDetails{})
		}
		return db.MoveToQueue(ctx, ids[i], officer, second)
	})
	// Many requests in one statement, then one removed.
	if _, err := db.Pool.Exec(ctx, `UPDATE requests SET status = 'closed' WHERE id % 3 = 0`); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, db)
	if _, err := db.Pool.Exec(ctx, `DELETE FROM requests WHERE id = (SELECT max(id) FROM requests WHERE status = 'new')`); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, db)

	// A fold leaves one row per queue, status and assignment.
	if err := db.FoldQueueTallies(ctx); err != nil {
		t.Fatal(err)
	}
	var rows, kinds int
	if err := db.Pool.QueryRow(ctx, `
		SELECT (SELECT count(*) FROM queue_tallies),
			(SELECT count(DISTINCT (queue_id, status, assignee_id IS NULL)) FROM requests
			 WHERE status IN ('new', 'in_progress', 'waiting_applicant'))`).Scan(&rows, &kinds); err != nil {
		t.Fatal(err)
	}
	if rows != kinds {
		t.Errorf("after a fold: %d tally rows, want one per queue, status and assignment (%d)", rows, kinds)
	}
	checkCounts(t, db)
}

// checkCounts compares the counts the queue page shows with a count of the requests.
func checkCounts(t *testing.T, db *postgres.DB) {
	t.Helper()
	queues, err := db.Queues(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queues {
		var want postgres.Queue
		if err := db.Pool.QueryRow(context.Background(), `
			SELECT count(*), count(*) FILTER (WHERE assignee_id IS NULL), count(*) FILTER (WHERE status = 'new'),
				count(*) FILTER (WHERE status = 'waiting_applicant')
			FROM requests WHERE queue_id = $1 AND status IN ('new', 'in_progress', 'waiting_applicant')`, q.ID).
			Scan(&want.Open, &want.Unassigned, &want.New, &want.Waiting); err != nil {
			t.Fatal(err)
		}
		got := [4]int{q.Open, q.Unassigned, q.New, q.Waiting}
		if exp := [4]int{want.Open, want.Unassigned, want.New, want.Waiting}; got != exp {
			t.Errorf("queue %q: open, unassigned, new, waiting = %v, counted %v", q.Name, got, exp)
		}
	}
}
