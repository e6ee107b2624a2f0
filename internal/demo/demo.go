// Package demo fills a database with demonstration content, for trying the portal: staff
// accounts with a known password, queues and routing rules for Lot-et-Garonne, a few
// invented requests, internship offers, events, testimonials and maisons and centres de
// santé, and the high-school corner's pages. It is loaded only by `bienvenue dev`, never
// in production, and the database is marked so that every page says so.
package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// Password is the password of every demonstration account.
const Password = "bienvenue-demo"

// Account is a demonstration staff account.
type Account struct {
	Email string
	Name  string
	Role  staff.Role
}

// Accounts are the demonstration staff accounts, one per role.
var Accounts = []Account{
	{"officer@demo.test", "Camille Officier (démo)", staff.RoleOfficer},
	{"supervisor@demo.test", "Sacha Superviseur (démo)", staff.RoleSupervisor},
	{"observatory@demo.test", "Dominique Observatoire (démo)", staff.RoleObservatory},
	{"admin@demo.test", "Alex Admin (démo)", staff.RoleAdmin},
}

// AccountList is the demonstration accounts' emails, for people to read.
func AccountList() string {
	emails := make([]string, len(Accounts))
	for i, a := range Accounts {
		emails[i] = a.Email
	}
	return strings.Join(emails, ", ")
}

// Load marks the database as holding demonstration content and creates the missing
// demonstration accounts. Running it again changes nothing.
func Load(ctx context.Context, db *postgres.DB) error {
	if err := db.MarkDemo(ctx); err != nil {
		return err
	}
	for _, a := range Accounts {
		if _, err := db.UserByEmail(ctx, a.Email); err == nil {
			continue
		} else if !errors.Is(err, bienvenue.ErrNotFound) {
			return err
		}
		u, err := staff.NewUser(a.Email, a.Name, a.Role, Password)
		if err != nil {
			return fmt.Errorf("demo account %s: %w", a.Email, err)
		}
		u.Demo = true
		if _, err := db.CreateUser(ctx, u); err != nil && !errors.Is(err, bienvenue.ErrConflict) {
			return err
		}
	}
	if err := loadCasework(ctx, db); err != nil {
		return err
	}
	if err := loadOffers(ctx, db, db.Now()); err != nil {
		return err
	}
	if err := loadEvents(ctx, db); err != nil {
		return err
	}
	if err := loadLycee(ctx, db); err != nil {
		return err
	}
	return loadStructures(ctx, db)
}

func lower(s string) string {
	return strings.ToLower(bienvenue.Unaccent(s))
}
