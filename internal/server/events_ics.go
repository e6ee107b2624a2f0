package server

import (
	"net/http"
	"net/url"
	"strconv"

	ics "github.com/arran4/golang-ical"

	"github.com/bienvenue-sante/bienvenue/internal/events"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
)

// maxFeedEvents bounds the calendar feed; a département has far fewer upcoming events.
const maxFeedEvents = 500

// eventICS is one published event as an iCalendar file, to add to an agenda.
func (s *Server) eventICS(w http.ResponseWriter, r *http.Request) {
	e, err := s.publicEvent(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="evenement-`+strconv.FormatInt(e.ID, 10)+`.ics"`)
	s.writeCalendar(w, r, []events.Event{e})
}

// eventsFeed is the calendar of upcoming published events, to subscribe to.
func (s *Server) eventsFeed(w http.ResponseWriter, r *http.Request) {
	list, _, err := s.db.UpcomingEvents(r.Context(), s.db.Now(), "", maxFeedEvents, 0)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.writeCalendar(w, r, list)
}

// writeCalendar answers with list as iCalendar. Each event's UID stays the same across
// changes, so that agendas update it rather than add a copy.
func (s *Server) writeCalendar(w http.ResponseWriter, r *http.Request, list []events.Event) {
	cal := ics.NewCalendarFor(s.cfg.Brand)
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(s.cfg.Brand + " – " + i18n.T(r.Context(), "events.list.heading"))
	host := "bienvenue"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	for _, e := range list {
		c := s.eventCard(r.Context(), e)
		ev := cal.AddEvent("evenement-" + strconv.FormatInt(e.ID, 10) + "@" + host)
		ev.SetDtStampTime(e.UpdatedAt)
		ev.SetModifiedAt(e.UpdatedAt)
		ev.SetStartAt(e.StartsAt)
		ev.SetEndAt(e.EndsAt)
		ev.SetSummary(e.Title)
		where := c.Where
		if where == "" {
			where = e.OnlineURL
		}
		ev.SetLocation(where)
		ev.SetDescription(e.Description)
		ev.SetURL(s.absolute(c.URL))
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	if err := cal.SerializeTo(w); err != nil {
		s.log.Error("write calendar", "error", err)
	}
}
