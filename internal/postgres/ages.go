package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/observatory"
)

// ImportAges stores an ages file, in one transaction; the latest file is the one shown.
func (db *DB) ImportAges(ctx context.Context, filename string, takenOn time.Time, rows []observatory.AgeRow, staffID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO age_imports (filename, taken_on, imported_at, staff_id) VALUES ($1, $2, $3, $4)
			RETURNING id`, filename, takenOn, db.Now(), nullID(staffID)).Scan(&id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO age_bands (import_id, commune_insee, band, count)
			SELECT $1, c, b, sum(n) FROM unnest($2::text[], $3::text[], $4::int[]) AS t (c, b, n) GROUP BY c, b`,
			id, column(rows, func(r observatory.AgeRow) string { return r.Commune }),
			column(rows, func(r observatory.AgeRow) string { return r.Band }),
			column(rows, func(r observatory.AgeRow) int { return r.Count }))
		return err
	})
}

func column[T any](rows []observatory.AgeRow, f func(observatory.AgeRow) T) []T {
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}

// AgesFile is the latest ages file: its name, date, and each commune's bands.
type AgesFile struct {
	Filename string
	TakenOn  time.Time
	Communes map[string]observatory.Ages
}

// LatestAges returns the latest ages file imported, or false when none was.
func (db *DB) LatestAges(ctx context.Context) (AgesFile, bool, error) {
	f := AgesFile{Communes: map[string]observatory.Ages{}}
	rows, err := db.Pool.Query(ctx, `
		SELECT i.filename, i.taken_on, b.commune_insee, b.band, b.count
		FROM age_bands b JOIN age_imports i ON i.id = b.import_id
		WHERE i.id = (SELECT max(id) FROM age_imports)`)
	if err != nil {
		return f, false, translate(err)
	}
	for rows.Next() {
		var commune, band string
		var n int
		if err := rows.Scan(&f.Filename, &f.TakenOn, &commune, &band, &n); err != nil {
			return f, false, translate(err)
		}
		if f.Communes[commune] == nil {
			f.Communes[commune] = observatory.Ages{}
		}
		f.Communes[commune][band] = n
	}
	return f, len(f.Communes) > 0, translate(rows.Err())
}
