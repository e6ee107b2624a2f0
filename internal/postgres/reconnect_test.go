package postgres_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

// When PostgreSQL goes away, the store says it is unavailable; when it comes back, the
// same pool serves again without a restart.
func TestPoolRecoversWhenPostgresComesBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Not t.TempDir: its parent is private to the test's user, and the server may run as
	// another one.
	dir, err := os.MkdirTemp("", "bienvenue-reconnect-")
	if err != nil {
		t.Fatal(err)
	}
	cluster, err := pgtest.StartCluster(ctx, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cluster.Stop(context.Background()); os.RemoveAll(dir) })
	db, err := postgres.Open(ctx, cluster.URL("postgres"), postgres.Options{MaxConns: 4, ConnectTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(ctx); err != nil {
		t.Fatal(err)
	}

	if err := cluster.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Ping(ctx); !errors.Is(err, bienvenue.ErrUnavailable) {
		t.Fatalf("ping with the server down: err = %v, want ErrUnavailable", err)
	}

	if err := cluster.Start(ctx); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := db.Ping(ctx)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still failing 5 s after PostgreSQL came back: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
