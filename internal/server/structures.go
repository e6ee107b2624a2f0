package server

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/finess"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/structures"
	"github.com/bienvenue-sante/bienvenue/web"
)

// structuresPerPage is the length of a page of the directory, public or staff.
const structuresPerPage = 20

// structureDirectory is the public directory of maisons and centres de santé, filtered
// by a GET form so that a search is a link.
func (s *Server) structureDirectory(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	filter, err := s.directoryFilter(q)
	page, ok := listPage(q)
	if err == nil && !ok {
		err = fmt.Errorf("page %q: %w", q.Get("page"), bienvenue.ErrInvalid)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	imp, imported, err := s.db.LatestFINESSImport(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.DirectoryView{Imported: imported, Demo: imp.Demo, Kind: q.Get("type"), EPCI: q.Get("epci"), Name: filter.Name, SeeksGP: filter.SeeksGP}
	v.Filtered = v.Kind != "" || v.EPCI != "" || v.Name != "" || v.SeeksGP
	if imported {
		entries, total, err := s.db.Directory(ctx, filter, structuresPerPage, (page-1)*structuresPerPage)
		if err != nil {
			s.error(w, r, err)
			return
		}
		if page > 1 && len(entries) == 0 {
			s.notFound(w, r)
			return
		}
		for _, e := range entries {
			v.Rows = append(v.Rows, s.structureRow(r, e))
		}
		v.Count, v.Pager, v.Source = i18n.FormatInt(ctx, total), pagerOf(r, page, total, structuresPerPage), finessSource(ctx, imp, "structures.source")
		v.Kinds, v.EPCIs = s.directoryChoices(r)
	}
	s.render(w, r, http.StatusOK, web.Directory(s.page(r, "structures.title"), v))
}

// directoryFilter reads the directory's filter; an unknown kind or intercommunality, or a
// name too long to be one, is invalid.
func (s *Server) directoryFilter(q url.Values) (structures.Filter, error) {
	f := structures.Filter{SeeksGP: q.Get("recherche") == "1", Name: strings.TrimSpace(q.Get("nom"))}
	if kind := q.Get("type"); kind != "" {
		if f.Category = structures.CategoryOf(kind); f.Category == "" {
			return f, fmt.Errorf("kind %q: %w", kind, bienvenue.ErrInvalid)
		}
	}
	if epci := q.Get("epci"); epci != "" {
		if !s.territory.HasEPCI(epci) {
			return f, fmt.Errorf("intercommunality %q: %w", epci, bienvenue.ErrInvalid)
		}
		f.Communes = []string{}
		for _, c := range s.territory.Communes {
			if c.EPCISIREN == epci {
				f.Communes = append(f.Communes, c.INSEE)
			}
		}
	}
	if utf8.RuneCountInString(f.Name) > 100 {
		return f, fmt.Errorf("name searched: %w", bienvenue.ErrInvalid)
	}
	return f, nil
}

// directoryChoices are the kinds and intercommunalities the directory filters by.
func (s *Server) directoryChoices(r *http.Request) (kinds, epcis []web.Option) {
	for _, k := range structures.Kinds {
		kinds = append(kinds, web.Option{Value: k, Label: i18n.T(r.Context(), "structures.kind."+k)})
	}
	return kinds, s.epciOptions
}

// structureRow is a structure as lists show it.
func (s *Server) structureRow(r *http.Request, e structures.Entry) web.StructureRow {
	ctx := r.Context()
	row := web.StructureRow{URL: "/structures/" + url.PathEscape(e.FINESS), Name: e.Name, SeeksGP: e.SeeksGP,
		Kind: i18n.T(ctx, "structures.kind."+structures.KindOf(e.Category)), Commune: e.Commune, EPCI: "—"}
	if c, ok := s.territory.Commune(e.Commune); ok {
		row.Commune = c.Name
		if epci, ok := s.territory.EPCI(c.EPCISIREN); ok {
			row.EPCI = epci.Name
		}
	}
	row.Professions = strings.Join(professionNames(r, e.Professions), ", ")
	return row
}

func professionNames(r *http.Request, codes []string) []string {
	var names []string
	for _, p := range structures.Sorted(codes) {
		names = append(names, i18n.T(r.Context(), "structures.profession."+p))
	}
	return names
}

// finessSource says where the structures come from, in the words of message: invented
// structures are never attributed to FINESS.
func finessSource(ctx context.Context, imp postgres.FINESSImport, message string) string {
	if imp.Demo {
		return i18n.T(ctx, "structures.demo_source")
	}
	return i18n.T(ctx, message, "File", imp.Filename, "Date", i18n.FormatDate(ctx, imp.TakenOn))
}

// structurePage is the public page of a structure of the last FINESS import.
func (s *Server) structurePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := s.db.DirectoryEntry(ctx, chi.URLParam(r, "finess"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	imp, _, err := s.db.LatestFINESSImport(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	row := s.structureRow(r, e)
	v := web.StructureView{Name: e.Name, Kind: row.Kind, Address: e.Address, Phone: phoneText(e.Phone), Commune: row.Commune,
		CommuneURL: "/observatoire/commune/" + e.Commune, Professions: professionNames(r, e.Professions), SeeksGP: e.SeeksGP,
		Website: e.Website, Note: s.markdown(e.Note), Source: finessSource(ctx, imp, "structures.source")}
	if c, ok := s.territory.Commune(e.Commune); ok && s.territory.HasEPCI(c.EPCISIREN) {
		v.EPCI, v.EPCIURL = row.EPCI, "/observatoire/epci/"+c.EPCISIREN
	}
	if e.UpdatedAt != nil {
		v.UpdatedAt = i18n.FormatDate(ctx, *e.UpdatedAt)
	}
	s.render(w, r, http.StatusOK, web.Structure(s.bareTitled(r, e.Name), v))
}

// placeStructures marks the maisons and centres de santé on the dashboard's map, at their
// commune's centroid, and lists them for those who do not see the map.
func (s *Server) placeStructures(r *http.Request, v *web.DashboardView) error {
	ctx := r.Context()
	imp, imported, err := s.db.LatestFINESSImport(ctx)
	if err != nil || !imported {
		return err
	}
	entries, _, err := s.db.Directory(ctx, structures.Filter{}, 0, 0)
	if err != nil {
		return err
	}
	v.Structures = &web.StructureListView{Source: finessSource(ctx, imp, "structures.source")}
	placed := map[string]int{}
	for _, e := range entries {
		row := s.structureRow(r, e)
		v.Structures.Rows = append(v.Structures.Rows, row)
		at, known := s.centroids[e.Commune]
		if !known || len(v.Map.Areas) == 0 {
			continue
		}
		x, y := spread(at, placed[e.Commune])
		placed[e.Commune]++
		label := "structures.marker"
		if e.SeeksGP {
			label = "structures.marker_seeks"
		}
		v.Map.Markers = append(v.Map.Markers, web.MapMarker{X: num(x), Y: num(y), Centre: e.Category == finess.CategoryCDS,
			SeeksGP: e.SeeksGP, URL: row.URL, Label: i18n.T(ctx, label, "Name", e.Name, "Kind", row.Kind, "Commune", row.Commune)})
	}
	return nil
}

// spread places the n-th structure of a commune on a ring around its centroid, so that
// markers do not hide one another.
func spread(at [2]float64, n int) (float64, float64) {
	if n == 0 {
		return at[0], at[1]
	}
	angle := float64(n-1) * math.Pi / 3
	return at[0] + 11*math.Cos(angle), at[1] + 11*math.Sin(angle)
}

// phoneText writes a French ten-digit number in pairs, as the French read it; FINESS
// gives it in one block.
func phoneText(phone string) string {
	if len(phone) != 10 || strings.Trim(phone, "0123456789") != "" {
		return phone
	}
	return strings.Join([]string{phone[0:2], phone[2:4], phone[4:6], phone[6:8], phone[8:10]}, "\u00a0")
}
