package server

import "net/http"

// signOut deletes the session on the server, then starts a fresh one for the notice.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "signin.signed_out")
	redirect(w, r, "/")
}
