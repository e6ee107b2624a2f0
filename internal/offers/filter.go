package offers

import (
	"net/url"
	"slices"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
)

// PerPage is the length of a page of a public list.
const PerPage = 20

// Filter narrows a public list; the zero value keeps everything. Its fields are read
// from the address, so that a filtered list can be shared.
type Filter struct {
	Level     string
	Semester  Semester
	EPCI      string
	Specialty string
	Housing   bool   // only offers with housing
	Kind      string // of housing or of opportunity
	Audience  string // of housing
	Page      int
}

// ParseFilter reads a list's filters from a query. A value the list does not know is
// invalid: an address edited by hand gets a clear answer rather than a silently wider list.
func ParseFilter(q url.Values, places interface{ HasEPCI(string) bool }, kinds []string) (Filter, error) {
	f := Filter{Level: q.Get("niveau"), EPCI: q.Get("epci"), Specialty: q.Get("specialite"),
		Housing: q.Get("logement") == "1", Kind: q.Get("type"), Audience: q.Get("public"), Page: 1}
	errs := bienvenue.FieldErrors{}
	known := func(field, v string, list []string) {
		if v != "" && !slices.Contains(list, v) {
			errs[field] = "error.choose_from_list"
		}
	}
	known("niveau", f.Level, Levels)
	known("specialite", f.Specialty, Specialties)
	known("type", f.Kind, kinds)
	known("public", f.Audience, Audiences)
	if f.EPCI != "" && !places.HasEPCI(f.EPCI) {
		errs["epci"] = "error.choose_from_list"
	}
	if s := q.Get("semestre"); s != "" {
		sem, err := ParseSemester(s)
		if err != nil {
			errs["semestre"] = "error.choose_from_list"
		}
		f.Semester = sem
	}
	if n, ok := content.PageNumber(q.Get("page")); ok {
		f.Page = n
	} else {
		errs["page"] = "error.page"
	}
	return f, errs.OrNil()
}

// Offset is where the filter's page starts.
func (f Filter) Offset() int { return (f.Page - 1) * PerPage }
