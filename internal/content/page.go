package content

import (
	"strconv"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Page is an editorial page of the portal, such as the high-school corner's pages on the
// way into medical studies.
type Page struct {
	ID       int64
	Slug     string // its address: /lycee/<slug>
	Title    string
	Summary  string // one or two sentences, for lists
	Body     string // Markdown
	Position int    // order in lists, smallest first
	ToReview bool   // shipped with the portal and not yet edited by the administration
	Publication
}

// Validate checks a page as staff typed it.
func (p Page) Validate() error {
	errs := bienvenue.FieldErrors{}
	CheckText(errs, "title", p.Title, true)
	CheckText(errs, "summary", p.Summary, true)
	CheckText(errs, "body", p.Body, true)
	CheckText(errs, "slug", p.Slug, true)
	if _, taken := errs["slug"]; !taken && !ValidSlug(p.Slug) {
		errs["slug"] = "pages.error.slug"
	}
	if p.Position < 0 || p.Position > 1000 {
		errs["position"] = "pages.error.position"
	}
	return errs.OrNil()
}

// Fields are the page's values by form field, for its history.
func (p Page) Fields() map[string]string {
	return map[string]string{"slug": p.Slug, "title": p.Title, "summary": p.Summary, "body": p.Body,
		"position": strconv.Itoa(p.Position)}
}

// ValidSlug reports whether s may be a page's address: lower-case letters without
// accents, digits and single hyphens (« etudes-de-sante »).
func ValidSlug(s string) bool {
	if s == "" || len(s) > 80 || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}
