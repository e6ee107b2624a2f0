package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/web"
)

// sessionFlash is the session key of a one-time notice shown on the next page.
const sessionFlash = "flash"

// page builds what the layout needs, with the signed-in staff member and the pending
// notice if there is one.
func (s *Server) page(r *http.Request, titleKey string) web.Page {
	p := s.bare(r, titleKey)
	if u := currentUser(r); u != nil {
		p.User = &web.User{Name: u.Name, Role: string(u.Role), IsAdmin: u.Role == staff.RoleAdmin}
	}
	// Pages outside the session middleware (status pages of bare routes) have no notice.
	if _, ok := r.Context().Value(userKey{}).(*staff.User); ok {
		p.FlashKey = s.sessions.PopString(r.Context(), sessionFlash)
	}
	return p
}

// bareTitled is a page whose title is a name rather than a catalog key.
func (s *Server) bareTitled(r *http.Request, title string) web.Page {
	p := s.page(r, "")
	p.Title = title
	return p
}

// bare is the layout's part that needs neither the session nor the database.
func (s *Server) bare(r *http.Request, titleKey string) web.Page {
	return web.Page{
		TitleKey:    titleKey,
		Brand:       s.cfg.Brand,
		Departement: s.cfg.Departement,
		Demo:        s.cfg.Demo,
		Path:        r.URL.RequestURI(),
	}
}

// render writes component with status. The page is rendered to memory first, so that a
// failure becomes a clean 500 page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	buf := s.buffers.Get().(*bytes.Buffer) // a page is tens of kilobytes: buffers are reused
	defer s.buffers.Put(buf)
	buf.Reset()
	if err := c.Render(r.Context(), buf); err != nil {
		s.error(w, r, fmt.Errorf("render %s: %w", r.URL.Path, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// markdown is the safe HTML of a text staff wrote in Markdown (content.HTML). The HTML
// of the 1,024 texts read last is kept: it depends on the text alone, so nothing needs
// forgetting when content changes (a changed text is another key).
func (s *Server) markdown(text string) string {
	if html, ok := s.rendered.Get(text); ok {
		return html
	}
	html := content.HTML(text)
	s.rendered.Add(text, html)
	return html
}

func newRendered() *lru.Cache[string, string] {
	c, err := lru.New[string, string](1024)
	if err != nil {
		panic(err) // only for a size below one
	}
	return c
}

// redirect sends the browser to path after a form (Post/Redirect/Get).
func redirect(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, path, http.StatusSeeOther)
}
