// Package apl reads the DREES « accessibilité potentielle localisée » (APL) to general
// practitioners: one xlsx workbook, one sheet per year (« APL 2023 »), a row per commune.
package apl

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/bienvenue-sante/bienvenue/internal/tabular"
)

// Value is a commune's APL in a year: consultations accessible per inhabitant per year,
// for all GPs and for those aged 65, 62 and 60 or less, with the standardised population
// that weighs it when communes are added up.
type Value struct {
	Year                   int
	Commune                string
	APL                    float64
	APL65, APL62, APL60    float64
	StandardisedPopulation float64
	Population             float64
}

// UnderServed is the APL at or under which a commune counts as under-served.
const UnderServed = 2.5

var sheetYear = regexp.MustCompile(`(?i)apl\D*(\d{4})`)

// ErrNoSheet says the workbook holds no « APL <year> » sheet with the expected columns.
var ErrNoSheet = errors.New("no APL sheet")

// Read returns the values of the communes keep accepts, from every APL sheet.
func Read(r io.Reader, keep func(insee string) bool) ([]Value, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("not an xlsx workbook: %w", err)
	}
	defer f.Close()
	var values []Value
	found := false
	for _, sheet := range f.GetSheetList() {
		m := sheetYear.FindStringSubmatch(sheet)
		if m == nil {
			continue
		}
		year, _ := strconv.Atoi(m[1])
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, err
		}
		got, ok := readSheet(rows, year, keep)
		if ok {
			found = true
			values = append(values, got...)
		}
	}
	if !found {
		return nil, fmt.Errorf("%w: expected sheets named « APL 2023 » with a « Code commune INSEE » column", ErrNoSheet)
	}
	return values, nil
}

// readSheet finds the header row under the title lines, then reads each commune's row;
// a units row, or any row without a number, is passed over.
func readSheet(rows [][]string, year int, keep func(string) bool) ([]Value, bool) {
	for h, header := range rows {
		cols := columns(header)
		if cols == nil {
			continue
		}
		var values []Value
		for _, row := range rows[h+1:] {
			cell := func(i int) string {
				if i < 0 || i >= len(row) {
					return ""
				}
				return strings.TrimSpace(row[i])
			}
			insee := cell(cols["code"])
			apl, err := number(cell(cols["apl"]))
			if insee == "" || err != nil || !keep(insee) {
				continue
			}
			v := Value{Year: year, Commune: insee, APL: apl}
			v.APL65, _ = number(cell(cols["apl65"]))
			v.APL62, _ = number(cell(cols["apl62"]))
			v.APL60, _ = number(cell(cols["apl60"]))
			v.StandardisedPopulation, _ = number(cell(cols["std"]))
			v.Population, _ = number(cell(cols["pop"]))
			values = append(values, v)
		}
		return values, true
	}
	return nil, false
}

// columns maps the header's columns, or nil when the row is not the header.
func columns(header []string) map[string]int {
	cols := map[string]int{"code": -1, "apl": -1, "apl65": -1, "apl62": -1, "apl60": -1, "std": -1, "pop": -1}
	for i, name := range header {
		f := tabular.Fold(name)
		switch {
		case f == "code commune insee" || f == "code commune":
			cols["code"] = i
		case strings.Contains(f, "apl") && strings.Contains(f, "65 ans"):
			cols["apl65"] = i
		case strings.Contains(f, "apl") && strings.Contains(f, "62 ans"):
			cols["apl62"] = i
		case strings.Contains(f, "apl") && strings.Contains(f, "60 ans"):
			cols["apl60"] = i
		case strings.HasPrefix(f, "apl aux medecins generalistes"):
			cols["apl"] = i
		case strings.HasPrefix(f, "population standardisee"):
			cols["std"] = i
		case strings.HasPrefix(f, "population totale"):
			cols["pop"] = i
		}
	}
	if cols["code"] < 0 || cols["apl"] < 0 || cols["std"] < 0 {
		return nil
	}
	return cols
}

// number reads a figure written 2,54 or 2.54.
func number(s string) (float64, error) {
	return strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(s, "\u00a0", ""), ",", "."), 64)
}
