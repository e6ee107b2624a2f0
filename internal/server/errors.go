package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/web"
)

// error answers with the status page err calls for. Only failures of the portal itself
// (5xx) are logged as errors; the visitor never sees technical details.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	status, key := http.StatusInternalServerError, "internal"
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge): // a body over its bound, whatever else wraps it
		status, key = http.StatusRequestEntityTooLarge, "too_large"
	case errors.Is(err, bienvenue.ErrNotFound):
		status, key = http.StatusNotFound, "not_found"
	case errors.Is(err, bienvenue.ErrForbidden):
		status, key = http.StatusForbidden, "forbidden"
	case errors.Is(err, bienvenue.ErrInvalid):
		status, key = http.StatusBadRequest, "bad_request"
	case errors.Is(err, bienvenue.ErrConflict):
		status, key = http.StatusConflict, "conflict"
	case errors.Is(err, bienvenue.ErrUnavailable):
		status, key = http.StatusServiceUnavailable, "unavailable"
		w.Header().Set("Retry-After", "5")
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.Log(r.Context(), level, "request failed", "request_id", middleware.GetReqID(r.Context()),
		"status", status, "error", err)
	s.statusPage(w, r, status, key)
}

// statusPage renders a status page without touching the database, so that it works
// when the database is down.
func (s *Server) statusPage(w http.ResponseWriter, r *http.Request, status int, key string) {
	p := s.bare(r, "error_page."+key+".title")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := web.Error(p, web.ErrorView{Status: status, Key: key}).Render(r.Context(), w); err != nil {
		s.log.Error("render status page", "error", err)
	}
}

// pathID reads the numeric URL parameter name; one that is not a number names nothing
// and is a bienvenue.ErrNotFound.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s %q: %w", name, chi.URLParam(r, name), bienvenue.ErrNotFound)
	}
	return id, nil
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.statusPage(w, r, http.StatusNotFound, "not_found")
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.statusPage(w, r, http.StatusMethodNotAllowed, "method")
}

// sessionError handles a failure of the session store, which lives in the database.
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	s.error(w, r, errors.Join(bienvenue.ErrUnavailable, err))
}
