package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/images"
)

// image serves a stored picture with headers that keep it a picture: its own type, no
// sniffing, no script or style even if opened on its own, a safe name, and a long cache,
// as a name is never reused for other content.
func (s *Server) image(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	if !images.ValidName(name) {
		s.notFound(w, r)
		return
	}
	img, err := s.db.Image(r.Context(), name)
	if err != nil {
		s.error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", img.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Content-Disposition", `inline; filename="`+img.Name+`"`)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Content-Length", strconv.Itoa(len(img.Data)))
	w.Write(img.Data)
}

// uploadedImage reads and processes the picture sent in field of a parsed multipart
// form: nil when no file was chosen, an images error when it is refused.
func uploadedImage(r *http.Request, field string) (*images.Image, error) {
	file, _, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := images.Read(file)
	if err != nil {
		return nil, err
	}
	img, err := images.Process(data)
	if err != nil {
		return nil, err
	}
	return &img, nil
}

// imageRefusal is the catalog key saying why a picture was refused, and the status to
// answer with; ok is false when err is not a refusal but a failure.
func imageRefusal(err error) (key string, status int, ok bool) {
	switch {
	case errors.Is(err, images.ErrTooLarge):
		return "images.error.too_large", http.StatusRequestEntityTooLarge, true
	case errors.Is(err, images.ErrType):
		return "images.error.type", http.StatusUnprocessableEntity, true
	case errors.Is(err, images.ErrDimensions):
		return "images.error.dimensions", http.StatusUnprocessableEntity, true
	case errors.Is(err, images.ErrDamaged):
		return "images.error.damaged", http.StatusUnprocessableEntity, true
	}
	return "", 0, false
}
