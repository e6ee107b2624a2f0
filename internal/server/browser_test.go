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

// A visitor signs up to an event with the keyboard alone: Tab reaches the form's fields
// in order, typing fills them, Enter on the button sends it.
func TestBrowserVisitorRegistersWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	id := p.publishedEvent(t, "Soirée d'accueil des internes", 10)
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(p.URL+"/evenements/"+itoa(id)), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	focused := func() string {
		t.Helper()
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.tagName`))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	tab := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
	}
	for range 80 {
		if focused() == "name" {
			break
		}
		tab()
	}
	for _, step := range []struct{ field, text string }{{"name", "Inès Martin"}, {"email", "ines@example.org"}, {"phone", "06 12 34 56 78"}} {
		if got := focused(); got != step.field {
			t.Fatalf("the keyboard is on %q, want %q", got, step.field)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(step.text)); err != nil {
			t.Fatal(err)
		}
		tab()
	}
	if got := focused(); got != "BUTTON" {
		t.Fatalf("after the phone, the keyboard is on %q, want the button", got)
	}
	// The confirmation page, after the Post/Redirect/Get.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(".panel-success h1"))); err != nil {
		t.Fatal(err)
	}
	assertText(t, ctx, ".panel-success h1", "Inscription confirmée")
	if n := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE email = 'ines@example.org' AND status = 'confirmed'`); n != 1 {
		t.Errorf("%d confirmed registrations, want 1", n)
	}
}
