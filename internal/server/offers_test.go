package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// anOffer is a valid internship offer in Casteljaloux (Coteaux et Landes de Gascogne).
func anOffer(title string) offers.Offer {
	return offers.Offer{Title: title, HostKind: "msp", HostName: "Maison de santé de Casteljaloux", Commune: "47052", EPCI: "244701355",
		Specialty: "medecine_generale", Level: "interne_socle", Semester: offers.SemesterOf(time.Now()).Next(),
		Supervisor: "Dr Durand", Housing: true, Description: "Consultations et **visites**."}
}

func (p *portal) publishedOffer(t *testing.T) int64 {
	t.Helper()
	return p.publish(t, content.KindOffer, func(ctx context.Context) (int64, error) {
		return p.db.SaveOffer(ctx, anOffer("Stage en maison de santé"), 0)
	})
}

func (p *portal) publishedOpportunity(t *testing.T) int64 {
	t.Helper()
	return p.publish(t, content.KindOpportunity, func(ctx context.Context) (int64, error) {
		return p.db.SaveOpportunity(ctx, offers.Opportunity{Kind: "succession", Title: "Cabinet à reprendre", StructureName: "Cabinet de Tonneins",
			Commune: "47310", EPCI: "200030674", Contact: "cabinet@example.org", Description: "Départ en retraite."}, 0)
	})
}

func (p *portal) publishedHousing(t *testing.T) int64 {
	t.Helper()
	return p.publish(t, content.KindHousing, func(ctx context.Context) (int64, error) {
		return p.db.SaveHousing(ctx, offers.Housing{Title: "Internat de Marmande", Kind: "internat", Commune: "47157", EPCI: "200030674",
			Audience: "internes", MonthlyRent: 0, Capacity: 10, Contact: "internat@example.org", Description: "Chambres meublées."}, 0)
	})
}

func (p *portal) publish(t *testing.T, kind content.Kind, save func(context.Context) (int64, error)) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.db.SetPublished(ctx, kind, id, true, 0); err != nil {
		t.Fatal(err)
	}
	return id
}

// The public list shows published offers only, combines its filters, keeps them in its
// page links, and answers a hand-edited address with a clear 400.
func TestOffersListFiltersAndPages(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	ctx := context.Background()
	for i := range 25 {
		o := anOffer(fmt.Sprintf("Stage numéro %02d", i))
		if i%5 == 0 {
			o.Level, o.Housing = "externe", false
		}
		id, err := p.db.SaveOffer(ctx, o, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.db.SetPublished(ctx, content.KindOffer, id, i != 24, 0); err != nil {
			t.Fatal(err)
		}
	}
	c := p.client(t)
	all := p.get(t, c, "/stages")
	if all.StatusCode != http.StatusOK || !strings.Contains(all.body, "24 résultat(s)") {
		t.Fatalf("list: status %d, want 24 published offers (the draft hidden): %s", all.StatusCode, excerpt(all.body, "résultat"))
	}
	if strings.Contains(all.body, "Stage numéro 24") {
		t.Error("the draft is listed publicly")
	}
	if !strings.Contains(all.body, `href="/stages?page=2"`) || !strings.Contains(all.body, "Page 1 sur 2") {
		t.Errorf("no link to the second page: %s", excerpt(all.body, "pager"))
	}
	externes := p.get(t, c, "/stages?niveau=externe")
	if !strings.Contains(externes.body, "5 résultat(s)") || strings.Contains(externes.body, "Stage numéro 01") {
		t.Errorf("level filter: %s", excerpt(externes.body, "résultat"))
	}
	none := p.get(t, c, "/stages?niveau=externe&logement=1")
	if !strings.Contains(none.body, "0 résultat(s)") || !strings.Contains(none.body, "Aucune offre de stage ne correspond") {
		t.Errorf("combined filters: want the empty state: %s", excerpt(none.body, "résultat"))
	}
	second := p.get(t, c, "/stages?specialite=medecine_generale&page=2")
	if second.StatusCode != http.StatusOK || !strings.Contains(second.body, "specialite=medecine_generale") || !strings.Contains(second.body, `rel="prev"`) {
		t.Errorf("page 2 with a filter: status %d, want its links to keep the filter", second.StatusCode)
	}
	for _, bad := range []string{"/stages?niveau=chef", "/stages?semestre=2026-13", "/stages?epci=123", "/stages?page=-1", "/stages?page=abc"} {
		if res := p.get(t, c, bad); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "lang=\"fr\"") {
			t.Errorf("%s: status %d, want a French 400 page", bad, res.StatusCode)
		}
	}
}

// Staff create an offer as a draft, correct what the form refuses, publish it, change it
// and unpublish it; the history says who did what.
func TestStaffCreatePublishAndChangeAnOffer(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := p.client(t)
	p.signIn(t, c, "claire@cd47.fr", password)

	form := url.Values{"title": {"Stage en pédiatrie <b>libérale</b>"}, "host_kind": {"cabinet"}, "host_name": {"Cabinet du Pin"},
		"commune": {"Trifouillis"}, "specialty": {"pediatrie"}, "level": {"docteur_junior"}, "semester": {""},
		"supervisor": {"Dr Lemoine"}, "housing": {"1"}, "description": {"Bienvenue <script>alert(1)</script> **à tous**"}}
	bad := p.post(t, c, "/espace/stages", form)
	if bad.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid offer: status %d, want 422", bad.StatusCode)
	}
	for _, want := range []string{"Saisissez le nom d&#39;une commune du département.", "Ce champ est obligatoire.", `value="Trifouillis"`, "Cabinet du Pin"} {
		if !strings.Contains(bad.body, want) {
			t.Errorf("invalid offer page lacks %q", want)
		}
	}
	nul := p.post(t, c, "/espace/stages", url.Values{"title": {"Stage\x00"}, "description": {"x\x01"}})
	if nul.StatusCode != http.StatusUnprocessableEntity || strings.Count(nul.body, "caractères") < 2 {
		t.Errorf("control characters: status %d, want 422 naming them beside both fields", nul.StatusCode)
	}
	form.Set("commune", "nérac")
	form.Set("semester", offers.SemesterOf(time.Now()).Next().String())
	created := p.post(t, c, "/espace/stages", form)
	if created.StatusCode != http.StatusSeeOther {
		t.Fatalf("valid offer: status %d: %s", created.StatusCode, excerpt(created.body, "field-error"))
	}
	page := created.Header.Get("Location")
	id := strings.TrimPrefix(page, "/espace/stages/")
	if res := p.get(t, p.client(t), "/stages/"+id); res.StatusCode != http.StatusNotFound {
		t.Errorf("a draft is public: status %d", res.StatusCode)
	}
	if res := p.post(t, c, page+"/publication", url.Values{"publish": {"true"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: status %d", res.StatusCode)
	}
	public := p.get(t, p.client(t), "/stages/"+id)
	if public.StatusCode != http.StatusOK {
		t.Fatalf("published offer: status %d", public.StatusCode)
	}
	for _, want := range []string{"Stage en pédiatrie &lt;b&gt;libérale&lt;/b&gt;", "Nérac (CC Albret Communauté)", "<strong>à tous</strong>", "Docteur junior", `href="/demande/etudiant?offre=` + id + `"`} {
		if !strings.Contains(public.body, want) {
			t.Errorf("public offer page lacks %q", want)
		}
	}
	if strings.Contains(public.body, "<script>alert") {
		t.Error("the description's script reached the page")
	}

	form.Set("supervisor", "Dr Lemoine-Roux")
	form.Set("housing", "")
	if res := p.post(t, c, page, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: status %d", res.StatusCode)
	}
	staffPage := p.get(t, c, page)
	for _, want := range []string{"Historique des modifications", "modification (Maître de stage, Logement proposé)", "publication", "création", "Test officer"} {
		if !strings.Contains(staffPage.body, want) {
			t.Errorf("staff page lacks %q in its history: %s", want, excerpt(staffPage.body, "history"))
		}
	}
	if res := p.post(t, c, page+"/publication", url.Values{"publish": {"false"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: status %d", res.StatusCode)
	}
	if res := p.get(t, p.client(t), "/stages/"+id); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unpublished offer is public: status %d", res.StatusCode)
	}
	if res := p.get(t, c, "/espace/stages/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown offer: status %d, want 404", res.StatusCode)
	}
}

// « Je suis intéressé·e » opens the student form with the offer attached; the request
// carries it and the officer sees it.
func TestInterestInAnOfferBecomesAStudentRequest(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	p := d.portal
	id := p.publishedOffer(t)
	c := p.client(t)
	form := p.get(t, c, fmt.Sprintf("/demande/etudiant?offre=%d", id))
	if !strings.Contains(form.body, "Offre de stage jointe à votre demande : Stage en maison de santé") ||
		!strings.Contains(form.body, fmt.Sprintf(`name="offer" value="%d"`, id)) {
		t.Fatalf("the form does not carry the offer: %s", excerpt(form.body, "notice"))
	}
	res := p.post(t, c, "/demande/etudiant", url.Values{"form_key": {"cle-offre-0000001"}, "first_name": {"Léa"}, "last_name": {"Martin"},
		"email": {"lea.martin@example.org"}, "situation": {"intern_first_years"}, "needs": {"internship"}, "offer": {fmt.Sprint(id)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: status %d: %s", res.StatusCode, excerpt(res.body, "field-error"))
	}
	if n := p.countRows(t, `SELECT count(*) FROM requests WHERE offer_id = $1 AND email = 'lea.martin@example.org'`, id); n != 1 {
		t.Errorf("%d requests carry the offer, want 1", n)
	}
	// The officer of the queue sees which offer the request is about.
	var requestID int64
	if err := p.db.Pool.QueryRow(context.Background(), `SELECT id FROM requests WHERE offer_id = $1`, id).Scan(&requestID); err != nil {
		t.Fatal(err)
	}
	officer := p.client(t)
	p.signIn(t, officer, "paul@cd47.fr", password)
	casePage := p.get(t, officer, fmt.Sprintf("/espace/demandes/%d", requestID))
	if !strings.Contains(casePage.body, fmt.Sprintf(`href="/espace/stages/%d"`, id)) || !strings.Contains(casePage.body, "Demande au sujet de l&#39;offre de stage : Stage en maison de santé") {
		t.Errorf("the case page does not show the offer (status %d)", casePage.StatusCode)
	}
	// A doctor's form ignores an offer, and an unknown one attaches nothing.
	if res := p.get(t, c, fmt.Sprintf("/demande/medecin?offre=%d", id)); strings.Contains(res.body, `name="offer"`) {
		t.Error("the doctor's form carries an internship offer")
	}
	if res := p.get(t, c, "/demande/etudiant?offre=999999"); strings.Contains(res.body, `name="offer"`) {
		t.Error("an unknown offer is attached")
	}
}

// Housing and opportunities are listed with their filters; an opportunity leads to a
// doctor's request that carries it.
func TestHousingAndOpportunitiesArePublished(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.publishedHousing(t)
	opportunity := p.publishedOpportunity(t)
	c := p.client(t)
	housing := p.get(t, c, "/logements?public=internes")
	for _, want := range []string{"Internat de Marmande", "Gratuit", "10 place(s)", "internat@example.org", "Chambres meublées."} {
		if !strings.Contains(housing.body, want) {
			t.Errorf("housing list lacks %q", want)
		}
	}
	if res := p.get(t, c, "/logements?public=externes"); !strings.Contains(res.body, "0 résultat(s)") {
		t.Errorf("housing for internes listed for externes: %s", excerpt(res.body, "résultat"))
	}
	list := p.get(t, c, "/exercer?type=succession&epci=200030674")
	if !strings.Contains(list.body, "Cabinet à reprendre") || !strings.Contains(list.body, "1 résultat(s)") {
		t.Errorf("opportunity list: %s", excerpt(list.body, "résultat"))
	}
	detail := p.get(t, c, fmt.Sprintf("/exercer/%d", opportunity))
	if !strings.Contains(detail.body, fmt.Sprintf(`href="/demande/medecin?opportunite=%d"`, opportunity)) {
		t.Error("the opportunity does not lead to a doctor's request")
	}
	form := doctorForm("cle-opportunite-01")
	form.Set("opportunity", fmt.Sprint(opportunity))
	if res := p.post(t, c, "/demande/medecin", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: status %d", res.StatusCode)
	}
	if n := p.countRows(t, `SELECT count(*) FROM requests WHERE opportunity_id = $1`, opportunity); n != 1 {
		t.Errorf("%d requests carry the opportunity, want 1", n)
	}
}

// excerpt is the part of body around the first occurrence of near, for failure messages.
func excerpt(body, near string) string {
	i := strings.Index(body, near)
	if i < 0 {
		return fmt.Sprintf("(no %q in %d bytes)", near, len(body))
	}
	return body[max(0, i-200):min(len(body), i+400)]
}

// Every back-office list of published content links to the form of a new item, and the
// form opens.
func TestEveryContentListLinksToItsNewForm(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	c := p.client(t)
	p.signIn(t, c, "admin@cd47.fr", password)
	for _, form := range []string{"/espace/stages/nouvelle", "/espace/exercer/nouvelle", "/espace/logements/nouveau",
		"/espace/pages/nouvelle", "/espace/temoignages/nouveau", "/espace/evenements/nouveau"} {
		list := form[:strings.LastIndex(form, "/")]
		if res := p.get(t, c, list); !strings.Contains(res.body, `href="`+form+`"`) {
			t.Errorf("%s does not link to %s", list, form)
		}
		if res := p.get(t, c, form); res.StatusCode != http.StatusOK || !strings.Contains(res.body, `<form method="post"`) {
			t.Errorf("%s: status %d, want the form", form, res.StatusCode)
		}
	}
}

// A NUL or a broken character in a list's address gets a clear answer, never a 500.
func TestListsAnswerBrokenCharactersInTheirAddress(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "sup@cd47.fr", staff.RoleSupervisor, password)
	staffClient := p.client(t)
	p.signIn(t, staffClient, "sup@cd47.fr", password)
	for _, path := range []string{"/stages?niveau=%00", "/stages?page=%00", "/logements?type=%ff", "/exercer?epci=%00",
		"/evenements?public=%00", "/structures?nom=%00", "/structures?nom=%ff%fe", "/aides/simulateur?commune=%00",
		"/espace/demandes?q=%00", "/espace/demandes?q=%ff", "/observatoire?indicateur=%00"} {
		if res := p.get(t, staffClient, path); res.StatusCode >= 500 {
			t.Errorf("%s: status %d", path, res.StatusCode)
		}
	}
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := p.client(t)
	p.signIn(t, admin, "admin@cd47.fr", password)
	if res := p.get(t, admin, "/espace/journal?agent=%00&reference=%ff&action=%00"); res.StatusCode >= 500 {
		t.Errorf("audit log filters: status %d", res.StatusCode)
	}
	broken := "\x00\xff"
	for _, post := range []struct {
		path string
		form url.Values
	}{
		{"/connexion", url.Values{"email": {broken}, "password": {broken}}},
		{"/retrouver-ma-demande", url.Values{"email": {"a" + broken + "@example.org"}}},
		{"/demande/etudiant", url.Values{"form_key": {"cle-cassee-000000" + broken}, "first_name": {"Léa"}, "last_name": {"Martin"},
			"email": {"lea@example.org"}, "situation": {"extern"}, "needs": {"internship"}}},
		{"/langue", url.Values{"lang": {broken}, "next": {"/" + broken}}},
	} {
		if res := p.post(t, p.client(t), post.path, post.form); res.StatusCode >= 500 {
			t.Errorf("POST %s with broken characters: status %d", post.path, res.StatusCode)
		}
	}
}

// An offer's page is kept a few seconds, like the lists: a change made behind this
// instance's back (on another instance, from the command line) shows within them, and
// one made through this instance at once.
func TestAnOfferPageFollowsChangesWithinSeconds(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	ctx := context.Background()
	id := p.publishedOffer(t)
	path := "/stages/" + strconv.FormatInt(id, 10)
	visitor := p.client(t)
	assertContains(t, p.get(t, visitor, path), "Stage en maison de santé")

	o, err := p.db.Offer(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	o.Title = "Stage en maison de santé, renouvelé"
	if _, err := p.db.SaveOffer(ctx, o, 0); err != nil {
		t.Fatal(err)
	}
	assertContains(t, p.getOnceShown(t, visitor, path, "renouvelé"), "renouvelé")

	if err := p.db.SetPublished(ctx, content.KindOffer, id, false, 0); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(6 * time.Second)
	for p.get(t, visitor, path).StatusCode != http.StatusNotFound {
		if time.Now().After(deadline) {
			t.Fatal("an offer withdrawn five seconds ago is still public")
		}
		time.Sleep(100 * time.Millisecond)
	}

	p.createStaff(t, "agent@cd47.fr", staff.RoleOfficer, password)
	officer := p.client(t)
	p.signIn(t, officer, "agent@cd47.fr", password)
	if res := p.post(t, officer, "/espace/stages/"+strconv.FormatInt(id, 10)+"/publication", url.Values{"publish": {"true"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: status %d", res.StatusCode)
	}
	if res := p.get(t, visitor, path); res.StatusCode != http.StatusOK {
		t.Errorf("published through the portal: status %d at once, want 200", res.StatusCode)
	}
}

// A list's page is rendered once and kept a few seconds for visitors without a session,
// per language; a visitor with one always gets a page of their own, and a change made
// through the instance shows at once.
func TestListPagesKeptForVisitorsWithoutASession(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.publishedOffer(t)
	visitor := p.client(t)
	first := p.get(t, visitor, "/stages")
	assertContains(t, first, "Stage en maison de santé", "1 résultat")
	if again := p.get(t, visitor, "/stages"); again.body != first.body || again.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
		t.Errorf("the kept page differs from the first: %q", excerpt(again.body, "résultat"))
	}

	assertContains(t, p.get(t, p.englishClient(t), "/stages"), "Internship offers")

	p.createStaff(t, "agent@cd47.fr", staff.RoleOfficer, password)
	officer := p.client(t)
	p.signIn(t, officer, "agent@cd47.fr", password)
	assertContains(t, p.get(t, officer, "/stages"), "Se déconnecter")

	form := url.Values{"title": {"Stage aux urgences de Villeneuve"}, "host_kind": {"hopital"}, "host_name": {"Hôpital de Villeneuve"},
		"commune": {"Villeneuve-sur-Lot"}, "specialty": {"urgences"}, "level": {"docteur_junior"},
		"semester": {offers.SemesterOf(time.Now()).Next().String()}, "supervisor": {"Dr Lemoine"}, "description": {"Gardes encadrées."}}
	created := p.post(t, officer, "/espace/stages", form)
	if created.StatusCode != http.StatusSeeOther {
		t.Fatalf("new offer: status %d: %s", created.StatusCode, excerpt(created.body, "field-error"))
	}
	if res := p.post(t, officer, created.Header.Get("Location")+"/publication", url.Values{"publish": {"true"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: status %d", res.StatusCode)
	}
	assertContains(t, p.get(t, visitor, "/stages"), "Stage aux urgences de Villeneuve", "2 résultat")
}
