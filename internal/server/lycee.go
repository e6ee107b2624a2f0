package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/events"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

// lyceeTestimonials is how many testimonials the high-school corner shows.
const lyceeTestimonials = 3

// lyceeForums is how many coming events for high-school students it shows.
const lyceeForums = 3

const lyceeAudience events.Audience = "lyceens"

// lycee is the high-school corner: its published pages, a few testimonials and the call
// to teachers.
func (s *Server) lycee(w http.ResponseWriter, r *http.Request) {
	pages, err := s.db.PublishedPages(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	testimonials, _, err := s.db.PublishedTestimonials(r.Context(), lyceeTestimonials, 0)
	if err != nil {
		s.error(w, r, err)
		return
	}
	forums, _, err := s.db.UpcomingEvents(r.Context(), s.db.Now(), lyceeAudience, lyceeForums, 0)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.LyceeView{Pages: pageLinks(pages, 0)}
	for _, e := range forums {
		v.Forums = append(v.Forums, s.eventCard(r.Context(), e))
	}
	for _, t := range testimonials {
		v.Testimonials = append(v.Testimonials, s.testimonialCard(r, t))
	}
	s.render(w, r, http.StatusOK, web.Lycee(s.page(r, "lycee.title"), v))
}

// lyceePage is one published page of the high-school corner.
func (s *Server) lyceePage(w http.ResponseWriter, r *http.Request) {
	slug := chi.URLParam(r, "slug")
	if !content.ValidSlug(slug) {
		s.notFound(w, r)
		return
	}
	p, err := s.db.PublishedPage(r.Context(), slug)
	if err != nil {
		s.error(w, r, err)
		return
	}
	pages, err := s.db.PublishedPages(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.LyceePageView{Title: p.Title, Summary: p.Summary, HTML: s.markdown(p.Body),
		UpdatedAt: i18n.FormatDate(r.Context(), p.UpdatedAt), Others: pageLinks(pages, p.ID)}
	s.render(w, r, http.StatusOK, web.LyceePage(s.bareTitled(r, p.Title), v))
}

// pageLinks links to pages, leaving out the page except.
func pageLinks(pages []content.Page, except int64) []web.PageLink {
	var links []web.PageLink
	for _, p := range pages {
		if p.ID != except {
			links = append(links, web.PageLink{URL: "/lycee/" + p.Slug, Title: p.Title, Summary: p.Summary})
		}
	}
	return links
}
