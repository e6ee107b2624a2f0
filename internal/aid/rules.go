package aid

// rules are the coded rules of the national aids, by key. Their amounts come from the
// version in force; their conditions from the sources quoted in each version.
var rules = map[string]func(r *Result, in Input, z Zoning){
	"am_install_zip":     installation(ZoneZIP),
	"am_install_zac":     installation(ZoneZAC),
	"am_secondary_zip":   secondarySurgery,
	"am_fmt_bonus":       treatingDoctorBonus,
	"caim":               legacyContract,
	"coscom":             legacyContract,
	"cstm":               legacyContract,
	"cotram":             legacyContract,
	"cesp":               cesp,
	"junior_doctor_zip":  juniorDoctor,
	"solidarity_mission": solidarityMission,
	"cde":                firstYearGuarantee,
	"zfrr":               ruralTaxExemption,
	"supervisor_bonus":   localRule, // zones from the version; amounts not published
}

// installation is Assurance Maladie's one-off aid for a first installation in a zone
// (since 1 January 2026, not retroactive; paid within three months).
func installation(zone Zone) func(r *Result, in Input, z Zoning) {
	return func(r *Result, in Input, z Zoning) {
		r.Checks = []Check{firstInstallation(in), privatePractice(in), sector(in), zoneCheck(r, in, z, zone), tenYearRule(in)}
		r.Payments = []Payment{{Year: 1, Euros: r.Version.OneOff}}
	}
}

func secondarySurgery(r *Result, in Input, z Zoning) {
	r.Checks = []Check{
		{Key: "check.secondary", State: tri(in.SecondarySurgery),
			Reason: map[bool]string{true: "reason.secondary_yes", false: "reason.secondary_no"}[in.SecondarySurgery]},
		privatePractice(in), zoneCheck(r, in, z, ZoneZIP),
	}
	r.Payments = []Payment{{Year: 1, Euros: r.Version.OneOff}}
}

// treatingDoctorBonus raises the médecin traitant « socle » payment in a ZIP or a QPV:
// +50 % the first year of a first installation there, +30 % the second, +10 % after;
// +10 % for a doctor already there. Nothing in a ZAC.
func treatingDoctorBonus(r *Result, in Input, z Zoning) {
	r.Checks = []Check{privatePractice(in), zoneCheck(r, in, z, ZoneZIP, ZoneQPV)}
	schedule := []int{10, 10, 10, 10, 10}
	if in.FirstInstallation {
		schedule = []int{50, 30, 10, 10, 10}
	}
	for i, pct := range schedule {
		r.Payments = append(r.Payments, Payment{Year: i + 1, Percent: pct, Euros: in.FMTBase * pct / 100})
	}
}

// legacyContract is a 2016 demographic contract: while it was open, a conventioned
// doctor in a ZIP could sign it; its amounts are those of the version.
func legacyContract(r *Result, in Input, z Zoning) {
	r.Checks = []Check{privatePractice(in), zoneCheck(r, in, z, ZoneZIP)}
	if r.Version.OneOff > 0 {
		r.Payments = []Payment{{Year: 1, Euros: r.Version.OneOff}}
	}
}

// cesp is the public-service commitment contract: a monthly allowance from the second
// year of studies to the diploma, against as many years (two at least) in an
// under-served zone, in sector 1.
func cesp(r *Result, in Input, _ Zoning) {
	r.Checks = []Check{situationIs(in, Student, Intern)}
	r.Monthly = r.Version.Monthly
}

// juniorDoctor is the monthly allowance of a junior doctor in general medicine placed in a ZIP.
func juniorDoctor(r *Result, in Input, z Zoning) {
	r.Checks = []Check{situationIs(in, JuniorDoctor), zoneCheck(r, in, z, ZoneZIP)}
	r.Monthly = r.Version.Monthly
}

// solidarityMission pays €200 a day on top of fees, up to two days a month, for
// consultations in a priority intercommunality.
func solidarityMission(r *Result, in Input, z Zoning) {
	r.Checks = []Check{situationIs(in, Settling, Settled), zoneCheck(r, in, z, ZoneZR)}
	for year := 1; year <= 5; year++ {
		r.Payments = append(r.Payments, Payment{Year: year, Euros: r.Version.Daily * 24}) // two days a month
	}
}

// firstYearGuarantee (CDE) is open since 2024 to locums and to students with a locum
// licence only; its amount is not published in the sources used.
func firstYearGuarantee(r *Result, in Input, _ Zoning) {
	r.Checks = []Check{situationIs(in, Locum, Intern)}
}

// ruralTaxExemption exempts the profits of a practice settled in a ZFRR: 100 % five
// years, then 75 %, 50 %, 25 %. Not for micro-BNC, locums and collaborators without
// their own patients, nor transfers from another aided zone.
func ruralTaxExemption(r *Result, in Input, z Zoning) {
	regime := Check{Key: "check.tax_regime", State: Unknown, Reason: "reason.tax_unknown"}
	switch in.TaxRegime {
	case "controlled":
		regime.State, regime.Reason = Yes, "reason.tax_controlled"
	case "micro":
		regime.State, regime.Reason = No, "reason.tax_micro"
	}
	r.Checks = []Check{
		privatePractice(in), zoneCheck(r, in, z, ZoneZFRR), regime,
		{Key: "check.own_patients", State: tri(in.Situation != Locum),
			Reason: map[bool]string{true: "reason.own_patients", false: "reason.locum_no_patients"}[in.Situation != Locum]},
		{Key: "check.no_transfer", State: tri(!in.FromAidedZone),
			Reason: map[bool]string{true: "reason.no_transfer", false: "reason.transfer"}[!in.FromAidedZone]},
	}
	for i, pct := range []int{100, 100, 100, 100, 100, 75, 50, 25} {
		r.Payments = append(r.Payments, Payment{Year: i + 1, Percent: pct})
	}
}

// localRule is the rule of an aid a local authority entered: the zones it names, then
// the conditions written in its text, which an officer checks.
func localRule(r *Result, in Input, z Zoning) {
	if len(r.Version.Zones) > 0 {
		r.Checks = append(r.Checks, zoneCheck(r, in, z, r.Version.Zones...))
	}
	r.Checks = append(r.Checks, Check{Key: "check.local", State: Unknown, Reason: "reason.local"})
	if r.Version.OneOff > 0 {
		r.Payments = []Payment{{Year: 1, Euros: r.Version.OneOff}}
	}
	r.Monthly = r.Version.Monthly
}
