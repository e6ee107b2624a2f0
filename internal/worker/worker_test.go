package worker_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/worker"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// flakySender fails its first send, as an SMTP server in trouble would, then delivers.
type flakySender struct {
	mu        sync.Mutex
	attempts  int
	delivered []mail.Message
}

func (f *flakySender) Send(_ context.Context, m mail.Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.attempts++
	if f.attempts == 1 {
		return errors.New("421 service not available")
	}
	f.delivered = append(f.delivered, m)
	return nil
}

func (f *flakySender) state() (int, []mail.Message) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts, append([]mail.Message(nil), f.delivered...)
}

// startWorker runs a worker delivering to sender until the test ends.
func startWorker(t *testing.T, db *postgres.DB, sender worker.Sender) {
	t.Helper()
	ctx := context.Background()
	w, err := worker.New(db, sender, worker.Config{RetentionYears: 3, Every: time.Hour,
		EscalationEmails: func(postgres.Breach) []mail.Message { return nil }}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Stop(ctx) })
}

// An email whose first delivery fails is retried and delivered exactly once.
func TestAFailedSendIsRetriedNotLost(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	_, hash := casework.NewToken()
	_, _, err := db.CreateRequest(ctx, postgres.NewRequest{
		Audience: casework.AudienceStudent, Lang: "fr", FormKey: "worker-test-key-01", ReferencePrefix: "BD",
		Application: casework.Application{FirstName: "Léo", LastName: "Martin", Email: "leo@example.org",
			Situation: "extern", Needs: []string{"internship"}},
		TokenHash: hash, TokenExpires: time.Now().Add(time.Hour),
		Confirmation: func(ref string) mail.Message {
			return mail.Message{To: "leo@example.org", Subject: "Demande " + ref, Text: "Reçue."}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	sender := &flakySender{}
	startWorker(t, db, sender)
	deadline := time.Now().Add(30 * time.Second)
	for {
		attempts, delivered := sender.state()
		if len(delivered) == 1 {
			if attempts != 2 || delivered[0].To != "leo@example.org" {
				t.Errorf("%d attempts, delivered %+v", attempts, delivered)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not delivered after 30 s (%d attempts)", attempts)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if _, delivered := sender.state(); len(delivered) != 1 {
		t.Errorf("delivered %d times, want once", len(delivered))
	}
}

// The running worker escalates an overdue request on its own and delivers the email.
func TestWorkerEscalatesOverdueRequestsAndAnonymisesExpiredOnes(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	file := func(key string) {
		_, hash := casework.NewToken()
		_, _, err := db.CreateRequest(ctx, postgres.NewRequest{
			Audience: casework.AudienceStudent, Lang: "fr", FormKey: key, ReferencePrefix: "BD",
			Application: casework.Application{FirstName: "Léo", LastName: "Martin", Email: key + "@example.org",
				Situation: "extern", Needs: []string{"internship"}},
			TokenHash: hash, TokenExpires: time.Now().Add(time.Hour),
			Confirmation: func(ref string) mail.Message { return mail.Message{To: key + "@example.org", Subject: ref} },
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	file("overdue-request-01")
	file("expired-request-01")
	if _, err := db.Pool.Exec(ctx, `UPDATE requests SET status = 'closed', closed_at = now() - interval '4 years'
		WHERE form_key = 'expired-request-01'`); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Now().AddDate(0, 0, 10) } // past the first-response due date
	sender := &flakySender{attempts: 1}                               // delivers from the first try
	w, err := worker.New(db, sender, worker.Config{RetentionYears: 3, Every: time.Hour,
		EscalationEmails: func(b postgres.Breach) []mail.Message {
			return []mail.Message{{To: "superviseur@cd47.fr", Subject: "Retard " + b.Reference + " " + b.Kind}}
		}}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer w.Stop(ctx)
	deadline := time.Now().Add(30 * time.Second)
	for {
		var escalations, anonymised int
		db.Pool.QueryRow(ctx, `SELECT count(*) FROM escalations`).Scan(&escalations)
		db.Pool.QueryRow(ctx, `SELECT count(*) FROM requests WHERE anonymised_at IS NOT NULL`).Scan(&anonymised)
		_, delivered := sender.state()
		escalationMail := false
		for _, m := range delivered {
			escalationMail = escalationMail || m.To == "superviseur@cd47.fr"
		}
		if escalations == 1 && anonymised == 1 && escalationMail {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 30 s: %d escalations, %d anonymised, escalation email %v", escalations, anonymised, escalationMail)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// gateSender holds every send until `want` of them are under way at once, or a while
// has passed: it counts how many emails the worker sends side by side.
type gateSender struct {
	want           int
	mu             sync.Mutex
	cond           *sync.Cond
	inFlight, most int
	delivered      map[string]int
}

func (g *gateSender) Send(_ context.Context, m mail.Message) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inFlight++
	g.most = max(g.most, g.inFlight)
	g.cond.Broadcast()
	deadline := time.Now().Add(3 * time.Second)
	for g.most < g.want && time.Now().Before(deadline) {
		timer := time.AfterFunc(100*time.Millisecond, g.cond.Broadcast)
		g.cond.Wait()
		timer.Stop()
	}
	g.inFlight--
	g.delivered[m.To]++
	return nil
}

// A burst of emails is sent many at once, not four at a time behind the other jobs:
// with river's defaults a burst of submissions left minutes of confirmations waiting.
func TestEmailsAreSentSideBySide(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	const burst = 40
	if _, err := db.Pool.Exec(ctx, `INSERT INTO outbox (message)
		SELECT jsonb_build_object('to', 'medecin' || n || '@example.org', 'subject', 'Demande reçue', 'text', 'Reçue.')
		FROM generate_series(1, $1) n`, burst); err != nil {
		t.Fatal(err)
	}
	sender := &gateSender{want: 12, delivered: map[string]int{}}
	sender.cond = sync.NewCond(&sender.mu)
	startWorker(t, db, sender)
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		sender.mu.Lock()
		done, most := len(sender.delivered), sender.most
		sender.mu.Unlock()
		if done == burst {
			if most < sender.want {
				t.Errorf("at most %d emails sent at once, want %d", most, sender.want)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d emails delivered after 60 s", done, burst)
		}
	}
	sender.mu.Lock()
	defer sender.mu.Unlock()
	for to, n := range sender.delivered {
		if n != 1 {
			t.Errorf("%s received %d emails, want 1", to, n)
		}
	}
}
