package web

// PageLink points to one editorial page from a list.
type PageLink struct {
	URL     string
	Title   string
	Summary string
}

// LyceeView is the high-school corner's hub.
type LyceeView struct {
	Pages        []PageLink
	Testimonials []TestimonialCard
	// Forums are the coming events for high-school students.
	Forums []EventCard
}

// LyceePageView is one page of the high-school corner.
type LyceePageView struct {
	Title     string
	Summary   string
	HTML      string // the body, rendered and sanitised by content.HTML
	UpdatedAt string
	Others    []PageLink // the corner's other pages
}
