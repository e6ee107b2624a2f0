package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

// referCase sends one need of the request to a partner.
func (s *Server) referCase(w http.ResponseWriter, r *http.Request) {
	message := strings.TrimSpace(r.PostForm.Get("orientation-message"))
	if key := casework.CheckText("message", message, true); key != "" {
		s.renderCase(w, r, http.StatusUnprocessableEntity, web.CaseView{ReferralErr: key})
		return
	}
	partner, err := strconv.ParseInt(r.PostForm.Get("partenaire"), 10, 64)
	if err == nil {
		err = s.db.Refer(r.Context(), currentCase(r).ID, currentUser(r).ID, partner, r.PostForm.Get("besoin"), message)
	}
	s.caseDone(w, r, asInvalid(err))
}

// setReferralStatus records what became of a referral.
func (s *Server) setReferralStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "referral")
	if err != nil {
		s.error(w, r, err)
		return
	}
	status := casework.ReferralStatus(r.PostForm.Get("statut"))
	s.caseDone(w, r, s.db.SetReferralStatus(r.Context(), currentCase(r).ID, currentUser(r).ID, id, status))
}

// referralViews writes referrals for a page.
func referralViews(r *http.Request, list []casework.Referral, now time.Time) []web.ReferralView {
	ctx := r.Context()
	views := make([]web.ReferralView, len(list))
	for i, f := range list {
		views[i] = web.ReferralView{ID: f.ID, CaseURL: fmt.Sprintf("/espace/demandes/%d", f.RequestID), Reference: f.Reference,
			Partner: f.PartnerName, Need: f.Need, Message: f.Message, Status: string(f.Status),
			SentAt: i18n.FormatDate(ctx, f.SentAt), DueAt: i18n.FormatDate(ctx, f.DueAt), Overdue: f.Overdue(now)}
	}
	return views
}
