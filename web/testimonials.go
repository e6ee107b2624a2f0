package web

// TestimonialCard is a testimonial as visitors read it.
type TestimonialCard struct {
	Name     string
	Where    string // commune and year of installation, in the visitor's words
	HTML     string // the text, rendered and sanitised by content.HTML
	PhotoURL string // "" without a portrait
	PhotoAlt string // « Portrait de … »
	Demo     bool   // invented for the demonstration: the card says so
}

// TestimonialsView is the public page of testimonials.
type TestimonialsView struct {
	Cards []TestimonialCard
	Pager Pager
}
