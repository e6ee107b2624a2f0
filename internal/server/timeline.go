package server

import (
	"net/http"
	"strings"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/web"
)

// timeline turns a request's events into lines a person reads: the detail of a status,
// a need or a priority becomes words of the visitor's language, statuses in the words of
// staff or of the applicant.
func timeline(r *http.Request, events []casework.Event, forStaff bool) []web.TimelineItem {
	statusWords := "status.applicant."
	if forStaff {
		statusWords = "status.staff."
	}
	ctx := r.Context()
	items := make([]web.TimelineItem, 0, len(events))
	for _, e := range events {
		item := web.TimelineItem{At: i18n.FormatDateTime(ctx, e.At), Kind: e.Kind, Who: e.StaffName,
			Detail: e.Detail, Body: e.Body, Internal: e.Internal}
		switch e.Kind {
		case "status":
			item.Detail = i18n.T(ctx, statusWords+e.Detail)
		case "resolved":
			item.Detail = i18n.T(ctx, "outcome."+e.Detail)
		case "referred":
			need, partner, _ := strings.Cut(e.Detail, ":")
			item.Detail = i18n.T(ctx, "need."+need) + " → " + partner
		case "referral":
			status, partner, _ := strings.Cut(e.Detail, ":")
			item.Detail = partner + " : " + i18n.T(ctx, "referral_status."+status)
		case "escalated":
			item.Detail = i18n.T(ctx, "breach."+e.Detail)
		case "priority":
			item.Detail = i18n.T(ctx, "priority."+e.Detail)
		case "need":
			kind, status, _ := strings.Cut(e.Detail, ":")
			item.Detail = i18n.T(ctx, "need."+kind) + " → " + i18n.T(ctx, "need_status."+status)
		case "routed":
			if e.Detail == "default" {
				item.Detail = i18n.T(ctx, "timeline.default_queue")
			}
		}
		items = append(items, item)
	}
	return items
}
