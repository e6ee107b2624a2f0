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

// EPCISummary is an intercommunality as the observatory lists it.
type EPCISummary struct {
	SIREN       string
	Name        string
	Kind        string
	Communes    int
	Population  int // in the département
	LargestTown string
}

// TerritorySummary is the département at a glance.
type TerritorySummary struct {
	Code        string
	Name        string
	Attribution string
	Communes    int
	Population  int
	EPCIs       []EPCISummary
}

// Territory returns the loaded département with its intercommunalities, largest first.
func (db *DB) Territory(ctx context.Context) (TerritorySummary, error) {
	var s TerritorySummary
	err := db.Pool.QueryRow(ctx, `
		SELECT t.departement_code, t.name, t.attribution, count(c.insee), coalesce(sum(c.population), 0)
		FROM territories t CROSS JOIN communes c
		GROUP BY t.departement_code, t.name, t.attribution`).Scan(&s.Code, &s.Name, &s.Attribution, &s.Communes, &s.Population)
	if err != nil {
		return s, translate(err)
	}
	rows, err := db.Pool.Query(ctx, `
		SELECT e.siren, e.name, e.kind, e.commune_count_in_dept, e.population_in_dept,
		       (SELECT c.name FROM communes c WHERE c.epci_siren = e.siren ORDER BY c.population DESC LIMIT 1)
		FROM epcis e ORDER BY e.population_in_dept DESC, e.name`)
	if err != nil {
		return s, translate(err)
	}
	s.EPCIs, err = pgx.CollectRows(rows, pgx.RowToStructByPos[EPCISummary])
	return s, translate(err)
}
