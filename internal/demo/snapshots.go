package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
)

// loadSnapshots generates five yearly snapshots of invented general practitioners, so
// that the observatory can be tried before a real RPPS extract is imported: a density
// that falls each year, drawn per commune from its real population. Every screen that
// shows them says « données de démonstration ».
func loadSnapshots(ctx context.Context, db *postgres.DB) error {
	var exists bool
	if err := db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM gp_snapshots)`).Scan(&exists); err != nil || exists {
		return err
	}
	type commune struct {
		insee, epci, departement string
		population               int
	}
	rows, err := db.Pool.Query(ctx, `SELECT c.insee, c.epci_siren, t.departement_code, c.population FROM communes c, territories t ORDER BY c.insee`)
	if err != nil {
		return err
	}
	var communes []commune
	epciOf := map[string]string{}
	for rows.Next() {
		var c commune
		if err := rows.Scan(&c.insee, &c.epci, &c.departement, &c.population); err != nil {
			return err
		}
		communes = append(communes, c)
		epciOf[c.insee] = c.epci
	}
	if err := rows.Err(); err != nil || len(communes) == 0 {
		return err
	}
	random := rand.New(rand.NewPCG(47, 2026)) // the same demonstration on every machine
	for year := 2021; year <= 2025; year++ {
		density := 9.0 - 0.35*float64(year-2021) // per 10,000 inhabitants
		var practices []rpps.Practice
		for _, c := range communes {
			expected := float64(c.population) * density / 10000
			n := int(expected)
			if random.Float64() < expected-float64(n) {
				n++
			}
			for i := range n {
				id := fmt.Sprintf("demo-%s-%d", c.insee, i)
				switch draw := random.Float64(); {
				case draw < 0.78:
					practices = append(practices, rpps.Practice{Practitioner: id, Commune: c.insee, Mode: "L"})
				case draw < 0.92:
					practices = append(practices, rpps.Practice{Practitioner: id, Commune: c.insee, Mode: "S"})
				default:
					practices = append(practices, rpps.Practice{Practitioner: id, Commune: c.insee, Mode: "L"},
						rpps.Practice{Practitioner: id, Commune: c.insee, Mode: "S"})
				}
			}
		}
		counts := observatory.Counts(practices, communes[0].departement, func(insee string) string { return epciOf[insee] })
		s := postgres.Snapshot{TakenOn: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), Source: "données de démonstration",
			Read: len(practices), Kept: len(practices), Demo: true}
		if _, err := db.ImportSnapshot(ctx, s, practices, counts, 0); err != nil {
			return err
		}
	}
	return nil
}
