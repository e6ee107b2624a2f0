// Package finess reads the FINESS extract of health establishments (data.gouv.fr,
// « FINESS Extraction du Fichier des établissements », `;`-separated) and keeps the
// maisons de santé pluriprofessionnelles (category 603) and centres de santé (124) of a
// département.
package finess

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Categories the portal keeps.
const (
	CategoryMSP = "603" // Maison de santé (L.6223-3)
	CategoryCDS = "124" // Centre de santé
)

// Structure is a maison or centre de santé.
type Structure struct {
	FINESS   string
	Name     string
	Category string
	Commune  string // INSEE code
	Address  string
	Phone    string
}

// Positions of the « structureet » rows' fields (1-based in the format's notice).
const (
	fSection    = 0
	fNumber     = 1
	fName       = 3
	fLongName   = 4
	fNumVoie    = 7
	fTypeVoie   = 8
	fVoie       = 9
	fCommune    = 12 // three digits, within the département
	fDept       = 13
	fPostalLine = 15 // « 47000 AGEN »
	fPhone      = 16
	fCategory   = 18
	minFields   = 22
)

// ErrFormat says the file is not a FINESS establishments extract.
var ErrFormat = errors.New("not a FINESS establishments extract")

// Read streams the extract and returns the département's MSP and CDS, with the number
// of establishment rows read.
func Read(r io.Reader, departement string) ([]Structure, int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var out []Structure
	read := 0
	for sc.Scan() {
		f := strings.Split(strings.TrimRight(sc.Text(), "\r"), ";")
		if f[fSection] != "structureet" {
			continue // the header line, geolocation rows
		}
		read++
		if len(f) < minFields {
			return nil, read, fmt.Errorf("%w: an establishment row has %d fields, at least %d expected", ErrFormat, len(f), minFields)
		}
		if f[fDept] != departement || (f[fCategory] != CategoryMSP && f[fCategory] != CategoryCDS) {
			continue
		}
		name := f[fLongName]
		if name == "" {
			name = f[fName]
		}
		address := strings.Join(strings.Fields(f[fNumVoie]+" "+f[fTypeVoie]+" "+f[fVoie]), " ")
		out = append(out, Structure{FINESS: f[fNumber], Name: name, Category: f[fCategory],
			Commune: departement + f[fCommune], Address: strings.TrimSpace(address + ", " + f[fPostalLine]), Phone: f[fPhone]})
	}
	if err := sc.Err(); err != nil {
		return nil, read, err
	}
	if read == 0 {
		return nil, 0, fmt.Errorf("%w: no « structureet » row", ErrFormat)
	}
	return out, read, nil
}
