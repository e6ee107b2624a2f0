// Package worker runs the portal's background jobs (river, on PostgreSQL): today the
// delivery of queued emails, retried until they go out.
package worker

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/bienvenue-sante/bienvenue/internal/mail"
)

// Sender delivers an email: over SMTP, or into the capture table when none is set.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// Worker processes jobs until stopped. Several instances may run: each job is taken
// by one of them.
type Worker struct {
	client *river.Client[pgx.Tx]
}

// New prepares a worker on pool.
func New(pool *pgxpool.Pool, sender Sender, log *slog.Logger) (*Worker, error) {
	workers := river.NewWorkers()
	river.AddWorker(workers, &emailWorker{sender: sender})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:  map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers: workers,
		Logger:  log,
		// A delivered email leaves the queue soon: its text holds a private link.
		CompletedJobRetentionPeriod: time.Hour,
	})
	if err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	return &Worker{client: client}, nil
}

// Start runs the worker in the background.
func (w *Worker) Start(ctx context.Context) error { return w.client.Start(ctx) }

// Stop lets running jobs finish, then stops.
func (w *Worker) Stop(ctx context.Context) error { return w.client.Stop(ctx) }

// emailWorker delivers one queued email. A failure is retried by the queue with backoff
// (25 attempts over about three weeks), so an email is never lost to a passing outage.
type emailWorker struct {
	river.WorkerDefaults[mail.Job]
	sender Sender
}

func (w *emailWorker) Work(ctx context.Context, job *river.Job[mail.Job]) error {
	return w.sender.Send(ctx, job.Args.Message)
}
