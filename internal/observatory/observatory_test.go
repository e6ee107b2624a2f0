package observatory_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
)

func TestCountsByAreaAndMode(t *testing.T) {
	epci := map[string]string{"47001": "agen", "47002": "agen", "47323": "villeneuve"}
	practices := []rpps.Practice{
		{Practitioner: "a", Commune: "47001", Mode: "L"},
		{Practitioner: "a", Commune: "47002", Mode: "S"}, // mixed at EPCI and département level
		{Practitioner: "b", Commune: "47001", Mode: "L"},
		{Practitioner: "c", Commune: "47323", Mode: "S"},
		{Practitioner: "d", Commune: "47323", Mode: "B"},
	}
	got := map[string]observatory.Count{}
	for _, c := range observatory.Counts(practices, "47", func(s string) string { return epci[s] }) {
		got[c.Kind+":"+c.Code] = c
	}
	want := map[string]observatory.Count{
		"commune:47001":   {Liberal: 2, Total: 2},
		"commune:47002":   {Salaried: 1, Total: 1},
		"epci:agen":       {Liberal: 1, Mixed: 1, Total: 2},
		"epci:villeneuve": {Salaried: 1, Other: 1, Total: 2},
		"departement:47":  {Liberal: 1, Mixed: 1, Salaried: 1, Other: 1, Total: 4},
	}
	for key, w := range want {
		g := got[key]
		if g.Liberal != w.Liberal || g.Salaried != w.Salaried || g.Mixed != w.Mixed || g.Other != w.Other || g.Total != w.Total {
			t.Errorf("%s = %+v, want %+v", key, g, w)
		}
	}
	if _, ok := got["commune:47195"]; ok {
		t.Error("a commune without GP has a count")
	}
}

func TestDensityAndACommuneWithoutGP(t *testing.T) {
	if got := observatory.Density(26, 32801); got != 7.9 {
		t.Errorf("density of 26 GPs for 32,801 inhabitants = %v, want 7.9", got)
	}
	if got := observatory.Density(0, 108); got != 0 {
		t.Errorf("density with no GP = %v, want 0", got)
	}
	if got := observatory.Density(3, 0); got != 0 {
		t.Errorf("density without population = %v", got)
	}
}

func TestFiveYearChange(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	series := []observatory.Point{{day("2020-01-01"), 204}, {day("2023-01-01"), 199}, {day("2025-01-01"), 196}}
	if got, ok := observatory.FiveYearChange(series); !ok || got != -3.9 {
		t.Errorf("change = %v %v, want -3.9", got, ok)
	}
	if _, ok := observatory.FiveYearChange(series[1:]); ok {
		t.Error("a two-year series gave a five-year change")
	}
}

// The APL of an area is weighted by standardised population: a plain mean would say 3.
func TestWeightedAPL(t *testing.T) {
	got, ok := observatory.WeightedAPL([]observatory.APL{{Value: 2, StandardisedPopulace: 9000}, {Value: 4, StandardisedPopulace: 1000}})
	if !ok || got != 2.2 {
		t.Errorf("weighted APL = %v, want 2.2", got)
	}
	if _, ok := observatory.WeightedAPL(nil); ok {
		t.Error("an APL without weights")
	}
}

func TestBreaksAndClasses(t *testing.T) {
	breaks := observatory.Breaks([]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 5)
	if len(breaks) != 5 || breaks[0] != 1 || breaks[4] != 9 {
		t.Errorf("breaks %v", breaks)
	}
	if c := observatory.Class(4.5, breaks); c != 2 {
		t.Errorf("class of 4.5 = %d, want 2", c)
	}
	if b := observatory.Breaks([]float64{3, 3, 3}, 5); len(b) != 1 {
		t.Errorf("breaks of equal values %v", b)
	}
}

func TestAgeIndicators(t *testing.T) {
	ages := observatory.Ages{"<40": 4, "40-49": 6, "50-59": 5, "60-64": 5, "65-69": 3, "70+": 2}
	if share, ok := ages.ShareFrom("60-64"); !ok || share != 40 {
		t.Errorf("share 60+ = %v, want 40", share)
	}
	if share, _ := ages.ShareFrom("70+"); share != 8 {
		t.Errorf("share 70+ = %v, want 8", share)
	}
	if got := ages.ProjectedDepartures(); got != 3+2+3 {
		t.Errorf("projected departures = %d, want 8", got)
	}
	if _, ok := (observatory.Ages{}).ShareFrom("60-64"); ok {
		t.Error("a share without ages")
	}
}

func TestParseAges(t *testing.T) {
	keep := func(insee string) bool { return insee[:2] == "47" }
	rows, err := observatory.ParseAges(strings.NewReader("commune;tranche;effectif\n47001;60-64;5\n47001;70 +;2\n33063;<40;9\n"), keep)
	if err != nil || len(rows) != 2 || rows[1].Band != "70+" || rows[0].Count != 5 {
		t.Fatalf("rows %+v, err %v", rows, err)
	}
	for _, bad := range []string{"47001;60-64;beaucoup\n", "47001;trentenaire;3\n", "47001;60-64\n"} {
		if _, err := observatory.ParseAges(strings.NewReader("commune;tranche;effectif\n"+bad), keep); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
