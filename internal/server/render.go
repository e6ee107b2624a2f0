package server

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"

	"github.com/a-h/templ"
	"github.com/hashicorp/golang-lru/v2/simplelru"

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
	writeHTML(w, status, buf.Bytes())
}

// writeHTML sends a page of HTML, with its length.
func writeHTML(w http.ResponseWriter, status int, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	w.Write(page)
}

// markdown is the safe HTML of a text staff wrote in Markdown (content.HTML). It depends
// on the text alone, so it is kept, and nothing needs forgetting when content changes
// (a changed text is another key).
func (s *Server) markdown(text string) string {
	return s.rendered.html(text)
}

// renderedTexts keeps the HTML of the Markdown texts read last, up to a total size:
// a portal's published texts all fit (10,000 offers of a short paragraph take 1 MB),
// a few long ones cannot crowd memory.
type renderedTexts struct {
	mu    sync.Mutex
	lru   *simplelru.LRU[string, string]
	size  int // bytes of text and HTML kept
	limit int
}

func newRendered(limit int) *renderedTexts {
	r := &renderedTexts{limit: limit}
	var err error
	r.lru, err = simplelru.NewLRU(math.MaxInt32, func(text, html string) { r.size -= len(text) + len(html) })
	if err != nil {
		panic(err) // only for a size below one
	}
	return r
}

func (r *renderedTexts) html(text string) string {
	r.mu.Lock()
	html, ok := r.lru.Get(text)
	r.mu.Unlock()
	if ok {
		return html
	}
	html = content.HTML(text)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.lru.Contains(text) {
		r.lru.Add(text, html)
		r.size += len(text) + len(html)
		for r.size > r.limit {
			r.lru.RemoveOldest()
		}
	}
	return html
}

// redirect sends the browser to path after a form (Post/Redirect/Get).
func redirect(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, path, http.StatusSeeOther)
}
