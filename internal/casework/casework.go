// Package casework owns support requests: who files them (audiences), what they need,
// how their statuses move, and what an applicant's form must contain.
package casework

import (
	"fmt"
	"slices"
	"time"
)

// Audience is who files a request.
type Audience string

const (
	AudienceDoctor     Audience = "doctor"     // a doctor who wants to settle
	AudienceStudent    Audience = "student"    // a medical student or intern
	AudienceHighSchool Audience = "highschool" // a high-school student or teacher
)

// Audiences lists every audience, in the order the portal presents them.
var Audiences = []Audience{AudienceDoctor, AudienceStudent, AudienceHighSchool}

// ParseAudience returns the audience named s.
func ParseAudience(s string) (Audience, bool) {
	a := Audience(s)
	return a, slices.Contains(Audiences, a)
}

// Status is where a request stands.
type Status string

const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in_progress"
	StatusWaiting    Status = "waiting_applicant" // the clock stops: the officer waits for an answer
	StatusResolved   Status = "resolved"
	StatusClosed     Status = "closed"
)

// Statuses lists every status in their usual order.
var Statuses = []Status{StatusNew, StatusInProgress, StatusWaiting, StatusResolved, StatusClosed}

// Open reports whether the request still needs work.
func (s Status) Open() bool { return s != StatusResolved && s != StatusClosed }

// Outcome is how a resolved request ended.
type Outcome string

const (
	OutcomeInstalled       Outcome = "installed"
	OutcomeInternshipFound Outcome = "internship_found"
	OutcomeInformed        Outcome = "informed"
	OutcomeWithdrawn       Outcome = "withdrawn"
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{OutcomeInstalled, OutcomeInternshipFound, OutcomeInformed, OutcomeWithdrawn}

// Priority orders work within a queue.
type Priority string

const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
)

// Priorities lists every priority, lowest first.
var Priorities = []Priority{PriorityLow, PriorityNormal, PriorityHigh}

// NeedStatus is where one need of a request stands.
type NeedStatus string

const (
	NeedTodo       NeedStatus = "todo"
	NeedInProgress NeedStatus = "in_progress"
	NeedDone       NeedStatus = "done"
	NeedNotNeeded  NeedStatus = "not_needed"
)

// NeedStatuses lists every need status.
var NeedStatuses = []NeedStatus{NeedTodo, NeedInProgress, NeedDone, NeedNotNeeded}

// Need is one thing the applicant asks help with.
type Need struct {
	Kind   string
	Status NeedStatus
}

// Request is a support request as the back office handles it.
type Request struct {
	ID         int64
	Reference  string
	Audience   Audience
	Status     Status
	Outcome    Outcome // set when resolved
	Priority   Priority
	QueueID    int64
	QueueName  string
	RuleID     int64  // the routing rule that chose the queue; 0 for the default queue
	RuleName   string // kept as it was when the request was routed
	AssigneeID int64  // 0 when nobody holds it
	Assignee   string
	Lang       string // the applicant's language, for emails
	Application
	Needs []Need
	Clocks
	DeletionRequestedAt *time.Time // the applicant asked for their data to be erased
	EarlierStudentID    int64      // the same person's earlier request as a student, 0 if none
	SimulationID        string     // the aid simulation the applicant attached, "" if none
	SimulationReviewed  *time.Time // when an officer checked the simulation
	OfferID             int64      // the internship offer the request is about, 0 if none
	OpportunityID       int64      // the practice opportunity the request is about, 0 if none
	AnonymisedAt        *time.Time
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Application is what the applicant filled in.
type Application struct {
	FirstName      string
	LastName       string
	Email          string
	Phone          string
	Situation      string
	PracticeMode   string   // doctors
	Timeframe      string   // doctors: when they plan to settle
	TargetEPCIs    []string // SIREN of the intercommunalities they consider
	TargetCommunes []string // INSEE codes of the communes they consider
	OpenToAnywhere bool
	SpouseField    string // when a job for the spouse is needed
	ChildrenLevels string // when schooling is needed
	Organisation   string // a student's faculty, a teacher's school
	Message        string
	Needs          []string // kinds, as ticked
}

// Name is the applicant's full name.
func (a Application) Name() string { return a.FirstName + " " + a.LastName }

// FormatReference writes a request's readable reference, e.g. BD-2026-00042.
func FormatReference(prefix string, year, number int) string {
	return fmt.Sprintf("%s-%d-%05d", prefix, year, number)
}

// Event is one line of a request's history.
type Event struct {
	ID        int64
	At        time.Time
	Actor     string // applicant, staff or system
	StaffName string // when a staff member did it
	Kind      string // created, routed, assigned, status, need, priority, queue, note, message_out, message_in
	Internal  bool   // never shown to the applicant
	Detail    string
	Body      string
}

// Clocks are a request's service-level dates.
type Clocks struct {
	FirstResponseDue time.Time
	ResolutionDue    time.Time
	FirstResponseAt  *time.Time // when an officer first wrote to the applicant
	PausedAt         *time.Time // set while the request waits for the applicant
	ClosedAt         *time.Time
	Escalated        []string // breaches already escalated: first_response, resolution
}

// NextDue is the earliest due date whose clock still runs, and false when none runs:
// the request waits for the applicant, or is resolved or closed.
func NextDue(s Status, firstResponded bool, firstResponseDue, resolutionDue time.Time) (time.Time, bool) {
	if s != StatusNew && s != StatusInProgress {
		return time.Time{}, false
	}
	if !firstResponded && firstResponseDue.Before(resolutionDue) {
		return firstResponseDue, true
	}
	return resolutionDue, true
}
