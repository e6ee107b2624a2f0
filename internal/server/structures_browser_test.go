package server_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bienvenue-sante/bienvenue/internal/browsertest"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/internal/structures"
)

// The directory, a structure's page and the observatory's map of structures pass
// axe-core in French and English; so does the administrators' form, with its errors.
func TestBrowserStructurePagesAreAccessible(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, true)
	importStructures(t, p.db)
	saveProfile(t, p.db, "470000002", structures.Profile{Professions: []string{"medecin_generaliste", "infirmier"}, SeeksGP: true,
		Website: "https://cds.example.fr", Note: "Locaux **neufs**, secrétariat partagé."})
	ctx := browsertest.New(t)
	pages := []string{"/structures", "/structures?type=centre&recherche=1", "/structures?nom=introuvable", "/structures/470000002", "/observatoire"}
	checkPages(t, ctx, p.URL, "fr", "structures-", pages...)
	toEnglish(t, ctx, p.URL)
	checkPages(t, ctx, p.URL, "en", "structures-", pages...)

	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	err := chromedp.Do(ctx, chromedp.Navigate(p.URL+"/connexion"), chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@cd47.fr"), chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)), chromedp.WaitVisible(chromedp.CSS(`form[action="/deconnexion"]`)),
		chromedp.Navigate(p.URL+"/espace/structures"), chromedp.WaitVisible(chromedp.CSS("main")))
	if err != nil {
		t.Fatal(err)
	}
	browsertest.AssertAccessible(t, ctx)
	err = chromedp.Do(ctx, chromedp.Navigate(p.URL+"/espace/structures/470000001"), chromedp.WaitVisible(chromedp.CSS(`#website`)),
		chromedp.SendKeys(chromedp.CSS(`#website`), "pas une adresse"), chromedp.Click(chromedp.CSS(`#professions-infirmier`)),
		chromedp.Submit(chromedp.CSS(`#website`)), chromedp.WaitVisible(chromedp.CSS(`.error-summary`)))
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, ctx, ".error-summary", "Website")
	browsertest.AssertAccessible(t, ctx)
	browsertest.Screenshot(t, ctx, "structure-edit-errors")
}
