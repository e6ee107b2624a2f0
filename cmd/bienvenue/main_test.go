package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/localpg"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestUserCreateReadsThePasswordFromStandardInput(t *testing.T) {
	t.Parallel()
	getenv := env(map[string]string{"DATABASE_URL": pgtest.NewURL(t)})
	var out bytes.Buffer
	args := []string{"user", "create", "--email", "claire@cd47.fr", "--name", "Claire Martin", "--role", "supervisor"}
	if err := run(context.Background(), args, getenv, strings.NewReader("un mot de passe solide\n"), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "created supervisor account") {
		t.Errorf("output %q", out.String())
	}
	err := run(context.Background(), args, getenv, strings.NewReader("un mot de passe solide\n"), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second create: err = %v, want «already exists»", err)
	}
	err = run(context.Background(), []string{"user", "create", "--email", "x@cd47.fr", "--name", "X"}, getenv, strings.NewReader("court\n"), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "password") {
		t.Errorf("short password: err = %v, want a password error", err)
	}
}

// Instances starting together on an empty database all migrate and load the territory
// without racing.
func TestInstancesMigrateTheSameDatabaseTogether(t *testing.T) {
	t.Parallel()
	getenv := env(map[string]string{"DATABASE_URL": pgtest.EmptyURL(t)})
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			<-start
			errs[i] = run(context.Background(), []string{"migrate"}, getenv, nil, io.Discard)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
}

// What `make run` does, on a given database: demo content, the portal served, and a
// graceful stop.
func TestDevServesTheDemoPortalAndStopsGracefully(t *testing.T) {
	t.Parallel()
	port, err := localpg.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	getenv := env(map[string]string{"DATABASE_URL": pgtest.EmptyURL(t), "ADDR": addr})
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs bytes.Buffer
	go func() { done <- run(ctx, []string{"dev"}, getenv, nil, &syncWriter{w: &logs}) }()

	body := waitForPage(t, "http://"+addr+"/")
	for _, want := range []string{"Mode démonstration", "Bienvenue Docteur !", "Lot-et-Garonne"} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("dev stopped with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("dev did not stop")
	}
	if !strings.Contains(logs.String(), "admin@demo.test") || !strings.Contains(logs.String(), "bienvenue-demo") {
		t.Errorf("the demo accounts were not printed at start:\n%s", logs.String())
	}
}

func waitForPage(t *testing.T, url string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return string(b)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not answer within 30 s", url)
	return ""
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestImportRPPSMakesASnapshotAndAFailedImportChangesNothing(t *testing.T) {
	t.Parallel()
	getenv := env(map[string]string{"DATABASE_URL": pgtest.NewURL(t)})
	dir := t.TempDir()
	var b strings.Builder
	if err := rpps.WriteSynthetic(&b, 5000, []string{"47001", "47323", "47157"}, 7); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "PS_LibreAcces_Personne_activite_202511140904.txt")
	os.WriteFile(good, []byte(b.String()), 0o644)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"import", "rpps", good}, getenv, nil, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "snapshot of 2025-11-14: 5000 rows read") || !strings.Contains(out.String(), "left out, other_departement") {
		t.Errorf("output %q", out.String())
	}
	truncated := filepath.Join(dir, "PS_LibreAcces_Personne_activite_202512010904.txt")
	os.WriteFile(truncated, []byte(b.String()[:len(b.String())-40]), 0o644)
	err := run(context.Background(), []string{"import", "rpps", truncated}, getenv, nil, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("truncated import: err = %v", err)
	}
	db, err := postgres.Open(context.Background(), getenv("DATABASE_URL"), postgres.Options{MaxConns: 2, ConnectTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snapshots, err := db.Snapshots(context.Background())
	if err != nil || len(snapshots) != 1 || snapshots[0].Demo {
		t.Errorf("snapshots after a good and a truncated import: %+v (%v)", snapshots, err)
	}
}
