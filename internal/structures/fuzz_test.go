package structures_test

import (
	"net/url"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/structures"
)

// FuzzValidateProfile: a profile the form accepts has known professions and, if any, a
// web address in http or https.
func FuzzValidateProfile(f *testing.F) {
	f.Add("medecin_generaliste", "https://msp.example.fr", "Une **note**")
	f.Add("sorcier", "javascript:alert(1)", "\x00")
	f.Fuzz(func(t *testing.T, profession, website, note string) {
		p := structures.Profile{Professions: []string{profession}, Website: website, Note: note}
		if p.Validate() != nil {
			return
		}
		if u, err := url.Parse(website); website != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https")) {
			t.Errorf("website %q accepted", website)
		}
	})
}
