package routing

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// MaxNameLength bounds the names of queues and rules.
const MaxNameLength = 100

// QueueSpec is what a supervisor sets on a queue.
type QueueSpec struct {
	Name              string
	Description       string
	Policy            Policy
	IsDefault         bool // taken from the queue that had it
	FirstResponseDays int  // service levels, in working days
	ResolutionDays    int
}

// Validate checks a queue's fields.
func (q QueueSpec) Validate() error {
	errs := bienvenue.FieldErrors{}
	checkName(errs, "name", q.Name)
	if !utf8.ValidString(q.Description) || utf8.RuneCountInString(q.Description) > 300 {
		errs["description"] = "error.too_long"
	}
	if !slices.Contains(Policies, q.Policy) {
		errs["policy"] = "error.choose_one"
	}
	if q.FirstResponseDays < 0 || q.FirstResponseDays > 60 {
		errs["first_response_days"] = "error.days_range"
	}
	if q.ResolutionDays < 1 || q.ResolutionDays > 365 || q.ResolutionDays < q.FirstResponseDays {
		errs["resolution_days"] = "error.days_range"
	}
	return errs.OrNil()
}

// Vocabulary is every value a rule's conditions may use.
type Vocabulary struct {
	Audiences, Situations, Needs, EPCIs []string
}

// Validate checks a rule's name and that its conditions use known values.
func (r Rule) Validate(v Vocabulary) error {
	errs := bienvenue.FieldErrors{}
	checkName(errs, "name", r.Name)
	if r.QueueID == 0 {
		errs["queue"] = "error.choose_one"
	}
	for field, pair := range map[string][2][]string{
		"audiences": {r.Audiences, v.Audiences}, "situations": {r.Situations, v.Situations},
		"needs": {r.Needs, v.Needs}, "epcis": {r.EPCIs, v.EPCIs},
	} {
		for _, value := range pair[0] {
			if !slices.Contains(pair[1], value) {
				errs[field] = "error.choose_from_list"
			}
		}
	}
	return errs.OrNil()
}

func checkName(errs bienvenue.FieldErrors, field, name string) {
	switch {
	case !utf8.ValidString(name) || strings.ContainsRune(name, 0):
		errs[field] = "error.invalid_characters"
	case strings.TrimSpace(name) == "":
		errs[field] = "error.required"
	case utf8.RuneCountInString(name) > MaxNameLength:
		errs[field] = "error.too_long"
	}
}
