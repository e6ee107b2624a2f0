package web

// EventCard is an event as lists and pages show it to the public: no registrant's data.
type EventCard struct {
	URL        string
	Title      string
	When       string // e.g. 12/03/2027, 18:30 – 21:00
	StartISO   string // for <time datetime>
	Where      string // commune and address, or "" when online only
	Online     bool
	Audience   string // code: externes, internes, medecins, lyceens, tous
	Capacity   int
	PlacesLeft int
}

// EventListView is the public list of upcoming events, filtered by audience.
type EventListView struct {
	Audience  string   // the chosen code, "" for all
	Audiences []string // codes, in order
	Events    []EventCard
	Total     int
	Pager     Pager
}

// EventView is an event's public page, with the registration form.
type EventView struct {
	Card        EventCard
	Description string // sanitised HTML
	OnlineURL   string
	ICSURL      string
	Form        RegistrationForm
}

// RegistrationForm is the sign-up form, refilled after an error.
type RegistrationForm struct {
	Action string
	Name   string
	Email  string
	Phone  string
	Errors map[string]string // field → message, already in the visitor's words
	Closed bool              // the event has started: the form is not shown
}

// RegistrationDoneView is the confirmation page after signing up.
type RegistrationDoneView struct {
	Card   EventCard
	Status string // confirmed, waitlisted, or "" when the page is opened again later
}

// RegistrationView is a registrant's private page, opened from the emailed link.
type RegistrationView struct {
	Card         EventCard
	Name         string
	Status       string // confirmed, waitlisted, cancelled
	Position     int    // on the waiting list
	CancelAction string // "" when it can no longer be cancelled
}

// RegistrationsView lists an event's registrations for staff.
type RegistrationsView struct {
	Capacity   int
	Confirmed  int
	Waitlisted int
	Rows       []RegistrationRow
}

// RegistrationRow is one registration in the staff list.
type RegistrationRow struct {
	ID        int64
	EventID   int64
	Name      string
	Email     string
	Phone     string
	Status    string
	Position  int
	CreatedAt string
}
