// Package bienvenue holds what every part of the portal shares: the kinds of failure
// that the web layer turns into status pages, and field validation results.
package bienvenue

import (
	"errors"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The kinds of failure. Domain and store errors wrap one of them with %w so that the
// web layer can choose a status page without knowing where the error came from.
var (
	ErrNotFound    = errors.New("not found")
	ErrInvalid     = errors.New("invalid input")
	ErrConflict    = errors.New("conflict")
	ErrForbidden   = errors.New("forbidden")
	ErrUnavailable = errors.New("service unavailable")
)

// FieldErrors maps a form field's name to the message-catalog key of what is wrong with it.
type FieldErrors map[string]string

func (e FieldErrors) Error() string { return "invalid input" }

// Unwrap makes errors.Is(err, ErrInvalid) true for every FieldErrors.
func (e FieldErrors) Unwrap() error { return ErrInvalid }

// ValidEmail reports whether s is a bare email address such as nom@exemple.fr.
func ValidEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s
}

// OrNil returns e, or nil when it names no field, so that it can be returned as an error.
func (e FieldErrors) OrNil() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// CheckText says what is wrong with a typed text, as a catalog key, or "" when nothing
// is: characters a form has no use for (PostgreSQL cannot store NUL; other control
// characters but line breaks and tabs), missing when required, or longer than max
// characters ("error.too_long", with {{.Max}}).
func CheckText(value string, required bool, max int) string {
	switch {
	case !utf8.ValidString(value) || strings.ContainsFunc(value, forbiddenRune):
		return "error.invalid_characters"
	case required && strings.TrimSpace(value) == "":
		return "error.required"
	case utf8.RuneCountInString(value) > max:
		return "error.too_long"
	}
	return ""
}

func forbiddenRune(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
}

// Unaccent removes the accents of a text: « Nérac » becomes « Nerac ». Names typed by
// people and names in files meet that way.
func Unaccent(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}
