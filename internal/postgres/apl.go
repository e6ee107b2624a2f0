package postgres

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/apl"
)

// ImportAPL stores a DREES APL file: each year it holds replaces that year, in one
// transaction.
func (db *DB) ImportAPL(ctx context.Context, filename string, values []apl.Value, staffID int64) error {
	var years []int
	for _, v := range values {
		if !slices.Contains(years, v.Year) {
			years = append(years, v.Year)
		}
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO apl_imports (filename, years, rows, imported_at, staff_id)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, filename, years, len(values), db.Now(), nullID(staffID)).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM apl_values WHERE year = ANY ($1)`, years); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"apl_values"},
			[]string{"year", "commune_insee", "apl", "apl65", "apl62", "apl60", "std_population", "population", "import_id"},
			pgx.CopyFromSlice(len(values), func(i int) ([]any, error) {
				v := values[i]
				return []any{v.Year, v.Commune, v.APL, v.APL65, v.APL62, v.APL60, v.StandardisedPopulation, v.Population, id}, nil
			}))
		return err
	})
}

// APLYear is the latest year of APL imported, with its values by commune and its file.
type APLYear struct {
	Year     int
	Filename string
	Values   map[string]apl.Value
}

// LatestAPL returns the latest APL year imported, or false when none was.
func (db *DB) LatestAPL(ctx context.Context) (APLYear, bool, error) {
	y := APLYear{Values: map[string]apl.Value{}}
	rows, err := db.Pool.Query(ctx, `
		SELECT v.year, i.filename, v.commune_insee, v.apl, v.apl65, v.apl62, v.apl60, v.std_population, v.population
		FROM apl_values v JOIN apl_imports i ON i.id = v.import_id
		WHERE v.year = (SELECT max(year) FROM apl_values)`)
	if err != nil {
		return y, false, translate(err)
	}
	for rows.Next() {
		var v apl.Value
		if err := rows.Scan(&y.Year, &y.Filename, &v.Commune, &v.APL, &v.APL65, &v.APL62, &v.APL60,
			&v.StandardisedPopulation, &v.Population); err != nil {
			return y, false, translate(err)
		}
		v.Year = y.Year
		y.Values[v.Commune] = v
	}
	return y, len(y.Values) > 0, translate(rows.Err())
}
