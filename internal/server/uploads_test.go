package server_test

import (
	"bytes"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// Every upload refuses what it cannot read with a 4xx page in French, imports nothing,
// and never echoes a file's name or content unescaped.
func TestUploadsRefuseWhatTheyCannotRead(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	c := p.client(t)
	p.signIn(t, c, "admin@cd47.fr", password)

	noise := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(47, 47))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	hostile := []byte("<script>alert(1)</script>;\"=cmd|' /C calc'!A0\n")
	uploads := []struct{ path, field string }{
		{"/espace/zonage", "fichier"},
		{"/espace/observatoire/import", "fichier"},
		{"/espace/observatoire/apl", "apl"},
		{"/espace/observatoire/ages", "ages"},
		{"/espace/observatoire/finess", "finess"},
	}
	for _, u := range uploads {
		// Not a multipart form at all.
		req := httptestRequest(t, http.MethodPost, p.URL+u.path, strings.NewReader("fichier=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if res := do(t, c, req); res.StatusCode < 400 || res.StatusCode > 499 {
			t.Errorf("%s without a file: status %d, want 4xx", u.path, res.StatusCode)
		}
		for _, file := range []struct {
			name    string
			content []byte
		}{
			{"bruit.csv", noise},
			{"../../etc/<script>alert(1)</script>.csv", hostile},
			{"vide.csv", nil},
		} {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			for _, date := range []string{"date", "date_ages", "date_finess"} { // each form names its own
				mw.WriteField(date, "2026-01-01")
			}
			fw, _ := mw.CreateFormFile(u.field, file.name)
			fw.Write(file.content)
			mw.Close()
			req := httptestRequest(t, http.MethodPost, p.URL+u.path, &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			res := do(t, c, req)
			if res.StatusCode < 400 || res.StatusCode > 499 {
				t.Errorf("%s with %s: status %d, want 4xx", u.path, file.name, res.StatusCode)
			}
			if strings.Contains(res.body, "<script>") {
				t.Errorf("%s with %s: the page echoes markup unescaped", u.path, file.name)
			}
			if !strings.Contains(res.body, `lang="fr"`) {
				t.Errorf("%s with %s: no French page", u.path, file.name)
			}
		}
	}
	// Over its bound, an upload gets the « too large » page, not a vague refusal.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("fichier", "zonage.csv")
	fw.Write(bytes.Repeat(noise, 5)) // 320 KiB, over the 256 KiB a zoning file may take
	mw.Close()
	req := httptestRequest(t, http.MethodPost, p.URL+"/espace/zonage", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	assertStatus(t, do(t, c, req), http.StatusRequestEntityTooLarge)

	for _, table := range []string{"zoning_imports", "gp_snapshots", "apl_imports", "age_imports", "finess_imports"} {
		if n := p.countRows(t, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%d rows in %s after refused uploads", n, table)
		}
	}
}
