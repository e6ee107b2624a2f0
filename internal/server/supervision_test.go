package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

func TestSupervisorSetsUpAQueueAndARuleThatRoutesRequests(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "sup@cd47.fr", staff.RoleSupervisor, password)
	inès := p.createStaff(t, "ines@cd47.fr", staff.RoleOfficer, password)
	sup := p.client(t)
	p.signIn(t, sup, "sup@cd47.fr", password)

	res := p.post(t, sup, "/espace/files", url.Values{"name": {"Étudiants"}, "policy": {"round_robin"}, "first_response_days": {"3"}, "resolution_days": {"20"}})
	assertStatus(t, res, http.StatusSeeOther)
	res = p.post(t, sup, "/espace/files", url.Values{"name": {"Étudiants"}, "policy": {"claim"}, "first_response_days": {"3"}, "resolution_days": {"20"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Ce nom est déjà pris.")
	res = p.post(t, sup, "/espace/files", url.Values{"name": {""}, "policy": {"lottery"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Ce champ est obligatoire.", "Choisissez une réponse.")

	var queueID int64
	if err := p.db.Pool.QueryRow(context.Background(), `SELECT id FROM queues WHERE name = 'Étudiants'`).Scan(&queueID); err != nil {
		t.Fatal(err)
	}
	queuePath := fmt.Sprintf("/espace/files/%d", queueID)
	assertStatus(t, p.post(t, sup, queuePath+"/membres", url.Values{"membres": {fmt.Sprint(inès.ID)}}), http.StatusSeeOther)
	assertContains(t, p.get(t, sup, queuePath), `value="`+fmt.Sprint(inès.ID)+`" checked`)

	res = p.post(t, sup, "/espace/regles", url.Values{"name": {"Étudiants en stage"}, "queue": {fmt.Sprint(queueID)},
		"audiences": {"student"}, "needs": {"internship", "trainee_housing"}, "enabled": {"1"}})
	assertStatus(t, res, http.StatusSeeOther)
	assertContains(t, p.get(t, sup, "/espace/regles"), "Étudiants en stage", "Public : étudiant·e",
		"Besoin : Un lieu de stage, Un logement pendant le stage")
	res = p.post(t, sup, "/espace/regles", url.Values{"name": {"Mauvaise"}, "queue": {"999999"}, "audiences": {"martian"}})
	assertStatus(t, res, http.StatusUnprocessableEntity)
	assertContains(t, res, "Choisissez dans la liste proposée.")

	// A student request now goes to the new queue, round-robin to Inès.
	res = p.post(t, p.client(t), "/demande/etudiant", url.Values{"form_key": {"cle-etudiant-regle-01"}, "first_name": {"Léo"},
		"last_name": {"Martin"}, "email": {"leo@example.org"}, "situation": {"extern"}, "needs": {"internship"}})
	assertStatus(t, res, http.StatusSeeOther)
	var queue, assignee int64
	var rule string
	p.db.Pool.QueryRow(context.Background(), `SELECT queue_id, coalesce(assignee_id, 0), rule_name FROM requests`).Scan(&queue, &assignee, &rule)
	if queue != queueID || assignee != inès.ID || rule != "Étudiants en stage" {
		t.Errorf("routed to queue %d, assigned to %d, by %q; want %d, %d, Étudiants en stage", queue, assignee, rule, queueID, inès.ID)
	}
}

func TestRulesMoveAndDelete(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	ctx := context.Background()
	var queue int64
	p.db.Pool.QueryRow(ctx, `SELECT id FROM queues WHERE is_default`).Scan(&queue)
	var ids []int64
	for _, name := range []string{"Première", "Deuxième", "Troisième"} {
		id, err := p.db.CreateRule(ctx, routing.Rule{Name: name, QueueID: queue, Enabled: true})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	p.createStaff(t, "sup@cd47.fr", staff.RoleSupervisor, password)
	sup := p.client(t)
	p.signIn(t, sup, "sup@cd47.fr", password)
	assertStatus(t, p.post(t, sup, fmt.Sprintf("/espace/regles/%d/monter", ids[2]), url.Values{}), http.StatusSeeOther)
	assertStatus(t, p.post(t, sup, fmt.Sprintf("/espace/regles/%d/supprimer", ids[0]), url.Values{}), http.StatusSeeOther)
	page := p.get(t, sup, "/espace/regles").body
	if i, j := strings.Index(page, "Troisième"), strings.Index(page, "Deuxième"); i < 0 || j < 0 || i > j || strings.Contains(page, "Première") {
		t.Errorf("rules after moving Troisième up and deleting Première are in the wrong order")
	}
}

func TestOnlySupervisorsManageRoutingAndOnlyAdminsReadKeptEmails(t *testing.T) {
	t.Parallel()
	p := newPortal(t)
	p.createStaff(t, "officer@cd47.fr", staff.RoleOfficer, password)
	p.createStaff(t, "sup@cd47.fr", staff.RoleSupervisor, password)
	p.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	officer, sup, admin := p.client(t), p.client(t), p.client(t)
	p.signIn(t, officer, "officer@cd47.fr", password)
	p.signIn(t, sup, "sup@cd47.fr", password)
	p.signIn(t, admin, "admin@cd47.fr", password)
	for _, path := range []string{"/espace/files", "/espace/regles", "/espace/regles/nouvelle"} {
		assertStatus(t, p.get(t, officer, path), http.StatusForbidden)
		assertStatus(t, p.get(t, sup, path), http.StatusOK)
	}
	assertStatus(t, p.post(t, officer, "/espace/files", url.Values{"name": {"X"}, "policy": {"claim"}}), http.StatusForbidden)
	assertStatus(t, p.get(t, sup, "/espace/courriels"), http.StatusForbidden)

	p.post(t, p.client(t), "/demande/medecin", doctorForm("cle-courriels-00001"))
	p.waitForEmail(t, "amina.diallo@example.org")
	assertContains(t, p.get(t, admin, "/espace/courriels"), "amina.diallo@example.org", "est bien reçue")
}
