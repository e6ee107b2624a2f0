package postgres

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
)

const offerColumns = `o.id, o.title, o.host_kind, o.host_name, o.commune_insee, o.epci_siren, o.specialty, o.level,
	o.semester_start, o.supervisor, o.housing, o.travel_help, o.description,
	o.published, o.published_at, o.updated_at, coalesce(u.name, '')`

const offerFrom = ` FROM offers o LEFT JOIN staff_users u ON u.id = o.updated_by`

func offerFields(o *offers.Offer) []any {
	return []any{&o.ID, &o.Title, &o.HostKind, &o.HostName, &o.Commune, &o.EPCI, &o.Specialty, &o.Level,
		&o.Semester.Start, &o.Supervisor, &o.Housing, &o.TravelHelp, &o.Description,
		&o.Published, &o.PublishedAt, &o.UpdatedAt, &o.UpdatedBy}
}

// PublishedOffers is a page of the published internship offers that match f, from the
// semester running on the store's clock onwards, soonest first, and how many match.
func (db *DB) PublishedOffers(ctx context.Context, f offers.Filter) ([]offers.Offer, int, error) {
	var c conditions
	c.add("o.published AND o.semester_start >= ?", offers.SemesterOf(db.Now()).Start)
	if f.Level != "" {
		c.add("o.level = ?", f.Level)
	}
	if !f.Semester.IsZero() {
		c.add("o.semester_start = ?", f.Semester.Start)
	}
	if f.EPCI != "" {
		c.add("o.epci_siren = ?", f.EPCI)
	}
	if f.Specialty != "" {
		c.add("o.specialty = ?", f.Specialty)
	}
	if f.Housing {
		c.add("o.housing")
	}
	return pageOf(ctx, db, offerColumns, offerFrom, c, `o.semester_start, o.id`, f.Offset(), offers.PerPage, offerFields)
}

// AllOffers is a page of every offer, drafts included, latest changed first, for staff.
func (db *DB) AllOffers(ctx context.Context, offset, limit int) ([]offers.Offer, int, error) {
	return pageOf(ctx, db, offerColumns, offerFrom, conditions{}, `o.updated_at DESC, o.id DESC`, offset, limit, offerFields)
}

// Offer returns one offer, published or not.
func (db *DB) Offer(ctx context.Context, id int64) (offers.Offer, error) {
	return oneRow(ctx, db.Pool, `SELECT `+offerColumns+offerFrom+` WHERE o.id = $1`, id, offerFields)
}

// SaveOffer creates an offer (ID 0, as a draft) or changes one, and records which fields
// changed, in one transaction.
func (db *DB) SaveOffer(ctx context.Context, o offers.Offer, staffID int64) (int64, error) {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if o.ID == 0 {
			err := tx.QueryRow(ctx, `INSERT INTO offers (title, host_kind, host_name, commune_insee, epci_siren,
				specialty, level, semester_start, supervisor, housing, travel_help, description, created_at, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id`,
				o.Title, o.HostKind, o.HostName, o.Commune, o.EPCI, o.Specialty, o.Level, o.Semester.Start, o.Supervisor,
				o.Housing, o.TravelHelp, o.Description, db.Now(), nullID(staffID)).Scan(&o.ID)
			if err != nil {
				return err
			}
			return db.recordChange(ctx, tx, content.KindOffer, strconv.FormatInt(o.ID, 10), staffID, content.ActionCreate, nil)
		}
		before, err := oneRow(ctx, tx, `SELECT `+offerColumns+offerFrom+` WHERE o.id = $1 FOR UPDATE OF o`, o.ID, offerFields)
		if err != nil {
			return err
		}
		return db.recordEdit(ctx, tx, content.KindOffer, o.ID, staffID, before.Fields(), o.Fields(), `UPDATE offers SET
			title = $2, host_kind = $3, host_name = $4, commune_insee = $5, epci_siren = $6, specialty = $7, level = $8,
			semester_start = $9, supervisor = $10, housing = $11, travel_help = $12, description = $13 WHERE id = $1`,
			o.ID, o.Title, o.HostKind, o.HostName, o.Commune, o.EPCI, o.Specialty, o.Level, o.Semester.Start, o.Supervisor,
			o.Housing, o.TravelHelp, o.Description)
	})
	return o.ID, err
}
