package web

import "github.com/a-h/templ"

// contentLang is the language staff write published content in, the portal's first
// language (i18n.Languages[0]): pages in another language mark that content with it, so
// that screen readers read it right.
const contentLang = "fr"

// Field is one input of a staff form for published content. One template draws every
// kind of field, so that the back office's forms look and behave alike.
type Field struct {
	Name     string
	Label    string
	Kind     string // text, email, url, number, date, datetime-local, textarea, markdown, select, checkbox, checkboxes, file
	Value    string
	Checked  bool     // of a checkbox
	Options  []Choice // of a select (the chosen one Checked) or checkboxes (each ticked one Checked)
	Empty    string   // a select's first choice, meaning none; « Choisir… » when ""
	Hint     string   // shown under the label
	Error    string   // what is wrong, already in the visitor's words
	Optional bool     // marked « (facultatif) »; the others are required
	Preview  string   // of a file input: the picture it holds now, shown above it
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
	// Extra is shown between the form and the history: what a kind adds to its page
	// (an event's registrations).
	Extra templ.Component
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

// ListingView is a public list of published items (internship offers, housing,
// opportunities) with its filters, which work without JavaScript: a GET form whose
// address can be shared.
type ListingView struct {
	Heading   string
	Intro     string
	DemoNote  bool // the items are demonstration data
	Action    string
	Filters   []Field
	Filtered  bool
	Count     int
	Items     []ListingItem
	Pager     Pager
	SeeAlso   []Link
	EmptyText string
}

// ListingItem is one item of a public list; its text is shown in the list when it has
// no page of its own.
type ListingItem struct {
	Title    string
	URL      string // its page, "" when the list shows everything
	Facts    []string
	Tags     []string
	BodyHTML string
	Contact  string
}

// Link is a link with its words.
type Link struct {
	URL   string
	Label string
}

// DetailView is the public page of one published item.
type DetailView struct {
	Title    string
	Back     Link
	Facts    []Fact
	BodyHTML string
	Action   Link   // what the visitor can do next: ask to be accompanied
	Note     string // why that helps
	DemoNote bool
}

// Fact is a labelled value of an item.
type Fact struct {
	Label string
	Value string
}
