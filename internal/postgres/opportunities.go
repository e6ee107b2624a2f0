package postgres

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
)

const opportunityColumns = `p.id, p.kind, p.title, p.structure_name, p.commune_insee, p.epci_siren, p.starts_on,
	p.contact, p.description, p.published, p.published_at, p.updated_at, coalesce(u.name, '')`

const opportunityFrom = ` FROM opportunities p LEFT JOIN staff_users u ON u.id = p.updated_by`

func opportunityFields(o *offers.Opportunity) []any {
	return []any{&o.ID, &o.Kind, &o.Title, &o.StructureName, &o.Commune, &o.EPCI, &o.StartsOn,
		&o.Contact, &o.Description, &o.Published, &o.PublishedAt, &o.UpdatedAt, &o.UpdatedBy}
}

// PublishedOpportunities is a page of the published practice opportunities that match
// f, latest published first, and how many match.
func (db *DB) PublishedOpportunities(ctx context.Context, f offers.Filter) ([]offers.Opportunity, int, error) {
	var c conditions
	c.add("p.published")
	if f.Kind != "" {
		c.add("p.kind = ?", f.Kind)
	}
	if f.EPCI != "" {
		c.add("p.epci_siren = ?", f.EPCI)
	}
	return pageOf(ctx, db, opportunityColumns, opportunityFrom, c, `p.published_at DESC, p.id DESC`, f.Offset(), offers.PerPage, opportunityFields)
}

// AllOpportunities is a page of every opportunity, drafts included, latest changed first.
func (db *DB) AllOpportunities(ctx context.Context, offset, limit int) ([]offers.Opportunity, int, error) {
	return pageOf(ctx, db, opportunityColumns, opportunityFrom, conditions{}, `p.updated_at DESC, p.id DESC`, offset, limit, opportunityFields)
}

// Opportunity returns one opportunity, published or not.
func (db *DB) Opportunity(ctx context.Context, id int64) (offers.Opportunity, error) {
	return oneRow(ctx, db.Pool, `SELECT `+opportunityColumns+opportunityFrom+` WHERE p.id = $1`, id, opportunityFields)
}

// SaveOpportunity creates an opportunity (ID 0, as a draft) or changes one, recording
// which fields changed, in one transaction.
func (db *DB) SaveOpportunity(ctx context.Context, o offers.Opportunity, staffID int64) (int64, error) {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if o.ID == 0 {
			err := tx.QueryRow(ctx, `INSERT INTO opportunities (kind, title, structure_name, commune_insee, epci_siren,
				starts_on, contact, description, created_at, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id`,
				o.Kind, o.Title, o.StructureName, o.Commune, o.EPCI, o.StartsOn, o.Contact, o.Description,
				db.Now(), nullID(staffID)).Scan(&o.ID)
			if err != nil {
				return err
			}
			return db.recordChange(ctx, tx, content.KindOpportunity, strconv.FormatInt(o.ID, 10), staffID, content.ActionCreate, nil)
		}
		before, err := oneRow(ctx, tx, `SELECT `+opportunityColumns+opportunityFrom+` WHERE p.id = $1 FOR UPDATE OF p`, o.ID, opportunityFields)
		if err != nil {
			return err
		}
		return db.recordEdit(ctx, tx, content.KindOpportunity, o.ID, staffID, before.Fields(), o.Fields(), `UPDATE opportunities
			SET kind = $2, title = $3, structure_name = $4, commune_insee = $5, epci_siren = $6, starts_on = $7,
			contact = $8, description = $9 WHERE id = $1`,
			o.ID, o.Kind, o.Title, o.StructureName, o.Commune, o.EPCI, o.StartsOn, o.Contact, o.Description)
	})
	return o.ID, err
}
