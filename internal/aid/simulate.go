package aid

import (
	"slices"
	"time"
)

// Input is what the simulator asks.
type Input struct {
	Situation         Situation
	Commune           string // INSEE code of the commune of practice (or of placement)
	Mode              string // liberal, salaried, mixed
	Sector            string // 1, 2-optam, 2
	FirstInstallation bool
	SecondarySurgery  bool // opening a secondary surgery
	SettleOn          time.Time
	Received          []Received // installation aids already received
	TaxRegime         string     // controlled, micro, unknown
	FromAidedZone     bool       // moving from another zone with a tax exemption
	FMTBase           int        // the médecin traitant « socle » payment, euros a year, 0 if unknown
}

// Received is an installation aid already received, from Assurance Maladie or a local
// authority: the ten-year rule counts from its date.
type Received struct {
	On time.Time
}

// Status is what the simulator concludes for one aid.
type Status string

// The conclusions.
const (
	Eligible   Status = "eligible"   // every condition is met
	Possible   Status = "possible"   // none fails, but some are unknown
	Ineligible Status = "ineligible" // a condition fails, or the aid is not open on that date
)

// Check is one condition of an aid for this person, with the reason for its state.
type Check struct {
	Key    string // catalog key of the condition
	State  Tri
	Reason string // catalog key of why
	Args   []any  // name, value pairs for both texts
}

// Payment is what an aid gives in one year after settling.
type Payment struct {
	Year    int // 1 for the first year
	Euros   int // 0 when the amount depends on what is unknown
	Percent int // for bonuses and exemptions
}

// Result is one aid's outcome for the person.
type Result struct {
	Version  Version
	Status   Status
	Checks   []Check
	Payments []Payment
	Total    int      // euros over the first five years, when known
	Monthly  int      // euros a month, for allowances
	Zonings  []Import // the zoning files the result relies on
	NotOpen  string   // catalog key when no version applies on the date
	OpenOn   *time.Time
}

// TenYears is the wait between two installation aids of the same category (décret
// 2025-231).
const TenYears = 10

// Simulate evaluates every aid of the catalogue for in, on the day they settle: the
// version in force that day, each condition with its reason, and the amounts over time.
func Simulate(in Input, catalogue []Version, z Zoning) []Result {
	var results []Result
	for _, key := range keysInOrder(catalogue) {
		versions := versionsOf(catalogue, key)
		if !slices.ContainsFunc(versions, func(v Version) bool { return slices.Contains(v.Audiences, in.Situation) }) {
			continue
		}
		results = append(results, evaluate(in, versions, z))
	}
	return results
}

func keysInOrder(catalogue []Version) []string {
	var keys []string
	for _, v := range catalogue {
		if !slices.Contains(keys, v.Key) {
			keys = append(keys, v.Key)
		}
	}
	return keys
}

func versionsOf(catalogue []Version, key string) []Version {
	var out []Version
	for _, v := range catalogue {
		if v.Key == key {
			out = append(out, v)
		}
	}
	return out
}

func evaluate(in Input, versions []Version, z Zoning) Result {
	var current *Version
	for i := range versions {
		if versions[i].InForce(in.SettleOn) {
			current = &versions[i]
		}
	}
	if current == nil {
		return notOpen(in.SettleOn, versions)
	}
	r := Result{Version: *current}
	rule, ok := rules[current.Key]
	if !ok {
		rule = localRule
	}
	rule(&r, in, z)
	r.Status = conclude(r.Checks)
	for _, p := range r.Payments {
		if p.Year <= 5 {
			r.Total += p.Euros
		}
	}
	return r
}

// notOpen explains why no version applies on the day: closed since, or not yet open.
func notOpen(day time.Time, versions []Version) Result {
	latest := versions[len(versions)-1]
	r := Result{Version: latest, Status: Ineligible}
	switch {
	case day.Before(versions[0].ValidFrom):
		r.NotOpen, r.OpenOn = "aid.not_yet", &versions[0].ValidFrom
	case latest.ValidTo != nil:
		r.NotOpen, r.OpenOn = "aid.closed", latest.ValidTo
	}
	return r
}

func conclude(checks []Check) Status {
	status := Eligible
	for _, c := range checks {
		switch c.State {
		case No:
			return Ineligible
		case Unknown:
			status = Possible
		}
	}
	return status
}

// zoneCheck is the condition that the commune lies in one of kinds, noting the zonings
// used; it is unknown while a kind's zoning was never imported.
func zoneCheck(r *Result, in Input, z Zoning, kinds ...Zone) Check {
	state := No
	for _, k := range kinds {
		if imp, ok := z.Imports[k]; ok && !slices.Contains(r.Zonings, imp) {
			r.Zonings = append(r.Zonings, imp)
		}
		switch z.In(in.Commune, k) {
		case Yes:
			state = Yes
		case Unknown:
			if state == No {
				state = Unknown
			}
		}
	}
	if in.Commune == "" {
		state = Unknown
	}
	reason := map[Tri]string{Yes: "reason.zone_in", No: "reason.zone_out", Unknown: "reason.zone_unknown"}[state]
	return Check{Key: "check.zone", State: state, Reason: reason, Args: []any{"Zones", zoneList(kinds)}}
}

func zoneList(kinds []Zone) string {
	s := ""
	for i, k := range kinds {
		if i > 0 {
			s += " / "
		}
		s += string(k)
	}
	return s
}

// tenYearRule: no installation aid of the same category in the ten years before settling.
func tenYearRule(in Input) Check {
	for _, got := range in.Received {
		until := got.On.AddDate(TenYears, 0, 0)
		if !got.On.After(in.SettleOn) && in.SettleOn.Before(until) {
			return Check{Key: "check.ten_years", State: No, Reason: "reason.ten_years_wait",
				Args: []any{"Received", got.On, "Until", until}}
		}
	}
	return Check{Key: "check.ten_years", State: Yes, Reason: "reason.ten_years_none"}
}

func privatePractice(in Input) Check {
	switch in.Mode {
	case "liberal", "mixed":
		return Check{Key: "check.private", State: Yes, Reason: "reason.mode_private"}
	case "salaried":
		return Check{Key: "check.private", State: No, Reason: "reason.mode_salaried"}
	}
	return Check{Key: "check.private", State: Unknown, Reason: "reason.mode_unknown"}
}

func firstInstallation(in Input) Check {
	return Check{Key: "check.first_installation", State: tri(in.FirstInstallation),
		Reason: map[bool]string{true: "reason.first_yes", false: "reason.first_no"}[in.FirstInstallation]}
}

func sector(in Input) Check {
	switch in.Sector {
	case "1", "2-optam":
		return Check{Key: "check.sector", State: Yes, Reason: "reason.sector_" + in.Sector}
	case "2":
		return Check{Key: "check.sector", State: No, Reason: "reason.sector_2"}
	}
	return Check{Key: "check.sector", State: Unknown, Reason: "reason.sector_unknown"}
}

func situationIs(in Input, allowed ...Situation) Check {
	return Check{Key: "check.situation", State: tri(slices.Contains(allowed, in.Situation)),
		Reason: "reason.situation", Args: []any{"Situation", in.Situation}}
}
