// Package routing decides which queue of case officers a request goes to, by ordered
// rules that supervisors edit, and which officer of the queue gets it.
package routing

import (
	"cmp"
	"slices"
)

// Rule sends the requests it matches to a queue. Every condition that lists values must
// hold (any of its values will do); a condition with no value always holds.
type Rule struct {
	ID         int64
	Position   int // rules are tried by increasing position; the first match wins
	Name       string
	QueueID    int64
	QueueName  string
	Audiences  []string
	Needs      []string // any need of the request
	Situations []string
	EPCIs      []string // any intercommunality the applicant targets
	Enabled    bool
}

// Subject is what routing looks at in a request.
type Subject struct {
	Audience  string
	Needs     []string
	Situation string
	EPCIs     []string // targeted intercommunalities, including those of targeted communes
}

// Matches reports whether the rule applies to s.
func (r Rule) Matches(s Subject) bool {
	return r.Enabled &&
		anyOf(r.Audiences, s.Audience) &&
		anyOf(r.Situations, s.Situation) &&
		overlaps(r.Needs, s.Needs) &&
		overlaps(r.EPCIs, s.EPCIs)
}

// Choose returns the first rule, by position, that matches s; false means the default
// queue takes the request.
func Choose(rules []Rule, s Subject) (Rule, bool) {
	sorted := slices.Clone(rules)
	slices.SortStableFunc(sorted, func(a, b Rule) int { return cmp.Compare(a.Position, b.Position) })
	for _, r := range sorted {
		if r.Matches(s) {
			return r, true
		}
	}
	return Rule{}, false
}

func anyOf(allowed []string, v string) bool {
	return len(allowed) == 0 || slices.Contains(allowed, v)
}

func overlaps(allowed, values []string) bool {
	if len(allowed) == 0 {
		return true
	}
	for _, v := range values {
		if slices.Contains(allowed, v) {
			return true
		}
	}
	return false
}

// Policy is how a queue hands its new requests to its officers.
type Policy string

const (
	PolicyClaim       Policy = "claim"        // nobody is assigned: an officer claims the request
	PolicyRoundRobin  Policy = "round_robin"  // each officer in turn
	PolicyLeastLoaded Policy = "least_loaded" // the officer with the fewest open requests
)

// Policies lists every policy.
var Policies = []Policy{PolicyClaim, PolicyRoundRobin, PolicyLeastLoaded}

// Member is an officer of a queue, with their current load.
type Member struct {
	StaffID      int64
	OpenRequests int
}

// Assign picks the officer who gets a new request, or false when nobody should be
// assigned (claim policy, or a queue without members). lastAssigned is the officer the
// queue gave its previous request to, for round-robin.
func Assign(p Policy, members []Member, lastAssigned int64) (int64, bool) {
	if len(members) == 0 {
		return 0, false
	}
	sorted := slices.Clone(members)
	slices.SortFunc(sorted, func(a, b Member) int { return cmp.Compare(a.StaffID, b.StaffID) })
	switch p {
	case PolicyRoundRobin:
		for _, m := range sorted {
			if m.StaffID > lastAssigned {
				return m.StaffID, true
			}
		}
		return sorted[0].StaffID, true
	case PolicyLeastLoaded:
		best := sorted[0]
		for _, m := range sorted[1:] {
			if m.OpenRequests < best.OpenRequests {
				best = m
			}
		}
		return best.StaffID, true
	}
	return 0, false
}
