package demo

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

// FictitiousReference names the demonstration zoning wherever a result uses it.
const FictitiousReference = "Zonage fictif de démonstration (le vrai zonage est l'arrêté ARS Nouvelle-Aquitaine du 30/12/2025)"

// fictitiousZones sets whole intercommunalities of Lot-et-Garonne in invented zones, so
// that the simulator can be tried before the real zoning is imported. It is marked
// fictitious and every screen that uses it says so.
var fictitiousZones = map[aid.Zone][]string{
	aid.ZoneZIP:  {"200068930", "244700449", "200036523"}, // Fumel, Duras, Bastides
	aid.ZoneZAC:  {"200068948", "244701405"},              // Albret, Lot et Tolzac
	aid.ZoneZFRR: {"244700449", "200036523", "244700464"}, // Duras, Bastides, Lauzun
}

// loadZoning imports the fictitious zoning unless a zoning was ever imported.
func loadZoning(ctx context.Context, db *postgres.DB) error {
	var any bool
	if err := db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM zoning_imports)`).Scan(&any); err != nil || any {
		return err
	}
	var rows []aid.ZoningRow
	for kind, epcis := range fictitiousZones {
		r, err := db.Pool.Query(ctx, `SELECT insee FROM communes WHERE epci_siren = ANY ($1) ORDER BY insee`, epcis)
		if err != nil {
			return err
		}
		communes, err := pgx.CollectRows(r, pgx.RowTo[string])
		if err != nil {
			return err
		}
		for _, insee := range communes {
			rows = append(rows, aid.ZoningRow{Commune: insee, Zone: kind, Reference: FictitiousReference,
				Date: time.Date(2025, 12, 30, 0, 0, 0, 0, time.UTC)})
		}
	}
	return db.ImportZoning(ctx, "zonage-fictif-demonstration.csv", rows, true, 0)
}
