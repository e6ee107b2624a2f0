package postgres

import "context"

// MarkDemo records that the database holds demonstration content.
func (db *DB) MarkDemo(ctx context.Context) error {
	_, err := db.Pool.Exec(ctx, `INSERT INTO demo_content (loaded_at) VALUES ($1) ON CONFLICT DO NOTHING`, db.Now())
	return translate(err)
}

// HasDemo reports whether the database holds demonstration content.
func (db *DB) HasDemo(ctx context.Context) (bool, error) {
	var demo bool
	err := db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM demo_content)`).Scan(&demo)
	return demo, translate(err)
}
