package web

import "github.com/a-h/templ"

// Field is one input of a staff form for published content. One template draws every
// kind of field, so that the back office's forms look and behave alike.
type Field struct {
	Name     string
	Label    string
	Kind     string // text, email, url, number, date, datetime-local, textarea, markdown, select, checkbox, checkboxes, file
	Value    string
	Checked  bool     // of a checkbox
	Options  []Choice // of a select (the chosen one Checked) or checkboxes (each ticked one Checked)
	Hint     string   // shown under the label
	Error    string   // what is wrong, already in the visitor's words
	Optional bool     // marked « (facultatif) »; the others are required
}

// EditView is the back office's page to create or change one published item.
type EditView struct {
	Heading   string
	BackURL   string
	BackLabel string
	Action    string   // where the form posts
	Multipart bool     // the form uploads a file
	Facts     []Option // what the item is, shown above the form and not edited there
	Fields    []Field
	Errors    []Field // the invalid fields, for the summary at the top
	// Of an item already saved; empty for a new one.
	PublishAction string // where publish and unpublish post
	PublicURL     string // the page visitors see, once published
	Publication   *PublicationView
	History       []ChangeRow
}

// PublicationView is an item's state as staff see it.
type PublicationView struct {
	Published   bool
	PublishedAt string // first publication, "" for a draft never published
	UpdatedAt   string
	UpdatedBy   string
}

// ChangeRow is one line of an item's history.
type ChangeRow struct {
	At     string
	Staff  string
	Action string // content.Action
	Fields string // the labels of the fields an edit changed
}

// AdminListView lists the items of one kind for staff, drafts included.
type AdminListView struct {
	Heading  string
	Intro    string
	NewURL   string // "" when staff do not create items of this kind
	NewLabel string
	Public   bool // the items are public as they come (no publication, no draft)
	Rows     []AdminRow
	Pager    Pager
}

// AdminRow is one item in the back office's list.
type AdminRow struct {
	URL       string
	Title     string
	Detail    string
	Published bool
	UpdatedAt string
}

// Pager links the pages of a list; its URLs keep the list's filters.
type Pager struct {
	Page    int
	Pages   int
	PrevURL string
	NextURL string
}

func rows(kind string) string {
	if kind == "markdown" {
		return "12"
	}
	return "4"
}

// inputAttrs marks an invalid input and links it to its hint and error.
func inputAttrs(f Field) templ.Attributes {
	a := templ.Attributes{}
	if f.Error != "" {
		a["aria-invalid"] = "true"
	}
	if ids := describedBy(f); ids != "" {
		a["aria-describedby"] = ids
	}
	return a
}

func describedBy(f Field) string {
	ids := ""
	add := func(id string) {
		if ids != "" {
			ids += " "
		}
		ids += id
	}
	if f.Hint != "" {
		add(f.Name + "-aide")
	}
	if f.Kind == "markdown" {
		add(f.Name + "-markdown")
	}
	if f.Error != "" {
		add(f.Name + "-erreur")
	}
	return ids
}
