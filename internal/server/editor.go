package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

// adminPerPage is the length of a page of a back-office list.
const adminPerPage = 50

// editor serves the back-office pages of one kind of published item: its list, the
// form to create one, the form to change one and saving. Each kind says how to read,
// draw, parse and save its items; publishing is publishItem's.
type editor[T any] struct {
	s       *Server
	kind    content.Kind
	base    string         // the list's address in the back office
	fresh   string         // the new item form's address, under base: /nouveau or /nouvelle
	keys    string         // catalog prefix of the pages' words: <keys>.admin.heading, .new, .back...
	public  func(T) string // the item's public page, "" when it has none
	list    func(ctx context.Context, offset, limit int) ([]T, int, error)
	row     func(r *http.Request, item T) web.AdminRow
	load    func(ctx context.Context, id int64) (T, error)
	fields  func(r *http.Request, item T) []web.Field
	parse   func(r *http.Request, id int64) (T, error) // the form's item, validated: bienvenue.FieldErrors when it is not
	save    func(ctx context.Context, item T, staffID int64) (int64, error)
	id      func(T) int64
	pub     func(T) content.Publication
	heading func(T) string
	// conflict names the field a conflicting save is about (a taken name or address) and
	// what to say of it; "" when saving cannot conflict.
	conflict, conflictKey string
}

func (e editor[T]) listPage(w http.ResponseWriter, r *http.Request) {
	page, ok := listPage(r.URL.Query())
	if !ok {
		e.s.error(w, r, bienvenue.ErrInvalid)
		return
	}
	items, total, err := e.list(r.Context(), (page-1)*adminPerPage, adminPerPage)
	if err != nil {
		e.s.error(w, r, err)
		return
	}
	v := web.AdminListView{Heading: i18n.T(r.Context(), e.keys+".admin.heading"), Intro: i18n.T(r.Context(), e.keys+".admin.intro"),
		NewURL: e.base + e.fresh, NewLabel: i18n.T(r.Context(), e.keys+".admin.new"), Pager: pagerOf(r, page, total, adminPerPage)}
	for _, item := range items {
		v.Rows = append(v.Rows, e.row(r, item))
	}
	e.s.render(w, r, http.StatusOK, web.AdminList(e.s.page(r, e.keys+".admin.heading"), v))
}

func (e editor[T]) newPage(w http.ResponseWriter, r *http.Request) {
	var zero T
	e.renderForm(w, r, http.StatusOK, zero, nil)
}

func (e editor[T]) editPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		e.s.error(w, r, err)
		return
	}
	item, err := e.load(r.Context(), id)
	if err != nil {
		e.s.error(w, r, err)
		return
	}
	e.renderForm(w, r, http.StatusOK, item, nil)
}

// saveItem creates an item (posted to the list's address) or changes one (posted to
// its own). Invalid input is shown again with what is wrong, nothing lost.
func (e editor[T]) saveItem(w http.ResponseWriter, r *http.Request) {
	var id int64
	if chi.URLParam(r, "id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			e.s.error(w, r, err)
			return
		}
		if _, err := e.load(r.Context(), id); err != nil {
			e.s.error(w, r, err)
			return
		}
	}
	item, err := e.parse(r, id)
	var errs bienvenue.FieldErrors
	if errors.As(err, &errs) {
		e.renderForm(w, r, http.StatusUnprocessableEntity, item, errs)
		return
	} else if err != nil {
		e.s.error(w, r, err)
		return
	}
	saved, err := e.save(r.Context(), item, currentUser(r).ID)
	if errors.Is(err, bienvenue.ErrConflict) && e.conflict != "" {
		e.renderForm(w, r, http.StatusUnprocessableEntity, item, bienvenue.FieldErrors{e.conflict: e.conflictKey})
		return
	} else if err != nil {
		e.s.error(w, r, err)
		return
	}
	e.s.savedItem(w, r, e.base, saved)
}

func (e editor[T]) renderForm(w http.ResponseWriter, r *http.Request, status int, item T, errs bienvenue.FieldErrors) {
	id := e.id(item)
	v := web.EditView{BackURL: e.base, BackLabel: i18n.T(r.Context(), e.keys+".admin.back"), Action: e.base,
		Fields: e.fields(r, item), Heading: i18n.T(r.Context(), e.keys+".admin.new")}
	if id != 0 {
		v.Heading = e.heading(item)
		v.Action = e.base + "/" + strconv.FormatInt(id, 10)
		v.PublishAction = v.Action + "/publication"
		v.PublicURL = e.public(item)
	}
	v = withErrors(r, v, errs)
	if errs == nil {
		var err error
		if v, err = e.s.editView(r, v, e.kind, id, e.pub(item)); err != nil {
			e.s.error(w, r, err)
			return
		}
	}
	e.s.render(w, r, status, web.Edit(e.s.page(r, e.keys+".admin.heading"), v))
}
