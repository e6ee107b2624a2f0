// Package bienvenue holds what every part of the portal shares: the kinds of failure
// that the web layer turns into status pages.
package bienvenue

import "errors"

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
