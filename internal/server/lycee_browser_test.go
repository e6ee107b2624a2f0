package server_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bienvenue-sante/bienvenue/internal/browsertest"
	"github.com/bienvenue-sante/bienvenue/internal/content"
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
			err := chromedp.Do(browser, chromedp.Navigate(p.URL+"/"), chromedp.Click(chromedp.CSS(`button.lang-switch`)),
				chromedp.WaitVisible(chromedp.CSS(`html[lang="en"]`)))
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, path := range pages {
			if err := chromedp.Do(browser, chromedp.Navigate(p.URL+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
				t.Fatal(err)
			}
			assertLang(t, browser, lang)
			browsertest.AssertAccessible(t, browser)
			browsertest.Screenshot(t, browser, lang+shotName(path))
		}
	}
	assertText(t, browser, ".demo-data", "Demonstration testimonial: this person does not exist.")
}
