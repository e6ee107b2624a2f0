// Package tabular holds what the readers of public data files share.
package tabular

import (
	"strings"
	"unicode"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Fold makes column header variants meet: no accents, no case, no punctuation, single
// spaces.
func Fold(s string) string {
	out := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, bienvenue.Unaccent(strings.ToLower(s)))
	return strings.Join(strings.Fields(out), " ")
}
