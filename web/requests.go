package web

import "github.com/bienvenue-sante/bienvenue/internal/casework"

// Option is a value offered by a form, with its label already chosen.
type Option struct {
	Value string
	Label string
}

// RequestFormView is an applicant's form, blank or refilled after an error.
type RequestFormView struct {
	Form            casework.Form
	Slug            string // the form's address: /demande/<slug>
	FormKey         string
	Values          casework.Application
	CommunesText    string
	UnknownCommunes string
	Errors          map[string]string // field → catalog key
	EPCIs           []Option
	Communes        []string // suggestions for the communes field
	RetentionYears  int
	SimulationID    string // an aid simulation the request will carry
	Attached        *Attachment
}

// Has reports whether the applicant ticked need kind.
func (v RequestFormView) Has(kind string) bool {
	for _, n := range v.Values.Needs {
		if n == kind {
			return true
		}
	}
	return false
}

// Targets reports whether the applicant ticked the intercommunality.
func (v RequestFormView) Targets(siren string) bool {
	for _, s := range v.Values.TargetEPCIs {
		if s == siren {
			return true
		}
	}
	return false
}

// SubmittedView is the page after a request is filed.
type SubmittedView struct {
	Reference string
}

// TrackingView is the applicant's private page for one request.
type TrackingView struct {
	Token     string
	Reference string
	Audience  string
	Status    string
	CreatedAt string
	Needs     []casework.Need
	Timeline  []TimelineItem
	Reply     string
	ReplyErr  string // catalog key
	CanReply  bool
	// DeletionRequested is set once the applicant asked for their data to be erased.
	DeletionRequested bool
}

// TimelineItem is one event of a request as a person reads it.
type TimelineItem struct {
	At       string
	Kind     string // catalog suffix: timeline.<kind>
	Detail   string // a status, a need, a queue: already a catalog key or a name
	Who      string
	Body     string
	Internal bool
}

// RecoverView is the « retrouver ma demande » form.
type RecoverView struct {
	Email    string
	ErrorKey string
	Sent     bool
}

// Attachment is the published item a request is about (an internship offer, a practice
// opportunity), carried by the form.
type Attachment struct {
	Field string // the form's hidden field: offer or opportunity
	ID    int64
	Note  string // « Offre de stage jointe à votre demande : … »
	URL   string // its public page
}
