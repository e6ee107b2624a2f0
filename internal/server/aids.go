package server

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

// simulator shows the aid simulator; with its form filled (a GET, so that a simulation
// is a link to share), the aids for that person on the day they settle.
func (s *Server) simulator(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := simulatorForm(q)
	v.Situations = situationNames()
	v.Communes = s.communeLabels
	status := http.StatusOK
	if q.Has("situation") {
		in, errs, args := s.parseSimulation(q)
		if len(errs) > 0 {
			v.Errors, v.ErrorArgs, status = errs, args, http.StatusUnprocessableEntity
		} else if err := s.simulate(r, &v, in); err != nil {
			s.error(w, r, err)
			return
		}
	}
	s.render(w, r, status, web.Simulator(s.page(r, "simulator.title"), v))
}

func simulatorForm(q url.Values) web.SimulatorView {
	v := web.SimulatorView{Situation: q.Get("situation"), Commune: q.Get("commune"), Mode: q.Get("mode"),
		Sector: q.Get("secteur"), First: q.Get("premiere") == "1", Secondary: q.Get("secondaire") == "1",
		SettleOn: q.Get("date"), Received: q.Get("aide_recue"), TaxRegime: q.Get("fiscal"),
		FromAidedZone: q.Get("transfert") == "1", FMTBase: q.Get("fmt"), Query: q.Encode()}
	if !q.Has("situation") {
		v.First, v.TaxRegime = true, "unknown"
	}
	return v
}

// parseSimulation reads the simulator's form; errs names each wrong field.
func (s *Server) parseSimulation(q url.Values) (aid.Input, map[string]string, map[string]string) {
	errs, args := map[string]string{}, map[string]string{}
	in := aid.Input{Situation: aid.Situation(q.Get("situation")), Mode: q.Get("mode"), Sector: q.Get("secteur"),
		FirstInstallation: q.Get("premiere") == "1", SecondarySurgery: q.Get("secondaire") == "1",
		TaxRegime: q.Get("fiscal"), FromAidedZone: q.Get("transfert") == "1"}
	if !slices.Contains(aid.Situations, in.Situation) {
		errs["situation"] = "error.choose_one"
	}
	// A number is a postal code first: INSEE codes look the same but nobody knows them.
	typed := strings.TrimSpace(q.Get("commune"))
	byCode := s.territory.ByPostalCode(typed)
	found, byName := s.territory.FindCommune(typed)
	switch {
	case typed == "":
		errs["commune"] = "simulator.error.commune_missing"
	case len(byCode) == 1:
		in.Commune = byCode[0].INSEE
	case len(byCode) > 1:
		names := make([]string, len(byCode))
		for i, c := range byCode {
			names[i] = c.Name
		}
		errs["commune"], args["commune"] = "simulator.error.postal_code", strings.Join(names, ", ")
	case byName:
		in.Commune = found.INSEE
	default:
		errs["commune"], args["commune"] = "simulator.error.commune_unknown", typed
	}
	day, err := time.Parse("2006-01-02", q.Get("date"))
	if err != nil || day.Year() < 2000 || day.Year() > 2100 {
		errs["date"] = "error.date_invalid"
	}
	in.SettleOn = day
	if received := strings.TrimSpace(q.Get("aide_recue")); received != "" {
		d, err := time.Parse("2006-01-02", received)
		if err != nil {
			errs["aide_recue"] = "error.date_invalid"
		}
		in.Received = []aid.Received{{On: d}}
	}
	if fmtBase := strings.TrimSpace(q.Get("fmt")); fmtBase != "" {
		n, err := strconv.Atoi(fmtBase)
		if err != nil || n < 0 || n > 1_000_000 {
			errs["fmt"] = "simulator.error.amount"
		}
		in.FMTBase = n
	}
	return in, errs, args
}

// simulate runs the simulator and writes its results into v.
func (s *Server) simulate(r *http.Request, v *web.SimulatorView, in aid.Input) error {
	catalogue, err := s.db.AidCatalogue(r.Context())
	if err != nil {
		return err
	}
	zoning, err := s.db.Zoning(r.Context())
	if err != nil {
		return err
	}
	v.Done, v.SettleOnText = true, i18n.FormatDate(r.Context(), in.SettleOn)
	if c, ok := s.territory.Commune(in.Commune); ok {
		v.CommuneName = c.Name
	}
	groups := map[aid.Status]*web.AidGroup{}
	var used []aid.Import
	for _, res := range aid.Simulate(in, catalogue, zoning) {
		g, ok := groups[res.Status]
		if !ok {
			g = &web.AidGroup{Status: string(res.Status)}
			groups[res.Status] = g
		}
		g.Results = append(g.Results, s.aidResult(r, res))
		for _, imp := range res.Zonings {
			if !slices.Contains(used, imp) {
				used = append(used, imp)
			}
		}
	}
	for _, st := range []aid.Status{aid.Eligible, aid.Possible, aid.Ineligible} {
		if g, ok := groups[st]; ok {
			v.Groups = append(v.Groups, *g)
		}
	}
	for _, zone := range aid.Zones {
		note := web.ZoningNote{Zone: string(zone)}
		if imp, ok := zoning.Imports[zone]; ok {
			note = zoningNote(r, imp)
		}
		v.Zonings = append(v.Zonings, note)
	}
	return nil
}

// aidResult writes one result for the page.
func (s *Server) aidResult(r *http.Request, res aid.Result) web.AidResult {
	ctx := r.Context()
	out := s.aidVersion(r, res.Version)
	if res.NotOpen != "" {
		out.NotOpen = i18n.T(ctx, res.NotOpen, "Date", i18n.FormatDate(ctx, *res.OpenOn))
	}
	for _, c := range res.Checks {
		pairs := s.checkArgs(r, c.Args)
		out.Checks = append(out.Checks, web.CheckLine{Text: i18n.T(ctx, c.Key, pairs...),
			State:  map[aid.Tri]string{aid.Yes: "met", aid.No: "not_met", aid.Unknown: "unknown"}[c.State],
			Reason: i18n.T(ctx, c.Reason, pairs...)})
	}
	for _, p := range res.Payments {
		line := web.PaymentLine{Year: p.Year, Percent: p.Percent}
		if p.Euros > 0 {
			line.Euros = euros(r, p.Euros)
		}
		out.Payments = append(out.Payments, line)
	}
	if res.Total > 0 {
		out.Total = euros(r, res.Total)
	}
	for _, imp := range res.Zonings {
		out.Zonings = append(out.Zonings, zoningNote(r, imp))
	}
	return out
}

func zoningNote(r *http.Request, imp aid.Import) web.ZoningNote {
	return web.ZoningNote{Zone: string(imp.Zone), Reference: imp.Reference, Date: i18n.FormatDate(r.Context(), imp.Date),
		Fictitious: imp.Fictitious}
}

// aidVersion writes what the catalogue says of a version.
func (s *Server) aidVersion(r *http.Request, v aid.Version) web.AidResult {
	ctx := r.Context()
	out := web.AidResult{Name: v.Name, Funder: v.Funder, Conditions: v.Conditions, Obligations: v.Obligations,
		Source: v.Source, SourceURL: v.SourceURL, Checked: i18n.FormatDate(ctx, v.CheckedOn)}
	if v.OneOff > 0 {
		out.OneOff = euros(r, v.OneOff)
	}
	if v.Monthly > 0 {
		out.Monthly = euros(r, v.Monthly)
	}
	if v.Daily > 0 {
		out.Daily = euros(r, v.Daily)
	}
	if v.ValidTo != nil {
		out.Validity = i18n.T(ctx, "aid.valid_between", "From", i18n.FormatDate(ctx, v.ValidFrom), "To", i18n.FormatDate(ctx, *v.ValidTo))
	} else {
		out.Validity = i18n.T(ctx, "aid.valid_from", "From", i18n.FormatDate(ctx, v.ValidFrom))
	}
	return out
}

// checkArgs turns a condition's arguments into words: dates, situations.
func (s *Server) checkArgs(r *http.Request, args []any) []any {
	ctx := r.Context()
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case time.Time:
			out[i] = i18n.FormatDate(ctx, v)
		case aid.Situation:
			out[i] = i18n.T(ctx, "aid_situation."+string(v))
		default:
			out[i] = a
		}
	}
	return out
}

func euros(r *http.Request, n int) string {
	return i18n.FormatInt(r.Context(), n) + "\u00a0€"
}

func situationNames() []string {
	out := make([]string, len(aid.Situations))
	for i, s := range aid.Situations {
		out[i] = string(s)
	}
	return out
}

// aidCatalogue lists every aid by audience, with its source and the date it was checked.
func (s *Server) aidCatalogue(w http.ResponseWriter, r *http.Request) {
	catalogue, err := s.db.AidCatalogue(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	var v web.CatalogueView
	for _, sit := range aid.Situations {
		section := web.CatalogueSection{Situation: string(sit)}
		for _, ver := range catalogue {
			if slices.Contains(ver.Audiences, sit) {
				section.Aids = append(section.Aids, s.aidVersion(r, ver))
			}
		}
		if len(section.Aids) > 0 {
			v.Sections = append(v.Sections, section)
		}
	}
	s.render(w, r, http.StatusOK, web.Catalogue(s.page(r, "aids.title"), v))
}

// accompany keeps the simulation and opens a doctor's request that carries it.
func (s *Server) accompany(w http.ResponseWriter, r *http.Request) {
	in, errs, _ := s.parseSimulation(r.PostForm)
	if len(errs) > 0 {
		redirect(w, r, "/aides/simulateur?"+r.PostForm.Encode())
		return
	}
	id := casework.NewFormKey()
	if err := s.db.SaveSimulation(r.Context(), id, in); err != nil {
		s.error(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/demande/medecin?simulation=%s", url.QueryEscape(id)))
}

// simulationSummary runs again the simulation a request carries, for the officer to check.
func (s *Server) simulationSummary(r *http.Request, req *casework.Request) (*web.SimulationSummary, error) {
	in, made, err := s.db.Simulation(r.Context(), req.SimulationID)
	if err != nil {
		return nil, err
	}
	var v web.SimulatorView
	if err := s.simulate(r, &v, in); err != nil {
		return nil, err
	}
	ctx := r.Context()
	sum := &web.SimulationSummary{Made: i18n.FormatDate(ctx, made), Commune: v.CommuneName, SettleOn: v.SettleOnText,
		Situation: string(in.Situation), Groups: v.Groups, Simulator: "/aides/simulateur?" + simulationQuery(in, v.CommuneName).Encode()}
	if req.SimulationReviewed != nil {
		sum.Reviewed = i18n.FormatDate(ctx, *req.SimulationReviewed)
	}
	return sum, nil
}

// simulationQuery is the simulator's query that gives the same simulation.
func simulationQuery(in aid.Input, commune string) url.Values {
	q := url.Values{"situation": {string(in.Situation)}, "commune": {commune}, "date": {in.SettleOn.Format("2006-01-02")},
		"mode": {in.Mode}, "secteur": {in.Sector}, "fiscal": {in.TaxRegime}}
	flags := map[string]bool{"premiere": in.FirstInstallation, "secondaire": in.SecondarySurgery, "transfert": in.FromAidedZone}
	for name, on := range flags {
		if on {
			q.Set(name, "1")
		}
	}
	if len(in.Received) > 0 {
		q.Set("aide_recue", in.Received[0].On.Format("2006-01-02"))
	}
	if in.FMTBase > 0 {
		q.Set("fmt", strconv.Itoa(in.FMTBase))
	}
	return q
}

// reviewSimulation is an officer marking the attached simulation as checked.
func (s *Server) reviewSimulation(w http.ResponseWriter, r *http.Request) {
	s.caseDone(w, r, s.db.ReviewSimulation(r.Context(), currentCase(r).ID, currentUser(r).ID))
}
