package server_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

func (p *portal) upload(t *testing.T, c *http.Client, path, field, name, content string) response {
	t.Helper()
	return p.uploadWith(t, c, path, nil, field, name, content)
}

// uploadWith posts a multipart form: its fields, then one file.
func (p *portal) uploadWith(t *testing.T, c *http.Client, path string, fields map[string]string, field, name, content string) response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	part, err := w.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	part.Write([]byte(content))
	w.Close()
	req := httptestRequest(t, http.MethodPost, p.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", p.URL)
	return do(t, c, req)
}

func TestAdministratorImportsAZoningAfterAPreview(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := p.client(t)
	p.signIn(t, admin, "admin@cd47.fr", password)
	file := "code_insee;zone;arrete;date\n47001;ZIP;Arrêté ARS NA n° 2025-123;30/12/2025\n47195;ZAC;Arrêté ARS NA n° 2025-123;30/12/2025\n" +
		"33063;ZIP;Arrêté;30/12/2025\n47001;ZIP;Arrêté ARS NA n° 2025-123;30/12/2025\n"
	res := p.upload(t, admin, "/espace/zonage", "fichier", "zonage-47.csv", file)
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "Aperçu de « zonage-47.csv »", "ZIP : 1 communes", "ZAC : 1 communes",
		"Ligne 4 : « 33063 » n&#39;est pas une commune du département.", "Ligne 5 : la même commune et la même zone figurent déjà ligne 2.",
		"Agen (47001)", "Confirmer l&#39;import")
	// Nothing is imported until confirmed.
	assertContains(t, p.get(t, p.client(t), simulation), "zonage non importé")

	res = p.post(t, admin, "/espace/zonage/confirmer", url.Values{"nom": {"zonage-47.csv"}, "contenu": {file}})
	assertStatus(t, res, http.StatusSeeOther)
	assertContains(t, p.get(t, admin, "/espace/zonage"), "zonage-47.csv : ZIP, ZAC, 2 lignes", "Arrêté ARS NA n° 2025-123")
	assertContains(t, p.get(t, p.client(t), simulation), "Zonage ZIP utilisé : Arrêté ARS NA n° 2025-123")

	assertStatus(t, p.upload(t, admin, "/espace/zonage", "fichier", "vide.csv", "rien\n"), http.StatusUnprocessableEntity)
	assertStatus(t, p.upload(t, admin, "/espace/zonage", "autre", "x.csv", file), http.StatusUnprocessableEntity)
	officer := p.client(t)
	p.createStaff(t, "officer@cd47.fr", staff.RoleOfficer, password)
	p.signIn(t, officer, "officer@cd47.fr", password)
	assertStatus(t, p.get(t, officer, "/espace/zonage"), http.StatusForbidden)
}

func TestAdministratorEntersALocalAidAndANewVersionOfIt(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := p.client(t)
	p.signIn(t, admin, "admin@cd47.fr", password)
	aid := url.Values{"name": {"Bourse d'installation de l'Agglomération d'Agen"}, "funder": {"Agglomération d'Agen"},
		"level": {"epci"}, "audiences": {"settling"}, "zones": {"ZIP"}, "valid_from": {"2026-01-01"}, "one_off": {"3000"},
		"conditions": {"Installation dans une commune de l'agglomération."}, "obligations": {"Trois ans d'exercice."},
		"source": {"Délibération du conseil communautaire"}, "source_url": {"https://www.agglo-agen.net/"}, "checked_on": {"2026-11-20"}}
	assertStatus(t, p.post(t, admin, "/espace/aides", aid), http.StatusSeeOther)

	bad := url.Values{"name": {""}, "level": {"planet"}, "source_url": {"javascript:alert(1)"}, "one_off": {"-4"}}
	res := p.post(t, admin, "/espace/aides", bad)
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Ce champ est obligatoire.", "Saisissez une adresse complète", "Indiquez un montant en euros")

	next := url.Values{}
	for k, v := range aid {
		next[k] = v
	}
	next.Set("key", "local-bourse-d-installation-de-l-agglomeration-d-agen")
	next.Set("valid_from", "2027-01-01")
	next.Set("one_off", "4000")
	assertStatus(t, p.post(t, admin, "/espace/aides", next), http.StatusSeeOther)
	assertStatus(t, p.post(t, admin, "/espace/aides", next), http.StatusUnprocessableEntity)

	catalogue := p.get(t, p.client(t), "/aides")
	assertContains(t, catalogue, "Bourse d&#39;installation de l&#39;Agglomération d&#39;Agen", "du 01/01/2026 au 31/12/2026",
		"en vigueur depuis le 01/01/2027", "3\u00a0000\u00a0€ une fois.", "4\u00a0000\u00a0€ une fois.")
	// The simulator applies the version in force on the day, as a local aid to check.
	res = p.get(t, p.client(t), simulation)
	assertContains(t, res, "Bourse d&#39;installation", "Conditions propres à cette aide locale", "3\u00a0000\u00a0€")
	assertLacks(t, res, "4\u00a0000\u00a0€ une fois")
}
