package events_test

import (
	"errors"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/events"
)

type territory map[string]bool

func (t territory) HasCommune(insee string) bool { return t[insee] }

func TestEventValidation(t *testing.T) {
	start := time.Date(2031, 3, 12, 18, 30, 0, 0, time.UTC)
	valid := events.Event{Title: "Soirée", StartsAt: start, EndsAt: start.Add(time.Hour), Commune: "47001",
		Address: "Place de la Mairie", Audience: "internes", Capacity: 30, Description: "Bienvenue."}
	cases := []struct {
		name   string
		change func(*events.Event)
		field  string
		key    string
	}{
		{"valid", func(*events.Event) {}, "", ""},
		{"online only", func(e *events.Event) { e.Commune, e.Address, e.OnlineURL = "", "", "https://visio.example.org/x" }, "", ""},
		{"no place", func(e *events.Event) { e.Commune, e.Address = "", "" }, "commune", "events.error.place_required"},
		{"commune elsewhere", func(e *events.Event) { e.Commune = "75056" }, "commune", "error.commune_unknown_one"},
		{"no address", func(e *events.Event) { e.Address = "" }, "address", "error.required"},
		{"link not web", func(e *events.Event) { e.OnlineURL = "javascript:alert(1)" }, "online_url", "error.url_invalid"},
		{"ends before", func(e *events.Event) { e.EndsAt = start.Add(-time.Minute) }, "ends_at", "events.error.ends_before"},
		{"no start", func(e *events.Event) { e.StartsAt = time.Time{} }, "starts_at", "events.error.datetime"},
		{"unknown audience", func(e *events.Event) { e.Audience = "parents" }, "audience", "error.choose_from_list"},
		{"no places", func(e *events.Event) { e.Capacity = 0 }, "capacity", "events.error.capacity"},
		{"no title", func(e *events.Event) { e.Title = "" }, "title", "error.required"},
	}
	for _, c := range cases {
		e := valid
		c.change(&e)
		err := e.Validate(territory{"47001": true})
		var errs bienvenue.FieldErrors
		errors.As(err, &errs)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, errs)
			}
			continue
		}
		if got := errs[c.field]; got != c.key {
			t.Errorf("%s: %s is %q, want %q (all: %v)", c.name, c.field, got, c.key, errs)
		}
	}
}

func TestRegistrantValidation(t *testing.T) {
	cases := []struct {
		r     events.Registrant
		field string
		key   string
	}{
		{events.Registrant{Name: "Inès", Email: "ines@example.org"}, "", ""},
		{events.Registrant{Name: "Inès", Email: "ines@example.org", Phone: "+33 6 12 34 56 78"}, "", ""},
		{events.Registrant{Email: "ines@example.org"}, "name", "error.required"},
		{events.Registrant{Name: "Inès", Email: "Inès <ines@example.org>"}, "email", "error.email_invalid"},
		{events.Registrant{Name: "Inès", Email: "ines@example.org", Phone: "demain"}, "phone", "error.phone_invalid"},
	}
	for _, c := range cases {
		var errs bienvenue.FieldErrors
		errors.As(c.r.Validate(), &errs)
		if got := errs[c.field]; c.field != "" && got != c.key || c.field == "" && len(errs) > 0 {
			t.Errorf("%+v: %v, want %s=%q", c.r, errs, c.field, c.key)
		}
	}
}

func TestPlacesLeftAndRetention(t *testing.T) {
	if got := (events.Event{Capacity: 5, Confirmed: 7}).PlacesLeft(); got != 0 {
		t.Errorf("places left %d, want 0 when over capacity", got)
	}
	now := time.Date(2027, 8, 31, 12, 0, 0, 0, time.UTC)
	if got, want := events.RetentionCutoff(now), time.Date(2027, 3, 3, 12, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("cutoff %v, want %v", got, want)
	}
}
