package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
)

const partnerColumns = `id, name, kind, email, phone, address, needs`

// Partners lists the partners by name.
func (db *DB) Partners(ctx context.Context) ([]casework.Partner, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+partnerColumns+` FROM partners ORDER BY name`)
	if err != nil {
		return nil, translate(err)
	}
	partners, err := pgx.CollectRows(rows, pgx.RowToStructByPos[casework.Partner])
	return partners, translate(err)
}

// Partner returns one partner.
func (db *DB) Partner(ctx context.Context, id int64) (casework.Partner, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+partnerColumns+` FROM partners WHERE id = $1`, id)
	if err != nil {
		return casework.Partner{}, translate(err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[casework.Partner])
	return p, translate(err)
}

// SavePartner creates a partner (ID 0) or changes one; a name taken is a conflict.
func (db *DB) SavePartner(ctx context.Context, p casework.Partner) (int64, error) {
	if p.ID == 0 {
		err := db.Pool.QueryRow(ctx, `INSERT INTO partners (name, kind, email, phone, address, needs, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, p.Name, p.Kind, p.Email, p.Phone, p.Address, nonNil(p.Needs), db.Now()).Scan(&p.ID)
		return p.ID, translate(err)
	}
	tag, err := db.Pool.Exec(ctx, `UPDATE partners SET name = $2, kind = $3, email = $4, phone = $5, address = $6, needs = $7
		WHERE id = $1`, p.ID, p.Name, p.Kind, p.Email, p.Phone, p.Address, nonNil(p.Needs))
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return p.ID, translate(err)
}

const referralColumns = `f.id, f.request_id, r.reference, f.partner_id, p.name, f.need, f.message, f.status, f.sent_at, f.due_at`
const referralFrom = ` FROM referrals f JOIN partners p ON p.id = f.partner_id JOIN requests r ON r.id = f.request_id`

// Refer sends one need of a request to a partner, with a message; the partner has
// casework.ReferralLifetime working days to answer.
func (db *DB) Refer(ctx context.Context, requestID, actorID, partnerID int64, need, message string) error {
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, now time.Time) ([]event, error) {
		var needs []string
		if err := tx.QueryRow(ctx, `SELECT ARRAY(SELECT kind FROM request_needs WHERE request_id = $1)`, requestID).Scan(&needs); err != nil {
			return nil, err
		}
		if !slices.Contains(needs, need) {
			return nil, invalid("the request has no need %q", need)
		}
		var name string
		err := tx.QueryRow(ctx, `
			INSERT INTO referrals (request_id, partner_id, need, message, sent_at, due_at, updated_at, staff_id)
			SELECT $1, p.id, $3, $4, $5, $6, $5, $7 FROM partners p WHERE p.id = $2
			RETURNING (SELECT name FROM partners WHERE id = $2)`,
			requestID, partnerID, need, message, now, db.Calendar.Deadline(now, casework.ReferralLifetime), actorID).Scan(&name)
		if err == pgx.ErrNoRows {
			return nil, invalid("no partner %d", partnerID)
		}
		return one(event{kind: "referred", internal: true, detail: need + ":" + name, body: message}, err)
	})
}

// SetReferralStatus moves a referral of the request on.
func (db *DB) SetReferralStatus(ctx context.Context, requestID, actorID, referralID int64, s casework.ReferralStatus) error {
	if !slices.Contains(casework.ReferralStatuses, s) {
		return invalid("referral status %q", s)
	}
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, now time.Time) ([]event, error) {
		var name string
		err := tx.QueryRow(ctx, `UPDATE referrals f SET status = $3, updated_at = $4 FROM partners p
			WHERE f.id = $2 AND f.request_id = $1 AND p.id = f.partner_id RETURNING p.name`,
			requestID, referralID, s, now).Scan(&name)
		if err == pgx.ErrNoRows {
			return nil, invalid("no referral %d on request %d", referralID, requestID)
		}
		return one(event{kind: "referral", internal: true, detail: fmt.Sprintf("%s:%s", s, name)}, err)
	})
}

// Referrals lists a request's referrals, oldest first.
func (db *DB) Referrals(ctx context.Context, requestID int64) ([]casework.Referral, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+referralColumns+referralFrom+` WHERE f.request_id = $1 ORDER BY f.id`, requestID)
	if err != nil {
		return nil, translate(err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[casework.Referral])
	return list, translate(err)
}

// batchOverdueReferrals adds to b the reading of the referrals partners have not
// answered by now, in the queues staff member memberOf belongs to (all queues when 0).
func batchOverdueReferrals(b *pgx.Batch, now time.Time, memberOf int64, late *[]casework.Referral) {
	b.Queue(`SELECT `+referralColumns+referralFrom+`
		WHERE f.status IN ('sent', 'accepted') AND f.due_at < $1
		  AND ($2 = 0 OR r.queue_id IN (SELECT queue_id FROM queue_members WHERE staff_id = $2))
		ORDER BY f.due_at LIMIT 50`, now, memberOf).Query(func(rows pgx.Rows) error {
		var err error
		*late, err = pgx.CollectRows(rows, pgx.RowToStructByPos[casework.Referral])
		return err
	})
}
