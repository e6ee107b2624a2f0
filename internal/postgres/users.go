package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

const userColumns = `id, email, name, role, password_hash, demo, created_at`

// CreateUser stores a new staff account and returns it with its id. An email already
// taken, in any letter case, is a bienvenue.ErrConflict.
func (db *DB) CreateUser(ctx context.Context, u staff.User) (staff.User, error) {
	rows, err := db.Pool.Query(ctx, `
		INSERT INTO staff_users (email, name, role, password_hash, demo, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		RETURNING `+userColumns,
		u.Email, u.Name, u.Role, u.PasswordHash, u.Demo, db.Now())
	if err != nil {
		return staff.User{}, translate(err)
	}
	created, err := pgx.CollectExactlyOneRow(rows, scanUser)
	if err != nil {
		return staff.User{}, fmt.Errorf("create user %s: %w", u.Email, translate(err))
	}
	return created, nil
}

// UserByEmail finds an account by email, whatever its letter case.
func (db *DB) UserByEmail(ctx context.Context, email string) (staff.User, error) {
	return db.oneUser(ctx, `SELECT `+userColumns+` FROM staff_users WHERE lower(email) = lower($1)`, email)
}

// UserByID finds an account by id.
func (db *DB) UserByID(ctx context.Context, id int64) (staff.User, error) {
	return db.oneUser(ctx, `SELECT `+userColumns+` FROM staff_users WHERE id = $1`, id)
}

// Users lists every account, by role then name.
func (db *DB) Users(ctx context.Context) ([]staff.User, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+userColumns+` FROM staff_users ORDER BY role, name, id`)
	if err != nil {
		return nil, translate(err)
	}
	users, err := pgx.CollectRows(rows, scanUser)
	return users, translate(err)
}

func (db *DB) oneUser(ctx context.Context, query string, arg any) (staff.User, error) {
	rows, err := db.Pool.Query(ctx, query, arg)
	if err != nil {
		return staff.User{}, translate(err)
	}
	u, err := pgx.CollectExactlyOneRow(rows, scanUser)
	return u, translate(err)
}

func scanUser(row pgx.CollectableRow) (staff.User, error) {
	var u staff.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Demo, &u.CreatedAt)
	return u, err
}
