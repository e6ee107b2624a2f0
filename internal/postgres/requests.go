package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
)

// NewRequest is a submitted application with what storing it needs.
type NewRequest struct {
	Audience        casework.Audience
	Application     casework.Application
	Lang            string
	FormKey         string   // the form's one-time key: the same key gives the same request
	ReferencePrefix string   // e.g. BD
	RoutingEPCIs    []string // intercommunalities targeted, directly or through communes
	SimulationID    string   // an aid simulation to attach, "" for none
	OfferID         int64    // the internship offer the request is about, 0 for none
	OpportunityID   int64    // the practice opportunity the request is about, 0 for none
	TokenHash       []byte   // the tracking link's token, hashed
	TokenExpires    time.Time
	// Confirmation writes the applicant's email once the reference is known.
	Confirmation func(reference string) mail.Message
}

// CreateRequest stores a request, routes it to a queue, assigns it by the queue's
// policy, and queues the confirmation email, all in one transaction. A form key already
// used returns the request it made, with created false, and changes nothing.
func (db *DB) CreateRequest(ctx context.Context, in NewRequest) (reference string, created bool, err error) {
	// A form sent again gets its request back without taking a number.
	err = db.Pool.QueryRow(ctx, `SELECT reference FROM requests WHERE form_key = $1`, in.FormKey).Scan(&reference)
	if err == nil || !errors.Is(err, pgx.ErrNoRows) {
		return reference, false, translate(err)
	}
	now := db.Now()
	number, err := db.nextReference(ctx, now.Year())
	if err != nil {
		return "", false, translate(err)
	}
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		reference, created, err = db.createRequest(ctx, tx, in, now, number)
		return err
	})
	if errors.Is(err, bienvenue.ErrConflict) {
		// The same form sent twice at once: the other transaction won.
		err = db.Pool.QueryRow(ctx, `SELECT reference FROM requests WHERE form_key = $1`, in.FormKey).Scan(&reference)
		return reference, false, translate(err)
	}
	return reference, created, err
}

// nextReference takes the year's next reference number in a transaction of its own, so
// that the counter's row is locked for an instant rather than until the request is
// durably stored: submissions at the same moment no longer wait for each other's disk
// write. A request that then fails leaves a gap in the numbers, never a repeat. The
// counter's commit need not wait for the disk: the request's own commit comes later in
// the log, so once a request is stored its number is too.
func (db *DB) nextReference(ctx context.Context, year int) (int, error) {
	var number int
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `
			INSERT INTO reference_counters (year, last) VALUES ($1, 1)
			ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1
			RETURNING last`, year).Scan(&number)
	})
	return number, err
}

// createRequest stores a request whose form key was not found a moment ago; the same
// form sent twice at once meets the key's unique constraint, a conflict.
func (db *DB) createRequest(ctx context.Context, tx pgx.Tx, in NewRequest, now time.Time, number int) (string, bool, error) {
	a := in.Application
	rule, queue, err := route(ctx, tx, routing.Subject{Audience: string(in.Audience), Needs: a.Needs,
		Situation: a.Situation, EPCIs: in.RoutingEPCIs})
	if err != nil {
		return "", false, err
	}
	assignee, err := assign(ctx, tx, queue)
	if err != nil {
		return "", false, err
	}
	frDue, resDue := db.dues(now, queue.firstResponse, queue.resolution, 0)
	ref := casework.FormatReference(in.ReferencePrefix, now.Year(), number)
	var id int64
	err = tx.QueryRow(ctx, `
		INSERT INTO requests (reference, form_key, audience, queue_id, rule_id, rule_name, assignee_id, lang,
			first_name, last_name, email, phone, situation, practice_mode, timeframe, target_epcis,
			target_communes, open_to_anywhere, spouse_field, children_levels, organisation, message,
			created_at, updated_at, first_response_due, resolution_due, next_due, simulation_id,
			offer_id, opportunity_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
			$21, $22, $23, $23, $24, $25, $26, (SELECT id FROM simulations WHERE id = $27),
			(SELECT id FROM offers WHERE id = $28 AND published), (SELECT id FROM opportunities WHERE id = $29 AND published))
		RETURNING id`,
		ref, in.FormKey, in.Audience, queue.id, nullID(rule.ID), rule.Name, nullID(assignee), in.Lang,
		a.FirstName, a.LastName, a.Email, a.Phone, a.Situation, a.PracticeMode, a.Timeframe, nonNil(a.TargetEPCIs),
		nonNil(a.TargetCommunes), a.OpenToAnywhere, a.SpouseField, a.ChildrenLevels, a.Organisation, a.Message,
		now, frDue, resDue, nextDue(casework.StatusNew, false, frDue, resDue), in.SimulationID,
		in.OfferID, in.OpportunityID).Scan(&id)
	if err != nil {
		return "", false, err
	}
	// The rest of the request in one round trip: needs, history, tracking link.
	batch := &pgx.Batch{}
	batch.Queue(`INSERT INTO request_needs (request_id, kind) SELECT $1, unnest($2::text[])`, id, a.Needs)
	routed := "default"
	if rule.ID != 0 {
		routed = rule.Name
	}
	events := []event{
		{kind: "created", actor: "applicant"},
		{kind: "routed", actor: "system", internal: true, detail: routed},
	}
	if assignee != 0 {
		events = append(events, event{kind: "assigned", actor: "system", internal: true, detail: fmt.Sprint(assignee)})
	}
	for _, e := range events {
		batch.Queue(insertEventSQL, eventArgs(id, now, e)...)
	}
	batch.Queue(insertTokenSQL, in.TokenHash, id, now, in.TokenExpires)
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return "", false, err
	}
	if err := db.queueEmail(ctx, tx, in.Confirmation(ref)); err != nil {
		return "", false, err
	}
	return ref, true, nil
}

// queueTerms is what a new request needs of its queue: how it is handed out and its
// service levels, in working days.
type queueTerms struct {
	id                        int64
	policy                    routing.Policy
	firstResponse, resolution int
}

// route picks the queue by the rules, in order, falling back to the default queue. The
// rules and the queues' terms are read in one round trip.
func route(ctx context.Context, tx pgx.Tx, s routing.Subject) (routing.Rule, queueTerms, error) {
	batch := &pgx.Batch{}
	batch.Queue(rulesInOrder)
	batch.Queue(`SELECT id, is_default, policy, first_response_days, resolution_days FROM queues`)
	results := tx.SendBatch(ctx, batch)
	rules, err := pgx.CollectRows(batchRows(results), scanRule)
	if err != nil {
		results.Close()
		return routing.Rule{}, queueTerms{}, err
	}
	var defaultQueue int64
	terms := map[int64]queueTerms{}
	var q queueTerms
	var isDefault bool
	_, err = pgx.ForEachRow(batchRows(results), []any{&q.id, &isDefault, &q.policy, &q.firstResponse, &q.resolution}, func() error {
		terms[q.id] = q
		if isDefault {
			defaultQueue = q.id
		}
		return nil
	})
	if err := errors.Join(err, results.Close()); err != nil {
		return routing.Rule{}, queueTerms{}, err
	}
	rule, ok := routing.Choose(rules, s)
	if !ok {
		if defaultQueue == 0 {
			return routing.Rule{}, queueTerms{}, errors.New("no default queue: a supervisor must mark one queue as the default")
		}
		return routing.Rule{}, terms[defaultQueue], nil
	}
	return rule, terms[rule.QueueID], nil
}

// batchRows is the next result of a batch; a failed query's rows carry its error.
func batchRows(results pgx.BatchResults) pgx.Rows {
	rows, _ := results.Query()
	return rows
}

// assign gives a new request of the queue to an officer by the queue's policy. A queue
// that hands requests out is locked, so that concurrent submissions take turns.
func assign(ctx context.Context, tx pgx.Tx, q queueTerms) (int64, error) {
	if q.policy == routing.PolicyClaim {
		return 0, nil // officers claim requests: nothing to hand out, nothing to lock
	}
	// Handing out reads and moves the queue's turn: one submission at a time.
	var policy routing.Policy
	var last *int64
	if err := tx.QueryRow(ctx, `SELECT policy, last_assigned_id FROM queues WHERE id = $1 FOR UPDATE`, q.id).Scan(&policy, &last); err != nil || policy == routing.PolicyClaim {
		return 0, err
	}
	rows, err := tx.Query(ctx, `
		SELECT m.staff_id, count(r.id)
		FROM queue_members m
		LEFT JOIN requests r ON r.assignee_id = m.staff_id AND r.status NOT IN ('resolved', 'closed')
		WHERE m.queue_id = $1
		GROUP BY m.staff_id`, q.id)
	if err != nil {
		return 0, err
	}
	members, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (routing.Member, error) {
		var m routing.Member
		return m, row.Scan(&m.StaffID, &m.OpenRequests)
	})
	if err != nil {
		return 0, err
	}
	var lastID int64
	if last != nil {
		lastID = *last
	}
	staffID, ok := routing.Assign(policy, members, lastID)
	if !ok {
		return 0, nil
	}
	_, err = tx.Exec(ctx, `UPDATE queues SET last_assigned_id = $2 WHERE id = $1`, q.id, staffID)
	return staffID, err
}

// event is one line of a request's history.
type event struct {
	kind     string
	actor    string // applicant, staff or system
	staffID  int64
	internal bool
	detail   string
	body     string
}

const insertEventSQL = `INSERT INTO request_events (request_id, at, actor, actor_staff_id, kind, internal, detail, body)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`

func eventArgs(requestID int64, at time.Time, e event) []any {
	return []any{requestID, at, e.actor, nullID(e.staffID), e.kind, e.internal, e.detail, e.body}
}

func insertEvent(ctx context.Context, tx pgx.Tx, requestID int64, at time.Time, e event) error {
	_, err := tx.Exec(ctx, insertEventSQL, eventArgs(requestID, at, e)...)
	return err
}

const insertTokenSQL = `INSERT INTO tracking_tokens (token_hash, request_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`

func insertToken(ctx context.Context, tx pgx.Tx, requestID int64, hash []byte, now, expires time.Time) error {
	_, err := tx.Exec(ctx, insertTokenSQL, hash, requestID, now, expires)
	return err
}

// queueEmail queues a message for delivery once the transaction commits.
func (db *DB) queueEmail(ctx context.Context, tx pgx.Tx, m mail.Message) error {
	_, err := db.jobs.InsertTx(ctx, tx, mail.Job{Message: m}, nil)
	return err
}

// nullID stores 0 as NULL.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
