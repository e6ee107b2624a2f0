package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// clock is a test's injected time.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return loc
}()

func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// newClockedDB is a store whose clock the test moves, with the default queue's targets
// set to 2 working days for a first response and 10 for a resolution.
func newClockedDB(t *testing.T, start string) (*postgres.DB, *clock) {
	t.Helper()
	db := pgtest.New(t)
	c := &clock{now: at(t, start)}
	db.Now = c.Now
	if _, err := db.Pool.Exec(context.Background(), `UPDATE queues SET first_response_days = 2, resolution_days = 10`); err != nil {
		t.Fatal(err)
	}
	return db, c
}

func fileRequest(t *testing.T, db *postgres.DB, key string) int64 {
	t.Helper()
	id, err := submit(context.Background(), db, key)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// submit files a student's request as the public form does, and returns its id; it may
// run in goroutines of its own.
func submit(ctx context.Context, db *postgres.DB, key string) (int64, error) {
	_, hash := casework.NewToken()
	ref, _, err := db.CreateRequest(ctx, postgres.NewRequest{
		Audience: casework.AudienceStudent, Lang: "fr", FormKey: key, ReferencePrefix: "BD",
		Application: casework.Application{FirstName: "Léo", LastName: "Martin", Email: key + "@example.org",
			Phone: "0600000000", Situation: "extern", Needs: []string{"internship"}, Message: "Un stage, s'il vous plaît."},
		TokenHash: hash, TokenExpires: db.Now().Add(time.Hour),
		Confirmation: func(ref string) mail.Message { return mail.Message{To: key + "@example.org", Subject: ref} },
	})
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.Pool.QueryRow(ctx, `SELECT id FROM requests WHERE reference = $1`, ref).Scan(&id)
	return id, err
}

func dues(t *testing.T, db *postgres.DB, id int64) (string, string) {
	t.Helper()
	r, err := db.Request(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	f := func(v time.Time) string { return v.In(paris).Format("2006-01-02 15:04") }
	return f(r.FirstResponseDue), f(r.ResolutionDue)
}

func officer(t *testing.T, db *postgres.DB) staff.User {
	t.Helper()
	u, err := staff.NewUser("claire@cd47.fr", "Claire", staff.RoleOfficer, "un mot de passe solide")
	if err != nil {
		t.Fatal(err)
	}
	u, err = db.CreateUser(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func noEmail(string) mail.Message { return mail.Message{To: "x@example.org"} }

func TestRequestFiledOnTheFridayBeforeWhitMonday(t *testing.T) {
	t.Parallel()
	db, _ := newClockedDB(t, "2026-05-22 16:30")
	id := fileRequest(t, db, "vendredi")
	first, resolution := dues(t, db, id)
	if first != "2026-05-27 23:59" || resolution != "2026-06-08 23:59" {
		t.Errorf("due dates %s and %s, want 2026-05-27 23:59 (Tuesday, Wednesday) and 2026-06-08 23:59", first, resolution)
	}
}

func TestWaitingForTheApplicantPausesTheClock(t *testing.T) {
	t.Parallel()
	db, c := newClockedDB(t, "2026-05-22 16:30")
	ctx := context.Background()
	id := fileRequest(t, db, "pause")
	u := officer(t, db)
	c.now = at(t, "2026-05-26 10:00") // Tuesday: the officer asks a question and waits
	if err := db.SendMessage(ctx, id, u.ID, "Quelles dates ?", true, noEmail); err != nil {
		t.Fatal(err)
	}
	r, _ := db.Request(ctx, id)
	if r.PausedAt == nil || r.FirstResponseAt == nil {
		t.Fatalf("after the question: paused %v, first response %v", r.PausedAt, r.FirstResponseAt)
	}
	c.now = at(t, "2026-05-28 18:00") // Thursday: the applicant answers
	if err := db.AddApplicantMessage(ctx, id, "Le 12 juin."); err != nil {
		t.Fatal(err)
	}
	_, resolution := dues(t, db, id)
	if resolution != "2026-06-10 23:59" {
		t.Errorf("resolution due %s after a two-working-day pause, want 2026-06-10 23:59", resolution)
	}
	r, _ = db.Request(ctx, id)
	if r.Status != casework.StatusInProgress || r.PausedAt != nil {
		t.Errorf("after the answer: status %s, paused %v", r.Status, r.PausedAt)
	}
}

func countEscalationEmails(t *testing.T, db *postgres.DB) int {
	t.Helper()
	var n int
	if err := db.Pool.QueryRow(context.Background(),
		`SELECT (SELECT count(*) FROM outbox WHERE message->>'subject' LIKE 'escalation %') +
			(SELECT count(*) FROM river_job WHERE kind = 'email' AND args->'message'->>'subject' LIKE 'escalation %')`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func escalationEmails(b postgres.Breach) []mail.Message {
	return []mail.Message{{To: "sup@cd47.fr", Subject: fmt.Sprintf("escalation %d %s", b.RequestID, b.Kind)}}
}

func TestEscalationIsSentOnceAndNeverWhileWaiting(t *testing.T) {
	t.Parallel()
	db, c := newClockedDB(t, "2026-05-22 16:30")
	ctx := context.Background()
	late := fileRequest(t, db, "en-retard")
	waiting := fileRequest(t, db, "en-attente")
	u := officer(t, db)
	if err := db.SetStatus(ctx, waiting, u.ID, casework.StatusWaiting, "", casework.OutcomeDetails{}); err != nil {
		t.Fatal(err)
	}
	c.now = at(t, "2026-05-27 20:00") // before the first-response due date
	if n, err := db.EscalateOverdue(ctx, escalationEmails); err != nil || n != 0 {
		t.Fatalf("escalated %d before the due date (%v)", n, err)
	}
	c.now = at(t, "2026-05-28 09:00") // first response overdue
	for range 3 {
		if _, err := db.EscalateOverdue(ctx, escalationEmails); err != nil {
			t.Fatal(err)
		}
	}
	if got := countEscalationEmails(t, db); got != 1 {
		t.Errorf("%d escalation emails, want 1", got)
	}
	r, _ := db.Request(ctx, late)
	if len(r.Escalated) != 1 || r.Escalated[0] != "first_response" {
		t.Errorf("late request escalated for %v, want first_response", r.Escalated)
	}
	if r, _ := db.Request(ctx, waiting); len(r.Escalated) != 0 {
		t.Errorf("a request waiting for the applicant was escalated: %v", r.Escalated)
	}
	c.now = at(t, "2026-06-09 09:00") // resolution overdue too: a second, distinct breach
	db.EscalateOverdue(ctx, escalationEmails)
	db.EscalateOverdue(ctx, escalationEmails)
	if got := countEscalationEmails(t, db); got != 2 {
		t.Errorf("%d escalation emails after the resolution breach, want 2", got)
	}
}

// A worker that dies half-way through escalating loses nothing and repeats nothing.
func TestEscalationSurvivesACrashMidJob(t *testing.T) {
	t.Parallel()
	db, c := newClockedDB(t, "2026-05-22 16:30")
	for i := range 3 {
		fileRequest(t, db, fmt.Sprintf("crash-%d", i))
	}
	c.now = at(t, "2026-05-28 09:00")
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := db.EscalateOverdue(ctx, func(b postgres.Breach) []mail.Message {
		calls++
		if calls == 2 {
			cancel() // the process dies while escalating the second request
		}
		return escalationEmails(b)
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the crash", err)
	}
	if got := countEscalationEmails(t, db); got != 1 {
		t.Fatalf("%d emails after the crash, want the first request's only", got)
	}
	if _, err := db.EscalateOverdue(context.Background(), escalationEmails); err != nil { // the restarted worker
		t.Fatal(err)
	}
	if got := countEscalationEmails(t, db); got != 3 {
		t.Errorf("%d escalation emails after restart, want 3, one per request", got)
	}
}

func TestAnonymisationRemovesExactlyTheExpiredRequests(t *testing.T) {
	t.Parallel()
	db, c := newClockedDB(t, "2022-01-10 10:00")
	ctx := context.Background()
	u := officer(t, db)
	expired := fileRequest(t, db, "expire")
	recent := fileRequest(t, db, "recente")
	open := fileRequest(t, db, "ouverte")
	c.now = at(t, "2022-03-01 10:00")
	if err := db.SetStatus(ctx, expired, u.ID, casework.StatusClosed, "", casework.OutcomeDetails{}); err != nil {
		t.Fatal(err)
	}
	c.now = at(t, "2023-06-01 10:00")
	if err := db.SetStatus(ctx, recent, u.ID, casework.StatusResolved, casework.OutcomeInformed, casework.OutcomeDetails{}); err != nil {
		t.Fatal(err)
	}
	c.now = at(t, "2025-03-02 10:00") // three years after the first closure, not the second
	n, err := db.AnonymiseExpired(ctx, c.now.AddDate(-3, 0, 0))
	if err != nil || n != 1 {
		t.Fatalf("anonymised %d (%v), want 1", n, err)
	}
	r, _ := db.Request(ctx, expired)
	if r.FirstName != "" || r.Email != "" || r.Phone != "" || r.Message != "" || r.AnonymisedAt == nil {
		t.Errorf("expired request keeps personal data: %+v", r.Application)
	}
	if r.Audience != casework.AudienceStudent || len(r.Needs) != 1 || r.Status != casework.StatusClosed {
		t.Errorf("statistics lost: %+v", r)
	}
	for _, id := range []int64{recent, open} {
		if r, _ := db.Request(ctx, id); r.Email == "" || r.AnonymisedAt != nil {
			t.Errorf("request %d anonymised too early", id)
		}
	}
	var tokens, bodies int
	db.Pool.QueryRow(ctx, `SELECT count(*) FROM tracking_tokens WHERE request_id = $1`, expired).Scan(&tokens)
	db.Pool.QueryRow(ctx, `SELECT count(*) FROM request_events WHERE request_id = $1 AND body <> ''`, expired).Scan(&bodies)
	if tokens != 0 || bodies != 0 {
		t.Errorf("after anonymisation: %d tracking links, %d event texts", tokens, bodies)
	}
	if n, _ := db.AnonymiseExpired(ctx, c.now.AddDate(-3, 0, 0)); n != 0 {
		t.Errorf("a second run anonymised %d more", n)
	}
}

// The first requests of a new year, filed at the same moment, start the year's numbers
// at 1 without repeating one; the old year's numbers go on where they were.
func TestReferencesStartAgainEachYear(t *testing.T) {
	db, c := newClockedDB(t, "2026-12-31 23:58")
	ctx := context.Background()
	reference := func(id int64) string {
		var ref string
		if err := db.Pool.QueryRow(ctx, `SELECT reference FROM requests WHERE id = $1`, id).Scan(&ref); err != nil {
			t.Fatal(err)
		}
		return ref
	}
	if got := reference(fileRequest(t, db, "year-end-1")); got != "BD-2026-00001" {
		t.Errorf("first request of 2026: %s", got)
	}
	c.now = at(t, "2027-01-01 00:01")
	const n = 20
	ids := make([]int64, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { ids[i], errs[i] = submit(ctx, db, fmt.Sprintf("new-year-%02d", i)) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		seen[reference(id)] = true
	}
	for i := 1; i <= n; i++ {
		if ref := fmt.Sprintf("BD-2027-%05d", i); !seen[ref] {
			t.Errorf("no request numbered %s among %v", ref, seen)
		}
	}
	c.now = at(t, "2026-12-31 23:59") // a clock set back: 2026 goes on
	if got := reference(fileRequest(t, db, "year-end-2")); got != "BD-2026-00002" {
		t.Errorf("second request of 2026: %s", got)
	}
}
