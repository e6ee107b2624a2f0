package postgres

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
)

const housingColumns = `h.id, h.title, h.kind, h.commune_insee, h.epci_siren, h.audience, h.monthly_rent, h.capacity,
	h.contact, h.description, h.published, h.published_at, h.updated_at, coalesce(u.name, '')`

const housingFrom = ` FROM trainee_housing h LEFT JOIN staff_users u ON u.id = h.updated_by`

func housingFields(h *offers.Housing) []any {
	return []any{&h.ID, &h.Title, &h.Kind, &h.Commune, &h.EPCI, &h.Audience, &h.MonthlyRent, &h.Capacity,
		&h.Contact, &h.Description, &h.Published, &h.PublishedAt, &h.UpdatedAt, &h.UpdatedBy}
}

// PublishedHousing is a page of the published trainee housing that matches f, by
// intercommunality then title, and how much matches. Housing for everyone matches
// either audience.
func (db *DB) PublishedHousing(ctx context.Context, f offers.Filter) ([]offers.Housing, int, error) {
	var c conditions
	c.add("h.published")
	if f.EPCI != "" {
		c.add("h.epci_siren = ?", f.EPCI)
	}
	if f.Kind != "" {
		c.add("h.kind = ?", f.Kind)
	}
	if f.Audience != "" && f.Audience != "tous" {
		c.add("h.audience IN ('tous', ?)", f.Audience)
	}
	return pageOf(ctx, db, housingColumns, housingFrom, c, `h.monthly_rent, h.title, h.id`, f.Offset(), offers.PerPage, housingFields)
}

// AllHousing is a page of every housing offer, drafts included, latest changed first.
func (db *DB) AllHousing(ctx context.Context, offset, limit int) ([]offers.Housing, int, error) {
	return pageOf(ctx, db, housingColumns, housingFrom, conditions{}, `h.updated_at DESC, h.id DESC`, offset, limit, housingFields)
}

// Housing returns one housing offer, published or not.
func (db *DB) Housing(ctx context.Context, id int64) (offers.Housing, error) {
	return oneRow(ctx, db.Pool, `SELECT `+housingColumns+housingFrom+` WHERE h.id = $1`, id, housingFields)
}

// SaveHousing creates a housing offer (ID 0, as a draft) or changes one, recording which
// fields changed, in one transaction.
func (db *DB) SaveHousing(ctx context.Context, h offers.Housing, staffID int64) (int64, error) {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if h.ID == 0 {
			err := tx.QueryRow(ctx, `INSERT INTO trainee_housing (title, kind, commune_insee, epci_siren, audience,
				monthly_rent, capacity, contact, description, created_at, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id`,
				h.Title, h.Kind, h.Commune, h.EPCI, h.Audience, h.MonthlyRent, h.Capacity, h.Contact, h.Description,
				db.Now(), nullID(staffID)).Scan(&h.ID)
			if err != nil {
				return err
			}
			return db.recordChange(ctx, tx, content.KindHousing, strconv.FormatInt(h.ID, 10), staffID, content.ActionCreate, nil)
		}
		before, err := oneRow(ctx, tx, `SELECT `+housingColumns+housingFrom+` WHERE h.id = $1 FOR UPDATE OF h`, h.ID, housingFields)
		if err != nil {
			return err
		}
		return db.recordEdit(ctx, tx, content.KindHousing, h.ID, staffID, before.Fields(), h.Fields(), `UPDATE trainee_housing
			SET title = $2, kind = $3, commune_insee = $4, epci_siren = $5, audience = $6, monthly_rent = $7, capacity = $8,
			contact = $9, description = $10 WHERE id = $1`,
			h.ID, h.Title, h.Kind, h.Commune, h.EPCI, h.Audience, h.MonthlyRent, h.Capacity, h.Contact, h.Description)
	})
	return h.ID, err
}
