// Package structures owns the directory of maisons and centres de santé: what FINESS says
// of each, and the profile staff keep beside it (professions present, whether it seeks a
// general practitioner, website, note), with its vocabulary and validation.
package structures

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/finess"
)

// Professions are the professions a structure may list, in the order pages show them.
var Professions = []string{"medecin_generaliste", "infirmier", "kinesitherapeute", "sage_femme", "dentiste",
	"pharmacien", "psychologue", "orthophoniste", "dieteticien", "podologue"}

// Kinds of structure as the directory's filter names them.
const (
	KindMaison = "maison" // maison de santé pluriprofessionnelle, FINESS category 603
	KindCentre = "centre" // centre de santé, FINESS category 124
)

// Kinds lists the kinds, in the order pages show them.
var Kinds = []string{KindMaison, KindCentre}

// KindOf names a FINESS category's kind.
func KindOf(category string) string {
	if category == finess.CategoryCDS {
		return KindCentre
	}
	return KindMaison
}

// CategoryOf is the FINESS category of a kind, "" for an unknown one.
func CategoryOf(kind string) string {
	switch kind {
	case KindMaison:
		return finess.CategoryMSP
	case KindCentre:
		return finess.CategoryCDS
	}
	return ""
}

// Profile is what staff keep about a structure.
type Profile struct {
	Professions []string
	SeeksGP     bool
	Website     string
	Note        string // Markdown
	UpdatedAt   *time.Time
	UpdatedBy   string // the staff member's name
}

// Entry is a structure of the directory: FINESS's facts and its profile, empty until
// staff fill it.
type Entry struct {
	finess.Structure
	Profile
}

// Filter narrows the directory. Empty fields do not filter.
type Filter struct {
	Category string   // a FINESS category
	Communes []string // INSEE codes, for an intercommunality; nil for all
	SeeksGP  bool
	Name     string // part of the name
}

// Accented letters and their plain forms, one for one, so that a search for « boe »
// finds « Boé » and « BOÉ »: Fold applies them in Go, the store in SQL (translate, then
// lower, which a database in the C locale applies to ASCII only).
const (
	Accented = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝ"
	Plain    = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuy"
)

var folder = func() *strings.Replacer {
	accented, plain := []rune(Accented), []rune(Plain)
	var pairs []string
	for i := range accented {
		pairs = append(pairs, string(accented[i]), string(plain[i]))
	}
	return strings.NewReplacer(pairs...)
}()

// Fold writes a name as searches compare it: lower case, without accents.
func Fold(s string) string { return strings.ToLower(folder.Replace(s)) }

// Validate says what is wrong with a profile, field by field.
func (p Profile) Validate() error {
	errs := bienvenue.FieldErrors{}
	for _, code := range p.Professions {
		if !slices.Contains(Professions, code) {
			errs["professions"] = "error.choose_from_list"
		}
	}
	content.CheckText(errs, "website", p.Website, false)
	if p.Website != "" && errs["website"] == "" {
		u, err := url.Parse(p.Website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(p.Website, " \t\n") {
			errs["website"] = "error.url_invalid"
		}
	}
	content.CheckText(errs, "note", p.Note, false)
	return errs.OrNil()
}

// Fields are a profile's values by form field, for the history's changed fields.
func (p Profile) Fields() map[string]string {
	seeks := ""
	if p.SeeksGP {
		seeks = "1"
	}
	return map[string]string{"professions": strings.Join(p.Professions, ","), "seeks_gp": seeks,
		"website": p.Website, "note": p.Note}
}

// Sorted keeps the known professions of codes in the vocabulary's order, once each.
func Sorted(codes []string) []string {
	var out []string
	for _, p := range Professions {
		if slices.Contains(codes, p) {
			out = append(out, p)
		}
	}
	return out
}
