package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// createUser creates a staff account; the password comes from a prompt on a terminal,
// or from the first line of standard input otherwise.
func createUser(ctx context.Context, cfg config, log *slog.Logger, args []string, stdin io.Reader, stdout io.Writer) error {
	flags := flag.NewFlagSet("user create", flag.ContinueOnError)
	flags.SetOutput(stdout)
	email := flags.String("email", "", "the account's email address (required)")
	name := flags.String("name", "", "the person's name (required)")
	role := flags.String("role", "officer", "officer, supervisor, observatory or admin")
	if err := flags.Parse(args); err != nil {
		return err
	}
	password, err := readPassword(stdin, stdout)
	if err != nil {
		return err
	}
	u, err := staff.NewUser(*email, *name, staff.Role(*role), password)
	var fieldErrs bienvenue.FieldErrors
	if errors.As(err, &fieldErrs) {
		return fmt.Errorf("invalid account: %s", describe(fieldErrs))
	} else if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	created, err := db.CreateUser(ctx, u)
	if errors.Is(err, bienvenue.ErrConflict) {
		return fmt.Errorf("an account with email %s already exists", u.Email)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s account %d for %s <%s>\n", created.Role, created.ID, created.Name, created.Email)
	return nil
}

func readPassword(stdin io.Reader, stdout io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stdout, "Password (12 characters or more): ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stdout, "Same password again: ")
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", err
		}
		if string(first) != string(second) {
			return "", errors.New("the two passwords differ")
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", errors.New("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// describe lists field errors in English for the command line.
func describe(errs bienvenue.FieldErrors) string {
	var parts []string
	for field, key := range errs {
		parts = append(parts, field+": "+strings.TrimPrefix(key, "error."))
	}
	return strings.Join(parts, ", ")
}
