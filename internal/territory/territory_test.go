package territory_test

import (
	"testing"
	"testing/fstest"

	"github.com/bienvenue-sante/bienvenue/internal/territory"
)

func TestShippedLotEtGaronneIsComplete(t *testing.T) {
	tr, err := territory.Shipped("47")
	if err != nil {
		t.Fatal(err)
	}
	if tr.Name != "Lot-et-Garonne" || len(tr.Communes) != 319 || len(tr.EPCIs) != 12 || tr.Population() != 333602 {
		t.Errorf("47 = %s, %d communes, %d EPCI, %d inhabitants", tr.Name, len(tr.Communes), len(tr.EPCIs), tr.Population())
	}
	if c := tr.Communes[0]; c.INSEE != "47001" || c.Name != "Agen" || c.PostalCodes[0] != "47000" {
		t.Errorf("first commune = %+v, want Agen 47001 47000", c)
	}
}

func TestUnknownDepartementSaysHowToAddIt(t *testing.T) {
	if _, err := territory.Shipped("99"); err == nil {
		t.Fatal("no error for a département without data")
	}
}

func TestBadNumbersAreRejected(t *testing.T) {
	dir := fstest.MapFS{
		"territory.json": {Data: []byte(`{"departement":{"code":"47","nom":"Lot-et-Garonne"}}`)},
		"epcis.csv":      {Data: []byte("siren,name,kind,population,commune_count,population_in_dept,commune_count_in_dept,financing\n1,E,CC,x,1,1,1,FA\n")},
		"communes.csv":   {Data: []byte("insee,name,postal_codes,population,epci_siren\n47001,Agen,47000,1,1\n")},
	}
	if _, err := territory.Read(dir); err == nil {
		t.Fatal("a non-numeric population was accepted")
	}
}

func TestFindCommuneAsPeopleTypeIt(t *testing.T) {
	tr, err := territory.Shipped("47")
	if err != nil {
		t.Fatal(err)
	}
	ix := territory.NewIndex(tr)
	for _, typed := range []string{"Villeneuve-sur-Lot", "villeneuve sur lot", "VILLENEUVE-SUR-LOT (47300)", "47323", " Villeneuve sur Lot "} {
		c, ok := ix.FindCommune(typed)
		if !ok || c.INSEE != "47323" {
			t.Errorf("FindCommune(%q) = %+v, %v; want Villeneuve-sur-Lot 47323", typed, c, ok)
		}
	}
	if c, ok := ix.FindCommune("neracc"); ok {
		t.Errorf("FindCommune(neracc) found %+v", c)
	}
	if c, ok := ix.FindCommune("nerac"); !ok || c.Name != "Nérac" {
		t.Errorf("FindCommune(nerac) = %+v, %v", c, ok)
	}
	if !ix.HasEPCI("200096956") || ix.HasEPCI("999999999") || !ix.HasCommune("47001") || ix.HasCommune("33063") {
		t.Error("HasEPCI/HasCommune disagree with the data")
	}
}

func TestIntercommunalitiesLargestFirstWithTheirLargestTown(t *testing.T) {
	terr, err := territory.Shipped("47")
	if err != nil {
		t.Fatal(err)
	}
	epcis := terr.EPCIsBySize()
	if len(epcis) != 12 || terr.Population() != 333602 {
		t.Fatalf("%d EPCI, %d inhabitants; want 12, 333602", len(epcis), terr.Population())
	}
	if first := epcis[0]; first.Name != "CA Agglomération d'Agen" || terr.LargestTowns()[first.SIREN] != "Agen" {
		t.Errorf("largest EPCI = %+v around %q, want CA Agglomération d'Agen around Agen", first, terr.LargestTowns()[first.SIREN])
	}
	for i := 1; i < len(epcis); i++ {
		if epcis[i].PopulationInDept > epcis[i-1].PopulationInDept {
			t.Errorf("%s comes after the smaller %s", epcis[i].Name, epcis[i-1].Name)
		}
	}
}
