package web

// DashboardView is the observatory's dashboard: a map of an indicator, the trend, a
// table of every area.
type DashboardView struct {
	Departement  string
	Level        string // epci or commune
	Indicator    string
	Snapshot     string // the date shown, 2025-01-01
	SnapshotText string // the same, as the language writes it
	Snapshots    []Option
	Indicators   []string
	Levels       []string
	Demo         bool
	Source       string // the file the snapshot came from
	Attribution  string
	Summary      []Figure
	Map          MapView
	Structures   *StructureListView // the maisons and centres de santé on the map, once FINESS is imported
	Trend        ChartView
	DensityLine  ChartView
	Rows         []AreaRow
	NoData       bool
	CSVURL       string
	StaffDetail  bool // commune level and platform activity are for observatory staff
	Activity     *ActivityView
}

// Figure is one headline number.
type Figure struct {
	Label      string // catalog key
	Value      string
	Fictitious bool // computed from the demonstration zoning
}

// MapView is a choropleth map drawn on the server.
type MapView struct {
	Width, Height string
	Areas         []MapArea
	Legend        []LegendItem
	Title         string
	Markers       []MapMarker // the maisons and centres de santé
}

// MapArea is one area of the map.
type MapArea struct {
	Path  string
	Class int // -1 without value
	Label string
	URL   string
}

// LegendItem is one class of the legend.
type LegendItem struct {
	Class int
	Label string
}

// ChartView is a bar or line chart drawn on the server, with its data as a table.
type ChartView struct {
	Width, Height string
	Bars          []Bar  // the bars, or the line's points (X, Y)
	Line          string // the line's polyline points, for a line chart
	Caption       string
}

// Bar is one bar of a chart.
type Bar struct {
	X, Y, W, H string
	Label      string
	Value      string
	LabelX     string
	ValueY     string
}

// AreaRow is an area in the dashboard's table.
type AreaRow struct {
	Name       string
	URL        string
	Population string
	Total      string
	Liberal    string
	Salaried   string
	Mixed      string
	Density    string
	Change     string
	APL        string
	Value      string
}

// AreaView is the page of one intercommunality or commune.
type AreaView struct {
	Kind        string
	Name        string
	Parent      string
	ParentURL   string
	Demo        bool
	Source      string
	Attribution string
	Summary     []Figure
	Trend       ChartView
	Communes    []AreaRow
	NoData      bool
}

// ActivityView is the one-stop shop's own activity, for observatory staff.
type ActivityView struct {
	Months        []MonthRow
	MedianFirst   string
	Installations []InstallRow
	Converted     string
	Breakdowns    []Breakdown
}

// Breakdown is the requests of the last twelve months by one dimension.
type Breakdown struct {
	Title string // catalog key
	Rows  []Option
}

// MonthRow is the requests received in one month.
type MonthRow struct {
	Month      string
	Doctor     int
	Student    int
	HighSchool int
	Total      int
}

// InstallRow is the installations supported in an intercommunality in a year.
type InstallRow struct {
	EPCI  string
	Year  int
	Count int
}

// RPPSView is the administrators' page to import RPPS extracts.
type RPPSView struct {
	Snapshots []SnapshotRow
	ErrorKey  string
	Detail    string
	Done      *SnapshotRow
}

// SnapshotRow is a snapshot in the list.
type SnapshotRow struct {
	Date     string
	Source   string
	Read     string
	Kept     string
	Demo     bool
	Imported string
}
