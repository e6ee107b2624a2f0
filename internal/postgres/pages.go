package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/content"
)

const pageColumns = `p.id, p.slug, p.title, p.summary, p.body, p.position, p.to_review,
	p.published, p.published_at, p.updated_at, coalesce(u.name, '')`
const pageFrom = ` FROM pages p LEFT JOIN staff_users u ON u.id = p.updated_by`

func scanPage(row pgx.CollectableRow) (content.Page, error) {
	var p content.Page
	err := row.Scan(&p.ID, &p.Slug, &p.Title, &p.Summary, &p.Body, &p.Position, &p.ToReview,
		&p.Published, &p.PublishedAt, &p.UpdatedAt, &p.UpdatedBy)
	return p, err
}

// Page returns one page, published or not.
func (db *DB) Page(ctx context.Context, id int64) (content.Page, error) {
	return db.onePage(ctx, ` WHERE p.id = $1`, id)
}

// PublishedPage returns the published page at slug.
func (db *DB) PublishedPage(ctx context.Context, slug string) (content.Page, error) {
	return db.onePage(ctx, ` WHERE p.slug = $1 AND p.published`, slug)
}

func (db *DB) onePage(ctx context.Context, where string, arg any) (content.Page, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+pageColumns+pageFrom+where, arg)
	if err != nil {
		return content.Page{}, translate(err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPage)
	return p, translate(err)
}

// Pages lists every page, drafts included, in their order; PublishedPages only the
// published ones. There are a handful: no paging.
func (db *DB) Pages(ctx context.Context) ([]content.Page, error) { return db.pages(ctx, ``) }

// PublishedPages lists the published pages in their order.
func (db *DB) PublishedPages(ctx context.Context) ([]content.Page, error) {
	return db.pages(ctx, ` WHERE p.published`)
}

func (db *DB) pages(ctx context.Context, where string) ([]content.Page, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+pageColumns+pageFrom+where+` ORDER BY p.position, p.title, p.id`)
	if err != nil {
		return nil, translate(err)
	}
	list, err := pgx.CollectRows(rows, scanPage)
	return list, translate(err)
}

// SavePage creates a page (ID 0, as a draft) or changes one and records the change in its
// history. A slug already taken is a bienvenue.ErrConflict. Once staff edit a page, it is
// no longer « to review ».
func (db *DB) SavePage(ctx context.Context, p content.Page, staffID int64) (int64, error) {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if p.ID == 0 {
			err := tx.QueryRow(ctx, `INSERT INTO pages (slug, title, summary, body, position, to_review, created_at, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id`,
				p.Slug, p.Title, p.Summary, p.Body, p.Position, p.ToReview, db.Now(), nullID(staffID)).Scan(&p.ID)
			if err != nil {
				return err
			}
			return db.recordChange(ctx, tx, content.KindPage, fmt.Sprint(p.ID), staffID, content.ActionCreate, nil)
		}
		var before content.Page
		err := tx.QueryRow(ctx, `SELECT slug, title, summary, body, position FROM pages WHERE id = $1 FOR UPDATE`, p.ID).
			Scan(&before.Slug, &before.Title, &before.Summary, &before.Body, &before.Position)
		if err != nil {
			return err
		}
		changed := content.ChangedFields(before.Fields(), p.Fields())
		if len(changed) == 0 {
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE pages SET slug = $2, title = $3, summary = $4, body = $5, position = $6, to_review = false,
			updated_at = $7, updated_by = $8 WHERE id = $1`, p.ID, p.Slug, p.Title, p.Summary, p.Body, p.Position, db.Now(), nullID(staffID))
		if err != nil {
			return err
		}
		return db.recordChange(ctx, tx, content.KindPage, fmt.Sprint(p.ID), staffID, content.ActionEdit, changed)
	})
	return p.ID, err
}
