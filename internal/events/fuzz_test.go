package events_test

import (
	"strings"
	"testing"
	"time"

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

// FuzzValidateEvent: an event the form accepts takes place somewhere (a commune of the
// territory or an http(s) link), ends after it starts and has a capacity.
func FuzzValidateEvent(f *testing.F) {
	f.Add("Soirée", "47001", "Salle", "https://visio.example.fr", "internes", 30, int64(3600))
	f.Add("\x00", "", "", "javascript:alert(1)", "tous", 0, int64(-1))
	f.Fuzz(func(t *testing.T, title, commune, address, link, audience string, capacity int, length int64) {
		start := time.Date(2027, 3, 1, 18, 0, 0, 0, time.UTC)
		e := events.Event{Title: title, Commune: commune, Address: address, OnlineURL: link, Audience: events.Audience(audience),
			Capacity: capacity, StartsAt: start, EndsAt: start.Add(time.Duration(length) * time.Second), Description: "texte"}
		if e.Validate(territory{"47001": true}) != nil {
			return
		}
		if commune != "" && commune != "47001" || commune == "" && !strings.HasPrefix(link, "http") ||
			!e.EndsAt.After(e.StartsAt) || capacity < 1 {
			t.Errorf("event accepted: %+v", e)
		}
	})
}
