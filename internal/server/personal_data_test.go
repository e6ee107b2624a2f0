package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

func TestApplicantDownloadsTheirDataAndAsksForDeletionWhichAnOfficerConfirms(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	id, ref := d.file(t, "cle-donnees-000001", "amina@example.org", "200096956")
	link := trackingLink.FindStringSubmatch(d.waitForEmail(t, "amina@example.org").body)[1]
	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	d.post(t, claire, fmt.Sprintf("/espace/demandes/%d/note", id), url.Values{"note": {"Note confidentielle"}})
	d.post(t, claire, fmt.Sprintf("/espace/demandes/%d/message", id), url.Values{"message": {"Bonjour Amina"}})

	applicant := d.client(t)
	res := d.get(t, applicant, link+"/donnees")
	assertStatus(t, res, http.StatusOK)
	if !strings.Contains(res.Header.Get("Content-Disposition"), ref+".json") {
		t.Errorf("Content-Disposition %q", res.Header.Get("Content-Disposition"))
	}
	var data map[string]any
	if err := json.Unmarshal([]byte(res.body), &data); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	assertContains(t, res, `"Email": "amina@example.org"`, "Bonjour Amina", ref)
	assertLacks(t, res, "Note confidentielle")

	assertStatus(t, d.post(t, applicant, link+"/effacement", url.Values{}), http.StatusSeeOther)
	assertContains(t, d.get(t, applicant, link), "Votre demande d&#39;effacement est transmise")
	page := d.get(t, claire, fmt.Sprintf("/espace/demandes/%d", id))
	assertContains(t, page, "Le demandeur a demandé l&#39;effacement de ses données", "Confirmer l&#39;effacement")

	assertStatus(t, d.post(t, claire, fmt.Sprintf("/espace/demandes/%d/effacer", id), url.Values{}), http.StatusSeeOther)
	page = d.get(t, claire, fmt.Sprintf("/espace/demandes/%d", id))
	assertContains(t, page, "Les données personnelles de cette demande ont été effacées")
	assertLacks(t, page, "amina@example.org", "Bonjour Amina", "Note confidentielle", "Diallo")
	assertStatus(t, d.get(t, applicant, link), http.StatusNotFound)
	if n := d.countRows(t, `SELECT count(*) FROM audit_log WHERE request_id = $1 AND action = 'anonymise'`, id); n != 1 {
		t.Errorf("%d anonymisation lines in the audit log, want 1", n)
	}
}

func TestOnlySupervisorsExportAndEachExportedRequestIsAudited(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	d.file(t, "cle-export-0000001", "a@example.org", "200096956")
	form := doctorForm("cle-export-0000002")
	form.Set("email", "b@example.org")
	form.Set("message", "=HYPERLINK(\"http://evil\")")
	d.post(t, d.client(t), "/demande/medecin", form)

	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	assertStatus(t, d.get(t, claire, "/espace/demandes/export.csv"), http.StatusForbidden)
	assertLacks(t, d.get(t, claire, "/espace/demandes"), "export.csv")

	d.createStaff(t, "sup@cd47.fr", staff.RoleSupervisor, password)
	sup := d.client(t)
	d.signIn(t, sup, "sup@cd47.fr", password)
	res := d.get(t, sup, "/espace/demandes/export.csv?statut=all")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "Référence,Reçue le", "a@example.org", "b@example.org", `'=HYPERLINK`)
	if n := d.countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'export'`); n != 2 {
		t.Errorf("%d export lines in the audit log, want 2", n)
	}
}
