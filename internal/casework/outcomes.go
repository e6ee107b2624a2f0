package casework

import (
	"slices"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// OutcomeDetails say where and how a request ended: for an installation, the commune,
// date, structure and mode of practice; for an internship, the host and semester.
type OutcomeDetails struct {
	CommuneINSEE  string
	InstalledOn   time.Time
	StructureKind string // msp, cds, practice, hospital, other
	StructureName string
	PracticeMode  string // liberal, salaried, mixed
	Host          string
	Semester      string // e.g. « mai 2027 »
}

// Kinds of structure and modes of practice an installation records.
var (
	StructureKinds = []string{"msp", "cds", "practice", "hospital", "other"}
	PracticeModes  = []string{"liberal", "salaried", "mixed"}
)

// NeedsDetails reports whether resolving with outcome o records details.
func (o Outcome) NeedsDetails() bool { return o == OutcomeInstalled || o == OutcomeInternshipFound }

// Validate checks the details an outcome needs; t tells which communes exist.
func (d OutcomeDetails) Validate(o Outcome, t Territory) error {
	errs := bienvenue.FieldErrors{}
	text := func(field, value string) {
		if key := CheckText(field, value, true); key != "" {
			errs[field] = key
		}
	}
	switch o {
	case OutcomeInstalled:
		if !t.HasCommune(d.CommuneINSEE) {
			errs["outcome_commune"] = "error.commune_unknown_one"
		}
		if d.InstalledOn.IsZero() {
			errs["installed_on"] = "error.date_invalid"
		}
		if !slices.Contains(StructureKinds, d.StructureKind) {
			errs["structure_kind"] = "error.choose_one"
		}
		text("structure_name", d.StructureName)
		if !slices.Contains(PracticeModes, d.PracticeMode) {
			errs["outcome_mode"] = "error.choose_one"
		}
	case OutcomeInternshipFound:
		text("host", d.Host)
		text("semester", d.Semester)
	}
	return errs.OrNil()
}
