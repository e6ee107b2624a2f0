package postgres

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
	"github.com/bienvenue-sante/bienvenue/migrations"
)

// Prepare makes the database ready to serve: it migrates, then loads the territory and
// the national aids when they changed. Instances starting together on one database may
// all call it.
func (db *DB) Prepare(ctx context.Context, t territory.Territory, log *slog.Logger) error {
	if err := db.Migrate(ctx, log); err != nil {
		return err
	}
	loaded, err := db.LoadTerritory(ctx, t)
	if err != nil {
		return err
	}
	if loaded {
		log.Info("territory loaded", "departement", t.Code, "communes", len(t.Communes), "epcis", len(t.EPCIs))
	}
	return db.LoadNationalAids(ctx, aid.National)
}

// Migrate applies every pending migration. A session-level advisory lock makes
// instances that start together take turns instead of racing.
func (db *DB) Migrate(ctx context.Context, log *slog.Logger) error {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return err
	}
	sqlDB := stdlib.OpenDBFromPool(db.Pool)
	defer sqlDB.Close()
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.FS,
		goose.WithSessionLocker(locker), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return translate(fmt.Errorf("migrate: %w", err))
	}
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration)
	}
	return db.migrateJobQueue(ctx, log)
}

// migrateJobQueue applies the job queue's own migrations (river's), under an advisory
// lock held on one connection so that instances take turns.
func (db *DB) migrateJobQueue(ctx context.Context, log *slog.Logger) error {
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return translate(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtext('bienvenue.river_migrate'))`); err != nil {
		return translate(err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext('bienvenue.river_migrate'))`)
	migrator, err := rivermigrate.New(riverpgxv5.New(db.Pool), nil)
	if err != nil {
		return err
	}
	res, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return translate(fmt.Errorf("job queue migrations: %w", err))
	}
	for _, v := range res.Versions {
		log.Info("job queue migration applied", "version", v.Version)
	}
	return nil
}
