// Package offers owns what the territory offers to come and work: internship offers for
// medical students, housing for trainees and practice opportunities for doctors, with
// their vocabularies, validation and the filters of their public lists.
package offers

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
)

// The vocabularies; the UI names each code through the catalogs.
var (
	Levels      = []string{"externe", "interne_socle", "interne_approfondissement", "docteur_junior"}
	HostKinds   = []string{"cabinet", "msp", "centre", "hopital"}
	Specialties = []string{"medecine_generale", "pediatrie", "gynecologie", "psychiatrie", "urgences", "geriatrie", "medecine_interne"}
	// HousingKinds and Audiences describe trainee housing.
	HousingKinds = []string{"internat", "communal", "colocation", "habitant"}
	Audiences    = []string{"externes", "internes", "tous"}
	// OpportunityKinds are the ways a doctor can come: a salaried post, a structure
	// seeking a GP, a practice to take over, a locum.
	OpportunityKinds = []string{"salarie", "structure", "succession", "remplacement"}
)

// Places is what the offers need of the territory.
type Places interface {
	HasCommune(insee string) bool
	EPCIOf(insee string) string
}

// Offer is an internship offer (offre de stage).
type Offer struct {
	ID          int64
	Title       string
	HostKind    string
	HostName    string
	Commune     string // INSEE code
	EPCI        string // SIREN, derived from the commune
	Specialty   string
	Level       string
	Semester    Semester
	Supervisor  string
	Housing     bool
	TravelHelp  bool
	Description string // Markdown
	content.Publication
}

// Fields are the offer's fields as the form writes them, also compared to record which
// fields an edit changed.
func (o Offer) Fields() map[string]string {
	return map[string]string{"title": o.Title, "host_kind": o.HostKind, "host_name": o.HostName, "commune": o.Commune,
		"specialty": o.Specialty, "level": o.Level, "semester": o.Semester.String(), "supervisor": o.Supervisor,
		"housing": strconv.FormatBool(o.Housing), "travel_help": strconv.FormatBool(o.TravelHelp), "description": o.Description}
}

// Validate checks an offer and derives its intercommunality from its commune.
func (o *Offer) Validate(places Places) error {
	errs := bienvenue.FieldErrors{}
	content.CheckText(errs, "title", o.Title, true)
	content.CheckText(errs, "host_name", o.HostName, true)
	content.CheckText(errs, "supervisor", o.Supervisor, true)
	content.CheckText(errs, "description", o.Description, true)
	checkChoice(errs, "host_kind", o.HostKind, HostKinds)
	checkChoice(errs, "specialty", o.Specialty, Specialties)
	checkChoice(errs, "level", o.Level, Levels)
	if o.Semester.IsZero() {
		errs["semester"] = "error.required"
	}
	o.EPCI = checkCommune(errs, o.Commune, places)
	return errs.OrNil()
}

// Housing is a place where trainees can live during their internship.
type Housing struct {
	ID          int64
	Title       string
	Kind        string
	Commune     string
	EPCI        string
	Audience    string
	MonthlyRent int // euros, charges included; 0 when free
	Capacity    int // beds
	Contact     string
	Description string
	content.Publication
}

// Fields are the housing's fields as the form writes them.
func (h Housing) Fields() map[string]string {
	return map[string]string{"title": h.Title, "kind": h.Kind, "commune": h.Commune, "audience": h.Audience,
		"monthly_rent": strconv.Itoa(h.MonthlyRent), "capacity": strconv.Itoa(h.Capacity), "contact": h.Contact,
		"description": h.Description}
}

// Validate checks a housing offer and derives its intercommunality.
func (h *Housing) Validate(places Places) error {
	errs := bienvenue.FieldErrors{}
	content.CheckText(errs, "title", h.Title, true)
	content.CheckText(errs, "contact", h.Contact, true)
	content.CheckText(errs, "description", h.Description, true)
	checkChoice(errs, "kind", h.Kind, HousingKinds)
	checkChoice(errs, "audience", h.Audience, Audiences)
	if h.MonthlyRent < 0 || h.MonthlyRent > 5000 {
		errs["monthly_rent"] = "error.rent_range"
	}
	if h.Capacity < 1 || h.Capacity > 500 {
		errs["capacity"] = "error.capacity_range"
	}
	h.EPCI = checkCommune(errs, h.Commune, places)
	return errs.OrNil()
}

// Opportunity is a way for a doctor to practise here.
type Opportunity struct {
	ID            int64
	Kind          string
	Title         string
	StructureName string
	Commune       string
	EPCI          string
	StartsOn      *time.Time // nil when it is open now or to be agreed
	Contact       string
	Description   string
	content.Publication
}

// Fields are the opportunity's fields as the form writes them.
func (o Opportunity) Fields() map[string]string {
	starts := ""
	if o.StartsOn != nil {
		starts = o.StartsOn.Format(time.DateOnly)
	}
	return map[string]string{"kind": o.Kind, "title": o.Title, "structure_name": o.StructureName, "commune": o.Commune,
		"starts_on": starts, "contact": o.Contact, "description": o.Description}
}

// Validate checks an opportunity and derives its intercommunality.
func (o *Opportunity) Validate(places Places) error {
	errs := bienvenue.FieldErrors{}
	content.CheckText(errs, "title", o.Title, true)
	content.CheckText(errs, "structure_name", o.StructureName, true)
	content.CheckText(errs, "contact", o.Contact, true)
	content.CheckText(errs, "description", o.Description, true)
	checkChoice(errs, "kind", o.Kind, OpportunityKinds)
	o.EPCI = checkCommune(errs, o.Commune, places)
	return errs.OrNil()
}

func checkChoice(errs bienvenue.FieldErrors, field, value string, choices []string) {
	if !slices.Contains(choices, value) {
		errs[field] = "error.choose_from_list"
	}
}

// checkCommune checks that the commune is in the territory and returns its EPCI.
func checkCommune(errs bienvenue.FieldErrors, insee string, places Places) string {
	if insee == "" || !places.HasCommune(insee) {
		errs["commune"] = "error.commune_not_here"
		return ""
	}
	return places.EPCIOf(insee)
}

// Semester is a hospital semester, from the first of November or of May for six months.
type Semester struct{ Start time.Time }

// ParseSemester reads a semester written 2026-11 or 2027-05.
func ParseSemester(s string) (Semester, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || (t.Month() != time.November && t.Month() != time.May) {
		return Semester{}, fmt.Errorf("semester %q: %w", s, bienvenue.ErrInvalid)
	}
	return Semester{t}, nil
}

// SemesterOf is the semester running on day.
func SemesterOf(day time.Time) Semester {
	y, m := day.Year(), day.Month()
	switch {
	case m >= time.November:
		return Semester{time.Date(y, time.November, 1, 0, 0, 0, 0, time.UTC)}
	case m >= time.May:
		return Semester{time.Date(y, time.May, 1, 0, 0, 0, 0, time.UTC)}
	}
	return Semester{time.Date(y-1, time.November, 1, 0, 0, 0, 0, time.UTC)}
}

// Next is the following semester.
func (s Semester) Next() Semester { return Semester{s.Start.AddDate(0, 6, 0)} }

// End is the last month of the semester.
func (s Semester) End() time.Time { return s.Start.AddDate(0, 5, 0) }

func (s Semester) IsZero() bool { return s.Start.IsZero() }

// String writes the semester as forms and addresses do: 2026-11.
func (s Semester) String() string {
	if s.IsZero() {
		return ""
	}
	return s.Start.Format("2006-01")
}

// Upcoming are the semester running on day and the next three, for forms and filters.
func Upcoming(day time.Time) []Semester {
	s := SemesterOf(day)
	list := []Semester{s}
	for range 3 {
		s = s.Next()
		list = append(list, s)
	}
	return list
}
