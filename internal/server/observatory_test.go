package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
	"github.com/bienvenue-sante/bienvenue/internal/apl"
	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
)

// importSnapshots stores two snapshots five years apart: Agen (47001, CA Agglomération
// d'Agen) goes from 30 to 26 GPs, Villeneuve-sur-Lot (47323) keeps 10.
func importSnapshots(t *testing.T, p *portal, demo bool) {
	t.Helper()
	terr, err := territory.Shipped("47")
	if err != nil {
		t.Fatal(err)
	}
	ix := territory.NewIndex(terr)
	for year, agen := range map[int]int{2020: 30, 2025: 26} {
		var practices []rpps.Practice
		for i := range agen {
			mode := "L"
			if i < 4 {
				mode = "S"
			}
			practices = append(practices, rpps.Practice{Practitioner: "agen" + string(rune('a'+i)), Commune: "47001", Mode: mode})
		}
		for i := range 10 {
			practices = append(practices, rpps.Practice{Practitioner: "vsl" + string(rune('a'+i)), Commune: "47323", Mode: "L"})
		}
		counts := observatory.Counts(practices, "47", ix.EPCIOf)
		s := postgres.Snapshot{TakenOn: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), Source: "PS_LibreAcces_test.txt",
			Read: len(practices), Kept: len(practices), Demo: demo}
		if _, err := p.db.ImportSnapshot(context.Background(), s, practices, counts, 0); err != nil {
			t.Fatal(err)
		}
	}
}

func TestObservatoryDashboardShowsTheImportedFigures(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, false)
	c := p.client(t)
	res := p.get(t, c, "/observatoire")
	assertStatus(t, res, http.StatusOK)
	// 36 GPs for 333,602 inhabitants: 1.1 per 10,000; from 40 five years before: -10 %.
	assertContains(t, res, "<dd>36</dd>", "<dd>1,1</dd>", "<dd>-10,0 %</dd>", "CA Agglomération d&#39;Agen",
		`href="/observatoire/epci/200096956"`, "<svg", "Annuaire santé (RPPS), extraction en libre accès « PS_LibreAcces_test.txt »")
	assertLacks(t, res, "Données de démonstration.", "L&#39;activité du guichet unique")
	// The agglomeration of Agen: 26 GPs (4 salaried) for 102,673 inhabitants.
	epci := p.get(t, c, "/observatoire/epci/200096956")
	assertContains(t, epci, "<h1>CA Agglomération d&#39;Agen</h1>", "<dd>26</dd>", "<dd>2,5</dd>", "<dd>-13,3 %</dd>", "Agen")
	commune := p.get(t, c, "/observatoire/commune/47323")
	assertContains(t, commune, "<h1>Villeneuve-sur-Lot</h1>", "<dd>10</dd>", "<dd>0,0 %</dd>", "CA du Grand Villeneuvois")
	assertStatus(t, p.get(t, c, "/observatoire/commune/33063"), http.StatusNotFound)
	assertStatus(t, p.get(t, c, "/observatoire/epci/47001"), http.StatusNotFound)

	csv := p.get(t, c, "/observatoire/donnees.csv?indicateur=density")
	assertStatus(t, csv, http.StatusOK)
	assertContains(t, csv, "Territoire,Habitants", "CA Agglomération d'Agen,102\u00a0673,26", "Licence Ouverte")
	assertStatus(t, p.get(t, c, "/observatoire/donnees.csv?niveau=commune"), http.StatusForbidden)
}

func TestObservatoryStaffSeeCommunesAndActivity(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, true)
	p.createStaff(t, "obs@cd47.fr", staff.RoleObservatory, password)
	obs := p.client(t)
	p.signIn(t, obs, "obs@cd47.fr", password)
	res := p.get(t, obs, "/observatoire?niveau=commune&indicateur=total")
	p.post(t, p.client(t), "/demande/medecin", doctorForm("cle-activite-000001"))
	res = p.get(t, obs, "/observatoire?niveau=commune&indicateur=total")
	assertContains(t, res, "Données de démonstration.", `href="/observatoire/commune/47001"`, "L&#39;activité du guichet unique",
		"Délai médian de première réponse", "par besoin", "Aides financières à l&#39;installation", "CC Albret Communauté", "Nouvelle")
	assertStatus(t, p.get(t, obs, "/observatoire/donnees.csv?niveau=commune"), http.StatusOK)
	// A visitor asking for the commune level gets the public view.
	assertLacks(t, p.get(t, p.client(t), "/observatoire?niveau=commune"), `href="/observatoire/commune/47001"`)
}

func TestAdministratorUploadsAnRPPSExtract(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := p.client(t)
	p.signIn(t, admin, "admin@cd47.fr", password)
	var b strings.Builder
	rpps.WriteSynthetic(&b, 3000, []string{"47001", "47323"}, 3)
	file := b.String()

	res := p.upload(t, admin, "/espace/observatoire/import", "fichier", "PS_LibreAcces_Personne_activite_202511140904.txt", file)
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "Instantané du 14/11/2025 importé : 3\u00a0000 lignes lues")
	assertContains(t, p.get(t, p.client(t), "/observatoire"), "PS_LibreAcces_Personne_activite_202511140904.txt")

	res = p.upload(t, admin, "/espace/observatoire/import", "fichier", "PS_LibreAcces_Personne_activite_202512010904.txt", file[:len(file)-30])
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Le fichier est tronqué")
	res = p.upload(t, admin, "/espace/observatoire/import", "fichier", "extraction.txt", file)
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Indiquez la date de l&#39;extraction")
	noColumn := strings.Replace(file, "Code savoir-faire", "Code qualification", 1)
	res = p.upload(t, admin, "/espace/observatoire/import", "fichier", "PS_LibreAcces_Personne_activite_202512020904.txt", noColumn)
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Une colonne nécessaire manque", "code savoir faire")
	snapshots, _ := p.db.Snapshots(context.Background())
	if len(snapshots) != 1 {
		t.Errorf("%d snapshots after one good and three refused uploads, want 1", len(snapshots))
	}
	p.createStaff(t, "obs@cd47.fr", staff.RoleObservatory, password)
	obs := p.client(t)
	p.signIn(t, obs, "obs@cd47.fr", password)
	assertStatus(t, p.get(t, obs, "/espace/observatoire/import"), http.StatusForbidden)
}

func TestShareOfPopulationInZonesOnceAZoningIsImported(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, false)
	assertLacks(t, p.get(t, p.client(t), "/observatoire"), "Population vivant en ZIP")
	rows := []aid.ZoningRow{{Commune: "47001", Zone: aid.ZoneZIP, Reference: "Arrêté", Date: time.Now()}}
	if err := p.db.ImportZoning(context.Background(), "z.csv", rows, false, 0); err != nil {
		t.Fatal(err)
	}
	// Agen: 32,801 of 333,602 inhabitants.
	wants := []string{"Population vivant en ZIP", "<dd>9,8 %</dd>"}
	assertContains(t, p.getOnceShown(t, p.client(t), "/observatoire", wants...), wants...)
}

// APL aggregates by standardised population: the agglomeration of Agen holds Agen
// (47001) and Boé (47031).
func TestAPLIsWeightedByStandardisedPopulation(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, false)
	values := []apl.Value{
		{Year: 2023, Commune: "47001", APL: 3.0, StandardisedPopulation: 30000},
		{Year: 2023, Commune: "47031", APL: 2.0, StandardisedPopulation: 10000},
		{Year: 2023, Commune: "47002", APL: 1.5, StandardisedPopulation: 100}, // Agmé: no GP, under-served
	}
	if err := p.db.ImportAPL(context.Background(), "APL_2023.xlsx", values, 0); err != nil {
		t.Fatal(err)
	}
	c := p.client(t)
	// Agglomération d'Agen: (3.0×30,000 + 2.0×10,000) / 40,000 = 2.75, not the plain mean 2.5.
	epci := p.get(t, c, "/observatoire/epci/200096956")
	assertContains(t, epci, "<dd>2,75</dd>", "Boé")
	assertContains(t, p.get(t, c, "/observatoire/commune/47002"), "<dd>0</dd>", "<dd>1,50</dd>")
	dash := p.get(t, c, "/observatoire?indicateur=apl")
	assertContains(t, dash, "APL (consultations par an et par habitant)", "Population en commune sous-dotée", "« APL_2023.xlsx », année 2023")
}

func TestAgesUploadedGiveTheShareOfOlderGPsAndProjectedDepartures(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, false)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := p.client(t)
	p.signIn(t, admin, "admin@cd47.fr", password)
	file := "commune;tranche;effectif\n47001;<40;4\n47001;40-49;6\n47001;50-59;5\n47001;60-64;5\n47001;65-69;3\n47001;70+;2\n33063;70+;50\n"
	res := p.uploadWith(t, admin, "/espace/observatoire/ages", map[string]string{"date_ages": "2025-06-01"}, "ages", "ages-2025.csv", file)
	assertStatus(t, res, http.StatusSeeOther)
	dash := p.get(t, p.client(t), "/observatoire")
	assertContains(t, dash, "Part des 60 ans et plus", "<dd>40,0 %</dd>", "<dd>8</dd>", "« ages-2025.csv », au 01/06/2025")
	bad := p.uploadWith(t, admin, "/espace/observatoire/ages", map[string]string{"date_ages": "2025-06-01"}, "ages", "x.csv", "47001;trentaine;3\n")
	assertStatus(t, bad, http.StatusUnprocessableEntity)
	assertContains(t, bad, "Ce fichier n&#39;a pas pu être lu", "line 1")
}

func TestFINESSUploadCountsMaisonsAndCentresDeSante(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, false)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := p.client(t)
	p.signIn(t, admin, "admin@cd47.fr", password)
	line := func(number, commune, dept, category string) string {
		f := make([]string, 32)
		f[0], f[1], f[3], f[12], f[13], f[15], f[18] = "structureet", number, "STRUCTURE "+number, commune, dept, "47000 AGEN", category
		return strings.Join(f, ";")
	}
	file := strings.Join([]string{"finess;etalab;100;FINESS", line("470000001", "001", "47", "603"), line("470000002", "031", "47", "603"),
		line("470000003", "323", "47", "124"), line("330000001", "063", "33", "603")}, "\n") + "\n"
	res := p.uploadWith(t, admin, "/espace/observatoire/finess", map[string]string{"date_finess": "2026-01-05"}, "finess", "etalab-cs1100507-stock.csv", file)
	assertStatus(t, res, http.StatusSeeOther)
	assertContains(t, p.get(t, p.client(t), "/observatoire/epci/200096956"), "Maisons de santé pluriprofessionnelles", "<dd>2</dd>",
		"FINESS, « etalab-cs1100507-stock.csv », au 05/01/2026")
	bad := p.uploadWith(t, admin, "/espace/observatoire/finess", map[string]string{"date_finess": "2026-01-05"}, "finess", "x.csv", "nom;prenom\n")
	assertStatus(t, bad, http.StatusUnprocessableEntity)
	assertContains(t, bad, "n&#39;est pas une extraction FINESS")
}
