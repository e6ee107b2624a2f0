package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// doctorForm is a complete, valid doctor's application.
func doctorForm(key string) url.Values {
	return url.Values{
		"form_key": {key}, "first_name": {"Amina"}, "last_name": {"Diallo"}, "email": {"amina.diallo@example.org"},
		"phone": {"06 12 34 56 78"}, "situation": {"locum"}, "practice_mode": {"msp"}, "timeframe": {"within_a_year"},
		"target_epcis": {"200068948"}, "target_communes": {"Villeneuve-sur-Lot"},
		"needs": {"financial_aid", "housing", "spouse_job"}, "spouse_field": {"Enseignante"},
		"message": {"Je remplace depuis deux ans et souhaite m'installer en maison de santé."},
	}
}

// email is a captured email.
type email struct{ subject, body string }

// waitForEmail returns the first email the worker delivered to to.
func (p *portal) waitForEmail(t *testing.T, to string) email {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var e email
		err := p.db.Pool.QueryRow(context.Background(),
			`SELECT subject, body FROM captured_emails WHERE to_address = $1 ORDER BY id DESC LIMIT 1`, to).Scan(&e.subject, &e.body)
		if err == nil {
			return e
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no email to %s within 15 s", to)
	return email{}
}

var trackingLink = regexp.MustCompile(`http://127\.0\.0\.1:\d+(/suivi/[A-Za-z0-9_-]{43})`)

func (p *portal) countRows(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := p.db.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDoctorFilesARequestAndFollowsItThroughTheEmailedLink(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := p.client(t)

	form := p.get(t, c, "/demande/medecin")
	assertStatus(t, form, http.StatusOK)
	assertContains(t, form, "Demande d&#39;accompagnement à l&#39;installation", "CC Albret Communauté",
		"Emploi pour votre conjoint·e", "Vos données personnelles", "anonymisée 3 ans après sa clôture")

	res := p.post(t, c, "/demande/medecin", doctorForm("cle-de-formulaire-0001"))
	assertStatus(t, res, http.StatusSeeOther)
	year := time.Now().Year()
	ref := fmt.Sprintf("BD-%d-00001", year)
	if got := res.Header.Get("Location"); got != "/demande/envoyee/"+ref {
		t.Fatalf("redirected to %q, want the confirmation of %s", got, ref)
	}
	assertContains(t, p.get(t, c, res.Header.Get("Location")), "Votre demande est bien envoyée", ref)

	mail := p.waitForEmail(t, "amina.diallo@example.org")
	if !strings.Contains(mail.subject, ref) {
		t.Errorf("email subject %q lacks the reference", mail.subject)
	}
	link := trackingLink.FindStringSubmatch(mail.body)
	if link == nil {
		t.Fatalf("no tracking link in the email:\n%s", mail.body)
	}
	page := p.get(t, p.client(t), link[1])
	assertStatus(t, page, http.StatusOK)
	assertContains(t, page, "Votre demande "+ref, "Reçue", "Aides financières à l&#39;installation", "Demande envoyée")
	assertLacks(t, page, "Orientée par la règle", "amina.diallo@example.org")
	if got := page.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("tracking page Cache-Control = %q, want no-store", got)
	}

	// The applicant writes; the message shows on their page.
	res = p.post(t, c, link[1], url.Values{"message": {"Bonjour, je serai disponible en mars."}})
	assertStatus(t, res, http.StatusSeeOther)
	assertContains(t, p.get(t, c, link[1]), "Bonjour, je serai disponible en mars.", "Votre message est envoyé.")

	if n := p.countRows(t, `SELECT count(*) FROM request_needs n JOIN requests r ON r.id = n.request_id
		WHERE r.reference = $1 AND n.status = 'todo'`, ref); n != 3 {
		t.Errorf("%d needs stored, want 3", n)
	}
	var communes, epcis []string
	if err := p.db.Pool.QueryRow(context.Background(), `SELECT target_communes, target_epcis FROM requests WHERE reference = $1`, ref).
		Scan(&communes, &epcis); err != nil {
		t.Fatal(err)
	}
	if len(communes) != 1 || communes[0] != "47323" || len(epcis) != 1 || epcis[0] != "200068948" {
		t.Errorf("targets stored: communes %v, EPCI %v", communes, epcis)
	}
}

func TestInvalidApplicationKeepsTheInputAndSaysWhatIsWrong(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	form := doctorForm("cle-de-formulaire-0002")
	form.Set("email", "pas-une-adresse")
	form.Del("situation")
	form.Set("target_communes", "Villeneuve-sur-Lot, Bordeaux")
	form.Del("spouse_field")
	res := p.post(t, p.client(t), "/demande/medecin", form)
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Votre demande n&#39;est pas encore envoyée",
		"Saisissez une adresse e-mail valide", "Choisissez une réponse.",
		"Ces communes ne sont pas dans le département : Bordeaux.", "Ce champ est obligatoire.",
		`value="Amina"`, `value="pas-une-adresse"`, `value="Villeneuve-sur-Lot, Bordeaux"`,
		"Je remplace depuis deux ans", `value="cle-de-formulaire-0002"`, `aria-invalid="true"`)
	if n := p.countRows(t, `SELECT count(*) FROM requests`); n != 0 {
		t.Errorf("%d requests stored from an invalid form", n)
	}
}

func TestResubmittingTheSameFormMakesOneRequest(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	form := doctorForm("cle-de-formulaire-0003")
	var wg sync.WaitGroup
	locations := make([]string, 6)
	for i := range locations {
		wg.Go(func() {
			res := p.post(t, p.client(t), "/demande/medecin", form)
			locations[i] = res.Header.Get("Location")
		})
	}
	wg.Wait()
	for _, l := range locations[1:] {
		if l != locations[0] || l == "" {
			t.Fatalf("the same form gave different answers: %v", locations)
		}
	}
	if n := p.countRows(t, `SELECT count(*) FROM requests`); n != 1 {
		t.Errorf("%d requests stored, want 1", n)
	}
	p.waitForEmail(t, "amina.diallo@example.org")
	time.Sleep(300 * time.Millisecond)
	if n := p.countRows(t, `SELECT count(*) FROM captured_emails`); n != 1 {
		t.Errorf("%d confirmation emails, want 1", n)
	}
}

func TestStudentAndHighSchoolForms(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := p.client(t)
	res := p.post(t, c, "/demande/etudiant", url.Values{"form_key": {"cle-etudiant-000001"}, "first_name": {"Léo"},
		"last_name": {"Martin"}, "email": {"leo@example.org"}, "situation": {"extern"}, "needs": {"internship", "trainee_housing"}})
	assertStatus(t, res, http.StatusSeeOther)

	res = p.post(t, c, "/demande/lycee", url.Values{"form_key": {"cle-lycee-00000001"}, "first_name": {"Inès"},
		"last_name": {"Roux"}, "email": {"ines@example.org"}, "situation": {"teacher"}, "needs": {"school_talk"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Nom et commune du lycée", "Ce champ est obligatoire.")

	assertStatus(t, p.get(t, c, "/demande/inconnu"), http.StatusNotFound)
}

var formKeyField = regexp.MustCompile(`name="form_key" value="([A-Za-z0-9_-]+)"`)

// A blank form is kept for visitors without a session, but each of them gets a key of
// their own: two visitors filing from the same kept page make two requests, not one.
func TestABlankFormGivesEachVisitorItsOwnKey(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	keys := map[string]bool{}
	var pages []string
	for range 2 {
		visitor := p.client(t)
		for range 2 {
			page := p.get(t, visitor, "/demande/etudiant")
			assertContains(t, page, "Étudiants et internes : votre demande")
			m := formKeyField.FindStringSubmatch(page.body)
			if m == nil || keys[m[1]] {
				t.Fatalf("form key %v missing or already given (%d given)", m, len(keys))
			}
			keys[m[1]] = true
			pages = append(pages, strings.Replace(page.body, m[1], "KEY", 1))
		}
	}
	for _, page := range pages[1:] {
		if page != pages[0] {
			t.Errorf("the blank form differs between visitors beyond its key: %q", page)
		}
	}
	for key := range keys {
		res := p.post(t, p.client(t), "/demande/etudiant", url.Values{"form_key": {key}, "first_name": {"Léo"},
			"last_name": {"Martin"}, "email": {"leo@example.org"}, "situation": {"extern"}, "needs": {"internship"}})
		assertStatus(t, res, http.StatusSeeOther)
	}
	if n := p.countRows(t, `SELECT count(*) FROM requests`); n != len(keys) {
		t.Errorf("%d requests from %d visitors' forms", n, len(keys))
	}

	assertContains(t, p.get(t, p.englishClient(t), "/demande/etudiant"), "Students and interns: your request")
	p.createStaff(t, "agent@cd47.fr", staff.RoleOfficer, password)
	officer := p.client(t)
	p.signIn(t, officer, "agent@cd47.fr", password)
	assertContains(t, p.get(t, officer, "/demande/etudiant"), "Se déconnecter")
}

func TestHostileInputIsStoredVerbatimAndShownAsText(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	form := doctorForm("cle-de-formulaire-0004")
	form.Set("last_name", `O'Brien"; DROP TABLE requests; --`)
	form.Set("message", `<script>alert(1)</script><img src=x onerror=alert(2)>`)
	res := p.post(t, p.client(t), "/demande/medecin", form)
	assertStatus(t, res, http.StatusSeeOther)
	var last, msg string
	if err := p.db.Pool.QueryRow(context.Background(), `SELECT last_name, message FROM requests`).Scan(&last, &msg); err != nil {
		t.Fatal(err)
	}
	if last != form.Get("last_name") || msg != form.Get("message") {
		t.Errorf("stored %q / %q, want them verbatim", last, msg)
	}
	link := trackingLink.FindStringSubmatch(p.waitForEmail(t, "amina.diallo@example.org").body)
	page := p.get(t, p.client(t), link[1])
	assertLacks(t, page, "<script>alert(1)</script>")
}

func TestBadBytesAreRefusedWithoutLosingTheRest(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	for _, bad := range []string{"abc\xff\xfe", "nul\x00byte"} {
		form := doctorForm("cle-de-formulaire-0005")
		form.Set("first_name", bad)
		res := p.post(t, p.client(t), "/demande/medecin", form)
		assertStatus(t, res, http.StatusUnprocessableEntity)
		assertContains(t, res, "Ce texte contient des caractères non valides.", `value="Diallo"`)
	}
	huge := strings.NewReader("message=" + strings.Repeat("a", 10<<20))
	req := httptestRequest(t, http.MethodPost, p.URL+"/demande/medecin", huge)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res := do(t, p.client(t), req)
	assertStatus(t, res, http.StatusRequestEntityTooLarge)
	assertContains(t, res, "Envoi trop volumineux")
	form := doctorForm("cle-de-formulaire-0006")
	form.Set("message", strings.Repeat("é", 5001))
	res = p.post(t, p.client(t), "/demande/medecin", form)
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Ce texte est trop long : 5000 caractères au plus.")
}

func TestTrackingLinksOpenOnlyTheirOwnRequest(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := p.client(t)
	for _, path := range []string{"/suivi/inconnu", "/suivi/" + strings.Repeat("A", 43)} {
		assertStatus(t, p.get(t, c, path), http.StatusNotFound)
		assertStatus(t, p.post(t, c, path, url.Values{"message": {"bonjour"}}), http.StatusNotFound)
	}
	p.post(t, c, "/demande/medecin", doctorForm("cle-de-formulaire-0007"))
	link := trackingLink.FindStringSubmatch(p.waitForEmail(t, "amina.diallo@example.org").body)[1]
	// An expired link opens nothing.
	p.db.Now = func() time.Time { return time.Now().Add(91 * 24 * time.Hour) }
	assertStatus(t, p.get(t, c, link), http.StatusNotFound)
}

func TestRecoverSaysTheSameForKnownAndUnknownAddresses(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := p.client(t)
	p.post(t, c, "/demande/medecin", doctorForm("cle-de-formulaire-0008"))
	p.waitForEmail(t, "amina.diallo@example.org")

	known := p.post(t, c, "/retrouver-ma-demande", url.Values{"email": {"Amina.Diallo@example.org"}})
	unknown := p.post(t, c, "/retrouver-ma-demande", url.Values{"email": {"personne@example.org"}})
	assertStatus(t, known, http.StatusOK)
	assertStatus(t, unknown, http.StatusOK)
	if known.body != unknown.body {
		t.Error("the page differs for a known and an unknown address")
	}
	assertContains(t, known, "Si une demande a été faite avec cette adresse")
	mail := p.waitForEmail(t, "Amina.Diallo@example.org")
	link := trackingLink.FindStringSubmatch(mail.body)
	if link == nil {
		t.Fatalf("no link in %q", mail.body)
	}
	assertStatus(t, p.get(t, c, link[1]), http.StatusOK)
	if n := p.countRows(t, `SELECT count(*) FROM captured_emails WHERE to_address = 'personne@example.org'`); n != 0 {
		t.Error("an email went to an unknown address")
	}
}
