package content_test

import (
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
)

// FuzzValidatePage: a page the form accepts has an address that is a valid slug and
// texts PostgreSQL can store.
func FuzzValidatePage(f *testing.F) {
	f.Add("pass", "Le PASS", "Une année", "Un **texte**", 1)
	f.Add("../x", "\x00", "", "", -1)
	f.Fuzz(func(t *testing.T, slug, title, summary, body string, position int) {
		p := content.Page{Slug: slug, Title: title, Summary: summary, Body: body, Position: position}
		if p.Validate() != nil {
			return
		}
		if !content.ValidSlug(slug) || strings.ContainsAny(slug, "/.") {
			t.Errorf("page accepted at %q", slug)
		}
		for _, s := range []string{title, summary, body} {
			if bienvenue.CheckText(s, false, content.MaxMarkdown) != "" {
				t.Errorf("page accepted with %q", s)
			}
		}
	})
}

// FuzzValidateTestimonial: a testimonial the form accepts is in the territory, in a
// year that was, with texts PostgreSQL can store.
func FuzzValidateTestimonial(f *testing.F) {
	f.Add("Julien R.", "47001", "Je me suis installé.", 2024)
	f.Add("\xff", "", "\x00", 3000)
	f.Fuzz(func(t *testing.T, name, commune, text string, year int) {
		tm := content.Testimonial{PersonName: name, CommuneINSEE: commune, Body: text, InstalledYear: year}
		if tm.Validate(func(insee string) bool { return insee == "47001" }, 2026) != nil {
			return
		}
		if commune != "47001" || year < content.FirstInstallYear || year > 2026 ||
			bienvenue.CheckText(name, true, 200) != "" || bienvenue.CheckText(text, true, content.MaxMarkdown) != "" {
			t.Errorf("testimonial accepted: %q %q %q %d", name, commune, text, year)
		}
	})
}
