package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// desk is a portal with two queues: doctors targeting Agen go to « Installation Agen »,
// whose officer is Claire; everything else goes to the default queue, whose officer
// is Paul.
type desk struct {
	*portal
	agenQueue, defaultQueue int64
	claire, paul            staff.User
}

func newDesk(t *testing.T, policy routing.Policy) *desk {
	t.Helper()
	p := newPortal(t)
	ctx := context.Background()
	d := &desk{portal: p}
	d.claire = p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	d.paul = p.createStaff(t, "paul@cd47.fr", staff.RoleOfficer, password)
	var err error
	if d.agenQueue, err = p.db.CreateQueue(ctx, routing.QueueSpec{Name: "Installation Agen", Policy: policy, FirstResponseDays: 2, ResolutionDays: 30}); err != nil {
		t.Fatal(err)
	}
	if err := p.db.Pool.QueryRow(ctx, `SELECT id FROM queues WHERE is_default`).Scan(&d.defaultQueue); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct{ q, s int64 }{{d.agenQueue, d.claire.ID}, {d.defaultQueue, d.paul.ID}} {
		if err := p.db.SetQueueMember(ctx, m.q, m.s, true); err != nil {
			t.Fatal(err)
		}
	}
	_, err = p.db.CreateRule(ctx, routing.Rule{Name: "Médecins vers l'Agenais", QueueID: d.agenQueue,
		Audiences: []string{"doctor"}, EPCIs: []string{"200096956"}, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// file submits a doctor's request targeting the EPCI and returns its id and reference.
func (d *desk) file(t *testing.T, key, email, epci string) (int64, string) {
	t.Helper()
	form := doctorForm(key)
	form.Set("email", email)
	form.Set("target_epcis", epci)
	form.Del("target_communes")
	res := d.post(t, d.client(t), "/demande/medecin", form)
	assertStatus(t, res, http.StatusSeeOther)
	ref := strings.TrimPrefix(res.Header.Get("Location"), "/demande/envoyee/")
	var id int64
	if err := d.db.Pool.QueryRow(context.Background(), `SELECT id FROM requests WHERE reference = $1`, ref).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id, ref
}

func TestRequestsAreRoutedByTheFirstMatchingRuleAndSayWhy(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	agen, agenRef := d.file(t, "cle-routage-000001", "a@example.org", "200096956")
	other, otherRef := d.file(t, "cle-routage-000002", "b@example.org", "200030674")

	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	page := d.get(t, claire, fmt.Sprintf("/espace/demandes/%d", agen))
	assertStatus(t, page, http.StatusOK)
	assertContains(t, page, "La règle « Médecins vers l&#39;Agenais » l&#39;a orientée vers la file Installation Agen.",
		"a@example.org", "Aides financières à l&#39;installation", "Enseignante")

	// Claire does not belong to the default queue: Paul's request is closed to her.
	assertStatus(t, d.get(t, claire, fmt.Sprintf("/espace/demandes/%d", other)), http.StatusForbidden)
	list := d.get(t, claire, "/espace/demandes")
	assertContains(t, list, agenRef)
	assertLacks(t, list, otherRef)

	paul := d.client(t)
	d.signIn(t, paul, "paul@cd47.fr", password)
	assertContains(t, d.get(t, paul, fmt.Sprintf("/espace/demandes/%d", other)),
		"Aucune règle ne s&#39;appliquait : la demande est allée dans la file par défaut, Accueil.")
}

func TestOnlyOfficersAndSupervisorsOpenRequests(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	id, _ := d.file(t, "cle-acces-00000001", "a@example.org", "200096956")
	path := fmt.Sprintf("/espace/demandes/%d", id)

	visitor := d.client(t)
	for _, p := range []string{"/espace/demandes", path} {
		res := d.get(t, visitor, p)
		assertStatus(t, res, http.StatusSeeOther)
	}
	res := d.post(t, visitor, path+"/prendre", url.Values{})
	assertStatus(t, res, http.StatusSeeOther)
	if !strings.HasPrefix(res.Header.Get("Location"), "/connexion") {
		t.Errorf("anonymous claim sent to %q", res.Header.Get("Location"))
	}

	d.createStaff(t, "obs@cd47.fr", staff.RoleObservatory, password)
	obs := d.client(t)
	d.signIn(t, obs, "obs@cd47.fr", password)
	assertStatus(t, d.get(t, obs, "/espace/demandes"), http.StatusForbidden)
	assertStatus(t, d.get(t, obs, path), http.StatusForbidden)

	d.createStaff(t, "sup@cd47.fr", staff.RoleSupervisor, password)
	sup := d.client(t)
	d.signIn(t, sup, "sup@cd47.fr", password)
	assertStatus(t, d.get(t, sup, path), http.StatusOK)

	paul := d.client(t)
	d.signIn(t, paul, "paul@cd47.fr", password)
	for _, action := range []string{"prendre", "note", "message", "statut"} {
		res := d.post(t, paul, path+"/"+action, url.Values{"note": {"x"}, "message": {"x"}, "statut": {"closed"}})
		assertStatus(t, res, http.StatusForbidden)
	}
	assertStatus(t, d.get(t, paul, "/espace/demandes/999999"), http.StatusNotFound)
	assertStatus(t, d.get(t, paul, "/espace/demandes/abc"), http.StatusNotFound)
}

func TestOfficerHandlesARequestFromClaimToInstallation(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	id, ref := d.file(t, "cle-parcours-00001", "amina@example.org", "200096956")
	path := fmt.Sprintf("/espace/demandes/%d", id)
	link := trackingLink.FindStringSubmatch(d.waitForEmail(t, "amina@example.org").body)[1]

	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	// The queue's live counts follow the request through its life.
	counts := func(open, unassigned, waiting int) string {
		return fmt.Sprintf("Ouvertes : %d · non attribuées : %d · en attente : %d", open, unassigned, waiting)
	}
	assertContains(t, d.get(t, claire, "/espace/demandes?vue=unassigned"), ref, counts(1, 1, 0))
	assertStatus(t, d.post(t, claire, path+"/prendre", url.Values{}), http.StatusSeeOther)
	assertContains(t, d.get(t, claire, "/espace/demandes?vue=mine"), ref, counts(1, 0, 0))
	assertLacks(t, d.get(t, claire, "/espace/demandes?vue=unassigned"), ref)

	assertStatus(t, d.post(t, claire, path+"/note", url.Values{"note": {"Appeler la CPAM lundi."}}), http.StatusSeeOther)
	assertStatus(t, d.post(t, claire, path+"/besoin", url.Values{"besoin": {"housing"}, "statut": {"in_progress"}}), http.StatusSeeOther)
	res := d.post(t, claire, path+"/message", url.Values{"message": {"Bonjour, quelles dates pour une visite ?"}, "attendre": {"1"}})
	assertStatus(t, res, http.StatusSeeOther)
	assertContains(t, d.get(t, claire, "/espace/demandes"), counts(1, 0, 1))

	// The applicant is told by email, and reads the message through a fresh link.
	var newLink string
	for newLink == "" || newLink == link {
		m := d.waitForEmail(t, "amina@example.org")
		if strings.Contains(m.subject, "Nouveau message") {
			newLink = trackingLink.FindStringSubmatch(m.body)[1]
		}
	}
	applicant := d.client(t)
	page := d.get(t, applicant, newLink)
	assertContains(t, page, "En attente de votre réponse", "Bonjour, quelles dates pour une visite ?",
		"Message de Test officer", "Logement : <span class=\"need-status need-in_progress\">en cours</span>")
	assertLacks(t, page, "Appeler la CPAM lundi.", "Prise en charge")

	// Their answer sets the request back to work.
	d.post(t, applicant, newLink, url.Values{"message": {"Le 12 mars me convient."}})
	assertContains(t, d.get(t, claire, path), "Le 12 mars me convient.", "En cours")
	assertContains(t, d.get(t, claire, "/espace/demandes"), counts(1, 0, 0))

	// Resolving needs an outcome.
	assertStatus(t, d.post(t, claire, path+"/statut", url.Values{"statut": {"resolved"}}), http.StatusBadRequest)
	res = d.post(t, claire, path+"/resoudre", url.Values{"issue": {"installed"}, "commune": {"Bordeaux"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Cette commune n&#39;est pas dans le département.", "Saisissez une date", `value="Bordeaux"`)
	assertStatus(t, d.post(t, claire, path+"/resoudre", url.Values{"issue": {"installed"}, "commune": {"Nérac (47600)"},
		"date": {"2027-03-01"}, "structure": {"msp"}, "structure_nom": {"MSP du Pin"}, "mode": {"liberal"}}), http.StatusSeeOther)
	assertContains(t, d.get(t, applicant, newLink), "Traitée", "Demande traitée : installation réalisée")
	assertContains(t, d.get(t, claire, "/espace/demandes"), counts(0, 0, 0))
	assertContains(t, d.get(t, claire, path), "Issue : installation réalisée", "À Nérac, le 01/03/2027",
		"Maison de santé pluriprofessionnelle « MSP du Pin », exercice Libéral")
	assertContains(t, d.get(t, claire, "/espace/demandes?statut=resolved"), ref)
	assertLacks(t, d.get(t, claire, "/espace/demandes"), ref)
}

func TestEmptyNoteIsRefusedAndBadValuesAre400(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	id, _ := d.file(t, "cle-valeurs-000001", "a@example.org", "200096956")
	path := fmt.Sprintf("/espace/demandes/%d", id)
	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	res := d.post(t, claire, path+"/note", url.Values{"note": {"   "}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Ce champ est obligatoire.")
	for action, form := range map[string]url.Values{
		"statut":    {"statut": {"perdue"}},
		"priorite":  {"priorite": {"urgente"}},
		"besoin":    {"besoin": {"inconnu"}, "statut": {"done"}},
		"attribuer": {"agent": {"abc"}},
		"file":      {"file": {"999999"}},
	} {
		assertStatus(t, d.post(t, claire, path+"/"+action, form), http.StatusBadRequest)
	}
	// Paul is no officer of the Agen queue: the request cannot be given to him.
	assertStatus(t, d.post(t, claire, path+"/attribuer", url.Values{"agent": {fmt.Sprint(d.paul.ID)}}), http.StatusBadRequest)
}

func TestRoundRobinAndLeastLoadedAssignment(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyRoundRobin)
	ctx := context.Background()
	sam := d.createStaff(t, "sam@cd47.fr", staff.RoleOfficer, password)
	if err := d.db.SetQueueMember(ctx, d.agenQueue, sam.ID, true); err != nil {
		t.Fatal(err)
	}
	var got []int64
	for i := range 4 {
		id, _ := d.file(t, fmt.Sprintf("cle-tourniquet-%04d", i), fmt.Sprintf("rr%d@example.org", i), "200096956")
		var assignee int64
		if err := d.db.Pool.QueryRow(ctx, `SELECT assignee_id FROM requests WHERE id = $1`, id).Scan(&assignee); err != nil {
			t.Fatal(err)
		}
		got = append(got, assignee)
	}
	want := []int64{d.claire.ID, sam.ID, d.claire.ID, sam.ID}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("round-robin gave %v, want %v", got, want)
	}

	if err := d.db.UpdateQueue(ctx, d.agenQueue, routing.QueueSpec{Name: "Installation Agen", Policy: routing.PolicyLeastLoaded, FirstResponseDays: 2, ResolutionDays: 30}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.db.Pool.Exec(ctx, `UPDATE requests SET status = 'closed' WHERE assignee_id = $1`, sam.ID); err != nil {
		t.Fatal(err)
	}
	id, _ := d.file(t, "cle-charge-0000001", "ll@example.org", "200096956")
	var assignee int64
	d.db.Pool.QueryRow(ctx, `SELECT assignee_id FROM requests WHERE id = $1`, id).Scan(&assignee)
	if assignee != sam.ID {
		t.Errorf("least-loaded gave %d, want Sam (%d), who has no open request", assignee, sam.ID)
	}
}

func TestQueueViewPagesAndSearches(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	for i := range 55 {
		d.file(t, fmt.Sprintf("cle-pagination-%04d", i), fmt.Sprintf("p%02d@example.org", i), "200030674")
	}
	paul := d.client(t)
	d.signIn(t, paul, "paul@cd47.fr", password)
	first := d.get(t, paul, "/espace/demandes")
	if n := strings.Count(first.body, `<th scope="row">`); n != 50 {
		t.Errorf("first page lists %d requests, want 50", n)
	}
	next := regexpHref(first.body, "rel=\"next\"")
	if next == "" {
		t.Fatal("no link to the next page")
	}
	second := d.get(t, paul, next)
	if n := strings.Count(second.body, `<th scope="row">`); n != 5 {
		t.Errorf("second page lists %d requests, want 5", n)
	}
	assertContains(t, second, "← Premières demandes")
	assertLacks(t, second, `rel="next"`)

	found := d.get(t, paul, "/espace/demandes?q=p07%40example")
	if n := strings.Count(found.body, `<th scope="row">`); n != 1 {
		t.Errorf("search by email finds %d requests, want 1", n)
	}
	assertContains(t, d.get(t, paul, "/espace/demandes?q=%25"), "Aucune demande ne correspond")
	assertStatus(t, d.get(t, paul, "/espace/demandes?file=abc"), http.StatusBadRequest)
}

// regexpHref returns the href of the first link whose tag contains marker.
func regexpHref(body, marker string) string {
	i := strings.Index(body, marker)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(body[:i], `href="`)
	if start < 0 {
		return ""
	}
	rest := body[start+len(`href="`):]
	return strings.ReplaceAll(rest[:strings.Index(rest, `"`)], "&amp;", "&")
}

func TestOverdueRequestsSurfaceInTheQueueViewAndOnTheirPage(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	id, ref := d.file(t, "cle-retard-0000001", "a@example.org", "200096956")
	_, onTime := d.file(t, "cle-retard-0000002", "b@example.org", "200096956")
	ctx := context.Background()
	if _, err := d.db.Pool.Exec(ctx, `UPDATE requests SET first_response_due = now() - interval '1 hour',
		next_due = now() - interval '1 hour' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	overdue := d.get(t, claire, "/espace/demandes?echeance=overdue")
	assertContains(t, overdue, ref, "en retard")
	assertLacks(t, overdue, onTime)
	page := d.get(t, claire, fmt.Sprintf("/espace/demandes/%d", id))
	assertContains(t, page, "Échéances", "Première réponse", "en retard", "Résolution", "reste ")
	assertStatus(t, d.get(t, claire, "/espace/demandes?echeance=hier"), http.StatusBadRequest)
	assertStatus(t, d.get(t, claire, "/espace/demandes?echeance=soon&suite=abc"), http.StatusBadRequest)

	// Waiting for the applicant pauses the clocks: the page says so.
	d.post(t, claire, fmt.Sprintf("/espace/demandes/%d/statut", id), url.Values{"statut": {"waiting_applicant"}})
	assertContains(t, d.get(t, claire, fmt.Sprintf("/espace/demandes/%d", id)), "en pause : on attend le demandeur")
	assertLacks(t, d.get(t, claire, "/espace/demandes?echeance=overdue"), ref)
}

// An intern who later settles as a doctor is counted once both addresses are proved.
func TestInternWhoSettlesIsLinkedToTheirEarlierRequest(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	c := d.client(t)
	res := d.post(t, c, "/demande/etudiant", url.Values{"form_key": {"cle-interne-0000001"}, "first_name": {"Léo"},
		"last_name": {"Martin"}, "email": {"leo@example.org"}, "situation": {"intern_last_year"}, "needs": {"settling_later"}})
	assertStatus(t, res, http.StatusSeeOther)
	studentLink := trackingLink.FindStringSubmatch(d.waitForEmail(t, "leo@example.org").body)[1]
	d.get(t, c, studentLink) // proves the address

	id, _ := d.file(t, "cle-interne-0000002", "Leo@example.org", "200096956")
	var doctorLink string
	for doctorLink == "" || doctorLink == studentLink {
		doctorLink = trackingLink.FindStringSubmatch(d.waitForEmail(t, "Leo@example.org").body)[1]
	}
	d.get(t, c, doctorLink)

	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	assertContains(t, d.get(t, claire, fmt.Sprintf("/espace/demandes/%d", id)), "avait déjà fait une demande comme étudiant·e")
	d.post(t, claire, fmt.Sprintf("/espace/demandes/%d/resoudre", id), url.Values{"issue": {"installed"}, "commune": {"Agen"},
		"date": {"2027-01-04"}, "structure": {"practice"}, "structure_nom": {"Cabinet du Gravier"}, "mode": {"mixed"}})
	n, err := d.db.InternsConverted(context.Background())
	if err != nil || n != 1 {
		t.Errorf("interns converted = %d (%v), want 1", n, err)
	}
	counts, err := d.db.Installations(context.Background())
	if err != nil || len(counts) != 1 || counts[0].EPCI != "200096956" || counts[0].Year != 2027 || counts[0].Count != 1 {
		t.Errorf("installations = %+v (%v), want one in the Agen agglomeration in 2027", counts, err)
	}
}
