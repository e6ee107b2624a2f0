package server_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// A session in use is written again at most once a minute, not on every page; one left
// idle longer than the timeout (30 minutes here) ends.
func TestIdleSessionsEndAndReadingDoesNotRewriteThem(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	var mu sync.Mutex
	now := time.Now()
	db.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	p := newPortalOn(t, db)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := p.client(t)
	p.signIn(t, c, "claire@cd47.fr", password)

	stored := func() string {
		t.Helper()
		var data []byte
		if err := db.Pool.QueryRow(context.Background(), `SELECT data FROM sessions`).Scan(&data); err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	workspace := func() *http.Response {
		t.Helper()
		return p.get(t, c, "/espace/").Response
	}
	workspace()
	first := stored()
	for range 3 {
		advance(10 * time.Second)
		if res := workspace(); res.StatusCode != http.StatusOK {
			t.Fatalf("workspace: status %d", res.StatusCode)
		}
	}
	if stored() != first {
		t.Error("reading pages within a minute rewrote the session")
	}
	advance(2 * time.Minute)
	workspace()
	if stored() == first {
		t.Error("a session in use was not renewed after a minute")
	}
	advance(29 * time.Minute)
	if res := workspace(); res.StatusCode != http.StatusOK {
		t.Fatalf("29 minutes idle: status %d, want still signed in", res.StatusCode)
	}
	advance(31 * time.Minute)
	res := workspace()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/connexion?next=/espace/" {
		t.Errorf("31 minutes idle: status %d to %q, want sent to sign in", res.StatusCode, res.Header.Get("Location"))
	}
}
