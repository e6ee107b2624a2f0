package server

import (
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
	"github.com/bienvenue-sante/bienvenue/internal/apl"
	"github.com/bienvenue-sante/bienvenue/internal/finess"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/mapsvg"
	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
	"github.com/bienvenue-sante/bienvenue/web"
)

// area is a commune or an intercommunality as the observatory shows it.
type area struct {
	kind, code, name string
	population       int
	url              string
}

// areas lists the areas of a level: the intercommunalities, or the communes (of one
// intercommunality when epci is set).
func (s *Server) areas(level, epci string) []area {
	var out []area
	if level == observatory.EPCI {
		for _, e := range s.territory.EPCIs {
			out = append(out, area{observatory.EPCI, e.SIREN, e.Name, e.PopulationInDept, "/observatoire/epci/" + e.SIREN})
		}
	} else {
		for _, c := range s.territory.Communes {
			if epci == "" || c.EPCISIREN == epci {
				out = append(out, area{observatory.Commune, c.INSEE, c.Name, c.Population, "/observatoire/commune/" + c.INSEE})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// figures are an area's indicators in the chosen snapshot.
type figures struct {
	count   observatory.Count
	density float64
	change  float64
	hasRate bool // the five-year change is known
	apl     float64
	hasAPL  bool
}

// figuresOf computes an area's indicators; totals holds every area's headcount in every
// snapshot (Totals), for the five-year change up to snapshot upTo.
func figuresOf(a area, counts map[string]observatory.Count, totals map[string]map[int64]int, snapshots []postgres.Snapshot, upTo int) figures {
	f := figures{count: counts[a.code]}
	f.density = observatory.Density(f.count.Total, a.population)
	series := make([]observatory.Point, upTo+1)
	for i, sn := range snapshots[:upTo+1] {
		series[i] = observatory.Point{On: sn.TakenOn, Total: totals[a.code][sn.ID]}
	}
	f.change, f.hasRate = observatory.FiveYearChange(series)
	return f
}

// levelData is the counts of a level's areas in a snapshot and their totals in every
// snapshot.
func (s *Server) levelData(r *http.Request, kind string, areas []area, snapshot postgres.Snapshot, snapshots []postgres.Snapshot) (map[string]observatory.Count, map[string]map[int64]int, error) {
	codes := make([]string, len(areas))
	for i, a := range areas {
		codes[i] = a.code
	}
	counts, err := s.db.Counts(r.Context(), snapshot.ID, kind, codes)
	if err != nil {
		return nil, nil, err
	}
	totals, err := s.db.Totals(r.Context(), kind, codes, snapshots)
	return counts, totals, err
}

// observatoryPage is the public dashboard; staff of the observatory also get the
// commune level and the one-stop shop's activity.
func (s *Server) observatoryPage(w http.ResponseWriter, r *http.Request) {
	staffView := isObservatoryStaff(currentUser(r))
	view := func() (web.DashboardView, error) {
		v, err := s.dashboard(r, staffView)
		if err == nil {
			err = s.placeStructures(r, &v)
		}
		return v, err
	}
	var v web.DashboardView
	var err error
	if staffView {
		v, err = view() // with the casework activity, read fresh
	} else {
		// The public dashboard is the same for every visitor of an address and language.
		v, err = cached(s, "observatory\x00"+i18n.Lang(r.Context())+"\x00"+r.URL.RawQuery, view)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Dashboard(s.page(r, "observatory.title"), v))
}

func isObservatoryStaff(u *staff.User) bool {
	return u != nil && (u.Role == staff.RoleObservatory || u.Role == staff.RoleSupervisor || u.Role == staff.RoleAdmin)
}

func (s *Server) dashboard(r *http.Request, staffView bool) (web.DashboardView, error) {
	ctx := r.Context()
	q := r.URL.Query()
	v := web.DashboardView{Departement: s.cfg.Departement, Indicators: observatory.Indicators, Levels: []string{observatory.EPCI},
		Attribution: s.territory.Attribution, StaffDetail: staffView}
	if staffView {
		v.Levels = append(v.Levels, observatory.Commune)
		act, err := s.activity(r)
		if err != nil {
			return v, err
		}
		v.Activity = &act
	}
	v.Level, v.Indicator = pick(q.Get("niveau"), v.Levels), pick(q.Get("indicateur"), observatory.Indicators)
	snapshots, err := s.db.Snapshots(ctx)
	if err != nil || len(snapshots) == 0 {
		// The territory is real data: it shows even before any headcount.
		v.NoData = true
		for _, a := range s.areas(v.Level, "") {
			v.Rows = append(v.Rows, web.AreaRow{Name: a.name, Population: i18n.FormatInt(ctx, a.population),
				Total: "—", Liberal: "—", Salaried: "—", Mixed: "—", Density: "—", Change: "—"})
		}
		return v, err
	}
	chosen := pickSnapshot(q.Get("date"), snapshots)
	snap := snapshots[chosen]
	v.Snapshot, v.Demo, v.Source = snap.TakenOn.Format("2006-01-02"), snap.Demo, snapshotSource(r, snap)
	v.SnapshotText = i18n.FormatDate(ctx, snap.TakenOn)
	for _, sn := range snapshots {
		v.Snapshots = append(v.Snapshots, web.Option{Value: sn.TakenOn.Format("2006-01-02"), Label: i18n.FormatDate(ctx, sn.TakenOn)})
	}
	deptArea := area{kind: observatory.Departement, code: s.territory.Code, population: s.territory.Population()}
	dept, deptTotals, err := s.levelData(r, observatory.Departement, []area{deptArea}, snap, snapshots)
	if err != nil {
		return v, err
	}
	aplYear, hasAPL, err := s.db.LatestAPL(ctx)
	if err != nil {
		return v, err
	}
	deptFigures := s.withAPL(figuresOf(deptArea, dept, deptTotals, snapshots, chosen), deptArea, aplYear)
	v.Summary = summary(r, deptFigures)
	if hasAPL {
		v.Indicators = append(slices.Clone(observatory.Indicators), "apl")
		v.Indicator = pick(q.Get("indicateur"), v.Indicators)
		v.Summary = append(v.Summary, web.Figure{Label: "indicator.apl", Value: decimal2(r, deptFigures.apl)},
			web.Figure{Label: "indicator.underserved", Value: decimal(r, s.underservedShare(aplYear)) + " %"})
		v.Source += " " + i18n.T(ctx, "observatory.apl_source", "File", aplYear.Filename, "Year", aplYear.Year)
	}
	ageFigures, ageSource, err := s.ageFigures(r, deptArea)
	if err != nil {
		return v, err
	}
	v.Summary = append(v.Summary, ageFigures...)
	v.Source += ageSource
	structureFigures, structureSource, err := s.structureFigures(r, deptArea)
	if err != nil {
		return v, err
	}
	v.Summary = append(v.Summary, structureFigures...)
	v.Source += structureSource
	shares, err := s.zoneShares(r)
	if err != nil {
		return v, err
	}
	v.Summary = append(v.Summary, shares...)
	if v.Trend, err = s.trend(r, observatory.Departement, s.territory.Code, s.cfg.Departement, snapshots); err != nil {
		return v, err
	}
	v.DensityLine = densityLine(r, deptArea, deptTotals, snapshots, s.cfg.Departement)
	areas := s.areas(v.Level, "")
	counts, totals, err := s.levelData(r, v.Level, areas, snap, snapshots)
	if err != nil {
		return v, err
	}
	values := map[string]float64{}
	for _, a := range areas {
		f := s.withAPL(figuresOf(a, counts, totals, snapshots, chosen), a, aplYear)
		row := areaRow(r, a, f)
		v.Rows = append(v.Rows, row)
		if val, ok := indicatorValue(v.Indicator, f); ok {
			values[a.code] = val
		}
	}
	v.Map = s.mapView(r, v.Level, v.Indicator, values, snap.TakenOn)
	v.CSVURL = "/observatoire/donnees.csv?" + q.Encode()
	return v, nil
}

func pick(value string, allowed []string) string {
	if slices.Contains(allowed, value) {
		return value
	}
	return allowed[0]
}

// pickSnapshot is the index of the snapshot of that date, the latest by default.
func pickSnapshot(date string, snapshots []postgres.Snapshot) int {
	for i, s := range snapshots {
		if s.TakenOn.Format("2006-01-02") == date {
			return i
		}
	}
	return len(snapshots) - 1
}

func snapshotSource(r *http.Request, s postgres.Snapshot) string {
	if s.Demo {
		return i18n.T(r.Context(), "observatory.demo.source")
	}
	return i18n.T(r.Context(), "observatory.rpps_source", "File", s.Source)
}

func indicatorValue(indicator string, f figures) (float64, bool) {
	switch indicator {
	case "density":
		return f.density, true
	case "liberal":
		return float64(f.count.Liberal + f.count.Mixed), true
	case "salaried":
		return float64(f.count.Salaried + f.count.Mixed), true
	case "change":
		return f.change, f.hasRate
	case "apl":
		return f.apl, f.hasAPL
	}
	return float64(f.count.Total), true
}

func summary(r *http.Request, f figures) []web.Figure {
	ctx := r.Context()
	out := []web.Figure{
		{Label: "indicator.total", Value: i18n.FormatInt(ctx, f.count.Total)},
		{Label: "indicator.density", Value: decimal(r, f.density)},
		{Label: "indicator.liberal", Value: i18n.FormatInt(ctx, f.count.Liberal)},
		{Label: "indicator.salaried", Value: i18n.FormatInt(ctx, f.count.Salaried)},
		{Label: "indicator.mixed", Value: i18n.FormatInt(ctx, f.count.Mixed)},
	}
	change := i18n.T(ctx, "observatory.unknown")
	if f.hasRate {
		change = signed(r, f.change) + " %"
	}
	return append(out, web.Figure{Label: "indicator.change", Value: change})
}

func areaRow(r *http.Request, a area, f figures) web.AreaRow {
	ctx := r.Context()
	row := web.AreaRow{Name: a.name, URL: a.url, Population: i18n.FormatInt(ctx, a.population),
		Total: i18n.FormatInt(ctx, f.count.Total), Liberal: i18n.FormatInt(ctx, f.count.Liberal),
		Salaried: i18n.FormatInt(ctx, f.count.Salaried), Mixed: i18n.FormatInt(ctx, f.count.Mixed),
		Density: decimal(r, f.density), Change: "—"}
	if f.hasRate {
		row.Change = signed(r, f.change) + " %"
	}
	row.APL = "—"
	if f.hasAPL {
		row.APL = decimal2(r, f.apl)
	}
	return row
}

func decimal2(r *http.Request, f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	if i18n.Lang(r.Context()) == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// withAPL adds an area's APL: a commune's own, or its communes' weighted by their
// standardised population (never a plain mean).
func (s *Server) withAPL(f figures, a area, year postgres.APLYear) figures {
	var parts []observatory.APL
	for _, c := range s.territory.Communes {
		if v, ok := year.Values[c.INSEE]; ok && inside(a, c) {
			parts = append(parts, observatory.APL{Value: v.APL, StandardisedPopulace: v.StandardisedPopulation})
		}
	}
	f.apl, f.hasAPL = observatory.WeightedAPL(parts)
	return f
}

// underservedShare is the share of the population living in a commune whose APL is at
// most apl.UnderServed.
func (s *Server) underservedShare(year postgres.APLYear) float64 {
	under := 0
	for _, c := range s.territory.Communes {
		if v, ok := year.Values[c.INSEE]; ok && v.APL <= apl.UnderServed {
			under += c.Population
		}
	}
	return math.Round(float64(under)*1000/float64(s.territory.Population())) / 10
}

func decimal(r *http.Request, f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if i18n.Lang(r.Context()) == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func signed(r *http.Request, f float64) string {
	if f > 0 {
		return "+" + decimal(r, f)
	}
	return decimal(r, f)
}

// mapView colours the level's map by the indicator's values, in five classes.
func (s *Server) mapView(r *http.Request, level, indicator string, values map[string]float64, on time.Time) web.MapView {
	ctx := r.Context()
	m := s.maps[level]
	list := make([]float64, 0, len(values))
	for _, v := range values {
		list = append(list, v)
	}
	breaks := observatory.Breaks(list, 5)
	view := web.MapView{Width: strconv.Itoa(int(m.Width)), Height: strconv.Itoa(int(m.Height)),
		Title: i18n.T(ctx, "observatory.map_title", "Indicator", i18n.T(ctx, "indicator."+indicator), "Date", i18n.FormatDate(ctx, on))}
	prefix := map[string]string{observatory.EPCI: "/observatoire/epci/", observatory.Commune: "/observatoire/commune/"}[level]
	for _, shape := range m.Shapes {
		a := web.MapArea{Path: shape.Path, Class: -1, URL: prefix + shape.Code,
			Label: i18n.T(ctx, "observatory.map_area", "Name", shape.Name, "Value", i18n.T(ctx, "observatory.unknown"))}
		if val, ok := values[shape.Code]; ok {
			a.Class = observatory.Class(val, breaks)
			a.Label = i18n.T(ctx, "observatory.map_area", "Name", shape.Name, "Value", decimal(r, val))
		}
		view.Areas = append(view.Areas, a)
	}
	low := math.Inf(-1)
	for i, b := range breaks {
		label := i18n.T(ctx, "observatory.legend_upto", "Value", decimal(r, b))
		if i > 0 {
			label = i18n.T(ctx, "observatory.legend_range", "From", decimal(r, low), "To", decimal(r, b))
		}
		view.Legend = append(view.Legend, web.LegendItem{Class: i, Label: label})
		low = b
	}
	view.Legend = append(view.Legend, web.LegendItem{Class: -1, Label: i18n.T(ctx, "observatory.unknown")})
	return view
}

// trend draws an area's headcount in every snapshot.
func (s *Server) trend(r *http.Request, kind, code, name string, snapshots []postgres.Snapshot) (web.ChartView, error) {
	ctx := r.Context()
	series, err := s.db.Series(ctx, kind, code, snapshots)
	if err != nil {
		return web.ChartView{}, err
	}
	const width, height, bottom, top = 480.0, 260.0, 24.0, 22.0
	peak := 1
	for _, p := range series {
		peak = max(peak, p.Total)
	}
	c := web.ChartView{Width: "480", Height: "260", Caption: i18n.T(ctx, "observatory.trend", "Name", name)}
	slot := width / float64(len(series))
	for i, p := range series {
		h := (height - bottom - top) * float64(p.Total) / float64(peak)
		x := float64(i)*slot + slot*0.15
		c.Bars = append(c.Bars, web.Bar{X: num(x), Y: num(height - bottom - h), W: num(slot * 0.7), H: num(h),
			Label: p.On.Format("2006"), Value: i18n.FormatInt(ctx, p.Total), LabelX: num(x + slot*0.35),
			ValueY: num(height - bottom - h - 6)})
	}
	return c, nil
}

func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

// observatoryArea is the page of an intercommunality or a commune.
func (s *Server) observatoryArea(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		code := chi.URLParam(r, "code")
		var a area
		var parent, parentURL string
		if e, ok := s.territory.EPCI(code); ok && kind == observatory.EPCI {
			a = area{observatory.EPCI, e.SIREN, e.Name, e.PopulationInDept, ""}
		} else if c, ok := s.territory.Commune(code); ok && kind == observatory.Commune {
			a = area{observatory.Commune, c.INSEE, c.Name, c.Population, ""}
			if e, ok := s.territory.EPCI(c.EPCISIREN); ok {
				parent, parentURL = e.Name, "/observatoire/epci/"+e.SIREN
			}
		} else {
			s.notFound(w, r)
			return
		}
		v, err := s.areaView(r, a)
		if err != nil {
			s.error(w, r, err)
			return
		}
		v.Parent, v.ParentURL = parent, parentURL
		s.render(w, r, http.StatusOK, web.AreaPage(s.bareTitled(r, a.name), v))
	}
}

func (s *Server) areaView(r *http.Request, a area) (web.AreaView, error) {
	ctx := r.Context()
	v := web.AreaView{Kind: a.kind, Name: a.name, Attribution: s.territory.Attribution}
	snapshots, err := s.db.Snapshots(ctx)
	if err != nil || len(snapshots) == 0 {
		v.NoData = true
		return v, err
	}
	last := len(snapshots) - 1
	v.Demo, v.Source = snapshots[last].Demo, snapshotSource(r, snapshots[last])
	counts, totals, err := s.levelData(r, a.kind, []area{a}, snapshots[last], snapshots)
	if err != nil {
		return v, err
	}
	aplYear, hasAPL, err := s.db.LatestAPL(ctx)
	if err != nil {
		return v, err
	}
	f := s.withAPL(figuresOf(a, counts, totals, snapshots, last), a, aplYear)
	v.Summary = summary(r, f)
	if hasAPL && f.hasAPL {
		v.Summary = append(v.Summary, web.Figure{Label: "indicator.apl", Value: decimal2(r, f.apl)})
	}
	ageFigures, ageSource, err := s.ageFigures(r, a)
	if err != nil {
		return v, err
	}
	v.Summary = append(v.Summary, ageFigures...)
	v.Source += ageSource
	structureFigures, structureSource, err := s.structureFigures(r, a)
	if err != nil {
		return v, err
	}
	v.Summary = append(v.Summary, structureFigures...)
	v.Source += structureSource
	if v.Trend, err = s.trend(r, a.kind, a.code, a.name, snapshots); err != nil {
		return v, err
	}
	if a.kind == observatory.EPCI {
		members := s.areas(observatory.Commune, a.code)
		communes, communeTotals, err := s.levelData(r, observatory.Commune, members, snapshots[last], snapshots)
		if err != nil {
			return v, err
		}
		for _, c := range members {
			v.Communes = append(v.Communes, areaRow(r, c, s.withAPL(figuresOf(c, communes, communeTotals, snapshots, last), c, aplYear)))
		}
	}
	return v, nil
}

// observatoryCSV sends the dashboard's table as CSV, with its sources and date.
func (s *Server) observatoryCSV(w http.ResponseWriter, r *http.Request) {
	staffView := isObservatoryStaff(currentUser(r))
	if r.URL.Query().Get("niveau") == observatory.Commune && !staffView {
		s.statusPage(w, r, http.StatusForbidden, "forbidden")
		return
	}
	v, err := s.dashboard(r, staffView)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="medecins-generalistes-%s-%s.csv"`, v.Level, v.Snapshot))
	out := csv.NewWriter(w)
	out.Write([]string{i18n.T(ctx, "observatory.area"), i18n.T(ctx, "observatory.population"), i18n.T(ctx, "indicator.total"),
		i18n.T(ctx, "indicator.liberal"), i18n.T(ctx, "indicator.salaried"), i18n.T(ctx, "indicator.mixed"),
		i18n.T(ctx, "indicator.density"), i18n.T(ctx, "indicator.change"), i18n.T(ctx, "indicator.apl")})
	for _, row := range v.Rows {
		out.Write([]string{row.Name, row.Population, row.Total, row.Liberal, row.Salaried, row.Mixed, row.Density, row.Change, row.APL})
	}
	out.Write(nil)
	out.Write([]string{i18n.T(ctx, "observatory.source", "Source", v.Source, "Date", v.SnapshotText)})
	out.Write([]string{v.Attribution})
	out.Flush()
}

// activity is the one-stop shop's own figures.
func (s *Server) activity(r *http.Request) (web.ActivityView, error) {
	ctx := r.Context()
	var v web.ActivityView
	months, err := s.db.RequestsPerMonth(ctx, 12)
	if err != nil {
		return v, err
	}
	for _, m := range months {
		v.Months = append(v.Months, web.MonthRow{Month: m.Month.Format("2006-01"), Doctor: m.Doctor, Student: m.Student,
			HighSchool: m.HighSchool, Total: m.Doctor + m.Student + m.HighSchool})
	}
	median, ok, err := s.db.MedianFirstResponse(ctx)
	if err != nil {
		return v, err
	}
	v.MedianFirst = i18n.T(ctx, "observatory.unknown")
	if ok {
		v.MedianFirst = i18n.T(ctx, "activity.days", "Days", decimal(r, median.Hours()/24))
	}
	installs, err := s.db.Installations(ctx)
	if err != nil {
		return v, err
	}
	for _, i := range installs {
		name := i.EPCI
		if e, ok := s.territory.EPCI(i.EPCI); ok {
			name = e.Name
		}
		v.Installations = append(v.Installations, web.InstallRow{EPCI: name, Year: i.Year, Count: i.Count})
	}
	converted, err := s.db.InternsConverted(ctx)
	if err != nil {
		return v, err
	}
	v.Converted = i18n.FormatInt(ctx, converted)
	labels := map[string]func(string) string{
		"need":   func(k string) string { return i18n.T(ctx, "need."+k) },
		"status": func(k string) string { return i18n.T(ctx, "status.staff."+k) },
		"epci": func(k string) string {
			if e, ok := s.territory.EPCI(k); ok {
				return e.Name
			}
			return k
		},
	}
	for _, by := range []string{"need", "epci", "status"} {
		counts, err := s.db.Breakdown(ctx, by, 12)
		if err != nil {
			return v, err
		}
		b := web.Breakdown{Title: "activity.by_" + by}
		for key, n := range counts {
			b.Rows = append(b.Rows, web.Option{Label: labels[by](key), Value: i18n.FormatInt(ctx, n)})
		}
		sort.Slice(b.Rows, func(i, j int) bool { return b.Rows[i].Label < b.Rows[j].Label })
		v.Breakdowns = append(v.Breakdowns, b)
	}
	return v, nil
}

// buildMaps draws the territory's maps once, at start.
func buildMaps(code string) (map[string]mapsvg.Map, error) {
	maps := map[string]mapsvg.Map{}
	for level, file := range map[string]string{observatory.EPCI: "epcis", observatory.Commune: "communes"} {
		data, err := territory.Boundaries(code, file)
		if err != nil {
			return nil, err
		}
		if maps[level], err = mapsvg.Build(data, 600, 150); err != nil {
			return nil, err
		}
	}
	return maps, nil
}

// zoneShares are the shares of the population living in a ZIP or a ZAC commune, for the
// zonings imported.
func (s *Server) zoneShares(r *http.Request) ([]web.Figure, error) {
	zoning, err := s.db.Zoning(r.Context())
	if err != nil {
		return nil, err
	}
	var out []web.Figure
	for _, zone := range []aid.Zone{aid.ZoneZIP, aid.ZoneZAC} {
		imp, ok := zoning.Imports[zone]
		if !ok {
			continue
		}
		inside := 0
		for _, c := range s.territory.Communes {
			if zoning.In(c.INSEE, zone) == aid.Yes {
				inside += c.Population
			}
		}
		share := float64(inside) * 100 / float64(s.territory.Population())
		out = append(out, web.Figure{Label: "indicator.population_" + strings.ToLower(string(zone)),
			Value: decimal(r, math.Round(share*10)/10) + " %", Fictitious: imp.Fictitious})
	}
	return out, nil
}

// ageFigures are an area's age indicators, when an ages file was imported, and the
// file's mention for the sources.
func (s *Server) ageFigures(r *http.Request, a area) ([]web.Figure, string, error) {
	ctx := r.Context()
	file, ok, err := s.db.LatestAges(ctx)
	if err != nil || !ok {
		return nil, "", err
	}
	ages := observatory.Ages{}
	for _, c := range s.territory.Communes {
		if inside(a, c) {
			ages.Add(file.Communes[c.INSEE])
		}
	}
	var out []web.Figure
	for _, band := range []string{"60-64", "65-69", "70+"} {
		if share, ok := ages.ShareFrom(band); ok {
			out = append(out, web.Figure{Label: "indicator.share_" + band, Value: decimal(r, share) + " %"})
		}
	}
	if ages.Total() > 0 {
		out = append(out, web.Figure{Label: "indicator.departures", Value: i18n.FormatInt(ctx, ages.ProjectedDepartures())})
	}
	return out, " " + i18n.T(ctx, "observatory.ages_source", "File", file.Filename, "Date", i18n.FormatDate(ctx, file.TakenOn)), nil
}

// inside reports whether commune c lies in area a.
func inside(a area, c territory.Commune) bool {
	return a.kind == observatory.Departement || (a.kind == observatory.EPCI && c.EPCISIREN == a.code) ||
		(a.kind == observatory.Commune && c.INSEE == a.code)
}

// structureFigures count an area's maisons and centres de santé, once they are imported.
func (s *Server) structureFigures(r *http.Request, a area) ([]web.Figure, string, error) {
	ctx := r.Context()
	structures, imp, ok, err := s.db.Structures(ctx)
	if err != nil || !ok {
		return nil, "", err
	}
	counts := map[string]int{}
	for _, st := range structures {
		if c, known := s.territory.Commune(st.Commune); known && inside(a, c) {
			counts[st.Category]++
		}
	}
	return []web.Figure{
			{Label: "indicator.msp", Value: i18n.FormatInt(ctx, counts[finess.CategoryMSP])},
			{Label: "indicator.cds", Value: i18n.FormatInt(ctx, counts[finess.CategoryCDS])},
		}, " " + finessSource(ctx, imp, "observatory.finess_source"),
		nil
}

// densityLine draws an area's density over the snapshots.
func densityLine(r *http.Request, a area, totals map[string]map[int64]int, snapshots []postgres.Snapshot, name string) web.ChartView {
	const width, height, bottom, top = 480.0, 220.0, 24.0, 24.0
	values := make([]float64, len(snapshots))
	peak := 0.1
	for i, sn := range snapshots {
		values[i] = observatory.Density(totals[a.code][sn.ID], a.population)
		peak = math.Max(peak, values[i])
	}
	c := web.ChartView{Width: "480", Height: "220", Caption: i18n.T(r.Context(), "observatory.density_line", "Name", name)}
	slot := width / float64(len(snapshots))
	var points []string
	for i, v := range values {
		x, y := float64(i)*slot+slot/2, height-bottom-(height-bottom-top)*v/peak
		points = append(points, num(x)+","+num(y))
		c.Bars = append(c.Bars, web.Bar{X: num(x), Y: num(y), Label: snapshots[i].TakenOn.Format("2006"),
			Value: decimal(r, v), ValueY: num(y - 9)})
	}
	c.Line = strings.Join(points, " ")
	return c
}
