package postgres

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/structures"
)

const entryColumns = `s.finess, s.name, s.category, s.commune_insee, s.address, s.phone,
	coalesce(p.professions, '{}'), coalesce(p.seeks_gp, false), coalesce(p.website, ''), coalesce(p.note, ''),
	p.updated_at, coalesce(u.name, '')`
const entryFrom = ` FROM care_structures s LEFT JOIN structure_profiles p ON p.finess = s.finess
	LEFT JOIN staff_users u ON u.id = p.updated_by`

// scanEntry reads a row of entryColumns, then the extra columns that follow them.
func scanEntry(extra ...any) pgx.RowToFunc[structures.Entry] {
	return func(row pgx.CollectableRow) (structures.Entry, error) {
		var e structures.Entry
		err := row.Scan(append([]any{&e.FINESS, &e.Name, &e.Category, &e.Commune, &e.Address, &e.Phone,
			&e.Professions, &e.SeeksGP, &e.Website, &e.Note, &e.UpdatedAt, &e.UpdatedBy}, extra...)...)
		return e, err
	}
}

// Directory lists the structures the filter keeps, by name, limit from offset (every one
// when limit is 0), with how many the filter keeps in all.
func (db *DB) Directory(ctx context.Context, f structures.Filter, limit, offset int) ([]structures.Entry, int, error) {
	var c conditions
	if f.Category != "" {
		c.add(`s.category = ?`, f.Category)
	}
	if f.Communes != nil {
		c.add(`s.commune_insee = ANY(?)`, f.Communes)
	}
	if f.SeeksGP {
		c.add(`p.seeks_gp`)
	}
	if f.Name != "" {
		c.add(`lower(translate(s.name, '`+structures.Accented+`', '`+structures.Plain+`')) LIKE '%' || ? || '%'`,
			likeEscape(structures.Fold(f.Name)))
	}
	// A window count: the directory holds a few hundred structures at most.
	query := `SELECT ` + entryColumns + `, count(*) OVER ()` + entryFrom + c.where() + ` ORDER BY s.name, s.finess OFFSET ` + strconv.Itoa(offset)
	if limit > 0 {
		query += c.limit(limit)
	}
	rows, err := db.Pool.Query(ctx, query, c.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	total := 0
	list, err := pgx.CollectRows(rows, scanEntry(&total))
	return list, total, translate(err)
}

// DirectoryEntry is one structure of the last FINESS import, with its profile.
func (db *DB) DirectoryEntry(ctx context.Context, number string) (structures.Entry, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+entryColumns+entryFrom+` WHERE s.finess = $1`, number)
	if err != nil {
		return structures.Entry{}, translate(err)
	}
	e, err := pgx.CollectExactlyOneRow(rows, scanEntry())
	return e, translate(err)
}

// SaveStructureProfile stores a structure's profile and records in its history who
// changed which fields; saving an unchanged profile records nothing.
func (db *DB) SaveStructureProfile(ctx context.Context, number string, p structures.Profile, staffID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var before structures.Profile
		existed := true
		err := tx.QueryRow(ctx, `SELECT professions, seeks_gp, website, note FROM structure_profiles WHERE finess = $1 FOR UPDATE`,
			number).Scan(&before.Professions, &before.SeeksGP, &before.Website, &before.Note)
		if err == pgx.ErrNoRows {
			existed = false
		} else if err != nil {
			return err
		}
		changed := content.ChangedFields(before.Fields(), p.Fields())
		if existed && len(changed) == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO structure_profiles (finess, professions, seeks_gp, website, note, updated_at, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (finess) DO UPDATE SET professions = $2, seeks_gp = $3, website = $4, note = $5, updated_at = $6, updated_by = $7`,
			number, nonNil(p.Professions), p.SeeksGP, p.Website, p.Note, db.Now(), nullID(staffID)); err != nil {
			return err
		}
		action := content.ActionEdit
		if !existed {
			action = content.ActionCreate
		}
		return db.recordChange(ctx, tx, content.KindStructure, number, staffID, action, changed)
	})
}
