package server_test

import (
	"net/http"
	"net/url"
	"testing"
)

func TestHomeSpeaksFrenchByDefaultAndEnglishAfterTheSwitch(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := p.client(t)

	res := p.get(t, c, "/")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, `<html lang="fr">`, "Exercer la médecine générale en Lot-et-Garonne",
		"Médecins : vous souhaitez vous installer", "Étudiants et internes en médecine", "Lycéennes et lycéens",
		`href="/observatoire"`, `href="/connexion"`, "Mode démonstration", "333\u00a0602",
		"Licence Ouverte / Etalab")
	assertLacks(t, res, "⟦")

	res = p.post(t, c, "/langue", url.Values{"lang": {"en"}, "next": {"/observatoire"}})
	assertStatus(t, res, http.StatusSeeOther)
	if got := res.Header.Get("Location"); got != "/observatoire" {
		t.Errorf("language switch returns to %q, want /observatoire", got)
	}
	res = p.get(t, c, "/")
	assertContains(t, res, `<html lang="en">`, "Practise general medicine in Lot-et-Garonne", "Demonstration mode", "333,602")
	assertLacks(t, res, "⟦", "Exercer la médecine")
}

func TestLanguageSwitchStaysOnThisSite(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	for _, next := range []string{"//evil.example/", "https://evil.example/", `/\evil.example`, ""} {
		res := p.post(t, p.client(t), "/langue", url.Values{"lang": {"en"}, "next": {next}})
		if got := res.Header.Get("Location"); got != "/" {
			t.Errorf("next=%q: redirected to %q, want /", next, got)
		}
	}
}

func TestObservatoryListsTheRealIntercommunalities(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	res := p.get(t, p.client(t), "/observatoire")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "CA Agglomération d&#39;Agen", "CC du Pays de Duras", "102\u00a0673",
		"Aucun effectif de médecins généralistes n&#39;a encore été importé", "Licence Ouverte / Etalab")
}

func TestUnknownPageIsAFrench404(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	res := p.get(t, p.client(t), "/nulle-part")
	assertStatus(t, res, http.StatusNotFound)
	assertContains(t, res, "Page introuvable", `<html lang="fr">`, `href="/"`)
}

func TestWrongMethodIsA405Page(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	res := p.post(t, p.client(t), "/observatoire", url.Values{})
	assertStatus(t, res, http.StatusMethodNotAllowed)
	assertContains(t, res, "Action non permise")
}

func TestEveryResponseCarriesSecurityHeaders(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := p.client(t)
	for _, path := range []string{"/", "/connexion", "/nulle-part", "/static/app.css", "/healthz", "/espace"} {
		res := p.get(t, c, path)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !contains(csp, want) {
				t.Errorf("%s: Content-Security-Policy %q lacks %q", path, csp, want)
			}
		}
		if contains(csp, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy allows unsafe-inline: %q", path, csp)
		}
		if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q", path, got)
		}
		if got := h.Get("Referrer-Policy"); got == "" {
			t.Errorf("%s: no Referrer-Policy", path)
		}
		if h.Get("X-Request-Id") == "" {
			t.Errorf("%s: no X-Request-Id", path)
		}
	}
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	assertStatus(t, p.get(t, p.client(t), "/healthz"), http.StatusOK)
	assertStatus(t, p.get(t, p.client(t), "/readyz"), http.StatusOK)
}

func TestDatabaseDownGivesReadyzFailureAndFrench503(t *testing.T) {
	t.Parallel()
	p := newPortalOn(t, unreachableDB(t))
	c := p.client(t)
	assertStatus(t, p.get(t, c, "/healthz"), http.StatusOK)
	assertStatus(t, p.get(t, c, "/readyz"), http.StatusServiceUnavailable)
	// The home page is drawn from the shipped territory and stays up; pages that read the
	// database say the service is unavailable.
	assertStatus(t, p.get(t, c, "/"), http.StatusOK)
	res := p.get(t, c, "/aides")
	assertStatus(t, res, http.StatusServiceUnavailable)
	assertContains(t, res, "Service momentanément indisponible", "Aucune donnée n&#39;est perdue")
	assertLacks(t, res, "dial", "connect", "127.0.0.1", "postgres")
	res = p.post(t, c, "/connexion", url.Values{"email": {"a@b.fr"}, "password": {"whatever-long"}})
	assertStatus(t, res, http.StatusServiceUnavailable)
}

func TestSignInPageListsTheDemoAccountsInDemoMode(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	res := p.get(t, p.client(t), "/connexion")
	assertContains(t, res, "Comptes de démonstration : officer@demo.test, supervisor@demo.test, observatory@demo.test, admin@demo.test ; mot de passe « bienvenue-demo ».")
}
