// Package staff owns the portal's staff accounts: their roles, password rules and the
// sign-in throttling policy.
package staff

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Role is what a staff member may do.
type Role string

const (
	RoleOfficer     Role = "officer"     // case officer: handles requests in their queues
	RoleSupervisor  Role = "supervisor"  // runs queues and routing rules
	RoleObservatory Role = "observatory" // council staff reading the observatory
	RoleAdmin       Role = "admin"       // manages accounts and reference data
)

// Roles lists every role, in the order the interface shows them.
var Roles = []Role{RoleOfficer, RoleSupervisor, RoleObservatory, RoleAdmin}

// ParseRole returns the role named s, or an error wrapping bienvenue.ErrInvalid.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (one of officer, supervisor, observatory, admin): %w", s, bienvenue.ErrInvalid)
}

// User is a staff account.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	Demo         bool
	CreatedAt    time.Time
}

// MinPasswordLength follows NIST SP 800-63B for passwords without other factors.
const MinPasswordLength = 12

// hashParams are OWASP's argon2id parameters (m=19 MiB, t=2, p=1).
var hashParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// NewUser validates an account's fields and hashes its password.
func NewUser(email, name string, role Role, password string) (User, error) {
	u := User{Email: strings.TrimSpace(email), Name: strings.TrimSpace(name), Role: role}
	errs := bienvenue.FieldErrors{}
	if !bienvenue.ValidEmail(u.Email) {
		errs["email"] = "error.email_invalid"
	}
	if u.Name == "" {
		errs["name"] = "error.required"
	}
	if _, err := ParseRole(string(role)); err != nil {
		errs["role"] = "error.role_invalid"
	}
	if len([]rune(password)) < MinPasswordLength {
		errs["password"] = "error.password_too_short"
	}
	if len(errs) > 0 {
		return User{}, errs
	}
	hash, err := HashPassword(password)
	if err != nil {
		return User{}, err
	}
	u.PasswordHash = hash
	return u, nil
}

// hashing bounds how many hashes are computed at once: each takes 19 MiB and a core, so
// more at a time than cores only adds memory (64 sign-ins at once took 1.8 GB).
var hashing = make(chan struct{}, runtime.GOMAXPROCS(0))

// HashPassword returns the argon2id hash of password, in the PHC string format.
func HashPassword(password string) (string, error) {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2id.CreateHash(password, hashParams)
}

// dummyHash is compared against when an email is unknown, so that a sign-in takes as
// long whether the account exists or not.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$liQgEv2mq+GvaZIcBOPfuQ$4WloJKQag+TK+N6QE5iKlSA5BFjZjqsU0XV7MHGDMQo"

// CheckPassword reports whether password matches the user's hash. A nil user is
// checked against a dummy hash and never matches.
func CheckPassword(u *User, password string) bool {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	if u == nil {
		_, _ = argon2id.ComparePasswordAndHash(password, dummyHash)
		return false
	}
	ok, err := argon2id.ComparePasswordAndHash(password, u.PasswordHash)
	return err == nil && ok
}

// Throttling: after too many failures in the window, further attempts are refused
// until the window has passed, whatever the password.
const (
	ThrottleWindow           = 15 * time.Minute
	MaxFailuresPerAccount    = 5
	MaxFailuresPerClientAddr = 20
)

// Failures counts recent failed sign-ins.
type Failures struct {
	ForAccount    int
	ForClientAddr int
}

// Throttled reports whether a new attempt must be refused.
func (f Failures) Throttled() bool {
	return f.ForAccount >= MaxFailuresPerAccount || f.ForClientAddr >= MaxFailuresPerClientAddr
}
