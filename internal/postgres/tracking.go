package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
)

// RequestByToken finds the request a tracking link opens. An unknown or expired token
// is a bienvenue.ErrNotFound, whatever the reason.
func (db *DB) RequestByToken(ctx context.Context, tokenHash []byte) (casework.Request, error) {
	var id int64
	err := db.Pool.QueryRow(ctx, `SELECT request_id FROM tracking_tokens WHERE token_hash = $1 AND expires_at > $2`,
		tokenHash, db.Now()).Scan(&id)
	if err != nil {
		return casework.Request{}, translate(err)
	}
	return db.Request(ctx, id)
}

// AddApplicantMessage records the applicant's reply. A request that waited for them
// goes back to work: the service-level clock resumes.
func (db *DB) AddApplicantMessage(ctx context.Context, requestID int64, body string) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		now := db.Now()
		if err := insertEvent(ctx, tx, requestID, now, event{kind: "message_in", actor: "applicant", body: body}); err != nil {
			return err
		}
		var status casework.Status
		if err := tx.QueryRow(ctx, `SELECT status FROM requests WHERE id = $1 FOR UPDATE`, requestID).Scan(&status); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE requests SET updated_at = $2 WHERE id = $1`, requestID, now); err != nil {
			return err
		}
		if status != casework.StatusWaiting {
			return nil
		}
		if err := db.transition(ctx, tx, requestID, status, casework.StatusInProgress, now); err != nil {
			return err
		}
		return insertEvent(ctx, tx, requestID, now, event{kind: "status", actor: "system", detail: string(casework.StatusInProgress)})
	})
}

// Link is a fresh tracking link's token for one request.
type Link struct {
	Reference string
	Token     string
}

// SendTrackingLinks makes a fresh link to every request filed with email and queues one
// email listing them. An email with no request does nothing: the caller answers the same
// either way, so that nobody learns which addresses are known.
func (db *DB) SendTrackingLinks(ctx context.Context, email string, compose func([]Link) mail.Message) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, reference FROM requests WHERE lower(email) = lower($1) ORDER BY id`, email)
		if err != nil {
			return err
		}
		type found struct {
			id  int64
			ref string
		}
		requests, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (found, error) {
			var f found
			return f, row.Scan(&f.id, &f.ref)
		})
		if err != nil || len(requests) == 0 {
			return err
		}
		now := db.Now()
		links := make([]Link, 0, len(requests))
		for _, r := range requests {
			token, hash := casework.NewToken()
			if err := insertToken(ctx, tx, r.id, hash, now, now.Add(casework.TrackingLinkLifetime)); err != nil {
				return err
			}
			links = append(links, Link{Reference: r.ref, Token: token})
		}
		m := compose(links)
		m.To = email
		return db.queueEmail(ctx, tx, m)
	})
}

// newLink makes a fresh tracking link to a request, inside tx.
func newLink(ctx context.Context, tx pgx.Tx, requestID int64, now time.Time) (string, error) {
	token, hash := casework.NewToken()
	return token, insertToken(ctx, tx, requestID, hash, now, now.Add(casework.TrackingLinkLifetime))
}
