package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/web"
)

// queueList shows every queue and a form for a new one.
func (s *Server) queueList(w http.ResponseWriter, r *http.Request) {
	s.renderQueues(w, r, http.StatusOK, web.QueueForm{Policy: string(routing.PolicyClaim), FirstResponseDays: "2", ResolutionDays: "30"})
}

func (s *Server) renderQueues(w http.ResponseWriter, r *http.Request, status int, form web.QueueForm) {
	queues, err := s.db.Queues(r.Context(), 0)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.QueuesView{Form: form}
	v.Form.Policies = policyNames()
	for _, q := range queues {
		v.Queues = append(v.Queues, web.QueueRow{ID: q.ID, Name: q.Name, Description: q.Description,
			Policy: string(q.Policy), IsDefault: q.IsDefault, Members: q.Members, Open: q.Open})
	}
	s.render(w, r, status, web.Queues(s.page(r, "queues.title"), v))
}

func (s *Server) createQueue(w http.ResponseWriter, r *http.Request) {
	spec := queueSpec(r)
	err := spec.Validate()
	if err == nil {
		_, err = s.db.CreateQueue(r.Context(), spec)
	}
	if errs, ok := queueFieldErrors(err); ok {
		s.renderQueues(w, r, http.StatusUnprocessableEntity, queueFormOf(spec, 0, errs))
		return
	}
	s.done(w, r, err, "/espace/files")
}

func (s *Server) queueEditPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	q, err := s.db.Queue(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	spec := routing.QueueSpec{Name: q.Name, Description: q.Description, Policy: q.Policy, IsDefault: q.IsDefault,
		FirstResponseDays: q.FirstResponseDays, ResolutionDays: q.ResolutionDays}
	s.renderQueueEdit(w, r, http.StatusOK, queueFormOf(spec, id, nil))
}

func (s *Server) renderQueueEdit(w http.ResponseWriter, r *http.Request, status int, form web.QueueForm) {
	users, err := s.db.Users(r.Context())
	if err == nil {
		var members []int64
		members, err = s.memberIDs(r, form.ID)
		for _, u := range users {
			if u.Role == staff.RoleOfficer || u.Role == staff.RoleSupervisor {
				form.Staff = append(form.Staff, web.MemberChoice{ID: strconv.FormatInt(u.ID, 10), Name: u.Name,
					Role: string(u.Role), Member: slices.Contains(members, u.ID)})
			}
		}
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, status, web.QueueEdit(s.page(r, "queues.title"), form))
}

func (s *Server) memberIDs(r *http.Request, queueID int64) ([]int64, error) {
	members, err := s.db.QueueMembers(r.Context(), queueID)
	ids := make([]int64, len(members))
	for i, m := range members {
		ids[i] = m.StaffID
	}
	return ids, err
}

func (s *Server) updateQueue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	spec := queueSpec(r)
	if err = spec.Validate(); err == nil {
		err = s.db.UpdateQueue(r.Context(), id, spec)
	}
	if errs, ok := queueFieldErrors(err); ok {
		s.renderQueueEdit(w, r, http.StatusUnprocessableEntity, queueFormOf(spec, id, errs))
		return
	}
	s.done(w, r, err, "/espace/files/"+strconv.FormatInt(id, 10))
}

func (s *Server) setQueueMembers(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	var ids []int64
	for _, v := range r.PostForm["membres"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.error(w, r, asInvalid(err))
			return
		}
		ids = append(ids, n)
	}
	s.done(w, r, s.db.SetQueueMembers(r.Context(), id, ids), "/espace/files/"+strconv.FormatInt(id, 10))
}

// queueSpec reads the queue form; a target that is not a number fails validation as -1.
func queueSpec(r *http.Request) routing.QueueSpec {
	f := r.PostForm
	days := func(name string) int {
		n, err := strconv.Atoi(strings.TrimSpace(f.Get(name)))
		if err != nil {
			return -1
		}
		return n
	}
	return routing.QueueSpec{Name: strings.TrimSpace(f.Get("name")), Description: strings.TrimSpace(f.Get("description")),
		Policy: routing.Policy(f.Get("policy")), IsDefault: f.Get("default") != "",
		FirstResponseDays: days("first_response_days"), ResolutionDays: days("resolution_days")}
}

func queueFormOf(q routing.QueueSpec, id int64, errs bienvenue.FieldErrors) web.QueueForm {
	return web.QueueForm{ID: id, Name: q.Name, Description: q.Description, Policy: string(q.Policy),
		IsDefault: q.IsDefault, Errors: errs, Policies: policyNames(),
		FirstResponseDays: daysText(q.FirstResponseDays), ResolutionDays: daysText(q.ResolutionDays)}
}

func daysText(n int) string {
	if n < 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// queueFieldErrors turns a validation failure, or a name already taken, into field errors.
func queueFieldErrors(err error) (bienvenue.FieldErrors, bool) {
	var errs bienvenue.FieldErrors
	switch {
	case errors.As(err, &errs):
		return errs, true
	case errors.Is(err, bienvenue.ErrConflict):
		return bienvenue.FieldErrors{"name": "error.name_taken"}, true
	}
	return nil, false
}

func policyNames() []string {
	names := make([]string, len(routing.Policies))
	for i, p := range routing.Policies {
		names[i] = string(p)
	}
	return names
}

// done ends a supervisor's action: back to path with a notice.
func (s *Server) done(w http.ResponseWriter, r *http.Request, err error, path string) {
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "case.saved")
	redirect(w, r, path)
}

// emails shows administrators the emails kept instead of sent.
func (s *Server) emails(w http.ResponseWriter, r *http.Request) {
	kept, err := s.db.CapturedEmails(r.Context(), 100)
	if err != nil {
		s.error(w, r, err)
		return
	}
	rows := make([]web.EmailRow, len(kept))
	for i, e := range kept {
		rows[i] = web.EmailRow{To: e.To, Subject: e.Subject, Body: e.Body, At: i18n.FormatDateTime(r.Context(), e.CapturedAt)}
	}
	s.render(w, r, http.StatusOK, web.Emails(s.page(r, "emails.title"), rows))
}
