package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/images"
)

const testimonialColumns = `t.id, t.person_name, t.commune_insee, t.installed_year, t.body, coalesce(t.photo, ''), t.demo,
	t.published, t.published_at, t.updated_at, coalesce(u.name, '')`
const testimonialFrom = ` FROM testimonials t LEFT JOIN staff_users u ON u.id = t.updated_by`

func testimonialFields(t *content.Testimonial) []any {
	return []any{&t.ID, &t.PersonName, &t.CommuneINSEE, &t.InstalledYear, &t.Body, &t.Photo, &t.Demo,
		&t.Published, &t.PublishedAt, &t.UpdatedAt, &t.UpdatedBy}
}

func scanTestimonial(row pgx.CollectableRow) (content.Testimonial, error) {
	var t content.Testimonial
	return t, row.Scan(testimonialFields(&t)...)
}

// Testimonial returns one testimonial, published or not.
func (db *DB) Testimonial(ctx context.Context, id int64) (content.Testimonial, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+testimonialColumns+testimonialFrom+` WHERE t.id = $1`, id)
	if err != nil {
		return content.Testimonial{}, translate(err)
	}
	t, err := pgx.CollectExactlyOneRow(rows, scanTestimonial)
	return t, translate(err)
}

// Testimonials lists a page of testimonials, drafts included, the latest changed first,
// with how many there are in all.
func (db *DB) Testimonials(ctx context.Context, limit, offset int) ([]content.Testimonial, int, error) {
	return pageOf(ctx, db, testimonialColumns, testimonialFrom, conditions{}, `t.updated_at DESC, t.id DESC`, offset, limit, testimonialFields)
}

// PublishedTestimonials lists a page of published testimonials, the latest published
// first, with how many are published.
func (db *DB) PublishedTestimonials(ctx context.Context, limit, offset int) ([]content.Testimonial, int, error) {
	var c conditions
	c.add("t.published")
	return pageOf(ctx, db, testimonialColumns, testimonialFrom, c, `t.published_at DESC, t.id DESC`, offset, limit, testimonialFields)
}

// SaveTestimonial creates a testimonial (ID 0, as a draft) or changes one, with its new
// portrait when photo is not nil (t.Photo otherwise: "" for none), and records the change
// in its history, all in one transaction. A portrait replaced or removed is deleted. It
// returns the testimonial's id.
func (db *DB) SaveTestimonial(ctx context.Context, t content.Testimonial, photo *images.Image, staffID int64) (int64, error) {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if photo != nil {
			if err := db.saveImage(ctx, tx, *photo, staffID); err != nil {
				return err
			}
			t.Photo = photo.Name
		}
		if t.ID == 0 {
			err := tx.QueryRow(ctx, `INSERT INTO testimonials (person_name, commune_insee, installed_year, body, photo, demo,
				created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id`,
				t.PersonName, t.CommuneINSEE, t.InstalledYear, t.Body, nullText(t.Photo), t.Demo, db.Now(), nullID(staffID)).Scan(&t.ID)
			if err != nil {
				return err
			}
			return db.recordChange(ctx, tx, content.KindTestimonial, fmt.Sprint(t.ID), staffID, content.ActionCreate, nil)
		}
		var before content.Testimonial
		err := tx.QueryRow(ctx, `SELECT person_name, commune_insee, installed_year, body, coalesce(photo, '')
			FROM testimonials WHERE id = $1 FOR UPDATE`, t.ID).
			Scan(&before.PersonName, &before.CommuneINSEE, &before.InstalledYear, &before.Body, &before.Photo)
		if err != nil {
			return err
		}
		changed := content.ChangedFields(before.Fields(), t.Fields())
		if len(changed) == 0 {
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE testimonials SET person_name = $2, commune_insee = $3, installed_year = $4, body = $5,
			photo = $6, updated_at = $7, updated_by = $8 WHERE id = $1`,
			t.ID, t.PersonName, t.CommuneINSEE, t.InstalledYear, t.Body, nullText(t.Photo), db.Now(), nullID(staffID))
		if err != nil {
			return err
		}
		if before.Photo != "" && before.Photo != t.Photo { // replaced or removed: served no more
			if _, err := tx.Exec(ctx, `DELETE FROM images WHERE name = $1`, before.Photo); err != nil {
				return err
			}
		}
		return db.recordChange(ctx, tx, content.KindTestimonial, fmt.Sprint(t.ID), staffID, content.ActionEdit, changed)
	})
	return t.ID, err
}

// CountDemoTestimonials says how many testimonials were invented for `make run`.
func (db *DB) CountDemoTestimonials(ctx context.Context) (int, error) {
	var n int
	err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM testimonials WHERE demo`).Scan(&n)
	return n, translate(err)
}

// nullText stores an empty text as NULL, for optional references.
func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
