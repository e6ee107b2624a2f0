package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
)

// publishedTables are the tables whose rows staff publish, by kind. Each has the columns
// published, published_at, updated_at and updated_by.
var publishedTables = map[content.Kind]string{
	content.KindOffer:       "offers",
	content.KindHousing:     "trainee_housing",
	content.KindOpportunity: "opportunities",
	content.KindEvent:       "events",
	content.KindTestimonial: "testimonials",
	content.KindPage:        "pages",
}

// SetPublished publishes or unpublishes an item and records who did it. The first
// publication date is kept across unpublishing.
func (db *DB) SetPublished(ctx context.Context, kind content.Kind, id int64, publish bool, staffID int64) error {
	table, ok := publishedTables[kind]
	if !ok {
		return fmt.Errorf("publish %s: %w", kind, bienvenue.ErrNotFound)
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE `+table+` SET published = $2,
			published_at = CASE WHEN $2 THEN coalesce(published_at, $3) ELSE published_at END,
			updated_at = $3, updated_by = $4 WHERE id = $1`, id, publish, db.Now(), nullID(staffID))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return bienvenue.ErrNotFound
		}
		action := content.ActionUnpublish
		if publish {
			action = content.ActionPublish
		}
		return db.recordChange(ctx, tx, kind, fmt.Sprint(id), staffID, action, nil)
	})
}

// recordChange adds a line to an item's history, in the transaction that changes it.
func (db *DB) recordChange(ctx context.Context, tx pgx.Tx, kind content.Kind, id string, staffID int64, action content.Action, fields []string) error {
	_, err := tx.Exec(ctx, `INSERT INTO content_changes (kind, item_id, staff_id, at, action, fields)
		VALUES ($1, $2, $3, $4, $5, $6)`, kind, id, nullID(staffID), db.Now(), action, nonNil(fields))
	return err
}

// Changes is an item's history, latest first.
func (db *DB) Changes(ctx context.Context, kind content.Kind, id string) ([]content.Change, error) {
	rows, err := db.Pool.Query(ctx, `SELECT c.at, coalesce(u.name, ''), c.action, c.fields
		FROM content_changes c LEFT JOIN staff_users u ON u.id = c.staff_id
		WHERE c.kind = $1 AND c.item_id = $2 ORDER BY c.at DESC, c.id DESC`, kind, id)
	if err != nil {
		return nil, translate(err)
	}
	changes, err := pgx.CollectRows(rows, pgx.RowToStructByPos[content.Change])
	return changes, translate(err)
}

// recordEdit runs update (whose $1 is the item's id) when the item's values changed, then
// stamps the item and records the changed fields in its history. Nothing changed,
// nothing is written.
func (db *DB) recordEdit(ctx context.Context, tx pgx.Tx, kind content.Kind, id int64, staffID int64,
	before, after map[string]string, update string, args ...any) error {
	changed := content.ChangedFields(before, after)
	if len(changed) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, update, args...); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE `+publishedTables[kind]+` SET updated_at = $2, updated_by = $3 WHERE id = $1`,
		id, db.Now(), nullID(staffID)); err != nil {
		return err
	}
	return db.recordChange(ctx, tx, kind, strconv.FormatInt(id, 10), staffID, content.ActionEdit, changed)
}

// pageOf reads a page of a list (columns, then FROM and joins) and counts its matches:
// two statements sent together, so that the page stops at its limit along an index
// rather than sorting every match.
func pageOf[T any](ctx context.Context, db *DB, columns, from string, c conditions, order string, offset, limit int, fields func(*T) []any) ([]T, int, error) {
	args := append(slices.Clip(c.args), limit, offset)
	var total int
	var list []T
	batch := &pgx.Batch{}
	batch.Queue(`SELECT count(*)`+from+c.where(), c.args...).QueryRow(func(row pgx.Row) error { return row.Scan(&total) })
	batch.Queue(`SELECT `+columns+from+c.where()+` ORDER BY `+order+
		` LIMIT $`+strconv.Itoa(len(args)-1)+` OFFSET $`+strconv.Itoa(len(args)), args...).Query(func(rows pgx.Rows) error {
		var err error
		list, err = pgx.CollectRows(rows, scanWith(fields))
		return err
	})
	if err := db.Pool.SendBatch(ctx, batch).Close(); err != nil {
		return nil, 0, translate(err)
	}
	return list, total, nil
}

// oneRow reads exactly one row; none is the domain's not-found error.
func oneRow[T any](ctx context.Context, q querier, query string, id any, fields func(*T) []any) (T, error) {
	rows, err := q.Query(ctx, query, id)
	if err != nil {
		var zero T
		return zero, translate(err)
	}
	v, err := pgx.CollectExactlyOneRow(rows, scanWith(fields))
	return v, translate(err)
}

// scanWith reads a row into a T through the addresses fields gives of its parts.
func scanWith[T any](fields func(*T) []any) pgx.RowToFunc[T] {
	return func(row pgx.CollectableRow) (T, error) {
		var v T
		return v, row.Scan(fields(&v)...)
	}
}
