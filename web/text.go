package web

import (
	"errors"
	"fmt"
	"strconv"
)

// stringable is what templ writes between braces.
type stringable interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~complex64 | ~complex128 | ~string | ~bool
}

// joinStringErrs stands in the generated code for templ.JoinStringErrs (the Makefile's
// generate swaps them), which turns every value into text with fmt.Sprint: two
// allocations a value, half of a list page's. Strings and ints are passed through or
// converted directly; other values still go through fmt, with the same text.
func joinStringErrs[T stringable](v T, errs ...error) (string, error) {
	switch v := any(v).(type) {
	case string:
		return v, errors.Join(errs...)
	case int:
		return strconv.Itoa(v), errors.Join(errs...)
	}
	return fmt.Sprint(v), errors.Join(errs...)
}
