package server

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

// publishItem publishes (publish=true) or unpublishes an item of kind, then returns to
// its page in the back office under base.
func (s *Server) publishItem(kind content.Kind, base string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.error(w, r, err)
			return
		}
		publish := r.PostForm.Get("publish") == "true"
		if err := s.db.SetPublished(r.Context(), kind, id, publish, currentUser(r).ID); err != nil {
			s.error(w, r, err)
			return
		}
		notice := "content.unpublished_now"
		if publish {
			notice = "content.published_now"
		}
		s.sessions.Put(r.Context(), sessionFlash, notice)
		redirect(w, r, base+"/"+strconv.FormatInt(id, 10))
	}
}

// savedItem tells staff their change is saved and shows the item again.
func (s *Server) savedItem(w http.ResponseWriter, r *http.Request, base string, id int64) {
	s.saved(w, r, base+"/"+strconv.FormatInt(id, 10))
}

// saved tells staff their change is saved and shows the item's page at url again.
func (s *Server) saved(w http.ResponseWriter, r *http.Request, url string) {
	s.sessions.Put(r.Context(), sessionFlash, "content.saved")
	redirect(w, r, url)
}

// editView completes a form's view with the item's publication state and history.
func (s *Server) editView(r *http.Request, v web.EditView, kind content.Kind, id int64, pub content.Publication) (web.EditView, error) {
	if id == 0 {
		return v, nil
	}
	v.Publication = &web.PublicationView{Published: pub.Published, UpdatedAt: i18n.FormatDateTime(r.Context(), pub.UpdatedAt), UpdatedBy: pub.UpdatedBy}
	if pub.PublishedAt != nil {
		v.Publication.PublishedAt = i18n.FormatDate(r.Context(), *pub.PublishedAt)
	}
	return s.withHistory(r, v, kind, strconv.FormatInt(id, 10))
}

// withHistory completes a form's view with the history of item id (a number, or the
// FINESS number of a structure). The history names changed fields by their labels in
// the form.
func (s *Server) withHistory(r *http.Request, v web.EditView, kind content.Kind, id string) (web.EditView, error) {
	changes, err := s.db.Changes(r.Context(), kind, id)
	if err != nil {
		return v, err
	}
	labels, order := map[string]string{}, map[string]int{}
	for i, f := range v.Fields {
		labels[f.Name], order[f.Name] = f.Label, i
	}
	for _, c := range changes {
		// Fields named in the order the form shows them.
		fields := slices.SortedFunc(slices.Values(c.Fields), func(a, b string) int { return order[a] - order[b] })
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = labels[f]
		}
		v.History = append(v.History, web.ChangeRow{At: i18n.FormatDateTime(r.Context(), c.At), Staff: c.Staff,
			Action: string(c.Action), Fields: strings.Join(names, ", ")})
	}
	return v, nil
}

// withErrors writes what is wrong next to each field and gathers the summary.
func withErrors(r *http.Request, v web.EditView, errs bienvenue.FieldErrors) web.EditView {
	for i, f := range v.Fields {
		if key, ok := errs[f.Name]; ok {
			v.Fields[i].Error = i18n.T(r.Context(), key, "Max", content.MaxLength(f.Name))
			v.Errors = append(v.Errors, v.Fields[i])
		}
	}
	return v
}

// listPage reads the page number of a public list: 1 when absent, ok false when it is
// not a page number.
func listPage(q url.Values) (int, bool) {
	return content.PageNumber(q.Get("page"))
}

// pagerOf links the pages around page of a list of total items, keeping the query's
// filters.
func pagerOf(r *http.Request, page, total, perPage int) web.Pager {
	pg := web.Pager{Page: page, Pages: (total + perPage - 1) / perPage}
	link := func(n int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		if n == 1 {
			q.Del("page")
		}
		return r.URL.Path + "?" + q.Encode()
	}
	if page > 1 {
		pg.PrevURL = link(page - 1)
	}
	if page < pg.Pages {
		pg.NextURL = link(page + 1)
	}
	return pg
}

// addFieldError adds what is wrong with field to the validation errors err holds.
func addFieldError(err error, field, key string) error {
	errs := bienvenue.FieldErrors{}
	errors.As(err, &errs)
	errs[field] = key
	return errs
}
