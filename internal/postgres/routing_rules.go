package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
)

const ruleColumns = `r.id, r.position, r.name, r.queue_id, q.name, r.audiences, r.needs, r.situations, r.epcis, r.enabled`

// RoutingRules lists the rules in the order they are tried.
func (db *DB) RoutingRules(ctx context.Context) ([]routing.Rule, error) {
	rules, err := routingRules(ctx, db.Pool)
	return rules, translate(err)
}

func routingRules(ctx context.Context, q querier) ([]routing.Rule, error) {
	rows, err := q.Query(ctx, `SELECT `+ruleColumns+` FROM routing_rules r JOIN queues q ON q.id = r.queue_id
		ORDER BY r.position, r.id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (routing.Rule, error) {
		var r routing.Rule
		err := row.Scan(&r.ID, &r.Position, &r.Name, &r.QueueID, &r.QueueName, &r.Audiences, &r.Needs,
			&r.Situations, &r.EPCIs, &r.Enabled)
		return r, err
	})
}

// querier is what a pool and a transaction share.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}
