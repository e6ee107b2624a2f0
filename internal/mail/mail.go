// Package mail owns the portal's outgoing email: the message, the job that delivers it
// after the transaction that decided it commits, and the SMTP sender.
package mail

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one plain-text email.
type Message struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
}

// Job is the queued delivery of a message (a river job).
type Job struct {
	Message Message `json:"message"`
}

// Kind names the job for the queue.
func (Job) Kind() string { return "email" }

// Queue is the job queue emails are delivered from, apart from the other background
// jobs, with workers of its own.
const Queue = "email"

// SMTP sends messages through an SMTP server.
type SMTP struct {
	client *gomail.Client
	from   string
}

// NewSMTP configures a sender from a URL such as
// smtp://user:password@smtp.example.fr:587 (STARTTLS required), smtps://...:465, or
// smtp://localhost:25?starttls=optional for a relay on the same machine, and the From
// address.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465")
	}
	opts := []gomail.Option{gomail.WithTimeout(20 * time.Second)}
	if p := u.Port(); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("SMTP_URL port: %w", err)
		}
		opts = append(opts, gomail.WithPort(port))
	}
	switch {
	case u.Scheme == "smtps":
		opts = append(opts, gomail.WithSSL())
	case u.Query().Get("starttls") == "optional":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if u.User != nil {
		password, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(password))
	}
	client, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, err
	}
	return &SMTP{client: client, from: from}, nil
}

// Send delivers m.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("from %q: %w", s.from, err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("to %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	return s.client.DialAndSendWithContext(ctx, msg)
}
