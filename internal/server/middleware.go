package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// logRequests writes one structured line per request, with its request id.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		ww.Header().Set("X-Request-Id", middleware.GetReqID(r.Context()))
		next.ServeHTTP(ww, r)
		level := slog.LevelInfo
		if ww.Status() >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "request",
			slog.String("request_id", middleware.GetReqID(r.Context())),
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", ww.Status()), slog.Int("bytes", ww.BytesWritten()),
			slog.Duration("duration", time.Since(start)))
	})
}

// recoverPanics turns a panic into the 500 page, logged with its stack.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.error(w, r, fmt.Errorf("panic: %v\n%s", p, debug.Stack()))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.cfg.Secure {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// langCookie keeps the visitor's language; French unless they chose otherwise.
const langCookie = "lang"

// locale puts the visitor's language in the request context.
func (s *Server) locale(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := ""
		if c, err := r.Cookie(langCookie); err == nil {
			lang = c.Value
		}
		l := s.catalog.Localizer(lang, s.cfg.TimeZone)
		w.Header().Set("Content-Language", l.Lang)
		next.ServeHTTP(w, r.WithContext(i18n.WithLocalizer(r.Context(), l)))
	})
}

// crossOrigin refuses state-changing requests sent from another site (CSRF), using
// the browser's Sec-Fetch-Site and Origin headers.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.error(w, r, fmt.Errorf("cross-origin %s %s from %q: %w", r.Method, r.URL.Path, r.Header.Get("Origin"), bienvenue.ErrForbidden))
	}))
	return p.Handler(next)
}

// maxBodyBytes bounds what a form may send; the portal's forms need a few kilobytes.
const maxBodyBytes = 256 << 10

// parseForms reads every form body once, bounded in size, so that handlers read
// r.PostForm and a body too large or malformed gets its status page (413, 400). File
// uploads (multipart) are left to their handlers, which bound them to what they expect.
func (s *Server) parseForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
			if err := r.ParseForm(); err != nil {
				s.error(w, r, fmt.Errorf("%w: form: %w", bienvenue.ErrInvalid, err))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

type userKey struct{}

// sessionUserID is the session key holding the signed-in staff member's id.
const sessionUserID = "staff_id"

// loadUser puts the signed-in staff member in the request context: a nil *staff.User
// for a visitor, so that the key's presence also says the session is loaded.
func (s *Server) loadUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.keepAlive(r.Context()); err != nil {
			s.error(w, r, err)
			return
		}
		var user *staff.User
		if id := s.sessions.GetInt64(r.Context(), sessionUserID); id != 0 {
			u, err := s.db.UserByID(r.Context(), id)
			switch {
			case errors.Is(err, bienvenue.ErrNotFound): // account deleted since: sign out
				s.sessions.Remove(r.Context(), sessionUserID)
			case err != nil:
				s.error(w, r, err)
				return
			default:
				user = &u
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, user)))
	})
}

// currentUser is the signed-in staff member, nil for a visitor.
func currentUser(r *http.Request) *staff.User {
	u, _ := r.Context().Value(userKey{}).(*staff.User)
	return u
}

// requireStaff sends visitors to the sign-in page and keeps staff pages out of caches.
func (s *Server) requireStaff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if currentUser(r) == nil {
			http.Redirect(w, r, "/connexion?next="+r.URL.EscapedPath(), http.StatusSeeOther)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		// Staff change something (content, an import): the public lists, published items
		// and observatory this instance keeps are read afresh (lists.go). Emptied before,
		// so that the page the change redirects to is fresh; and after, in case a visitor
		// read the old state into it meanwhile.
		s.public.Purge()
		next.ServeHTTP(w, r)
		s.public.Purge()
	})
}

// requireRole lets through only staff with one of roles; administrators always pass.
func (s *Server) requireRole(roles ...staff.Role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			u := currentUser(r)
			if u.Role != staff.RoleAdmin && !slices.Contains(roles, u.Role) {
				s.error(w, r, fmt.Errorf("%s (%s) on %s: %w", u.Email, u.Role, r.URL.Path, bienvenue.ErrForbidden))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// clientAddr is the address the request came from, for throttling.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// staticFiles serves the embedded assets with a day of caching.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// sessionSeen is the session key of when the session was last used.
const sessionSeen = "seen"

// sessionRenewal is how often a session in use is written again. scs's own idle
// timeout writes the session on every request, which made every page a staff member
// reads a durable write; the idle timeout is kept here instead, to the minute.
const sessionRenewal = time.Minute

// keepAlive ends a session unused for longer than the idle timeout and notes, at most
// once per sessionRenewal, that it is in use. A visitor without a session gets none.
func (s *Server) keepAlive(ctx context.Context) error {
	if len(s.sessions.Keys(ctx)) == 0 {
		return nil
	}
	// Seconds since 1970: the session codec stores plain types.
	now, seen := s.db.Now(), s.sessions.GetInt64(ctx, sessionSeen)
	idle := now.Sub(time.Unix(seen, 0))
	switch {
	case seen != 0 && idle > s.cfg.SessionIdleTimeout:
		return s.sessions.Destroy(ctx)
	case idle >= sessionRenewal:
		s.sessions.Put(ctx, sessionSeen, now.Unix())
	}
	return nil
}
