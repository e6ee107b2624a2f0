// Package worker runs the portal's background jobs (river, on PostgreSQL): hand-over of
// the outbox's emails to delivery and their delivery, escalation of overdue requests,
// reminders of events, anonymisation of expired requests and registrations, folding of
// the queues' tallies.
package worker

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/bienvenue-sante/bienvenue/internal/events"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

// Sender delivers an email: over SMTP, or into the capture table when none is set.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// Config says what the periodic jobs do.
type Config struct {
	// EscalationEmails writes the emails that tell of a breach.
	EscalationEmails func(postgres.Breach) []mail.Message
	// EventReminder writes the email that reminds a registrant of an event the day
	// before; nil schedules no reminders.
	EventReminder func(postgres.Reminder) mail.Message
	// RetentionYears is how long resolved or closed requests keep their personal data.
	RetentionYears int
	// Every is how often overdue requests and expired ones are looked for.
	Every time.Duration
}

// Worker processes jobs until stopped. Several instances may run: each job is taken by
// one of them, and periodic jobs are scheduled by the elected leader only.
type Worker struct {
	client *river.Client[pgx.Tx]
	db     *postgres.DB
	log    *slog.Logger
	stop   context.CancelFunc
	done   chan struct{}
}

// New prepares a worker on db.
func New(db *postgres.DB, sender Sender, cfg Config, log *slog.Logger) (*Worker, error) {
	workers := river.NewWorkers()
	river.AddWorker(workers, &emailWorker{sender: sender})
	river.AddWorker(workers, &escalateWorker{db: db, emails: cfg.EscalationEmails, log: log})
	river.AddWorker(workers, &retentionWorker{db: db, years: cfg.RetentionYears, log: log})
	river.AddWorker(workers, &foldTalliesWorker{db: db})
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(foldTalliesEvery),
			func() (river.JobArgs, *river.InsertOpts) { return foldTalliesJob{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(cfg.Every),
			func() (river.JobArgs, *river.InsertOpts) { return escalateJob{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(cfg.Every),
			func() (river.JobArgs, *river.InsertOpts) { return retentionJob{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
	}
	if cfg.EventReminder != nil {
		river.AddWorker(workers, &reminderWorker{db: db, email: cfg.EventReminder, log: log})
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(cfg.Every),
			func() (river.JobArgs, *river.InsertOpts) { return reminderJob{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}))
	}
	client, err := river.NewClient(riverpgxv5.New(db.Pool), &river.Config{
		Queues: map[string]river.QueueConfig{
			river.QueueDefault: {MaxWorkers: 4},
			// A queue takes at most as many jobs as it has free workers per fetch, and
			// waits the cooldown between fetches: 4 workers and river's 100 ms delivered
			// 40 emails a second, a backlog of minutes after a burst of submissions. A
			// fetch costs PostgreSQL milliseconds under load, so fewer and larger ones
			// (a 10 ms cooldown spent as much on fetching as on filing the requests).
			mail.Queue: {MaxWorkers: emailWorkers, FetchCooldown: 50 * time.Millisecond},
		},
		Workers: workers,
		Logger:  log,
		// A delivered email leaves the queue soon: its text holds a private link.
		CompletedJobRetentionPeriod: time.Hour,
		PeriodicJobs:                periodic,
	})
	if err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	return &Worker{client: client, db: db, log: log}, nil
}

// emailWorkers is how many emails are sent at once: sending waits on the mail server
// (or on the capture table's commit), not on the processor. Each send is a connection
// of its own; a relay usually takes 50 at once from one client (Postfix's default), and
// one that refuses more has the email retried later.
const emailWorkers = 32

// Start runs the worker in the background.
func (w *Worker) Start(ctx context.Context) error {
	if err := w.client.Start(ctx); err != nil {
		return err
	}
	ctx, w.stop = context.WithCancel(ctx)
	w.done = make(chan struct{})
	go w.handOver(ctx)
	return nil
}

// Stop lets running jobs finish, then stops. Emails still in the outbox are handed over
// by the next worker to run.
func (w *Worker) Stop(ctx context.Context) error {
	if w.stop != nil {
		w.stop()
		<-w.done
	}
	return w.client.Stop(ctx)
}

// handOverEvery is how often the outbox's emails go to the delivery queue: an email
// leaves about a second after the change that wrote it.
const handOverEvery = time.Second

// handOver moves the outbox's emails to the delivery queue until ctx ends. Every
// instance does: each takes the rows the others have not.
func (w *Worker) handOver(ctx context.Context) {
	defer close(w.done)
	tick := time.NewTicker(handOverEvery)
	defer tick.Stop()
	for {
		if _, err := w.db.HandOverEmails(ctx); err != nil && ctx.Err() == nil {
			w.log.Warn("emails wait in the outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// emailWorker delivers one queued email. A failure is retried by the queue with backoff
// (25 attempts over about three weeks), so an email is never lost to a passing outage.
type emailWorker struct {
	river.WorkerDefaults[mail.Job]
	sender Sender
}

func (w *emailWorker) Work(ctx context.Context, job *river.Job[mail.Job]) error {
	return w.sender.Send(ctx, job.Args.Message)
}

type escalateJob struct{}

func (escalateJob) Kind() string { return "escalate_overdue" }

// escalateWorker escalates overdue requests; the store makes each breach escalate once.
type escalateWorker struct {
	river.WorkerDefaults[escalateJob]
	db     *postgres.DB
	emails func(postgres.Breach) []mail.Message
	log    *slog.Logger
}

func (w *escalateWorker) Work(ctx context.Context, _ *river.Job[escalateJob]) error {
	n, err := w.db.EscalateOverdue(ctx, w.emails)
	if n > 0 {
		w.log.Info("overdue requests escalated", "count", n)
	}
	return err
}

// foldTalliesEvery is how often the queues' tallies are folded: a busy hour adds a few
// thousand rows, which the queue page would otherwise sum each time.
const foldTalliesEvery = 10 * time.Second

type foldTalliesJob struct{}

func (foldTalliesJob) Kind() string { return "fold_queue_tallies" }

// foldTalliesWorker keeps the sums behind the queues' live counts short.
type foldTalliesWorker struct {
	river.WorkerDefaults[foldTalliesJob]
	db *postgres.DB
}

func (w *foldTalliesWorker) Work(ctx context.Context, _ *river.Job[foldTalliesJob]) error {
	return w.db.FoldQueueTallies(ctx)
}

type retentionJob struct{}

func (retentionJob) Kind() string { return "anonymise_expired" }

// retentionWorker anonymises the requests whose retention period has ended, and the
// registrations to events over for six months (events.RetentionCutoff).
type retentionWorker struct {
	river.WorkerDefaults[retentionJob]
	db    *postgres.DB
	years int
	log   *slog.Logger
}

func (w *retentionWorker) Work(ctx context.Context, _ *river.Job[retentionJob]) error {
	n, err := w.db.AnonymiseExpired(ctx, w.db.Now().AddDate(-w.years, 0, 0))
	if n > 0 {
		w.log.Info("expired requests anonymised", "count", n)
	}
	if err != nil {
		return err
	}
	n, err = w.db.AnonymisePastRegistrations(ctx, events.RetentionCutoff(w.db.Now()))
	if n > 0 {
		w.log.Info("registrations to past events anonymised", "count", n)
	}
	return err
}

type reminderJob struct{}

func (reminderJob) Kind() string { return "remind_event_registrations" }

// reminderWorker reminds registrants of the events starting within a day; the store
// makes each registration reminded once.
type reminderWorker struct {
	river.WorkerDefaults[reminderJob]
	db    *postgres.DB
	email func(postgres.Reminder) mail.Message
	log   *slog.Logger
}

func (w *reminderWorker) Work(ctx context.Context, _ *river.Job[reminderJob]) error {
	n, err := w.db.RemindRegistrations(ctx, w.email)
	if n > 0 {
		w.log.Info("event reminders queued", "count", n)
	}
	return err
}
