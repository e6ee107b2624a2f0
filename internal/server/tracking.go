package server

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/web"
)

// tracking is the applicant's private page: status, timeline, messages, reply box.
func (s *Server) tracking(w http.ResponseWriter, r *http.Request) {
	req, err := s.linkedRequest(r)
	if err == nil {
		// Opening the private link proves the address it was sent to.
		err = s.db.VerifyEmail(r.Context(), req.ID)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderTracking(w, r, http.StatusOK, "", "")
}

// trackingReply records the applicant's message and shows the page again.
func (s *Server) trackingReply(w http.ResponseWriter, r *http.Request) {
	body := strings.TrimSpace(r.PostForm.Get("message"))
	if errKey := casework.CheckText("message", body, true); errKey != "" {
		s.renderTracking(w, r, http.StatusUnprocessableEntity, body, errKey)
		return
	}
	req, err := s.linkedRequest(r)
	if err == nil {
		err = s.db.AddApplicantMessage(r.Context(), req.ID, body)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "tracking.reply_sent")
	redirect(w, r, r.URL.Path)
}

func (s *Server) renderTracking(w http.ResponseWriter, r *http.Request, status int, reply, errKey string) {
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
	w.Header().Set("Cache-Control", "no-store")
	v := web.TrackingView{Token: chi.URLParam(r, "token"), Reference: req.Reference, Audience: string(req.Audience),
		Status: string(req.Status), CreatedAt: i18n.FormatDate(r.Context(), req.CreatedAt), Needs: req.Needs,
		Timeline: timeline(r, events, false), Reply: reply, ReplyErr: errKey, CanReply: req.Status != casework.StatusClosed,
		DeletionRequested: req.DeletionRequestedAt != nil}
	s.render(w, r, status, web.Tracking(s.page(r, "tracking.title"), v))
}

// recoverForm asks for the email address that requests were filed with.
func (s *Server) recoverForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.Recover(s.page(r, "recover.title"), web.RecoverView{}))
}

// recoverLinks sends fresh links, and says the same whether the address is known or not.
func (s *Server) recoverLinks(w http.ResponseWriter, r *http.Request) {
	email := strings.TrimSpace(r.PostForm.Get("email"))
	if !bienvenue.ValidEmail(email) {
		s.render(w, r, http.StatusUnprocessableEntity, web.Recover(s.page(r, "recover.title"),
			web.RecoverView{Email: email, ErrorKey: "error.email_invalid"}))
		return
	}
	err := s.db.SendTrackingLinks(r.Context(), email, func(links []postgres.Link) mail.Message {
		return s.linksEmail(r, links)
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Recover(s.page(r, "recover.title"), web.RecoverView{Sent: true}))
}

// linkedRequest is the request of the private link in the address; a link to no request
// is not found.
func (s *Server) linkedRequest(r *http.Request) (casework.Request, error) {
	return s.db.RequestByToken(r.Context(), casework.HashToken(chi.URLParam(r, "token")))
}
