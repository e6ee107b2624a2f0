package server

import (
	"net/http"

	"github.com/bienvenue-sante/bienvenue/web"
)

// accounts lists staff accounts, for administrators.
func (s *Server) accounts(w http.ResponseWriter, r *http.Request) {
	users, err := s.db.Users(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	rows := make([]web.AccountRow, 0, len(users))
	for _, u := range users {
		rows = append(rows, web.AccountRow{Name: u.Name, Email: u.Email, Role: string(u.Role),
			CreatedAt: u.CreatedAt.Format("02/01/2006"), Demo: u.Demo})
	}
	s.render(w, r, http.StatusOK, web.Accounts(s.page(r, "accounts.title"), rows))
}
