package aid

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Tri is a condition's state: met, not met, or unknown for lack of data.
type Tri int

// The states of a condition.
const (
	Unknown Tri = iota
	Yes
	No
)

func tri(b bool) Tri {
	if b {
		return Yes
	}
	return No
}

// Import is the file a zoning kind comes from: its legal reference is shown beside every
// result that uses it.
type Import struct {
	Zone       Zone
	Reference  string // e.g. « arrêté ARS Nouvelle-Aquitaine du 30/12/2025 »
	Date       time.Time
	Fictitious bool // demonstration zoning, labelled as such wherever it is used
}

// Zoning tells which zones a commune is in, for the kinds that were imported.
type Zoning struct {
	Imports map[Zone]Import
	Of      map[string][]Zone // by commune INSEE code
}

// In says whether commune insee is in a zone of kind, or Unknown when that kind of
// zoning was never imported: the simulator never guesses.
func (z Zoning) In(insee string, kind Zone) Tri {
	if _, ok := z.Imports[kind]; !ok {
		return Unknown
	}
	return tri(slices.Contains(z.Of[insee], kind))
}

// ZoningRow is one line of a zoning file.
type ZoningRow struct {
	Line      int
	Commune   string
	Zone      Zone
	Reference string
	Date      time.Time
}

// RowError says why a line of a zoning file was refused.
type RowError struct {
	Line   int
	Reason string // catalog key
	Value  string
}

// ParseZoning reads a zoning file: one commune per line, `commune,zone,reference,date`
// (INSEE code, ZIP/ZAC/QPV/ZFRR/ZR, the legal reference, the date as 2026-02-03 or
// 03/02/2026), with or without a header line, separated by commas or semicolons. Lines
// that cannot be read are returned with their reason; communes outside the territory are
// refused by known.
func ParseZoning(r io.Reader, known func(insee string) bool) ([]ZoningRow, []RowError, error) {
	data, err := io.ReadAll(io.LimitReader(r, 5<<20))
	if err != nil {
		return nil, nil, err
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	sep := ','
	if first, _, _ := strings.Cut(text, "\n"); strings.Count(first, ";") > strings.Count(first, ",") {
		sep = ';'
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma, cr.FieldsPerRecord, cr.TrimLeadingSpace = sep, -1, true
	var rows []ZoningRow
	var bad []RowError
	seen := map[ZoningRow]int{}
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			bad = append(bad, RowError{Line: line, Reason: "zoning.error.unreadable"})
			continue
		}
		if line == 1 && len(rec) > 0 && !startsWithDigit(rec[0]) {
			continue // header
		}
		row, reason, value := parseZoningRow(line, rec, known)
		key := ZoningRow{Commune: row.Commune, Zone: row.Zone}
		if first, dup := seen[key]; dup && reason == "" {
			reason, value = "zoning.error.duplicate", fmt.Sprint(first)
		}
		if reason != "" {
			bad = append(bad, RowError{Line: line, Reason: reason, Value: value})
			continue
		}
		seen[key] = line
		rows = append(rows, row)
	}
	if len(rows) == 0 && len(bad) == 0 {
		return nil, nil, errors.New("empty zoning file")
	}
	return rows, bad, nil
}

func parseZoningRow(line int, rec []string, known func(string) bool) (ZoningRow, string, string) {
	if len(rec) < 4 {
		return ZoningRow{}, "zoning.error.columns", fmt.Sprint(len(rec))
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	row := ZoningRow{Line: line, Commune: rec[0], Zone: Zone(strings.ToUpper(rec[1])), Reference: rec[2]}
	if !known(row.Commune) {
		return row, "zoning.error.commune", row.Commune
	}
	if !slices.Contains(Zones, row.Zone) {
		return row, "zoning.error.zone", rec[1]
	}
	if row.Reference == "" || len(row.Reference) > 300 {
		return row, "zoning.error.reference", ""
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if d, err := time.Parse(layout, rec[3]); err == nil {
			row.Date = d
			return row, "", ""
		}
	}
	return row, "zoning.error.date", rec[3]
}

func startsWithDigit(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && (s[0] >= '0' && s[0] <= '9')
}
