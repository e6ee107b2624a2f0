package server

import (
	"cmp"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

const pagesBase = "/espace/pages"

// pageList is the back office's list of the high-school corner's pages, drafts included.
func (s *Server) pageList(w http.ResponseWriter, r *http.Request) {
	pages, err := s.db.Pages(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := web.AdminListView{Heading: i18n.T(ctx, "pages.admin.title"), Intro: i18n.T(ctx, "pages.admin.intro"),
		NewURL: pagesBase + "/nouvelle", NewLabel: i18n.T(ctx, "pages.admin.new")}
	for _, p := range pages {
		detail := "/lycee/" + p.Slug
		if p.ToReview {
			detail += " · " + i18n.T(ctx, "pages.to_review")
		}
		v.Rows = append(v.Rows, web.AdminRow{URL: pagesBase + "/" + strconv.FormatInt(p.ID, 10), Title: p.Title,
			Detail: detail, Published: p.Published, UpdatedAt: i18n.FormatDateTime(ctx, p.UpdatedAt)})
	}
	s.render(w, r, http.StatusOK, web.AdminList(s.page(r, "pages.admin.title"), v))
}

func (s *Server) newPagePage(w http.ResponseWriter, r *http.Request) {
	s.renderPageForm(w, r, http.StatusOK, content.Page{}, map[string]string{}, nil)
}

func (s *Server) pageEditPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.pathPage(w, r)
	if ok {
		s.renderPageForm(w, r, http.StatusOK, p, p.Fields(), nil)
	}
}

// pathPage reads the page the URL names, or answers itself (404 when there is none).
func (s *Server) pathPage(w http.ResponseWriter, r *http.Request) (content.Page, bool) {
	id, err := pathID(r, "id")
	if err == nil {
		var p content.Page
		if p, err = s.db.Page(r.Context(), id); err == nil {
			return p, true
		}
	}
	s.error(w, r, err)
	return content.Page{}, false
}

// savePage creates (POST /espace/pages) or changes a page.
func (s *Server) savePage(w http.ResponseWriter, r *http.Request) {
	var before content.Page
	if chi.URLParam(r, "id") != "" {
		var ok bool
		if before, ok = s.pathPage(w, r); !ok {
			return
		}
	}
	values := map[string]string{}
	for _, name := range []string{"title", "slug", "summary", "body", "position"} {
		values[name] = strings.TrimSpace(r.PostForm.Get(name))
	}
	p := content.Page{ID: before.ID, Slug: values["slug"], Title: values["title"], Summary: values["summary"], Body: values["body"]}
	var err error
	if p.Position, err = strconv.Atoi(cmp.Or(values["position"], "0")); err != nil {
		p.Position = -1 // not a number: refused by Validate
	}
	err = p.Validate()
	if err == nil {
		p.ID, err = s.db.SavePage(r.Context(), p, currentUser(r).ID)
	}
	var errs bienvenue.FieldErrors
	switch {
	case errors.As(err, &errs):
	case errors.Is(err, bienvenue.ErrConflict):
		errs = bienvenue.FieldErrors{"slug": "pages.error.slug_taken"}
	case err != nil:
		s.error(w, r, err)
		return
	default:
		s.savedItem(w, r, pagesBase, p.ID)
		return
	}
	s.renderPageForm(w, r, http.StatusUnprocessableEntity, before, values, errs)
}

// renderPageForm shows the form of page p (new when its ID is 0) with values in its
// fields.
func (s *Server) renderPageForm(w http.ResponseWriter, r *http.Request, status int, p content.Page, values map[string]string, errs bienvenue.FieldErrors) {
	ctx := r.Context()
	label := func(name string) string { return i18n.T(ctx, "pages.field."+name) }
	v := web.EditView{Heading: i18n.T(ctx, "pages.admin.new"), BackURL: pagesBase, BackLabel: i18n.T(ctx, "pages.admin.back"),
		Action: pagesBase, Fields: []web.Field{
			{Name: "title", Label: label("title"), Kind: "text", Value: values["title"]},
			{Name: "slug", Label: label("slug"), Kind: "text", Value: values["slug"], Hint: i18n.T(ctx, "pages.hint.slug")},
			{Name: "summary", Label: label("summary"), Kind: "textarea", Value: values["summary"], Hint: i18n.T(ctx, "pages.hint.summary")},
			{Name: "body", Label: label("body"), Kind: "markdown", Value: values["body"]},
			{Name: "position", Label: label("position"), Kind: "number", Value: values["position"], Hint: i18n.T(ctx, "pages.hint.position"), Optional: true},
		}}
	if p.ID != 0 {
		item := pagesBase + "/" + strconv.FormatInt(p.ID, 10)
		v.Heading = p.Title
		v.Action, v.PublishAction, v.PublicURL = item, item+"/publication", "/lycee/"+p.Slug
	}
	v, err := s.editView(r, v, content.KindPage, p.ID, p.Publication)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, status, web.Edit(s.page(r, "pages.admin.title"), withErrors(r, v, errs)))
}
