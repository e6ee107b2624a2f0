package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

// zoningPage shows the zoning in force, the files imported, and the import form.
func (s *Server) zoningPage(w http.ResponseWriter, r *http.Request) {
	s.renderZoning(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderZoning(w http.ResponseWriter, r *http.Request, status int, errKey string, preview *web.ZoningPreview) {
	zoning, err := s.db.Zoning(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	imports, err := s.db.ZoningImports(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.ZoningView{ErrorKey: errKey, Preview: preview}
	for _, zone := range aid.Zones {
		note := web.ZoningNote{Zone: string(zone)}
		if imp, ok := zoning.Imports[zone]; ok {
			note = zoningNote(r, imp)
		}
		v.Current = append(v.Current, note)
	}
	for _, imp := range imports {
		v.Imports = append(v.Imports, web.ZoningImportRow{Filename: imp.Filename, Kinds: strings.Join(imp.Kinds, ", "),
			Rows: imp.Rows, Fictitious: imp.Fictitious, At: i18n.FormatDateTime(r.Context(), imp.ImportedAt), Staff: imp.Staff})
	}
	s.render(w, r, status, web.Zoning(s.page(r, "zoning.title"), v))
}

// previewZoning reads an uploaded zoning file and shows what it would import.
func (s *Server) previewZoning(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	if err := r.ParseMultipartForm(maxBodyBytes); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			s.error(w, r, err)
			return
		}
		s.renderZoning(w, r, http.StatusUnprocessableEntity, "zoning.error.no_file", nil)
		return
	}
	file, header, err := r.FormFile("fichier")
	if err != nil {
		s.renderZoning(w, r, http.StatusUnprocessableEntity, "zoning.error.no_file", nil)
		return
	}
	defer file.Close()
	content, err := io.ReadAll(file)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.showPreview(w, r, header.Filename, string(content))
}

func (s *Server) showPreview(w http.ResponseWriter, r *http.Request, filename, content string) {
	rows, bad, err := aid.ParseZoning(strings.NewReader(content), s.territory.HasCommune)
	if err != nil {
		s.renderZoning(w, r, http.StatusUnprocessableEntity, "zoning.error.empty", nil)
		return
	}
	pv := &web.ZoningPreview{Filename: filename, Content: content}
	counts := map[aid.Zone]*web.ZoneCount{}
	for i, row := range rows {
		c, ok := counts[row.Zone]
		if !ok {
			c = &web.ZoneCount{Zone: string(row.Zone), Reference: row.Reference}
			counts[row.Zone] = c
		}
		c.Communes++
		if i < 10 {
			name := row.Commune
			if cm, ok := s.territory.Commune(row.Commune); ok {
				name = cm.Name + " (" + row.Commune + ")"
			}
			pv.Sample = append(pv.Sample, web.ZoningSampleRow{Commune: name, Zone: string(row.Zone), Reference: row.Reference,
				Date: i18n.FormatDate(r.Context(), row.Date)})
		}
	}
	for _, zone := range aid.Zones {
		if c, ok := counts[zone]; ok {
			pv.Counts = append(pv.Counts, *c)
		}
	}
	for _, b := range bad {
		pv.Bad = append(pv.Bad, web.ZoningBadRow{Line: b.Line, Reason: b.Reason, Value: b.Value})
	}
	status := http.StatusOK
	if len(rows) == 0 {
		status = http.StatusUnprocessableEntity
	}
	s.renderZoning(w, r, status, "", pv)
}

// confirmZoning imports a previewed file: only its valid lines, each kind of zone it
// holds replacing the earlier zoning of that kind.
func (s *Server) confirmZoning(w http.ResponseWriter, r *http.Request) {
	content, name := r.PostForm.Get("contenu"), strings.TrimSpace(r.PostForm.Get("nom"))
	rows, _, err := aid.ParseZoning(strings.NewReader(content), s.territory.HasCommune)
	if err != nil || len(rows) == 0 {
		s.renderZoning(w, r, http.StatusUnprocessableEntity, "zoning.error.empty", nil)
		return
	}
	if name == "" || len(name) > 200 {
		name = "zonage.csv"
	}
	if err := s.db.ImportZoning(r.Context(), name, rows, false, currentUser(r).ID); err != nil {
		s.error(w, r, err)
		return
	}
	s.done(w, r, nil, "/espace/zonage")
}

// aidAdmin lists every aid version and offers a form for a local aid.
func (s *Server) aidAdmin(w http.ResponseWriter, r *http.Request) {
	s.renderAidAdmin(w, r, http.StatusOK, web.AidForm{CheckedOn: s.db.Now().Format("2006-01-02")})
}

func (s *Server) renderAidAdmin(w http.ResponseWriter, r *http.Request, status int, form web.AidForm) {
	catalogue, err := s.db.AidCatalogue(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := web.AidAdminView{Form: form}
	v.Form.Levels = aid.LocalLevels
	audiences, zones := r.PostForm["audiences"], r.PostForm["zones"]
	for _, sit := range aid.Situations {
		v.Form.Audiences = append(v.Form.Audiences, web.Choice{Value: string(sit), Label: i18n.T(ctx, "aid_situation."+string(sit)),
			Checked: slices.Contains(audiences, string(sit))})
	}
	for _, z := range aid.Zones {
		v.Form.Zones = append(v.Form.Zones, web.Choice{Value: string(z), Label: string(z), Checked: slices.Contains(zones, string(z))})
	}
	for _, ver := range catalogue {
		v.Versions = append(v.Versions, web.AidVersionRow{Name: ver.Name, Funder: ver.Funder,
			Validity: s.aidVersion(r, ver).Validity, Local: ver.Local()})
		if ver.Local() && !slices.ContainsFunc(v.Form.LocalAids, func(o web.Option) bool { return o.Value == ver.Key }) {
			v.Form.LocalAids = append(v.Form.LocalAids, web.Option{Value: ver.Key, Label: ver.Name})
		}
	}
	s.render(w, r, status, web.AidAdmin(s.page(r, "aid_admin.title"), v))
}

// saveAid records a new local aid, or a new version of one.
func (s *Server) saveAid(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	get := func(name string) string { return strings.TrimSpace(f.Get(name)) }
	form := web.AidForm{Key: get("key"), Name: get("name"), Funder: get("funder"), Level: get("level"),
		ValidFrom: get("valid_from"), ValidTo: get("valid_to"), OneOff: get("one_off"), Monthly: get("monthly"),
		Conditions: get("conditions"), Obligations: get("obligations"), Source: get("source"), SourceURL: get("source_url"),
		CheckedOn: get("checked_on")}
	v := aid.Version{Key: form.Key, Name: form.Name, Funder: form.Funder, Level: form.Level, Conditions: form.Conditions,
		Obligations: form.Obligations, Source: form.Source, SourceURL: form.SourceURL}
	if v.Key == "" {
		v.Key = aid.LocalKey(v.Name)
	} else if !strings.HasPrefix(v.Key, "local-") {
		s.error(w, r, fmt.Errorf("%w: only local aids are entered here", bienvenue.ErrInvalid))
		return
	}
	for _, a := range f["audiences"] {
		v.Audiences = append(v.Audiences, aid.Situation(a))
	}
	for _, z := range f["zones"] {
		v.Zones = append(v.Zones, aid.Zone(z))
	}
	v.ValidFrom, _ = time.Parse("2006-01-02", form.ValidFrom)
	v.CheckedOn, _ = time.Parse("2006-01-02", form.CheckedOn)
	if to, err := time.Parse("2006-01-02", form.ValidTo); err == nil {
		v.ValidTo = &to
	}
	amounts := bienvenue.FieldErrors{}
	for _, a := range []struct {
		text string
		dst  *int
	}{{form.OneOff, &v.OneOff}, {form.Monthly, &v.Monthly}} {
		if a.text == "" {
			continue
		}
		n, err := strconv.Atoi(a.text)
		if err != nil || n < 0 {
			amounts["amounts"] = "simulator.error.amount"
		}
		*a.dst = n
	}
	err := v.Validate()
	var errs bienvenue.FieldErrors
	if errors.As(err, &errs) || len(amounts) > 0 {
		if errs == nil {
			errs = bienvenue.FieldErrors{}
		}
		for k, val := range amounts {
			errs[k] = val
		}
		form.Errors = errs
		s.renderAidAdmin(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	err = s.db.SaveAidVersion(r.Context(), v, currentUser(r).ID)
	if errors.Is(err, bienvenue.ErrConflict) {
		form.Errors = map[string]string{"valid_from": "aid_admin.error.version_exists"}
		s.renderAidAdmin(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	s.done(w, r, err, "/espace/aides")
}
