package casework

import (
	"slices"
	"strings"
	"unicode"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Form is what the portal asks one audience.
type Form struct {
	Audience      Audience
	Situations    []string
	PracticeModes []string    // doctors only
	Timeframes    []string    // doctors only
	NeedGroups    []NeedGroup // the needs to tick, grouped as the form shows them
}

// NeedGroup is a set of needs shown together, e.g. professional or personal.
type NeedGroup struct {
	Key   string
	Kinds []string
}

// Need kinds that ask for a detail.
const (
	NeedSpouseJob  = "spouse_job"
	NeedSchooling  = "schooling"
	NeedSchoolTalk = "school_talk"
)

// Forms is the form of each audience.
var Forms = map[Audience]Form{
	AudienceDoctor: {
		Audience:      AudienceDoctor,
		Situations:    []string{"intern", "locum", "new_graduate", "practising_france", "trained_abroad"},
		PracticeModes: []string{"solo", "group", "msp", "cds_employee", "mixed", "undecided"},
		Timeframes:    []string{"within_6_months", "within_a_year", "within_2_years", "later"},
		NeedGroups: []NeedGroup{
			{Key: "professional", Kinds: []string{"admin_steps", "financial_aid", "structure_premises", "locums", "coordinated_practice"}},
			{Key: "personal", Kinds: []string{"housing", NeedSpouseJob, NeedSchooling, "childcare", "discovery_visit"}},
		},
	},
	AudienceStudent: {
		Audience:   AudienceStudent,
		Situations: []string{"extern", "intern_first_years", "intern_last_year", "junior_doctor"},
		NeedGroups: []NeedGroup{{Key: "student", Kinds: []string{"internship", "trainee_housing", "events", "settling_later"}}},
	},
	AudienceHighSchool: {
		Audience:   AudienceHighSchool,
		Situations: []string{"pupil", "parent", "teacher"},
		NeedGroups: []NeedGroup{{Key: "highschool", Kinds: []string{"studies_question", NeedSchoolTalk}}},
	},
}

// NeedKinds lists every need kind of the form.
func (f Form) NeedKinds() []string {
	var kinds []string
	for _, g := range f.NeedGroups {
		kinds = append(kinds, g.Kinds...)
	}
	return kinds
}

// maxLengths limits what applicants type in each field, in characters.
var maxLengths = map[string]int{"first_name": 100, "last_name": 100, "email": 254, "phone": 30, "message": 5000}

// MaxLength is the most characters field accepts.
func MaxLength(field string) int {
	if n, ok := maxLengths[field]; ok {
		return n
	}
	return 300 // details: a spouse's field, children's levels, an organisation
}

// Territory tells which intercommunalities and communes exist, to check targets.
type Territory interface {
	HasEPCI(siren string) bool
	HasCommune(insee string) bool
}

// Validate checks an application against its audience's form. It returns nil or a
// bienvenue.FieldErrors naming each wrong field with a message-catalog key.
func (f Form) Validate(a Application, t Territory) error {
	errs := bienvenue.FieldErrors{}
	text := func(field, value string, required bool) {
		if key := CheckText(field, value, required); key != "" {
			errs[field] = key
		}
	}
	text("first_name", a.FirstName, true)
	text("last_name", a.LastName, true)
	text("email", a.Email, true)
	if _, ok := errs["email"]; !ok && !bienvenue.ValidEmail(a.Email) {
		errs["email"] = "error.email_invalid"
	}
	text("phone", a.Phone, false)
	if _, ok := errs["phone"]; !ok && strings.ContainsFunc(a.Phone, func(r rune) bool {
		return !unicode.IsDigit(r) && !strings.ContainsRune(" .-+()", r)
	}) {
		errs["phone"] = "error.phone_invalid"
	}
	if !slices.Contains(f.Situations, a.Situation) {
		errs["situation"] = "error.choose_one"
	}
	if f.Audience == AudienceDoctor {
		if !slices.Contains(f.PracticeModes, a.PracticeMode) {
			errs["practice_mode"] = "error.choose_one"
		}
		if !slices.Contains(f.Timeframes, a.Timeframe) {
			errs["timeframe"] = "error.choose_one"
		}
		f.validateTargets(a, t, errs)
	}
	f.validateNeeds(a, errs)
	text("spouse_field", a.SpouseField, slices.Contains(a.Needs, NeedSpouseJob))
	text("children_levels", a.ChildrenLevels, slices.Contains(a.Needs, NeedSchooling))
	text("organisation", a.Organisation, slices.Contains(a.Needs, NeedSchoolTalk))
	text("message", a.Message, f.Audience == AudienceHighSchool)
	return errs.OrNil()
}

// CheckText returns the message-catalog key of what is wrong with a text typed in field,
// or "" when it is fine.
func CheckText(field, value string, required bool) string {
	return bienvenue.CheckText(value, required, MaxLength(field))
}

func (f Form) validateTargets(a Application, t Territory, errs bienvenue.FieldErrors) {
	if !a.OpenToAnywhere && len(a.TargetEPCIs) == 0 && len(a.TargetCommunes) == 0 {
		errs["targets"] = "error.targets_required"
	}
	for _, siren := range a.TargetEPCIs {
		if !t.HasEPCI(siren) {
			errs["targets"] = "error.choose_from_list"
		}
	}
	for _, insee := range a.TargetCommunes {
		if !t.HasCommune(insee) {
			errs["target_communes"] = "error.commune_unknown"
		}
	}
}

func (f Form) validateNeeds(a Application, errs bienvenue.FieldErrors) {
	if len(a.Needs) == 0 {
		errs["needs"] = "error.needs_required"
	}
	kinds := f.NeedKinds()
	for _, n := range a.Needs {
		if !slices.Contains(kinds, n) {
			errs["needs"] = "error.choose_from_list"
		}
	}
}
