package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/web"
)

// casesPerPage is how many requests a queue view shows at once.
const casesPerPage = 50

// requestList is the officers' queue view: their queues with counts, filters, requests.
func (s *Server) requestList(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	filter, view, err := parseListFilter(r.URL.Query(), u)
	filter.Now = s.db.Now()
	if err != nil {
		s.error(w, r, err)
		return
	}
	list, err := s.db.ListCases(r.Context(), filter)
	if err != nil {
		s.error(w, r, err)
		return
	}
	page := list.Page
	v := web.RequestListView{Filter: view, Needs: s.needOptions(r), LateReferrals: referralViews(r, list.LateReferrals, filter.Now)}
	v.EPCIs = s.epciOptions
	for _, q := range list.Queues {
		v.Queues = append(v.Queues, web.QueueCount{ID: q.ID, Name: q.Name, Open: q.Open, Unassigned: q.Unassigned,
			New: q.New, Waiting: q.Waiting, Selected: fmt.Sprint(q.ID) == view.Queue})
	}
	for _, row := range page.Rows {
		v.Rows = append(v.Rows, web.RequestListRow{URL: fmt.Sprintf("/espace/demandes/%d", row.ID), Reference: row.Reference,
			Name: row.Name, Audience: row.Audience, Status: row.Status, Priority: row.Priority, Queue: row.Queue,
			Assignee: row.Assignee, CreatedAt: i18n.FormatDate(r.Context(), row.CreatedAt)})
		if row.NextDue != nil {
			last := &v.Rows[len(v.Rows)-1]
			last.Due, last.Overdue = i18n.FormatDate(r.Context(), *row.NextDue), row.NextDue.Before(filter.Now)
		}
	}
	q := r.URL.Query()
	if u.Role != staff.RoleOfficer {
		v.ExportURL = "/espace/demandes/export.csv?" + q.Encode()
	}
	switch {
	case page.Next != 0:
		q.Set("avant", strconv.FormatInt(page.Next, 10))
		v.NextURL = "/espace/demandes?" + q.Encode()
	case page.NextDue.ID != 0:
		q.Set("suite", fmt.Sprintf("%d.%d", page.NextDue.Due.UnixMicro(), page.NextDue.ID))
		v.NextURL = "/espace/demandes?" + q.Encode()
	}
	if filter.Before != 0 || filter.After.ID != 0 {
		q.Del("avant")
		q.Del("suite")
		v.FirstURL = "/espace/demandes?" + q.Encode()
	}
	s.render(w, r, http.StatusOK, web.RequestList(s.page(r, "cases.title"), v))
}

// parseListFilter reads a queue view's query. Officers see only their queues.
func parseListFilter(q url.Values, u *staff.User) (postgres.RequestFilter, web.ListFilter, error) {
	view := web.ListFilter{Queue: q.Get("file"), View: q.Get("vue"), Status: q.Get("statut"), Need: q.Get("besoin"),
		EPCI: q.Get("epci"), Priority: q.Get("priorite"), Search: q.Get("q"), Due: q.Get("echeance")}
	f := postgres.RequestFilter{View: view.View, Me: u.ID, Status: view.Status, Need: view.Need, EPCI: view.EPCI,
		Priority: view.Priority, Search: view.Search, Due: view.Due, Limit: casesPerPage}
	if f.Due != "" && f.Due != "overdue" && f.Due != "soon" {
		return f, view, fmt.Errorf("%w: due filter %q", bienvenue.ErrInvalid, f.Due)
	}
	if u.Role == staff.RoleOfficer {
		f.MemberOf = u.ID
	}
	var err error
	if view.Queue != "" {
		if f.QueueID, err = strconv.ParseInt(view.Queue, 10, 64); err != nil {
			return f, view, fmt.Errorf("%w: queue %q", bienvenue.ErrInvalid, view.Queue)
		}
	}
	if before := q.Get("avant"); before != "" {
		if f.Before, err = strconv.ParseInt(before, 10, 64); err != nil {
			return f, view, fmt.Errorf("%w: cursor %q", bienvenue.ErrInvalid, before)
		}
	}
	if after := q.Get("suite"); after != "" {
		micros, id, ok := strings.Cut(after, ".")
		m, err1 := strconv.ParseInt(micros, 10, 64)
		n, err2 := strconv.ParseInt(id, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return f, view, fmt.Errorf("%w: cursor %q", bienvenue.ErrInvalid, after)
		}
		f.After = postgres.DueCursor{Due: time.UnixMicro(m), ID: n}
	}
	if bienvenue.CheckText(view.Search, false, 200) != "" {
		return f, view, fmt.Errorf("%w: search %q", bienvenue.ErrInvalid, view.Search)
	}
	return f, view, nil
}

// needOptions lists every need of every audience, for the filter.
func (s *Server) needOptions(r *http.Request) []web.Option {
	var options []web.Option
	for _, a := range casework.Audiences {
		for _, kind := range casework.Forms[a].NeedKinds() {
			options = append(options, web.Option{Value: kind, Label: i18n.T(r.Context(), "need."+kind)})
		}
	}
	return options
}
