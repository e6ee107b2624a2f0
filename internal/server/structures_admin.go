package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/structures"
	"github.com/bienvenue-sante/bienvenue/web"
)

// structureAdminList lists the structures of the last FINESS import for administrators,
// who complete their profiles.
func (s *Server) structureAdminList(w http.ResponseWriter, r *http.Request) {
	page, ok := listPage(r.URL.Query())
	if !ok {
		s.error(w, r, fmt.Errorf("page %q: %w", r.URL.Query().Get("page"), bienvenue.ErrInvalid))
		return
	}
	ctx := r.Context()
	entries, total, err := s.db.Directory(ctx, structures.Filter{}, structuresPerPage, (page-1)*structuresPerPage)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.AdminListView{Heading: i18n.T(ctx, "structures.admin.heading"), Intro: i18n.T(ctx, "structures.admin.intro"),
		Public: true, Pager: pagerOf(r, page, total, structuresPerPage)}
	for _, e := range entries {
		row := s.structureRow(r, e)
		item := web.AdminRow{URL: "/espace" + row.URL, Title: e.Name, Detail: strings.Join([]string{e.FINESS, row.Kind, row.Commune}, " · ")}
		if e.UpdatedAt != nil {
			item.UpdatedAt = i18n.FormatDateTime(ctx, *e.UpdatedAt)
		} else {
			item.Detail += " · " + i18n.T(ctx, "structures.admin.no_profile")
		}
		v.Rows = append(v.Rows, item)
	}
	s.render(w, r, http.StatusOK, web.AdminList(s.page(r, "structures.admin.title"), v))
}

// structureEditPage is the form of a structure's profile, with its history.
func (s *Server) structureEditPage(w http.ResponseWriter, r *http.Request) {
	e, err := s.db.DirectoryEntry(r.Context(), chi.URLParam(r, "finess"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderStructureForm(w, r, http.StatusOK, e, e.Profile, nil)
}

// saveStructureProfile records a structure's profile; it is public at once.
func (s *Server) saveStructureProfile(w http.ResponseWriter, r *http.Request) {
	e, err := s.db.DirectoryEntry(r.Context(), chi.URLParam(r, "finess"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := r.PostForm
	p := structures.Profile{Professions: f["professions"], SeeksGP: f.Get("seeks_gp") == "1",
		Website: strings.TrimSpace(f.Get("website")), Note: strings.TrimSpace(f.Get("note"))}
	var errs bienvenue.FieldErrors
	if err := p.Validate(); errors.As(err, &errs) {
		s.renderStructureForm(w, r, http.StatusUnprocessableEntity, e, p, errs)
		return
	}
	p.Professions = structures.Sorted(p.Professions)
	if err := s.db.SaveStructureProfile(r.Context(), e.FINESS, p, currentUser(r).ID); err != nil {
		s.error(w, r, err)
		return
	}
	s.saved(w, r, "/espace/structures/"+url.PathEscape(e.FINESS))
}

func (s *Server) renderStructureForm(w http.ResponseWriter, r *http.Request, status int, e structures.Entry, p structures.Profile, errs bienvenue.FieldErrors) {
	ctx := r.Context()
	row := s.structureRow(r, e)
	path := "/structures/" + url.PathEscape(e.FINESS)
	v := web.EditView{Heading: e.Name, BackURL: "/espace/structures",
		BackLabel: i18n.T(ctx, "structures.admin.back"), Action: "/espace" + path, PublicURL: path,
		Facts: []web.Option{{Label: i18n.T(ctx, "structures.finess_number"), Value: e.FINESS}, {Label: i18n.T(ctx, "structures.kind"), Value: row.Kind},
			{Label: i18n.T(ctx, "structures.address"), Value: e.Address}, {Label: i18n.T(ctx, "structures.commune"), Value: row.Commune + " (" + row.EPCI + ")"},
			{Label: i18n.T(ctx, "structures.phone"), Value: e.Phone}}}
	professions := web.Field{Name: "professions", Label: i18n.T(ctx, "structures.field.professions"), Kind: "checkboxes", Optional: true}
	for _, code := range structures.Professions {
		professions.Options = append(professions.Options, web.Choice{Value: code, Label: i18n.T(ctx, "structures.profession."+code),
			Checked: slices.Contains(p.Professions, code)})
	}
	v.Fields = []web.Field{professions,
		{Name: "seeks_gp", Label: i18n.T(ctx, "structures.field.seeks_gp"), Kind: "checkbox", Checked: p.SeeksGP},
		{Name: "website", Label: i18n.T(ctx, "structures.field.website"), Kind: "url", Value: p.Website, Optional: true,
			Hint: i18n.T(ctx, "structures.field.website_hint")},
		{Name: "note", Label: i18n.T(ctx, "structures.field.note"), Kind: "markdown", Value: p.Note, Optional: true,
			Hint: i18n.T(ctx, "structures.field.note_hint")}}
	v = withErrors(r, v, errs)
	v, err := s.withHistory(r, v, content.KindStructure, e.FINESS)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, status, web.Edit(s.page(r, "structures.admin.title"), v))
}
