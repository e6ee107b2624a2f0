package casework_test

import (
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
)

// FuzzValidate: no application, however strange, makes validation panic, and one it
// accepts is valid UTF-8 without control characters.
func FuzzValidate(f *testing.F) {
	f.Add("Amina", "Diallo", "amina@example.org", "06 12 34 56 78", "locum", "msp", "within_a_year", "housing", "Bonjour")
	f.Add("", "\x00", "@", "+++", "x", "", "", "", "\xff\xfe")
	f.Fuzz(func(t *testing.T, first, last, email, phone, situation, mode, timeframe, need, message string) {
		for _, form := range casework.Forms {
			a := casework.Application{FirstName: first, LastName: last, Email: email, Phone: phone, Situation: situation,
				PracticeMode: mode, Timeframe: timeframe, Needs: []string{need}, Message: message, OpenToAnywhere: true}
			if err := form.Validate(a, territory{"200096956": true}); err == nil {
				for _, s := range []string{first, last, email, message} {
					if casework.CheckText("message", s, false) != "" {
						t.Fatalf("accepted %q", s)
					}
				}
			}
		}
	})
}
