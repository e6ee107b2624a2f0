package offers_test

import (
	"net/url"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/offers"
)

// FuzzParseFilter: any address gives a filter or an invalid-input error, never a panic
// nor a page outside its bounds.
func FuzzParseFilter(f *testing.F) {
	f.Add("niveau=externe&semestre=2027-05&page=2")
	f.Add("page=99999999999999999999&logement=1")
	f.Add("epci=%00&type=internat")
	f.Fuzz(func(t *testing.T, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		flt, err := offers.ParseFilter(q, places{}, offers.OpportunityKinds)
		if err == nil && (flt.Page < 1 || flt.Page > 100000) {
			t.Errorf("page %d accepted from %q", flt.Page, query)
		}
	})
}

// FuzzValidateOffer: validation never panics and never accepts an offer outside the
// territory.
func FuzzValidateOffer(f *testing.F) {
	f.Add("Stage", "msp", "47001", "externe", "2027-05", "texte")
	f.Add("", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, title, host, commune, level, semester, description string) {
		sem, _ := offers.ParseSemester(semester)
		o := offers.Offer{Title: title, HostKind: host, HostName: title, Commune: commune, Specialty: "medecine_generale",
			Level: level, Semester: sem, Supervisor: title, Description: description}
		if err := o.Validate(places{}); err == nil && !(places{}).HasCommune(o.Commune) {
			t.Errorf("offer in %q accepted", commune)
		}
	})
}
