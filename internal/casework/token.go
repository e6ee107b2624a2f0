package casework

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"
)

// TrackingLinkLifetime is how long an applicant's private link works; a new one can be
// asked for at any time from the « retrouver ma demande » page.
const TrackingLinkLifetime = 90 * 24 * time.Hour

// NewToken returns a random tracking token to put in a link, and the hash to store.
func NewToken() (token string, hash []byte) {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics rather than return an error)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is what the store keeps of a token: enough to find it, useless to a thief.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// NewFormKey returns a random key that a form carries, so that sending it twice makes
// one request.
func NewFormKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ValidFormKey reports whether key may be a form's one-time key: 16 to 64 letters,
// digits, hyphens or underscores, as NewFormKey makes them.
func ValidFormKey(key string) bool {
	if len(key) < 16 || len(key) > 64 {
		return false
	}
	return !strings.ContainsFunc(key, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	})
}
