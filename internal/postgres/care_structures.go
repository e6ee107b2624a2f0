package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/finess"
)

// ImportStructures replaces the maisons and centres de santé with a FINESS extract's,
// in one transaction.
func (db *DB) ImportStructures(ctx context.Context, filename string, takenOn time.Time, read int, structures []finess.Structure, staffID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO finess_imports (filename, taken_on, rows_read, imported_at, staff_id)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, filename, takenOn, read, db.Now(), nullID(staffID)).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM care_structures`); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"care_structures"},
			[]string{"finess", "name", "category", "commune_insee", "address", "phone", "import_id"},
			pgx.CopyFromSlice(len(structures), func(i int) ([]any, error) {
				s := structures[i]
				return []any{s.FINESS, s.Name, s.Category, s.Commune, s.Address, s.Phone, id}, nil
			}))
		return err
	})
}

// Structures lists the maisons and centres de santé, with the extract they come from;
// false before any import.
func (db *DB) Structures(ctx context.Context) ([]finess.Structure, string, time.Time, bool, error) {
	var filename string
	var takenOn time.Time
	err := db.Pool.QueryRow(ctx, `SELECT filename, taken_on FROM finess_imports ORDER BY id DESC LIMIT 1`).Scan(&filename, &takenOn)
	if err == pgx.ErrNoRows {
		return nil, "", takenOn, false, nil
	} else if err != nil {
		return nil, "", takenOn, false, translate(err)
	}
	rows, err := db.Pool.Query(ctx, `SELECT finess, name, category, commune_insee, address, phone FROM care_structures ORDER BY name`)
	if err != nil {
		return nil, "", takenOn, false, translate(err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[finess.Structure])
	return list, filename, takenOn, true, translate(err)
}
