package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

func TestRecentFailuresCountPerAccountAndAddressUntilASuccess(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	record := func(email, addr string, ok bool) {
		t.Helper()
		if err := db.RecordSignIn(ctx, email, addr, ok); err != nil {
			t.Fatal(err)
		}
	}
	failures := func(email, addr string) staff.Failures {
		t.Helper()
		f, err := db.RecentFailures(ctx, email, addr)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	record("claire@cd47.fr", "192.0.2.1", false)
	record("Claire@cd47.fr", "192.0.2.2", false)
	record("paul@cd47.fr", "192.0.2.1", false)
	if got, want := failures("claire@cd47.fr", "192.0.2.1"), (staff.Failures{ForAccount: 2, ForClientAddr: 2}); got != want {
		t.Errorf("failures = %+v, want %+v", got, want)
	}
	// A success clears the account's count, not the address's.
	record("claire@cd47.fr", "192.0.2.1", true)
	if got, want := failures("claire@cd47.fr", "192.0.2.1"), (staff.Failures{ForAccount: 0, ForClientAddr: 2}); got != want {
		t.Errorf("after a success, failures = %+v, want %+v", got, want)
	}
}

func TestPurgeForgetsAttemptsOutsideTheWindow(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	now := time.Now()
	db.Now = func() time.Time { return now.Add(-staff.ThrottleWindow - time.Minute) }
	if err := db.RecordSignIn(ctx, "old@cd47.fr", "192.0.2.1", false); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	if err := db.RecordSignIn(ctx, "new@cd47.fr", "192.0.2.1", false); err != nil {
		t.Fatal(err)
	}
	if err := db.PurgeSignInAttempts(ctx); err != nil {
		t.Fatal(err)
	}
	var emails []string
	rows, err := db.Pool.Query(ctx, `SELECT email FROM sign_in_attempts`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var e string
		rows.Scan(&e)
		emails = append(emails, e)
	}
	if len(emails) != 1 || emails[0] != "new@cd47.fr" {
		t.Errorf("attempts kept: %v, want only new@cd47.fr", emails)
	}
}
