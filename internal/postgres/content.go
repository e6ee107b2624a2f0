package postgres

import (
	"context"
	"fmt"

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
