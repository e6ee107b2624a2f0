package aid_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
)

// FuzzParseZoning: any file gives rows or errors, never a panic, and rows are well formed.
func FuzzParseZoning(f *testing.F) {
	f.Add("47001;ZIP;Arrêté;30/12/2025\n47195,ZAC,Arrêté,2025-12-30\n")
	f.Add("commune;zone\n\"unterminated")
	f.Fuzz(func(t *testing.T, file string) {
		rows, _, err := aid.ParseZoning(strings.NewReader(file), func(s string) bool { return strings.HasPrefix(s, "47") })
		if err != nil {
			return
		}
		for _, r := range rows {
			if !strings.HasPrefix(r.Commune, "47") || r.Reference == "" || r.Date.IsZero() {
				t.Fatalf("bad row kept: %+v", r)
			}
		}
	})
}

// FuzzSimulate: any input gives a conclusion for every aid shown, never a panic.
func FuzzSimulate(f *testing.F) {
	f.Add("settling", "47001", "liberal", "1", true, int64(0), 9000)
	f.Fuzz(func(t *testing.T, situation, commune, mode, sector string, first bool, days int64, fmt int) {
		in := aid.Input{Situation: aid.Situation(situation), Commune: commune, Mode: mode, Sector: sector,
			FirstInstallation: first, SettleOn: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days%5000)), FMTBase: fmt}
		for _, r := range aid.Simulate(in, aid.National, zoning) {
			if r.Status != aid.Eligible && r.Status != aid.Possible && r.Status != aid.Ineligible {
				t.Fatalf("status %q", r.Status)
			}
		}
	})
}
