package web

import (
	"strconv"

	"github.com/a-h/templ"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
)

// QueueCount is a queue with its live counts, in the back office.
type QueueCount struct {
	ID         int64
	Name       string
	Open       int
	Unassigned int
	New        int
	Waiting    int
	Selected   bool
}

// RequestListView is a queue view: counts, filters, one page of requests.
type RequestListView struct {
	Queues   []QueueCount
	Filter   ListFilter
	Rows     []RequestListRow
	NextURL  string // empty on the last page
	FirstURL string // set past the first page
	Needs    []Option
	EPCIs    []Option
	// ExportURL downloads the view as CSV, for supervisors; "" for officers.
	ExportURL string
	// LateReferrals are referrals partners have not answered in time.
	LateReferrals []ReferralView
}

// ListFilter is what the officer chose, echoed in the form and the links.
type ListFilter struct {
	Queue    string
	View     string
	Status   string
	Need     string
	EPCI     string
	Priority string
	Search   string
	Due      string
}

// RequestListRow is one request in a queue view.
type RequestListRow struct {
	URL       string
	Reference string
	Name      string
	Audience  string
	Status    string
	Priority  string
	Queue     string
	Assignee  string
	CreatedAt string
	Due       string // the nearest running due date, or ""
	Overdue   bool
}

// CaseView is a request as officers handle it.
type CaseView struct {
	ID          int64
	Reference   string
	Audience    string
	Status      string
	Outcome     string
	Priority    string
	Queue       string
	QueueID     int64
	Why         string // the rule that routed it, or "" for the default queue
	Assignee    string
	AssigneeID  int64
	CreatedAt   string
	Applicant   casework.Application
	Targets     []string // names of targeted intercommunalities and communes
	Needs       []casework.Need
	Timeline    []TimelineItem
	Queues      []Option
	Members     []Option
	CanClaim    bool
	Note        string
	NoteErr     string
	Message     string
	MessageErr  string
	Dues        []DueView
	Resolve     ResolveForm
	Simulation  *SimulationSummary
	Attached    *Link // the offer or opportunity the request is about, in the back office
	Referrals   []ReferralView
	Partners    []Option
	ReferralErr string
	// OutcomeLines say where and how a resolved request ended.
	OutcomeLines   []string
	EarlierStudent int64    // the applicant's earlier request as a student
	Communes       []string // suggestions for the outcome's commune
	Deletion       string   // when the applicant asked for deletion, or ""
	Anonymised     bool
	Outcomes       []casework.Outcome
	Statuses       []casework.Status
	Priorities     []casework.Priority
	NeedChoices    []casework.NeedStatus
}

// caseAction is the address of an action on request id.
func caseAction(id int64, action string) templ.SafeURL {
	return templ.SafeURL("/espace/demandes/" + strconv.FormatInt(id, 10) + "/" + action)
}

// DueView is a service level of a request, its dates already written.
type DueView struct {
	Kind      string
	At        string
	MetAt     string
	Paused    bool
	Stopped   bool
	Overdue   bool
	DaysLeft  int
	Escalated bool
}

// ResolveForm is the resolution of a request, as typed.
type ResolveForm struct {
	Outcome       string
	Commune       string
	InstalledOn   string
	StructureKind string
	StructureName string
	Mode          string
	Host          string
	Semester      string
	Errors        map[string]string
}

// ReferralView is a need referred to a partner.
type ReferralView struct {
	ID        int64
	CaseURL   string
	Reference string
	Partner   string
	Need      string
	Message   string
	Status    string
	SentAt    string
	DueAt     string
	Overdue   bool
}

// SimulationSummary is the aid simulation a request carries, as officers check it.
type SimulationSummary struct {
	Made      string
	Commune   string
	SettleOn  string
	Situation string
	Groups    []AidGroup
	Reviewed  string // when an officer checked it, or ""
	Simulator string // the simulator's address with the same answers
}
