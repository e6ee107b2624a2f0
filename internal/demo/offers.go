package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

// place is a real commune of Lot-et-Garonne with its intercommunality.
type place struct{ insee, epci string }

var (
	agen         = place{"47001", "200096956"}
	casteljaloux = place{"47052", "244701355"}
	duras        = place{"47086", "244700449"}
	fumel        = place{"47106", "200068930"}
	marmande     = place{"47157", "200030674"}
	miramont     = place{"47168", "244700464"}
	monflanquin  = place{"47175", "200036523"}
	nerac        = place{"47195", "200068948"}
	villeneuve   = place{"47323", "200023307"}
	tonneins     = place{"47310", "200030674"}
)

// demoText marks every invented description.
const demoText = "*Annonce de démonstration : ce lieu, cette personne et ces conditions sont inventés pour essayer le portail.*\n\n"

// loadOffers adds invented internship offers, trainee housing and practice
// opportunities in real communes, once: nothing is added when offers exist.
func loadOffers(ctx context.Context, db *postgres.DB, now time.Time) error {
	if _, total, err := db.AllOffers(ctx, 0, 1); err != nil || total > 0 {
		return err
	}
	sem := offers.SemesterOf(now).Next()
	type offer struct {
		title, hostKind, host string
		at                    place
		specialty, level      string
		sem                   offers.Semester
		housing, travel       bool
	}
	list := []offer{
		{"Médecine générale en maison de santé rurale", "msp", "Maison de santé des Landes de Gascogne (démonstration)", casteljaloux, "medecine_generale", "interne_socle", sem, true, true},
		{"SASPAS en cabinet de groupe", "cabinet", "Cabinet des Bastides (démonstration)", monflanquin, "medecine_generale", "interne_approfondissement", sem, true, false},
		{"Docteur junior en centre de santé départemental", "centre", "Centre de santé de Fumel (démonstration)", fumel, "medecine_generale", "docteur_junior", sem, false, true},
		{"Urgences au centre hospitalier", "hopital", "Centre hospitalier de Marmande (démonstration)", marmande, "urgences", "interne_socle", sem, true, false},
		{"Pédiatrie et suivi des enfants", "hopital", "Centre hospitalier d'Agen (démonstration)", agen, "pediatrie", "interne_approfondissement", sem.Next(), true, false},
		{"Stage d'externe en médecine générale", "msp", "Maison de santé du Pays de Duras (démonstration)", duras, "medecine_generale", "externe", sem, true, true},
		{"Gériatrie en territoire rural", "hopital", "Hôpital de Villeneuve-sur-Lot (démonstration)", villeneuve, "geriatrie", "interne_socle", sem.Next(), false, true},
		{"Gynécologie et santé des femmes en ville", "cabinet", "Cabinet du Néracais (démonstration)", nerac, "gynecologie", "interne_approfondissement", sem.Next(), true, true},
	}
	for i, o := range list {
		id, err := db.SaveOffer(ctx, offers.Offer{Title: o.title, HostKind: o.hostKind, HostName: o.host, Commune: o.at.insee, EPCI: o.at.epci,
			Specialty: o.specialty, Level: o.level, Semester: o.sem, Supervisor: fmt.Sprintf("Dr Exemple %c. (fictif)", 'A'+i),
			Housing: o.housing, TravelHelp: o.travel,
			Description: demoText + "Patientèle variée, consultations et visites à domicile, travail en équipe avec les infirmières et les kinésithérapeutes.\n\n" +
				"- encadrement par un maître de stage universitaire\n- participation aux réunions de concertation\n- une demi-journée de formation par semaine"}, 0)
		if err != nil {
			return fmt.Errorf("demo offer: %w", err)
		}
		if err := db.SetPublished(ctx, content.KindOffer, id, i != len(list)-1, 0); err != nil { // the last stays a draft
			return err
		}
	}
	housing := []offers.Housing{
		{Title: "Internat du centre hospitalier (démonstration)", Kind: "internat", Commune: marmande.insee, EPCI: marmande.epci, Audience: "internes", MonthlyRent: 0, Capacity: 12, Contact: "internat@exemple.test"},
		{Title: "Logement communal pour stagiaires (démonstration)", Kind: "communal", Commune: casteljaloux.insee, EPCI: casteljaloux.epci, Audience: "tous", MonthlyRent: 150, Capacity: 3, Contact: "mairie@exemple.test"},
		{Title: "Colocation d'étudiants en santé (démonstration)", Kind: "colocation", Commune: villeneuve.insee, EPCI: villeneuve.epci, Audience: "tous", MonthlyRent: 280, Capacity: 4, Contact: "06 00 00 00 00 (fictif)"},
		{Title: "Chambre chez l'habitant (démonstration)", Kind: "habitant", Commune: miramont.insee, EPCI: miramont.epci, Audience: "externes", MonthlyRent: 200, Capacity: 1, Contact: "accueil@exemple.test"},
	}
	for _, h := range housing {
		h.Description = demoText + "Meublé, à dix minutes du lieu de stage ; draps et cuisine équipée fournis."
		id, err := db.SaveHousing(ctx, h, 0)
		if err != nil {
			return fmt.Errorf("demo housing: %w", err)
		}
		if err := db.SetPublished(ctx, content.KindHousing, id, true, 0); err != nil {
			return err
		}
	}
	starts := now.AddDate(0, 3, 0)
	opportunities := []offers.Opportunity{
		{Kind: "salarie", Title: "Médecin généraliste salarié·e, temps plein ou partiel", StructureName: "Centre de santé de Fumel (démonstration)", Commune: fumel.insee, EPCI: fumel.epci, Contact: "recrutement@exemple.test"},
		{Kind: "structure", Title: "Une maison de santé cherche son troisième médecin", StructureName: "Maison de santé des Landes de Gascogne (démonstration)", Commune: casteljaloux.insee, EPCI: casteljaloux.epci, Contact: "msp@exemple.test"},
		{Kind: "succession", Title: "Cabinet à reprendre après un départ en retraite", StructureName: "Cabinet de Tonneins (démonstration)", Commune: tonneins.insee, EPCI: tonneins.epci, StartsOn: &starts, Contact: "cabinet@exemple.test"},
		{Kind: "remplacement", Title: "Remplacements réguliers l'été", StructureName: "Cabinet du Néracais (démonstration)", Commune: nerac.insee, EPCI: nerac.epci, Contact: "remplacement@exemple.test"},
	}
	for _, o := range opportunities {
		o.Description = demoText + "Patientèle fidèle, secrétariat, logiciel partagé et locaux accessibles. L'équipe accueille volontiers des internes."
		id, err := db.SaveOpportunity(ctx, o, 0)
		if err != nil {
			return fmt.Errorf("demo opportunity: %w", err)
		}
		if err := db.SetPublished(ctx, content.KindOpportunity, id, true, 0); err != nil {
			return err
		}
	}
	return nil
}
