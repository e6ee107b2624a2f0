package postgres

import (
	"context"

	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/mail"
)

// MailCapture keeps emails in the database instead of sending them, for demonstration
// and tests; administrators read them in the back office.
type MailCapture struct{ DB *DB }

// Send keeps m.
func (c MailCapture) Send(ctx context.Context, m mail.Message) error {
	_, err := c.DB.Pool.Exec(ctx, `INSERT INTO captured_emails (to_address, subject, body, captured_at) VALUES ($1, $2, $3, $4)`,
		m.To, m.Subject, m.Text, c.DB.Now())
	return translate(err)
}

// CapturedEmail is a kept email.
type CapturedEmail struct {
	ID         int64
	To         string
	Subject    string
	Body       string
	CapturedAt time.Time
}

// CapturedEmails lists kept emails, newest first, at most limit.
func (db *DB) CapturedEmails(ctx context.Context, limit int) ([]CapturedEmail, error) {
	rows, err := db.Pool.Query(ctx, `SELECT id, to_address, subject, body, captured_at FROM captured_emails
		ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, translate(err)
	}
	emails, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CapturedEmail])
	return emails, translate(err)
}
