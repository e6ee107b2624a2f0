package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

// trackingURL is the private address of a request's tracking page.
func (s *Server) trackingURL(token string) string {
	return strings.TrimRight(s.cfg.BaseURL, "/") + "/suivi/" + token
}

// confirmationEmail tells an applicant their request is filed, with its private link.
func (s *Server) confirmationEmail(r *http.Request, to, ref, token string) mail.Message {
	return s.email(r, to, "email.confirmation", "Reference", ref, "Link", s.trackingURL(token))
}

// linksEmail sends fresh links to every request filed with an address.
func (s *Server) linksEmail(r *http.Request, links []postgres.Link) mail.Message {
	l := i18n.From(r.Context())
	var list strings.Builder
	for _, link := range links {
		list.WriteString(l.T("email.links.item", "Reference", link.Reference, "Link", s.trackingURL(link.Token)))
		list.WriteString("\n")
	}
	return s.email(r, "", "email.links", "List", list.String())
}

// messageEmail tells an applicant an officer wrote to them, in the applicant's language.
func (s *Server) messageEmail(req *casework.Request, officer, token string) mail.Message {
	l := s.catalog.Localizer(req.Lang, s.cfg.TimeZone)
	return s.emailIn(l, req.Email, "email.message", "Reference", req.Reference, "Who", officer, "Link", s.trackingURL(token))
}

// email writes message key (its .subject and .body) in the visitor's language.
func (s *Server) email(r *http.Request, to, key string, pairs ...any) mail.Message {
	return s.emailIn(i18n.From(r.Context()), to, key, pairs...)
}

// emailIn writes message key in the language of l.
func (s *Server) emailIn(l *i18n.Localizer, to, key string, pairs ...any) mail.Message {
	pairs = append(pairs, "Brand", s.cfg.Brand, "Name", s.cfg.Departement)
	return mail.Message{To: to, Subject: l.T(key+".subject", pairs...), Text: l.T(key+".body", pairs...)}
}

// EscalationEmails tell the assignee and the queue's supervisors that a request missed
// a service level, in French: staff work in the département's language.
func (s *Server) EscalationEmails(b postgres.Breach) []mail.Message {
	l := s.catalog.Localizer("fr", s.cfg.TimeZone)
	link := strings.TrimRight(s.cfg.BaseURL, "/") + "/espace/demandes/" + strconv.FormatInt(b.RequestID, 10)
	messages := make([]mail.Message, 0, len(b.Recipients))
	for _, to := range b.Recipients {
		messages = append(messages, s.emailIn(l, to, "email.escalation", "Reference", b.Reference,
			"Breach", l.T("breach."+b.Kind), "Due", b.Due.In(s.cfg.TimeZone).Format("02/01/2006"), "Queue", b.Queue, "Link", link))
	}
	return messages
}
