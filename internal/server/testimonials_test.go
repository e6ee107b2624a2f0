package server_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/images"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// photoJPEG is a small portrait as a camera writes it, with an EXIF segment giving a GPS
// position after the SOI marker.
func photoJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 60, 80))
	for y := range 80 {
		for x := range 60 {
			img.Set(x, y, color.RGBA{uint8(3 * x), uint8(2 * y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	payload := []byte("Exif\x00\x00MM\x00*GPSLatitude 44.2033 N")
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2))
	b := buf.Bytes()
	return append(append(append([]byte{}, b[:2]...), append(seg, payload...)...), b[2:]...)
}

// pngBomb is a valid PNG header declaring w×h pixels, in a few dozen bytes.
func pngBomb(w, h uint32) []byte {
	chunk := func(kind string, data []byte) []byte {
		c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		c = append(append(c, kind...), data...)
		return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	}
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, w), h)
	out := append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", append(ihdr, 8, 2, 0, 0, 0))...)
	return append(out, chunk("IEND", nil)...)
}

// createTestimonial stores a testimonial with a portrait, published or not, and returns
// its id and its portrait's name.
func createTestimonial(t *testing.T, p *portal, published bool) (int64, string) {
	t.Helper()
	ctx := context.Background()
	photo, err := images.Process(photoJPEG(t))
	if err != nil {
		t.Fatal(err)
	}
	id, err := p.db.SaveTestimonial(ctx, content.Testimonial{PersonName: "Claire M.", CommuneINSEE: "47001", InstalledYear: 2024,
		Body: "Installée en **maison de santé** depuis deux ans."}, &photo, 0)
	if err != nil {
		t.Fatal(err)
	}
	if published {
		if err := p.db.SetPublished(ctx, content.KindTestimonial, id, true, 0); err != nil {
			t.Fatal(err)
		}
	}
	return id, photo.Name
}

// createPage stores a page of the high-school corner at slug, published or not.
func createPage(t *testing.T, p *portal, slug string, published bool) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := p.db.SavePage(ctx, content.Page{Slug: slug, Title: "Le PASS", Summary: "Une année d'accès aux études de santé.",
		Body: "## Comment ça marche\n\nUne majeure santé et une mineure."}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if published {
		if err := p.db.SetPublished(ctx, content.KindPage, id, true, 0); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// postTestimonial sends the testimonial form with a file under the photo field, declared
// by the browser as an image/jpeg named name.
func (p *portal) postTestimonial(t *testing.T, c *http.Client, path string, form url.Values, name string, file []byte) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="photo"; filename="`+name+`"`)
	h.Set("Content-Type", "image/jpeg")
	fw, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(file)
	mw.Close()
	req := httptestRequest(t, http.MethodPost, p.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", p.URL)
	return do(t, c, req)
}

func testimonialForm() url.Values {
	return url.Values{"person_name": {"Julien R."}, "commune": {"Villeneuve-sur-Lot"}, "installed_year": {"2025"},
		"text": {"Arrivé avec ma famille, j'exerce en *maison de santé*."}}
}

func signedInAdmin(t *testing.T, p *portal) *http.Client {
	t.Helper()
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	c := p.client(t)
	p.signIn(t, c, "admin@cd47.fr", password)
	return c
}

// A file that is not a safe JPEG or PNG is refused with a French 4xx, whatever its name
// or declared type; nothing is saved and the typed text stays in the form.
func TestTestimonialUploadRefusesHostileImages(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := signedInAdmin(t, p)
	jpg := photoJPEG(t)
	for _, f := range []struct {
		name    string
		content []byte
		status  int
		message string
	}{
		{"cv.jpg", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"), 422, "n&#39;est pas une image JPEG ou PNG"},
		{"page.jpg", []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), 422, "n&#39;est pas une image JPEG ou PNG"},
		{"bombe.png", pngBomb(50000, 50000), 422, "trop grande"},
		{"coupee.jpg", jpg[:len(jpg)/2], 422, "incomplète ou abîmée"},
		{"../../x", []byte("just text"), 422, "n&#39;est pas une image JPEG ou PNG"},
		{"enorme.jpg", append(append([]byte{}, jpg...), make([]byte, images.MaxBytes)...), 413, "dépasse 5 Mo"},
	} {
		res := p.postTestimonial(t, c, "/espace/temoignages", testimonialForm(), f.name, f.content)
		if res.StatusCode != f.status {
			t.Errorf("%s: status %d, want %d", f.name, res.StatusCode, f.status)
		}
		assertContains(t, res, f.message, `lang="fr"`, `value="Julien R."`, `value="Villeneuve-sur-Lot"`, "j&#39;exerce en *maison de santé*")
		assertLacks(t, res, "<script>alert", "../../x")
	}
	// A body over the bound of the whole form is cut short: the « too large » page.
	res := p.postTestimonial(t, c, "/espace/temoignages", testimonialForm(), "gros.jpg", make([]byte, images.MaxBytes+300<<10))
	assertStatus(t, res, http.StatusRequestEntityTooLarge)
	// Not a multipart form at all.
	req := httptestRequest(t, http.MethodPost, p.URL+"/espace/temoignages", strings.NewReader("person_name=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res := do(t, c, req); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a form that is not multipart: status %d, want 400", res.StatusCode)
	}
	for _, table := range []string{"testimonials", "images", "content_changes"} {
		if n := p.countRows(t, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%d rows in %s after refused uploads", n, table)
		}
	}

	// A valid photo beside an invalid field is not kept: the form says to choose it again.
	form := testimonialForm()
	form.Set("commune", "Bordeaux")
	res = p.postTestimonial(t, c, "/espace/temoignages", form, "portrait.jpg", jpg)
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "pas dans le département", "choisissez-la à nouveau")
	if n := p.countRows(t, `SELECT count(*) FROM images`); n != 0 {
		t.Errorf("%d images stored for a refused form", n)
	}
}

// A valid photo is stored re-encoded, without its metadata, under a name of the
// portal's, and served with headers that keep it a picture.
func TestTestimonialPhotoIsServedSafely(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := signedInAdmin(t, p)
	res := p.postTestimonial(t, c, "/espace/temoignages", testimonialForm(), "IMG_0042 (Julien).jpg", photoJPEG(t))
	assertStatus(t, res, http.StatusSeeOther)
	var name string
	if err := p.db.Pool.QueryRow(context.Background(), `SELECT photo FROM testimonials`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if !images.ValidName(name) || strings.Contains(name, "IMG") {
		t.Fatalf("photo stored as %q", name)
	}
	img := p.get(t, p.client(t), "/images/"+name)
	assertStatus(t, img, http.StatusOK)
	for header, want := range map[string]string{
		"Content-Type":            "image/jpeg",
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; sandbox",
		"Content-Disposition":     `inline; filename="` + name + `"`,
		"Cache-Control":           "public, max-age=31536000, immutable",
	} {
		if got := img.Header.Get(header); got != want {
			t.Errorf("%s: %q, want %q", header, got, want)
		}
	}
	if strings.Contains(img.body, "Exif") || strings.Contains(img.body, "GPS") {
		t.Error("the served photo still holds its EXIF metadata")
	}
	if _, err := jpeg.Decode(strings.NewReader(img.body)); err != nil {
		t.Errorf("the served photo is not a JPEG: %v", err)
	}
	for _, path := range []string{"/images/0123456789abcdef0123456789abcdef.jpg", "/images/x.jpg", "/images/..%2F..%2Fx"} {
		if res := p.get(t, p.client(t), path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.StatusCode)
		}
	}

	// Editing without a new file keeps the photo.
	id := p.countRows(t, `SELECT id FROM testimonials`)
	form := testimonialForm()
	form.Set("person_name", "Julien R.-B.")
	res = p.postTestimonial(t, c, "/espace/temoignages/"+itoa(int64(id)), form, "", nil)
	assertStatus(t, res, http.StatusSeeOther)
	if n := p.countRows(t, `SELECT count(*) FROM testimonials WHERE photo = $1 AND person_name = 'Julien R.-B.'`, name); n != 1 {
		t.Errorf("after an edit without a file, %d testimonials keep the photo", n)
	}
	assertContains(t, p.get(t, c, "/espace/temoignages/"+itoa(int64(id))), "la photo actuelle est conservée", `name="remove_photo"`,
		`<img src="/images/`+name+`" alt="Image actuelle"`)

	// A new photo replaces the old one, which is served no more; removing it leaves none.
	res = p.postTestimonial(t, c, "/espace/temoignages/"+itoa(int64(id)), form, "autre.jpg", photoJPEG(t))
	assertStatus(t, res, http.StatusSeeOther)
	assertStatus(t, p.get(t, p.client(t), "/images/"+name), http.StatusNotFound)
	form.Set("remove_photo", "1")
	assertStatus(t, p.postTestimonial(t, c, "/espace/temoignages/"+itoa(int64(id)), form, "", nil), http.StatusSeeOther)
	if n := p.countRows(t, `SELECT count(*) FROM images`) + p.countRows(t, `SELECT count(*) FROM testimonials WHERE photo IS NOT NULL`); n != 0 {
		t.Errorf("%d images or references left after removing the photo", n)
	}
}

// Drafts are not public; publishing shows a testimonial with its portrait, and every
// step is in its history.
func TestTestimonialPublicationAndHistory(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := signedInAdmin(t, p)
	visitor := p.client(t)
	assertContains(t, p.get(t, visitor, "/temoignages"), "Aucun témoignage n&#39;est publié")

	id, photo := createTestimonial(t, p, false)
	path := "/espace/temoignages/" + itoa(id)
	assertLacks(t, p.get(t, visitor, "/temoignages"), "Claire M.")
	assertLacks(t, p.get(t, visitor, "/lycee"), "Claire M.")

	assertStatus(t, p.post(t, c, path+"/publication", url.Values{"publish": {"true"}}), http.StatusSeeOther)
	res := p.get(t, visitor, "/temoignages")
	assertContains(t, res, "Claire M.", "Agen, installation en 2024", "<strong>maison de santé</strong>",
		`src="/images/`+photo+`"`, `alt="Portrait de Claire M."`)
	assertLacks(t, res, "Témoignage de démonstration")
	assertContains(t, p.get(t, visitor, "/lycee"), "Claire M.", `href="/temoignages"`)

	form := url.Values{"person_name": {"Claire M."}, "commune": {"47001"}, "installed_year": {"2023"}, "text": {"Un autre texte."}}
	assertStatus(t, p.postTestimonial(t, c, path, form, "", nil), http.StatusSeeOther)
	assertStatus(t, p.post(t, c, path+"/publication", url.Values{"publish": {"false"}}), http.StatusSeeOther)
	assertLacks(t, p.get(t, visitor, "/temoignages"), "Claire M.")

	page := p.get(t, c, path)
	assertStatus(t, page, http.StatusOK)
	assertContains(t, page, "Historique des modifications", "création", "publication", "retrait de la publication",
		"modification", "Année d&#39;installation, Témoignage", "Brouillon", `enctype="multipart/form-data"`)

	// Pages of the public list: ten a page, the latest published first.
	ctx := context.Background()
	for i := range 11 {
		n, err := p.db.SaveTestimonial(ctx, content.Testimonial{PersonName: "Médecin " + string(rune('A'+i)) + ".", CommuneINSEE: "47323",
			InstalledYear: 2020, Body: "Texte."}, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.db.SetPublished(ctx, content.KindTestimonial, n, true, 0); err != nil {
			t.Fatal(err)
		}
	}
	first := p.get(t, visitor, "/temoignages")
	assertContains(t, first, "Médecin K.", "Page 1 sur 2", `href="/temoignages?page=2"`)
	assertLacks(t, first, "Médecin A.")
	assertContains(t, p.get(t, visitor, "/temoignages?page=2"), "Médecin A.")
	assertStatus(t, p.get(t, visitor, "/temoignages?page=3"), http.StatusNotFound)
	assertStatus(t, p.get(t, visitor, "/temoignages?page=x"), http.StatusNotFound)
}
