package postgres

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
)

const versionColumns = `id, key, name, funder, level, audiences, valid_from, valid_to, one_off, monthly, daily,
	conditions, obligations, source, source_url, checked_on, zones`

// LoadNationalAids adds the catalogue's versions the database lacks; versions already
// there, and those administrators entered, stay as they are.
func (db *DB) LoadNationalAids(ctx context.Context, versions []aid.Version) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		for _, v := range versions {
			if _, err := tx.Exec(ctx, `
				INSERT INTO aid_versions (key, name, funder, level, audiences, valid_from, valid_to, one_off, monthly, daily,
					conditions, obligations, source, source_url, checked_on, zones, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
				ON CONFLICT (key, valid_from) DO NOTHING`,
				v.Key, v.Name, v.Funder, v.Level, v.Audiences, v.ValidFrom, v.ValidTo, v.OneOff, v.Monthly, v.Daily, v.Conditions,
				v.Obligations, v.Source, v.SourceURL, v.CheckedOn, zonesText(v.Zones), db.Now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveAidVersion adds a version of a local aid, entered by an administrator. The version
// in force until then ends the day before; a version with the same start date is a
// conflict.
func (db *DB) SaveAidVersion(ctx context.Context, v aid.Version, staffID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE aid_versions SET valid_to = $2::date - 1
			WHERE key = $1 AND valid_from < $2 AND (valid_to IS NULL OR valid_to >= $2)`, v.Key, v.ValidFrom); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
		INSERT INTO aid_versions (key, name, funder, level, audiences, valid_from, valid_to, one_off, monthly,
			conditions, obligations, source, source_url, checked_on, zones, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
			v.Key, v.Name, v.Funder, v.Level, v.Audiences, v.ValidFrom, v.ValidTo, v.OneOff, v.Monthly, v.Conditions,
			v.Obligations, v.Source, v.SourceURL, v.CheckedOn, zonesText(v.Zones), db.Now(), staffID)
		return err
	})
}

// AidCatalogue returns every version of every aid, national ones first, each aid's
// versions oldest first.
func (db *DB) AidCatalogue(ctx context.Context) ([]aid.Version, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+versionColumns+` FROM aid_versions
		ORDER BY key LIKE 'local-%', min(id) OVER (PARTITION BY key), valid_from`)
	if err != nil {
		return nil, translate(err)
	}
	versions, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (aid.Version, error) {
		var v aid.Version
		var audiences, zones []string
		err := row.Scan(&v.ID, &v.Key, &v.Name, &v.Funder, &v.Level, &audiences, &v.ValidFrom, &v.ValidTo, &v.OneOff,
			&v.Monthly, &v.Daily, &v.Conditions, &v.Obligations, &v.Source, &v.SourceURL, &v.CheckedOn, &zones)
		for _, a := range audiences {
			v.Audiences = append(v.Audiences, aid.Situation(a))
		}
		for _, z := range zones {
			v.Zones = append(v.Zones, aid.Zone(z))
		}
		return v, err
	})
	return versions, translate(err)
}

func zonesText(zones []aid.Zone) []string {
	out := make([]string, len(zones))
	for i, z := range zones {
		out[i] = string(z)
	}
	return out
}

// ImportZoning replaces, for each kind of zone in rows, the zoning of that kind, in one
// transaction, and records the file.
func (db *DB) ImportZoning(ctx context.Context, filename string, rows []aid.ZoningRow, fictitious bool, staffID int64) error {
	var kinds []string
	for _, r := range rows {
		if !slices.Contains(kinds, string(r.Zone)) {
			kinds = append(kinds, string(r.Zone))
		}
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO zoning_imports (filename, kinds, rows, fictitious, imported_at, staff_id)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, filename, kinds, len(rows), fictitious, db.Now(), nullID(staffID)).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM zones WHERE kind = ANY ($1)`, kinds); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"zones"}, []string{"commune_insee", "kind", "reference", "decided_on", "import_id"},
			pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
				r := rows[i]
				return []any{r.Commune, string(r.Zone), r.Reference, r.Date, id}, nil
			}))
		return err
	})
}

// Zoning returns the zoning in force: each kind's latest file, and the zones of every commune.
func (db *DB) Zoning(ctx context.Context) (aid.Zoning, error) {
	z := aid.Zoning{Imports: map[aid.Zone]aid.Import{}, Of: map[string][]aid.Zone{}}
	rows, err := db.Pool.Query(ctx, `
		SELECT DISTINCT ON (z.kind) z.kind, z.reference, z.decided_on, i.fictitious
		FROM zones z JOIN zoning_imports i ON i.id = z.import_id
		ORDER BY z.kind, i.id DESC`)
	if err != nil {
		return z, translate(err)
	}
	for rows.Next() {
		var kind string
		var imp aid.Import
		if err := rows.Scan(&kind, &imp.Reference, &imp.Date, &imp.Fictitious); err != nil {
			return z, translate(err)
		}
		imp.Zone = aid.Zone(kind)
		z.Imports[imp.Zone] = imp
	}
	if err := rows.Err(); err != nil {
		return z, translate(err)
	}
	rows, err = db.Pool.Query(ctx, `SELECT commune_insee, kind FROM zones`)
	if err != nil {
		return z, translate(err)
	}
	for rows.Next() {
		var insee, kind string
		if err := rows.Scan(&insee, &kind); err != nil {
			return z, translate(err)
		}
		z.Of[insee] = append(z.Of[insee], aid.Zone(kind))
	}
	return z, translate(rows.Err())
}

// SaveSimulation keeps a simulation's inputs under a random id, for a request to carry.
func (db *DB) SaveSimulation(ctx context.Context, id string, in aid.Input) error {
	data, err := json.Marshal(in)
	if err != nil {
		return err
	}
	_, err = db.Pool.Exec(ctx, `INSERT INTO simulations (id, inputs, created_at) VALUES ($1, $2, $3)`, id, data, db.Now())
	return translate(err)
}

// Simulation returns a kept simulation's inputs.
func (db *DB) Simulation(ctx context.Context, id string) (aid.Input, time.Time, error) {
	var in aid.Input
	var data []byte
	var at time.Time
	err := db.Pool.QueryRow(ctx, `SELECT inputs, created_at FROM simulations WHERE id = $1`, id).Scan(&data, &at)
	if err != nil {
		return in, at, translate(err)
	}
	return in, at, json.Unmarshal(data, &in)
}

// ReviewSimulation records that an officer checked the simulation a request carries.
func (db *DB) ReviewSimulation(ctx context.Context, requestID, actorID int64) error {
	return db.change(ctx, requestID, actorID, func(tx pgx.Tx, now time.Time) ([]event, error) {
		tag, err := tx.Exec(ctx, `UPDATE requests SET simulation_reviewed_at = $2, simulation_reviewed_by = $3
			WHERE id = $1 AND simulation_id IS NOT NULL`, requestID, now, actorID)
		if err == nil && tag.RowsAffected() == 0 {
			err = invalid("request %d carries no simulation", requestID)
		}
		return one(event{kind: "simulation_reviewed", internal: true}, err)
	})
}

// ZoningImport is a zoning file as imported.
type ZoningImport struct {
	ID         int64
	Filename   string
	Kinds      []string
	Rows       int
	Fictitious bool
	ImportedAt time.Time
	Staff      string
}

// ZoningImports lists the zoning files imported, newest first.
func (db *DB) ZoningImports(ctx context.Context) ([]ZoningImport, error) {
	rows, err := db.Pool.Query(ctx, `SELECT i.id, i.filename, i.kinds, i.rows, i.fictitious, i.imported_at, coalesce(u.name, '')
		FROM zoning_imports i LEFT JOIN staff_users u ON u.id = i.staff_id ORDER BY i.id DESC LIMIT 50`)
	if err != nil {
		return nil, translate(err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[ZoningImport])
	return list, translate(err)
}
