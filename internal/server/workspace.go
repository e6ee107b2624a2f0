package server

import (
	"net/http"

	"github.com/bienvenue-sante/bienvenue/web"
)

func (s *Server) workspace(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.Workspace(s.page(r, "workspace.title")))
}
