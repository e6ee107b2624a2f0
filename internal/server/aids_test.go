package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
)

const simulation = "/aides/simulateur?situation=settling&commune=Agen&date=2026-03-02&mode=liberal&secteur=1&premiere=1&fiscal=controlled&fmt=9000"

func TestSimulatorNeverGuessesAnUnknownZone(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	res := p.get(t, p.client(t), simulation)
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "Vos aides à Agen, pour une installation le 02/03/2026",
		"zonage non importé", "Aides possibles, selon des informations qui manquent",
		"le zonage n&#39;a pas encore été importé : impossible de savoir", "10\u00a0000\u00a0€")
	assertLacks(t, res, "Aides auxquelles vous avez droit")
}

func TestSimulatorUsesTheImportedZoningAndSaysWhichOne(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	rows := []aid.ZoningRow{
		{Commune: "47001", Zone: aid.ZoneZIP, Reference: "Arrêté ARS NA du 30/12/2025", Date: time.Date(2025, 12, 30, 0, 0, 0, 0, time.UTC)},
		{Commune: "47195", Zone: aid.ZoneZAC, Reference: "Arrêté ARS NA du 30/12/2025", Date: time.Date(2025, 12, 30, 0, 0, 0, 0, time.UTC)},
	}
	if err := p.db.ImportZoning(context.Background(), "zonage.csv", rows, false, 0); err != nil {
		t.Fatal(err)
	}
	res := p.get(t, p.client(t), simulation)
	assertContains(t, res, "Aides auxquelles vous avez droit", "Zonage ZIP utilisé : Arrêté ARS NA du 30/12/2025, du 30/12/2025.",
		"Remplie", "la commune est classée dans cette zone", "Total sur cinq ans : 9\u00a0900\u00a0€", "4\u00a0500\u00a0€")
	assertLacks(t, res, "zonage fictif")
	// The 2016 contracts are closed to new signatures in 2026.
	assertContains(t, res, "Contrat d&#39;aide à l&#39;installation des médecins (CAIM)", "Fermée aux nouvelles demandes depuis le 31/12/2025.")
}

func TestSimulatorExplainsABadCommune(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	c := p.client(t)
	for query, want := range map[string]string{
		"situation=settling&commune=Bordeaux&date=2026-03-02": "« Bordeaux » n&#39;est pas une commune du département.",
		"situation=settling&commune=47210&date=2026-03-02":    "Ce code postal couvre plusieurs communes",
		"situation=settling&commune=&date=2026-03-02":         "Indiquez la commune, par son nom ou son code postal.",
		"situation=martien&commune=Agen&date=hier":            "Saisissez une date",
	} {
		res := p.get(t, c, "/aides/simulateur?"+query)
		assertStatus(t, res, http.StatusUnprocessableEntity)
		assertContains(t, res, want)
	}
	res := p.get(t, c, "/aides/simulateur?situation=settling&commune=47390&date=2026-03-02")
	assertContains(t, res, "Vos aides à Layrac")
}

func TestCatalogueShowsEveryAidWithItsSourceAndDate(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	res := p.get(t, p.client(t), "/aides")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "Contrat d&#39;engagement de service public (CESP)", "1\u00a0200\u00a0€ par mois",
		"vérifié le 22/11/2026", "https://www.ameli.fr/", "du 25/08/2016 au 31/12/2025", "Étudiant·e en médecine")
}

func TestSimulationGoesWithTheRequestAndAnOfficerChecksIt(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	c := d.client(t)
	q, _ := url.ParseQuery(strings.SplitN(simulation, "?", 2)[1])
	res := d.post(t, c, "/aides/accompagnement", q)
	assertStatus(t, res, http.StatusSeeOther)
	formURL := res.Header.Get("Location")
	if !strings.HasPrefix(formURL, "/demande/medecin?simulation=") {
		t.Fatalf("sent to %q", formURL)
	}
	form := d.get(t, c, formURL)
	assertContains(t, form, "Votre simulation d&#39;aides sera jointe", `name="simulation"`)
	simID, _ := url.ParseQuery(strings.SplitN(formURL, "?", 2)[1])
	values := doctorForm("cle-simulation-0001")
	values.Set("simulation", simID.Get("simulation"))
	values.Set("target_epcis", "200096956")
	values.Del("target_communes")
	res = d.post(t, c, "/demande/medecin", values)
	assertStatus(t, res, http.StatusSeeOther)
	var id int64
	d.db.Pool.QueryRow(context.Background(), `SELECT id FROM requests WHERE simulation_id IS NOT NULL`).Scan(&id)
	if id == 0 {
		t.Fatal("the request does not carry the simulation")
	}
	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	path := "/espace/demandes/" + itoa(id)
	assertContains(t, d.get(t, claire, path), "Simulation d&#39;aides jointe", "installation le 02/03/2026",
		"Marquer la simulation comme vérifiée")
	assertStatus(t, d.post(t, claire, path+"/simulation", url.Values{}), http.StatusSeeOther)
	assertContains(t, d.get(t, claire, path), "Simulation vérifiée le", "Simulation d&#39;aides vérifiée par Test officer")
}
