package server

import (
	"net/http"
	"strconv"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/web"
)

// auditLog shows administrators who opened, changed or exported which request.
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := web.AuditView{Staff: q.Get("agent"), Reference: q.Get("reference"), Action: q.Get("action")}
	f := postgres.AuditFilter{Staff: v.Staff, Reference: v.Reference, Action: v.Action, Limit: 100}
	for _, typed := range []string{v.Staff, v.Reference, v.Action} {
		if bienvenue.CheckText(typed, false, 200) != "" {
			s.error(w, r, bienvenue.ErrInvalid)
			return
		}
	}
	if before := q.Get("avant"); before != "" {
		var err error
		if f.Before, err = strconv.ParseInt(before, 10, 64); err != nil {
			s.error(w, r, bienvenue.ErrInvalid)
			return
		}
	}
	entries, next, err := s.db.AuditLog(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	for _, e := range entries {
		v.Rows = append(v.Rows, web.AuditRow{At: i18n.FormatDateTime(r.Context(), e.At), Staff: e.StaffName,
			Reference: e.Reference, Action: e.Action, Detail: e.Detail})
	}
	if next != 0 {
		q.Set("avant", strconv.FormatInt(next, 10))
		v.NextURL = "/espace/journal?" + q.Encode()
	}
	s.render(w, r, http.StatusOK, web.AuditLog(s.page(r, "audit.title"), v))
}
