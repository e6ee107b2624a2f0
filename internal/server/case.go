package server

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/calendar"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/web"
)

type caseKey struct{}

// loadCase puts the request named in the address in the context, after checking that
// the staff member may open it: officers only open requests of their queues.
func (s *Server) loadCase(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.error(w, r, err)
			return
		}
		req, err := s.db.Request(r.Context(), id)
		if err != nil {
			s.error(w, r, err)
			return
		}
		if u := currentUser(r); u.Role == staff.RoleOfficer {
			member, err := s.db.IsMember(r.Context(), req.QueueID, u.ID)
			if err == nil && !member {
				err = fmt.Errorf("%s is not an officer of queue %d: %w", u.Email, req.QueueID, bienvenue.ErrForbidden)
			}
			if err != nil {
				s.error(w, r, err)
				return
			}
		}
		if r.Method == http.MethodGet {
			// Changes are audited by the store; opening the page is audited here.
			if err := s.db.Audit(r.Context(), currentUser(r).ID, req.ID, postgres.AuditView, ""); err != nil {
				s.error(w, r, err)
				return
			}
		}
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), caseKey{}, &req)))
	})
}

func currentCase(r *http.Request) *casework.Request {
	return r.Context().Value(caseKey{}).(*casework.Request)
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	s.renderCase(w, r, http.StatusOK, web.CaseView{})
}

// renderCase shows the request; form holds what an officer typed when it must be shown again.
func (s *Server) renderCase(w http.ResponseWriter, r *http.Request, status int, form web.CaseView) {
	req, u := currentCase(r), currentUser(r)
	events, err := s.db.Events(r.Context(), req.ID, true)
	if err != nil {
		s.error(w, r, err)
		return
	}
	queues, err := s.db.Queues(r.Context(), 0)
	if err != nil {
		s.error(w, r, err)
		return
	}
	members, err := s.db.QueueMembers(r.Context(), req.QueueID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := form
	v.ID, v.Reference, v.Audience, v.Status, v.Outcome = req.ID, req.Reference, string(req.Audience), string(req.Status), string(req.Outcome)
	v.Priority, v.Queue, v.QueueID, v.Why = string(req.Priority), req.QueueName, req.QueueID, req.RuleName
	v.Assignee, v.AssigneeID, v.CreatedAt = req.Assignee, req.AssigneeID, i18n.FormatDateTime(ctx, req.CreatedAt)
	v.Applicant, v.Needs, v.Timeline, v.Targets = req.Application, req.Needs, timeline(r, events, true), s.targetNames(req.Application)
	v.CanClaim = req.AssigneeID != u.ID
	v.Dues = dueViews(r, req, s.db.Now(), s.db.Calendar)
	v.Anonymised = req.AnonymisedAt != nil
	v.EarlierStudent = req.EarlierStudentID
	if req.Status == casework.StatusResolved && req.Outcome.NeedsDetails() {
		d, ok, err := s.db.Outcome(ctx, req.ID)
		if err != nil {
			s.error(w, r, err)
			return
		}
		if ok {
			v.OutcomeLines = s.outcomeLines(r, req.Outcome, d)
		}
	}
	v.Communes = s.communeLabels
	if v.Attached, err = s.caseAttachment(r, req); err != nil {
		s.error(w, r, err)
		return
	}
	if req.SimulationID != "" {
		sim, err := s.simulationSummary(r, req)
		if err != nil {
			s.error(w, r, err)
			return
		}
		v.Simulation = sim
	}
	referrals, err := s.db.Referrals(ctx, req.ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v.Referrals = referralViews(r, referrals, s.db.Now())
	partners, err := s.db.Partners(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	for _, p := range partners {
		v.Partners = append(v.Partners, web.Option{Value: strconv.FormatInt(p.ID, 10), Label: p.Name})
	}
	if req.DeletionRequestedAt != nil {
		v.Deletion = i18n.FormatDate(ctx, *req.DeletionRequestedAt)
	}
	v.Statuses, v.Outcomes, v.Priorities, v.NeedChoices = casework.Statuses, casework.Outcomes, casework.Priorities, casework.NeedStatuses
	for _, q := range queues {
		v.Queues = append(v.Queues, web.Option{Value: strconv.FormatInt(q.ID, 10), Label: q.Name})
	}
	for _, m := range members {
		v.Members = append(v.Members, web.Option{Value: strconv.FormatInt(m.StaffID, 10), Label: m.Name})
	}
	s.render(w, r, status, web.Case(s.page(r, "case.title"), v))
}

// targetNames names the intercommunalities and communes an applicant targets.
func (s *Server) targetNames(a casework.Application) []string {
	var names []string
	for _, siren := range a.TargetEPCIs {
		if e, ok := s.territory.EPCI(siren); ok {
			names = append(names, e.Name)
		}
	}
	for _, insee := range a.TargetCommunes {
		if c, ok := s.territory.Commune(insee); ok {
			names = append(names, c.Name)
		}
	}
	return names
}

// caseDone ends an action: back to the request, with a notice.
func (s *Server) caseDone(w http.ResponseWriter, r *http.Request, err error) {
	s.done(w, r, err, fmt.Sprintf("/espace/demandes/%d", currentCase(r).ID))
}

func (s *Server) claimCase(w http.ResponseWriter, r *http.Request) {
	s.caseDone(w, r, s.db.Claim(r.Context(), currentCase(r).ID, currentUser(r).ID))
}

func (s *Server) assignCase(w http.ResponseWriter, r *http.Request) {
	assignee, err := strconv.ParseInt(r.PostForm.Get("agent"), 10, 64)
	if err == nil {
		err = s.db.Assign(r.Context(), currentCase(r).ID, currentUser(r).ID, assignee)
	}
	s.caseDone(w, r, asInvalid(err))
}

func (s *Server) moveCase(w http.ResponseWriter, r *http.Request) {
	queue, err := strconv.ParseInt(r.PostForm.Get("file"), 10, 64)
	if err == nil {
		err = s.db.MoveToQueue(r.Context(), currentCase(r).ID, currentUser(r).ID, queue)
	}
	s.caseDone(w, r, asInvalid(err))
}

func (s *Server) setCaseStatus(w http.ResponseWriter, r *http.Request) {
	status := casework.Status(r.PostForm.Get("statut"))
	if status == casework.StatusResolved && currentCase(r).Status == casework.StatusResolved {
		s.caseDone(w, r, nil) // nothing changes
		return
	}
	if status == casework.StatusResolved {
		s.error(w, r, fmt.Errorf("%w: resolving goes through the resolution form", bienvenue.ErrInvalid))
		return
	}
	s.caseDone(w, r, s.db.SetStatus(r.Context(), currentCase(r).ID, currentUser(r).ID, status, "", casework.OutcomeDetails{}))
}

// resolveCase resolves the request with an outcome and, for an installation or an
// internship, where and how.
func (s *Server) resolveCase(w http.ResponseWriter, r *http.Request) {
	form := resolveFormOf(r)
	outcome := casework.Outcome(form.Outcome)
	details, errs := s.parseOutcome(form), bienvenue.FieldErrors{}
	if !slices.Contains(casework.Outcomes, outcome) {
		errs["outcome"] = "error.choose_one"
	} else if err := details.Validate(outcome, s.territory); err != nil {
		var fieldErrs bienvenue.FieldErrors
		errors.As(err, &fieldErrs)
		maps.Copy(errs, fieldErrs)
	}
	if len(errs) > 0 {
		form.Errors = errs
		s.renderCase(w, r, http.StatusUnprocessableEntity, web.CaseView{Resolve: form})
		return
	}
	s.caseDone(w, r, s.db.SetStatus(r.Context(), currentCase(r).ID, currentUser(r).ID, casework.StatusResolved, outcome, details))
}

func resolveFormOf(r *http.Request) web.ResolveForm {
	f := r.PostForm
	get := func(name string) string { return strings.TrimSpace(f.Get(name)) }
	return web.ResolveForm{Outcome: get("issue"), Commune: get("commune"), InstalledOn: get("date"),
		StructureKind: get("structure"), StructureName: get("structure_nom"), Mode: get("mode"),
		Host: get("accueil"), Semester: get("semestre")}
}

// parseOutcome reads the typed commune and date; validation reports what is wrong.
func (s *Server) parseOutcome(form web.ResolveForm) casework.OutcomeDetails {
	d := casework.OutcomeDetails{StructureKind: form.StructureKind, StructureName: form.StructureName,
		PracticeMode: form.Mode, Host: form.Host, Semester: form.Semester}
	if form.Outcome != string(casework.OutcomeInstalled) {
		return d
	}
	if c, ok := s.territory.FindCommune(form.Commune); ok {
		d.CommuneINSEE = c.INSEE
	}
	if day, err := time.ParseInLocation("2006-01-02", form.InstalledOn, s.cfg.TimeZone); err == nil {
		d.InstalledOn = day
	}
	return d
}

func (s *Server) setCasePriority(w http.ResponseWriter, r *http.Request) {
	p := casework.Priority(r.PostForm.Get("priorite"))
	s.caseDone(w, r, s.db.SetPriority(r.Context(), currentCase(r).ID, currentUser(r).ID, p))
}

func (s *Server) setCaseNeed(w http.ResponseWriter, r *http.Request) {
	kind, status := r.PostForm.Get("besoin"), casework.NeedStatus(r.PostForm.Get("statut"))
	s.caseDone(w, r, s.db.SetNeedStatus(r.Context(), currentCase(r).ID, currentUser(r).ID, kind, status))
}

func (s *Server) addCaseNote(w http.ResponseWriter, r *http.Request) {
	body := strings.TrimSpace(r.PostForm.Get("note"))
	if key := casework.CheckText("message", body, true); key != "" {
		s.renderCase(w, r, http.StatusUnprocessableEntity, web.CaseView{Note: body, NoteErr: key})
		return
	}
	s.caseDone(w, r, s.db.AddNote(r.Context(), currentCase(r).ID, currentUser(r).ID, body))
}

func (s *Server) sendCaseMessage(w http.ResponseWriter, r *http.Request) {
	body := strings.TrimSpace(r.PostForm.Get("message"))
	if key := casework.CheckText("message", body, true); key != "" {
		s.renderCase(w, r, http.StatusUnprocessableEntity, web.CaseView{Message: body, MessageErr: key})
		return
	}
	req, u := currentCase(r), currentUser(r)
	err := s.db.SendMessage(r.Context(), req.ID, u.ID, body, r.PostForm.Get("attendre") != "",
		func(token string) mail.Message { return s.messageEmail(req, u.Name, token) })
	s.caseDone(w, r, err)
}

// asInvalid reports a malformed number in a form as bad input.
func asInvalid(err error) error {
	var numErr *strconv.NumError
	if errors.As(err, &numErr) {
		return fmt.Errorf("%w: %w", bienvenue.ErrInvalid, err)
	}
	return err
}

// dueViews writes a request's service levels for the page.
func dueViews(r *http.Request, req *casework.Request, now time.Time, cal *calendar.Calendar) []web.DueView {
	ctx := r.Context()
	var views []web.DueView
	for _, d := range req.Dues(now, cal) {
		v := web.DueView{Kind: d.Kind, At: i18n.FormatDate(ctx, d.At), Paused: d.Paused, Stopped: d.Stopped,
			Overdue: d.Overdue, DaysLeft: d.DaysLeft, Escalated: slices.Contains(req.Escalated, d.Kind)}
		if d.MetAt != nil {
			v.MetAt = i18n.FormatDate(ctx, *d.MetAt)
		}
		views = append(views, v)
	}
	return views
}

// outcomeLines say where and how a request ended.
func (s *Server) outcomeLines(r *http.Request, o casework.Outcome, d casework.OutcomeDetails) []string {
	ctx := r.Context()
	if o == casework.OutcomeInternshipFound {
		return []string{i18n.T(ctx, "outcome.line.host", "Host", d.Host, "Semester", d.Semester)}
	}
	commune := d.CommuneINSEE
	if c, ok := s.territory.Commune(d.CommuneINSEE); ok {
		commune = c.Name
	}
	return []string{
		i18n.T(ctx, "outcome.line.where", "Commune", commune, "Date", i18n.FormatDate(ctx, d.InstalledOn)),
		i18n.T(ctx, "outcome.line.how", "Structure", i18n.T(ctx, "structure."+d.StructureKind), "Name", d.StructureName,
			"Mode", i18n.T(ctx, "outcome_mode."+d.PracticeMode)),
	}
}
