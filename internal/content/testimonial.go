package content

import (
	"strconv"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Testimonial is a general practitioner who settled in the territory, in their own words.
type Testimonial struct {
	ID            int64
	PersonName    string // a first name and an initial is enough
	CommuneINSEE  string // where they practise, a commune of the territory
	InstalledYear int
	Body          string // Markdown
	Photo         string // the name of their portrait in images, "" without one
	Demo          bool   // invented for `make run`: pages say so
	Publication
}

// FirstInstallYear is the earliest year of installation a testimonial may give.
const FirstInstallYear = 1950

// Validate checks a testimonial as staff typed it; hasCommune says whether an INSEE code
// is a commune of the territory, thisYear bounds the year of installation.
func (t Testimonial) Validate(hasCommune func(string) bool, thisYear int) error {
	errs := bienvenue.FieldErrors{}
	CheckText(errs, "person_name", t.PersonName, true)
	CheckText(errs, "text", t.Body, true)
	if !hasCommune(t.CommuneINSEE) {
		errs["commune"] = "error.commune_unknown_one"
	}
	if t.InstalledYear < FirstInstallYear || t.InstalledYear > thisYear {
		errs["installed_year"] = "testimonials.error.year"
	}
	return errs.OrNil()
}

// Fields are the testimonial's values by form field, for its history.
func (t Testimonial) Fields() map[string]string {
	return map[string]string{"person_name": t.PersonName, "commune": t.CommuneINSEE,
		"installed_year": strconv.Itoa(t.InstalledYear), "text": t.Body, "photo": t.Photo}
}
