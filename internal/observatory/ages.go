package observatory

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
)

// AgeRow is one line of an ages file: a commune's GPs in an age band.
type AgeRow struct {
	Commune string
	Band    string
	Count   int
}

// ParseAges reads an ages file: `commune;tranche;effectif` (INSEE code, one of AgeBands,
// a count), with or without a header, separated by semicolons or commas. Lines of other
// départements are left out by keep; a line that cannot be read fails the whole file.
func ParseAges(r io.Reader, keep func(insee string) bool) ([]AgeRow, error) {
	data, err := io.ReadAll(io.LimitReader(r, 20<<20))
	if err != nil {
		return nil, err
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord, cr.TrimLeadingSpace = -1, true
	if first, _, _ := strings.Cut(text, "\n"); strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	var rows []AgeRow
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || len(rec) < 3 {
			return nil, lineError(line, "three columns: commune, tranche, effectif")
		}
		n, err := strconv.Atoi(strings.TrimSpace(rec[2]))
		if line == 1 && err != nil {
			continue // header
		}
		band := strings.ReplaceAll(strings.TrimSpace(rec[1]), " ", "")
		if err != nil || n < 0 {
			return nil, lineError(line, "a count of doctors")
		}
		if !slices.Contains(AgeBands, band) {
			return nil, lineError(line, "an age band among <40, 40-49, 50-59, 60-64, 65-69, 70+")
		}
		if commune := strings.TrimSpace(rec[0]); keep(commune) {
			rows = append(rows, AgeRow{Commune: commune, Band: band, Count: n})
		}
	}
	if len(rows) == 0 {
		return nil, errors.New("no line of the département")
	}
	return rows, nil
}

func lineError(line int, want string) error {
	return errors.New("line " + strconv.Itoa(line) + ": expected " + want)
}
