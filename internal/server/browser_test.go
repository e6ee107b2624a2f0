package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bienvenue-sante/bienvenue/internal/browsertest"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// The public pages meet WCAG 2.1 A and AA in both languages, at desktop and phone widths.
func TestBrowserPublicPagesAreAccessibleInFrenchAndEnglish(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	ctx := browsertest.New(t)
	pages := []string{"/", "/observatoire", "/connexion", "/nulle-part", "/demande/medecin", "/demande/etudiant", "/demande/lycee", "/retrouver-ma-demande", "/aides",
		"/aides/simulateur", "/aides/simulateur?situation=settling&commune=Agen&date=2026-03-02&mode=liberal&secteur=1&premiere=1",
		"/aides/simulateur?situation=settling&commune=Bordeaux&date=2026-03-02"}

	checkPages(t, ctx, p.URL, "fr", "", pages...)
	// The visible switch turns the portal to English, without JavaScript of ours.
	toEnglish(t, ctx, p.URL)
	assertText(t, ctx, "h1", "Practise general medicine in Lot-et-Garonne")
	checkPages(t, ctx, p.URL, "en", "", pages...)

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 800), chromedp.Navigate(p.URL+"/"), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	browsertest.AssertAccessible(t, ctx)
	browsertest.Screenshot(t, ctx, "home-phone-en")
}

// The observatory with figures (demonstration snapshots) passes axe-core too.
func TestBrowserObservatoryPagesAreAccessible(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, true)
	ctx := browsertest.New(t)
	for _, path := range []string{"/observatoire", "/observatoire?indicateur=density", "/observatoire/epci/200096956", "/observatoire/commune/47001"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(p.URL+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		browsertest.AssertAccessible(t, ctx)
		browsertest.Screenshot(t, ctx, "observatory"+shotName(path))
	}
}

func TestBrowserSkipLinkIsTheFirstStopOfTheKeyboard(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	ctx := browsertest.New(t)
	err := chromedp.Do(ctx, chromedp.Navigate(p.URL+"/"), chromedp.WaitVisible(chromedp.CSS("main")), chromedp.KeyEvent("\t"))
	if err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.activeElement.getAttribute('href') + ' ' + document.activeElement.textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if focused != "#contenu Aller au contenu" {
		t.Errorf("first Tab focuses %q, want the skip link", focused)
	}
}

func TestBrowserStaffSignsInAndOut(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "superviseur@cd47.fr", staff.RoleSupervisor, password)
	ctx := browsertest.New(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(p.URL+"/"),
		chromedp.Click(chromedp.CSS(`a[href="/connexion"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "superviseur@cd47.fr"),
		chromedp.SendKeys(chromedp.CSS(`#password`), "pas le bon"),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(`#erreur`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, ctx, "#erreur", "Adresse e-mail ou mot de passe incorrect.")
	browsertest.AssertAccessible(t, ctx)

	err = chromedp.Do(ctx,
		chromedp.Clear(chromedp.CSS(`#password`)),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/deconnexion"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, ctx, "h1", "Bonjour Test supervisor")
	assertText(t, ctx, "main", "Votre rôle : Responsable d'équipe.")
	browsertest.AssertAccessible(t, ctx)
	browsertest.Screenshot(t, ctx, "workspace-fr")

	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/deconnexion"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`nav a[href="/connexion"]`)))
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, ctx, ".notice", "Vous êtes déconnecté·e.")
	assertText(t, ctx, "nav", "Connexion professionnels")
}

func assertLang(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		t.Fatal(err)
	}
	if lang != want {
		t.Errorf("<html lang=%q>, want %q", lang, want)
	}
}

func assertText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, want) {
		t.Errorf("%s reads %q, want it to contain %q", sel, text, want)
	}
}

// shotName names a screenshot after a path.
func shotName(path string) string {
	return strings.NewReplacer("/", "-", "?", "-", "&", "-", "=", "-").Replace(path)
}

// checkPages opens each path, checks it is in lang and meets WCAG 2.1 A and AA, and keeps
// a screenshot named shot, lang and the path.
func checkPages(t *testing.T, ctx context.Context, base, lang, shot string, paths ...string) {
	t.Helper()
	for _, path := range paths {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		assertLang(t, ctx, lang)
		browsertest.AssertAccessible(t, ctx)
		browsertest.Screenshot(t, ctx, shot+lang+shotName(path))
	}
}

// toEnglish turns the portal to English with its visible switch.
func toEnglish(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.Click(chromedp.CSS(`button.lang-switch`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"]`))); err != nil {
		t.Fatal(err)
	}
}
