package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/web"
)

// ruleList shows the routing rules in the order they are tried.
func (s *Server) ruleList(w http.ResponseWriter, r *http.Request) {
	rules, err := s.db.RoutingRules(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := web.RulesView{}
	for i, rule := range rules {
		v.Rules = append(v.Rules, web.RuleRow{ID: rule.ID, Name: rule.Name, Queue: rule.QueueName,
			Conditions: s.conditions(r, rule), Enabled: rule.Enabled, First: i == 0, Last: i == len(rules)-1})
	}
	s.render(w, r, http.StatusOK, web.Rules(s.page(r, "rules.title"), v))
}

// conditions says a rule's conditions in words.
func (s *Server) conditions(r *http.Request, rule routing.Rule) []string {
	ctx := r.Context()
	labels := func(values []string, label func(string) string) string {
		out := make([]string, len(values))
		for i, v := range values {
			out[i] = label(v)
		}
		return strings.Join(out, ", ")
	}
	var lines []string
	add := func(key string, values []string, label func(string) string) {
		if len(values) > 0 {
			lines = append(lines, i18n.T(ctx, key, "Values", labels(values, label)))
		}
	}
	add("rules.if.audiences", rule.Audiences, func(v string) string { return i18n.T(ctx, "audience."+v) })
	add("rules.if.situations", rule.Situations, func(v string) string { return s.situationLabel(r, v) })
	add("rules.if.needs", rule.Needs, func(v string) string { return i18n.T(ctx, "need."+v) })
	add("rules.if.epcis", rule.EPCIs, func(v string) string {
		if e, ok := s.territory.EPCI(v); ok {
			return e.Name
		}
		return v
	})
	if len(lines) == 0 {
		lines = append(lines, i18n.T(ctx, "rules.if.always"))
	}
	return lines
}

// situationLabel names a situation by the first audience whose form has it.
func (s *Server) situationLabel(r *http.Request, situation string) string {
	for _, a := range casework.Audiences {
		if slices.Contains(casework.Forms[a].Situations, situation) {
			return i18n.T(r.Context(), "situation."+string(a)+"."+situation)
		}
	}
	return situation
}

func (s *Server) newRulePage(w http.ResponseWriter, r *http.Request) {
	s.renderRule(w, r, http.StatusOK, routing.Rule{Enabled: true}, nil)
}

func (s *Server) ruleEditPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	rule, err := s.db.Rule(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderRule(w, r, http.StatusOK, rule, nil)
}

func (s *Server) saveRule(w http.ResponseWriter, r *http.Request) {
	rule := routing.Rule{Name: strings.TrimSpace(r.PostForm.Get("name")), Audiences: r.PostForm["audiences"],
		Situations: r.PostForm["situations"], Needs: r.PostForm["needs"], EPCIs: r.PostForm["epcis"],
		Enabled: r.PostForm.Get("enabled") != ""}
	rule.QueueID, _ = strconv.ParseInt(r.PostForm.Get("queue"), 10, 64)
	if id := chi.URLParam(r, "id"); id != "" {
		var err error
		if rule.ID, err = strconv.ParseInt(id, 10, 64); err != nil {
			s.notFound(w, r)
			return
		}
	}
	err := rule.Validate(s.vocabulary())
	if err == nil && rule.ID == 0 {
		_, err = s.db.CreateRule(r.Context(), rule)
	} else if err == nil {
		err = s.db.UpdateRule(r.Context(), rule)
	}
	var errs bienvenue.FieldErrors
	if errors.As(err, &errs) {
		s.renderRule(w, r, http.StatusUnprocessableEntity, rule, errs)
		return
	}
	if errors.Is(err, bienvenue.ErrInvalid) { // a queue that does not exist
		s.renderRule(w, r, http.StatusUnprocessableEntity, rule, bienvenue.FieldErrors{"queue": "error.choose_from_list"})
		return
	}
	s.done(w, r, err, "/espace/regles")
}

func (s *Server) moveRule(up bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.error(w, r, err)
			return
		}
		s.done(w, r, s.db.MoveRule(r.Context(), id, up), "/espace/regles")
	}
}

func (s *Server) deleteRule(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.done(w, r, s.db.DeleteRule(r.Context(), id), "/espace/regles")
}

// vocabulary is every value the forms use, which rules may test.
func (s *Server) vocabulary() routing.Vocabulary {
	var v routing.Vocabulary
	for _, a := range casework.Audiences {
		f := casework.Forms[a]
		v.Audiences = append(v.Audiences, string(a))
		v.Situations = append(v.Situations, f.Situations...)
		v.Needs = append(v.Needs, f.NeedKinds()...)
	}
	for _, e := range s.territory.EPCIs {
		v.EPCIs = append(v.EPCIs, e.SIREN)
	}
	return v
}

func (s *Server) renderRule(w http.ResponseWriter, r *http.Request, status int, rule routing.Rule, errs bienvenue.FieldErrors) {
	queues, err := s.db.Queues(r.Context(), 0)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	v := web.RuleForm{ID: rule.ID, Name: rule.Name, Queue: strconv.FormatInt(rule.QueueID, 10), Enabled: rule.Enabled, Errors: errs}
	for _, q := range queues {
		v.Queues = append(v.Queues, web.Option{Value: strconv.FormatInt(q.ID, 10), Label: q.Name})
	}
	choice := func(value, label string, chosen []string) web.Choice {
		return web.Choice{Value: value, Label: label, Checked: slices.Contains(chosen, value)}
	}
	for _, a := range casework.Audiences {
		v.Audiences = append(v.Audiences, choice(string(a), i18n.T(ctx, "audience."+string(a)), rule.Audiences))
		for _, sit := range casework.Forms[a].Situations {
			v.Situations = append(v.Situations, choice(sit, i18n.T(ctx, "situation."+string(a)+"."+sit), rule.Situations))
		}
		for _, kind := range casework.Forms[a].NeedKinds() {
			v.Needs = append(v.Needs, choice(kind, i18n.T(ctx, "need."+kind), rule.Needs))
		}
	}
	for _, e := range s.epciOptions {
		v.EPCIs = append(v.EPCIs, choice(e.Value, e.Label, rule.EPCIs))
	}
	s.render(w, r, status, web.RuleEdit(s.page(r, "rules.title"), v))
}
