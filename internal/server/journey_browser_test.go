package server_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bienvenue-sante/bienvenue/internal/browsertest"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
)

// The whole journey in a real browser: a doctor files a request, gets the email, the
// officer of the right queue claims it and writes, the doctor reads and replies through
// the link, the officer resolves it as an installation. Every page passes axe-core, and
// hostile text typed by the doctor runs nowhere.
func TestBrowserJourneyFromRequestToInstallation(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	doctor := browsertest.New(t)
	hostile := `<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">`

	check := func(ctx context.Context, name string) {
		t.Helper()
		browsertest.AssertAccessible(t, ctx)
		browsertest.Screenshot(t, ctx, "journey-"+name)
		xss, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__xss !== undefined`))
		if err != nil {
			t.Fatal(err)
		}
		if xss {
			t.Fatalf("%s: a script typed by the applicant ran", name)
		}
	}

	err := chromedp.Do(doctor,
		chromedp.Navigate(d.URL+"/"),
		chromedp.Click(chromedp.CSS(`a[href="/demande/medecin"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#first_name`)),
		// First a submission with a mistake: the page says what is wrong and keeps the input.
		chromedp.SendKeys(chromedp.CSS(`#first_name`), "Amina"),
		chromedp.SendKeys(chromedp.CSS(`#last_name`), "Diallo"),
		chromedp.SendKeys(chromedp.CSS(`#email`), "amina@example"),
		chromedp.Click(chromedp.CSS(`button[type="submit"].button`)),
		chromedp.WaitVisible(chromedp.CSS(`#erreurs`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	check(doctor, "1-form-errors")
	err = chromedp.Do(doctor,
		chromedp.Clear(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "amina@example.org"),
		chromedp.Click(chromedp.CSS(`label[for="situation-1"]`)),
		chromedp.Click(chromedp.CSS(`label[for="practice_mode-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="timeframe-1"]`)),
		chromedp.SendKeys(chromedp.CSS(`#target_communes`), "Agen"),
		chromedp.Click(chromedp.CSS(`label[for="need-financial_aid"]`)),
		chromedp.Click(chromedp.CSS(`label[for="need-housing"]`)),
		chromedp.SendKeys(chromedp.CSS(`#message`), hostile),
		chromedp.Click(chromedp.CSS(`button[type="submit"].button`)),
		chromedp.WaitVisible(chromedp.CSS(`.panel-success`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	check(doctor, "2-submitted")
	ref, err := chromedp.Run(doctor, chromedp.Text(chromedp.CSS(`.reference strong`)))
	if err != nil {
		t.Fatal(err)
	}
	link := trackingLink.FindStringSubmatch(d.waitForEmail(t, "amina@example.org").body)
	if link == nil {
		t.Fatal("no tracking link in the confirmation email")
	}

	// Claire, officer of the Agen queue, finds it, claims it and writes.
	officer := browsertest.New(t)
	err = chromedp.Do(officer,
		chromedp.Navigate(d.URL+"/connexion"),
		chromedp.SendKeys(chromedp.CSS(`#email`), "claire@cd47.fr"),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/deconnexion"]`)),
		chromedp.Navigate(d.URL+"/espace/demandes?vue=unassigned"),
		chromedp.WaitVisible(chromedp.CSS(`table`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	check(officer, "3-queue")
	var id int64
	if err := d.db.Pool.QueryRow(context.Background(), `SELECT id FROM requests WHERE reference = $1`, ref).Scan(&id); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(officer,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/espace/demandes/%d"]`, id))),
		chromedp.WaitVisible(chromedp.CSS(`.why`)),
		chromedp.Click(chromedp.CSS(`form[action$="/prendre"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice`)),
		chromedp.SendKeys(chromedp.CSS(`#message`), "Bonjour, pouvez-vous venir le 12 mars ?"),
		chromedp.Click(chromedp.CSS(`label[for="attendre"]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/message"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.event-message_out`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	check(officer, "4-case")

	// The doctor reads the message through the link and replies.
	err = chromedp.Do(doctor,
		chromedp.Navigate(d.URL+link[1]),
		chromedp.WaitVisible(chromedp.CSS(`.event-message_out`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, doctor, ".status", "En attente de votre réponse")
	assertText(t, doctor, ".event-message_out", "Bonjour, pouvez-vous venir le 12 mars ?")
	check(doctor, "5-tracking")
	err = chromedp.Do(doctor,
		chromedp.SendKeys(chromedp.CSS(`#message`), "Oui, le 12 mars me convient."),
		chromedp.Submit(chromedp.CSS(`#message`)),
		chromedp.WaitVisible(chromedp.CSS(`.event-message_in`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	assertText(t, doctor, ".status", "En cours")

	// Claire resolves it as an installation; the doctor sees it done.
	err = chromedp.Do(officer,
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`.event-message_in`)),
		chromedp.Click(chromedp.CSS(`label[for="issue-installed"]`)),
		chromedp.SendKeys(chromedp.CSS(`#commune`), "Agen"),
		chromedp.SetValue(chromedp.CSS(`#date`), "2027-03-01"),
		chromedp.SetValue(chromedp.CSS(`#structure`), "msp"),
		chromedp.SendKeys(chromedp.CSS(`#structure_nom`), "MSP du Pin"),
		chromedp.SetValue(chromedp.CSS(`#mode`), "liberal"),
		chromedp.Click(chromedp.CSS(`form[action$="/resoudre"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.event-resolved`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	check(officer, "6-resolved")
	if err := chromedp.Do(doctor, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.event-resolved`))); err != nil {
		t.Fatal(err)
	}
	assertText(t, doctor, ".event-resolved", "installation réalisée")
	check(doctor, "7-done")
}
