package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/casework"
	"github.com/bienvenue-sante/bienvenue/internal/mail"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// The intercommunalities of Lot-et-Garonne (SIREN), split between two installation queues.
var (
	agenaisEPCIs    = []string{"200096956", "200068948", "200068922", "244701355", "248200016"}
	marmandaisEPCIs = []string{"200030674", "200023307", "200068930", "200036523", "244700464", "244701405", "244700449"}
)

type demoQueue struct {
	spec    routing.QueueSpec
	members []string // emails of demo accounts
	rule    routing.Rule
}

var queues = []demoQueue{
	{routing.QueueSpec{Name: "Installation — Agenais, Albret et Gascogne", Policy: routing.PolicyRoundRobin, FirstResponseDays: 2, ResolutionDays: 30,
		Description: "Médecins visant l'ouest et le centre du département."},
		[]string{"officer@demo.test"},
		routing.Rule{Name: "Médecins : Agenais, Albret, Prayssas, Gascogne", Audiences: []string{"doctor"}, EPCIs: agenaisEPCIs, Enabled: true}},
	{routing.QueueSpec{Name: "Installation — Marmandais, Villeneuvois et Haut-Agenais", Policy: routing.PolicyLeastLoaded, FirstResponseDays: 2, ResolutionDays: 30,
		Description: "Médecins visant le nord et l'est du département."},
		[]string{"officer@demo.test", "supervisor@demo.test"},
		routing.Rule{Name: "Médecins : Marmandais, Villeneuvois, Fumélois, Bastides", Audiences: []string{"doctor"}, EPCIs: marmandaisEPCIs, Enabled: true}},
	{routing.QueueSpec{Name: "Étudiants et internes", Policy: routing.PolicyClaim, FirstResponseDays: 3, ResolutionDays: 20, Description: "Stages, logements, événements."},
		[]string{"officer@demo.test"},
		routing.Rule{Name: "Étudiants et internes", Audiences: []string{"student"}, Enabled: true}},
	{routing.QueueSpec{Name: "Lycées", Policy: routing.PolicyClaim, FirstResponseDays: 5, ResolutionDays: 30, Description: "Questions sur les études, interventions."},
		[]string{"officer@demo.test"},
		routing.Rule{Name: "Lycéens, parents et enseignants", Audiences: []string{"highschool"}, Enabled: true}},
}

// demoRequests are invented applicants: every name and address is fictitious.
var demoRequests = []struct {
	audience casework.Audience
	app      casework.Application
	epcis    []string
}{
	{casework.AudienceDoctor, casework.Application{FirstName: "Camille", LastName: "Exemple", Situation: "locum", PracticeMode: "msp",
		Timeframe: "within_a_year", TargetEPCIs: []string{"200068948"}, Needs: []string{"financial_aid", "housing", "spouse_job"},
		SpouseField: "Infirmière", Message: "Remplaçante depuis deux ans, je cherche une maison de santé près de Nérac."}, nil},
	{casework.AudienceDoctor, casework.Application{FirstName: "Jules", LastName: "Fictif", Situation: "intern", PracticeMode: "group",
		Timeframe: "within_2_years", TargetEPCIs: []string{"200030674"}, Needs: []string{"structure_premises", "schooling"},
		ChildrenLevels: "CP et CM2", Message: "Interne en dernier semestre, je voudrais rejoindre un cabinet de groupe à Marmande."}, nil},
	{casework.AudienceDoctor, casework.Application{FirstName: "Nadia", LastName: "Démo", Situation: "trained_abroad", PracticeMode: "cds_employee",
		Timeframe: "within_6_months", OpenToAnywhere: true, Needs: []string{"admin_steps", "housing"},
		Message: "Diplômée en Belgique, je souhaite un poste salarié en centre de santé."}, nil},
	{casework.AudienceStudent, casework.Application{FirstName: "Léo", LastName: "Essai", Situation: "intern_first_years",
		Needs: []string{"internship", "trainee_housing"}, Organisation: "Université de Bordeaux",
		Message: "Je cherche un stage en médecine générale pour le semestre de mai, avec un logement."}, nil},
	{casework.AudienceHighSchool, casework.Application{FirstName: "Inès", LastName: "Modèle", Situation: "teacher",
		Needs: []string{"school_talk"}, Organisation: "Lycée d'exemple, Villeneuve-sur-Lot",
		Message: "Une intervention d'un médecin auprès de nos élèves de terminale serait-elle possible en février ?"}, nil},
}

// loadCasework creates what of the demo queues, their rules and officers, the partners,
// the fictitious zoning and the invented requests is missing: running it again adds
// nothing twice.
func loadCasework(ctx context.Context, db *postgres.DB) error {
	users, err := db.Users(ctx)
	if err != nil {
		return err
	}
	byEmail := map[string]staff.User{}
	for _, u := range users {
		byEmail[u.Email] = u
	}
	for i, q := range queues {
		id, err := db.CreateQueue(ctx, q.spec)
		if errors.Is(err, bienvenue.ErrConflict) {
			continue // loaded by an earlier run
		} else if err != nil {
			return err
		}
		for _, email := range q.members {
			if err := db.SetQueueMember(ctx, id, byEmail[email].ID, true); err != nil {
				return err
			}
		}
		rule := q.rule
		rule.QueueID = id
		if _, err := db.CreateRule(ctx, rule); err != nil {
			return fmt.Errorf("demo rule %d: %w", i, err)
		}
	}
	var defaultQueue int64
	if err := db.Pool.QueryRow(ctx, `SELECT id FROM queues WHERE is_default`).Scan(&defaultQueue); err != nil {
		return err
	}
	for _, email := range []string{"officer@demo.test", "supervisor@demo.test"} {
		if err := db.SetQueueMember(ctx, defaultQueue, byEmail[email].ID, true); err != nil {
			return err
		}
	}
	for _, p := range partners {
		if _, err := db.SavePartner(ctx, p); err != nil && !errors.Is(err, bienvenue.ErrConflict) {
			return fmt.Errorf("demo partner %s: %w", p.Name, err)
		}
	}
	if err := loadZoning(ctx, db); err != nil {
		return fmt.Errorf("demo zoning: %w", err)
	}
	if err := loadSnapshots(ctx, db); err != nil {
		return fmt.Errorf("demo snapshots: %w", err)
	}
	return loadRequests(ctx, db)
}

// partners are real bodies of the network, without contact details: an administrator
// enters those from the bodies themselves.
var partners = []casework.Partner{
	{Name: "ARS Nouvelle-Aquitaine, délégation départementale de Lot-et-Garonne", Kind: "ars",
		Needs: []string{"admin_steps", "financial_aid", "coordinated_practice"}},
	{Name: "CPAM de Lot-et-Garonne", Kind: "cpam", Needs: []string{"admin_steps", "financial_aid"}},
	{Name: "Agglomération d'Agen", Kind: "epci", Needs: []string{"housing", "structure_premises", "discovery_visit", "spouse_job"}},
	{Name: "Centre hospitalier Agen-Nérac", Kind: "hospital", Needs: []string{"internship", "trainee_housing"}},
	{Name: "Université de Bordeaux, département de médecine générale", Kind: "university",
		Needs: []string{"internship", "studies_question", "school_talk"}},
}

func loadRequests(ctx context.Context, db *postgres.DB) error {
	for i, r := range demoRequests {
		app := r.app
		app.Email = fmt.Sprintf("%s.%s@demo.test", lower(app.FirstName), lower(app.LastName))
		_, hash := casework.NewToken()
		_, _, err := db.CreateRequest(ctx, postgres.NewRequest{
			Audience: r.audience, Application: app, Lang: "fr", FormKey: fmt.Sprintf("demo-request-%02d", i),
			ReferencePrefix: "BD", RoutingEPCIs: app.TargetEPCIs, TokenHash: hash, TokenExpires: time.Now(),
			Confirmation: func(ref string) mail.Message {
				return mail.Message{To: app.Email, Subject: "Demande de démonstration " + ref,
					Text: "Demande de démonstration créée avec le contenu d'exemple du portail."}
			},
		})
		if err != nil {
			return fmt.Errorf("demo request %d: %w", i, err)
		}
	}
	return nil
}
