package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/territory"
)

// LoadTerritory replaces the reference data with t, in one transaction. It does nothing
// when the same files were already loaded.
func (db *DB) LoadTerritory(ctx context.Context, t territory.Territory) (loaded bool, err error) {
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		// Instances starting together take turns; the later ones find the data loaded.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('bienvenue.territory'))`); err != nil {
			return err
		}
		var current string
		err := tx.QueryRow(ctx, `SELECT checksum FROM territories WHERE departement_code = $1`, t.Code).Scan(&current)
		if err == nil && current == t.Checksum {
			return nil
		}
		if err != nil && err != pgx.ErrNoRows {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM communes; DELETE FROM epcis; DELETE FROM territories`); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"epcis"},
			[]string{"siren", "name", "kind", "population", "population_in_dept", "commune_count_in_dept"},
			pgx.CopyFromSlice(len(t.EPCIs), func(i int) ([]any, error) {
				e := t.EPCIs[i]
				return []any{e.SIREN, e.Name, e.Kind, e.Population, e.PopulationInDept, e.CommuneCountInDept}, nil
			})); err != nil {
			return fmt.Errorf("copy epcis: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"communes"},
			[]string{"insee", "name", "postal_codes", "population", "epci_siren"},
			pgx.CopyFromSlice(len(t.Communes), func(i int) ([]any, error) {
				c := t.Communes[i]
				return []any{c.INSEE, c.Name, c.PostalCodes, c.Population, c.EPCISIREN}, nil
			})); err != nil {
			return fmt.Errorf("copy communes: %w", err)
		}
		_, err = tx.Exec(ctx, `
			INSERT INTO territories (departement_code, name, attribution, checksum, loaded_at)
			VALUES ($1, $2, $3, $4, $5)`, t.Code, t.Name, t.Attribution, t.Checksum, db.Now())
		loaded = err == nil
		return err
	})
	return loaded, err
}
