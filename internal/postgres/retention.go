package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// AnonymiseExpired anonymises the requests resolved or closed before cutoff and returns
// how many: identity, contact and free text go; audience, needs, statuses, outcome and
// territory stay for statistics.
func (db *DB) AnonymiseExpired(ctx context.Context, cutoff time.Time) (int, error) {
	var n int
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id FROM requests WHERE closed_at < $1 AND anonymised_at IS NULL
			AND status IN ('resolved', 'closed') FOR UPDATE`, cutoff)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil || len(ids) == 0 {
			return err
		}
		n = len(ids)
		return db.anonymise(ctx, tx, ids, 0, "retention")
	})
	return n, err
}

// Anonymise removes a request's personal data now, when an officer confirms the
// applicant's request for deletion.
func (db *DB) Anonymise(ctx context.Context, requestID, actorID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		return db.anonymise(ctx, tx, []int64{requestID}, actorID, "deletion requested by the applicant")
	})
}

func (db *DB) anonymise(ctx context.Context, tx pgx.Tx, ids []int64, actorID int64, why string) error {
	now := db.Now()
	if _, err := tx.Exec(ctx, `DELETE FROM captured_emails WHERE to_address IN (SELECT email FROM requests WHERE id = ANY ($1))`, ids); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `
		UPDATE requests SET first_name = '', last_name = '', email = '', phone = '', spouse_field = '',
			children_levels = '', organisation = '', message = '', anonymised_at = $2, updated_at = $2
		WHERE id = ANY ($1)`, ids, now); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE request_events SET body = '' WHERE request_id = ANY ($1)`, ids); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM tracking_tokens WHERE request_id = ANY ($1)`, ids); err != nil {
		return err
	}
	for _, id := range ids {
		if err := insertEvent(ctx, tx, id, now, event{kind: "anonymised", actor: actorKind(actorID), staffID: actorID, internal: true}); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO audit_log (at, staff_id, staff_name, request_id, reference, action, detail)
		SELECT $1, u.id, coalesce(u.name, 'Bienvenue'), r.id, r.reference, 'anonymise', $4
		FROM requests r LEFT JOIN staff_users u ON u.id = $3
		WHERE r.id = ANY ($2)`, now, ids, nullID(actorID), why)
	return err
}

func actorKind(staffID int64) string {
	if staffID == 0 {
		return "system"
	}
	return "staff"
}

// RequestDeletion records the applicant's request that their data be erased; an officer
// confirms it.
func (db *DB) RequestDeletion(ctx context.Context, requestID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		now := db.Now()
		tag, err := tx.Exec(ctx, `UPDATE requests SET deletion_requested_at = $2 WHERE id = $1 AND deletion_requested_at IS NULL`,
			requestID, now)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		return insertEvent(ctx, tx, requestID, now, event{kind: "deletion_requested", actor: "applicant"})
	})
}
