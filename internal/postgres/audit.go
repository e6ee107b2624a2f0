package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Audit actions on a request's personal data.
const (
	AuditView      = "view"
	AuditChange    = "change"
	AuditExport    = "export"
	AuditAnonymise = "anonymise"
)

// Audit records that a staff member opened or exported a request's personal data.
// Changes are recorded by the store itself, in the transaction that makes them.
func (db *DB) Audit(ctx context.Context, staffID, requestID int64, action, detail string) error {
	return translate(audit(ctx, db.Pool, db.Now(), staffID, requestID, action, detail))
}

// execer runs a statement: the pool (the statement is its own transaction) or a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func audit(ctx context.Context, e execer, at time.Time, staffID, requestID int64, action, detail string) error {
	_, err := e.Exec(ctx, `
		INSERT INTO audit_log (at, staff_id, staff_name, request_id, reference, action, detail)
		SELECT $1, u.id, u.name, r.id, coalesce(r.reference, ''), $4, $5
		FROM staff_users u LEFT JOIN requests r ON r.id = $3
		WHERE u.id = $2`, at, staffID, requestID, action, detail)
	return err
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID        int64
	At        time.Time
	StaffName string
	Reference string
	Action    string
	Detail    string
}

// AuditFilter chooses lines of the audit log.
type AuditFilter struct {
	Staff     string // part of a staff member's name
	Reference string
	Action    string
	Before    int64 // keyset cursor
	Limit     int
}

// AuditLog lists the audit log, newest first, one page at a time.
func (db *DB) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, int64, error) {
	var c conditions
	if f.Staff != "" {
		c.add("staff_name ILIKE '%' || ? || '%'", likeEscape(f.Staff))
	}
	if f.Reference != "" {
		c.add("reference = upper(?)", strings.TrimSpace(f.Reference))
	}
	if f.Action != "" {
		c.add("action = ?", f.Action)
	}
	if f.Before != 0 {
		c.add("id < ?", f.Before)
	}
	sql := `SELECT id, at, staff_name, reference, action, detail FROM audit_log` + c.where() + " ORDER BY id DESC" + c.limit(f.Limit+1)
	rows, err := db.Pool.Query(ctx, sql, c.args...)
	if err != nil {
		return nil, 0, translate(err)
	}
	entries, err := pgx.CollectRows(rows, pgx.RowToStructByPos[AuditEntry])
	if err != nil {
		return nil, 0, translate(err)
	}
	var next int64
	if len(entries) > f.Limit {
		entries = entries[:f.Limit]
		next = entries[f.Limit-1].ID
	}
	return entries, next, nil
}
