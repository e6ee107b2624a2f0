package server

import (
	"cmp"
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

const pagesBase = "/espace/pages"

// pageEditor manages the high-school corner's pages in the back office.
func (s *Server) pageEditor() editor[content.Page] {
	return editor[content.Page]{s: s, kind: content.KindPage, base: pagesBase, fresh: "/nouvelle", keys: "pages",
		conflict: "slug", conflictKey: "pages.error.slug_taken",
		public: func(p content.Page) string { return "/lycee/" + p.Slug },
		load:   s.db.Page, save: s.db.SavePage,
		id:      func(p content.Page) int64 { return p.ID },
		pub:     func(p content.Page) content.Publication { return p.Publication },
		heading: func(p content.Page) string { return p.Title },
		list: func(ctx context.Context, offset, limit int) ([]content.Page, int, error) {
			pages, err := s.db.Pages(ctx) // a handful: one page of the list
			return pages, len(pages), err
		},
		row: func(r *http.Request, p content.Page) web.AdminRow {
			details := []string{"/lycee/" + p.Slug}
			if p.ToReview {
				details = append(details, i18n.T(r.Context(), "pages.to_review"))
			}
			return s.adminRow(r, pagesBase, p.ID, p.Title, p.Publication, details...)
		},
		fields: func(r *http.Request, p content.Page) []web.Field {
			ctx, v := r.Context(), p.Fields()
			label := func(name string) string { return i18n.T(ctx, "pages.field."+name) }
			return []web.Field{
				{Name: "title", Label: label("title"), Kind: "text", Value: v["title"]},
				{Name: "slug", Label: label("slug"), Kind: "text", Value: v["slug"], Hint: i18n.T(ctx, "pages.hint.slug")},
				{Name: "summary", Label: label("summary"), Kind: "textarea", Value: v["summary"], Hint: i18n.T(ctx, "pages.hint.summary")},
				{Name: "body", Label: label("body"), Kind: "markdown", Value: v["body"]},
				{Name: "position", Label: label("position"), Kind: "number", Value: v["position"], Hint: i18n.T(ctx, "pages.hint.position"), Optional: true},
			}
		},
		parse: func(r *http.Request, id int64) (content.Page, error) {
			f := r.PostForm
			p := content.Page{ID: id, Slug: formText(f.Get("slug")), Title: formText(f.Get("title")),
				Summary: strings.TrimSpace(f.Get("summary")), Body: strings.TrimSpace(f.Get("body"))}
			var err error
			if p.Position, err = strconv.Atoi(cmp.Or(formText(f.Get("position")), "0")); err != nil {
				p.Position = -1 // not a number: refused by Validate
			}
			return p, p.Validate()
		},
	}
}
