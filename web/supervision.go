package web

import "strconv"

// QueueRow is a queue in the supervisors' list.
type QueueRow struct {
	ID          int64
	Name        string
	Description string
	Policy      string
	IsDefault   bool
	Members     int
	Open        int
}

// QueuesView lists queues and offers a new one.
type QueuesView struct {
	Queues []QueueRow
	Form   QueueForm
}

// QueueForm is a queue being created or edited.
type QueueForm struct {
	ID          int64
	Name        string
	Description string
	Policy      string
	IsDefault   bool
	// Service levels in working days, as typed.
	FirstResponseDays string
	ResolutionDays    string
	Errors            map[string]string
	Policies          []string
	Staff             []MemberChoice // for an existing queue
}

// MemberChoice is a staff member who may belong to a queue.
type MemberChoice struct {
	ID     string
	Name   string
	Role   string
	Member bool
}

// RulesView lists routing rules in the order they are tried.
type RulesView struct {
	Rules []RuleRow
}

// RuleRow is a routing rule, its conditions already in words.
type RuleRow struct {
	ID         int64
	Name       string
	Queue      string
	Conditions []string
	Enabled    bool
	First      bool
	Last       bool
}

// RuleForm is a rule being created or edited.
type RuleForm struct {
	ID         int64
	Name       string
	Queue      string
	Enabled    bool
	Errors     map[string]string
	Queues     []Option
	Audiences  []Choice
	Situations []Choice
	Needs      []Choice
	EPCIs      []Choice
}

// Choice is a checkbox: its value, label and state.
type Choice struct {
	Value   string
	Label   string
	Checked bool
}

// EmailRow is a captured email, for administrators.
type EmailRow struct {
	To      string
	Subject string
	Body    string
	At      string
}

func ruleAction(id int64) string {
	if id == 0 {
		return "/espace/regles"
	}
	return "/espace/regles/" + strconv.FormatInt(id, 10)
}

// AuditView is the audit log with its filters.
type AuditView struct {
	Staff     string
	Reference string
	Action    string
	Rows      []AuditRow
	NextURL   string
}

// AuditRow is one line of the audit log.
type AuditRow struct {
	At        string
	Staff     string
	Reference string
	Action    string
	Detail    string
}

// PartnersView lists partners and offers a new one.
type PartnersView struct {
	Partners []PartnerRow
	Form     PartnerForm
}

// PartnerRow is a partner in the directory.
type PartnerRow struct {
	ID      int64
	Name    string
	Kind    string
	Contact string
	Needs   string
}

// PartnerForm is a partner being created or edited.
type PartnerForm struct {
	ID      int64
	Name    string
	Kind    string
	Email   string
	Phone   string
	Address string
	Needs   []Choice
	Kinds   []string
	Errors  map[string]string
}

func partnerAction(id int64) string {
	if id == 0 {
		return "/espace/partenaires"
	}
	return "/espace/partenaires/" + strconv.FormatInt(id, 10)
}
