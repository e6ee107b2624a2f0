package events_test

import (
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/events"
)

// FuzzValidateRegistrant: any sign-up form is accepted or refused without a panic, and
// an accepted one has a bare email address.
func FuzzValidateRegistrant(f *testing.F) {
	f.Add("Léa Martin", "lea@example.org", "06 12 34 56 78")
	f.Add("", "pas une adresse", "<script>")
	f.Fuzz(func(t *testing.T, name, email, phone string) {
		r := events.Registrant{Name: name, Email: email, Phone: phone}
		if err := r.Validate(); err == nil && !bienvenue.ValidEmail(email) {
			t.Errorf("registration with %q accepted", email)
		}
	})
}
