package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/images"
)

// saveImage stores a processed picture, in the transaction of the item that shows it.
func (db *DB) saveImage(ctx context.Context, tx pgx.Tx, img images.Image, staffID int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO images (name, content_type, data, width, height, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, img.Name, img.ContentType, img.Data, img.Width, img.Height, db.Now(), nullID(staffID))
	return err
}

// Image returns a stored picture by its name.
func (db *DB) Image(ctx context.Context, name string) (images.Image, error) {
	var img images.Image
	err := db.Pool.QueryRow(ctx, `SELECT name, content_type, data, width, height FROM images WHERE name = $1`, name).
		Scan(&img.Name, &img.ContentType, &img.Data, &img.Width, &img.Height)
	return img, translate(err)
}
