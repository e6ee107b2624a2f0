package staff_test

import (
	"errors"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

func TestNewUserValidatesEveryField(t *testing.T) {
	_, err := staff.NewUser("pas-une-adresse", " ", staff.Role("chef"), "court")
	var fields bienvenue.FieldErrors
	if !errors.As(err, &fields) || !errors.Is(err, bienvenue.ErrInvalid) {
		t.Fatalf("err = %v, want FieldErrors wrapping ErrInvalid", err)
	}
	want := map[string]string{"email": "error.email_invalid", "name": "error.required",
		"role": "error.role_invalid", "password": "error.password_too_short"}
	for field, key := range want {
		if fields[field] != key {
			t.Errorf("field %s: %q, want %q", field, fields[field], key)
		}
	}
}

func TestPasswordsAreHashedWithArgon2idAtOWASPParameters(t *testing.T) {
	u, err := staff.NewUser("claire@cd47.fr", "Claire", staff.RoleOfficer, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.PasswordHash[:len("$argon2id$v=19$m=19456,t=2,p=1$")], "$argon2id$v=19$m=19456,t=2,p=1$"; got != want {
		t.Errorf("hash starts %q, want %q", got, want)
	}
	if !staff.CheckPassword(&u, "correct horse battery") {
		t.Error("the right password does not match")
	}
	if staff.CheckPassword(&u, "correct horse batterY") {
		t.Error("a wrong password matches")
	}
	if staff.CheckPassword(nil, "correct horse battery") {
		t.Error("an unknown account matches")
	}
}

func TestThrottledAfterTooManyFailures(t *testing.T) {
	cases := []struct {
		f    staff.Failures
		want bool
	}{
		{staff.Failures{ForAccount: staff.MaxFailuresPerAccount - 1, ForClientAddr: staff.MaxFailuresPerClientAddr - 1}, false},
		{staff.Failures{ForAccount: staff.MaxFailuresPerAccount}, true},
		{staff.Failures{ForClientAddr: staff.MaxFailuresPerClientAddr}, true},
	}
	for _, c := range cases {
		if got := c.f.Throttled(); got != c.want {
			t.Errorf("%+v.Throttled() = %v, want %v", c.f, got, c.want)
		}
	}
}
