// Package content owns what staff publish on the portal (internship offers, housing,
// practice opportunities, events, testimonials, pages): drafts and publication, the
// history of who changed what, and the safe rendering of their Markdown texts.
package content

import (
	"bytes"
	"slices"
	"strconv"
	"time"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Kind names a sort of published item, as the history records it.
type Kind string

const (
	KindOffer       Kind = "offer"
	KindHousing     Kind = "housing"
	KindOpportunity Kind = "opportunity"
	KindEvent       Kind = "event"
	KindTestimonial Kind = "testimonial"
	KindPage        Kind = "page"
	KindStructure   Kind = "structure"
)

// Action is what a change did.
type Action string

const (
	ActionCreate    Action = "create"
	ActionEdit      Action = "edit"
	ActionPublish   Action = "publish"
	ActionUnpublish Action = "unpublish"
	ActionDelete    Action = "delete"
)

// Publication is the state every published item shares: a draft until published, then
// public from PublishedAt until unpublished.
type Publication struct {
	Published   bool
	PublishedAt *time.Time // first publication, kept when an item is unpublished and republished
	UpdatedAt   time.Time
	UpdatedBy   string // the staff member's name
}

// Change is one line of an item's history.
type Change struct {
	At     time.Time
	Staff  string
	Action Action
	Fields []string // the fields an edit changed
}

// MaxMarkdown bounds a long text, in bytes.
const MaxMarkdown = 20000

var (
	markdown = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough))
	// sanitizer is the last word on what reaches the page: goldmark already escapes raw
	// HTML (it is not enabled), the policy also strips dangerous links and attributes.
	sanitizer = bluemonday.UGCPolicy().RequireNoFollowOnLinks(true).AddTargetBlankToFullyQualifiedLinks(false)
)

// HTML renders a Markdown text to safe HTML. Raw HTML in the text is escaped, links to
// javascript: and the like are removed.
func HTML(src string) string {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only on writer errors, which a buffer does not give.
		return sanitizer.Sanitize(src)
	}
	return string(sanitizer.SanitizeBytes(buf.Bytes()))
}

// MaxLength is the longest value a field of published content may hold: long texts get
// MaxMarkdown, the others a line's worth.
func MaxLength(field string) int {
	switch field {
	case "description", "body", "text", "note":
		return MaxMarkdown
	}
	return 200
}

// CheckText records in errs what is wrong with a text field (bienvenue.CheckText, with
// the field's MaxLength).
func CheckText(errs bienvenue.FieldErrors, field, value string, required bool) {
	if key := bienvenue.CheckText(value, required, MaxLength(field)); key != "" {
		errs[field] = key
	}
}

// ChangedFields names the fields whose values differ between two versions of an item,
// in a stable order, for its history.
func ChangedFields(before, after map[string]string) []string {
	var changed []string
	for k, v := range after {
		if before[k] != v {
			changed = append(changed, k)
		}
	}
	slices.Sort(changed)
	return changed
}

// PageNumber reads the page of a list from an address: 1 when absent, false when it is
// not a page number.
func PageNumber(s string) (int, bool) {
	if s == "" {
		return 1, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= 100000
}
