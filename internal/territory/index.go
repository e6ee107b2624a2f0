package territory

import (
	"strings"
	"unicode"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Index finds the territory's communes and intercommunalities by code or name.
type Index struct {
	Territory
	epcis    map[string]EPCI
	communes map[string]Commune // by INSEE code
	byName   map[string]Commune // by folded name
}

// NewIndex indexes t.
func NewIndex(t Territory) *Index {
	ix := &Index{Territory: t, epcis: map[string]EPCI{}, communes: map[string]Commune{}, byName: map[string]Commune{}}
	for _, e := range t.EPCIs {
		ix.epcis[e.SIREN] = e
	}
	for _, c := range t.Communes {
		ix.communes[c.INSEE] = c
		ix.byName[fold(c.Name)] = c
	}
	return ix
}

// HasEPCI reports whether siren is an intercommunality of the territory.
func (ix *Index) HasEPCI(siren string) bool { _, ok := ix.epcis[siren]; return ok }

// HasCommune reports whether insee is a commune of the territory.
func (ix *Index) HasCommune(insee string) bool { _, ok := ix.communes[insee]; return ok }

// Commune returns the commune with INSEE code insee.
func (ix *Index) Commune(insee string) (Commune, bool) { c, ok := ix.communes[insee]; return c, ok }

// EPCI returns the intercommunality with SIREN siren.
func (ix *Index) EPCI(siren string) (EPCI, bool) { e, ok := ix.epcis[siren]; return e, ok }

// FindCommune finds a commune as a person types it: its INSEE code, or its name in any
// case, with or without accents and hyphens, optionally followed by its postal code in
// brackets as the form's suggestions show it (« Villeneuve-sur-Lot (47300) »).
func (ix *Index) FindCommune(text string) (Commune, bool) {
	text = strings.TrimSpace(text)
	if c, ok := ix.communes[text]; ok {
		return c, true
	}
	if i := strings.LastIndex(text, "("); i > 0 && strings.HasSuffix(text, ")") {
		text = text[:i]
	}
	c, ok := ix.byName[fold(text)]
	return c, ok
}

// Label is how forms suggest a commune: its name and postal code.
func (c Commune) Label() string {
	return c.Name + " (" + strings.Join(c.PostalCodes, ", ") + ")"
}

// fold reduces a name to lower case without accents, hyphens or apostrophes.
func fold(s string) string {
	out := strings.Map(func(r rune) rune {
		if r == '-' || r == '\'' || r == '’' {
			return ' '
		}
		return unicode.ToLower(r)
	}, bienvenue.Unaccent(s))
	return strings.Join(strings.Fields(out), " ")
}

// ByPostalCode returns the communes a postal code serves.
func (ix *Index) ByPostalCode(code string) []Commune {
	var out []Commune
	for _, c := range ix.Communes {
		for _, p := range c.PostalCodes {
			if p == code {
				out = append(out, c)
			}
		}
	}
	return out
}

// CommunesByPostalCode returns the INSEE codes of the communes a postal code serves.
func (ix *Index) CommunesByPostalCode(code string) []string {
	var out []string
	for _, c := range ix.ByPostalCode(code) {
		out = append(out, c.INSEE)
	}
	return out
}

// EPCIOf returns the intercommunality of commune insee.
func (ix *Index) EPCIOf(insee string) string { return ix.communes[insee].EPCISIREN }
