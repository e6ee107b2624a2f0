package server

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
)

// applicantData is what an applicant downloads from their tracking page: what they
// wrote, what became of it, and every message exchanged. Officers' internal notes are
// not part of it (they may be asked for by writing to the team).
type applicantData struct {
	Reference string               `json:"reference"`
	Filed     string               `json:"filed"`
	Audience  string               `json:"audience"`
	Status    string               `json:"status"`
	Outcome   string               `json:"outcome,omitempty"`
	Applicant casework.Application `json:"application"`
	Needs     []casework.Need      `json:"needs"`
	History   []historyLine        `json:"history"`
}

type historyLine struct {
	At     string `json:"at"`
	Event  string `json:"event"`
	Detail string `json:"detail,omitempty"`
	Text   string `json:"text,omitempty"`
}

// trackingData sends the applicant everything the portal holds about their request.
func (s *Server) trackingData(w http.ResponseWriter, r *http.Request) {
	req, err := s.linkedRequest(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	events, err := s.db.Events(r.Context(), req.ID, false)
	if err != nil {
		s.error(w, r, err)
		return
	}
	data := applicantData{Reference: req.Reference, Filed: req.CreatedAt.Format("2006-01-02T15:04:05Z07:00"),
		Audience: string(req.Audience), Status: string(req.Status), Outcome: string(req.Outcome),
		Applicant: req.Application, Needs: req.Needs}
	for _, e := range events {
		data.History = append(data.History, historyLine{At: e.At.Format("2006-01-02T15:04:05Z07:00"), Event: e.Kind,
			Detail: e.Detail, Text: e.Body})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.json"`, req.Reference))
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(data); err != nil {
		s.log.Error("encode applicant data", "error", err)
	}
}

// trackingDeletion records the applicant's request that their data be erased.
func (s *Server) trackingDeletion(w http.ResponseWriter, r *http.Request) {
	req, err := s.linkedRequest(r)
	if err == nil {
		err = s.db.RequestDeletion(r.Context(), req.ID)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "tracking.deletion_sent")
	redirect(w, r, "/suivi/"+chi.URLParam(r, "token"))
}

// eraseCase is an officer confirming an applicant's request for deletion.
func (s *Server) eraseCase(w http.ResponseWriter, r *http.Request) {
	s.caseDone(w, r, s.db.Anonymise(r.Context(), currentCase(r).ID, currentUser(r).ID))
}

// exportCases sends supervisors the requests of a queue view as CSV, and audits the
// export of each request.
func (s *Server) exportCases(w http.ResponseWriter, r *http.Request) {
	filter, _, err := parseListFilter(r.URL.Query(), currentUser(r))
	if err != nil {
		s.error(w, r, err)
		return
	}
	filter.Now, filter.Limit = s.db.Now(), maxExport
	rows, err := s.db.ExportRequests(r.Context(), filter, currentUser(r).ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="demandes.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	out := csv.NewWriter(w)
	out.Write(strings.Split(i18n.T(ctx, "export.header"), "|"))
	for _, e := range rows {
		a := e.Application
		out.Write([]string{e.Reference, i18n.FormatDate(ctx, e.CreatedAt), i18n.T(ctx, "audience."+string(e.Audience)),
			i18n.T(ctx, "status.staff."+string(e.Status)), outcomeLabel(r, e.Outcome), e.QueueName, e.Assignee,
			safeCell(a.FirstName), safeCell(a.LastName), safeCell(a.Email), safeCell(a.Phone),
			strings.Join(a.Needs, " "), safeCell(a.Message)})
	}
	out.Flush()
}

// maxExport bounds one export.
const maxExport = 5000

// safeCell keeps a spreadsheet from reading text typed by an applicant as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func outcomeLabel(r *http.Request, o casework.Outcome) string {
	if o == "" {
		return ""
	}
	return i18n.T(r.Context(), "outcome."+string(o))
}
