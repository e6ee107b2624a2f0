package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/mail"
)

// Breach is a service level a request missed, with who must hear of it.
type Breach struct {
	RequestID  int64
	Reference  string
	Kind       string // first_response or resolution
	Due        time.Time
	Queue      string
	Recipients []string // the assignee and the queue's supervisors
}

// EscalateOverdue escalates every request whose running clock is past due and whose
// breach was not escalated yet: it records the escalation, a line in the history, and
// queues notify's emails, in one transaction per breach. A breach is escalated once:
// running it again, or after a crash, sends nothing twice and loses nothing.
func (db *DB) EscalateOverdue(ctx context.Context, notify func(Breach) []mail.Message) (int, error) {
	now := db.Now()
	rows, err := db.Pool.Query(ctx, `
		SELECT r.id, r.reference, b.kind, b.due, q.name
		FROM requests r JOIN queues q ON q.id = r.queue_id
		CROSS JOIN LATERAL (VALUES ('first_response', r.first_response_due, r.first_response_at IS NULL),
		                           ('resolution', r.resolution_due, true)) AS b (kind, due, applies)
		WHERE r.status IN ('new', 'in_progress') AND r.next_due < $1 AND b.applies AND b.due < $1
		  AND NOT EXISTS (SELECT FROM escalations e WHERE e.request_id = r.id AND e.breach = b.kind)
		ORDER BY r.id, b.kind`, now)
	if err != nil {
		return 0, translate(err)
	}
	breaches, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Breach, error) {
		var b Breach
		return b, row.Scan(&b.RequestID, &b.Reference, &b.Kind, &b.Due, &b.Queue)
	})
	if err != nil {
		return 0, translate(err)
	}
	escalated := 0
	for _, b := range breaches {
		done, err := db.escalate(ctx, b, now, notify)
		if err != nil {
			return escalated, err
		}
		if done {
			escalated++
		}
	}
	return escalated, nil
}

func (db *DB) escalate(ctx context.Context, b Breach, now time.Time, notify func(Breach) []mail.Message) (bool, error) {
	var done bool
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO escalations (request_id, breach, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			b.RequestID, b.Kind, now)
		if err != nil || tag.RowsAffected() == 0 {
			return err // another worker escalated it meanwhile
		}
		if err := tx.QueryRow(ctx, `
			SELECT ARRAY(
				SELECT u.email FROM staff_users u JOIN requests r ON r.assignee_id = u.id WHERE r.id = $1
				UNION
				SELECT u.email FROM staff_users u JOIN queue_members m ON m.staff_id = u.id JOIN requests r ON r.queue_id = m.queue_id
				WHERE r.id = $1 AND u.role = 'supervisor'
				UNION
				SELECT u.email FROM staff_users u WHERE u.role = 'supervisor' AND NOT EXISTS (
					SELECT FROM staff_users s JOIN queue_members m ON m.staff_id = s.id JOIN requests r ON r.queue_id = m.queue_id
					WHERE r.id = $1 AND s.role = 'supervisor')
				ORDER BY 1)`, b.RequestID).Scan(&b.Recipients); err != nil {
			return err
		}
		if err := insertEvent(ctx, tx, b.RequestID, now, event{kind: "escalated", actor: "system", internal: true, detail: b.Kind}); err != nil {
			return err
		}
		for _, m := range notify(b) {
			if err := db.queueEmail(ctx, tx, m); err != nil {
				return err
			}
		}
		done = true
		return nil
	})
	return done, translate(err)
}
