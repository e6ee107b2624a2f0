package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/images"
	"github.com/bienvenue-sante/bienvenue/web"
)

const (
	testimonialsBase    = "/espace/temoignages"
	testimonialsPerPage = 10
)

// testimonials lists the published testimonials, latest first.
func (s *Server) testimonials(w http.ResponseWriter, r *http.Request) {
	page, ok := listPage(r.URL.Query())
	if !ok {
		s.notFound(w, r)
		return
	}
	list, total, err := s.db.PublishedTestimonials(r.Context(), testimonialsPerPage, (page-1)*testimonialsPerPage)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if page > 1 && len(list) == 0 {
		s.notFound(w, r)
		return
	}
	v := web.TestimonialsView{Pager: pagerOf(r, page, total, testimonialsPerPage)}
	for _, t := range list {
		v.Cards = append(v.Cards, s.testimonialCard(r, t))
	}
	s.render(w, r, http.StatusOK, web.Testimonials(s.page(r, "testimonials.title"), v))
}

func (s *Server) testimonialCard(r *http.Request, t content.Testimonial) web.TestimonialCard {
	ctx := r.Context()
	c := web.TestimonialCard{Name: t.PersonName, HTML: s.markdown(t.Body), Demo: t.Demo,
		Where: i18n.T(ctx, "testimonials.where", "Commune", s.communeName(t.CommuneINSEE), "Year", strconv.Itoa(t.InstalledYear))}
	if t.Photo != "" {
		c.PhotoURL = photoURL(t.Photo)
		c.PhotoAlt = i18n.T(ctx, "testimonials.portrait", "Name", t.PersonName)
	}
	return c
}

// testimonialList is the back office's list of testimonials, drafts included.
func (s *Server) testimonialList(w http.ResponseWriter, r *http.Request) {
	page, ok := listPage(r.URL.Query())
	if !ok {
		s.notFound(w, r)
		return
	}
	list, total, err := s.db.Testimonials(r.Context(), adminPerPage, (page-1)*adminPerPage)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := web.AdminListView{Heading: i18n.T(ctx, "testimonials.admin.title"), Intro: i18n.T(ctx, "testimonials.admin.intro"),
		NewURL: testimonialsBase + "/nouveau", NewLabel: i18n.T(ctx, "testimonials.admin.new"), Pager: pagerOf(r, page, total, adminPerPage)}
	for _, t := range list {
		detail := s.communeName(t.CommuneINSEE) + " · " + strconv.Itoa(t.InstalledYear)
		if t.Demo {
			detail += " · " + i18n.T(ctx, "testimonials.admin.demo")
		}
		v.Rows = append(v.Rows, web.AdminRow{URL: testimonialsBase + "/" + strconv.FormatInt(t.ID, 10), Title: t.PersonName,
			Detail: detail, Published: t.Published, UpdatedAt: i18n.FormatDateTime(ctx, t.UpdatedAt)})
	}
	s.render(w, r, http.StatusOK, web.AdminList(s.page(r, "testimonials.admin.title"), v))
}

func (s *Server) newTestimonialPage(w http.ResponseWriter, r *http.Request) {
	s.renderTestimonialForm(w, r, http.StatusOK, content.Testimonial{}, map[string]string{}, nil)
}

func (s *Server) testimonialEditPage(w http.ResponseWriter, r *http.Request) {
	t, ok := s.pathTestimonial(w, r)
	if !ok {
		return
	}
	values := t.Fields()
	values["commune"] = s.communeName(t.CommuneINSEE)
	s.renderTestimonialForm(w, r, http.StatusOK, t, values, nil)
}

// pathTestimonial reads the testimonial the URL names, or answers itself (404 when there
// is none).
func (s *Server) pathTestimonial(w http.ResponseWriter, r *http.Request) (content.Testimonial, bool) {
	id, err := pathID(r, "id")
	if err == nil {
		var t content.Testimonial
		if t, err = s.db.Testimonial(r.Context(), id); err == nil {
			return t, true
		}
	}
	s.error(w, r, err)
	return content.Testimonial{}, false
}

// saveTestimonial creates (POST /espace/temoignages) or changes a testimonial, with its
// portrait when one is sent. A refused file or field shows the form again with what was
// typed, and saves nothing.
func (s *Server) saveTestimonial(w http.ResponseWriter, r *http.Request) {
	var before content.Testimonial
	if chi.URLParam(r, "id") != "" {
		var ok bool
		if before, ok = s.pathTestimonial(w, r); !ok {
			return
		}
	}
	const limit = images.MaxBytes + maxBodyBytes
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseMultipartForm(limit); err != nil {
		s.error(w, r, fmt.Errorf("%w: testimonial form: %w", bienvenue.ErrInvalid, err))
		return
	}
	defer r.MultipartForm.RemoveAll()
	t, values := s.typedTestimonial(r, before)
	errs := bienvenue.FieldErrors{}
	if err := t.Validate(s.territory.HasCommune, s.db.Now().In(s.cfg.TimeZone).Year()); !errors.As(err, &errs) && err != nil {
		s.error(w, r, err)
		return
	}
	photo, status, err := uploadedPhoto(r, errs)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if len(errs) > 0 {
		s.renderTestimonialForm(w, r, status, before, values, errs)
		return
	}
	id, err := s.db.SaveTestimonial(r.Context(), t, photo, currentUser(r).ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.savedItem(w, r, testimonialsBase, id)
}

// typedTestimonial reads the testimonial of a parsed form, changing before: the values
// as typed, to show them again, and the testimonial they make.
func (s *Server) typedTestimonial(r *http.Request, before content.Testimonial) (content.Testimonial, map[string]string) {
	values := map[string]string{}
	for _, name := range []string{"person_name", "commune", "installed_year", "text"} {
		values[name] = strings.TrimSpace(r.PostForm.Get(name))
	}
	t := content.Testimonial{ID: before.ID, PersonName: values["person_name"], Body: values["text"], Photo: before.Photo}
	if r.PostForm.Get("remove_photo") != "" {
		t.Photo = ""
	}
	if c, ok := s.territory.FindCommune(values["commune"]); ok {
		t.CommuneINSEE = c.INSEE
	}
	t.InstalledYear, _ = strconv.Atoi(values["installed_year"]) // 0, refused by Validate, when not a number
	return t, values
}

// uploadedPhoto reads the portrait of a parsed testimonial form: nil when none was sent.
// A refused file is written in errs, with the status to answer; so is a valid photo when
// errs already refuses the form, as it is not kept. err is a failure of the portal.
func uploadedPhoto(r *http.Request, errs bienvenue.FieldErrors) (photo *images.Image, status int, err error) {
	photo, err = uploadedImage(r, "photo")
	if err != nil {
		key, status, ok := imageRefusal(err)
		if !ok {
			return nil, 0, err
		}
		errs["photo"] = key
		return nil, status, nil
	}
	if photo != nil && len(errs) > 0 {
		errs["photo"] = "images.error.again"
	}
	return photo, http.StatusUnprocessableEntity, nil
}

// renderTestimonialForm shows the form of testimonial t (new when its ID is 0) with
// values in its fields.
func (s *Server) renderTestimonialForm(w http.ResponseWriter, r *http.Request, status int, t content.Testimonial, values map[string]string, errs bienvenue.FieldErrors) {
	ctx := r.Context()
	label := func(name string) string { return i18n.T(ctx, "testimonials.field."+name) }
	photoHint := "testimonials.hint.photo"
	if t.Photo != "" {
		photoHint = "testimonials.hint.photo_kept"
	}
	v := web.EditView{Heading: i18n.T(ctx, "testimonials.admin.new"), BackURL: testimonialsBase,
		BackLabel: i18n.T(ctx, "testimonials.admin.back"), Action: testimonialsBase, Multipart: true,
		Fields: []web.Field{
			{Name: "person_name", Label: label("person_name"), Kind: "text", Value: values["person_name"], Hint: i18n.T(ctx, "testimonials.hint.person_name")},
			{Name: "commune", Label: label("commune"), Kind: "text", Value: values["commune"], Hint: i18n.T(ctx, "testimonials.hint.commune")},
			{Name: "installed_year", Label: label("installed_year"), Kind: "number", Value: values["installed_year"]},
			{Name: "text", Label: label("text"), Kind: "markdown", Value: values["text"]},
			{Name: "photo", Label: label("photo"), Kind: "file", Hint: i18n.T(ctx, photoHint), Optional: true, Preview: photoURL(t.Photo)},
		}}
	if t.Photo != "" {
		v.Fields = append(v.Fields, web.Field{Name: "remove_photo", Label: label("remove_photo"), Kind: "checkbox"})
	}
	if t.ID != 0 {
		item := testimonialsBase + "/" + strconv.FormatInt(t.ID, 10)
		v.Heading = i18n.T(ctx, "testimonials.admin.edit", "Name", t.PersonName)
		v.Action, v.PublishAction, v.PublicURL = item, item+"/publication", "/temoignages"
	}
	v, err := s.editView(r, v, content.KindTestimonial, t.ID, t.Publication)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, status, web.Edit(s.page(r, "testimonials.admin.title"), withErrors(r, v, errs)))
}

// photoURL is where a stored picture is served, "" for none.
func photoURL(name string) string {
	if name == "" {
		return ""
	}
	return "/images/" + name
}
