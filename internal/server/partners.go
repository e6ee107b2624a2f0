package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

// partnerList is the directory of partners, with a form for a new one.
func (s *Server) partnerList(w http.ResponseWriter, r *http.Request) {
	s.renderPartners(w, r, http.StatusOK, casework.Partner{}, nil)
}

func (s *Server) renderPartners(w http.ResponseWriter, r *http.Request, status int, form casework.Partner, errs bienvenue.FieldErrors) {
	partners, err := s.db.Partners(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.PartnersView{Form: s.partnerForm(r, form, errs)}
	for _, p := range partners {
		labels := make([]string, len(p.Needs))
		for i, n := range p.Needs {
			labels[i] = i18n.T(r.Context(), "need."+n)
		}
		contact := strings.Join(slices.DeleteFunc([]string{p.Email, p.Phone}, func(s string) bool { return s == "" }), " · ")
		v.Partners = append(v.Partners, web.PartnerRow{ID: p.ID, Name: p.Name, Kind: p.Kind, Contact: contact,
			Needs: strings.Join(labels, ", ")})
	}
	s.render(w, r, status, web.Partners(s.page(r, "partners.title"), v))
}

func (s *Server) partnerEditPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	p, err := s.db.Partner(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.PartnerEdit(s.page(r, "partners.title"), s.partnerForm(r, p, nil)))
}

func (s *Server) savePartner(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	p := casework.Partner{Name: strings.TrimSpace(f.Get("partner_name")), Kind: f.Get("kind"),
		Email: strings.TrimSpace(f.Get("email")), Phone: strings.TrimSpace(f.Get("phone")),
		Address: strings.TrimSpace(f.Get("address")), Needs: f["needs"]}
	if id := chi.URLParam(r, "id"); id != "" {
		var err error
		if p.ID, err = strconv.ParseInt(id, 10, 64); err != nil {
			s.notFound(w, r)
			return
		}
	}
	err := p.Validate(s.vocabulary().Needs)
	if err == nil {
		_, err = s.db.SavePartner(r.Context(), p)
	}
	var errs bienvenue.FieldErrors
	switch {
	case errors.As(err, &errs):
	case errors.Is(err, bienvenue.ErrConflict):
		errs = bienvenue.FieldErrors{"partner_name": "error.name_taken"}
	}
	if errs != nil {
		if p.ID == 0 {
			s.renderPartners(w, r, http.StatusUnprocessableEntity, p, errs)
		} else {
			s.render(w, r, http.StatusUnprocessableEntity, web.PartnerEdit(s.page(r, "partners.title"), s.partnerForm(r, p, errs)))
		}
		return
	}
	s.done(w, r, err, "/espace/partenaires")
}

func (s *Server) partnerForm(r *http.Request, p casework.Partner, errs bienvenue.FieldErrors) web.PartnerForm {
	v := web.PartnerForm{ID: p.ID, Name: p.Name, Kind: p.Kind, Email: p.Email, Phone: p.Phone, Address: p.Address,
		Kinds: casework.PartnerKinds, Errors: errs}
	for _, n := range s.vocabulary().Needs {
		v.Needs = append(v.Needs, web.Choice{Value: n, Label: i18n.T(r.Context(), "need."+n), Checked: slices.Contains(p.Needs, n)})
	}
	return v
}
