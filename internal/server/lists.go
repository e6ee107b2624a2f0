package server

import (
	"net/http"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/bienvenue-sante/bienvenue/internal/i18n"
)

// listLifetime is how long a public list's query result is kept. Published lists change
// a few times a day and every page of them is the same for every visitor; a change made
// on this instance empties the cache at once, one made on another instance shows within
// this delay.
const listLifetime = 5 * time.Second

// publicCache keeps what public pages read from the database, for listLifetime: the
// lists' query results and the public observatory's views by address, bounded in
// number so that addresses typed by visitors cannot grow it, and the published items
// by address, as many as a portal publishes (only items found are kept).
type publicCache struct {
	lists, items *expirable.LRU[string, any]
}

func newPublicCache() *publicCache {
	return &publicCache{lists: expirable.NewLRU[string, any](512, nil, listLifetime),
		items: expirable.NewLRU[string, any](16384, nil, listLifetime)}
}

// Purge forgets everything: staff changed something.
func (c *publicCache) Purge() {
	c.lists.Purge()
	c.items.Purge()
}

// cached returns what load gives for key, from the lists' cache when it is fresh.
func cached[T any](s *Server, key string, load func() (T, error)) (T, error) {
	return keep(s.public.lists, key, load)
}

// cachedItem returns what load gives for key, from the items' cache when it is fresh.
func cachedItem[T any](s *Server, key string, load func() (T, error)) (T, error) {
	return keep(s.public.items, key, load)
}

// keep returns what load gives for key, from c when it is fresh. What it keeps is
// shared by the requests that read it: they must not change it.
func keep[T any](c *expirable.LRU[string, any], key string, load func() (T, error)) (T, error) {
	if v, ok := c.Get(key); ok {
		return v.(T), nil
	}
	v, err := load()
	if err == nil {
		c.Add(key, v)
	}
	return v, err
}

type listResult[T any] struct {
	items []T
	total int
}

// cachedList returns a page of a list and the list's length, for key.
func cachedList[T any](s *Server, key string, load func() ([]T, int, error)) ([]T, int, error) {
	r, err := cached(s, key, func() (listResult[T], error) {
		items, total, err := load()
		return listResult[T]{items, total}, err
	})
	return r.items, r.total, err
}

// keptPage serves a public list from the lists' cache to visitors without a session: for
// them the page depends on its address and language alone, and the results it shows are
// kept five seconds anyway; the HTML is kept with them, so that a busy list is rendered
// once in that time. Visitors with a session (staff, a message to show, an event
// registration) always get the page rendered for them.
func (s *Server) keptPage(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key, ok := s.keptKey(r, "page", r.URL.RequestURI())
		if !ok {
			next(w, r)
			return
		}
		if page, ok := s.public.lists.Get(key); ok {
			writeHTML(w, http.StatusOK, page.([]byte))
			return
		}
		rec := &teeWriter{ResponseWriter: w, status: http.StatusOK}
		next(rec, r)
		if rec.status == http.StatusOK { // a page the handler rendered (render)
			s.public.lists.Add(key, rec.body)
		}
	}
}

// keptKey is the key a page is kept under for a visitor without a session, for whom it
// depends on its address and language alone; ok is false for a visitor with a session
// (staff, a message to show, an event registration), who always gets a page rendered
// for them.
func (s *Server) keptKey(r *http.Request, kind, address string) (key string, ok bool) {
	if _, err := r.Cookie(s.sessions.Cookie.Name); err == nil {
		return "", false
	}
	return kind + "\x00" + i18n.Lang(r.Context()) + "\x00" + address, true
}

// teeWriter keeps a copy of what it writes through, and the status.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   []byte
}

func (t *teeWriter) WriteHeader(status int) {
	t.status = status
	t.ResponseWriter.WriteHeader(status)
}

func (t *teeWriter) Write(b []byte) (int, error) {
	t.body = append(t.body, b...)
	return t.ResponseWriter.Write(b)
}
