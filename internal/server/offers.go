package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
	"github.com/bienvenue-sante/bienvenue/web"
)

// offerList is the public list of internship offers with its filters.
func (s *Server) offerList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := offers.ParseFilter(q, s.territory, nil)
	if err != nil {
		s.error(w, r, err)
		return
	}
	list, total, err := cachedList(s, r.URL.Path+"?"+q.Encode(), func() ([]offers.Offer, int, error) {
		return s.db.PublishedOffers(r.Context(), f)
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := s.listing(r, "offers", "/stages", q, total, f.Page)
	semesters := make([]web.Choice, 0, 4)
	for _, sem := range offers.Upcoming(s.db.Now()) {
		semesters = append(semesters, web.Choice{Value: sem.String(), Label: s.semesterName(ctx, sem), Checked: sem == f.Semester})
	}
	v.Filters = []web.Field{
		filterChoice(ctx, "niveau", "level", choicesOf(ctx, "offers.level.", offers.Levels, f.Level)),
		filterChoice(ctx, "semestre", "semester", semesters),
		filterChoice(ctx, "epci", "epci", s.epciChoices(f.EPCI)),
		filterChoice(ctx, "specialite", "specialty", choicesOf(ctx, "offers.specialty.", offers.Specialties, f.Specialty)),
		{Name: "logement", Label: i18n.T(ctx, "offers.filter.housing"), Kind: "checkbox", Checked: f.Housing},
	}
	for _, o := range list {
		item := web.ListingItem{Title: o.Title, URL: "/stages/" + strconv.FormatInt(o.ID, 10),
			Facts: []string{i18n.T(ctx, "offers.level."+o.Level), s.semesterName(ctx, o.Semester), s.place(o.Commune),
				i18n.T(ctx, "offers.host_kind."+o.HostKind) + " : " + o.HostName, i18n.T(ctx, "offers.specialty."+o.Specialty)}}
		item.Tags = offerTags(ctx, o)
		v.Items = append(v.Items, item)
	}
	v.SeeAlso = []web.Link{{URL: "/logements", Label: i18n.T(ctx, "housing.heading")}, {URL: "/evenements", Label: i18n.T(ctx, "events.list.heading")},
		{URL: "/demande/etudiant", Label: i18n.T(ctx, "offers.ask_help")}}
	s.render(w, r, http.StatusOK, web.Listing(s.page(r, "offers.heading"), v))
}

func offerTags(ctx context.Context, o offers.Offer) []string {
	var tags []string
	if o.Housing {
		tags = append(tags, i18n.T(ctx, "offers.tag.housing"))
	}
	if o.TravelHelp {
		tags = append(tags, i18n.T(ctx, "offers.tag.travel_help"))
	}
	return tags
}

// offerPage is the public page of one published offer.
func (s *Server) offerPage(w http.ResponseWriter, r *http.Request) {
	o, err := publishedItem(s, r, s.db.Offer, func(o offers.Offer) bool { return o.Published })
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	yesNo := func(b bool) string { return i18n.T(ctx, "offers.yes_no."+strconv.FormatBool(b)) }
	v := web.DetailView{Title: o.Title, Back: web.Link{URL: "/stages", Label: i18n.T(ctx, "offers.back")}, DemoNote: s.cfg.Demo,
		BodyHTML: s.markdown(o.Description), Note: i18n.T(ctx, "offers.interested_note"),
		Action: web.Link{URL: "/demande/etudiant?offre=" + strconv.FormatInt(o.ID, 10), Label: i18n.T(ctx, "offers.interested")},
		Facts: []web.Fact{
			{Label: fieldLabel(ctx, "level"), Value: i18n.T(ctx, "offers.level."+o.Level)},
			{Label: fieldLabel(ctx, "semester"), Value: s.semesterName(ctx, o.Semester)},
			{Label: fieldLabel(ctx, "specialty"), Value: i18n.T(ctx, "offers.specialty."+o.Specialty)},
			{Label: i18n.T(ctx, "offers.host"), Value: i18n.T(ctx, "offers.host_kind."+o.HostKind) + " : " + o.HostName},
			{Label: fieldLabel(ctx, "commune"), Value: s.place(o.Commune)},
			{Label: fieldLabel(ctx, "supervisor"), Value: o.Supervisor},
			{Label: fieldLabel(ctx, "housing"), Value: yesNo(o.Housing)},
			{Label: fieldLabel(ctx, "travel_help"), Value: yesNo(o.TravelHelp)},
		}}
	s.render(w, r, http.StatusOK, web.Detail(s.bareTitled(r, o.Title), v))
}

// housingList is the public list of trainee housing, shown in full.
func (s *Server) housingList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := offers.ParseFilter(q, s.territory, offers.HousingKinds)
	if err != nil {
		s.error(w, r, err)
		return
	}
	list, total, err := cachedList(s, r.URL.Path+"?"+q.Encode(), func() ([]offers.Housing, int, error) {
		return s.db.PublishedHousing(r.Context(), f)
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := s.listing(r, "housing", "/logements", q, total, f.Page)
	v.Filters = []web.Field{
		filterChoice(ctx, "epci", "epci", s.epciChoices(f.EPCI)),
		filterChoice(ctx, "public", "audience", choicesOf(ctx, "offers.audience.", offers.Audiences[:2], f.Audience)),
		filterChoice(ctx, "type", "kind", choicesOf(ctx, "offers.kind.", offers.HousingKinds, f.Kind)),
	}
	for _, h := range list {
		rent := i18n.T(ctx, "offers.rent_free")
		if h.MonthlyRent > 0 {
			rent = i18n.T(ctx, "offers.rent", "Amount", i18n.FormatInt(ctx, h.MonthlyRent))
		}
		v.Items = append(v.Items, web.ListingItem{Title: h.Title, BodyHTML: s.markdown(h.Description), Contact: h.Contact,
			Facts: []string{i18n.T(ctx, "offers.kind."+h.Kind), s.place(h.Commune), i18n.T(ctx, "offers.audience."+h.Audience), rent,
				i18n.T(ctx, "offers.capacity", "Count", strconv.Itoa(h.Capacity))}})
	}
	v.SeeAlso = []web.Link{{URL: "/stages", Label: i18n.T(ctx, "offers.heading")}}
	s.render(w, r, http.StatusOK, web.Listing(s.page(r, "housing.heading"), v))
}

// opportunityList is the public list of practice opportunities for doctors.
func (s *Server) opportunityList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := offers.ParseFilter(q, s.territory, offers.OpportunityKinds)
	if err != nil {
		s.error(w, r, err)
		return
	}
	list, total, err := cachedList(s, r.URL.Path+"?"+q.Encode(), func() ([]offers.Opportunity, int, error) {
		return s.db.PublishedOpportunities(r.Context(), f)
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := s.listing(r, "opportunities", "/exercer", q, total, f.Page)
	v.Filters = []web.Field{
		filterChoice(ctx, "type", "opportunity_kind", choicesOf(ctx, "offers.opportunity.", offers.OpportunityKinds, f.Kind)),
		filterChoice(ctx, "epci", "epci", s.epciChoices(f.EPCI)),
	}
	for _, o := range list {
		v.Items = append(v.Items, web.ListingItem{Title: o.Title, URL: "/exercer/" + strconv.FormatInt(o.ID, 10),
			Facts: []string{i18n.T(ctx, "offers.opportunity."+o.Kind), o.StructureName, s.place(o.Commune), s.startsOn(ctx, o)}})
	}
	v.SeeAlso = []web.Link{{URL: "/structures", Label: i18n.T(ctx, "structures.heading")}, {URL: "/aides", Label: i18n.T(ctx, "opportunities.see_aids")},
		{URL: "/demande/medecin", Label: i18n.T(ctx, "opportunities.ask_help")}}
	s.render(w, r, http.StatusOK, web.Listing(s.page(r, "opportunities.heading"), v))
}

// opportunityPage is the public page of one published opportunity.
func (s *Server) opportunityPage(w http.ResponseWriter, r *http.Request) {
	o, err := publishedItem(s, r, s.db.Opportunity, func(o offers.Opportunity) bool { return o.Published })
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := web.DetailView{Title: o.Title, Back: web.Link{URL: "/exercer", Label: i18n.T(ctx, "opportunities.back")}, DemoNote: s.cfg.Demo,
		BodyHTML: s.markdown(o.Description), Note: i18n.T(ctx, "opportunities.accompany_note"),
		Action: web.Link{URL: "/demande/medecin?opportunite=" + strconv.FormatInt(o.ID, 10), Label: i18n.T(ctx, "opportunities.accompany")},
		Facts: []web.Fact{
			{Label: fieldLabel(ctx, "opportunity_kind"), Value: i18n.T(ctx, "offers.opportunity."+o.Kind)},
			{Label: fieldLabel(ctx, "structure_name"), Value: o.StructureName},
			{Label: fieldLabel(ctx, "commune"), Value: s.place(o.Commune)},
			{Label: fieldLabel(ctx, "starts_on"), Value: s.startsOn(ctx, o)},
			{Label: fieldLabel(ctx, "contact"), Value: o.Contact},
		}}
	s.render(w, r, http.StatusOK, web.Detail(s.bareTitled(r, o.Title), v))
}

func (s *Server) startsOn(ctx context.Context, o offers.Opportunity) string {
	if o.StartsOn == nil {
		return i18n.T(ctx, "opportunities.starts_open")
	}
	return i18n.T(ctx, "opportunities.starts_on", "Date", i18n.FormatDate(ctx, *o.StartsOn))
}

// publishedItem loads the item of the address's id, kept a few seconds as public lists
// are (lists.go); a draft is not found, as if it did not exist.
func publishedItem[T any](s *Server, r *http.Request, load func(context.Context, int64) (T, error), published func(T) bool) (T, error) {
	var zero T
	id, err := pathID(r, "id")
	if err != nil {
		return zero, err
	}
	item, err := cachedItem(s, r.URL.Path, func() (T, error) { return load(r.Context(), id) })
	if err != nil {
		return zero, err
	}
	if !published(item) {
		return zero, bienvenue.ErrNotFound
	}
	return item, nil
}

// listing is what every public list shares: words, count, pages.
func (s *Server) listing(r *http.Request, keys, path string, q url.Values, total, page int) web.ListingView {
	ctx := r.Context()
	filtered := false
	for k := range q {
		filtered = filtered || k != "page"
	}
	return web.ListingView{Heading: i18n.T(ctx, keys+".heading"), Intro: i18n.T(ctx, keys+".intro"), DemoNote: s.cfg.Demo,
		Action: path, Filtered: filtered, Count: total, Pager: pagerOf(r, page, total, offers.PerPage),
		EmptyText: i18n.T(ctx, keys+".empty")}
}

// filterChoice is a select of a list's filters, whose empty choice keeps everything.
func filterChoice(ctx context.Context, param, label string, options []web.Choice) web.Field {
	return web.Field{Name: param, Label: fieldLabel(ctx, label), Kind: "select", Options: options, Empty: i18n.T(ctx, "content.any")}
}

// epciChoices lists the territory's intercommunalities by name.
func (s *Server) epciChoices(chosen string) []web.Choice {
	list := make([]web.Choice, len(s.epciOptions))
	for i, e := range s.epciOptions {
		list[i] = web.Choice{Value: e.Value, Label: e.Label, Checked: e.Value == chosen}
	}
	return list
}

// place names a commune with its intercommunality.
func (s *Server) place(insee string) string {
	c, ok := s.territory.Commune(insee)
	if !ok {
		return insee
	}
	if e, ok := s.territory.EPCI(c.EPCISIREN); ok {
		return c.Name + " (" + e.Name + ")"
	}
	return c.Name
}
