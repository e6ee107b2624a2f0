package web

import (
	"net/url"
	"sort"
)

// SimulatorView is the aid simulator: its form, as filled, and the results.
type SimulatorView struct {
	Situation     string
	Commune       string
	Mode          string
	Sector        string
	First         bool
	Secondary     bool
	SettleOn      string
	Received      string
	TaxRegime     string
	FromAidedZone bool
	FMTBase       string
	Errors        map[string]string
	ErrorArgs     map[string]string // e.g. the communes a postal code covers
	Situations    []string
	Communes      []string
	Done          bool   // the form was filled right: results follow
	CommuneName   string // as found in the territory
	SettleOnText  string // the date, as the language writes it
	Groups        []AidGroup
	Zonings       []ZoningNote
	Query         string // the form's values, for « me faire accompagner »
}

// AidGroup is a set of results with the same conclusion.
type AidGroup struct {
	Status  string // eligible, possible, ineligible
	Results []AidResult
}

// AidResult is one aid for the person, ready to read.
type AidResult struct {
	Name        string
	Funder      string
	Checks      []CheckLine
	Payments    []PaymentLine
	Total       string
	Monthly     string
	OneOff      string
	Daily       string
	Conditions  string
	Obligations string
	Source      string
	SourceURL   string
	Checked     string
	Validity    string
	NotOpen     string
	Zonings     []ZoningNote // the zoning files this result relies on
}

// CheckLine is a condition and its state for the person.
type CheckLine struct {
	Text   string
	State  string // met, not_met, unknown
	Reason string
}

// PaymentLine is what an aid gives in one year.
type PaymentLine struct {
	Year    int
	Euros   string
	Percent int
}

// ZoningNote names a zoning file a result uses.
type ZoningNote struct {
	Zone       string
	Reference  string
	Date       string
	Fictitious bool
}

// CatalogueView lists every aid by audience.
type CatalogueView struct {
	Sections []CatalogueSection
}

// CatalogueSection is the aids of one audience.
type CatalogueSection struct {
	Situation string
	Aids      []AidResult
}

// queryPairs splits an encoded query into name, value pairs for hidden fields.
func queryPairs(query string) [][2]string {
	values, err := url.ParseQuery(query)
	if err != nil {
		return nil
	}
	var pairs [][2]string
	for name, vs := range values {
		for _, v := range vs {
			pairs = append(pairs, [2]string{name, v})
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i][0] < pairs[j][0] })
	return pairs
}

// ZoningView is the administrators' zoning page: what is in force, and an import.
type ZoningView struct {
	Current  []ZoningNote
	Imports  []ZoningImportRow
	ErrorKey string
	Preview  *ZoningPreview
}

// ZoningImportRow is a zoning file imported earlier.
type ZoningImportRow struct {
	Filename   string
	Kinds      string
	Rows       int
	Fictitious bool
	At         string
	Staff      string
}

// ZoningPreview is what an uploaded file would import, before it is confirmed.
type ZoningPreview struct {
	Filename string
	Content  string
	Counts   []ZoneCount
	Sample   []ZoningSampleRow
	Bad      []ZoningBadRow
}

// ZoneCount is how many communes a file puts in a kind of zone.
type ZoneCount struct {
	Zone      string
	Communes  int
	Reference string
}

// ZoningSampleRow is a line a file would import.
type ZoningSampleRow struct {
	Commune   string
	Zone      string
	Reference string
	Date      string
}

// ZoningBadRow is a line of a file that was refused.
type ZoningBadRow struct {
	Line   int
	Reason string // catalog key
	Value  string
}

// AidAdminView lists every aid version and offers a local one.
type AidAdminView struct {
	Versions []AidVersionRow
	Form     AidForm
}

// AidVersionRow is a version of an aid in the administrators' list.
type AidVersionRow struct {
	Name     string
	Funder   string
	Validity string
	Local    bool
}

// AidForm is a local aid's version being entered.
type AidForm struct {
	Key         string // "" for a new aid
	Name        string
	Funder      string
	Level       string
	Audiences   []Choice
	Zones       []Choice
	ValidFrom   string
	ValidTo     string
	OneOff      string
	Monthly     string
	Conditions  string
	Obligations string
	Source      string
	SourceURL   string
	CheckedOn   string
	LocalAids   []Option
	Levels      []string
	Errors      map[string]string
}
