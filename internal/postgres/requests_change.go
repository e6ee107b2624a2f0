package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
)

// change applies a staff member's change to a request and records it in the request's
// history, in one transaction.
func (db *DB) change(ctx context.Context, requestID, actorID int64, apply func(tx pgx.Tx, now time.Time) ([]event, error)) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		now := db.Now()
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT true FROM requests WHERE id = $1 FOR UPDATE`, requestID).Scan(&exists); err != nil {
			return err
		}
		events, err := apply(tx, now)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE requests SET updated_at = $2 WHERE id = $1`, requestID, now); err != nil {
			return err
		}
		for _, e := range events {
			e.actor, e.staffID = "staff", actorID
			if err := insertEvent(ctx, tx, requestID, now, e); err != nil {
				return err
			}
		}
		return audit(ctx, tx, now, actorID, requestID, AuditChange, events[0].kind)
	})
}

// one is a change's single event, or its error.
func one(e event, err error) ([]event, error) {
	if err != nil {
		return nil, err
	}
	return []event{e}, nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", bienvenue.ErrInvalid, fmt.Sprintf(format, args...))
}

// Claim gives the request to the staff member who asks for it.
func (db *DB) Claim(ctx context.Context, requestID, staffID int64) error {
	return db.change(ctx, requestID, staffID, func(tx pgx.Tx, _ time.Time) ([]event, error) {
		_, err := tx.Exec(ctx, `UPDATE requests SET assignee_id = $2 WHERE id = $1`, requestID, staffID)
		return one(event{kind: "claimed", internal: true}, err)
	})
}

// Assign gives the request to an officer of its queue, or to nobody when assigneeID is 0.
func (db *DB) Assign(ctx context.Context, requestID, actorID, assigneeID int64) error {
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, _ time.Time) ([]event, error) {
		if assigneeID == 0 {
			_, err := tx.Exec(ctx, `UPDATE requests SET assignee_id = NULL WHERE id = $1`, requestID)
			return one(event{kind: "unassigned", internal: true}, err)
		}
		var name string
		err := tx.QueryRow(ctx, `
			UPDATE requests r SET assignee_id = $2 FROM staff_users u
			WHERE r.id = $1 AND u.id = $2 AND EXISTS (SELECT FROM queue_members m WHERE m.queue_id = r.queue_id AND m.staff_id = $2)
			RETURNING u.name`, requestID, assigneeID).Scan(&name)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, invalid("staff %d is not an officer of the request's queue", assigneeID)
		}
		return one(event{kind: "assigned", internal: true, detail: name}, err)
	})
}

// MoveToQueue sends the request to another queue; its officer keeps it only if they
// belong to the new queue too.
func (db *DB) MoveToQueue(ctx context.Context, requestID, actorID, queueID int64) error {
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, _ time.Time) ([]event, error) {
		var name string
		err := tx.QueryRow(ctx, `
			UPDATE requests r SET queue_id = q.id,
				assignee_id = CASE WHEN EXISTS (SELECT FROM queue_members m WHERE m.queue_id = q.id AND m.staff_id = r.assignee_id)
					THEN r.assignee_id END
			FROM queues q WHERE r.id = $1 AND q.id = $2
			RETURNING q.name`, requestID, queueID).Scan(&name)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, invalid("no queue %d", queueID)
		}
		if err == nil {
			err = db.recomputeDues(ctx, tx, requestID)
		}
		return one(event{kind: "queue", internal: true, detail: name}, err)
	})
}

// SetStatus moves the request to status; resolving it needs an outcome, and an
// installation or an internship its details (validated by the caller).
func (db *DB) SetStatus(ctx context.Context, requestID, actorID int64, status casework.Status, outcome casework.Outcome,
	details casework.OutcomeDetails) error {
	if !slices.Contains(casework.Statuses, status) {
		return invalid("status %q", status)
	}
	if status == casework.StatusResolved && !slices.Contains(casework.Outcomes, outcome) {
		return invalid("resolving needs an outcome, not %q", outcome)
	}
	if status != casework.StatusResolved {
		outcome = ""
	}
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, now time.Time) ([]event, error) {
		var current casework.Status
		if err := tx.QueryRow(ctx, `SELECT status FROM requests WHERE id = $1`, requestID).Scan(&current); err != nil {
			return nil, err
		}
		if err := db.transition(ctx, tx, requestID, current, status, now); err != nil {
			return nil, err
		}
		_, err := tx.Exec(ctx, `UPDATE requests SET outcome = nullif($2, '') WHERE id = $1`, requestID, outcome)
		if err == nil {
			err = recordOutcome(ctx, tx, requestID, outcome, details, now)
		}
		if status == casework.StatusResolved {
			return one(event{kind: "resolved", detail: string(outcome)}, err)
		}
		return one(event{kind: "status", detail: string(status)}, err)
	})
}

// SetPriority changes the request's priority.
func (db *DB) SetPriority(ctx context.Context, requestID, actorID int64, p casework.Priority) error {
	if !slices.Contains(casework.Priorities, p) {
		return invalid("priority %q", p)
	}
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, _ time.Time) ([]event, error) {
		_, err := tx.Exec(ctx, `UPDATE requests SET priority = $2 WHERE id = $1`, requestID, p)
		return one(event{kind: "priority", internal: true, detail: string(p)}, err)
	})
}

// SetNeedStatus moves one need of the request; the applicant sees it on their page.
func (db *DB) SetNeedStatus(ctx context.Context, requestID, actorID int64, kind string, s casework.NeedStatus) error {
	if !slices.Contains(casework.NeedStatuses, s) {
		return invalid("need status %q", s)
	}
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, _ time.Time) ([]event, error) {
		tag, err := tx.Exec(ctx, `UPDATE request_needs SET status = $3 WHERE request_id = $1 AND kind = $2`, requestID, kind, s)
		if err == nil && tag.RowsAffected() == 0 {
			err = invalid("the request has no need %q", kind)
		}
		return one(event{kind: "need", detail: kind + ":" + string(s)}, err)
	})
}

// AddNote keeps an internal note, never shown to the applicant.
func (db *DB) AddNote(ctx context.Context, requestID, actorID int64, body string) error {
	return db.change(ctx, requestID, actorID, func(pgx.Tx, time.Time) ([]event, error) {
		return []event{{kind: "note", internal: true, body: body}}, nil
	})
}

// SendMessage writes to the applicant and emails them a fresh link to read it. A new
// request goes in progress; awaitReply makes it wait for the applicant, which pauses
// its service-level clock.
func (db *DB) SendMessage(ctx context.Context, requestID, actorID int64, body string, awaitReply bool,
	notify func(token string) mail.Message) error {
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, now time.Time) ([]event, error) {
		var current casework.Status
		if err := tx.QueryRow(ctx, `SELECT status FROM requests WHERE id = $1`, requestID).Scan(&current); err != nil {
			return nil, err
		}
		events := []event{{kind: "message_out", body: body}}
		next := current
		if awaitReply {
			next = casework.StatusWaiting
		} else if current == casework.StatusNew {
			next = casework.StatusInProgress
		}
		if _, err := tx.Exec(ctx, `UPDATE requests SET first_response_at = coalesce(first_response_at, $2) WHERE id = $1`,
			requestID, now); err != nil {
			return nil, err
		}
		if next != current {
			events = append(events, event{kind: "status", detail: string(next)})
		}
		if err := db.transition(ctx, tx, requestID, current, next, now); err != nil {
			return nil, err
		}
		if next == current { // the first response may have stopped a clock
			if err := db.recomputeDues(ctx, tx, requestID); err != nil {
				return nil, err
			}
		}
		token, err := newLink(ctx, tx, requestID, now)
		if err != nil {
			return nil, err
		}
		return events, db.queueEmail(ctx, tx, notify(token))
	})
}

// recordOutcome keeps where and how a request ended, or forgets it when it reopens.
func recordOutcome(ctx context.Context, tx pgx.Tx, requestID int64, o casework.Outcome, d casework.OutcomeDetails, now time.Time) error {
	if _, err := tx.Exec(ctx, `DELETE FROM request_outcomes WHERE request_id = $1`, requestID); err != nil || !o.NeedsDetails() {
		return err
	}
	var installedOn *time.Time
	if !d.InstalledOn.IsZero() {
		installedOn = &d.InstalledOn
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO request_outcomes (request_id, outcome, commune_insee, installed_on, structure_kind, structure_name,
			practice_mode, host, semester, recorded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		requestID, o, d.CommuneINSEE, installedOn, d.StructureKind, d.StructureName, d.PracticeMode, d.Host, d.Semester, now)
	return err
}
