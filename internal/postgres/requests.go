package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/riverqueue/river"

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
//
// Filing takes two round trips to the database: what it reads first (one statement;
// a second when the routing changed since this instance read it), then one statement
// that writes the request, its needs, history, tracking link and email, committed
// durably. A queue that hands requests out to its officers adds the turn's
// reading and moving, in a transaction.
func (db *DB) CreateRequest(ctx context.Context, in NewRequest) (reference string, created bool, err error) {
	now := db.Now()
	first, err := db.readIntake(ctx, in.FormKey, now.Year())
	if err != nil || first.sent != "" {
		return first.sent, false, translate(err)
	}
	a := in.Application
	rule, queue, err := first.routing.route(routing.Subject{Audience: string(in.Audience), Needs: a.Needs,
		Situation: a.Situation, EPCIs: in.RoutingEPCIs})
	if err != nil {
		return "", false, err
	}
	reference = casework.FormatReference(in.ReferencePrefix, now.Year(), first.number)
	if queue.policy == routing.PolicyClaim {
		err = translate(db.insertRequest(ctx, db.Pool, in, now, reference, rule, queue, 0))
	} else {
		err = db.inTx(ctx, func(tx pgx.Tx) error {
			assignee, err := assign(ctx, tx, queue)
			if err != nil {
				return err
			}
			return db.insertRequest(ctx, tx, in, now, reference, rule, queue, assignee)
		})
	}
	if errors.Is(err, bienvenue.ErrConflict) {
		// The same form sent twice at once: the other transaction won.
		err = db.Pool.QueryRow(ctx, `SELECT reference FROM requests WHERE form_key = $1`, in.FormKey).Scan(&reference)
		return reference, false, translate(err)
	}
	return reference, err == nil, err
}

// intake is what filing a request reads before writing: the reference of the request
// its form key already made or else a new number, and the routing it follows.
type intake struct {
	sent    string // the reference of the request the form key made, "" if none
	number  int
	routing *routingTable
}

// routingTable is the routing rules and the queues' terms, as they were at a version of
// routing_version (migration 00022). It is shared by the submissions that read the same
// version: nothing changes it once read.
type routingTable struct {
	version      int64
	rules        []routing.Rule
	terms        map[int64]queueTerms
	defaultQueue int64
}

// readIntake reads the intake in one round trip, two when the routing changed since
// this instance last read it. Numbers come from the year's sequence, which hands them
// out without a lock held until commit (submissions do not wait for each other's disk
// write; a request that fails leaves a gap, never a repeat); the year's first request
// creates it.
func (db *DB) readIntake(ctx context.Context, formKey string, year int) (intake, error) {
	first, err := db.tryIntake(ctx, formKey, year)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "42P01" { // undefined table: the year has no sequence yet
		return first, err
	}
	_, err = db.Pool.Exec(ctx, fmt.Sprintf(`CREATE SEQUENCE IF NOT EXISTS request_references_%d AS integer`, year))
	if err != nil && !errors.Is(translate(err), bienvenue.ErrConflict) { // another instance created it at once
		return intake{}, err
	}
	return db.tryIntake(ctx, formKey, year)
}

func (db *DB) tryIntake(ctx context.Context, formKey string, year int) (intake, error) {
	var first intake
	var version int64
	err := db.Pool.QueryRow(ctx, `
		WITH sent AS (SELECT reference FROM requests WHERE form_key = $1)
		SELECT coalesce((SELECT reference FROM sent), ''),
			CASE WHEN NOT EXISTS (SELECT FROM sent) THEN nextval(format('request_references_%s', $2::integer)::regclass) ELSE 0 END,
			(SELECT version FROM routing_version)`,
		formKey, year).Scan(&first.sent, &first.number, &version)
	if err != nil || first.sent != "" {
		return first, err
	}
	first.routing, err = db.routingAt(ctx, version)
	return first, err
}

// routingAt returns the routing at version: the one this instance keeps if it was read
// at that version, else the current one, read and kept.
func (db *DB) routingAt(ctx context.Context, version int64) (*routingTable, error) {
	if kept := db.routing.Load(); kept != nil && kept.version == version {
		return kept, nil
	}
	// The version is read before the rules, each statement seeing what was committed
	// when it started: a change between them gives rules newer than their version, read
	// again at the next submission, never rules older than it, kept.
	t := &routingTable{terms: map[int64]queueTerms{}}
	batch := &pgx.Batch{}
	batch.Queue(`SELECT version FROM routing_version`).QueryRow(func(row pgx.Row) error { return row.Scan(&t.version) })
	batch.Queue(rulesInOrder).Query(func(rows pgx.Rows) error {
		var err error
		t.rules, err = pgx.CollectRows(rows, scanRule)
		return err
	})
	batch.Queue(`SELECT id, is_default, policy, first_response_days, resolution_days FROM queues`).Query(func(rows pgx.Rows) error {
		var q queueTerms
		var isDefault bool
		_, err := pgx.ForEachRow(rows, []any{&q.id, &isDefault, &q.policy, &q.firstResponse, &q.resolution}, func() error {
			t.terms[q.id] = q
			if isDefault {
				t.defaultQueue = q.id
			}
			return nil
		})
		return err
	})
	if err := db.Pool.SendBatch(ctx, batch).Close(); err != nil {
		return nil, err
	}
	db.routing.Store(t)
	return t, nil
}

// insertRequest stores a request whose form key was not found a moment ago, with its
// needs, its first history lines, its tracking link and its confirmation email, in one
// statement; the same form sent twice at once meets the key's unique constraint, a
// conflict.
func (db *DB) insertRequest(ctx context.Context, q execer, in NewRequest, now time.Time, ref string, rule routing.Rule,
	queue queueTerms, assignee int64) error {
	a := in.Application
	routed := "default"
	if rule.ID != 0 {
		routed = rule.Name
	}
	history := []event{
		{kind: "created", actor: "applicant"},
		{kind: "routed", actor: "system", internal: true, detail: routed},
	}
	if assignee != 0 {
		history = append(history, event{kind: "assigned", actor: "system", internal: true, detail: fmt.Sprint(assignee)})
	}
	var kinds, actors, details []string
	var internal []bool
	for _, e := range history {
		kinds, actors, details, internal = append(kinds, e.kind), append(actors, e.actor), append(details, e.detail), append(internal, e.internal)
	}
	frDue, resDue := db.dues(now, queue.firstResponse, queue.resolution, 0)
	_, err := q.Exec(ctx, `
		WITH r AS (
			INSERT INTO requests (reference, form_key, audience, queue_id, rule_id, rule_name, assignee_id, lang,
				first_name, last_name, email, phone, situation, practice_mode, timeframe, target_epcis,
				target_communes, open_to_anywhere, spouse_field, children_levels, organisation, message,
				created_at, updated_at, first_response_due, resolution_due, next_due, simulation_id,
				offer_id, opportunity_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
				$21, $22, $23, $23, $24, $25, $26, (SELECT id FROM simulations WHERE id = $27),
				(SELECT id FROM offers WHERE id = $28 AND published), (SELECT id FROM opportunities WHERE id = $29 AND published))
			RETURNING id),
		needs AS (INSERT INTO request_needs (request_id, kind) SELECT r.id, unnest($30::text[]) FROM r),
		history AS (
			INSERT INTO request_events (request_id, at, actor, kind, internal, detail, body)
			SELECT r.id, $23, e.actor, e.kind, e.internal, e.detail, ''
			FROM r, unnest($31::text[], $32::text[], $33::boolean[], $34::text[]) WITH ORDINALITY AS e(actor, kind, internal, detail, n)
			ORDER BY e.n),
		link AS (INSERT INTO tracking_tokens (token_hash, request_id, created_at, expires_at) SELECT $35, r.id, $23, $36 FROM r)
		INSERT INTO outbox (message) SELECT $37 FROM r`,
		ref, in.FormKey, in.Audience, queue.id, nullID(rule.ID), rule.Name, nullID(assignee), in.Lang,
		a.FirstName, a.LastName, a.Email, a.Phone, a.Situation, a.PracticeMode, a.Timeframe, nonNil(a.TargetEPCIs),
		nonNil(a.TargetCommunes), a.OpenToAnywhere, a.SpouseField, a.ChildrenLevels, a.Organisation, a.Message,
		now, frDue, resDue, nextDue(casework.StatusNew, false, frDue, resDue), in.SimulationID,
		in.OfferID, in.OpportunityID, a.Needs, actors, kinds, internal, details, in.TokenHash, in.TokenExpires,
		in.Confirmation(ref))
	return err
}

// queueTerms is what a new request needs of its queue: how it is handed out and its
// service levels, in working days.
type queueTerms struct {
	id                        int64
	policy                    routing.Policy
	firstResponse, resolution int
}

// route picks the queue by the rules, in order, falling back to the default queue.
func (t *routingTable) route(s routing.Subject) (routing.Rule, queueTerms, error) {
	rule, ok := routing.Choose(t.rules, s)
	if !ok {
		if t.defaultQueue == 0 {
			return routing.Rule{}, queueTerms{}, errors.New("no default queue: a supervisor must mark one queue as the default")
		}
		return routing.Rule{}, t.terms[t.defaultQueue], nil
	}
	return rule, t.terms[rule.QueueID], nil
}

// assign gives a new request of the queue to an officer by the queue's policy. A queue
// that hands requests out is locked, so that concurrent submissions take turns.
func assign(ctx context.Context, tx pgx.Tx, q queueTerms) (int64, error) {
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

// insertEvent adds a line to a request's history.
func insertEvent(ctx context.Context, tx pgx.Tx, requestID int64, at time.Time, e event) error {
	_, err := tx.Exec(ctx, `INSERT INTO request_events (request_id, at, actor, actor_staff_id, kind, internal, detail, body)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, requestID, at, e.actor, nullID(e.staffID), e.kind, e.internal, e.detail, e.body)
	return err
}

func insertToken(ctx context.Context, tx pgx.Tx, requestID int64, hash []byte, now, expires time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO tracking_tokens (token_hash, request_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		hash, requestID, now, expires)
	return err
}

// queueEmail puts a message in the outbox, to be delivered once the transaction commits
// (HandOverEmails).
func (db *DB) queueEmail(ctx context.Context, tx pgx.Tx, m mail.Message) error {
	_, err := tx.Exec(ctx, `INSERT INTO outbox (message) VALUES ($1)`, m)
	return err
}

// HandOverEmails moves the emails waiting in the outbox to the delivery queue, oldest
// first, a batch per transaction, and returns how many it moved. Several instances may
// run it at once: each takes rows the others have not locked.
func (db *DB) HandOverEmails(ctx context.Context) (int, error) {
	const batch = 500
	moved := 0
	for {
		var messages []mail.Message
		err := db.inTx(ctx, func(tx pgx.Tx) error {
			rows, err := tx.Query(ctx, `
				DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
				RETURNING message`, batch)
			if err != nil {
				return err
			}
			if messages, err = pgx.CollectRows(rows, pgx.RowTo[mail.Message]); err != nil || len(messages) == 0 {
				return err
			}
			jobs := make([]river.InsertManyParams, len(messages))
			for i, m := range messages {
				jobs[i] = river.InsertManyParams{Args: mail.Job{Message: m}, InsertOpts: &river.InsertOpts{Queue: mail.Queue}}
			}
			_, err = db.jobs.InsertManyTx(ctx, tx, jobs)
			return err
		})
		if err != nil {
			return moved, err
		}
		moved += len(messages)
		if len(messages) < batch {
			return moved, nil
		}
	}
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
