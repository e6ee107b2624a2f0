package mail_test

import (
	"bufio"
	"context"
	"net"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/mail"
)

// fakeSMTP is the smallest SMTP server that accepts one message and hands back its data.
func fakeSMTP(t *testing.T) (addr string, received <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got := make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r, w := bufio.NewReader(conn), bufio.NewWriter(conn)
		reply := func(s string) { w.WriteString(s + "\r\n"); w.Flush() }
		reply("220 fake ESMTP")
		var data strings.Builder
		inData := false
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if inData {
				if line == ".\r\n" {
					inData = false
					got <- data.String()
					reply("250 queued")
				} else {
					data.WriteString(line)
				}
				continue
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
				reply("250 fake")
			case cmd == "DATA":
				inData = true
				reply("354 go on")
			case cmd == "QUIT":
				reply("221 bye")
				return
			default:
				reply("250 ok")
			}
		}
	}()
	return ln.Addr().String(), got
}

func TestSMTPSendsThePlainTextMessage(t *testing.T) {
	addr, received := fakeSMTP(t)
	s, err := mail.NewSMTP("smtp://"+addr+"?starttls=optional", "Bienvenue Docteur <ne-pas-repondre@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), mail.Message{To: "amina@example.org", Subject: "Votre demande BD-2026-00001",
		Text: "Bonjour,\nvotre demande est reçue."})
	if err != nil {
		t.Fatal(err)
	}
	data := <-received
	for _, want := range []string{"To: <amina@example.org>", "Subject: Votre demande BD-2026-00001", "re=C3=A7ue", "ne-pas-repondre@example.org"} {
		if !strings.Contains(data, want) {
			t.Errorf("message lacks %q:\n%s", want, data)
		}
	}
}

func TestSMTPURLMustBeSMTP(t *testing.T) {
	for _, bad := range []string{"http://smtp.example.org", "smtp://", "not a url"} {
		if _, err := mail.NewSMTP(bad, "x@example.org"); err == nil {
			t.Errorf("NewSMTP(%q) accepted", bad)
		}
	}
}
