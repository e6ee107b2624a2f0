package postgres

import (
	"context"

	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// RecordSignIn keeps one attempt, for throttling.
func (db *DB) RecordSignIn(ctx context.Context, email, clientAddr string, succeeded bool) error {
	_, err := db.Pool.Exec(ctx, `
		INSERT INTO sign_in_attempts (email, client_ip, succeeded, attempted_at)
		VALUES ($1, $2, $3, $4)`, email, clientAddr, succeeded, db.Now())
	return translate(err)
}

// RecentFailures counts the failed attempts within the throttle window, for the account
// and for the client address. Failures older than the account's last success do not
// count against the account.
func (db *DB) RecentFailures(ctx context.Context, email, clientAddr string) (staff.Failures, error) {
	var f staff.Failures
	since := db.Now().Add(-staff.ThrottleWindow)
	err := db.Pool.QueryRow(ctx, `
		SELECT
		  (SELECT count(*) FROM sign_in_attempts a
		    WHERE lower(a.email) = lower($1) AND NOT a.succeeded AND a.attempted_at > $3
		      AND a.attempted_at > coalesce((SELECT max(s.attempted_at) FROM sign_in_attempts s
		                                      WHERE lower(s.email) = lower($1) AND s.succeeded), '-infinity')),
		  (SELECT count(*) FROM sign_in_attempts
		    WHERE client_ip = $2 AND NOT succeeded AND attempted_at > $3)`,
		email, clientAddr, since).Scan(&f.ForAccount, &f.ForClientAddr)
	return f, translate(err)
}

// PurgeSignInAttempts forgets attempts older than the throttle window: they count for
// nothing and hold client addresses.
func (db *DB) PurgeSignInAttempts(ctx context.Context) error {
	_, err := db.Pool.Exec(ctx, `DELETE FROM sign_in_attempts WHERE attempted_at < $1`,
		db.Now().Add(-staff.ThrottleWindow))
	return translate(err)
}
