package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

const password = "un mot de passe solide"

func TestSignInLandsOnTheWorkspace(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := p.client(t)
	p.signIn(t, c, "Claire@CD47.fr", password)
	res := p.get(t, c, "/espace")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "Bonjour Test officer", "Chargé·e d&#39;accompagnement", "Vous êtes connecté·e.", "Se déconnecter")
	if got := res.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("staff page Cache-Control = %q, want no-store", got)
	}
}

func TestStaffPagesSendVisitorsToSignInAndBack(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	c := p.client(t)
	res := p.get(t, c, "/espace/comptes")
	assertStatus(t, res, http.StatusSeeOther)
	if got := res.Header.Get("Location"); got != "/connexion?next=/espace/comptes" {
		t.Fatalf("visitor sent to %q", got)
	}
	res = p.post(t, c, "/connexion", url.Values{"email": {"admin@cd47.fr"}, "password": {password}, "next": {"/espace/comptes"}})
	if got := res.Header.Get("Location"); got != "/espace/comptes" {
		t.Errorf("after sign-in, sent to %q, want /espace/comptes", got)
	}
}

func TestWrongPasswordAndUnknownEmailFailAlike(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	var bodies []string
	for _, email := range []string{"claire@cd47.fr", "personne@cd47.fr"} {
		res := p.post(t, p.client(t), "/connexion", url.Values{"email": {email}, "password": {"pas le bon mot de passe"}})
		assertStatus(t, res, http.StatusUnauthorized)
		assertContains(t, res, "Adresse e-mail ou mot de passe incorrect.", `value="`+email+`"`)
		bodies = append(bodies, strings.ReplaceAll(res.body, email, "EMAIL"))
	}
	if bodies[0] != bodies[1] {
		t.Error("the page for a wrong password differs from the page for an unknown email")
	}
	res := p.post(t, p.client(t), "/connexion", url.Values{"email": {""}, "password": {""}})
	assertStatus(t, res, http.StatusBadRequest)
	assertContains(t, res, "Saisissez votre adresse e-mail et votre mot de passe.")
}

func TestSignInIsThrottledPerAccount(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	for range staff.MaxFailuresPerAccount {
		p.post(t, p.client(t), "/connexion", url.Values{"email": {"claire@cd47.fr"}, "password": {"mauvais mot de passe"}})
	}
	// Even the right password is refused now.
	res := p.post(t, p.client(t), "/connexion", url.Values{"email": {"claire@cd47.fr"}, "password": {password}})
	assertStatus(t, res, http.StatusTooManyRequests)
	assertContains(t, res, "Trop de tentatives de connexion")

	// Once the window has passed, the right password works again.
	p.db.Now = func() time.Time { return time.Now().Add(staff.ThrottleWindow + time.Minute) }
	p.signIn(t, p.client(t), "claire@cd47.fr", password)
}

func TestSignInIsThrottledPerClientAddress(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	for i := range staff.MaxFailuresPerClientAddr {
		email := "inconnu" + string(rune('a'+i)) + "@cd47.fr"
		p.post(t, p.client(t), "/connexion", url.Values{"email": {email}, "password": {"mauvais mot de passe"}})
	}
	res := p.post(t, p.client(t), "/connexion", url.Values{"email": {"claire@cd47.fr"}, "password": {password}})
	assertStatus(t, res, http.StatusTooManyRequests)
}

func TestSignInRenewsTheSessionToken(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := p.client(t)
	// Signing out as a visitor leaves a session (holding the notice): a token that an
	// attacker could have planted.
	p.post(t, c, "/deconnexion", url.Values{})
	before := p.sessionCookie(t, c)
	if before == "" {
		t.Fatal("no session before sign-in")
	}
	p.signIn(t, c, "claire@cd47.fr", password)
	after := p.sessionCookie(t, c)
	if after == "" || after == before {
		t.Fatalf("session token %q after sign-in, want a new one (was %q)", after, before)
	}
	if n := p.countSessions(t, before); n != 0 {
		t.Errorf("the pre-sign-in session still exists on the server")
	}
}

func TestSignOutDeletesTheSessionOnTheServer(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := p.client(t)
	p.signIn(t, c, "claire@cd47.fr", password)
	stolen := p.sessionCookie(t, c)

	res := p.post(t, c, "/deconnexion", url.Values{})
	assertStatus(t, res, http.StatusSeeOther)
	assertContains(t, p.get(t, c, "/"), "Vous êtes déconnecté·e.")
	if n := p.countSessions(t, stolen); n != 0 {
		t.Fatalf("signed-out session still stored")
	}
	// Replaying the old cookie no longer opens staff pages.
	replay := p.client(t)
	u, _ := url.Parse(p.URL)
	replay.Jar.SetCookies(u, []*http.Cookie{{Name: "bienvenue_session", Value: stolen}})
	res = p.get(t, replay, "/espace")
	assertStatus(t, res, http.StatusSeeOther)
}

func TestRolesGuardAdministratorPages(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "officer@cd47.fr", staff.RoleOfficer, password)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)

	officer := p.client(t)
	p.signIn(t, officer, "officer@cd47.fr", password)
	res := p.get(t, officer, "/espace/comptes")
	assertStatus(t, res, http.StatusForbidden)
	assertContains(t, res, "Accès refusé")

	admin := p.client(t)
	p.signIn(t, admin, "admin@cd47.fr", password)
	res = p.get(t, admin, "/espace/comptes")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "officer@cd47.fr", "admin@cd47.fr", "Nombre de comptes : 2")
}

func (p *portal) countSessions(t *testing.T, token string) int {
	t.Helper()
	var n int
	if err := p.db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM sessions WHERE token = $1`, token).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSessionCookieIsSecureOverHTTPSOnly(t *testing.T) {
	t.Parallel()
	for _, secure := range []bool{false, true} {
		p := newPortalWith(t, pgtest.New(t), secure)
		p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
		res := p.post(t, p.client(t), "/connexion", url.Values{"email": {"claire@cd47.fr"}, "password": {password}})
		var cookie *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == "bienvenue_session" {
				cookie = c
			}
		}
		if cookie == nil {
			t.Fatal("no session cookie at sign-in")
		}
		if cookie.Secure != secure || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
			t.Errorf("https=%v: cookie Secure=%v HttpOnly=%v SameSite=%v", secure, cookie.Secure, cookie.HttpOnly, cookie.SameSite)
		}
		if got := res.Header.Get("Strict-Transport-Security") != ""; got != secure {
			t.Errorf("https=%v: HSTS sent = %v", secure, got)
		}
	}
}
