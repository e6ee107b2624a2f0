package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
)

// dues computes a request's due dates: its queue's targets in working days from its
// creation, pushed back by the working days it waited for the applicant.
func (db *DB) dues(created time.Time, firstResponseDays, resolutionDays, pausedDays int) (time.Time, time.Time) {
	return db.Calendar.Deadline(created, firstResponseDays+pausedDays), db.Calendar.Deadline(created, resolutionDays+pausedDays)
}

// recomputeDues sets a request's due dates and next_due from its state, inside tx.
func (db *DB) recomputeDues(ctx context.Context, tx pgx.Tx, requestID int64) error {
	var created time.Time
	var frDays, resDays, paused int
	var status casework.Status
	var firstAt *time.Time
	err := tx.QueryRow(ctx, `
		SELECT r.created_at, q.first_response_days, q.resolution_days, r.paused_days, r.status, r.first_response_at
		FROM requests r JOIN queues q ON q.id = r.queue_id WHERE r.id = $1`, requestID).
		Scan(&created, &frDays, &resDays, &paused, &status, &firstAt)
	if err != nil {
		return err
	}
	fr, res := db.dues(created, frDays, resDays, paused)
	_, err = tx.Exec(ctx, `UPDATE requests SET first_response_due = $2, resolution_due = $3, next_due = $4 WHERE id = $1`,
		requestID, fr, res, nextDue(status, firstAt != nil, fr, res))
	return err
}

// nextDue is casework.NextDue as a nullable column.
func nextDue(s casework.Status, firstResponded bool, fr, res time.Time) *time.Time {
	if due, ok := casework.NextDue(s, firstResponded, fr, res); ok {
		return &due
	}
	return nil
}

// transition moves a request from one status to another inside tx: waiting for the
// applicant pauses its clocks, leaving that state resumes them with the pause's working
// days added, resolving or closing stops them.
func (db *DB) transition(ctx context.Context, tx pgx.Tx, requestID int64, from, to casework.Status, now time.Time) error {
	if from == to {
		return nil
	}
	if from == casework.StatusWaiting {
		var pausedAt *time.Time
		if err := tx.QueryRow(ctx, `SELECT paused_at FROM requests WHERE id = $1`, requestID).Scan(&pausedAt); err != nil {
			return err
		}
		days := 0
		if pausedAt != nil {
			days = db.Calendar.WorkingDaysBetween(*pausedAt, now)
		}
		if _, err := tx.Exec(ctx, `UPDATE requests SET paused_at = NULL, paused_days = paused_days + $2 WHERE id = $1`,
			requestID, days); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, `
		UPDATE requests SET status = $2,
			paused_at = CASE WHEN $2 = 'waiting_applicant' THEN $3 ELSE paused_at END,
			closed_at = CASE WHEN $2 IN ('resolved', 'closed') THEN coalesce(closed_at, $3) END
		WHERE id = $1`, requestID, to, now)
	if err != nil {
		return err
	}
	return db.recomputeDues(ctx, tx, requestID)
}
