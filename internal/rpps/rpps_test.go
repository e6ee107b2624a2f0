package rpps_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/rpps"
)

type territory struct{}

func (territory) HasCommune(insee string) bool { return strings.HasPrefix(insee, "47") }
func (territory) CommunesByPostalCode(code string) []string {
	switch code {
	case "47000":
		return []string{"47001"}
	case "47210":
		return []string{"47013", "47076"}
	}
	return nil
}

var header = strings.Join(rpps.Header, "|") + "|"

func row(id, job, skill, mode, postcode, commune string) string {
	return rpps.Row(id, job, skill, mode, postcode, commune)
}

func read(t *testing.T, lines ...string) ([]rpps.Practice, rpps.Report, error) {
	t.Helper()
	return rpps.Read(strings.NewReader(strings.Join(lines, "\n")+"\n"), territory{})
}

func TestKeepsTheGPsOfTheDepartementOncePerCommuneAndMode(t *testing.T) {
	got, report, err := read(t, header,
		row("810001", "10", "SM54", "L", "47000", "47001"),
		row("810001", "10", "SM54", "L", "47000", "47001"), // the same doctor at a second site of the same commune
		row("810001", "10", "SM54", "S", "47300", "47323"), // and salaried elsewhere
		row("810002", "10", "SM26", "L", "47000", ""),      // no commune code: the postal code tells
		row("810003", "10", "SM53", "L", "47210", ""),      // a postal code of several communes
		row("810004", "10", "SM02", "L", "47000", "47001"), // another specialty
		row("810005", "21", "", "L", "47000", "47001"),     // a pharmacist
		row("810006", "10", "SM54", "L", "33000", "33063"), // Gironde
		"trop|court|",
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("practices %+v, want 3", got)
	}
	if got[2].Commune != "47001" || got[0].Practitioner != got[1].Practitioner || got[0].Practitioner == got[2].Practitioner {
		t.Errorf("practices %+v", got)
	}
	if strings.Contains(got[0].Practitioner, "810001") {
		t.Error("the RPPS number is kept as is")
	}
	want := map[string]int{"not_gp": 1, "other_profession": 1, "other_departement": 1, "ambiguous_postcode": 1, "malformed": 1}
	for reason, n := range want {
		if report.Rejected[reason] != n {
			t.Errorf("rejected %s = %d, want %d (%v)", reason, report.Rejected[reason], n, report.Rejected)
		}
	}
	if report.Read != 9 || report.Kept != 4 {
		t.Errorf("read %d kept %d, want 9 and 4", report.Read, report.Kept)
	}
}

func TestHeaderVariantsAreFound(t *testing.T) {
	variant := strings.NewReplacer("Code mode exercice", "CODE MODE D'EXERCICE", "Code savoir-faire", "code savoir faire",
		"Identification nationale PP", "Identification Nationale PP").Replace(header)
	got, _, err := read(t, "\ufeff"+variant, row("810001", "10", "SM54", "L", "47000", "47001"))
	if err != nil || len(got) != 1 {
		t.Fatalf("variant header: %v %+v", err, got)
	}
	// Older extracts stop at column 51: fewer columns, same names.
	short := strings.Join(strings.Split(header, "|")[:52], "|") + "|"
	f := strings.Split(row("810001", "10", "SM54", "L", "47000", "47001"), "|")[:52]
	if got, _, err := read(t, short, strings.Join(f, "|")+"|"); err != nil || len(got) != 1 {
		t.Fatalf("52-column extract: %v %+v", err, got)
	}
}

func TestMissingColumnFailsLoudly(t *testing.T) {
	noSkill := strings.Replace(header, "Code savoir-faire", "Code qualification", 1)
	_, _, err := read(t, noSkill, row("810001", "10", "SM54", "L", "47000", "47001"))
	if !errors.Is(err, rpps.ErrMissingColumn) || !strings.Contains(err.Error(), "code savoir faire") {
		t.Errorf("err = %v, want the missing column named", err)
	}
}

func TestTruncatedFileFails(t *testing.T) {
	full := header + "\n" + row("810001", "10", "SM54", "L", "47000", "47001") + "\n"
	cut := full + row("810002", "10", "SM54", "L", "47000", "47001")[:40]
	if _, _, err := rpps.Read(strings.NewReader(cut), territory{}); !errors.Is(err, rpps.ErrTruncated) {
		t.Errorf("err = %v, want truncated", err)
	}
	if _, _, err := rpps.Read(strings.NewReader(header), territory{}); !errors.Is(err, rpps.ErrTruncated) {
		t.Errorf("header only without end: err = %v, want truncated", err)
	}
	// The last row without its line end, but whole, is fine.
	got, _, err := rpps.Read(strings.NewReader(full+row("810002", "10", "SM54", "L", "47000", "47001")), territory{})
	if err != nil || !slices.ContainsFunc(got, func(p rpps.Practice) bool { return p.Commune == "47001" }) || len(got) != 2 {
		t.Errorf("whole last row without end: %v %+v", err, got)
	}
}

func TestDateOfTheFileName(t *testing.T) {
	d, ok := rpps.DateOf("PS_LibreAcces_Personne_activite_202511140904.txt")
	if !ok || d.Format("2006-01-02") != "2025-11-14" {
		t.Errorf("date %v %v", d, ok)
	}
}

func TestSyntheticExtractIsReadLikeARealOne(t *testing.T) {
	var b strings.Builder
	if err := rpps.WriteSynthetic(&b, 20000, []string{"47001", "47323"}, 1); err != nil {
		t.Fatal(err)
	}
	got, report, err := rpps.Read(strings.NewReader(b.String()), territory{})
	if err != nil {
		t.Fatal(err)
	}
	if report.Read != 20000 || report.Kept == 0 || len(got) == 0 || report.Rejected["other_departement"] == 0 {
		t.Errorf("read %d, kept %d, practices %d, rejected %v", report.Read, report.Kept, len(got), report.Rejected)
	}
}
