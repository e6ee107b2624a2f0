package routing_test

import (
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
)

func TestFirstMatchingRuleWinsAndDisabledRulesAreSkipped(t *testing.T) {
	rules := []routing.Rule{
		{ID: 3, Position: 30, Name: "doctors", Audiences: []string{"doctor"}, Enabled: true},
		{ID: 1, Position: 10, Name: "agen doctors", Audiences: []string{"doctor"}, EPCIs: []string{"200096956"}, Enabled: true},
		{ID: 2, Position: 20, Name: "off", Audiences: []string{"doctor"}, Enabled: false},
		{ID: 4, Position: 40, Name: "housing", Needs: []string{"housing", "trainee_housing"}, Enabled: true},
	}
	cases := []struct {
		name    string
		subject routing.Subject
		want    int64 // 0: default queue
	}{
		{"doctor targeting Agen", routing.Subject{Audience: "doctor", EPCIs: []string{"200030674", "200096956"}}, 1},
		{"doctor elsewhere", routing.Subject{Audience: "doctor", EPCIs: []string{"200030674"}}, 3},
		{"doctor open to anywhere", routing.Subject{Audience: "doctor"}, 3},
		{"student needing housing", routing.Subject{Audience: "student", Needs: []string{"internship", "trainee_housing"}}, 4},
		{"pupil", routing.Subject{Audience: "highschool", Needs: []string{"studies_question"}}, 0},
	}
	for _, c := range cases {
		got, ok := routing.Choose(rules, c.subject)
		if (c.want == 0 && ok) || got.ID != c.want {
			t.Errorf("%s: rule %d (matched %v), want %d", c.name, got.ID, ok, c.want)
		}
	}
}

func TestAssignmentPolicies(t *testing.T) {
	members := []routing.Member{{StaffID: 7, OpenRequests: 4}, {StaffID: 3, OpenRequests: 2}, {StaffID: 5, OpenRequests: 2}}
	cases := []struct {
		policy routing.Policy
		last   int64
		want   int64
		ok     bool
	}{
		{routing.PolicyClaim, 0, 0, false},
		{routing.PolicyRoundRobin, 0, 3, true},
		{routing.PolicyRoundRobin, 3, 5, true},
		{routing.PolicyRoundRobin, 5, 7, true},
		{routing.PolicyRoundRobin, 7, 3, true},
		{routing.PolicyLeastLoaded, 0, 3, true},
	}
	for _, c := range cases {
		got, ok := routing.Assign(c.policy, members, c.last)
		if got != c.want || ok != c.ok {
			t.Errorf("%s after %d: %d %v, want %d %v", c.policy, c.last, got, ok, c.want, c.ok)
		}
	}
	if _, ok := routing.Assign(routing.PolicyRoundRobin, nil, 0); ok {
		t.Error("a queue without members assigned someone")
	}
}
