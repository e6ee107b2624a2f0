package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

func TestAdminsKeepPartnersAndOfficersReferNeedsToThem(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	id, ref := d.file(t, "cle-partenaire-001", "a@example.org", "200096956")
	path := fmt.Sprintf("/espace/demandes/%d", id)

	d.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := d.client(t)
	d.signIn(t, admin, "admin@cd47.fr", password)
	res := d.post(t, admin, "/espace/partenaires", url.Values{"partner_name": {"CPAM de Lot-et-Garonne"}, "kind": {"cpam"},
		"email": {"installation@cpam.example"}, "needs": {"financial_aid", "admin_steps"}})
	assertStatus(t, res, http.StatusSeeOther)
	res = d.post(t, admin, "/espace/partenaires", url.Values{"partner_name": {"CPAM de Lot-et-Garonne"}, "kind": {"cpam"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Ce nom est déjà pris.")
	res = d.post(t, admin, "/espace/partenaires", url.Values{"partner_name": {"MSA"}, "kind": {"nasa"}, "email": {"x"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Choisissez une réponse.", "Saisissez une adresse e-mail valide", `value="MSA"`)
	assertContains(t, d.get(t, admin, "/espace/partenaires"), "CPAM de Lot-et-Garonne", "installation@cpam.example",
		"Aides financières à l&#39;installation")

	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	assertStatus(t, d.get(t, claire, "/espace/partenaires"), http.StatusForbidden)
	var partner int64
	d.db.Pool.QueryRow(context.Background(), `SELECT id FROM partners`).Scan(&partner)
	res = d.post(t, claire, path+"/orientations", url.Values{"besoin": {"financial_aid"}, "partenaire": {fmt.Sprint(partner)},
		"orientation-message": {"Pouvez-vous vérifier l'éligibilité à l'aide de première installation ?"}})
	assertStatus(t, res, http.StatusSeeOther)
	assertStatus(t, d.post(t, claire, path+"/orientations", url.Values{"besoin": {"childcare"}, "partenaire": {fmt.Sprint(partner)},
		"orientation-message": {"x"}}), http.StatusBadRequest)
	assertStatus(t, d.post(t, claire, path+"/orientations", url.Values{"besoin": {"housing"}, "partenaire": {fmt.Sprint(partner)}}),
		http.StatusUnprocessableEntity)
	page := d.get(t, claire, path)
	assertContains(t, page, "Orientée vers un partenaire : Aides financières à l&#39;installation → CPAM de Lot-et-Garonne",
		"réponse attendue avant le")

	// Ten working days later with no answer, the referral surfaces in the officer's views.
	// Claire signs in again: her session ended while idle.
	d.db.Now = func() time.Time { return time.Now().AddDate(0, 0, 20) }
	claire = d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	list := d.get(t, claire, "/espace/demandes")
	assertContains(t, list, "Orientations sans réponse dans les délais", ref)
	var referral int64
	d.db.Pool.QueryRow(context.Background(), `SELECT id FROM referrals`).Scan(&referral)
	assertStatus(t, d.post(t, claire, fmt.Sprintf("%s/orientations/%d", path, referral), url.Values{"statut": {"answered"}}), http.StatusSeeOther)
	assertLacks(t, d.get(t, claire, "/espace/demandes"), "Orientations sans réponse")
	assertContains(t, d.get(t, claire, path), "Orientation : CPAM de Lot-et-Garonne : répondue")
	assertStatus(t, d.post(t, claire, fmt.Sprintf("%s/orientations/%d", path, referral), url.Values{"statut": {"perdue"}}), http.StatusBadRequest)
}
