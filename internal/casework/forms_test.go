package casework_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
)

type territory map[string]bool

func (t territory) HasEPCI(s string) bool    { return t[s] }
func (t territory) HasCommune(s string) bool { return t[s] }

func validDoctor() casework.Application {
	return casework.Application{FirstName: "Amina", LastName: "Diallo", Email: "amina@example.org", Situation: "locum",
		PracticeMode: "msp", Timeframe: "within_a_year", TargetEPCIs: []string{"200096956"}, Needs: []string{"housing"}}
}

func TestDoctorFormValidation(t *testing.T) {
	known := territory{"200096956": true, "47001": true}
	cases := []struct {
		name   string
		change func(*casework.Application)
		field  string
		key    string
	}{
		{"valid", func(*casework.Application) {}, "", ""},
		{"no name", func(a *casework.Application) { a.FirstName = "  " }, "first_name", "error.required"},
		{"long name", func(a *casework.Application) { a.LastName = strings.Repeat("é", 101) }, "last_name", "error.too_long"},
		{"bad email", func(a *casework.Application) { a.Email = "amina@" }, "email", "error.email_invalid"},
		{"named email", func(a *casework.Application) { a.Email = "Amina <amina@example.org>" }, "email", "error.email_invalid"},
		{"bad phone", func(a *casework.Application) { a.Phone = "appelez-moi" }, "phone", "error.phone_invalid"},
		{"unknown situation", func(a *casework.Application) { a.Situation = "astronaut" }, "situation", "error.choose_one"},
		{"no target", func(a *casework.Application) { a.TargetEPCIs = nil }, "targets", "error.targets_required"},
		{"open to anywhere", func(a *casework.Application) { a.TargetEPCIs, a.OpenToAnywhere = nil, true }, "", ""},
		{"commune only", func(a *casework.Application) { a.TargetEPCIs, a.TargetCommunes = nil, []string{"47001"} }, "", ""},
		{"unknown EPCI", func(a *casework.Application) { a.TargetEPCIs = []string{"999999999"} }, "targets", "error.choose_from_list"},
		{"no need", func(a *casework.Application) { a.Needs = nil }, "needs", "error.needs_required"},
		{"student need", func(a *casework.Application) { a.Needs = []string{"internship"} }, "needs", "error.choose_from_list"},
		{"spouse without field", func(a *casework.Application) { a.Needs = []string{"spouse_job"} }, "spouse_field", "error.required"},
		{"NUL byte", func(a *casework.Application) { a.Message = "a\x00b" }, "message", "error.invalid_characters"},
		{"bad UTF-8", func(a *casework.Application) { a.Message = "\xff" }, "message", "error.invalid_characters"},
		{"line breaks", func(a *casework.Application) { a.Message = "ligne 1\r\nligne 2\tfin" }, "", ""},
	}
	for _, c := range cases {
		a := validDoctor()
		c.change(&a)
		err := casework.Forms[casework.AudienceDoctor].Validate(a, known)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		var errs bienvenue.FieldErrors
		if !errors.As(err, &errs) || errs[c.field] != c.key {
			t.Errorf("%s: errors %v, want %s: %s", c.name, errs, c.field, c.key)
		}
	}
}

func TestHighSchoolQuestionNeedsAMessage(t *testing.T) {
	a := casework.Application{FirstName: "Inès", LastName: "Roux", Email: "ines@example.org", Situation: "pupil",
		Needs: []string{"studies_question"}}
	err := casework.Forms[casework.AudienceHighSchool].Validate(a, territory{})
	var errs bienvenue.FieldErrors
	if !errors.As(err, &errs) || errs["message"] != "error.required" {
		t.Errorf("errors %v, want message required", err)
	}
}

func TestTokensAreRandomAndOnlyTheirHashIsKept(t *testing.T) {
	a, hashA := casework.NewToken()
	b, _ := casework.NewToken()
	if a == b || len(a) != 43 {
		t.Errorf("tokens %q and %q", a, b)
	}
	if string(casework.HashToken(a)) != string(hashA) || strings.Contains(string(hashA), a) {
		t.Error("the hash does not match its token, or holds it")
	}
	if got := casework.FormatReference("BD", 2026, 42); got != "BD-2026-00042" {
		t.Errorf("reference %q", got)
	}
}
