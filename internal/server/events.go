package server

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/events"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/web"
)

const eventsPerPage = 10

// sessionRegistration is the session key of a sign-up's status, for the page after it.
const sessionRegistration = "event_registration"

// eventList is the public list of upcoming published events. An unknown audience in
// the address shows every event rather than an error: links get mangled.
func (s *Server) eventList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, ok := listPage(q)
	if !ok {
		s.error(w, r, bienvenue.ErrInvalid)
		return
	}
	audience := events.Audience(q.Get("public"))
	if !slices.Contains(events.Audiences, audience) {
		audience = ""
	}
	list, total, err := s.db.UpcomingEvents(r.Context(), s.db.Now(), audience, eventsPerPage, (page-1)*eventsPerPage)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.EventListView{Audience: string(audience), Total: total, Pager: pagerOf(r, page, total, eventsPerPage)}
	for _, a := range events.Audiences {
		v.Audiences = append(v.Audiences, string(a))
	}
	for _, e := range list {
		v.Events = append(v.Events, s.eventCard(r.Context(), e))
	}
	s.render(w, r, http.StatusOK, web.EventList(s.page(r, "events.list.title"), v))
}

// publicEvent is the published event the address names; a draft is not found.
func (s *Server) publicEvent(r *http.Request) (events.Event, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return events.Event{}, err
	}
	e, err := s.db.Event(r.Context(), id)
	if err == nil && !e.Published {
		err = bienvenue.ErrNotFound
	}
	return e, err
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	e, err := s.publicEvent(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderEvent(w, r, http.StatusOK, e, web.RegistrationForm{})
}

func (s *Server) renderEvent(w http.ResponseWriter, r *http.Request, status int, e events.Event, form web.RegistrationForm) {
	card := s.eventCard(r.Context(), e)
	form.Action = card.URL + "/inscription"
	form.Closed = !e.Open(s.db.Now())
	v := web.EventView{Card: card, Description: s.markdown(e.Description), OnlineURL: e.OnlineURL,
		ICSURL: card.URL + "/evenement.ics", Form: form}
	s.render(w, r, status, web.EventPage(s.bareTitled(r, e.Title), v))
}

// register signs a visitor up: a confirmed place while some remain, the waiting list
// after. The email with the private cancellation link goes in the same transaction.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	e, err := s.publicEvent(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := r.PostForm
	who := events.Registrant{Name: strings.TrimSpace(f.Get("name")), Email: strings.TrimSpace(f.Get("email")),
		Phone: strings.TrimSpace(f.Get("phone"))}
	form := web.RegistrationForm{Name: who.Name, Email: who.Email, Phone: who.Phone}
	var errs bienvenue.FieldErrors
	if errors.As(who.Validate(), &errs) {
		form.Errors = fieldMessages(r, errs, casework.MaxLength)
		s.renderEvent(w, r, http.StatusUnprocessableEntity, e, form)
		return
	}
	token, hash := casework.NewToken()
	l := i18n.From(r.Context())
	status, err := s.db.Register(r.Context(), postgres.NewRegistration{EventID: e.ID, Registrant: who, Lang: l.Lang, TokenHash: hash,
		Email: func(e events.Event, st events.Status) mail.Message {
			return s.eventEmail(l, "events.email."+string(st), who.Email, e, "Link", s.registrationURL(token))
		}})
	switch {
	case errors.Is(err, bienvenue.ErrConflict):
		form.Errors = map[string]string{"email": i18n.T(r.Context(), "events.error.already_registered")}
		s.renderEvent(w, r, http.StatusConflict, e, form)
		return
	case errors.Is(err, postgres.ErrRegistrationClosed):
		s.renderEvent(w, r, http.StatusUnprocessableEntity, e, form)
		return
	case err != nil:
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionRegistration, string(status))
	redirect(w, r, "/evenements/"+strconv.FormatInt(e.ID, 10)+"/inscription")
}

// fieldMessages writes each field's error in the visitor's words.
func fieldMessages(r *http.Request, errs bienvenue.FieldErrors, maxLength func(string) int) map[string]string {
	msgs := make(map[string]string, len(errs))
	for field, key := range errs {
		msgs[field] = i18n.T(r.Context(), key, "Max", maxLength(field))
	}
	return msgs
}

// registrationDone is the page after signing up; opened again later, it says only that
// the registration is recorded.
func (s *Server) registrationDone(w http.ResponseWriter, r *http.Request) {
	e, err := s.publicEvent(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	status := s.sessions.PopString(r.Context(), sessionRegistration)
	s.render(w, r, http.StatusOK, web.RegistrationDone(s.page(r, "events.done.title"),
		web.RegistrationDoneView{Card: s.eventCard(r.Context(), e), Status: status}))
}

// registrationPage is the registrant's private page, from the emailed link.
func (s *Server) registrationPage(w http.ResponseWriter, r *http.Request) {
	token := chi.URLParam(r, "token")
	reg, e, err := s.db.RegistrationByToken(r.Context(), casework.HashToken(token))
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.RegistrationView{Card: s.eventCard(r.Context(), e), Name: reg.Registrant.Name, Status: string(reg.Status),
		Position: reg.Position}
	if reg.Status != events.StatusCancelled && e.Open(s.db.Now()) {
		v.CancelAction = "/inscription/" + token + "/annuler"
	}
	s.render(w, r, http.StatusOK, web.RegistrationPage(s.page(r, "events.mine.title"), v))
}

// cancelRegistration frees the place; the first person waiting gets it and an email.
func (s *Server) cancelRegistration(w http.ResponseWriter, r *http.Request) {
	token := chi.URLParam(r, "token")
	if err := s.db.CancelRegistration(r.Context(), casework.HashToken(token), s.promotedEmail); err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "events.mine.cancelled_now")
	redirect(w, r, "/inscription/"+token)
}

// promotedEmail tells someone who was waiting that a place is theirs, in their language.
func (s *Server) promotedEmail(e events.Event, next events.Registration) mail.Message {
	return s.eventEmail(s.catalog.Localizer(next.Lang, s.cfg.TimeZone), "events.email.promoted", next.Registrant.Email, e)
}

// EventReminderEmail reminds a registrant of their event, in their language; the
// worker sends it the day before.
func (s *Server) EventReminderEmail(rem postgres.Reminder) mail.Message {
	return s.eventEmail(s.catalog.Localizer(rem.Registration.Lang, s.cfg.TimeZone), "events.email.reminder",
		rem.Registration.Registrant.Email, rem.Event)
}

// eventEmail writes message key about event e in the language of l, with its title,
// time, place and page.
func (s *Server) eventEmail(l *i18n.Localizer, key, to string, e events.Event, pairs ...any) mail.Message {
	c := s.eventCard(i18n.WithLocalizer(context.Background(), l), e)
	where := c.Where
	if e.OnlineURL != "" {
		where = strings.TrimPrefix(where+" · "+l.T("events.online")+" : "+e.OnlineURL, " · ")
	}
	pairs = append(pairs, "Title", e.Title, "When", c.When, "Where", where, "Page", s.absolute(c.URL))
	return s.emailIn(l, to, key, pairs...)
}

func (s *Server) registrationURL(token string) string { return s.absolute("/inscription/" + token) }

func (s *Server) absolute(path string) string { return strings.TrimRight(s.cfg.BaseURL, "/") + path }

// eventCard is what the public sees of an event, in the language of ctx.
func (s *Server) eventCard(ctx context.Context, e events.Event) web.EventCard {
	c := web.EventCard{URL: "/evenements/" + strconv.FormatInt(e.ID, 10), Title: e.Title, Online: e.OnlineURL != "",
		Audience: string(e.Audience), Capacity: e.Capacity, PlacesLeft: e.PlacesLeft(),
		StartISO: e.StartsAt.In(s.cfg.TimeZone).Format("2006-01-02T15:04-07:00")}
	start, end := e.StartsAt.In(s.cfg.TimeZone), e.EndsAt.In(s.cfg.TimeZone)
	if start.Format("20060102") == end.Format("20060102") {
		c.When = i18n.T(ctx, "events.when.day", "Date", i18n.FormatDate(ctx, start), "Start", start.Format("15:04"), "End", end.Format("15:04"))
	} else {
		c.When = i18n.T(ctx, "events.when.span", "Start", i18n.FormatDateTime(ctx, start), "End", i18n.FormatDateTime(ctx, end))
	}
	if commune, ok := s.territory.Commune(e.Commune); ok {
		c.Where = commune.Name
		if e.Address != "" {
			c.Where += ", " + e.Address
		}
	}
	return c
}
