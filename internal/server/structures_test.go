package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/demo"
	"github.com/bienvenue-sante/bienvenue/internal/finess"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/internal/structures"
)

// testStructures are a maison de santé in Agen, one in Boé (both in the agglomeration of
// Agen, 200096956) and a centre de santé in Villeneuve-sur-Lot (CA du Grand Villeneuvois,
// 200023307).
var testStructures = []finess.Structure{
	{FINESS: "470000001", Name: "Maison de santé du Pin", Category: finess.CategoryMSP, Commune: "47001",
		Address: "12 R DE LA REPUBLIQUE, 47000 AGEN", Phone: "0553000001"},
	{FINESS: "470000002", Name: "Centre de santé municipal", Category: finess.CategoryCDS, Commune: "47323",
		Address: "3 PL LAFAYETTE, 47300 VILLENEUVE SUR LOT", Phone: "0553000002"},
	{FINESS: "470000003", Name: "Maison de santé de BOÉ", Category: finess.CategoryMSP, Commune: "47031",
		Address: "1 AV DE LA GARE, 47550 BOE", Phone: ""},
}

// importStructures imports testStructures and extra as a FINESS extract of 5 January 2026.
func importStructures(t *testing.T, db *postgres.DB, extra ...finess.Structure) {
	t.Helper()
	list := append(append([]finess.Structure{}, testStructures...), extra...)
	if err := db.ImportStructures(context.Background(), postgres.FINESSImport{Filename: "etalab-cs1100507-stock.csv", TakenOn: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}, len(list), list, 0); err != nil {
		t.Fatal(err)
	}
}

func saveProfile(t *testing.T, db *postgres.DB, number string, p structures.Profile) {
	t.Helper()
	if err := db.SaveStructureProfile(context.Background(), number, p, 0); err != nil {
		t.Fatal(err)
	}
}

func TestStructureDirectoryBeforeAnyFINESSImportSaysSo(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	res := p.get(t, p.client(t), "/structures")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "l&#39;extraction FINESS des établissements n&#39;a pas encore été importée")
	assertLacks(t, res, `role="search"`)
	assertStatus(t, p.get(t, p.client(t), "/structures/470000001"), http.StatusNotFound)
}

// 23 more maisons de santé in Villeneuve-sur-Lot, 21 of them seeking a GP: the three
// filters together keep 21, over two pages, and the pages' links keep the filters.
func TestStructureDirectoryFiltersCombineAndPaginate(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	var extra []finess.Structure
	for i := range 23 {
		extra = append(extra, finess.Structure{FINESS: fmt.Sprintf("4700001%02d", i), Name: fmt.Sprintf("MSP du Villeneuvois n°%02d", i),
			Category: finess.CategoryMSP, Commune: "47323", Address: "47300 VILLENEUVE SUR LOT"})
	}
	importStructures(t, p.db, extra...)
	for i := range 21 {
		saveProfile(t, p.db, extra[i].FINESS, structures.Profile{SeeksGP: true})
	}
	saveProfile(t, p.db, "470000001", structures.Profile{SeeksGP: true}) // in the agglomeration of Agen
	c := p.client(t)

	all := p.get(t, c, "/structures")
	assertStatus(t, all, http.StatusOK)
	assertContains(t, all, "26 résultat(s)", "Page 1 sur 2", "Source : FINESS, extrait du 05/01/2026", `<option value="200023307">CA du Grand Villeneuvois</option>`)

	filters := "epci=200023307&recherche=1&type=maison"
	inHTML := strings.ReplaceAll(filters, "&", "&amp;")
	first := p.get(t, c, "/structures?"+filters)
	assertStatus(t, first, http.StatusOK)
	assertContains(t, first, "21 résultat(s)", "Page 1 sur 2", "MSP du Villeneuvois n°00", "Recherche un médecin généraliste",
		`href="/structures?epci=200023307&amp;page=2&amp;recherche=1&amp;type=maison"`, `<option value="200023307" selected>`, `value="1" checked`)
	assertLacks(t, first, "Maison de santé du Pin", "Centre de santé municipal", "MSP du Villeneuvois n°20", "MSP du Villeneuvois n°21")
	second := p.get(t, c, "/structures?"+filters+"&page=2")
	assertContains(t, second, "MSP du Villeneuvois n°20", "Page 2 sur 2", `href="/structures?`+inHTML+`"`)
	assertLacks(t, second, "MSP du Villeneuvois n°19")

	byName := p.get(t, c, "/structures?nom=PÎN")
	assertContains(t, byName, "1 résultat(s)", `href="/structures/470000001"`, "Maison de santé du Pin", "CA Agglomération d&#39;Agen")
	assertContains(t, p.get(t, c, "/structures?nom=boe"), "1 résultat(s)", "Maison de santé de BOÉ")
	centres := p.get(t, c, "/structures?type=centre")
	assertContains(t, centres, "1 résultat(s)", "Centre de santé municipal")
	none := p.get(t, c, "/structures?type=centre&recherche=1")
	assertContains(t, none, "0 résultat(s)", "Aucun résultat pour ces critères", "Retirer les filtres")
	// A percent sign is searched as such.
	assertContains(t, p.get(t, c, "/structures?nom=%25"), "0 résultat(s)")

	for _, bad := range []string{"page=abc", "page=0", "type=hopital", "epci=999999999"} {
		res := p.get(t, c, "/structures?"+bad)
		assertStatus(t, res, http.StatusBadRequest)
		assertContains(t, res, `lang="fr"`, "Demande incorrecte")
	}
	assertStatus(t, p.get(t, c, "/structures?page=3"), http.StatusNotFound)
}

func TestStructurePageShowsFINESSFactsAndTheProfile(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importStructures(t, p.db)
	c := p.client(t)
	plain := p.get(t, c, "/structures/470000003")
	assertStatus(t, plain, http.StatusOK)
	assertContains(t, plain, "<h1>Maison de santé de BOÉ</h1>", "Maison de santé pluriprofessionnelle", "1 AV DE LA GARE, 47550 BOE",
		`href="/observatoire/commune/47031"`, `href="/observatoire/epci/200096956"`, "Pas encore renseignées.",
		"Source : FINESS, extrait du 05/01/2026")
	assertLacks(t, plain, "/demande/medecin", "Téléphone")

	saveProfile(t, p.db, "470000002", structures.Profile{Professions: []string{"medecin_generaliste", "sage_femme"}, SeeksGP: true,
		Website: "https://cds.example.fr", Note: "Locaux **neufs**. <script>alert(1)</script>"})
	res := p.get(t, c, "/structures/470000002")
	assertContains(t, res, "Centre de santé", "05\u00a053\u00a000\u00a000\u00a002", "Villeneuve-sur-Lot", "CA du Grand Villeneuvois",
		"<li>Médecin généraliste</li>", "<li>Sage-femme</li>", "Recherche un médecin généraliste",
		`<a href="/demande/medecin">Être accompagné·e pour m&#39;y installer</a>`, `href="https://cds.example.fr"`,
		"<strong>neufs</strong>", "Informations complémentaires mises à jour par le Département")
	assertLacks(t, res, "<script>alert")

	assertStatus(t, p.get(t, c, "/structures/470999999"), http.StatusNotFound)
	english := p.client(t)
	p.post(t, english, "/langue", url.Values{"lang": {"en"}, "next": {"/structures/470000002"}})
	assertContains(t, p.get(t, english, "/structures/470000002"), "Looking for a general practitioner", "Get support to settle there",
		"Source: FINESS, extract of 5 Jan 2026")
}

func TestAdministratorEditsAStructureProfileKeptAcrossImports(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importStructures(t, p.db)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := p.client(t)
	p.signIn(t, admin, "admin@cd47.fr", password)

	list := p.get(t, admin, "/espace/structures")
	assertStatus(t, list, http.StatusOK)
	assertContains(t, list, `href="/espace/structures/470000001"`, "470000001 · Maison de santé pluriprofessionnelle · Agen", "profil à compléter")
	assertLacks(t, list, "Brouillon")
	form := p.get(t, admin, "/espace/structures/470000001")
	assertContains(t, form, "Numéro FINESS", "12 R DE LA REPUBLIQUE, 47000 AGEN", `name="professions" value="infirmier"`, `name="seeks_gp"`)
	assertContains(t, form, `<a href="/structures/470000001">Voir la page publique</a>`)
	assertLacks(t, form, "Publier")

	bad := p.post(t, admin, "/espace/structures/470000001", url.Values{"professions": {"infirmier", "sorcier"},
		"website": {"javascript:alert(1)"}, "note": {"Une note gardée"}, "seeks_gp": {"1"}})
	assertStatus(t, bad, http.StatusUnprocessableEntity)
	assertContains(t, bad, "Choisissez dans la liste proposée.", "Saisissez une adresse complète", `value="javascript:alert(1)"`,
		"Une note gardée", `value="infirmier" checked`)
	if n := p.countRows(t, `SELECT count(*) FROM structure_profiles`); n != 0 {
		t.Fatalf("%d profiles after a refused form", n)
	}

	ok := p.post(t, admin, "/espace/structures/470000001", url.Values{"professions": {"infirmier", "medecin_generaliste"},
		"website": {"https://msp-du-pin.example.fr"}, "note": {"Projet de santé *validé*."}, "seeks_gp": {"1"}})
	assertStatus(t, ok, http.StatusSeeOther)
	if got := ok.Header.Get("Location"); got != "/espace/structures/470000001" {
		t.Errorf("saved, sent to %q", got)
	}
	p.post(t, admin, "/espace/structures/470000001", url.Values{"professions": {"infirmier", "medecin_generaliste"},
		"website": {"https://msp-du-pin.example.fr"}, "note": {"Projet de santé *validé*."}})
	page := p.get(t, admin, "/espace/structures/470000001")
	assertContains(t, page, "Modifications enregistrées.", "Historique des modifications",
		"Test admin · création (Professions présentes, La structure recherche un médecin généraliste, Site internet, Présentation)",
		"Test admin · modification (La structure recherche un médecin généraliste)")

	// A new extract replaces the structures; the profile stays with its FINESS number.
	importStructures(t, p.db)
	res := p.get(t, p.client(t), "/structures/470000001")
	assertContains(t, res, "<li>Infirmier·ère</li>", "<em>validé</em>", "https://msp-du-pin.example.fr")
	assertLacks(t, res, "Être accompagné·e")
}

func TestObservatoryMapMarksTheStructures(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, false)
	assertLacks(t, p.get(t, p.client(t), "/observatoire"), `class="marker`, "Les maisons et centres de santé placés sur la carte")
	importStructures(t, p.db)
	saveProfile(t, p.db, "470000002", structures.Profile{SeeksGP: true})
	res := p.getOnceShown(t, p.client(t), "/observatoire", `class="marker marker-seeks"`)
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res,
		// On the map: a circle per maison, a square per centre, highlighted when it seeks a GP.
		`<a href="/structures/470000001" aria-label="Maison de santé du Pin (Maison de santé pluriprofessionnelle, Agen)"><circle`,
		`aria-label="Centre de santé municipal (Centre de santé, Villeneuve-sur-Lot) : recherche un médecin généraliste"><rect`,
		`class="marker marker-seeks"`, `class="marker-swatch"`, "Cherche un médecin généraliste (en jaune)",
		// Its text alternative.
		"Les maisons et centres de santé placés sur la carte", `<th scope="row"><a href="/structures/470000003">Maison de santé de BOÉ</a></th>`,
		// The choropleth is still there.
		`href="/observatoire/epci/200096956"`, `class="area c`)
}

// Invented structures say so wherever the source of the structures shows, and are never
// attributed to FINESS; a FINESS extract imported after them is again.
func TestDemoStructuresAreNeverAttributedToFINESS(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	importSnapshots(t, p, false)
	demo := postgres.FINESSImport{Filename: "demonstration", TakenOn: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Demo: true}
	if err := p.db.ImportStructures(context.Background(), demo, len(testStructures), testStructures, 0); err != nil {
		t.Fatal(err)
	}
	pages := []string{"/structures", "/structures/470000001", "/observatoire", "/observatoire/epci/200096956", "/observatoire/commune/47001"}
	c := p.client(t)
	for _, path := range pages {
		res := p.get(t, c, path)
		assertStatus(t, res, http.StatusOK)
		assertContains(t, res, "Données de démonstration : structures inventées pour essayer le portail, ce n&#39;est pas l&#39;extraction FINESS.")
		assertLacks(t, res, "Source : FINESS", "Structures : FINESS", "répertoire national FINESS")
	}
	english := p.client(t)
	p.post(t, english, "/langue", url.Values{"lang": {"en"}, "next": {"/structures"}})
	inEnglish := p.get(t, english, "/structures")
	assertContains(t, inEnglish, "Demonstration data: structures invented to try the portal out, not the FINESS extract.")
	assertLacks(t, inEnglish, "Source: FINESS", "national FINESS register")

	importStructures(t, p.db)
	for _, path := range pages {
		res := p.getOnceShown(t, c, path, "FINESS, ")
		assertContains(t, res, "FINESS, ")
		assertLacks(t, res, "Données de démonstration : structures inventées")
	}
}

// The demonstration fills the directory and the observatory's map with invented
// structures, said to be invented.
func TestDemoLoadFillsTheDirectoryAndTheMap(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	if err := demo.Load(context.Background(), p.db); err != nil {
		t.Fatal(err)
	}
	c := p.client(t)
	demoSource := "Données de démonstration : structures inventées pour essayer le portail, ce n&#39;est pas l&#39;extraction FINESS."
	assertContains(t, p.get(t, c, "/structures"), "10 résultat(s)", "Maison de santé des Deux Rives (démonstration)", demoSource)
	assertContains(t, p.get(t, c, "/structures?recherche=1&type=centre"), "1 résultat(s)", "Centre de santé de Fumel (démonstration)")
	res := p.get(t, c, "/structures/479990002")
	assertStatus(t, res, http.StatusOK)
	assertContains(t, res, "<h1>Maison de santé des Landes de Gascogne (démonstration)</h1>", "2 place de l&#39;Exemple, 47700 CASTELJALOUX",
		"05\u00a000\u00a000\u00a000\u00a000", "<em>Données de démonstration.</em>", "Recherche un médecin généraliste", demoSource)
	assertContains(t, p.get(t, c, "/observatoire"), `<a href="/structures/479990004" aria-label="Centre de santé de Fumel (démonstration) (Centre de santé, Fumel) : recherche un médecin généraliste"><rect`, demoSource)
}
