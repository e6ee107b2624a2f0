package offers_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
)

// places is a territory of two communes in one intercommunality.
type places struct{}

func (places) HasCommune(insee string) bool { return insee == "47001" || insee == "47052" }
func (places) EPCIOf(insee string) string   { return "200096956" }
func (places) HasEPCI(siren string) bool    { return siren == "200096956" }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSemesterRunsFromNovemberOrMay(t *testing.T) {
	t.Parallel()
	tests := []struct{ day, want string }{
		{"2026-11-22", "2026-11"}, {"2026-11-01", "2026-11"}, {"2027-04-30", "2026-11"},
		{"2027-05-01", "2027-05"}, {"2027-10-31", "2027-05"}, {"2027-01-15", "2026-11"},
	}
	for _, tt := range tests {
		if got := offers.SemesterOf(day(tt.day)).String(); got != tt.want {
			t.Errorf("SemesterOf(%s) = %s, want %s", tt.day, got, tt.want)
		}
	}
	up := offers.Upcoming(day("2026-11-22"))
	if got, want := len(up), 4; got != want {
		t.Fatalf("%d upcoming semesters, want %d", got, want)
	}
	if got, want := up[3].String(), "2028-05"; got != want {
		t.Errorf("fourth semester %s, want %s", got, want)
	}
	if got, want := up[0].End().Format("2006-01"), "2027-04"; got != want {
		t.Errorf("the semester ends %s, want %s", got, want)
	}
	for _, bad := range []string{"2026-12", "2026-1", "novembre", "", "2026-11-01"} {
		if _, err := offers.ParseSemester(bad); !errors.Is(err, bienvenue.ErrInvalid) {
			t.Errorf("ParseSemester(%q) = %v, want invalid", bad, err)
		}
	}
}

func TestAnOfferNeedsItsFieldsAndACommuneOfTheTerritory(t *testing.T) {
	t.Parallel()
	sem, _ := offers.ParseSemester("2027-05")
	good := offers.Offer{Title: "Stage", HostKind: "msp", HostName: "MSP", Commune: "47052", Specialty: "medecine_generale",
		Level: "externe", Semester: sem, Supervisor: "Dr A", Description: "Texte"}
	if err := good.Validate(places{}); err != nil {
		t.Fatalf("valid offer: %v", err)
	}
	if got, want := good.EPCI, "200096956"; got != want {
		t.Errorf("EPCI = %s, want %s derived from the commune", got, want)
	}
	bad := offers.Offer{Title: strings.Repeat("a", 201), HostKind: "chateau", Commune: "33063", Level: "chef"}
	var errs bienvenue.FieldErrors
	if !errors.As(bad.Validate(places{}), &errs) {
		t.Fatal("invalid offer accepted")
	}
	want := map[string]string{"title": "error.too_long", "host_kind": "error.choose_from_list", "host_name": "error.required",
		"commune": "error.commune_not_here", "level": "error.choose_from_list", "semester": "error.required", "description": "error.required"}
	for field, key := range want {
		if errs[field] != key {
			t.Errorf("%s: %q, want %q", field, errs[field], key)
		}
	}
}

func TestHousingRentAndCapacityHaveBounds(t *testing.T) {
	t.Parallel()
	h := offers.Housing{Title: "Internat", Kind: "internat", Commune: "47001", Audience: "internes", MonthlyRent: -1, Capacity: 0,
		Contact: "a@b.fr", Description: "x"}
	var errs bienvenue.FieldErrors
	if !errors.As(h.Validate(places{}), &errs) || errs["monthly_rent"] == "" || errs["capacity"] == "" {
		t.Errorf("errors %v, want rent and capacity refused", errs)
	}
	h.MonthlyRent, h.Capacity = 0, 12
	if err := h.Validate(places{}); err != nil {
		t.Errorf("free housing for 12: %v", err)
	}
}

func TestFiltersComeFromTheAddress(t *testing.T) {
	t.Parallel()
	q, _ := url.ParseQuery("niveau=externe&semestre=2027-05&epci=200096956&specialite=pediatrie&logement=1&page=3")
	f, err := offers.ParseFilter(q, places{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Level != "externe" || f.Semester.String() != "2027-05" || f.EPCI != "200096956" || f.Specialty != "pediatrie" || !f.Housing || f.Page != 3 {
		t.Errorf("filter %+v", f)
	}
	if got, want := f.Offset(), 40; got != want {
		t.Errorf("offset %d, want %d", got, want)
	}
	for _, bad := range []string{"niveau=chef", "semestre=2027-06", "epci=1", "page=0", "page=x", "type=villa", "public=tous-les-jours"} {
		q, _ := url.ParseQuery(bad)
		if _, err := offers.ParseFilter(q, places{}, offers.HousingKinds); !errors.Is(err, bienvenue.ErrInvalid) {
			t.Errorf("%s: %v, want invalid", bad, err)
		}
	}
}
