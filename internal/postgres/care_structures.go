package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/finess"
)

// FINESSImport is the list of structures the directory comes from: a FINESS extract, or
// invented structures when Demo.
type FINESSImport struct {
	Filename string
	TakenOn  time.Time
	Demo     bool
}

// ImportStructures replaces the maisons and centres de santé with an import's, in one
// transaction; read is the number of establishment rows the file had.
func (db *DB) ImportStructures(ctx context.Context, imp FINESSImport, read int, structures []finess.Structure, staffID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO finess_imports (filename, taken_on, rows_read, imported_at, staff_id, demo)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, imp.Filename, imp.TakenOn, read, db.Now(), nullID(staffID), imp.Demo).Scan(&id); err != nil {
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

// LatestFINESSImport is the last import of structures; false before any.
func (db *DB) LatestFINESSImport(ctx context.Context) (FINESSImport, bool, error) {
	var imp FINESSImport
	err := db.Pool.QueryRow(ctx, `SELECT filename, taken_on, demo FROM finess_imports ORDER BY id DESC LIMIT 1`).
		Scan(&imp.Filename, &imp.TakenOn, &imp.Demo)
	if err == pgx.ErrNoRows {
		return imp, false, nil
	}
	return imp, err == nil, translate(err)
}

// Structures lists the maisons and centres de santé, with the import they come from;
// false before any import.
func (db *DB) Structures(ctx context.Context) ([]finess.Structure, FINESSImport, bool, error) {
	imp, ok, err := db.LatestFINESSImport(ctx)
	if err != nil || !ok {
		return nil, imp, false, err
	}
	rows, err := db.Pool.Query(ctx, `SELECT finess, name, category, commune_insee, address, phone FROM care_structures ORDER BY name`)
	if err != nil {
		return nil, imp, false, translate(err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[finess.Structure])
	return list, imp, true, translate(err)
}
