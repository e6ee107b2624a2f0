// Package bienvenue holds what every part of the portal shares: the kinds of failure
// that the web layer turns into status pages, and field validation results.
package bienvenue

import (
	"errors"
	"net/mail"
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
