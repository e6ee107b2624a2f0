package server_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

// Staff write a page of the high-school corner; visitors see it once published, on its
// own address and in the hub, which always calls teachers to the high-school form.
func TestLyceePagesArePublishedByStaff(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := signedInAdmin(t, p)
	visitor := p.client(t)
	assertContains(t, p.get(t, c, "/espace"), `href="/espace/pages"`, `href="/espace/temoignages"`)

	hub := p.get(t, visitor, "/lycee")
	assertStatus(t, hub, http.StatusOK)
	assertContains(t, hub, "Aucune page n&#39;est publiée", "Vous êtes enseignant·e ?",
		`href="/demande/lycee"`, "Demandez une intervention dans votre lycée")

	form := url.Values{"title": {"Le CESP"}, "slug": {"cesp"}, "summary": {"Une allocation pendant les études."},
		"body": {"## Le principe\n\nVoir [le CNG](https://www.cng.sante.fr). <script>alert(1)</script>"}, "position": {"4"}}
	res := p.post(t, c, "/espace/pages", form)
	assertStatus(t, res, http.StatusSeeOther)
	edit := res.Header.Get("Location")
	assertStatus(t, p.get(t, visitor, "/lycee/cesp"), http.StatusNotFound)

	assertStatus(t, p.post(t, c, edit+"/publication", url.Values{"publish": {"true"}}), http.StatusSeeOther)
	page := p.get(t, visitor, "/lycee/cesp")
	assertStatus(t, page, http.StatusOK)
	assertContains(t, page, "<h1>Le CESP</h1>", "<h2>Le principe</h2>", `href="https://www.cng.sante.fr"`, `href="/demande/lycee"`)
	assertLacks(t, page, "<script>alert")
	assertContains(t, p.get(t, visitor, "/lycee"), `href="/lycee/cesp"`, "Une allocation pendant les études.")

	// A second page may not take the same address, nor one that is not a slug.
	for slug, message := range map[string]string{"cesp": "déjà celle d&#39;une autre page", "Études Santé": "lettres minuscules sans accents", "../x": "lettres minuscules sans accents"} {
		form.Set("slug", slug)
		res := p.post(t, c, "/espace/pages", form)
		assertStatus(t, res, http.StatusUnprocessableEntity)
		assertContains(t, res, message, `value="Le CESP"`)
	}
	if n := p.countRows(t, `SELECT count(*) FROM pages`); n != 1 {
		t.Errorf("%d pages after refused forms, want 1", n)
	}
	assertStatus(t, p.get(t, visitor, "/lycee/..%2Fx"), http.StatusNotFound)

	// A page shipped « to review » is marked so in the back office until it is edited.
	ctx := context.Background()
	if _, err := p.db.Pool.Exec(ctx, `UPDATE pages SET to_review = true`); err != nil {
		t.Fatal(err)
	}
	assertContains(t, p.get(t, c, "/espace/pages"), "/lycee/cesp · à vérifier par l&#39;administration", "Le CESP", "Publié")
	form.Set("slug", "cesp")
	form.Set("title", "Le contrat d'engagement de service public")
	assertStatus(t, p.post(t, c, edit, form), http.StatusSeeOther)
	assertLacks(t, p.get(t, c, "/espace/pages"), "/lycee/cesp · à vérifier")
	assertContains(t, p.get(t, c, edit), "création", "publication", "modification (Titre)")

	// Unpublished, the page is gone from the public site.
	assertStatus(t, p.post(t, c, edit+"/publication", url.Values{"publish": {"false"}}), http.StatusSeeOther)
	assertStatus(t, p.get(t, visitor, "/lycee/cesp"), http.StatusNotFound)
	assertLacks(t, p.get(t, visitor, "/lycee"), `href="/lycee/cesp"`)
}
