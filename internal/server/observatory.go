package server

import (
	"net/http"

	"github.com/bienvenue-sante/bienvenue/web"
)

func (s *Server) observatory(w http.ResponseWriter, r *http.Request) {
	t, err := s.db.Territory(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Observatory(s.page(r, "observatory.title"), territoryView(t)))
}
