package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
	"github.com/bienvenue-sante/bienvenue/web"
)

// offerEditor manages internship offers in the back office.
func (s *Server) offerEditor() editor[offers.Offer] {
	return editor[offers.Offer]{s: s, kind: content.KindOffer, base: "/espace/stages", fresh: "/nouvelle", keys: "offers",
		public: func(o offers.Offer) string { return "/stages/" + strconv.FormatInt(o.ID, 10) },
		list:   s.db.AllOffers, load: s.db.Offer, save: s.db.SaveOffer,
		id:      func(o offers.Offer) int64 { return o.ID },
		pub:     func(o offers.Offer) content.Publication { return o.Publication },
		heading: func(o offers.Offer) string { return o.Title },
		row: func(r *http.Request, o offers.Offer) web.AdminRow {
			return s.adminRow(r, "/espace/stages", o.ID, o.Title, o.Publication,
				i18n.T(r.Context(), "offers.level."+o.Level), s.semesterName(r.Context(), o.Semester), s.communeName(o.Commune))
		},
		fields: func(r *http.Request, o offers.Offer) []web.Field {
			ctx, v := r.Context(), o.Fields()
			semesters := offers.Upcoming(s.db.Now())
			if !o.Semester.IsZero() && o.Semester.Start.Before(semesters[0].Start) {
				semesters = append([]offers.Semester{o.Semester}, semesters...)
			}
			var semesterChoices []web.Choice
			for _, sem := range semesters {
				semesterChoices = append(semesterChoices, web.Choice{Value: sem.String(), Label: s.semesterName(ctx, sem), Checked: sem == o.Semester})
			}
			return []web.Field{
				textInput(ctx, "title", v),
				choiceInput(ctx, "host_kind", v, offers.HostKinds),
				textInput(ctx, "host_name", v),
				s.communeInput(ctx, o.Commune),
				choiceInput(ctx, "specialty", v, offers.Specialties),
				choiceInput(ctx, "level", v, offers.Levels),
				{Name: "semester", Label: fieldLabel(ctx, "semester"), Kind: "select", Options: semesterChoices},
				textInput(ctx, "supervisor", v),
				{Name: "housing", Label: fieldLabel(ctx, "housing"), Kind: "checkbox", Checked: o.Housing},
				{Name: "travel_help", Label: fieldLabel(ctx, "travel_help"), Kind: "checkbox", Checked: o.TravelHelp},
				{Name: "description", Label: fieldLabel(ctx, "description"), Kind: "markdown", Value: o.Description},
			}
		},
		parse: func(r *http.Request, id int64) (offers.Offer, error) {
			f := r.PostForm
			o := offers.Offer{ID: id, Title: formText(f.Get("title")), HostKind: f.Get("host_kind"), HostName: formText(f.Get("host_name")),
				Commune: s.communeCode(f.Get("commune")), Specialty: f.Get("specialty"), Level: f.Get("level"),
				Supervisor: formText(f.Get("supervisor")), Housing: f.Get("housing") != "", TravelHelp: f.Get("travel_help") != "",
				Description: strings.TrimSpace(f.Get("description"))}
			o.Semester, _ = offers.ParseSemester(f.Get("semester")) // none is reported as missing
			return o, o.Validate(s.territory)
		},
	}
}

// housingEditor manages trainee housing in the back office.
func (s *Server) housingEditor() editor[offers.Housing] {
	return editor[offers.Housing]{s: s, kind: content.KindHousing, base: "/espace/logements", fresh: "/nouveau", keys: "housing",
		public: func(offers.Housing) string { return "/logements" },
		list:   s.db.AllHousing, load: s.db.Housing, save: s.db.SaveHousing,
		id:      func(h offers.Housing) int64 { return h.ID },
		pub:     func(h offers.Housing) content.Publication { return h.Publication },
		heading: func(h offers.Housing) string { return h.Title },
		row: func(r *http.Request, h offers.Housing) web.AdminRow {
			return s.adminRow(r, "/espace/logements", h.ID, h.Title, h.Publication,
				i18n.T(r.Context(), "offers.kind."+h.Kind), s.communeName(h.Commune))
		},
		fields: func(r *http.Request, h offers.Housing) []web.Field {
			ctx, v := r.Context(), h.Fields()
			return []web.Field{
				textInput(ctx, "title", v),
				choiceInput(ctx, "kind", v, offers.HousingKinds),
				s.communeInput(ctx, h.Commune),
				choiceInput(ctx, "audience", v, offers.Audiences),
				{Name: "monthly_rent", Label: fieldLabel(ctx, "monthly_rent"), Kind: "number", Value: v["monthly_rent"], Hint: i18n.T(ctx, "offers.hint.monthly_rent")},
				{Name: "capacity", Label: fieldLabel(ctx, "capacity"), Kind: "number", Value: v["capacity"]},
				{Name: "contact", Label: fieldLabel(ctx, "contact"), Kind: "text", Value: h.Contact, Hint: i18n.T(ctx, "offers.hint.contact")},
				{Name: "description", Label: fieldLabel(ctx, "description"), Kind: "markdown", Value: h.Description},
			}
		},
		parse: func(r *http.Request, id int64) (offers.Housing, error) {
			f := r.PostForm
			h := offers.Housing{ID: id, Title: formText(f.Get("title")), Kind: f.Get("kind"), Commune: s.communeCode(f.Get("commune")),
				Audience: f.Get("audience"), Contact: formText(f.Get("contact")), Description: strings.TrimSpace(f.Get("description"))}
			var err error
			if h.MonthlyRent, err = strconv.Atoi(strings.TrimSpace(f.Get("monthly_rent"))); err != nil {
				h.MonthlyRent = -1 // reported as out of range
			}
			if h.Capacity, err = strconv.Atoi(strings.TrimSpace(f.Get("capacity"))); err != nil {
				h.Capacity = 0
			}
			return h, h.Validate(s.territory)
		},
	}
}

// opportunityEditor manages practice opportunities in the back office.
func (s *Server) opportunityEditor() editor[offers.Opportunity] {
	return editor[offers.Opportunity]{s: s, kind: content.KindOpportunity, base: "/espace/exercer", fresh: "/nouvelle", keys: "opportunities",
		public: func(o offers.Opportunity) string { return "/exercer/" + strconv.FormatInt(o.ID, 10) },
		list:   s.db.AllOpportunities, load: s.db.Opportunity, save: s.db.SaveOpportunity,
		id:      func(o offers.Opportunity) int64 { return o.ID },
		pub:     func(o offers.Opportunity) content.Publication { return o.Publication },
		heading: func(o offers.Opportunity) string { return o.Title },
		row: func(r *http.Request, o offers.Opportunity) web.AdminRow {
			return s.adminRow(r, "/espace/exercer", o.ID, o.Title, o.Publication,
				i18n.T(r.Context(), "offers.opportunity."+o.Kind), s.communeName(o.Commune))
		},
		fields: func(r *http.Request, o offers.Opportunity) []web.Field {
			ctx, v := r.Context(), o.Fields()
			return []web.Field{
				{Name: "kind", Label: fieldLabel(ctx, "opportunity_kind"), Kind: "select", Options: choicesOf(ctx, "offers.opportunity.", offers.OpportunityKinds, o.Kind)},
				textInput(ctx, "title", v),
				textInput(ctx, "structure_name", v),
				s.communeInput(ctx, o.Commune),
				{Name: "starts_on", Label: fieldLabel(ctx, "starts_on"), Kind: "date", Value: v["starts_on"], Optional: true},
				{Name: "contact", Label: fieldLabel(ctx, "contact"), Kind: "text", Value: o.Contact, Hint: i18n.T(ctx, "offers.hint.contact")},
				{Name: "description", Label: fieldLabel(ctx, "description"), Kind: "markdown", Value: o.Description},
			}
		},
		parse: func(r *http.Request, id int64) (offers.Opportunity, error) {
			f := r.PostForm
			o := offers.Opportunity{ID: id, Kind: f.Get("kind"), Title: formText(f.Get("title")), StructureName: formText(f.Get("structure_name")),
				Commune: s.communeCode(f.Get("commune")), Contact: formText(f.Get("contact")), Description: strings.TrimSpace(f.Get("description"))}
			err := o.Validate(s.territory)
			if d := strings.TrimSpace(f.Get("starts_on")); d != "" {
				day, perr := time.Parse(time.DateOnly, d)
				if perr != nil {
					return o, addFieldError(err, "starts_on", "error.date_invalid")
				}
				o.StartsOn = &day
			}
			return o, err
		},
	}
}

// adminRow is an item in a back-office list, its details joined.
func (s *Server) adminRow(r *http.Request, base string, id int64, title string, pub content.Publication, details ...string) web.AdminRow {
	return web.AdminRow{URL: base + "/" + strconv.FormatInt(id, 10), Title: title, Published: pub.Published,
		Detail: strings.Join(details, " · "), UpdatedAt: i18n.FormatDateTime(r.Context(), pub.UpdatedAt)}
}

func fieldLabel(ctx context.Context, name string) string { return i18n.T(ctx, "offers.field."+name) }

func textInput(ctx context.Context, name string, values map[string]string) web.Field {
	return web.Field{Name: name, Label: fieldLabel(ctx, name), Kind: "text", Value: values[name]}
}

// choiceInput is a list of the codes of a vocabulary, named by offers.<name>.<code>.
func choiceInput(ctx context.Context, name string, values map[string]string, codes []string) web.Field {
	return web.Field{Name: name, Label: fieldLabel(ctx, name), Kind: "select", Options: choicesOf(ctx, "offers."+name+".", codes, values[name])}
}

func choicesOf(ctx context.Context, prefix string, codes []string, chosen string) []web.Choice {
	list := make([]web.Choice, len(codes))
	for i, c := range codes {
		list[i] = web.Choice{Value: c, Label: i18n.T(ctx, prefix+c), Checked: c == chosen}
	}
	return list
}

// communeInput asks for a commune by name.
func (s *Server) communeInput(ctx context.Context, insee string) web.Field {
	return web.Field{Name: "commune", Label: fieldLabel(ctx, "commune"), Kind: "text", Value: s.communeName(insee),
		Hint: i18n.T(ctx, "offers.hint.commune", "Name", s.cfg.Departement)}
}

// communeCode is the INSEE code of the commune named text, or text itself when the
// territory has no such commune, so that the form shows it again with an error.
func (s *Server) communeCode(text string) string {
	if c, ok := s.territory.FindCommune(text); ok {
		return c.INSEE
	}
	return strings.TrimSpace(text)
}

// communeName names a commune of the territory; anything else is shown as it is.
func (s *Server) communeName(insee string) string {
	if c, ok := s.territory.Commune(insee); ok {
		return c.Name
	}
	return insee
}

// semesterName writes a semester as « novembre 2026 – avril 2027 ».
func (s *Server) semesterName(ctx context.Context, sem offers.Semester) string {
	month := func(t time.Time) string {
		return i18n.T(ctx, "offers.month."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
	}
	return month(sem.Start) + " – " + month(sem.End())
}

// formText is a one-line text as typed, without surrounding spaces.
func formText(s string) string { return strings.TrimSpace(s) }

// caseAttachment links a request to the offer or opportunity it is about, for officers.
func (s *Server) caseAttachment(r *http.Request, req *casework.Request) (*web.Link, error) {
	ctx := r.Context()
	switch {
	case req.OfferID != 0:
		o, err := s.db.Offer(ctx, req.OfferID)
		return &web.Link{URL: "/espace/stages/" + strconv.FormatInt(o.ID, 10), Label: i18n.T(ctx, "offers.case_attached", "Title", o.Title)}, err
	case req.OpportunityID != 0:
		o, err := s.db.Opportunity(ctx, req.OpportunityID)
		return &web.Link{URL: "/espace/exercer/" + strconv.FormatInt(o.ID, 10), Label: i18n.T(ctx, "opportunities.case_attached", "Title", o.Title)}, err
	}
	return nil, nil
}
