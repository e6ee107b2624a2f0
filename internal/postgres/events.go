package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/events"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
)

const eventColumns = `e.id, e.title, e.starts_at, e.ends_at, e.commune_insee, e.address, e.online_url, e.audience,
	e.capacity, e.description, e.published, e.published_at, e.updated_at, coalesce(u.name, ''),
	(SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'confirmed'),
	(SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted')`

const eventFrom = ` FROM events e LEFT JOIN staff_users u ON u.id = e.updated_by`

func eventFields(e *events.Event) []any {
	return []any{&e.ID, &e.Title, &e.StartsAt, &e.EndsAt, &e.Commune, &e.Address, &e.OnlineURL, &e.Audience,
		&e.Capacity, &e.Description, &e.Published, &e.PublishedAt, &e.UpdatedAt, &e.UpdatedBy, &e.Confirmed, &e.Waitlisted}
}

func scanEvent(row pgx.CollectableRow) (events.Event, error) {
	var e events.Event
	return e, row.Scan(eventFields(&e)...)
}

// Event returns an event, draft or published, with its registration counts.
func (db *DB) Event(ctx context.Context, id int64) (events.Event, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+eventColumns+eventFrom+` WHERE e.id = $1`, id)
	if err != nil {
		return events.Event{}, translate(err)
	}
	e, err := pgx.CollectExactlyOneRow(rows, scanEvent)
	return e, translate(err)
}

// UpcomingEvents lists the published events not over at now, soonest first, for an
// audience ("" for all; events for everyone match every audience), one page at a time,
// with how many there are in all.
func (db *DB) UpcomingEvents(ctx context.Context, now time.Time, audience events.Audience, limit, offset int) ([]events.Event, int, error) {
	var c conditions
	c.add("e.published AND e.ends_at > ?", now)
	if audience != "" {
		c.add("e.audience IN (?, 'tous')", audience)
	}
	return pageOf(ctx, db, eventColumns, eventFrom, c, `e.starts_at, e.id`, offset, limit, eventFields)
}

// AllEvents lists every event for staff, drafts included, latest start first.
func (db *DB) AllEvents(ctx context.Context, limit, offset int) ([]events.Event, int, error) {
	return pageOf(ctx, db, eventColumns, eventFrom, conditions{}, `e.starts_at DESC, e.id DESC`, offset, limit, eventFields)
}

// SaveEvent creates (e.ID 0) or changes an event as a draft or in place, and records the
// change in its history in the same transaction. zone writes times for the history's
// comparison of fields. Places added to an event not yet started go to the people
// waiting, each told by an email that promoted writes.
func (db *DB) SaveEvent(ctx context.Context, e events.Event, staffID int64, zone *time.Location, promoted func(events.Event, events.Registration) mail.Message) (int64, error) {
	id := e.ID
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		now := db.Now()
		if id == 0 {
			err := tx.QueryRow(ctx, `INSERT INTO events (title, starts_at, ends_at, commune_insee, address, online_url,
				audience, capacity, description, created_at, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id`,
				e.Title, e.StartsAt, e.EndsAt, e.Commune, e.Address, e.OnlineURL, e.Audience, e.Capacity, e.Description,
				now, nullID(staffID)).Scan(&id)
			if err != nil {
				return err
			}
			return db.recordChange(ctx, tx, content.KindEvent, fmt.Sprint(id), staffID, content.ActionCreate, nil)
		}
		rows, err := tx.Query(ctx, `SELECT `+eventColumns+eventFrom+` WHERE e.id = $1 FOR UPDATE OF e`, id)
		if err != nil {
			return err
		}
		before, err := pgx.CollectExactlyOneRow(rows, scanEvent)
		if err != nil {
			return err
		}
		changed := content.ChangedFields(before.Fields(zone), e.Fields(zone))
		if len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE events SET title = $2, starts_at = $3, ends_at = $4, commune_insee = $5,
			address = $6, online_url = $7, audience = $8, capacity = $9, description = $10, updated_at = $11, updated_by = $12
			WHERE id = $1`, id, e.Title, e.StartsAt, e.EndsAt, e.Commune, e.Address, e.OnlineURL, e.Audience, e.Capacity,
			e.Description, now, nullID(staffID)); err != nil {
			return err
		}
		if err := db.recordChange(ctx, tx, content.KindEvent, fmt.Sprint(id), staffID, content.ActionEdit, changed); err != nil {
			return err
		}
		if e.Capacity <= before.Capacity || !e.Open(now) {
			return nil
		}
		return db.promoteWaiting(ctx, tx, id, promoted)
	})
	return id, err
}

// NewRegistration is a sign-up with what storing it needs.
type NewRegistration struct {
	EventID    int64
	Registrant events.Registrant
	Lang       string
	TokenHash  []byte // of the private cancellation link
	// Email writes the registrant's email once their status is known.
	Email func(events.Event, events.Status) mail.Message
}

// ErrRegistrationClosed is a sign-up to an event that has started.
var ErrRegistrationClosed = fmt.Errorf("registration closed: %w", bienvenue.ErrInvalid)

// Register signs someone up to a published event: confirmed while places remain,
// waitlisted after. The event's row is locked for the transaction, so that concurrent
// sign-ups take turns and never confirm more than the capacity. The email is queued in
// the same transaction. The same address twice is a bienvenue.ErrConflict.
func (db *DB) Register(ctx context.Context, in NewRegistration) (events.Status, error) {
	var status events.Status
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		now := db.Now()
		e, err := lockEvent(ctx, tx, in.EventID)
		if err != nil {
			return err
		}
		if !e.Published {
			return bienvenue.ErrNotFound
		}
		if !e.Open(now) {
			return ErrRegistrationClosed
		}
		status = events.StatusWaitlisted
		if e.PlacesLeft() > 0 {
			status = events.StatusConfirmed
		}
		r := in.Registrant
		if _, err := tx.Exec(ctx, `INSERT INTO event_registrations (event_id, name, email, phone, lang, status, token_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, e.ID, r.Name, r.Email, r.Phone, in.Lang, status, in.TokenHash, now); err != nil {
			return err
		}
		return db.queueEmail(ctx, tx, in.Email(e, status))
	})
	return status, err
}

// lockEvent reads an event and locks its row until the transaction ends.
func lockEvent(ctx context.Context, tx pgx.Tx, id int64) (events.Event, error) {
	if _, err := tx.Exec(ctx, `SELECT 1 FROM events WHERE id = $1 FOR UPDATE`, id); err != nil {
		return events.Event{}, err
	}
	rows, err := tx.Query(ctx, `SELECT `+eventColumns+eventFrom+` WHERE e.id = $1`, id)
	if err != nil {
		return events.Event{}, err
	}
	return pgx.CollectExactlyOneRow(rows, scanEvent)
}

const registrationColumns = `r.id, r.event_id, r.name, r.email, r.phone, r.lang, r.status, r.created_at,
	CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM event_registrations w
		WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.id <= r.id) ELSE 0 END`

func scanRegistration(row pgx.CollectableRow) (events.Registration, error) {
	var r events.Registration
	err := row.Scan(&r.ID, &r.EventID, &r.Registrant.Name, &r.Registrant.Email, &r.Registrant.Phone, &r.Lang,
		&r.Status, &r.CreatedAt, &r.Position)
	return r, err
}

// RegistrationByToken finds the registration a cancellation link opens, with its event.
func (db *DB) RegistrationByToken(ctx context.Context, hash []byte) (events.Registration, events.Event, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+registrationColumns+` FROM event_registrations r WHERE r.token_hash = $1`, hash)
	if err != nil {
		return events.Registration{}, events.Event{}, translate(err)
	}
	reg, err := pgx.CollectExactlyOneRow(rows, scanRegistration)
	if err != nil {
		return reg, events.Event{}, translate(err)
	}
	e, err := db.Event(ctx, reg.EventID)
	return reg, e, err
}

// Registrations lists an event's registrations for staff, in order of arrival.
func (db *DB) Registrations(ctx context.Context, eventID int64) ([]events.Registration, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+registrationColumns+` FROM event_registrations r
		WHERE r.event_id = $1 ORDER BY r.id`, eventID)
	if err != nil {
		return nil, translate(err)
	}
	list, err := pgx.CollectRows(rows, scanRegistration)
	return list, translate(err)
}

// CancelRegistration cancels the registration of a cancellation link. Cancelling a
// confirmed place gives it to the first person waiting, whose email (written by
// promoted) is queued in the same transaction. Cancelling twice changes nothing.
func (db *DB) CancelRegistration(ctx context.Context, hash []byte, promoted func(events.Event, events.Registration) mail.Message) error {
	return db.cancelRegistration(ctx, "token_hash", hash, 0, promoted, nil)
}

// CancelRegistrationFor cancels, for the person who asked staff to, registration id to
// event eventID (the same rules as CancelRegistration), and writes who did it in the audit log.
func (db *DB) CancelRegistrationFor(ctx context.Context, eventID, id, staffID int64, promoted func(events.Event, events.Registration) mail.Message) error {
	return db.cancelRegistration(ctx, "id", id, eventID, promoted, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO audit_log (at, staff_id, staff_name, reference, action, detail)
			SELECT $1, u.id, u.name, 'EVT-' || $3::bigint, $4, 'inscription ' || $5::bigint || ' annulée pour la personne'
			FROM staff_users u WHERE u.id = $2`, db.Now(), staffID, eventID, AuditChange, id)
		return err
	})
}

// cancelRegistration cancels the registration whose column (token_hash or id) is key; an
// eventID other than 0 must be the registration's. also, when not nil, runs in the same
// transaction once the registration is cancelled.
func (db *DB) cancelRegistration(ctx context.Context, column string, key any, eventID int64,
	promoted func(events.Event, events.Registration) mail.Message, also func(pgx.Tx) error) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var found int64
		if err := tx.QueryRow(ctx, `SELECT event_id FROM event_registrations WHERE `+column+` = $1`, key).Scan(&found); err != nil {
			return err
		}
		if eventID != 0 && found != eventID {
			return bienvenue.ErrNotFound
		}
		eventID = found
		// The event first, as sign-ups lock it: promotions take turns with them.
		e, err := lockEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		now := db.Now()
		var was events.Status
		err = tx.QueryRow(ctx, `UPDATE event_registrations n SET status = 'cancelled', cancelled_at = $2
			FROM event_registrations o WHERE o.id = n.id AND n.`+column+` = $1 AND n.status <> 'cancelled'
			RETURNING o.status`, key, now).Scan(&was)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		if was != events.StatusConfirmed || !e.Open(now) {
			return nil
		}
		return db.promoteWaiting(ctx, tx, eventID, promoted)
	})
}

// promoteWaiting gives the free places of an event, if any, to the people waiting, in
// order of arrival, and queues an email to each. The caller holds the event's lock.
func (db *DB) promoteWaiting(ctx context.Context, tx pgx.Tx, eventID int64, promoted func(events.Event, events.Registration) mail.Message) error {
	rows, err := tx.Query(ctx, `UPDATE event_registrations r SET status = 'confirmed', promoted_at = $2
		WHERE id IN (SELECT id FROM event_registrations WHERE event_id = $1 AND status = 'waitlisted' ORDER BY id
			LIMIT greatest(0, (SELECT capacity FROM events WHERE id = $1)
				- (SELECT count(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed')))
		RETURNING `+registrationColumns, eventID, db.Now())
	if err != nil {
		return err
	}
	next, err := pgx.CollectRows(rows, scanRegistration)
	if err != nil || len(next) == 0 {
		return err
	}
	e, err := lockEvent(ctx, tx, eventID)
	if err != nil {
		return err
	}
	for _, reg := range next {
		if err := db.queueEmail(ctx, tx, promoted(e, reg)); err != nil {
			return err
		}
	}
	return nil
}

// Reminder is a confirmed registration whose event starts soon.
type Reminder struct {
	Event        events.Event
	Registration events.Registration
}

// RemindRegistrations queues, once per registration, the reminder of an event starting
// within a day: reminded_at is set in the transaction that queues the email, and rows
// another instance is reminding are skipped.
func (db *DB) RemindRegistrations(ctx context.Context, email func(Reminder) mail.Message) (int, error) {
	var n int
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		now := db.Now()
		rows, err := tx.Query(ctx, `SELECT `+registrationColumns+` FROM event_registrations r JOIN events e ON e.id = r.event_id
			WHERE r.status = 'confirmed' AND r.reminded_at IS NULL AND e.published
				AND e.starts_at > $1 AND e.starts_at <= $1 + interval '1 day'
			ORDER BY r.id FOR UPDATE OF r SKIP LOCKED`, now)
		if err != nil {
			return err
		}
		regs, err := pgx.CollectRows(rows, scanRegistration)
		if err != nil {
			return err
		}
		seen := map[int64]events.Event{}
		for _, reg := range regs {
			e, ok := seen[reg.EventID]
			if !ok {
				rows, err := tx.Query(ctx, `SELECT `+eventColumns+eventFrom+` WHERE e.id = $1`, reg.EventID)
				if err != nil {
					return err
				}
				if e, err = pgx.CollectExactlyOneRow(rows, scanEvent); err != nil {
					return err
				}
				seen[reg.EventID] = e
			}
			if err := db.queueEmail(ctx, tx, email(Reminder{Event: e, Registration: reg})); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE event_registrations SET reminded_at = $2 WHERE id = $1`, reg.ID, now); err != nil {
				return err
			}
		}
		n = len(regs)
		return nil
	})
	return n, err
}

// AnonymisePastRegistrations blanks the identity and contact of the registrations to
// events that ended before cutoff, forgets their links and the kept emails sent to them
// (as the anonymisation of requests does); statuses and counts stay.
func (db *DB) AnonymisePastRegistrations(ctx context.Context, cutoff time.Time) (int, error) {
	var n int
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		const expired = `anonymised_at IS NULL AND event_id IN (SELECT id FROM events WHERE ends_at < $1)`
		if _, err := tx.Exec(ctx, `DELETE FROM captured_emails WHERE to_address IN
			(SELECT email FROM event_registrations WHERE `+expired+`)`, cutoff); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE event_registrations SET name = '', email = '', phone = '', token_hash = NULL,
			anonymised_at = $2 WHERE `+expired, cutoff, db.Now())
		n = int(tag.RowsAffected())
		return err
	})
	return n, err
}

// AuditRegistrations records that a staff member read an event's registrations.
func (db *DB) AuditRegistrations(ctx context.Context, staffID, eventID int64) error {
	_, err := db.Pool.Exec(ctx, `INSERT INTO audit_log (at, staff_id, staff_name, reference, action, detail)
		SELECT $1, u.id, u.name, 'EVT-' || $3::bigint, $4, 'inscriptions à l''évènement'
		FROM staff_users u WHERE u.id = $2`, db.Now(), staffID, eventID, AuditView)
	return translate(err)
}
