// Package events owns the portal's events (welcome evenings for interns, discovery days,
// round tables, high-school forums) and the registrations to them: capacity, waiting
// list, the checks of the staff form and of the public registration form.
package events

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/content"
)

// Audience is who an event is for, as a code.
type Audience string

// Audiences, in the order forms list them.
var Audiences = []Audience{"externes", "internes", "medecins", "lyceens", "tous"}

// AudienceAll is the audience of an event for everyone: it matches every filter.
const AudienceAll Audience = "tous"

// RetentionCutoff is the end before which an event's registrations are anonymised.
// Registrations keep their personal data six months after their event ends: time to
// answer questions about the event and to count who came; no one needs a registrant's
// contact details longer (the registration form says so).
func RetentionCutoff(now time.Time) time.Time { return now.AddDate(0, -6, 0) }

// Event is one event, as staff enter it.
type Event struct {
	ID          int64
	Title       string
	StartsAt    time.Time
	EndsAt      time.Time
	Commune     string // INSEE code; "" for an event online only
	Address     string
	OnlineURL   string // "" for an event in person only
	Audience    Audience
	Capacity    int
	Description string // Markdown
	content.Publication
	// Counted from the registrations.
	Confirmed  int
	Waitlisted int
}

// PlacesLeft is how many confirmed places remain.
func (e Event) PlacesLeft() int { return max(0, e.Capacity-e.Confirmed) }

// Open says whether registrations are still taken at now: until the event starts.
func (e Event) Open(now time.Time) bool { return now.Before(e.StartsAt) }

// Fields are the event's values by form field, to tell what an edit changed.
func (e Event) Fields(zone *time.Location) map[string]string {
	return map[string]string{
		"title": e.Title, "starts_at": e.StartsAt.In(zone).Format(FormTime), "ends_at": e.EndsAt.In(zone).Format(FormTime),
		"commune": e.Commune, "address": e.Address, "online_url": e.OnlineURL, "audience": string(e.Audience),
		"capacity": strconv.Itoa(e.Capacity), "description": e.Description,
	}
}

// FormTime is how a datetime-local input writes a moment.
const FormTime = "2006-01-02T15:04"

// Territory tells which communes exist.
type Territory interface {
	HasCommune(insee string) bool
}

// Validate checks an event as staff entered it; errors name form fields with catalog
// keys. Times that could not be read are zero and reported as such.
func (e Event) Validate(t Territory) error {
	errs := bienvenue.FieldErrors{}
	content.CheckText(errs, "title", e.Title, true)
	content.CheckText(errs, "address", e.Address, e.Commune != "")
	content.CheckText(errs, "description", e.Description, true)
	content.CheckText(errs, "online_url", e.OnlineURL, false)
	if e.StartsAt.IsZero() {
		errs["starts_at"] = "events.error.datetime"
	}
	if e.EndsAt.IsZero() {
		errs["ends_at"] = "events.error.datetime"
	} else if !e.StartsAt.IsZero() && !e.EndsAt.After(e.StartsAt) {
		errs["ends_at"] = "events.error.ends_before"
	}
	if e.Commune != "" && !t.HasCommune(e.Commune) {
		errs["commune"] = "error.commune_unknown_one"
	}
	if _, ok := errs["online_url"]; !ok && e.OnlineURL != "" && !webAddress(e.OnlineURL) {
		errs["online_url"] = "error.url_invalid"
	}
	if e.Commune == "" && e.OnlineURL == "" {
		if _, ok := errs["commune"]; !ok {
			errs["commune"] = "events.error.place_required"
		}
	}
	if !slices.Contains(Audiences, e.Audience) {
		errs["audience"] = "error.choose_from_list"
	}
	if e.Capacity < 1 || e.Capacity > 10000 {
		errs["capacity"] = "events.error.capacity"
	}
	return errs.OrNil()
}

func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// Status is where a registration stands.
type Status string

const (
	StatusConfirmed  Status = "confirmed"
	StatusWaitlisted Status = "waitlisted"
	StatusCancelled  Status = "cancelled"
)

// Registrant is who signs up, as they typed it.
type Registrant struct {
	Name  string
	Email string
	Phone string // optional
}

// Validate checks a registration form; errors name its fields with catalog keys.
func (r Registrant) Validate() error {
	errs := bienvenue.FieldErrors{}
	for field, v := range map[string]string{"name": r.Name, "email": r.Email, "phone": r.Phone} {
		if key := casework.CheckText(field, v, field != "phone"); key != "" {
			errs[field] = key
		}
	}
	if _, ok := errs["email"]; !ok && !bienvenue.ValidEmail(r.Email) {
		errs["email"] = "error.email_invalid"
	}
	if _, ok := errs["phone"]; !ok && strings.ContainsFunc(r.Phone, func(c rune) bool {
		return !unicode.IsDigit(c) && !strings.ContainsRune(" .-+()", c)
	}) {
		errs["phone"] = "error.phone_invalid"
	}
	return errs.OrNil()
}

// Registration is one person's registration to an event.
type Registration struct {
	ID         int64
	EventID    int64
	Registrant Registrant
	Lang       string
	Status     Status
	CreatedAt  time.Time
	Position   int // on the waiting list, from 1; 0 otherwise
}
