package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
)

// Queue is a queue of case officers with its live counts.
type Queue struct {
	ID          int64
	Name        string
	Description string
	Policy      routing.Policy
	IsDefault   bool
	Open        int // requests not resolved nor closed
	Unassigned  int // open and held by nobody
	New         int
	Waiting     int // waiting for the applicant
	Members     int
	// Service levels, in working days.
	FirstResponseDays int
	ResolutionDays    int
}

// Queues lists queues with their counts: every queue when memberOf is 0, otherwise
// only those staff member memberOf belongs to. The counts are the sums of the queues'
// tallies, which triggers keep exact as requests change (migration 00019).
func (db *DB) Queues(ctx context.Context, memberOf int64) ([]Queue, error) {
	var queues []Queue
	b := &pgx.Batch{}
	batchQueues(b, memberOf, &queues)
	return queues, translate(db.Pool.SendBatch(ctx, b).Close())
}

// batchQueues adds to b the reading of the queues (those of memberOf, or all) into queues.
func batchQueues(b *pgx.Batch, memberOf int64, queues *[]Queue) {
	b.Queue(`
		SELECT q.id, q.name, q.description, q.policy, q.is_default, coalesce(c.open, 0), coalesce(c.unassigned, 0),
			coalesce(c.new, 0), coalesce(c.waiting, 0), (SELECT count(*) FROM queue_members m WHERE m.queue_id = q.id),
			q.first_response_days, q.resolution_days
		FROM queues q
		LEFT JOIN (
			SELECT queue_id, sum(n) AS open, sum(n) FILTER (WHERE unassigned) AS unassigned,
				sum(n) FILTER (WHERE status = 'new') AS new, sum(n) FILTER (WHERE status = 'waiting_applicant') AS waiting
			FROM queue_tallies
			GROUP BY queue_id
		) c ON c.queue_id = q.id
		WHERE $1 = 0 OR q.id IN (SELECT queue_id FROM queue_members WHERE staff_id = $1)
		ORDER BY q.is_default DESC, q.name`, memberOf).Query(func(rows pgx.Rows) error {
		var err error
		*queues, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Queue])
		return err
	})
}

// IsMember reports whether a staff member belongs to a queue.
func (db *DB) IsMember(ctx context.Context, queueID, staffID int64) (bool, error) {
	var ok bool
	err := db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM queue_members WHERE queue_id = $1 AND staff_id = $2)`,
		queueID, staffID).Scan(&ok)
	return ok, translate(err)
}

// Member is a staff member of a queue.
type Member struct {
	StaffID int64
	Name    string
	Email   string
}

// QueueMembers lists the officers of a queue by name.
func (db *DB) QueueMembers(ctx context.Context, queueID int64) ([]Member, error) {
	rows, err := db.Pool.Query(ctx, `SELECT u.id, u.name, u.email FROM queue_members m JOIN staff_users u ON u.id = m.staff_id
		WHERE m.queue_id = $1 ORDER BY u.name`, queueID)
	if err != nil {
		return nil, translate(err)
	}
	members, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Member])
	return members, translate(err)
}

// CreateQueue adds a queue; a name already used is a bienvenue.ErrConflict.
func (db *DB) CreateQueue(ctx context.Context, q routing.QueueSpec) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if q.IsDefault {
			if _, err := tx.Exec(ctx, `UPDATE queues SET is_default = false WHERE is_default`); err != nil {
				return err
			}
		}
		return tx.QueryRow(ctx, `INSERT INTO queues (name, description, policy, is_default, created_at, first_response_days, resolution_days)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, q.Name, q.Description, q.Policy, q.IsDefault, db.Now(),
			q.FirstResponseDays, q.ResolutionDays).Scan(&id)
	})
	return id, err
}

// UpdateQueue changes a queue. The default queue stays the default until another takes it.
func (db *DB) UpdateQueue(ctx context.Context, id int64, q routing.QueueSpec) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if q.IsDefault {
			if _, err := tx.Exec(ctx, `UPDATE queues SET is_default = false WHERE is_default AND id <> $1`, id); err != nil {
				return err
			}
		}
		tag, err := tx.Exec(ctx, `UPDATE queues SET name = $2, description = $3, policy = $4, is_default = is_default OR $5,
			first_response_days = $6, resolution_days = $7
			WHERE id = $1`, id, q.Name, q.Description, q.Policy, q.IsDefault, q.FirstResponseDays, q.ResolutionDays)
		if err == nil && tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		if err != nil {
			return err
		}
		// New targets apply to the queue's open requests.
		rows, err := tx.Query(ctx, `SELECT id FROM requests WHERE queue_id = $1 AND status NOT IN ('resolved', 'closed')`, id)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		for _, requestID := range ids {
			if err := db.recomputeDues(ctx, tx, requestID); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetQueueMember adds a staff member to a queue, or removes them.
func (db *DB) SetQueueMember(ctx context.Context, queueID, staffID int64, member bool) error {
	sql := `INSERT INTO queue_members (queue_id, staff_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
	if !member {
		sql = `DELETE FROM queue_members WHERE queue_id = $1 AND staff_id = $2`
	}
	_, err := db.Pool.Exec(ctx, sql, queueID, staffID)
	return translate(err)
}

// FoldQueueTallies folds each queue's tallies into one row per status and assignment,
// so that reading the counts stays a short sum. Rows added meanwhile by other
// transactions are left for the next fold: the sums are the same before and after.
func (db *DB) FoldQueueTallies(ctx context.Context) error {
	_, err := db.Pool.Exec(ctx, `
		WITH gone AS (DELETE FROM queue_tallies RETURNING *)
		INSERT INTO queue_tallies (queue_id, status, unassigned, n)
		SELECT queue_id, status, unassigned, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0`)
	return translate(err)
}

// Queue returns one queue with its counts.
func (db *DB) Queue(ctx context.Context, id int64) (Queue, error) {
	queues, err := db.Queues(ctx, 0)
	if err != nil {
		return Queue{}, err
	}
	for _, q := range queues {
		if q.ID == id {
			return q, nil
		}
	}
	return Queue{}, translate(pgx.ErrNoRows)
}

// SetQueueMembers makes exactly staffIDs the officers of a queue.
func (db *DB) SetQueueMembers(ctx context.Context, queueID int64, staffIDs []int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM queue_members WHERE queue_id = $1 AND NOT staff_id = ANY ($2)`, queueID, staffIDs); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO queue_members (queue_id, staff_id)
			SELECT $1, u.id FROM staff_users u WHERE u.id = ANY ($2) ON CONFLICT DO NOTHING`, queueID, staffIDs)
		return err
	})
}
