package web

import (
	"errors"
	"fmt"
	"testing"
)

type label string

// joinStringErrs must write every value as templ's own JoinStringErrs would.
func TestJoinStringErrsWritesWhatTemplWould(t *testing.T) {
	check := func(got string, err error, want any) {
		t.Helper()
		if err != nil || got != fmt.Sprint(want) {
			t.Errorf("got %q, %v; want %q", got, err, fmt.Sprint(want))
		}
	}
	s, err := joinStringErrs("l'été <b>")
	check(s, err, "l'été <b>")
	s, err = joinStringErrs(label("étiquette"))
	check(s, err, label("étiquette"))
	s, err = joinStringErrs(-42)
	check(s, err, -42)
	s, err = joinStringErrs(int64(1) << 40)
	check(s, err, int64(1)<<40)
	s, err = joinStringErrs(2.5)
	check(s, err, 2.5)
	s, err = joinStringErrs(true)
	check(s, err, true)
	boom := errors.New("boom")
	if _, err := joinStringErrs("x", nil, boom); !errors.Is(err, boom) {
		t.Errorf("error = %v, want boom", err)
	}
}
