package server_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bienvenue-sante/bienvenue/internal/browsertest"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// The offers, housing and opportunities pages, full and empty, meet WCAG 2.1 A and AA in
// both languages.
func TestBrowserOfferPagesAreAccessible(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	offer, opportunity := p.publishedOffer(t), p.publishedOpportunity(t)
	p.publishedHousing(t)
	ctx := browsertest.New(t)
	pages := []string{"/stages", fmt.Sprintf("/stages/%d", offer), "/stages?niveau=externe&logement=1", "/logements",
		"/exercer", fmt.Sprintf("/exercer/%d", opportunity), fmt.Sprintf("/demande/etudiant?offre=%d", offer)}
	checkPages(t, ctx, p.URL, "fr", "", pages...)
	toEnglish(t, ctx, p.URL)
	checkPages(t, ctx, p.URL, "en", "", pages...)
}

// An officer fills the offer form with the keyboard, sees what is wrong next to each
// field, and the form passes axe-core with its errors and history.
func TestBrowserOfficerWritesAnOffer(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	ctx := browsertest.New(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(p.URL+"/connexion"),
		chromedp.SendKeys(chromedp.CSS(`#email`), "claire@cd47.fr"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/espace/stages"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/espace/stages"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/espace/stages/nouvelle"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.AssertAccessible(t, ctx)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="/espace/stages/nouvelle"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#title`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "Stage aux urgences"),
		chromedp.SendKeys(chromedp.CSS(`#commune`), "Nulle-part-sur-Mer"),
		chromedp.Submit(chromedp.CSS(`#title`)),
		chromedp.WaitVisible(chromedp.CSS(`.error-summary`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, ctx, "#commune-erreur", "Saisissez le nom d'une commune du département.")
	browsertest.AssertAccessible(t, ctx)
	browsertest.Screenshot(t, ctx, "offer-form-errors")
}
