package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
)

const requestColumns = `r.id, r.reference, r.audience, r.status, coalesce(r.outcome, ''), r.priority, r.queue_id,
	q.name, coalesce(r.rule_id, 0), r.rule_name, coalesce(r.assignee_id, 0), coalesce(u.name, ''), r.lang,
	r.first_name, r.last_name, r.email, r.phone, r.situation, r.practice_mode, r.timeframe, r.target_epcis,
	r.target_communes, r.open_to_anywhere, r.spouse_field, r.children_levels, r.organisation, r.message,
	r.created_at, r.updated_at, r.first_response_due, r.resolution_due, r.first_response_at, r.paused_at, r.closed_at,
	ARRAY(SELECT breach FROM escalations e WHERE e.request_id = r.id ORDER BY breach), r.deletion_requested_at,
	r.anonymised_at, coalesce(r.earlier_student_request_id, 0), coalesce(r.simulation_id, ''), r.simulation_reviewed_at,
	coalesce(r.offer_id, 0), coalesce(r.opportunity_id, 0)`

const requestFrom = ` FROM requests r JOIN queues q ON q.id = r.queue_id LEFT JOIN staff_users u ON u.id = r.assignee_id`

// Request returns a request with its needs.
func (db *DB) Request(ctx context.Context, id int64) (casework.Request, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+requestColumns+requestFrom+` WHERE r.id = $1`, id)
	if err != nil {
		return casework.Request{}, translate(err)
	}
	req, err := pgx.CollectExactlyOneRow(rows, scanRequest)
	if err != nil {
		return req, translate(err)
	}
	rows, err = db.Pool.Query(ctx, `SELECT kind, status FROM request_needs WHERE request_id = $1 ORDER BY kind`, id)
	if err != nil {
		return req, translate(err)
	}
	req.Needs, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (casework.Need, error) {
		var n casework.Need
		return n, row.Scan(&n.Kind, &n.Status)
	})
	return req, translate(err)
}

func scanRequest(row pgx.CollectableRow) (casework.Request, error) { return scanRequestWith(row) }

// scanRequestWith scans requestColumns, then extra columns into extra.
func scanRequestWith(row pgx.CollectableRow, extra ...any) (casework.Request, error) {
	var r casework.Request
	a := &r.Application
	dest := []any{&r.ID, &r.Reference, &r.Audience, &r.Status, &r.Outcome, &r.Priority, &r.QueueID,
		&r.QueueName, &r.RuleID, &r.RuleName, &r.AssigneeID, &r.Assignee, &r.Lang,
		&a.FirstName, &a.LastName, &a.Email, &a.Phone, &a.Situation, &a.PracticeMode, &a.Timeframe, &a.TargetEPCIs,
		&a.TargetCommunes, &a.OpenToAnywhere, &a.SpouseField, &a.ChildrenLevels, &a.Organisation, &a.Message,
		&r.CreatedAt, &r.UpdatedAt, &r.FirstResponseDue, &r.ResolutionDue, &r.FirstResponseAt, &r.PausedAt, &r.ClosedAt,
		&r.Escalated, &r.DeletionRequestedAt, &r.AnonymisedAt, &r.EarlierStudentID, &r.SimulationID, &r.SimulationReviewed,
		&r.OfferID, &r.OpportunityID}
	err := row.Scan(append(dest, extra...)...)
	return r, err
}

// Events returns a request's history, oldest first; without internal, only what the
// applicant may see.
func (db *DB) Events(ctx context.Context, requestID int64, internal bool) ([]casework.Event, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT e.id, e.at, e.actor, coalesce(u.name, ''), e.kind, e.internal, e.detail, e.body
		FROM request_events e LEFT JOIN staff_users u ON u.id = e.actor_staff_id
		WHERE e.request_id = $1 AND (NOT e.internal OR $2)
		ORDER BY e.id`, requestID, internal)
	if err != nil {
		return nil, translate(err)
	}
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (casework.Event, error) {
		var e casework.Event
		return e, row.Scan(&e.ID, &e.At, &e.Actor, &e.StaffName, &e.Kind, &e.Internal, &e.Detail, &e.Body)
	})
	return events, translate(err)
}
