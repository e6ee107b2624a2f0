package web

import (
	"context"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
)

// fieldOrder is the order in which the error summary lists fields, as the form shows them.
var fieldOrder = []string{"first_name", "last_name", "email", "phone", "situation", "practice_mode",
	"timeframe", "targets", "target_communes", "needs", "spouse_field", "children_levels", "organisation", "message"}

// fieldAnchor is the id of the element the error summary links to for field.
func fieldAnchor(v RequestFormView, field string) string {
	if field == "needs" {
		return "needs-" + v.Form.NeedGroups[0].Key
	}
	return field
}

// errorText is what the page says is wrong with field.
func errorText(ctx context.Context, v RequestFormView, field, key string) string {
	if field == "target_communes" && v.UnknownCommunes != "" {
		return i18n.T(ctx, key, "Names", v.UnknownCommunes)
	}
	return i18n.T(ctx, key, "Max", casework.MaxLength(field))
}
