package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
)

// Snapshot is a dated count of general practitioners.
type Snapshot struct {
	ID         int64
	TakenOn    time.Time
	Source     string // the file it came from
	Read       int
	Kept       int
	Rejected   map[string]int
	Demo       bool
	ImportedAt time.Time
}

// ImportSnapshot stores a snapshot with its practices and headcounts, in one transaction:
// a failure leaves the earlier snapshots as they were. A snapshot of the same date
// replaces the earlier one.
func (db *DB) ImportSnapshot(ctx context.Context, s Snapshot, practices []rpps.Practice, counts []observatory.Count, staffID int64) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM gp_snapshots WHERE taken_on = $1 AND demo = $2`, s.TakenOn, s.Demo); err != nil {
			return err
		}
		rejected, err := json.Marshal(s.Rejected)
		if err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `
			INSERT INTO gp_snapshots (taken_on, source, rows_read, rows_kept, rejected, demo, imported_at, staff_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			s.TakenOn, s.Source, s.Read, s.Kept, rejected, s.Demo, db.Now(), nullID(staffID)).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"gp_practices"}, []string{"snapshot_id", "practitioner", "commune_insee", "mode"},
			pgx.CopyFromSlice(len(practices), func(i int) ([]any, error) {
				p := practices[i]
				return []any{id, p.Practitioner, p.Commune, p.Mode}, nil
			})); err != nil {
			return err
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"gp_counts"},
			[]string{"snapshot_id", "area_kind", "area_code", "liberal", "salaried", "mixed", "other", "total"},
			pgx.CopyFromSlice(len(counts), func(i int) ([]any, error) {
				c := counts[i]
				return []any{id, c.Kind, c.Code, c.Liberal, c.Salaried, c.Mixed, c.Other, c.Total}, nil
			}))
		return err
	})
	return id, err
}

// Snapshots lists the snapshots the observatory shows, oldest first: the imported
// ones, or the demonstration ones while none was imported.
func (db *DB) Snapshots(ctx context.Context) ([]Snapshot, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT `+snapshotColumns+` FROM gp_snapshots
		WHERE demo = NOT EXISTS (SELECT FROM gp_snapshots WHERE NOT demo)
		ORDER BY taken_on`)
	if err != nil {
		return nil, translate(err)
	}
	list, err := pgx.CollectRows(rows, scanSnapshot)
	return list, translate(err)
}

// Counts returns the headcounts of the areas of a kind in a snapshot, by area code;
// codes limits them to the territory shown.
func (db *DB) Counts(ctx context.Context, snapshotID int64, kind string, codes []string) (map[string]observatory.Count, error) {
	rows, err := db.Pool.Query(ctx, `SELECT area_kind, area_code, liberal, salaried, mixed, other, total
		FROM gp_counts WHERE snapshot_id = $1 AND area_kind = $2 AND area_code = ANY ($3)`, snapshotID, kind, codes)
	if err != nil {
		return nil, translate(err)
	}
	counts := map[string]observatory.Count{}
	for rows.Next() {
		var c observatory.Count
		if err := rows.Scan(&c.Kind, &c.Code, &c.Liberal, &c.Salaried, &c.Mixed, &c.Other, &c.Total); err != nil {
			return nil, translate(err)
		}
		counts[c.Code] = c
	}
	return counts, translate(rows.Err())
}

// Series returns an area's headcount in every snapshot shown, oldest first; an area
// absent from a snapshot had no GP then.
func (db *DB) Series(ctx context.Context, kind, code string, snapshots []Snapshot) ([]observatory.Point, error) {
	ids := make([]int64, len(snapshots))
	for i, s := range snapshots {
		ids[i] = s.ID
	}
	rows, err := db.Pool.Query(ctx, `SELECT snapshot_id, total FROM gp_counts
		WHERE area_kind = $1 AND area_code = $2 AND snapshot_id = ANY ($3)`, kind, code, ids)
	if err != nil {
		return nil, translate(err)
	}
	totals := map[int64]int{}
	for rows.Next() {
		var id int64
		var total int
		if err := rows.Scan(&id, &total); err != nil {
			return nil, translate(err)
		}
		totals[id] = total
	}
	points := make([]observatory.Point, len(snapshots))
	for i, s := range snapshots {
		points[i] = observatory.Point{On: s.TakenOn, Total: totals[s.ID]}
	}
	return points, translate(rows.Err())
}

// Totals returns the headcount of the areas of a kind in each snapshot, by area code
// then snapshot id: one query for a whole map's trends.
func (db *DB) Totals(ctx context.Context, kind string, codes []string, snapshots []Snapshot) (map[string]map[int64]int, error) {
	ids := make([]int64, len(snapshots))
	for i, s := range snapshots {
		ids[i] = s.ID
	}
	rows, err := db.Pool.Query(ctx, `SELECT area_code, snapshot_id, total FROM gp_counts
		WHERE area_kind = $1 AND area_code = ANY ($2) AND snapshot_id = ANY ($3)`, kind, codes, ids)
	if err != nil {
		return nil, translate(err)
	}
	totals := map[string]map[int64]int{}
	for rows.Next() {
		var code string
		var id int64
		var total int
		if err := rows.Scan(&code, &id, &total); err != nil {
			return nil, translate(err)
		}
		if totals[code] == nil {
			totals[code] = map[int64]int{}
		}
		totals[code][id] = total
	}
	return totals, translate(rows.Err())
}

// snapshotColumns are the columns scanSnapshot reads.
const snapshotColumns = `id, taken_on, source, rows_read, rows_kept, rejected, demo, imported_at`

func scanSnapshot(row pgx.CollectableRow) (Snapshot, error) {
	var s Snapshot
	var rejected []byte
	err := row.Scan(&s.ID, &s.TakenOn, &s.Source, &s.Read, &s.Kept, &rejected, &s.Demo, &s.ImportedAt)
	if err == nil {
		err = json.Unmarshal(rejected, &s.Rejected)
	}
	return s, err
}

// AllSnapshots lists every snapshot, imported and demonstration ones, newest first.
func (db *DB) AllSnapshots(ctx context.Context) ([]Snapshot, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+snapshotColumns+` FROM gp_snapshots ORDER BY demo, taken_on DESC`)
	if err != nil {
		return nil, translate(err)
	}
	list, err := pgx.CollectRows(rows, scanSnapshot)
	return list, translate(err)
}
