package web

// DirectoryView is the public directory of maisons and centres de santé.
type DirectoryView struct {
	Imported bool   // structures were imported
	Demo     bool   // they are invented, for the demonstration
	Source   string // « FINESS, extrait du 05/01/2026 »
	// The filter as chosen, and the choices of its lists.
	Kind     string
	EPCI     string
	Name     string
	SeeksGP  bool
	Kinds    []Option
	EPCIs    []Option
	Filtered bool // some filter is set
	Count    string
	Rows     []StructureRow
	Pager    Pager
}

// StructureRow is a structure in a list.
type StructureRow struct {
	URL         string
	Name        string
	Kind        string // as the language says it
	Commune     string
	EPCI        string
	SeeksGP     bool
	Professions string // the professions present, as a sentence
}

// StructureView is the public page of one structure.
type StructureView struct {
	Name        string
	Kind        string
	Address     string
	Phone       string
	Commune     string
	CommuneURL  string
	EPCI        string
	EPCIURL     string
	Professions []string
	SeeksGP     bool
	Website     string
	Note        string // rendered by content.HTML
	Source      string
	UpdatedAt   string // of the profile staff keep, "" when they have not filled it
}

// StructureListView lists the structures placed on the observatory's map, for those
// who do not see it.
type StructureListView struct {
	Rows   []StructureRow
	Source string
}

// MapMarker is a structure on a map: a circle for a maison de santé, a square for a
// centre de santé, highlighted when it seeks a GP.
type MapMarker struct {
	X, Y    string // centre, in the map's frame
	Centre  bool
	SeeksGP bool
	URL     string
	Label   string
}
