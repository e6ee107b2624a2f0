package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
)

// Two instances on one empty database: both prepare it at once without racing, a
// session opened on one works on the other, and each email job runs exactly once.
func TestTwoInstancesShareOneDatabase(t *testing.T) {
	t.Parallel()
	url := pgtest.EmptyURL(t)
	terr, err := territory.Shipped("47")
	if err != nil {
		t.Fatal(err)
	}
	dbs := make([]*postgres.DB, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range dbs {
		wg.Go(func() {
			dbs[i], errs[i] = postgres.Open(context.Background(), url, postgres.Options{MaxConns: 4, ConnectTimeout: 5 * time.Second})
			if errs[i] == nil {
				t.Cleanup(dbs[i].Close)
				errs[i] = dbs[i].Prepare(context.Background(), terr, slog.New(slog.DiscardHandler))
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i+1, err)
		}
	}
	a, b := newPortalOn(t, dbs[0]), newPortalOn(t, dbs[1])
	a.startWorker(t)
	b.startWorker(t)
	if n := a.countRows(t, `SELECT count(*) FROM communes`); n != len(terr.Communes) {
		t.Errorf("%d communes loaded, want %d", n, len(terr.Communes))
	}

	// The session lives in PostgreSQL: signed in on a, the officer works on b. Cookies
	// ignore ports, so one browser holds it for both.
	a.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := a.client(t)
	a.signIn(t, c, "claire@cd47.fr", password)
	res := b.get(t, c, "/espace/demandes")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "Se déconnecter")

	// Requests filed on both instances: one confirmation each, sent by one worker.
	const requests = 20
	for i := range requests {
		p := []*portal{a, b}[i%2]
		form := doctorForm(fmt.Sprintf("cle-deux-instances-%04d", i))
		form.Set("email", fmt.Sprintf("medecin%d@example.org", i))
		assertStatus(t, p.post(t, p.client(t), "/demande/medecin", form), http.StatusSeeOther)
	}
	for i := range requests {
		a.waitForEmail(t, fmt.Sprintf("medecin%d@example.org", i))
	}
	time.Sleep(time.Second) // time for a second delivery, were there one
	if n := a.countRows(t, `SELECT count(*) FROM captured_emails WHERE to_address LIKE 'medecin%@example.org'`); n != requests {
		t.Errorf("%d confirmations for %d requests", n, requests)
	}
	// Periodic jobs are scheduled by the elected leader alone: once at start.
	scheduled := func() int { return a.countRows(t, `SELECT count(*) FROM river_job WHERE kind = 'escalate_overdue'`) }
	for deadline := time.Now().Add(20 * time.Second); scheduled() == 0 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(2 * time.Second)
	if n := scheduled(); n != 1 {
		t.Errorf("the escalation job was scheduled %d times at start, want once", n)
	}
}
