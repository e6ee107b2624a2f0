package casework

import (
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/calendar"
)

// Due is one service level of a request as officers read it.
type Due struct {
	Kind     string // first_response or resolution
	At       time.Time
	MetAt    *time.Time // when it was met
	Paused   bool       // the clock waits for the applicant
	Stopped  bool       // the request was resolved or closed before it was met
	Overdue  bool
	DaysLeft int // working days left, when running and not overdue
}

// Dues are all of a request's service levels at now, not only the nearest.
func (r Request) Dues(now time.Time, cal *calendar.Calendar) []Due {
	firstMet := r.FirstResponseAt
	resolved := r.ClosedAt
	if r.Status.Open() {
		resolved = nil
	}
	paused := r.Status == StatusWaiting
	due := func(kind string, at time.Time, met *time.Time) Due {
		d := Due{Kind: kind, At: at, MetAt: met, Paused: paused && met == nil, Stopped: !r.Status.Open() && met == nil}
		if met == nil && !d.Paused && !d.Stopped {
			d.Overdue = now.After(at)
			if !d.Overdue {
				d.DaysLeft = cal.WorkingDaysBetween(now, at)
			}
		}
		return d
	}
	return []Due{due("first_response", r.FirstResponseDue, firstMet), due("resolution", r.ResolutionDue, resolved)}
}
