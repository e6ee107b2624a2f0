// Package postgres is the portal's store: every query to PostgreSQL lives here, one file
// per resource.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/calendar"
)

// DB is the store, over a pool of connections.
type DB struct {
	Pool *pgxpool.Pool
	// Now is the store's clock; tests replace it.
	Now func() time.Time
	// Calendar counts the working days of service levels; Open gives France's, in Paris.
	Calendar *calendar.Calendar
	// jobs queues background work (emails) in the transaction that decides it.
	jobs *river.Client[pgx.Tx]
	// routing is the routing rules and queue terms filing last read (readIntake).
	routing atomic.Pointer[routingTable]
}

// Options size the pool explicitly rather than from pgx's CPU-based default.
type Options struct {
	MaxConns       int32
	ConnectTimeout time.Duration
}

// Open connects to the database at url. The pool reconnects by itself when the server
// comes back after an outage.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	cfg.MaxConns = opts.MaxConns
	cfg.MinConns = 0
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.HealthCheckPeriod = 15 * time.Second
	cfg.ConnConfig.ConnectTimeout = opts.ConnectTimeout
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	jobs, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("job queue: %w", err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		pool.Close()
		return nil, err
	}
	cal, _ := calendar.New(paris, nil)
	return &DB{Pool: pool, Now: time.Now, Calendar: cal, jobs: jobs}, nil
}

// Close releases every connection.
func (db *DB) Close() { db.Pool.Close() }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	return translate(db.Pool.Ping(ctx))
}

// translate maps pgx errors to the domain's kinds of failure, keeping the original
// error in the chain for the logs.
func translate(err error) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("%w: %w", bienvenue.ErrNotFound, err)
	case errors.As(err, &pgErr) && pgErr.Code == "23505":
		return fmt.Errorf("%w: %w", bienvenue.ErrConflict, err)
	case errors.As(err, &pgErr) && pgErr.Code == "23503": // refers to a row that does not exist
		return fmt.Errorf("%w: %w", bienvenue.ErrInvalid, err)
	case unreachable(err):
		return fmt.Errorf("%w: %w", bienvenue.ErrUnavailable, err)
	}
	return err
}

// unreachable reports whether err means the database could not be reached or went away,
// as opposed to a query that failed.
func unreachable(err error) bool {
	var connErr *pgconn.ConnectError
	var netErr net.Error
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &connErr), errors.As(err, &netErr), pgconn.Timeout(err):
		return true
	case errors.As(err, &pgErr):
		// Class 08 is connection exceptions; 57P01-57P03 are shutdowns and start-ups.
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P0")
	}
	return pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "closed pool")
}

// inTx runs fn in one transaction, committed when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return translate(pgx.BeginFunc(ctx, db.Pool, fn))
}
