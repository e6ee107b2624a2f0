package structures_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/structures"
)

func TestProfileCheck(t *testing.T) {
	for _, tc := range []struct {
		name    string
		profile structures.Profile
		wrong   []string // the fields in error
	}{
		{"empty", structures.Profile{}, nil},
		{"complete", structures.Profile{Professions: []string{"infirmier", "medecin_generaliste"}, SeeksGP: true,
			Website: "https://msp.example.fr/equipe", Note: "Projet de **santé**."}, nil},
		{"unknown profession", structures.Profile{Professions: []string{"infirmier", "sorcier"}}, []string{"professions"}},
		{"script address", structures.Profile{Website: "javascript:alert(1)"}, []string{"website"}},
		{"address without scheme", structures.Profile{Website: "www.example.fr"}, []string{"website"}},
		{"address with a space", structures.Profile{Website: "https://example.fr/a b"}, []string{"website"}},
		{"note too long", structures.Profile{Note: strings.Repeat("a", 20001)}, []string{"note"}},
	} {
		err := tc.profile.Validate()
		var errs bienvenue.FieldErrors
		errors.As(err, &errs)
		var got []string
		for field := range errs {
			got = append(got, field)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.wrong) {
			t.Errorf("%s: fields in error %v, want %v", tc.name, got, tc.wrong)
		}
	}
}

func TestSortedKeepsTheVocabularysOrder(t *testing.T) {
	got := structures.Sorted([]string{"podologue", "sorcier", "infirmier", "podologue"})
	if want := []string{"infirmier", "podologue"}; !slices.Equal(got, want) {
		t.Errorf("Sorted = %v, want %v", got, want)
	}
}

func TestKindsAndCategories(t *testing.T) {
	for _, kind := range structures.Kinds {
		if got := structures.KindOf(structures.CategoryOf(kind)); got != kind {
			t.Errorf("%s → category %q → %s", kind, structures.CategoryOf(kind), got)
		}
	}
	if structures.CategoryOf("hopital") != "" {
		t.Error("an unknown kind has a category")
	}
}

func TestFoldIgnoresCaseAndAccents(t *testing.T) {
	if got := structures.Fold("Maison de Santé de BOÉ, Œuvre"); got != "maison de sante de boe, œuvre" {
		t.Errorf("Fold = %q", got)
	}
	if len([]rune(structures.Accented)) != len([]rune(structures.Plain)) {
		t.Error("every accented letter needs its plain form")
	}
}
