package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// Every state-changing route refuses a form posted from another site.
func TestCrossOriginPostsAreRefusedOnEveryRoute(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	c := p.client(t)
	p.signIn(t, c, "admin@cd47.fr", password)

	routes, ok := p.Config.Handler.(chi.Routes)
	if !ok {
		t.Fatal("the handler is not a chi router")
	}
	checked := 0
	err := chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions {
			return nil
		}
		path := strings.ReplaceAll(route, "/*", "/")
		req := httptestRequest(t, method, p.URL+path, strings.NewReader("lang=en&next=/"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		res := do(t, c, req)
		if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "Accès refusé") {
			t.Errorf("cross-site %s %s: status %d, want the 403 page", method, path, res.StatusCode)
		}
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 3 {
		t.Fatalf("checked only %d state-changing routes", checked)
	}
	// Still signed in: the forged sign-out did nothing.
	assertStatus(t, p.get(t, c, "/espace"), http.StatusOK)
}

// No staff page answers an anonymous visitor: every route under /espace sends them to
// sign in, whatever the method.
func TestAnonymousVisitorsReachNoStaffPage(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := p.client(t)
	routes := p.Config.Handler.(chi.Routes)
	checked := 0
	err := chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if !strings.HasPrefix(route, "/espace") {
			return nil
		}
		path := strings.NewReplacer("{id}", "1", "/*", "/").Replace(route)
		req := httptestRequest(t, method, p.URL+path, strings.NewReader("x=1"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res := do(t, c, req)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/connexion") {
			t.Errorf("anonymous %s %s: status %d to %q, want a redirect to sign in", method, path, res.StatusCode, res.Header.Get("Location"))
		}
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Errorf("only %d staff routes checked", checked)
	}
}
