package server

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/apl"
	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/finess"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/importer"
	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
	"github.com/bienvenue-sante/bienvenue/web"
)

// maxExtractBytes bounds an uploaded RPPS extract: France's is about 700 MB.
const maxExtractBytes = 2 << 30

// rppsPage shows the snapshots imported and the upload form.
func (s *Server) rppsPage(w http.ResponseWriter, r *http.Request) {
	s.renderRPPS(w, r, http.StatusOK, web.RPPSView{})
}

func (s *Server) renderRPPS(w http.ResponseWriter, r *http.Request, status int, v web.RPPSView) {
	snapshots, err := s.db.AllSnapshots(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	for _, sn := range snapshots {
		v.Snapshots = append(v.Snapshots, web.SnapshotRow{Date: i18n.FormatDate(ctx, sn.TakenOn), Source: sn.Source,
			Read: i18n.FormatInt(ctx, sn.Read), Kept: i18n.FormatInt(ctx, sn.Kept), Demo: sn.Demo,
			Imported: i18n.FormatDateTime(ctx, sn.ImportedAt)})
	}
	s.render(w, r, status, web.RPPS(s.page(r, "rpps.title"), v))
}

// uploadRPPS streams an uploaded extract into a snapshot, without keeping the file.
func (s *Server) uploadRPPS(w http.ResponseWriter, r *http.Request) {
	part, date, ok := s.streamedUpload(w, r, maxExtractBytes, "date", "fichier")
	if !ok {
		return
	}
	if date.IsZero() {
		date, _ = rpps.DateOf(part.FileName())
	}
	if date.IsZero() {
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "rpps.error.date"})
		return
	}
	res, err := importer.RPPS(r.Context(), s.db, part, part.FileName(), date, s.territory, currentUser(r).ID)
	if err != nil {
		s.rppsFailed(w, r, err)
		return
	}
	s.renderRPPS(w, r, http.StatusOK, web.RPPSView{Done: &web.SnapshotRow{Date: i18n.FormatDate(r.Context(), date),
		Source: part.FileName(), Read: i18n.FormatInt(r.Context(), res.Read), Kept: i18n.FormatInt(r.Context(), res.Kept)}})
}

// streamedUpload reads a multipart form bounded to limit bytes up to its file part
// fileField, without buffering the file, and returns that part with the date given in
// dateField before it (zero when absent or unreadable). When there is no file it answers
// the visitor itself and returns false.
func (s *Server) streamedUpload(w http.ResponseWriter, r *http.Request, limit int64, dateField, fileField string) (*multipart.Part, time.Time, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mr, err := r.MultipartReader()
	if err != nil {
		s.error(w, r, fmt.Errorf("%w: %w", bienvenue.ErrInvalid, err))
		return nil, time.Time{}, false
	}
	var date time.Time
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "zoning.error.no_file"})
			return nil, time.Time{}, false
		}
		if err != nil {
			s.error(w, r, fmt.Errorf("%w: %w", bienvenue.ErrInvalid, err))
			return nil, time.Time{}, false
		}
		switch part.FormName() {
		case dateField:
			text, _ := io.ReadAll(io.LimitReader(part, 32))
			date, _ = time.Parse("2006-01-02", strings.TrimSpace(string(text)))
		case fileField:
			if part.FileName() != "" { // a browser sends an empty part when no file is chosen
				return part, date, true
			}
		}
	}
}

// rppsFailed says why an extract was refused; nothing was imported.
func (s *Server) rppsFailed(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, rpps.ErrMissingColumn):
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "rpps.error.column", Detail: err.Error()})
	case errors.Is(err, rpps.ErrTruncated):
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "rpps.error.truncated"})
	default:
		s.error(w, r, err)
	}
}

// maxAPLBytes bounds an uploaded APL workbook: France's is a few megabytes.
const maxAPLBytes = 64 << 20

// uploadAPL imports a DREES APL workbook.
func (s *Server) uploadAPL(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxAPLBytes)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		s.error(w, r, fmt.Errorf("%w: %w", bienvenue.ErrInvalid, err))
		return
	}
	file, header, err := r.FormFile("apl")
	if err != nil {
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "zoning.error.no_file"})
		return
	}
	defer file.Close()
	values, err := apl.Read(file, s.territory.HasCommune)
	if err != nil {
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "apl.error"})
		return
	}
	if err := s.db.ImportAPL(r.Context(), header.Filename, values, currentUser(r).ID); err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "apl.done")
	redirect(w, r, "/espace/observatoire/import")
}

// uploadAges imports a file of GPs by age band and commune, dated by the form.
func (s *Server) uploadAges(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxAPLBytes)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		s.error(w, r, fmt.Errorf("%w: %w", bienvenue.ErrInvalid, err))
		return
	}
	date, err := time.Parse("2006-01-02", r.FormValue("date_ages"))
	if err != nil {
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "ages.error.date"})
		return
	}
	file, header, err := r.FormFile("ages")
	if err != nil {
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "zoning.error.no_file"})
		return
	}
	defer file.Close()
	rows, err := observatory.ParseAges(file, s.territory.HasCommune)
	if err != nil {
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "ages.error", Detail: err.Error()})
		return
	}
	if err := s.db.ImportAges(r.Context(), header.Filename, date, rows, currentUser(r).ID); err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "ages.done")
	redirect(w, r, "/espace/observatoire/import")
}

// uploadFINESS imports the FINESS extract's maisons and centres de santé, dated by the form.
func (s *Server) uploadFINESS(w http.ResponseWriter, r *http.Request) {
	part, date, ok := s.streamedUpload(w, r, 512<<20, "date_finess", "finess")
	if !ok {
		return
	}
	if date.IsZero() {
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "ages.error.date"})
		return
	}
	structures, read, err := finess.Read(part, s.territory.Code)
	if err != nil {
		s.renderRPPS(w, r, http.StatusUnprocessableEntity, web.RPPSView{ErrorKey: "finess.error", Detail: err.Error()})
		return
	}
	if err := s.db.ImportStructures(r.Context(), postgres.FINESSImport{Filename: part.FileName(), TakenOn: date}, read, structures, currentUser(r).ID); err != nil {
		s.error(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), sessionFlash, "finess.done")
	redirect(w, r, "/espace/observatoire/import")
}
