package apl_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bienvenue-sante/bienvenue/internal/apl"
)

// workbook builds an xlsx laid out like the DREES file: title lines, the header, a units
// row, then communes.
func workbook(t *testing.T, sheets map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	first := true
	for name, rows := range sheets {
		if first {
			f.SetSheetName("Sheet1", name)
			first = false
		} else {
			f.NewSheet(name)
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadsEverySheetUnderItsTitleLines(t *testing.T) {
	rows := [][]any{
		{"Accessibilité potentielle localisée (APL) aux médecins généralistes"},
		{"Source : DREES"},
		{"Code commune INSEE", "Commune", "APL aux médecins généralistes", "APL aux médecins généralistes de 65 ans ou moins",
			"APL aux médecins généralistes de 62 ans ou moins", "APL aux médecins généralistes de 60 ans ou moins",
			"Population standardisée 2023 pour la médecine générale", "Population totale 2023"},
		{"", "", "consultations/an/hab", "", "", "", "habitants", "habitants"},
		{"47001", "Agen", 3.1, 2.9, "2,7", 2.5, 33500.5, 32801},
		{"47002", "Agmé", "1,2", 1.0, 0.9, 0.8, 110, 108},
		{"33063", "Bordeaux", 4.5, 4.2, 4.0, 3.9, 260000, 261804},
	}
	data := workbook(t, map[string][][]any{"APL 2023": rows, "Notice": {{"lisez-moi"}}})
	values, err := apl.Read(bytes.NewReader(data), func(insee string) bool { return insee[:2] == "47" })
	if err != nil {
		t.Fatal(err)
	}
	if len(values) != 2 || values[0].Year != 2023 || values[0].APL != 3.1 || values[0].APL62 != 2.7 ||
		values[1].APL != 1.2 || values[1].StandardisedPopulation != 110 {
		t.Errorf("values %+v", values)
	}
}

func TestAWorkbookWithoutAPLSheetIsRefused(t *testing.T) {
	data := workbook(t, map[string][][]any{"Feuille": {{"rien"}}})
	if _, err := apl.Read(bytes.NewReader(data), func(string) bool { return true }); !errors.Is(err, apl.ErrNoSheet) {
		t.Errorf("err = %v, want no APL sheet", err)
	}
	if _, err := apl.Read(bytes.NewReader([]byte("pas un classeur")), func(string) bool { return true }); err == nil {
		t.Error("a text file was read as a workbook")
	}
}
