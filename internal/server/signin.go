package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/demo"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/web"
)

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) {
	if currentUser(r) != nil {
		redirect(w, r, "/espace")
		return
	}
	view := web.SignInView{Next: localPath(r.URL.Query().Get("next"))}
	s.renderSignIn(w, r, http.StatusOK, view)
}

// renderSignIn shows the form, listing the demonstration accounts in demonstration mode.
func (s *Server) renderSignIn(w http.ResponseWriter, r *http.Request, status int, view web.SignInView) {
	if s.cfg.Demo {
		view.DemoAccounts, view.DemoPassword = demo.AccountList(), demo.Password
	}
	s.render(w, r, status, web.SignIn(s.page(r, "signin.title"), view))
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	email, password := strings.TrimSpace(r.PostForm.Get("email")), r.PostForm.Get("password")
	view := web.SignInView{Email: email, Next: localPath(r.PostForm.Get("next"))}
	user, err := s.authenticate(r.Context(), email, password, clientAddr(r))
	status := http.StatusUnauthorized
	switch {
	case errors.Is(err, errMissing):
		status, view.ErrorKey = http.StatusBadRequest, "signin.error.missing"
	case errors.Is(err, errThrottled):
		status, view.ErrorKey = http.StatusTooManyRequests, "signin.error.throttled"
		w.Header().Set("Retry-After", fmt.Sprint(int(staff.ThrottleWindow.Seconds())))
	case errors.Is(err, errBadCredentials):
		view.ErrorKey = "signin.error.invalid"
	case err != nil:
		s.error(w, r, err)
		return
	}
	if view.ErrorKey != "" {
		s.renderSignIn(w, r, status, view)
		return
	}
	// A new session token at sign-in defeats session fixation.
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionUserID, user.ID)
	s.sessions.Put(r.Context(), sessionFlash, "signin.signed_in")
	next := view.Next
	if next == "/" {
		next = "/espace"
	}
	redirect(w, r, next)
}

var (
	errMissing        = errors.New("email or password missing")
	errThrottled      = errors.New("too many failed sign-ins")
	errBadCredentials = errors.New("wrong email or password")
)

// authenticate checks a sign-in attempt and records it. Unknown accounts and wrong
// passwords fail alike, in about the same time, so that nobody learns which emails exist.
func (s *Server) authenticate(ctx context.Context, email, password, addr string) (staff.User, error) {
	if email == "" || password == "" {
		return staff.User{}, errMissing
	}
	if bienvenue.CheckText(email, true, 254) != "" {
		return staff.User{}, errBadCredentials // no account has such an address
	}
	failures, err := s.db.RecentFailures(ctx, email, addr)
	if err != nil {
		return staff.User{}, err
	}
	if failures.Throttled() {
		return staff.User{}, errThrottled
	}
	var candidate *staff.User
	u, err := s.db.UserByEmail(ctx, email)
	switch {
	case err == nil:
		candidate = &u
	case !errors.Is(err, bienvenue.ErrNotFound):
		return staff.User{}, err
	}
	ok := staff.CheckPassword(candidate, password)
	if err := s.db.RecordSignIn(ctx, email, addr, ok); err != nil {
		return staff.User{}, err
	}
	if !ok {
		return staff.User{}, errBadCredentials
	}
	return u, nil
}
