package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/events"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

const eventsBase = "/espace/evenements"

// eventHints are the fields of the staff form that come with a hint.
var eventHints = map[string]bool{"starts_at": true, "commune": true, "address": true, "online_url": true, "capacity": true}

// eventAdminList lists every event for staff, drafts included.
func (s *Server) eventAdminList(w http.ResponseWriter, r *http.Request) {
	page, ok := listPage(r.URL.Query())
	if !ok {
		s.error(w, r, bienvenue.ErrInvalid)
		return
	}
	const perPage = 20
	list, total, err := s.db.AllEvents(r.Context(), perPage, (page-1)*perPage)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := web.AdminListView{Heading: i18n.T(ctx, "events.staff.heading"), Intro: i18n.T(ctx, "events.staff.intro"),
		NewURL: eventsBase + "/nouveau", NewLabel: i18n.T(ctx, "events.staff.new"), Pager: pagerOf(r, page, total, perPage)}
	for _, e := range list {
		c := s.eventCard(ctx, e)
		v.Rows = append(v.Rows, web.AdminRow{URL: eventsBase + "/" + strconv.FormatInt(e.ID, 10), Title: e.Title,
			Detail:    c.When + " · " + i18n.T(ctx, "events.staff.filled", "Confirmed", e.Confirmed, "Capacity", e.Capacity, "Waitlisted", e.Waitlisted),
			Published: e.Published, UpdatedAt: i18n.FormatDateTime(ctx, e.UpdatedAt)})
	}
	s.render(w, r, http.StatusOK, web.AdminList(s.page(r, "events.staff.title"), v))
}

func (s *Server) newEventPage(w http.ResponseWriter, r *http.Request) {
	s.renderEventForm(w, r, http.StatusOK, 0, map[string]string{}, nil)
}

// eventAdminPage shows an event's form, publication, history and registrations.
func (s *Server) eventAdminPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	e, err := s.db.Event(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	values := e.Fields(s.cfg.TimeZone)
	if c, ok := s.territory.Commune(e.Commune); ok {
		values["commune"] = c.Name
	}
	s.renderEventForm(w, r, http.StatusOK, id, values, nil)
}

// saveEvent creates an event (as a draft) or changes one.
func (s *Server) saveEvent(w http.ResponseWriter, r *http.Request) {
	var id int64
	if chi.URLParam(r, "id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			s.error(w, r, err)
			return
		}
		if _, err := s.db.Event(r.Context(), id); err != nil {
			s.error(w, r, err)
			return
		}
	}
	e, values, errs := s.parseEvent(r)
	e.ID = id
	if len(errs) > 0 {
		s.renderEventForm(w, r, http.StatusUnprocessableEntity, id, values, errs)
		return
	}
	id, err := s.db.SaveEvent(r.Context(), e, currentUser(r).ID, s.cfg.TimeZone, s.promotedEmail)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.savedItem(w, r, eventsBase, id)
}

// parseEvent reads the staff form: the event, the values as typed, and what is wrong.
func (s *Server) parseEvent(r *http.Request) (events.Event, map[string]string, bienvenue.FieldErrors) {
	values := map[string]string{}
	for _, name := range []string{"title", "starts_at", "ends_at", "commune", "address", "online_url", "audience", "capacity", "description"} {
		values[name] = strings.TrimSpace(r.PostForm.Get(name))
	}
	e := events.Event{Title: values["title"], Address: values["address"], OnlineURL: values["online_url"],
		Audience: events.Audience(values["audience"]), Description: values["description"]}
	e.StartsAt, _ = time.ParseInLocation(events.FormTime, values["starts_at"], s.cfg.TimeZone)
	e.EndsAt, _ = time.ParseInLocation(events.FormTime, values["ends_at"], s.cfg.TimeZone)
	e.Capacity, _ = strconv.Atoi(values["capacity"])
	unknown := false
	if values["commune"] != "" {
		c, ok := s.territory.FindCommune(values["commune"])
		e.Commune, unknown = c.INSEE, !ok
	}
	errs := bienvenue.FieldErrors{}
	if err, ok := e.Validate(s.territory).(bienvenue.FieldErrors); ok {
		errs = err
	}
	if unknown {
		errs["commune"] = "error.commune_unknown_one"
	}
	return e, values, errs
}

// renderEventForm draws the staff page of event id (0 for a new one) with values in
// its fields. Reading an event's registrations is audited: they are personal data.
func (s *Server) renderEventForm(w http.ResponseWriter, r *http.Request, status int, id int64, values map[string]string, errs bienvenue.FieldErrors) {
	ctx := r.Context()
	field := func(name, kind string, optional bool) web.Field {
		f := web.Field{Name: name, Label: i18n.T(ctx, "events.field."+name), Kind: kind, Value: values[name], Optional: optional}
		if eventHints[name] {
			f.Hint = i18n.T(ctx, "events.hint."+name)
		}
		return f
	}
	audience := field("audience", "select", false)
	for _, a := range events.Audiences {
		audience.Options = append(audience.Options, web.Choice{Value: string(a), Label: i18n.T(ctx, "events.audience."+string(a)),
			Checked: values["audience"] == string(a)})
	}
	v := web.EditView{Heading: i18n.T(ctx, "events.staff.new"), BackURL: eventsBase, BackLabel: i18n.T(ctx, "events.staff.back"),
		Action: eventsBase, Fields: []web.Field{field("title", "text", false), field("starts_at", "datetime-local", false),
			field("ends_at", "datetime-local", false), field("commune", "text", true), field("address", "text", true),
			field("online_url", "url", true), audience, field("capacity", "number", false), field("description", "markdown", false)}}
	v = withErrors(r, v, errs)
	if id != 0 {
		e, err := s.db.Event(ctx, id)
		if err != nil {
			s.error(w, r, err)
			return
		}
		base := eventsBase + "/" + strconv.FormatInt(id, 10)
		v.Heading, v.Action, v.PublishAction, v.PublicURL = e.Title, base, base+"/publication", "/evenements/"+strconv.FormatInt(id, 10)
		if v, err = s.editView(r, v, content.KindEvent, id, e.Publication); err != nil {
			s.error(w, r, err)
			return
		}
		regs, err := s.db.Registrations(ctx, id)
		if err == nil {
			err = s.db.AuditRegistrations(ctx, currentUser(r).ID, id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		list := web.RegistrationsView{Capacity: e.Capacity, Confirmed: e.Confirmed, Waitlisted: e.Waitlisted}
		for _, reg := range regs {
			list.Rows = append(list.Rows, web.RegistrationRow{ID: reg.ID, EventID: id, Name: reg.Registrant.Name, Email: reg.Registrant.Email,
				Phone: reg.Registrant.Phone, Status: string(reg.Status), Position: reg.Position, CreatedAt: i18n.FormatDateTime(ctx, reg.CreatedAt)})
		}
		v.Extra = web.Registrations(list)
	}
	s.render(w, r, status, web.Edit(s.page(r, "events.staff.title"), v))
}

// cancelRegistrationFor cancels a registration for someone who asked staff to (by phone,
// by email); a place freed goes to the first person waiting, as when they cancel themselves.
func (s *Server) cancelRegistrationFor(w http.ResponseWriter, r *http.Request) {
	eventID, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	id, err := pathID(r, "registration")
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.db.CancelRegistrationFor(r.Context(), eventID, id, currentUser(r).ID, s.promotedEmail); err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "events.staff.cancelled")
	redirect(w, r, eventsBase+"/"+strconv.FormatInt(eventID, 10)+"#inscriptions")
}
