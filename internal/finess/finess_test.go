package finess_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/finess"
)

// row writes a « structureet » row of the extract's 32 fields.
func row(number, name, commune, dept, category string) string {
	f := make([]string, 32)
	f[0], f[1], f[2], f[3], f[4] = "structureet", number, "470000000", strings.ToUpper(name), name
	f[7], f[8], f[9], f[12], f[13], f[14], f[15] = "12", "R", "DE LA REPUBLIQUE", commune, dept, "LOT ET GARONNE", "47000 AGEN"
	f[16], f[18], f[19] = "0553000000", category, "Maison de santé (L.6223-3)"
	return strings.Join(f, ";")
}

func TestKeepsTheMaisonsAndCentresDeSanteOfTheDepartement(t *testing.T) {
	file := strings.Join([]string{
		"finess;etalab;100;FINESS;ETABLISSEMENTS;2026-01-05",
		row("470000001", "MSP du Pin", "001", "47", "603"),
		row("470000002", "Centre de santé municipal", "323", "47", "124"),
		row("470000003", "Centre hospitalier", "001", "47", "355"),
		row("330000001", "MSP bordelaise", "063", "33", "603"),
		"geolocalisation;470000001;500000.1;6350000.2;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2026-01-05",
	}, "\n")
	got, read, err := finess.Read(strings.NewReader(file), "47")
	if err != nil {
		t.Fatal(err)
	}
	if read != 4 || len(got) != 2 {
		t.Fatalf("read %d, kept %+v", read, got)
	}
	if got[0].Commune != "47001" || got[0].Name != "MSP du Pin" || got[1].Category != finess.CategoryCDS ||
		got[0].Address != "12 R DE LA REPUBLIQUE, 47000 AGEN" {
		t.Errorf("structures %+v", got)
	}
}

func TestAnotherFileIsRefused(t *testing.T) {
	for _, file := range []string{"nom;prenom\nDupont;Jean\n", "structureet;470000001;court\n"} {
		if _, _, err := finess.Read(strings.NewReader(file), "47"); !errors.Is(err, finess.ErrFormat) {
			t.Errorf("%q: err = %v, want a format error", file, err)
		}
	}
}
