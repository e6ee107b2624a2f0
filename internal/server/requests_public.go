package server

import (
	"bytes"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
	"github.com/bienvenue-sante/bienvenue/web"
)

// formSlugs names each audience's form in French addresses.
var formSlugs = map[string]casework.Audience{
	"medecin":  casework.AudienceDoctor,
	"etudiant": casework.AudienceStudent,
	"lycee":    casework.AudienceHighSchool,
}

func (s *Server) requestForm(w http.ResponseWriter, r *http.Request) {
	form, ok := formOf(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	if r.URL.RawQuery == "" && s.keptForm(w, r, form) {
		return
	}
	v := s.formView(r, form, casework.Application{}, casework.NewFormKey())
	if id := r.URL.Query().Get("simulation"); id != "" && form.Audience == casework.AudienceDoctor {
		if _, _, err := s.db.Simulation(r.Context(), id); err == nil {
			v.SimulationID = id
		}
	}
	v.Attached = s.attachment(r, form.Audience, r.URL.Query().Get("offre"), r.URL.Query().Get("opportunite"))
	if v.Attached != nil && v.Attached.Field == "offer" {
		v.Values.Needs = []string{"internship"} // what « je suis intéressé·e » means
	}
	s.render(w, r, http.StatusOK, web.RequestForm(s.page(r, "form."+string(form.Audience)+".title"), v))
}

// formKeyMark stands for the one-time key in a kept blank form.
const formKeyMark = "cle-du-formulaire-a-remplacer"

// keptForm serves a blank form to a visitor without a session from a copy kept with the
// public lists (same lifetime, same purge on a staff change): for such visitors the page
// differs only by its one-time key, written into the copy's place for each of them. It
// reports false, having written nothing, for a visitor with a session.
func (s *Server) keptForm(w http.ResponseWriter, r *http.Request, form casework.Form) bool {
	entry, ok := s.keptKey(r, "form", r.URL.Path)
	if !ok {
		return false
	}
	parts, err := keep(s.public.lists, entry, func() ([2][]byte, error) {
		var page bytes.Buffer
		v := s.formView(r, form, casework.Application{}, formKeyMark)
		if err := web.RequestForm(s.page(r, "form."+string(form.Audience)+".title"), v).Render(r.Context(), &page); err != nil {
			return [2][]byte{}, err
		}
		if bytes.Count(page.Bytes(), []byte(formKeyMark)) != 1 {
			return [2][]byte{}, errors.New("the form's key is not written once in its page")
		}
		before, after, _ := bytes.Cut(page.Bytes(), []byte(formKeyMark))
		return [2][]byte{before, after}, nil
	})
	if err != nil {
		return false // rendered for the visitor instead, as with a session
	}
	buf := s.buffers.Get().(*bytes.Buffer)
	defer s.buffers.Put(buf)
	buf.Reset()
	buf.Write(parts[0])
	buf.WriteString(casework.NewFormKey())
	buf.Write(parts[1])
	writeHTML(w, http.StatusOK, buf.Bytes())
	return true
}

func (s *Server) submitRequest(w http.ResponseWriter, r *http.Request) {
	form, ok := formOf(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	app, communesText, unknown := s.parseApplication(r)
	key := r.PostForm.Get("form_key")
	attached := s.attachment(r, form.Audience, r.PostForm.Get("offer"), r.PostForm.Get("opportunity"))
	err := form.Validate(app, s.territory)
	var errs bienvenue.FieldErrors
	if !errors.As(err, &errs) {
		errs = bienvenue.FieldErrors{}
	}
	if len(unknown) > 0 {
		errs["target_communes"] = "error.commune_unknown"
	}
	if !casework.ValidFormKey(key) {
		key = casework.NewFormKey() // a form posted without its key cannot be deduplicated
	}
	if len(errs) > 0 {
		v := s.formView(r, form, app, key)
		v.Errors, v.CommunesText, v.UnknownCommunes = errs, communesText, strings.Join(unknown, ", ")
		v.SimulationID = r.PostForm.Get("simulation")
		v.Attached = attached
		s.render(w, r, http.StatusUnprocessableEntity, web.RequestForm(s.page(r, "form."+string(form.Audience)+".title"), v))
		return
	}
	token, hash := casework.NewToken()
	ref, _, err := s.db.CreateRequest(r.Context(), postgres.NewRequest{
		Audience: form.Audience, Application: app, Lang: i18n.Lang(r.Context()), FormKey: key,
		ReferencePrefix: s.cfg.ReferencePrefix, RoutingEPCIs: s.routingEPCIs(app), TokenHash: hash,
		SimulationID: r.PostForm.Get("simulation"), OfferID: attachedID(attached, "offer"), OpportunityID: attachedID(attached, "opportunity"),
		TokenExpires: s.db.Now().Add(casework.TrackingLinkLifetime),
		Confirmation: func(ref string) mail.Message { return s.confirmationEmail(r, app.Email, ref, token) },
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	redirect(w, r, "/demande/envoyee/"+ref)
}

func (s *Server) requestSubmitted(w http.ResponseWriter, r *http.Request) {
	ref := chi.URLParam(r, "reference")
	s.render(w, r, http.StatusOK, web.RequestSubmitted(s.page(r, "submitted.title"), web.SubmittedView{Reference: ref}))
}

func formOf(r *http.Request) (casework.Form, bool) {
	audience, ok := formSlugs[chi.URLParam(r, "slug")]
	return casework.Forms[audience], ok
}

// parseApplication reads the form. Communes are typed as text: those found become INSEE
// codes, the others are returned to be pointed out.
func (s *Server) parseApplication(r *http.Request) (casework.Application, string, []string) {
	f := r.PostForm
	app := casework.Application{
		FirstName: strings.TrimSpace(f.Get("first_name")), LastName: strings.TrimSpace(f.Get("last_name")),
		Email: strings.TrimSpace(f.Get("email")), Phone: strings.TrimSpace(f.Get("phone")),
		Situation: f.Get("situation"), PracticeMode: f.Get("practice_mode"), Timeframe: f.Get("timeframe"),
		TargetEPCIs: f["target_epcis"], OpenToAnywhere: f.Get("open_to_anywhere") != "",
		SpouseField: strings.TrimSpace(f.Get("spouse_field")), ChildrenLevels: strings.TrimSpace(f.Get("children_levels")),
		Organisation: strings.TrimSpace(f.Get("organisation")), Message: strings.TrimSpace(f.Get("message")),
		Needs: f["needs"],
	}
	communesText := f.Get("target_communes")
	var unknown []string
	for _, typed := range strings.FieldsFunc(communesText, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if strings.TrimSpace(typed) == "" {
			continue
		}
		if c, ok := s.territory.FindCommune(typed); ok {
			app.TargetCommunes = append(app.TargetCommunes, c.INSEE)
		} else {
			unknown = append(unknown, strings.TrimSpace(typed))
		}
	}
	return app, communesText, unknown
}

// routingEPCIs are the intercommunalities a doctor targets, directly or through communes.
func (s *Server) routingEPCIs(app casework.Application) []string {
	epcis := append([]string(nil), app.TargetEPCIs...)
	for _, insee := range app.TargetCommunes {
		if c, ok := s.territory.Commune(insee); ok {
			epcis = append(epcis, c.EPCISIREN)
		}
	}
	return epcis
}

func (s *Server) formView(r *http.Request, form casework.Form, app casework.Application, key string) web.RequestFormView {
	v := web.RequestFormView{Form: form, FormKey: key, Values: app, RetentionYears: s.cfg.RetentionYears}
	for slug, a := range formSlugs {
		if a == form.Audience {
			v.Slug = slug
		}
	}
	if form.Audience == casework.AudienceDoctor {
		v.EPCIs, v.Communes = s.epciOptions, s.communeLabels
		names := make([]string, 0, len(app.TargetCommunes))
		for _, insee := range app.TargetCommunes {
			if c, ok := s.territory.Commune(insee); ok {
				names = append(names, c.Name)
			}
		}
		v.CommunesText = strings.Join(names, ", ")
	}
	return v
}

// territoryOptions lists the intercommunalities by name and suggests every commune.
func territoryOptions(t *territory.Index) ([]web.Option, []string) {
	epcis := make([]web.Option, 0, len(t.EPCIs))
	for _, e := range t.EPCIs {
		epcis = append(epcis, web.Option{Value: e.SIREN, Label: e.Name})
	}
	slices.SortFunc(epcis, func(a, b web.Option) int { return strings.Compare(a.Label, b.Label) })
	communes := make([]string, 0, len(t.Communes))
	for _, c := range t.Communes {
		communes = append(communes, c.Label())
	}
	return epcis, communes
}

// attachment is the published offer (students) or opportunity (doctors) a request is
// about, named by the form's address or hidden field; nil when there is none or it is
// not published.
func (s *Server) attachment(r *http.Request, audience casework.Audience, offerID, opportunityID string) *web.Attachment {
	ctx := r.Context()
	switch {
	case audience == casework.AudienceStudent && offerID != "":
		id, err := strconv.ParseInt(offerID, 10, 64)
		if o, lerr := s.db.Offer(ctx, id); err == nil && lerr == nil && o.Published {
			return &web.Attachment{Field: "offer", ID: id, URL: "/stages/" + offerID, Note: i18n.T(ctx, "offers.attached", "Title", o.Title)}
		}
	case audience == casework.AudienceDoctor && opportunityID != "":
		id, err := strconv.ParseInt(opportunityID, 10, 64)
		if o, lerr := s.db.Opportunity(ctx, id); err == nil && lerr == nil && o.Published {
			return &web.Attachment{Field: "opportunity", ID: id, URL: "/exercer/" + opportunityID, Note: i18n.T(ctx, "opportunities.attached", "Title", o.Title)}
		}
	}
	return nil
}

func attachedID(a *web.Attachment, field string) int64 {
	if a == nil || a.Field != field {
		return 0
	}
	return a.ID
}
