package aid_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/aid"
)

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// zoning: Agen (47001) ZIP, Nérac (47195) ZAC, Marmande (47157) in neither, Villeneuve-sur-Lot
// (47323) in a QPV; ZFRR and priority zones known for Fumel (47106).
var zoning = aid.Zoning{
	Imports: map[aid.Zone]aid.Import{
		aid.ZoneZIP: {Reference: "arrêté test"}, aid.ZoneZAC: {Reference: "arrêté test"},
		aid.ZoneQPV: {Reference: "liste test"}, aid.ZoneZFRR: {Reference: "liste test"}, aid.ZoneZR: {Reference: "liste test"},
	},
	Of: map[string][]aid.Zone{
		"47001": {aid.ZoneZIP}, "47195": {aid.ZoneZAC}, "47323": {aid.ZoneQPV},
		"47106": {aid.ZoneZIP, aid.ZoneZFRR, aid.ZoneZR},
	},
}

func settling(commune, on string) aid.Input {
	return aid.Input{Situation: aid.Settling, Commune: commune, Mode: "liberal", Sector: "1", FirstInstallation: true,
		SettleOn: day(on), TaxRegime: "controlled"}
}

func result(t *testing.T, in aid.Input, z aid.Zoning, key string) aid.Result {
	t.Helper()
	for _, r := range aid.Simulate(in, aid.National, z) {
		if r.Version.Key == key {
			return r
		}
	}
	t.Fatalf("no result for %s", key)
	return aid.Result{}
}

func TestInstallationAidByZone(t *testing.T) {
	cases := []struct {
		name     string
		commune  string
		zip, zac aid.Status
	}{
		{"ZIP", "47001", aid.Eligible, aid.Ineligible},
		{"ZAC", "47195", aid.Ineligible, aid.Eligible},
		{"neither", "47157", aid.Ineligible, aid.Ineligible},
	}
	for _, c := range cases {
		in := settling(c.commune, "2026-03-02")
		zip, zac := result(t, in, zoning, "am_install_zip"), result(t, in, zoning, "am_install_zac")
		if zip.Status != c.zip || zac.Status != c.zac {
			t.Errorf("%s: ZIP aid %s, ZAC aid %s; want %s, %s", c.name, zip.Status, zac.Status, c.zip, c.zac)
		}
	}
	if r := result(t, settling("47001", "2026-03-02"), zoning, "am_install_zip"); r.Total != 10000 {
		t.Errorf("ZIP aid total %d, want 10000", r.Total)
	}
	if r := result(t, settling("47195", "2026-03-02"), zoning, "am_install_zac"); r.Total != 5000 {
		t.Errorf("ZAC aid total %d, want 5000", r.Total)
	}
}

func TestInstallationAidConditions(t *testing.T) {
	cases := []struct {
		name   string
		change func(*aid.Input)
		want   aid.Status
	}{
		{"sector 2 with OPTAM", func(in *aid.Input) { in.Sector = "2-optam" }, aid.Eligible},
		{"sector 2 without OPTAM", func(in *aid.Input) { in.Sector = "2" }, aid.Ineligible},
		{"salaried", func(in *aid.Input) { in.Mode = "salaried" }, aid.Ineligible},
		{"not a first installation", func(in *aid.Input) { in.FirstInstallation = false }, aid.Ineligible},
		{"sector unknown", func(in *aid.Input) { in.Sector = "" }, aid.Possible},
		{"no commune", func(in *aid.Input) { in.Commune = "" }, aid.Possible},
	}
	for _, c := range cases {
		in := settling("47001", "2026-03-02")
		c.change(&in)
		if got := result(t, in, zoning, "am_install_zip").Status; got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestTenYearRuleCountsFromTheEarlierAid(t *testing.T) {
	cases := []struct {
		received string
		want     aid.Status
	}{
		{"2016-03-03", aid.Ineligible}, // ten years end the day after settling
		{"2016-03-02", aid.Eligible},   // exactly ten years before: free again
		{"2012-05-01", aid.Eligible},
		{"2027-01-01", aid.Eligible}, // after settling: does not count
	}
	for _, c := range cases {
		in := settling("47001", "2026-03-02")
		in.Received = []aid.Received{{On: day(c.received)}}
		if got := result(t, in, zoning, "am_install_zip").Status; got != c.want {
			t.Errorf("aid received %s: %s, want %s", c.received, got, c.want)
		}
	}
}

func TestNoRetroactivityBefore2026AndClosedContracts(t *testing.T) {
	r := result(t, settling("47001", "2025-11-15"), zoning, "am_install_zip")
	if r.Status != aid.Ineligible || r.NotOpen != "aid.not_yet" || !r.OpenOn.Equal(day("2026-01-01")) {
		t.Errorf("2025 installation: %s %s %v, want not yet open until 2026-01-01", r.Status, r.NotOpen, r.OpenOn)
	}
	r = result(t, settling("47001", "2026-03-02"), zoning, "caim")
	if r.Status != aid.Ineligible || r.NotOpen != "aid.closed" {
		t.Errorf("CAIM in 2026: %s %s, want closed", r.Status, r.NotOpen)
	}
	r = result(t, settling("47001", "2025-06-01"), zoning, "caim")
	if r.Status != aid.Eligible || r.Total != 50000 {
		t.Errorf("CAIM in June 2025 in a ZIP: %s, total %d; want eligible, 50000", r.Status, r.Total)
	}
}

func TestTreatingDoctorBonusSchedule(t *testing.T) {
	cases := []struct {
		name    string
		commune string
		first   bool
		want    aid.Status
		pct     []int
	}{
		{"first installation in a ZIP", "47001", true, aid.Eligible, []int{50, 30, 10, 10, 10}},
		{"already there, in a QPV", "47323", false, aid.Eligible, []int{10, 10, 10, 10, 10}},
		{"in a ZAC", "47195", true, aid.Ineligible, nil},
	}
	for _, c := range cases {
		in := settling(c.commune, "2026-03-02")
		in.FirstInstallation, in.FMTBase = c.first, 10000
		r := result(t, in, zoning, "am_fmt_bonus")
		if r.Status != c.want {
			t.Errorf("%s: %s, want %s", c.name, r.Status, c.want)
			continue
		}
		for i, pct := range c.pct {
			if r.Payments[i].Percent != pct || r.Payments[i].Euros != 10000*pct/100 {
				t.Errorf("%s year %d: %+v, want %d %%", c.name, i+1, r.Payments[i], pct)
			}
		}
	}
	in := settling("47001", "2026-03-02")
	in.FMTBase = 10000
	if r := result(t, in, zoning, "am_fmt_bonus"); r.Total != 5000+3000+1000+1000+1000 {
		t.Errorf("five-year total %d, want 11000", r.Total)
	}
}

func TestUnknownZoneIsNeverGuessed(t *testing.T) {
	none := aid.Zoning{}
	for _, key := range []string{"am_install_zip", "am_install_zac", "am_fmt_bonus", "zfrr"} {
		r := result(t, settling("47001", "2026-03-02"), none, key)
		if r.Status != aid.Possible {
			t.Errorf("%s without zoning: %s, want possible", key, r.Status)
		}
	}
}

func TestStudentsJuniorDoctorsAndTax(t *testing.T) {
	student := aid.Input{Situation: aid.Student, SettleOn: day("2026-09-01")}
	if r := result(t, student, zoning, "cesp"); r.Status != aid.Eligible || r.Monthly != 1200 {
		t.Errorf("CESP for a student: %s, %d a month", r.Status, r.Monthly)
	}
	junior := aid.Input{Situation: aid.JuniorDoctor, Commune: "47001", SettleOn: day("2026-10-15")}
	if r := result(t, junior, zoning, "junior_doctor_zip"); r.NotOpen != "aid.not_yet" {
		t.Errorf("junior doctor in October 2026: %s %s, want not yet (November)", r.Status, r.NotOpen)
	}
	junior.SettleOn = day("2026-11-02")
	if r := result(t, junior, zoning, "junior_doctor_zip"); r.Status != aid.Eligible || r.Monthly != 1000 {
		t.Errorf("junior doctor in a ZIP in November 2026: %s", r.Status)
	}
	in := settling("47106", "2026-03-02")
	r := result(t, in, zoning, "zfrr")
	if r.Status != aid.Eligible || r.Payments[5].Percent != 75 || r.Payments[7].Percent != 25 {
		t.Errorf("ZFRR: %s %+v", r.Status, r.Payments)
	}
	in.TaxRegime = "micro"
	if r := result(t, in, zoning, "zfrr"); r.Status != aid.Ineligible {
		t.Errorf("ZFRR under micro-BNC: %s", r.Status)
	}
	in = settling("47106", "2026-03-02")
	in.FromAidedZone = true
	if r := result(t, in, zoning, "zfrr"); r.Status != aid.Ineligible {
		t.Errorf("ZFRR after a transfer from an aided zone: %s", r.Status)
	}
	if r := result(t, settling("47106", "2026-03-02"), zoning, "solidarity_mission"); r.Status != aid.Eligible || r.Total != 200*24*5 {
		t.Errorf("solidarity mission: %s, total %d", r.Status, r.Total)
	}
}

func TestSituationChoosesTheAidsShown(t *testing.T) {
	for _, r := range aid.Simulate(aid.Input{Situation: aid.Student, SettleOn: day("2026-09-01")}, aid.National, zoning) {
		if r.Version.Key == "am_install_zip" {
			t.Error("a student is shown the installation aid")
		}
	}
}

func TestParseZoning(t *testing.T) {
	file := "commune;zone;reference;date\n47001;ZIP;Arrêté ARS NA du 30/12/2025;30/12/2025\n47195;zac;Arrêté ARS NA du 30/12/2025;2025-12-30\n" +
		"33063;ZIP;Arrêté;2025-12-30\n47001;ZZZ;Arrêté;2025-12-30\n47001;ZIP;Arrêté;demain\n47001;ZIP\n"
	known := func(insee string) bool { return insee[:2] == "47" }
	rows, bad, err := aid.ParseZoning(strings.NewReader(file), known)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1].Zone != aid.ZoneZAC || !rows[0].Date.Equal(day("2025-12-30")) {
		t.Errorf("rows %+v", rows)
	}
	want := []string{"zoning.error.commune", "zoning.error.zone", "zoning.error.date", "zoning.error.columns"}
	if len(bad) != len(want) {
		t.Fatalf("bad rows %+v", bad)
	}
	for i, w := range want {
		if bad[i].Reason != w || bad[i].Line != i+4 {
			t.Errorf("bad row %d: %+v, want %s on line %d", i, bad[i], w, i+4)
		}
	}
}
