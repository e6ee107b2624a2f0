package aid

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Levels are the layers of public action an aid comes from.
var Levels = []string{"national", "state", "region", "departement", "epci", "commune", "tax"}

// LocalLevels are the layers administrators enter aids for.
var LocalLevels = []string{"region", "departement", "epci", "commune"}

// Validate checks a local aid's version as an administrator entered it.
func (v Version) Validate() error {
	errs := bienvenue.FieldErrors{}
	text := func(field, value string, max int) {
		switch {
		case !utf8.ValidString(value) || strings.ContainsRune(value, 0):
			errs[field] = "error.invalid_characters"
		case strings.TrimSpace(value) == "":
			errs[field] = "error.required"
		case utf8.RuneCountInString(value) > max:
			errs[field] = "error.too_long"
		}
	}
	text("name", v.Name, 200)
	text("funder", v.Funder, 200)
	text("conditions", v.Conditions, 5000)
	text("obligations", v.Obligations, 5000)
	text("source", v.Source, 300)
	if !slices.Contains(LocalLevels, v.Level) {
		errs["level"] = "error.choose_one"
	}
	if len(v.Audiences) == 0 {
		errs["audiences"] = "error.needs_required"
	}
	for _, a := range v.Audiences {
		if !slices.Contains(Situations, a) {
			errs["audiences"] = "error.choose_from_list"
		}
	}
	for _, z := range v.Zones {
		if !slices.Contains(Zones, z) {
			errs["zones"] = "error.choose_from_list"
		}
	}
	if u, err := url.Parse(v.SourceURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs["source_url"] = "error.url_invalid"
	}
	if v.ValidFrom.IsZero() {
		errs["valid_from"] = "error.date_invalid"
	}
	if v.ValidTo != nil && v.ValidTo.Before(v.ValidFrom) {
		errs["valid_to"] = "error.date_before"
	}
	if v.CheckedOn.IsZero() {
		errs["checked_on"] = "error.date_invalid"
	}
	if v.OneOff < 0 || v.Monthly < 0 || v.Daily < 0 {
		errs["amounts"] = "simulator.error.amount"
	}
	return errs.OrNil()
}

// LocalKey names a new local aid after its name: local-aide-a-l-installation-du-departement.
func LocalKey(name string) string {
	folded := bienvenue.Unaccent(strings.ToLower(name))
	var b strings.Builder
	dash := false
	for _, r := range folded {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	key := strings.TrimRight(b.String(), "-")
	if len(key) > 60 {
		key = key[:60]
	}
	return "local-" + key
}
