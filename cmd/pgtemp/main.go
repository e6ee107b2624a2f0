// Command pgtemp runs a command beside a throwaway PostgreSQL cluster: it starts the
// cluster in a temporary folder, runs the command with TEST_DATABASE_URL pointing at it,
// then stops and deletes the cluster. `make test` runs the whole test suite this way, so
// every test package shares one cluster. With PGTEMP_DURABLE=1 the cluster keeps
// PostgreSQL's durable defaults (fsync, synchronous commit), for benchmarks.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		fmt.Fprintln(os.Stderr, "pgtemp:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: pgtemp <command> [args...]")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, err := os.MkdirTemp("", "bienvenue-pgtemp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// Benchmarks measure durable commits, as in production; tests need no durability.
	cluster, err := pgtest.StartCluster(ctx, dir, os.Getenv("PGTEMP_DURABLE") != "1")
	if err != nil {
		return err
	}
	defer cluster.Stop(context.WithoutCancel(ctx))
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), pgtest.EnvURL+"="+cluster.URL("postgres"))
	return cmd.Run()
}
