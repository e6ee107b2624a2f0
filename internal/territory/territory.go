// Package territory owns the reference data of the configured département: its communes
// and intercommunalities (EPCI), read from the files shipped with the portal.
package territory

import (
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Attribution must be shown wherever the data appears (Licence Ouverte / Etalab).
const Attribution = "Source : INSEE (COG 2026, populations légales 2023), DGCL (composition des EPCI), La Poste (codes postaux), via @etalab/decoupage-administratif 6.0.0 — Licence Ouverte / Etalab"

// shipped holds one folder per département, named by its code, as written by
// extract-territory.js (see data/47/README.md for provenance).
//
//go:embed data
var shipped embed.FS

// Territory is a département with its communes and intercommunalities.
type Territory struct {
	Code        string
	Name        string
	Attribution string
	Checksum    string // of the source files, to reload only when they change
	EPCIs       []EPCI
	Communes    []Commune
}

// EPCI is an intercommunality with at least one member commune in the département.
type EPCI struct {
	SIREN              string
	Name               string
	Kind               string // CA, CC, CU, METRO
	Population         int    // whole EPCI, members outside the département included
	PopulationInDept   int
	CommuneCountInDept int
}

// Commune is a commune of the département.
type Commune struct {
	INSEE       string
	Name        string
	PostalCodes []string
	Population  int // INSEE population municipale
	EPCISIREN   string
}

// Population is the département's population, summed over its communes.
func (t Territory) Population() int {
	n := 0
	for _, c := range t.Communes {
		n += c.Population
	}
	return n
}

// EPCIsBySize returns the intercommunalities, the most populous in the département first.
func (t Territory) EPCIsBySize() []EPCI {
	epcis := slices.Clone(t.EPCIs)
	slices.SortFunc(epcis, func(a, b EPCI) int {
		return cmp.Or(cmp.Compare(b.PopulationInDept, a.PopulationInDept), strings.Compare(a.Name, b.Name))
	})
	return epcis
}

// LargestTowns returns the name of the most populous commune of each intercommunality,
// by SIREN.
func (t Territory) LargestTowns() map[string]string {
	largest := map[string]Commune{}
	for _, c := range t.Communes {
		if l, ok := largest[c.EPCISIREN]; !ok || c.Population > l.Population {
			largest[c.EPCISIREN] = c
		}
	}
	names := map[string]string{}
	for siren, c := range largest {
		names[siren] = c.Name
	}
	return names
}

// Shipped returns the territory of département code from the files built into the portal.
func Shipped(code string) (Territory, error) {
	dir, err := fs.Sub(shipped, "data/"+code)
	if err == nil {
		_, err = fs.Stat(dir, "communes.csv")
	}
	if err != nil {
		return Territory{}, fmt.Errorf("no territory data shipped for département %q (generate it with extract-territory.js into internal/territory/data/%s): %w", code, code, err)
	}
	return Read(dir)
}

// Read parses territory.json, epcis.csv and communes.csv from dir.
func Read(dir fs.FS) (Territory, error) {
	sum := sha256.New()
	var t Territory
	meta, err := fs.ReadFile(dir, "territory.json")
	if err != nil {
		return t, err
	}
	sum.Write(meta)
	var m struct {
		Departement struct{ Code, Nom string }
	}
	if err := json.Unmarshal(meta, &m); err != nil {
		return t, fmt.Errorf("territory.json: %w", err)
	}
	t.Code, t.Name, t.Attribution = m.Departement.Code, m.Departement.Nom, Attribution

	epcis, err := readCSV(dir, "epcis.csv", sum)
	if err != nil {
		return t, err
	}
	for _, r := range epcis {
		e := EPCI{SIREN: r["siren"], Name: r["name"], Kind: r["kind"]}
		if err := atoiFields(r, map[string]*int{"population": &e.Population,
			"population_in_dept": &e.PopulationInDept, "commune_count_in_dept": &e.CommuneCountInDept}); err != nil {
			return t, fmt.Errorf("epcis.csv %s: %w", e.SIREN, err)
		}
		t.EPCIs = append(t.EPCIs, e)
	}
	communes, err := readCSV(dir, "communes.csv", sum)
	if err != nil {
		return t, err
	}
	for _, r := range communes {
		c := Commune{INSEE: r["insee"], Name: r["name"], EPCISIREN: r["epci_siren"],
			PostalCodes: strings.Split(r["postal_codes"], "|")}
		if err := atoiFields(r, map[string]*int{"population": &c.Population}); err != nil {
			return t, fmt.Errorf("communes.csv %s: %w", c.INSEE, err)
		}
		t.Communes = append(t.Communes, c)
	}
	if len(t.Communes) == 0 || len(t.EPCIs) == 0 {
		return t, errors.New("territory data holds no commune or no EPCI")
	}
	t.Checksum = hex.EncodeToString(sum.Sum(nil))
	return t, nil
}

// readCSV returns the rows of a CSV file with a header line, each as a map by column name.
func readCSV(dir fs.FS, name string, sum io.Writer) ([]map[string]string, error) {
	b, err := fs.ReadFile(dir, name)
	if err != nil {
		return nil, err
	}
	sum.Write(b)
	records, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("%s: empty file", name)
	}
	header := records[0]
	rows := make([]map[string]string, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := make(map[string]string, len(header))
		for i, col := range header {
			row[col] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func atoiFields(row map[string]string, fields map[string]*int) error {
	for col, dst := range fields {
		n, err := strconv.Atoi(row[col])
		if err != nil {
			return fmt.Errorf("column %s: %w", col, err)
		}
		*dst = n
	}
	return nil
}

// Boundaries returns the shipped GeoJSON boundaries of département code: level is
// "communes" or "epcis".
func Boundaries(code, level string) ([]byte, error) {
	return fs.ReadFile(shipped, "data/"+code+"/"+level+".geojson")
}
