package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// access says who may use a route.
type access int

const (
	anyone      access = iota // the public site
	linkHolder                // the applicant holding the request's tracking link
	anyStaff                  // every signed-in member of staff
	caseworkers               // officers, supervisors and administrators
	caseOfficer               // the officers of the request's queue, supervisors and administrators
	supervisors               // supervisors and administrators
	admins                    // administrators
)

// routeAccess is the access rule of every route. A route the router serves that is not
// listed here fails TestEveryRouteAnswersEveryRoleAsItsRuleSays, so a new route cannot
// ship without one.
var routeAccess = map[string]access{
	"GET /healthz": anyone, "GET /readyz": anyone, "GET /static/*": anyone,
	"GET /": anyone, "GET /observatoire": anyone, "GET /observatoire/donnees.csv": anyone,
	"GET /observatoire/epci/{code}": anyone, "GET /observatoire/commune/{code}": anyone,
	"GET /demande/{slug}": anyone, "POST /demande/{slug}": anyone, "GET /demande/envoyee/{reference}": anyone,
	"GET /stages": anyone, "GET /stages/{id}": anyone, "GET /logements": anyone,
	"GET /exercer": anyone, "GET /exercer/{id}": anyone,
	"GET /aides": anyone, "GET /aides/simulateur": anyone, "POST /aides/accompagnement": anyone,
	"GET /retrouver-ma-demande": anyone, "POST /retrouver-ma-demande": anyone, "POST /langue": anyone,
	"GET /connexion": anyone, "POST /connexion": anyone, "POST /deconnexion": anyone,
	"GET /evenements": anyone, "GET /evenements.ics": anyone, "GET /evenements/{id}": anyone,
	"GET /evenements/{id}/evenement.ics": anyone, "POST /evenements/{id}/inscription": anyone,
	"GET /evenements/{id}/inscription": anyone,

	// The registrant holding the private link of their registration.
	"GET /inscription/{token}": linkHolder, "POST /inscription/{token}/annuler": linkHolder,
	"GET /structures": anyone, "GET /structures/{finess}": anyone,
	"GET /images/{name}": anyone, "GET /temoignages": anyone, "GET /lycee": anyone, "GET /lycee/{slug}": anyone,

	"GET /suivi/{token}": linkHolder, "POST /suivi/{token}": linkHolder,
	"GET /suivi/{token}/donnees": linkHolder, "POST /suivi/{token}/effacement": linkHolder,

	"GET /espace/": anyStaff,

	"GET /espace/comptes": admins, "GET /espace/courriels": admins, "GET /espace/journal": admins,
	"GET /espace/partenaires": admins, "POST /espace/partenaires": admins,
	"GET /espace/partenaires/{id}": admins, "POST /espace/partenaires/{id}": admins,
	"GET /espace/zonage": admins, "POST /espace/zonage": admins, "POST /espace/zonage/confirmer": admins,
	"GET /espace/aides": admins, "POST /espace/aides": admins,
	"GET /espace/observatoire/import": admins, "POST /espace/observatoire/import": admins,
	"POST /espace/observatoire/apl": admins, "POST /espace/observatoire/ages": admins,
	"POST /espace/observatoire/finess": admins, "GET /espace/structures": admins,
	"GET /espace/structures/{finess}": admins, "POST /espace/structures/{finess}": admins,

	"GET /espace/temoignages": admins, "GET /espace/temoignages/nouveau": admins, "POST /espace/temoignages": admins,
	"GET /espace/temoignages/{id}": admins, "POST /espace/temoignages/{id}": admins,
	"POST /espace/temoignages/{id}/publication": admins,

	"GET /espace/pages": admins, "GET /espace/pages/nouvelle": admins, "POST /espace/pages": admins,
	"GET /espace/pages/{id}": admins, "POST /espace/pages/{id}": admins, "POST /espace/pages/{id}/publication": admins,

	"GET /espace/files": supervisors, "POST /espace/files": supervisors,
	"GET /espace/files/{id}": supervisors, "POST /espace/files/{id}": supervisors,
	"POST /espace/files/{id}/membres": supervisors,
	"GET /espace/regles":              supervisors, "GET /espace/regles/nouvelle": supervisors, "POST /espace/regles": supervisors,
	"GET /espace/regles/{id}": supervisors, "POST /espace/regles/{id}": supervisors,
	"POST /espace/regles/{id}/monter": supervisors, "POST /espace/regles/{id}/descendre": supervisors,
	"POST /espace/regles/{id}/supprimer": supervisors, "GET /espace/demandes/export.csv": supervisors,

	"GET /espace/stages": caseworkers, "GET /espace/stages/nouvelle": caseworkers, "POST /espace/stages": caseworkers,
	"GET /espace/stages/{id}": caseworkers, "POST /espace/stages/{id}": caseworkers,
	"POST /espace/stages/{id}/publication": caseworkers,
	"GET /espace/exercer":                  caseworkers, "GET /espace/exercer/nouvelle": caseworkers, "POST /espace/exercer": caseworkers,
	"GET /espace/exercer/{id}": caseworkers, "POST /espace/exercer/{id}": caseworkers,
	"POST /espace/exercer/{id}/publication": caseworkers,
	"GET /espace/logements":                 admins, "GET /espace/logements/nouveau": admins, "POST /espace/logements": admins,
	"GET /espace/logements/{id}": admins, "POST /espace/logements/{id}": admins,
	"POST /espace/logements/{id}/publication": admins,
	"GET /espace/demandes":                    caseworkers,
	"GET /espace/evenements":                  caseworkers, "GET /espace/evenements/nouveau": caseworkers,
	"POST /espace/evenements": caseworkers, "GET /espace/evenements/{id}": caseworkers,
	"POST /espace/evenements/{id}": caseworkers, "POST /espace/evenements/{id}/publication": caseworkers,
	"POST /espace/evenements/{id}/inscriptions/{registration}/annuler": caseworkers,

	"GET /espace/demandes/{id}/": caseOfficer, "POST /espace/demandes/{id}/prendre": caseOfficer,
	"POST /espace/demandes/{id}/attribuer": caseOfficer, "POST /espace/demandes/{id}/file": caseOfficer,
	"POST /espace/demandes/{id}/statut": caseOfficer, "POST /espace/demandes/{id}/resoudre": caseOfficer,
	"POST /espace/demandes/{id}/priorite": caseOfficer, "POST /espace/demandes/{id}/besoin": caseOfficer,
	"POST /espace/demandes/{id}/note": caseOfficer, "POST /espace/demandes/{id}/message": caseOfficer,
	"POST /espace/demandes/{id}/effacer": caseOfficer, "POST /espace/demandes/{id}/orientations": caseOfficer,
	"POST /espace/demandes/{id}/simulation":              caseOfficer,
	"POST /espace/demandes/{id}/orientations/{referral}": caseOfficer,
}

// role is one kind of visitor of the matrix.
type role struct {
	name    string
	user    staff.Role // empty for visitors who are not signed in
	inQueue bool       // an officer of the queue the tested requests go to
	link    bool       // holds a tracking link
}

var roles = []role{
	{name: "anonymous"},
	{name: "applicant with a tracking link", link: true},
	{name: "observatory", user: staff.RoleObservatory},
	{name: "officer of another queue", user: staff.RoleOfficer},
	{name: "officer", user: staff.RoleOfficer, inQueue: true},
	{name: "supervisor", user: staff.RoleSupervisor},
	{name: "admin", user: staff.RoleAdmin},
}

// allowed says whether ro may use a route of access a.
func (ro role) allowed(a access) bool {
	switch a {
	case anyone:
		return true
	case linkHolder:
		return ro.link
	case anyStaff:
		return ro.user != ""
	case caseworkers:
		return slices.Contains([]staff.Role{staff.RoleOfficer, staff.RoleSupervisor, staff.RoleAdmin}, ro.user)
	case caseOfficer:
		return ro.inQueue || ro.user == staff.RoleSupervisor || ro.user == staff.RoleAdmin
	case supervisors:
		return ro.user == staff.RoleSupervisor || ro.user == staff.RoleAdmin
	}
	return ro.user == staff.RoleAdmin
}

// Every route × every role: the expected status, from the router's own route list.
// Refused staff get the 403 page, visitors who are not signed in are sent to sign in,
// a tracking link opens only its own request, and those allowed get the page (GET) or an
// answer that is neither a refusal nor a server error (POST, with an empty form).
func TestEveryRouteAnswersEveryRoleAsItsRuleSays(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	ctx := context.Background()
	d.createStaff(t, "obs@cd47.fr", staff.RoleObservatory, password)
	d.createStaff(t, "sup@cd47.fr", staff.RoleSupervisor, password)
	d.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	accounts := map[string]string{"observatory": "obs@cd47.fr", "officer of another queue": "paul@cd47.fr",
		"officer": "claire@cd47.fr", "supervisor": "sup@cd47.fr", "admin": "admin@cd47.fr"}

	// What the routes' parameters stand for. Changes that remove or reorder go to spare
	// queues, rules and requests, so that they do not alter what later checks read.
	ruleID := d.countRows(t, `SELECT id FROM routing_rules ORDER BY id LIMIT 1`)
	spareQueue, err := d.db.CreateQueue(ctx, routing.QueueSpec{Name: "File de réserve", Policy: routing.PolicyClaim, FirstResponseDays: 2, ResolutionDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	spareRule, err := d.db.CreateRule(ctx, routing.Rule{Name: "Règle de réserve", QueueID: spareQueue, Audiences: []string{"pupil"}, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	partner, err := d.db.SavePartner(ctx, casework.Partner{Name: "CPAM de Lot-et-Garonne", Kind: "cpam", Email: "cpam@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	// A published offer, opportunity and housing for the pages that read them, and spares
	// for the changes (an empty form unpublishes).
	offer, spareOffer := d.publishedOffer(t), d.publishedOffer(t)
	opportunity, spareOpportunity := d.publishedOpportunity(t), d.publishedOpportunity(t)
	housing, spareHousing := d.publishedHousing(t), d.publishedHousing(t)
	importStructures(t, d.db)
	testimonial, photo := createTestimonial(t, d.portal, true)
	page := createPage(t, d.portal, "pass", true)
	sparePage := createPage(t, d.portal, "page-de-reserve", false)
	d.post(t, d.client(t), "/demande/medecin", doctorForm("cle-matrice-lien-0001"))
	link := trackingLink.FindStringSubmatch(d.waitForEmail(t, "amina.diallo@example.org").body)[1]
	// A published event for the public routes, a spare one for the staff's changes, and a
	// registration whose link the applicant holds too.
	event, spareEvent := d.publishedEvent(t, "Soirée des internes", 30), d.publishedEvent(t, "Forum de réserve", 30)
	registration := d.registrationLink(t, event, "inscrite@example.org")
	requests := 0
	path := func(ro role, method, route string) string {
		id := ""
		switch {
		case strings.HasPrefix(route, "/espace/demandes/{id}"):
			requests++ // each check gets its own request, in Claire's queue
			n, _ := d.file(t, fmt.Sprintf("cle-matrice-%08d", requests), fmt.Sprintf("m%d@example.org", requests), "200096956")
			id = itoa(n)
		case strings.HasPrefix(route, "/espace/files/{id}"):
			id = itoa(d.agenQueue)
			if method != http.MethodGet {
				id = itoa(spareQueue)
			}
		case strings.HasPrefix(route, "/espace/regles/{id}"):
			id = itoa(int64(ruleID))
			if method != http.MethodGet {
				id = itoa(spareRule)
			}
		case strings.HasPrefix(route, "/espace/partenaires/{id}"):
			id = itoa(partner)
		case strings.Contains(route, "/stages/{id}"):
			id = itoa(pick(method, offer, spareOffer))
		case strings.Contains(route, "/exercer/{id}"):
			id = itoa(pick(method, opportunity, spareOpportunity))
		case strings.Contains(route, "/logements/{id}"):
			id = itoa(pick(method, housing, spareHousing))
		case strings.HasPrefix(route, "/evenements/{id}"):
			id = itoa(event)
		case strings.HasPrefix(route, "/espace/evenements/{id}"):
			id = itoa(event)
			if method != http.MethodGet {
				id = itoa(spareEvent)
			}
		case strings.HasPrefix(route, "/espace/temoignages/{id}"):
			id = itoa(testimonial)
		case strings.HasPrefix(route, "/espace/pages/{id}"):
			id = itoa(page)
			if method != http.MethodGet {
				id = itoa(sparePage)
			}
		}
		slug := "medecin" // a request form
		if strings.HasPrefix(route, "/lycee/") {
			slug = "pass"
		}
		token := strings.TrimPrefix(link, "/suivi/")
		if strings.HasPrefix(route, "/inscription/") {
			token = registration
		}
		if !ro.link {
			token = strings.Repeat("A", 43) // a well-formed link to no request
		}
		return strings.NewReplacer("{id}", id, "{token}", token, "{slug}", slug, "{name}", photo, "epci/{code}", "epci/200096956", "commune/{code}", "commune/47001",
			"{reference}", "BD-2026-00001", "{referral}", "1", "{registration}", "1", "{finess}", "470000001", "/*", "/app.css").Replace(route)
	}

	type check struct{ method, route string }
	var checks []check
	listed := map[string]bool{}
	err = chi.Walk(d.Config.Handler.(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		key := method + " " + route
		if _, ok := routeAccess[key]; !ok {
			t.Errorf("%s has no access rule in routeAccess", key)
			return nil
		}
		listed[key] = true
		checks = append(checks, check{method, route})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for key := range routeAccess {
		if !listed[key] {
			t.Errorf("routeAccess lists %s, which the router does not serve", key)
		}
	}
	if len(checks) < len(routeAccess) || len(checks) < 70 {
		t.Fatalf("the router lists %d routes", len(checks))
	}
	// Reads first, then changes, and signing out last.
	slices.SortStableFunc(checks, func(a, b check) int {
		rank := func(c check) int {
			switch {
			case c.route == "/deconnexion":
				return 2
			case c.method == http.MethodGet:
				return 0
			}
			return 1
		}
		return rank(a) - rank(b)
	})

	for _, ro := range roles {
		c := d.client(t)
		if ro.user != "" {
			d.signIn(t, c, accounts[ro.name], password)
		}
		for _, ch := range checks {
			a := routeAccess[ch.method+" "+ch.route]
			p := path(ro, ch.method, ch.route)
			req := httptestRequest(t, ch.method, d.URL+p, strings.NewReader(""))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res := do(t, c, req)
			where := fmt.Sprintf("%s: %s %s", ro.name, ch.method, p)
			toSignIn := res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/connexion")
			switch {
			case ch.route == "/connexion" && ch.method == http.MethodGet && ro.user != "":
				if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/espace" {
					t.Errorf("%s: status %d (to %q), want signed-in staff sent to their workspace", where, res.StatusCode, res.Header.Get("Location"))
				}
			case ro.allowed(a) && ch.method == http.MethodGet:
				if res.StatusCode != http.StatusOK {
					t.Errorf("%s: status %d, want 200", where, res.StatusCode)
				}
			case ro.allowed(a):
				if res.StatusCode == http.StatusForbidden || res.StatusCode >= 500 || (toSignIn && ch.route != "/deconnexion") {
					t.Errorf("%s: status %d (to %q), want it let through", where, res.StatusCode, res.Header.Get("Location"))
				}
			case a == linkHolder:
				if res.StatusCode != http.StatusNotFound {
					t.Errorf("%s: status %d, want 404 for a link to no request", where, res.StatusCode)
				}
			case ro.user == "":
				if !toSignIn {
					t.Errorf("%s: status %d (to %q), want a redirect to sign in", where, res.StatusCode, res.Header.Get("Location"))
				}
			default:
				if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "Accès refusé") {
					t.Errorf("%s: status %d, want the 403 page", where, res.StatusCode)
				}
			}
		}
	}

	// Every form, each of its fields filled with a NUL and a byte that is not UTF-8, gets
	// an answer that is not a server error: an administrator and a registrant's link
	// reach them all.
	admin := d.client(t)
	d.signIn(t, admin, accounts["admin"], password)
	holder := role{name: "admin with a link", user: staff.RoleAdmin, link: true}
	for _, ch := range checks {
		if ch.method != http.MethodPost || ch.route == "/deconnexion" {
			continue
		}
		p := path(holder, ch.method, ch.route)
		if res := d.post(t, admin, p, hostileForm()); res.StatusCode >= 500 {
			t.Errorf("POST %s with broken characters: status %d", p, res.StatusCode)
		}
	}
}

// hostileForm fills every field name the portal's forms read with broken characters.
func hostileForm() url.Values {
	form := url.Values{}
	for _, name := range strings.Fields(`address agent attendre audience audiences besoin body capacity children_levels
		commune contact contenu default description email enabled epcis file first_name form_key host_kind host_name housing
		kind lang last_name level membres message monthly_rent name needs next nom note offer open_to_anywhere opportunity
		organisation orientation orientation-message partenaire partner_name password phone policy position practice_mode
		priorite publish queue remove_photo seeks_gp semester simulation situation situations slug specialty spouse_field
		starts_on statut structure_name summary supervisor target_communes timeframe title travel_help website zones
		professions date commune_date outcome installed_on mode structure host semestre`) {
		form.Set(name, "texte \x00 cassé \xff")
	}
	return form
}

// pick is the item a check reads (GET) or the spare one it may change.
func pick(method string, read, spare int64) int64 {
	if method == http.MethodGet {
		return read
	}
	return spare
}
