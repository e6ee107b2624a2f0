package server_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bienvenue-sante/bienvenue/internal/browsertest"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// The high-school corner, one of its pages and the testimonials (with a portrait and a
// demonstration testimonial) meet WCAG 2.1 A and AA in French and in English.
func TestBrowserLyceeAndTestimonialsAreAccessible(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	createTestimonial(t, p, true)
	createPage(t, p, "pass", true)
	createPage(t, p, "las", true)
	ctx := context.Background()
	id, err := p.db.SaveTestimonial(ctx, content.Testimonial{PersonName: "Inès D.", CommuneINSEE: "47195", InstalledYear: 2024,
		Body: "Un texte de démonstration.", Demo: true}, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.db.SetPublished(ctx, content.KindTestimonial, id, true, 0); err != nil {
		t.Fatal(err)
	}
	browser := browsertest.New(t)
	pages := []string{"/lycee", "/lycee/pass", "/temoignages"}
	for _, lang := range []string{"fr", "en"} {
		if lang == "en" {
			toEnglish(t, browser, p.URL)
		}
		checkPages(t, browser, p.URL, lang, "", pages...)
	}
	assertText(t, browser, ".demo-data", "Demonstration testimonial: this person does not exist.")
}

// The administrators' testimonial form passes axe-core, empty, refused (with a file that
// is not an image) and for a saved testimonial with its history.
func TestBrowserTestimonialFormIsAccessible(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	id, _ := createTestimonial(t, p, true)
	notImage := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(notImage, []byte("%PDF-1.7"), 0o600); err != nil {
		t.Fatal(err)
	}
	browser := browsertest.New(t)
	err := chromedp.Do(browser,
		chromedp.Navigate(p.URL+"/connexion"),
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@cd47.fr"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/deconnexion"]`)),
		chromedp.Navigate(p.URL+"/espace/temoignages/nouveau"),
		chromedp.WaitVisible(chromedp.CSS(`#photo`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.AssertAccessible(t, browser)
	err = chromedp.Do(browser,
		chromedp.SendKeys(chromedp.CSS(`#person_name`), "Julien R."),
		chromedp.SetUploadFiles(chromedp.CSS(`#photo`), []string{notImage}),
		chromedp.Submit(chromedp.CSS(`#person_name`)),
		chromedp.WaitVisible(chromedp.CSS(`.error-summary`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, browser, "#photo-erreur", "n'est pas une image JPEG ou PNG")
	browsertest.AssertAccessible(t, browser)
	browsertest.Screenshot(t, browser, "testimonial-form-errors")
	for _, path := range []string{"/espace/temoignages", "/espace/temoignages/" + itoa(id)} {
		if err := chromedp.Do(browser, chromedp.Navigate(p.URL+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		browsertest.AssertAccessible(t, browser)
		browsertest.Screenshot(t, browser, "admin"+shotName(path))
	}
}
