package server

import (
	"net/http"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
)

// switchLanguage remembers the visitor's language for a year and returns to their page.
func (s *Server) switchLanguage(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: langCookie, Value: i18n.Supported(r.PostForm.Get("lang")), Path: "/",
		MaxAge: 365 * 24 * 3600, HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode,
	})
	redirect(w, r, localPath(r.PostForm.Get("next")))
}

// localPath returns next when it is a path on this site, "/" otherwise, so that a
// crafted link cannot send the visitor elsewhere after a form.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		bienvenue.CheckText(next, true, 2000) != "" {
		return "/"
	}
	return next
}
