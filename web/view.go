// Package web holds the portal's pages as templ components, their view models and the
// static assets, all embedded in the binary. Components never touch the database: they
// render the view models handlers give them, with words from the message catalogs.
package web

import "embed"

// Static holds the stylesheet and images, served under /static/.
//
//go:embed static
var Static embed.FS

// Page is what the layout needs on every page.
type Page struct {
	TitleKey    string // catalog key of the page title
	Title       string // the title itself, when it is a name (an area's)
	Brand       string
	Departement string
	Demo        bool   // the database holds demonstration content
	User        *User  // the signed-in staff member, nil for visitors
	Path        string // the current path, where the language switch returns
	FlashKey    string // catalog key of a one-time notice
}

// User is the signed-in staff member as the header shows them.
type User struct {
	Name    string
	Role    string
	IsAdmin bool
}

// TerritoryView is the département at a glance, with the attribution its data requires.
type TerritoryView struct {
	Name        string
	Communes    int
	Population  int
	EPCICount   int
	Attribution string
	EPCIs       []EPCIRow
}

// EPCIRow is one intercommunality in a table.
type EPCIRow struct {
	Name        string
	Kind        string
	Communes    int
	Population  int
	LargestTown string
}

// SignInView is the sign-in form, refilled after a failed attempt.
type SignInView struct {
	Email        string
	Next         string
	ErrorKey     string
	DemoAccounts string // listed in demonstration mode only
	DemoPassword string
}

// AccountRow is a staff account in the administrators' list.
type AccountRow struct {
	Name      string
	Email     string
	Role      string
	CreatedAt string
	Demo      bool
}

// ErrorView is a status page.
type ErrorView struct {
	Status int
	Key    string // catalog prefix: error_page.<key>.title and .text
}
