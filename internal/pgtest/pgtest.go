// Package pgtest gives each test its own real PostgreSQL database, copied from a template
// that is migrated once (the pgtestdb technique), so tests run in parallel.
//
// Tests reach a cluster through TEST_DATABASE_URL (set by `make test`, which starts one
// throwaway cluster for all packages). Without it, Main starts a throwaway cluster for the
// package under test, so a plain `go test ./...` works too.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
	"github.com/bienvenue-sante/bienvenue/internal/localpg"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
	"github.com/bienvenue-sante/bienvenue/migrations"
)

// EnvURL names the variable holding the URL of a database on the test cluster whose
// user may create databases.
const EnvURL = "TEST_DATABASE_URL"

// Main runs a package's tests, first starting a throwaway cluster when EnvURL is unset.
// Use it from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	if os.Getenv(EnvURL) != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "bienvenue-pgtest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	cluster, err := StartCluster(context.Background(), dir, true)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: these tests need PostgreSQL: set %s to a database URL, or install the PostgreSQL server binaries (initdb, pg_ctl) and run `make test`.\n%v\n", EnvURL, err)
		return 1
	}
	defer cluster.Stop(context.Background())
	os.Setenv(EnvURL, cluster.URL("postgres"))
	return m.Run()
}

// StartCluster starts a throwaway cluster in dir on a free port; fast trades durability
// (fsync) for speed, as tests want.
func StartCluster(ctx context.Context, dir string, fast bool) (*localpg.Cluster, error) {
	port, err := localpg.FreePort()
	if err != nil {
		return nil, err
	}
	c := &localpg.Cluster{Dir: dir, Port: port, Fast: fast}
	return c, c.Start(ctx)
}

// The template is built once per test process; its name changes with the migrations
// and the territory data, so a stale template is never used.
var template struct {
	once sync.Once
	name string
	err  error
}

// New returns a store on a fresh database holding the schema and the territory of
// département 47 (see NewURL).
func New(t testing.TB) *postgres.DB {
	t.Helper()
	return Open(t, NewURL(t))
}

// Open returns a store on the database at url, closed when the test ends: a second
// one on a database from NewURL is another instance of the portal on it.
func Open(t testing.TB, url string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), url, postgres.Options{MaxConns: 4, ConnectTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close) // runs before the database is dropped
	return db
}

// NewURL creates a database holding the schema and the territory of département 47, and
// returns its URL. The database is dropped after a passing test and kept after a failing
// one, for a look.
func NewURL(t testing.TB) string {
	t.Helper()
	template.once.Do(func() { template.name, template.err = buildTemplate(context.Background(), adminURL(t)) })
	if template.err != nil {
		t.Fatalf("pgtest template: %v", template.err)
	}
	return createDatabase(t, template.name)
}

// EmptyURL creates an empty database, as a fresh installation finds it, and returns its URL.
func EmptyURL(t testing.TB) string {
	t.Helper()
	return createDatabase(t, "template0")
}

func adminURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		t.Fatalf("%s is unset: call pgtest.Main from TestMain, or run `make test`", EnvURL)
	}
	return u
}

func createDatabase(t testing.TB, template string) string {
	t.Helper()
	ctx := context.Background()
	admin := adminURL(t)
	name := "test_" + randomHex(8)
	if err := adminExec(ctx, admin, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, name, template)); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("kept test database %s for a look", name)
			return
		}
		if err := adminExec(ctx, admin, `DROP DATABASE `+name+` WITH (FORCE)`); err != nil {
			t.Logf("drop test database: %v", err)
		}
	})
	return replaceDatabase(admin, name)
}

func buildTemplate(ctx context.Context, adminURL string) (string, error) {
	terr, err := territory.Shipped("47")
	if err != nil {
		return "", err
	}
	h := sha256.New()
	err = fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		h.Write(b)
		return err
	})
	if err != nil {
		return "", err
	}
	h.Write([]byte(terr.Checksum))
	fmt.Fprint(h, aid.National)
	name := "tmpl_" + hex.EncodeToString(h.Sum(nil))[:16]

	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	// Packages run in parallel processes: one builds the template, the others wait.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(4747)`); err != nil {
		return "", err
	}
	defer conn.Exec(ctx, `SELECT pg_advisory_unlock(4747)`)
	var ready bool
	err = conn.QueryRow(ctx, `SELECT datistemplate FROM pg_database WHERE datname = $1`, name).Scan(&ready)
	switch {
	case err == nil && ready:
		return name, nil
	case err == nil: // a build that died half-way
		if _, err := conn.Exec(ctx, `DROP DATABASE `+name); err != nil {
			return "", err
		}
	case err != pgx.ErrNoRows:
		return "", err
	}
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		return "", err
	}
	db, err := postgres.Open(ctx, replaceDatabase(adminURL, name), postgres.Options{MaxConns: 2, ConnectTimeout: 5 * time.Second})
	if err != nil {
		return "", err
	}
	err = db.Prepare(ctx, terr, slog.New(slog.DiscardHandler))
	db.Close()
	if err != nil {
		return "", err
	}
	_, err = conn.Exec(ctx, `ALTER DATABASE `+name+` WITH is_template true`)
	return name, err
}

func adminExec(ctx context.Context, adminURL, sql string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// replaceDatabase returns adminURL (a postgres:// URL) pointing at database name instead.
func replaceDatabase(adminURL, name string) string {
	u, err := url.Parse(adminURL)
	if err != nil {
		return adminURL
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
