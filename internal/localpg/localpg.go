// Package localpg runs a PostgreSQL cluster of its own in a folder, for development and tests.
//
// It drives the system's server binaries (initdb, pg_ctl). PostgreSQL refuses to run as
// root, so when the current user is root every command runs as the OS user "postgres",
// which then owns the cluster's folder.
package localpg

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Cluster is a PostgreSQL cluster living in Dir and listening on 127.0.0.1:Port.
// It trusts local connections: it is for development and tests only.
type Cluster struct {
	Dir  string
	Port int
	// Fast trades durability for speed (fsync off), for throwaway test clusters.
	Fast bool

	owner *user.User // set when commands must run as "postgres"
}

// binDirs are where Debian and Ubuntu keep the server binaries when they are not on PATH.
var binDirs = []string{"/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"}

// Start initialises the cluster when its folder holds none, then starts it unless it
// already runs. It returns once the server accepts connections.
func (c *Cluster) Start(ctx context.Context) error {
	if err := c.prepare(); err != nil {
		return err
	}
	data := c.dataDir()
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := c.run(ctx, "initdb", "--pgdata", data, "--username", "postgres",
			"--auth", "trust", "--encoding", "UTF8", "--locale", "C.UTF-8", "--no-instructions"); err != nil {
			if c.owner != nil {
				return fmt.Errorf("initdb as OS user postgres (every folder above %s must be reachable by that user): %w", c.Dir, err)
			}
			return fmt.Errorf("initdb: %w", err)
		}
	}
	if c.running(ctx) {
		return nil
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -c port=%d -c unix_socket_directories=''", c.Port)
	if c.Fast {
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
	}
	if err := c.run(ctx, "pg_ctl", "start", "--pgdata", data, "--wait", "--timeout", "60",
		"--log", filepath.Join(c.Dir, "postgres.log"), "-o", opts); err != nil {
		return fmt.Errorf("pg_ctl start (see %s): %w", filepath.Join(c.Dir, "postgres.log"), err)
	}
	return nil
}

// Stop shuts the server down, letting it write a clean checkpoint.
func (c *Cluster) Stop(ctx context.Context) error { return c.stop(ctx, "fast") }

// Crash stops the server at once, as a power cut would: it recovers from its journal at
// the next start. For crash tests.
func (c *Cluster) Crash(ctx context.Context) error { return c.stop(ctx, "immediate") }

func (c *Cluster) stop(ctx context.Context, mode string) error {
	if err := c.prepare(); err != nil {
		return err
	}
	if !c.running(ctx) {
		return nil
	}
	return c.run(ctx, "pg_ctl", "stop", "--pgdata", c.dataDir(), "--mode", mode, "--wait")
}

// URL is the connection string for database name on this cluster.
func (c *Cluster) URL(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, database)
}

func (c *Cluster) dataDir() string { return filepath.Join(c.Dir, "data") }

func (c *Cluster) running(ctx context.Context) bool {
	return c.run(ctx, "pg_ctl", "status", "--pgdata", c.dataDir()) == nil
}

// prepare creates the folder and, when running as root, hands it to "postgres".
func (c *Cluster) prepare() error {
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return err
	}
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("running as root needs an OS user named postgres to run the server: %w", err)
	}
	c.owner = u
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(c.Dir, uid, gid)
}

func (c *Cluster) run(ctx context.Context, tool string, args ...string) error {
	bin, err := findBinary(tool)
	if err != nil {
		return err
	}
	if c.owner != nil {
		args = append([]string{"-u", c.owner.Username, "--", bin}, args...)
		bin = "runuser"
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// pg_ctl start leaves the server running: never wait on pipes it might hold.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w: %s", tool, strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return nil
}

func findBinary(tool string) (string, error) {
	if p, err := exec.LookPath(tool); err == nil {
		return p, nil
	}
	for _, dir := range binDirs {
		p := filepath.Join(dir, tool)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found on PATH nor in /usr/lib/postgresql/<version>/bin: install the PostgreSQL server (Debian: apt-get install postgresql)", tool)
}

// FreePort asks the kernel for a TCP port on 127.0.0.1 that is free right now.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
