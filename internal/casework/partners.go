package casework

import (
	"slices"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Partner is a body the one-stop shop refers needs to.
type Partner struct {
	ID      int64
	Name    string
	Kind    string
	Email   string
	Phone   string
	Address string
	Needs   []string // the needs it can take
}

// PartnerKinds are the kinds of partners of the network.
var PartnerKinds = []string{"ars", "cpam", "msa", "region", "epci", "hospital", "university", "cpts", "housing", "employment", "tourism", "other"}

// Validate checks a partner; needs lists every known need.
func (p Partner) Validate(needs []string) error {
	errs := bienvenue.FieldErrors{}
	if key := CheckText("partner_name", p.Name, true); key != "" {
		errs["partner_name"] = key
	}
	if !slices.Contains(PartnerKinds, p.Kind) {
		errs["kind"] = "error.choose_one"
	}
	if p.Email != "" && !bienvenue.ValidEmail(p.Email) {
		errs["email"] = "error.email_invalid"
	}
	for field, value := range map[string]string{"phone": p.Phone, "address": p.Address} {
		if key := CheckText(field, value, false); key != "" {
			errs[field] = key
		}
	}
	for _, n := range p.Needs {
		if !slices.Contains(needs, n) {
			errs["needs"] = "error.choose_from_list"
		}
	}
	return errs.OrNil()
}

// ReferralStatus is where a referral to a partner stands.
type ReferralStatus string

// The statuses of a referral, in their usual order.
const (
	ReferralSent     ReferralStatus = "sent"
	ReferralAccepted ReferralStatus = "accepted"
	ReferralAnswered ReferralStatus = "answered"
	ReferralClosed   ReferralStatus = "closed"
)

// ReferralStatuses lists every status of a referral.
var ReferralStatuses = []ReferralStatus{ReferralSent, ReferralAccepted, ReferralAnswered, ReferralClosed}

// ReferralLifetime is how many working days a partner has to answer a referral.
const ReferralLifetime = 10

// Referral is one need of a request referred to a partner.
type Referral struct {
	ID          int64
	RequestID   int64
	Reference   string
	PartnerID   int64
	PartnerName string
	Need        string
	Message     string
	Status      ReferralStatus
	SentAt      time.Time
	DueAt       time.Time
}

// Overdue reports whether the partner should have answered by now.
func (r Referral) Overdue(now time.Time) bool {
	return (r.Status == ReferralSent || r.Status == ReferralAccepted) && now.After(r.DueAt)
}
