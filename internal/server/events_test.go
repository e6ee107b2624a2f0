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

	ics "github.com/arran4/golang-ical"
	"github.com/chromedp/chromedp"

	"github.com/bienvenue-sante/bienvenue/internal/browsertest"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/events"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

var paris = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return l
}()

// sampleEvent is an evening in Agen, starting at start and lasting three hours.
func sampleEvent(title string, capacity int, start time.Time) events.Event {
	return events.Event{Title: title, StartsAt: start, EndsAt: start.Add(3 * time.Hour), Commune: "47001",
		Address: "Salle des Illustres, place du Docteur-Pierre-Esquirol", Audience: "internes", Capacity: capacity,
		Description: "Une soirée **conviviale** pour rencontrer les maîtres de stage."}
}

// storeEvent saves e, published or as a draft, and returns its id.
func (p *portal) storeEvent(t testing.TB, e events.Event, publish bool) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := p.db.SaveEvent(ctx, e, 0, paris, nil)
	if err != nil {
		t.Fatal(err)
	}
	if publish {
		if err := p.db.SetPublished(ctx, content.KindEvent, id, true, 0); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// publishedEvent publishes an event in Agen in ten days with capacity places.
func (p *portal) publishedEvent(t testing.TB, title string, capacity int) int64 {
	t.Helper()
	start := time.Now().In(paris).AddDate(0, 0, 10).Truncate(time.Hour)
	return p.storeEvent(t, sampleEvent(title, capacity, start), true)
}

// waitForSubject waits for an email to to whose subject starts with prefix.
func (p *portal) waitForSubject(t *testing.T, to, prefix string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for p.countRows(t, `SELECT count(*) FROM captured_emails WHERE to_address = $1 AND starts_with(subject, $2)`, to, prefix) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no email %q… to %s within 15 s", prefix, to)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var registrationLink = regexp.MustCompile(`/inscription/([A-Za-z0-9_-]{43})`)

// register signs email up to event and returns the answer.
func (p *portal) register(t *testing.T, event int64, name, email string) response {
	t.Helper()
	return p.post(t, p.client(t), "/evenements/"+itoa(event)+"/inscription", url.Values{"name": {name}, "email": {email}})
}

// registrationLink signs email up and returns the token of the link emailed to them.
func (p *portal) registrationLink(t *testing.T, event int64, email string) string {
	t.Helper()
	assertStatus(t, p.register(t, event, "Inès Martin", email), http.StatusSeeOther)
	m := registrationLink.FindStringSubmatch(p.waitForEmail(t, email).body)
	if m == nil {
		t.Fatalf("the email to %s carries no registration link", email)
	}
	return m[1]
}

func TestRegistrationSaysWhatIsWrongInFrenchThenConfirmsAndRefusesTheSameAddressTwice(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	id := p.publishedEvent(t, "Soirée d'accueil des internes", 20)
	c := p.client(t)
	path := "/evenements/" + itoa(id)

	res := p.post(t, c, path+"/inscription", url.Values{"name": {"Inès Martin"}, "email": {"ines@"}, "phone": {"appelez-moi"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Saisissez une adresse e-mail valide", "Saisissez un numéro de téléphone", `value="Inès Martin"`,
		`value="ines@"`, `aria-invalid="true"`, `class="error-summary"`)
	res = p.post(t, c, path+"/inscription", url.Values{"email": {"ines@example.org"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Ce champ est obligatoire.", `value="ines@example.org"`)

	res = p.post(t, c, path+"/inscription", url.Values{"name": {"Inès Martin"}, "email": {"ines@example.org"}, "phone": {"06 12 34 56 78"}})
	assertStatus(t, res, http.StatusSeeOther)
	if got, want := res.Header.Get("Location"), path+"/inscription"; got != want {
		t.Fatalf("redirected to %q, want %q", got, want)
	}
	done := p.get(t, c, path+"/inscription")
	assertStatus(t, done, http.StatusOK)
	assertContains(t, done, "Inscription confirmée", "Soirée d&#39;accueil des internes")
	mail := p.waitForEmail(t, "ines@example.org")
	if !strings.HasPrefix(mail.subject, "Inscription confirmée") || !strings.Contains(mail.body, "Salle des Illustres") {
		t.Errorf("confirmation email: %q\n%s", mail.subject, mail.body)
	}
	token := registrationLink.FindStringSubmatch(mail.body)[1]
	mine := p.get(t, p.client(t), "/inscription/"+token)
	assertStatus(t, mine, http.StatusOK)
	assertContains(t, mine, "Inscription au nom de Inès Martin", "Inscription confirmée", "Annuler mon inscription")

	// The same address again, even in capitals: a clear French answer, not a 500.
	res = p.post(t, p.client(t), path+"/inscription", url.Values{"name": {"Inès M."}, "email": {"INES@example.org"}})
	assertStatus(t, res, http.StatusConflict)
	assertContains(t, res, "Cette adresse e-mail est déjà inscrite à cet évènement", `value="Inès M."`)

	// The public page never shows who registered.
	page := p.get(t, p.client(t), path)
	assertStatus(t, page, http.StatusOK)
	assertContains(t, page, "19 place(s) restante(s) sur 20", "<strong>conviviale</strong>")
	assertLacks(t, page, "ines@example.org", "Inès Martin", "06 12 34 56 78")
	if n := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE token_hash = sha256($1::bytea)`, token); n != 1 {
		t.Errorf("%d registrations stored under the token's SHA-256, want 1", n)
	}
	if n := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE token_hash = $1::bytea`, token); n != 0 {
		t.Error("the token itself is stored")
	}
}

func TestCancellingAConfirmedPlaceGivesItToTheFirstPersonWaiting(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	id := p.publishedEvent(t, "Table ronde : s'installer à Marmande", 1)
	first := p.registrationLink(t, id, "premiere@example.org")
	second := p.registrationLink(t, id, "deuxieme@example.org")
	third := p.registrationLink(t, id, "troisieme@example.org")
	p.waitForSubject(t, "deuxieme@example.org", "Liste d'attente")
	assertContains(t, p.get(t, p.client(t), "/evenements/"+itoa(id)), "Complet, liste d&#39;attente")
	assertContains(t, p.get(t, p.client(t), "/inscription/"+third), "vous êtes en position 2")

	c := p.client(t)
	res := p.post(t, c, "/inscription/"+first+"/annuler", nil)
	assertStatus(t, res, http.StatusSeeOther)
	after := p.get(t, c, "/inscription/"+first)
	assertContains(t, after, "Votre inscription est annulée", "Inscription annulée.")
	assertLacks(t, after, "Annuler mon inscription")
	assertContains(t, p.get(t, p.client(t), "/inscription/"+second), "Inscription confirmée")
	assertContains(t, p.get(t, p.client(t), "/inscription/"+third), "vous êtes en position 1")
	p.waitForSubject(t, "deuxieme@example.org", "Une place s'est libérée")
	// Cancelling again changes nothing: no second promotion.
	assertStatus(t, p.post(t, c, "/inscription/"+first+"/annuler", nil), http.StatusSeeOther)
	if n := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE status = 'confirmed'`); n != 1 {
		t.Errorf("%d confirmed, want 1", n)
	}
	assertStatus(t, p.get(t, p.client(t), "/inscription/"+strings.Repeat("B", 43)), http.StatusNotFound)
}

// With capacity 5 and 40 sign-ups at once, exactly 5 are confirmed and 35 wait; one
// cancellation then promotes exactly one.
func TestSimultaneousRegistrationsNeverExceedTheCapacity(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	id := p.publishedEvent(t, "Journée découverte à Nérac", 5)
	var wg sync.WaitGroup
	statuses := make([]int, 40)
	start := make(chan struct{})
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			form := url.Values{"name": {fmt.Sprintf("Personne %d", i)}, "email": {fmt.Sprintf("p%02d@example.org", i)}}
			req, err := http.NewRequest(http.MethodPost, p.URL+"/evenements/"+itoa(id)+"/inscription", strings.NewReader(form.Encode()))
			if err != nil {
				t.Error(err)
				return
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", p.URL)
			<-start
			res, err := p.client(t).Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		}()
	}
	close(start)
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusSeeOther {
			t.Errorf("sign-up %d: status %d", i, s)
		}
	}
	count := func(status string) int {
		return p.countRows(t, `SELECT count(*) FROM event_registrations WHERE event_id = $1 AND status = $2`, id, status)
	}
	if c, w := count("confirmed"), count("waitlisted"); c != 5 || w != 35 {
		t.Fatalf("%d confirmed and %d waitlisted, want 5 and 35", c, w)
	}
	var email string
	if err := p.db.Pool.QueryRow(context.Background(), `SELECT email FROM event_registrations WHERE event_id = $1
		AND status = 'confirmed' ORDER BY id LIMIT 1`, id).Scan(&email); err != nil {
		t.Fatal(err)
	}
	token := registrationLink.FindStringSubmatch(p.waitForEmail(t, email).body)[1]
	assertStatus(t, p.post(t, p.client(t), "/inscription/"+token+"/annuler", nil), http.StatusSeeOther)
	if c, w, x := count("confirmed"), count("waitlisted"), count("cancelled"); c != 5 || w != 34 || x != 1 {
		t.Errorf("after a cancellation: %d confirmed, %d waitlisted, %d cancelled; want 5, 34, 1", c, w, x)
	}
}

func TestEventCalendarsAndTheListShowOnlyPublishedUpcomingEvents(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	start := time.Date(2031, 3, 12, 18, 30, 0, 0, paris)
	published := p.storeEvent(t, sampleEvent("Soirée des internes à Agen", 30, start), true)
	forPupils := sampleEvent("Forum des lycées à Villeneuve-sur-Lot", 200, start.AddDate(0, 0, 7))
	forPupils.Commune, forPupils.Audience = "47323", "lyceens"
	p.storeEvent(t, forPupils, true)
	forAll := sampleEvent("Table ronde en ligne", 100, start.AddDate(0, 0, 14))
	forAll.Commune, forAll.Address, forAll.OnlineURL, forAll.Audience = "", "", "https://visio.example.org/table-ronde", "tous"
	p.storeEvent(t, forAll, true)
	draft := p.storeEvent(t, sampleEvent("Brouillon secret", 10, start), false)
	p.storeEvent(t, sampleEvent("Soirée passée", 10, time.Now().AddDate(0, -1, 0)), true)

	res := p.get(t, p.client(t), "/evenements/"+itoa(published)+"/evenement.ics")
	assertStatus(t, res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Errorf("Content-Type %q", ct)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(cal.Events()); got != 1 {
		t.Fatalf("%d events in the file, want 1", got)
	}
	ev := cal.Events()[0]
	if got := ev.GetProperty(ics.ComponentPropertySummary).Value; got != "Soirée des internes à Agen" {
		t.Errorf("SUMMARY %q", got)
	}
	if got := ev.GetProperty(ics.ComponentPropertyDtStart).Value; got != "20310312T173000Z" {
		t.Errorf("DTSTART %q, want 20310312T173000Z (18:30 in Paris)", got)
	}
	if at, err := ev.GetStartAt(); err != nil || !at.Equal(start) {
		t.Errorf("start %v (%v), want %v", at, err, start)
	}
	if got := ev.GetProperty(ics.ComponentPropertyLocation).Value; !strings.Contains(got, "Agen") {
		t.Errorf("LOCATION %q", got)
	}

	res = p.get(t, p.client(t), "/evenements.ics")
	assertStatus(t, res, http.StatusOK)
	cal, err = ics.ParseCalendar(strings.NewReader(res.body))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, e := range cal.Events() {
		titles = append(titles, e.GetProperty(ics.ComponentPropertySummary).Value)
	}
	if got, want := strings.Join(titles, " | "), "Soirée des internes à Agen | Forum des lycées à Villeneuve-sur-Lot | Table ronde en ligne"; got != want {
		t.Errorf("feed lists %q, want %q", got, want)
	}

	assertStatus(t, p.get(t, p.client(t), "/evenements/"+itoa(draft)), http.StatusNotFound)
	assertStatus(t, p.get(t, p.client(t), "/evenements/"+itoa(draft)+"/evenement.ics"), http.StatusNotFound)
	assertStatus(t, p.register(t, draft, "Inès Martin", "ines@example.org"), http.StatusNotFound)
	assertStatus(t, p.get(t, p.client(t), "/evenements/nimporte"), http.StatusNotFound)

	list := p.get(t, p.client(t), "/evenements")
	assertStatus(t, list, http.StatusOK)
	assertContains(t, list, "3 évènement(s) à venir", "Soirée des internes à Agen", "Table ronde en ligne", "En ligne")
	assertLacks(t, list, "Brouillon secret", "Soirée passée")
	// The filter is a plain GET: a link to share. Events for everyone match every filter.
	interns := p.get(t, p.client(t), "/evenements?public=internes")
	assertContains(t, interns, "Soirée des internes à Agen", "Table ronde en ligne", `<option value="internes" selected`)
	assertLacks(t, interns, "Forum des lycées")
	none := p.get(t, p.client(t), "/evenements?public=medecins&page=1")
	assertContains(t, none, "Table ronde en ligne")
	assertStatus(t, p.get(t, p.client(t), "/evenements?page=0"), http.StatusBadRequest)
}

func TestEmptyEventListSaysSoAndPagesAreLinked(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	assertContains(t, p.get(t, p.client(t), "/evenements"), "Aucun évènement à venir pour l")
	for i := range 12 {
		p.storeEvent(t, sampleEvent(fmt.Sprintf("Soirée n° %02d", i), 10, time.Now().AddDate(0, 0, i+1)), true)
	}
	first := p.get(t, p.client(t), "/evenements?public=internes")
	assertContains(t, first, "Soirée n° 00", "Page 1 sur 2", `href="/evenements?page=2&amp;public=internes"`)
	assertLacks(t, first, "Soirée n° 11")
	assertContains(t, p.get(t, p.client(t), "/evenements?page=2&public=internes"), "Soirée n° 11")
}

func TestRemindersGoOnceToConfirmedRegistrantsTheDayBefore(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	ctx := context.Background()
	soon := p.storeEvent(t, sampleEvent("Soirée de demain", 2, time.Now().Add(20*time.Hour)), true)
	later := p.storeEvent(t, sampleEvent("Soirée de la semaine prochaine", 2, time.Now().AddDate(0, 0, 7)), true)
	for _, email := range []string{"a@example.org", "b@example.org", "c@example.org"} {
		assertStatus(t, p.register(t, soon, "Inès Martin", email), http.StatusSeeOther)
	}
	assertStatus(t, p.register(t, later, "Inès Martin", "d@example.org"), http.StatusSeeOther)

	// Two instances run the job at once, then once more.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := p.db.RemindRegistrations(ctx, p.srv.EventReminderEmail); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n, err := p.db.RemindRegistrations(ctx, p.srv.EventReminderEmail); err != nil || n != 0 {
		t.Errorf("the third run reminded %d (%v), want 0", n, err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for p.countRows(t, `SELECT count(*) FROM captured_emails WHERE subject = 'Rappel : Soirée de demain, demain'`) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // a duplicate would be delivered by now
	if n := p.countRows(t, `SELECT count(*) FROM captured_emails WHERE subject LIKE 'Rappel%'`); n != 2 {
		t.Errorf("%d reminders delivered, want 2 (the confirmed registrants of tomorrow's event)", n)
	}
	if n := p.countRows(t, `SELECT count(*) FROM captured_emails WHERE subject LIKE 'Rappel%' AND to_address = 'c@example.org'`); n != 0 {
		t.Error("the person waiting was reminded")
	}
	if n := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE reminded_at IS NOT NULL`); n != 2 {
		t.Errorf("%d registrations marked reminded, want 2", n)
	}
}

// Six months after an event, its registrations lose their identity and contact.
func TestRegistrationsAreAnonymisedSixMonthsAfterTheEvent(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	ctx := context.Background()
	old := p.storeEvent(t, sampleEvent("Soirée d'il y a sept mois", 10, time.Now().AddDate(0, -7, 0)), true)
	recent := p.storeEvent(t, sampleEvent("Soirée d'il y a cinq mois", 10, time.Now().AddDate(0, -5, 0)), true)
	for _, id := range []int64{old, recent} {
		if _, err := p.db.Pool.Exec(ctx, `INSERT INTO event_registrations (event_id, name, email, lang, status, token_hash, created_at)
			VALUES ($1, 'Inès Martin', 'ines@example.org', 'fr', 'confirmed', sha256(('t' || $1::bigint)::bytea), now())`, id); err != nil {
			t.Fatal(err)
		}
	}
	n, err := p.db.AnonymisePastRegistrations(ctx, events.RetentionCutoff(time.Now()))
	if err != nil || n != 1 {
		t.Fatalf("anonymised %d (%v), want 1", n, err)
	}
	if got := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE event_id = $1 AND email = '' AND name = ''
		AND token_hash IS NULL AND status = 'confirmed'`, old); got != 1 {
		t.Error("the old event's registration kept its data or lost its status")
	}
	if got := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE event_id = $1 AND email <> ''`, recent); got != 1 {
		t.Error("the recent event's registration was anonymised")
	}
}

func TestStaffCreateEditAndPublishAnEventAndReadingRegistrationsIsAudited(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	officer := p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := p.client(t)
	p.signIn(t, c, officer.Email, password)
	assertStatus(t, p.get(t, c, "/espace/evenements"), http.StatusOK)
	assertContains(t, p.get(t, c, "/espace/evenements/nouveau"), `name="starts_at"`, `type="datetime-local"`)

	form := url.Values{"title": {""}, "starts_at": {"2031-03-12T18:30"}, "ends_at": {"2031-03-12T17:00"},
		"commune": {"Paris"}, "address": {"8 rue Nationale"}, "audience": {"internes"}, "capacity": {"30"}, "description": {"Soirée."}}
	res := p.post(t, c, "/espace/evenements", form)
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Ce champ est obligatoire.", "La fin doit suivre le début.", "Cette commune n&#39;est pas dans le département.",
		`value="Paris"`, `value="8 rue Nationale"`)

	form.Set("title", "Soirée d'accueil des internes")
	form.Set("ends_at", "2031-03-12T21:30")
	form.Set("commune", "Marmande")
	res = p.post(t, c, "/espace/evenements", form)
	assertStatus(t, res, http.StatusSeeOther)
	base := res.Header.Get("Location")
	id := strings.TrimPrefix(base, "/espace/evenements/")
	assertStatus(t, p.get(t, p.client(t), "/evenements/"+id), http.StatusNotFound) // a draft

	form.Set("capacity", "40")
	assertStatus(t, p.post(t, c, base, form), http.StatusSeeOther)
	assertStatus(t, p.post(t, c, base+"/publication", url.Values{"publish": {"true"}}), http.StatusSeeOther)
	public := p.get(t, p.client(t), "/evenements/"+id)
	assertStatus(t, public, http.StatusOK)
	assertContains(t, public, "Marmande, 8 rue Nationale", "le 12/03/2031 de 18:30 à 21:30", "40 place(s) restante(s) sur 40")

	assertStatus(t, p.register(t, mustID(t, id), "Inès Martin", "ines@example.org"), http.StatusSeeOther)
	page := p.get(t, c, base)
	assertStatus(t, page, http.StatusOK)
	assertContains(t, page, "Publié", "création", "modification (Nombre de places)", "publication",
		"Inscriptions", "ines@example.org", "Confirmée", `value="2031-03-12T18:30"`, `value="Marmande"`)
	if n := p.countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'view' AND reference = $1 AND staff_id = $2`,
		"EVT-"+id, officer.ID); n != 1 {
		t.Errorf("%d audit lines for reading the registrations, want 1", n)
	}
	list := p.get(t, c, "/espace/evenements")
	assertContains(t, list, "Soirée d&#39;accueil des internes", "1 inscrit(s) sur 40, 0 en attente")
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil {
		t.Fatal(err)
	}
	return id
}

// The events list, an event page and its form with errors meet WCAG 2.1 A and AA in
// both languages.
func TestBrowserEventPagesAreAccessibleInFrenchAndEnglish(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	id := p.publishedEvent(t, "Soirée d'accueil des internes", 1)
	assertStatus(t, p.register(t, id, "Inès Martin", "ines@example.org"), http.StatusSeeOther) // full: waiting list
	ctx := browsertest.New(t)
	pages := []string{"/evenements", "/evenements?public=lyceens", "/evenements/" + itoa(id)}
	check := func(lang string) {
		checkPages(t, ctx, p.URL, lang, "", pages...)
		// The form sent empty: errors next to the fields, summary on top.
		if err := chromedp.Do(ctx, chromedp.Submit(chromedp.CSS(`#email`)), chromedp.WaitVisible(chromedp.CSS(`#erreurs`))); err != nil {
			t.Fatal(err)
		}
		browsertest.AssertAccessible(t, ctx)
	}
	check("fr")
	assertText(t, ctx, "#name-erreur", "Ce champ est obligatoire.")

	// The staff's pages, with the registrations, pass too.
	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	err := chromedp.Do(ctx, chromedp.Navigate(p.URL+"/connexion"), chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "claire@cd47.fr"), chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)), chromedp.WaitVisible(chromedp.CSS(`form[action="/deconnexion"]`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/espace/evenements", "/espace/evenements/nouveau", "/espace/evenements/" + itoa(id)} {
		if err := chromedp.Do(ctx, chromedp.Navigate(p.URL+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		browsertest.AssertAccessible(t, ctx)
		browsertest.Screenshot(t, ctx, "staff"+shotName(path))
	}
	assertText(t, ctx, "#inscriptions + p", "1 place(s) confirmée(s) sur 1")
	if err := chromedp.Do(ctx, chromedp.Navigate(p.URL+"/"), chromedp.Click(chromedp.CSS(`button.lang-switch`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"]`))); err != nil {
		t.Fatal(err)
	}
	check("en")
}

// Places added by staff go to the people waiting, in order, each told by email.
func TestRaisingTheCapacityPromotesThePeopleWaiting(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	start := time.Now().In(paris).AddDate(0, 0, 10).Truncate(time.Hour)
	e := sampleEvent("Soirée à Nérac", 1, start)
	id := p.storeEvent(t, e, true)
	for _, email := range []string{"un@example.org", "deux@example.org", "trois@example.org"} {
		assertStatus(t, p.register(t, id, "Inès Martin", email), http.StatusSeeOther)
	}
	officer := p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := p.client(t)
	p.signIn(t, c, officer.Email, password)
	form := url.Values{}
	for k, v := range e.Fields(paris) {
		form.Set(k, v)
	}
	form.Set("commune", "Agen")
	form.Set("capacity", "2")
	assertStatus(t, p.post(t, c, "/espace/evenements/"+itoa(id), form), http.StatusSeeOther)
	if got := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE status = 'confirmed'`); got != 2 {
		t.Errorf("%d confirmed, want 2", got)
	}
	p.waitForSubject(t, "deux@example.org", "Une place s'est libérée")
	if got := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE email = 'trois@example.org' AND status = 'waitlisted'`); got != 1 {
		t.Error("the second person waiting was promoted too")
	}
}

func TestRegistrationClosesWhenTheEventStarts(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	id := p.storeEvent(t, sampleEvent("Soirée commencée", 10, time.Now().Add(-time.Hour)), true)
	page := p.get(t, p.client(t), "/evenements/"+itoa(id))
	assertStatus(t, page, http.StatusOK)
	assertContains(t, page, "Les inscriptions sont closes")
	assertLacks(t, page, "M&#39;inscrire")
	res := p.register(t, id, "Inès Martin", "ines@example.org")
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Les inscriptions sont closes")
	if n := p.countRows(t, `SELECT count(*) FROM event_registrations`); n != 0 {
		t.Errorf("%d registrations stored", n)
	}
}

// Staff cancel a registration for someone who phoned: the place goes to the first person
// waiting, the audit log says who did it, and a registration of another event is not
// theirs to cancel through this one.
func TestStaffCancelARegistrationForSomeone(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	id := p.publishedEvent(t, "Soirée d'accueil des internes", 1)
	other := p.publishedEvent(t, "Journée découverte", 5)
	p.registrationLink(t, id, "premiere@example.org")
	p.registrationLink(t, id, "deuxieme@example.org")
	p.registrationLink(t, other, "ailleurs@example.org")
	first := int64(p.countRows(t, `SELECT id FROM event_registrations WHERE email = 'premiere@example.org'`))
	elsewhere := int64(p.countRows(t, `SELECT id FROM event_registrations WHERE email = 'ailleurs@example.org'`))

	p.createStaff(t, "claire@cd47.fr", staff.RoleOfficer, password)
	c := p.client(t)
	p.signIn(t, c, "claire@cd47.fr", password)
	page := p.get(t, c, "/espace/evenements/"+itoa(id))
	cancel := "/espace/evenements/" + itoa(id) + "/inscriptions/" + itoa(first) + "/annuler"
	assertContains(t, page, `action="`+cancel+`"`, "Annuler l&#39;inscription de Inès Martin")
	assertStatus(t, p.post(t, c, cancel, nil), http.StatusSeeOther)
	assertContains(t, p.get(t, c, "/espace/evenements/"+itoa(id)), "Inscription annulée.")
	if n := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE email = 'deuxieme@example.org' AND status = 'confirmed'`); n != 1 {
		t.Error("the person waiting was not given the place")
	}
	p.waitForSubject(t, "deuxieme@example.org", "Une place s'est libérée")
	if n := p.countRows(t, `SELECT count(*) FROM audit_log WHERE reference = $1 AND action = 'change' AND staff_name = 'Test officer'`, "EVT-"+itoa(id)); n != 1 {
		t.Errorf("%d audit lines for the cancellation, want 1", n)
	}
	wrong := "/espace/evenements/" + itoa(id) + "/inscriptions/" + itoa(elsewhere) + "/annuler"
	assertStatus(t, p.post(t, c, wrong, nil), http.StatusNotFound)
	if n := p.countRows(t, `SELECT count(*) FROM event_registrations WHERE id = $1 AND status <> 'cancelled'`, elsewhere); n != 1 {
		t.Error("a registration of another event was cancelled")
	}
}
