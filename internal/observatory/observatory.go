// Package observatory computes the general-medicine indicators: headcounts by mode of
// practice, density, change over five years, per commune, intercommunality and
// département, from dated snapshots of practitioners.
package observatory

import (
	"math"
	"sort"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/rpps"
)

// Area kinds.
const (
	Commune     = "commune"
	EPCI        = "epci"
	Departement = "departement"
)

// Count is the headcount of an area in a snapshot, by mode: a practitioner both
// libéral and salaried in the area counts once, as mixed.
type Count struct {
	Kind     string
	Code     string
	Liberal  int
	Salaried int
	Mixed    int
	Other    int // bénévole
	Total    int
}

// Counts aggregates practices into headcounts per commune, intercommunality and
// département; epciOf gives a commune's intercommunality.
func Counts(practices []rpps.Practice, departement string, epciOf func(insee string) string) []Count {
	modes := map[[2]string]map[string]map[string]bool{} // (kind, code) → practitioner → modes
	add := func(kind, code string, p rpps.Practice) {
		k := [2]string{kind, code}
		if modes[k] == nil {
			modes[k] = map[string]map[string]bool{}
		}
		if modes[k][p.Practitioner] == nil {
			modes[k][p.Practitioner] = map[string]bool{}
		}
		modes[k][p.Practitioner][p.Mode] = true
	}
	for _, p := range practices {
		add(Commune, p.Commune, p)
		add(EPCI, epciOf(p.Commune), p)
		add(Departement, departement, p)
	}
	counts := make([]Count, 0, len(modes))
	for k, byPractitioner := range modes {
		c := Count{Kind: k[0], Code: k[1]}
		for _, m := range byPractitioner {
			switch {
			case m["L"] && m["S"]:
				c.Mixed++
			case m["L"]:
				c.Liberal++
			case m["S"]:
				c.Salaried++
			default:
				c.Other++
			}
			c.Total++
		}
		counts = append(counts, c)
	}
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].Kind != counts[j].Kind {
			return counts[i].Kind < counts[j].Kind
		}
		return counts[i].Code < counts[j].Code
	})
	return counts
}

// Density is general practitioners per 10,000 inhabitants, rounded to one decimal.
func Density(gps, population int) float64 {
	if population == 0 {
		return 0
	}
	return math.Round(float64(gps)*100000/float64(population)) / 10
}

// Point is an area's headcount on a date.
type Point struct {
	On    time.Time
	Total int
}

// FiveYearChange is the change in headcount, in percent, between the point nearest to
// five years before the latest and the latest; false when the series does not reach
// back four and a half years.
func FiveYearChange(series []Point) (float64, bool) {
	if len(series) < 2 {
		return 0, false
	}
	sorted := append([]Point(nil), series...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].On.Before(sorted[j].On) })
	last := sorted[len(sorted)-1]
	target := last.On.AddDate(-5, 0, 0)
	best := sorted[0]
	for _, p := range sorted[:len(sorted)-1] {
		if math.Abs(p.On.Sub(target).Hours()) < math.Abs(best.On.Sub(target).Hours()) {
			best = p
		}
	}
	if last.On.Sub(best.On) < time.Duration(4.5*365*24)*time.Hour || best.Total == 0 {
		return 0, false
	}
	return math.Round(float64(last.Total-best.Total)*1000/float64(best.Total)) / 10, true
}

// APL is the DREES accessibility indicator of an area: consultations accessible per
// inhabitant per year.
type APL struct {
	Value                float64
	StandardisedPopulace float64 // the weight of the area
}

// WeightedAPL aggregates communes' APL to a larger area, weighted by their standardised
// population, never as a plain mean; false when no weight is known.
func WeightedAPL(communes []APL) (float64, bool) {
	var sum, weight float64
	for _, c := range communes {
		sum += c.Value * c.StandardisedPopulace
		weight += c.StandardisedPopulace
	}
	if weight == 0 {
		return 0, false
	}
	return math.Round(sum/weight*100) / 100, true
}

// Indicators the dashboard maps.
var Indicators = []string{"total", "density", "liberal", "salaried", "change"}

// Breaks returns the upper bounds of n classes holding about as many values each
// (quantiles), for a map's legend; fewer when values repeat.
func Breaks(values []float64, n int) []float64 {
	if len(values) == 0 {
		return nil
	}
	sorted := append([]float64(nil), values...)
	sort.Float64s(sorted)
	var breaks []float64
	for i := 1; i <= n; i++ {
		b := sorted[(len(sorted)*i-1)/n]
		if len(breaks) == 0 || b > breaks[len(breaks)-1] {
			breaks = append(breaks, b)
		}
	}
	return breaks
}

// Class is the index of the class value falls in.
func Class(value float64, breaks []float64) int {
	for i, b := range breaks {
		if value <= b {
			return i
		}
	}
	return len(breaks) - 1
}

// Age bands of general practitioners, as the ages file gives them.
var AgeBands = []string{"<40", "40-49", "50-59", "60-64", "65-69", "70+"}

// Ages are an area's GP headcount by age band.
type Ages map[string]int

// Add adds other's counts.
func (a Ages) Add(other Ages) {
	for band, n := range other {
		a[band] += n
	}
}

// Total is the headcount whose age is known.
func (a Ages) Total() int {
	n := 0
	for _, c := range a {
		n += c
	}
	return n
}

// ShareFrom is the percentage of GPs in band from and the bands above it.
func (a Ages) ShareFrom(from string) (float64, bool) {
	total := a.Total()
	if total == 0 {
		return 0, false
	}
	n, counting := 0, false
	for _, band := range AgeBands {
		counting = counting || band == from
		if counting {
			n += a[band]
		}
	}
	return math.Round(float64(n)*1000/float64(total)) / 10, true
}

// ProjectedDepartures estimates the GPs who reach 67 within five years: everyone 65 or
// over, and three fifths of the 60-64 band (62 to 64, ages spread evenly).
func (a Ages) ProjectedDepartures() int {
	return a["65-69"] + a["70+"] + int(math.Round(float64(a["60-64"])*3/5))
}
