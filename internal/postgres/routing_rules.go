package postgres

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
)

const ruleColumns = `r.id, r.position, r.name, r.queue_id, q.name, r.audiences, r.needs, r.situations, r.epcis, r.enabled`

// RoutingRules lists the rules in the order they are tried.
func (db *DB) RoutingRules(ctx context.Context) ([]routing.Rule, error) {
	rules, err := routingRules(ctx, db.Pool)
	return rules, translate(err)
}

// rulesInOrder reads the rules in the order they are tried.
const rulesInOrder = `SELECT ` + ruleColumns + ` FROM routing_rules r JOIN queues q ON q.id = r.queue_id
	ORDER BY r.position, r.id`

func routingRules(ctx context.Context, q querier) ([]routing.Rule, error) {
	rows, err := q.Query(ctx, rulesInOrder)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, scanRule)
}

func scanRule(row pgx.CollectableRow) (routing.Rule, error) {
	var r routing.Rule
	err := row.Scan(&r.ID, &r.Position, &r.Name, &r.QueueID, &r.QueueName, &r.Audiences, &r.Needs,
		&r.Situations, &r.EPCIs, &r.Enabled)
	return r, err
}

// querier is what a pool and a transaction share.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// CreateRule adds a rule at the end of the order.
func (db *DB) CreateRule(ctx context.Context, r routing.Rule) (int64, error) {
	var id int64
	err := db.Pool.QueryRow(ctx, `
		INSERT INTO routing_rules (position, name, queue_id, audiences, needs, situations, epcis, enabled)
		VALUES ((SELECT coalesce(max(position), 0) + 10 FROM routing_rules), $1, $2, $3, $4, $5, $6, $7)
		RETURNING id`, r.Name, r.QueueID, nonNil(r.Audiences), nonNil(r.Needs), nonNil(r.Situations), nonNil(r.EPCIs),
		r.Enabled).Scan(&id)
	return id, translate(err)
}

// UpdateRule changes a rule's name, queue, conditions and state; not its position.
func (db *DB) UpdateRule(ctx context.Context, r routing.Rule) error {
	tag, err := db.Pool.Exec(ctx, `
		UPDATE routing_rules SET name = $2, queue_id = $3, audiences = $4, needs = $5, situations = $6, epcis = $7, enabled = $8
		WHERE id = $1`, r.ID, r.Name, r.QueueID, nonNil(r.Audiences), nonNil(r.Needs), nonNil(r.Situations), nonNil(r.EPCIs), r.Enabled)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return translate(err)
}

// MoveRule swaps a rule with the one before it (up) or after it, in the order of trial.
func (db *DB) MoveRule(ctx context.Context, id int64, up bool) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		rules, err := routingRules(ctx, tx)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(rules, func(r routing.Rule) bool { return r.ID == id })
		if i < 0 {
			return pgx.ErrNoRows
		}
		j := i + 1
		if up {
			j = i - 1
		}
		if j < 0 || j >= len(rules) {
			return nil // already first or last
		}
		// Renumber every rule so that equal positions cannot make the swap a no-op.
		rules[i], rules[j] = rules[j], rules[i]
		for k, r := range rules {
			if _, err := tx.Exec(ctx, `UPDATE routing_rules SET position = $2 WHERE id = $1`, r.ID, (k+1)*10); err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteRule removes a rule; requests it routed keep its name.
func (db *DB) DeleteRule(ctx context.Context, id int64) error {
	_, err := db.Pool.Exec(ctx, `DELETE FROM routing_rules WHERE id = $1`, id)
	return translate(err)
}

// Rule returns one routing rule.
func (db *DB) Rule(ctx context.Context, id int64) (routing.Rule, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+ruleColumns+` FROM routing_rules r JOIN queues q ON q.id = r.queue_id WHERE r.id = $1`, id)
	if err != nil {
		return routing.Rule{}, translate(err)
	}
	rule, err := pgx.CollectExactlyOneRow(rows, scanRule)
	return rule, translate(err)
}
