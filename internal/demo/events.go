package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/events"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

// demoEvents are invented events in real communes of Lot-et-Garonne, days from the
// day the demo is loaded; their titles say they are demonstrations.
var demoEvents = []struct {
	days, hour, hours int
	event             events.Event
}{
	{12, 18, 3, events.Event{Title: "Soirée d'accueil des internes (démonstration)", Commune: "47001",
		Address: "Salle des Illustres, Hôtel de ville, place du Docteur-Pierre-Esquirol", Audience: "internes", Capacity: 60,
		Description: "Bienvenue aux internes du semestre ! Rencontrez vos maîtres de stage, l'équipe du Département et les internes des promotions précédentes autour d'un buffet.\n\n- présentation des aides au logement et au transport\n- témoignages de jeunes médecins installés\n\n*Évènement de démonstration : il n'aura pas lieu.*"}},
	{19, 9, 8, events.Event{Title: "Journée découverte de la médecine générale en Marmandais (démonstration)", Commune: "47157",
		Address: "Maison de santé pluriprofessionnelle, rue de la Libération", Audience: "externes", Capacity: 25,
		Description: "Une journée pour découvrir l'exercice en maison de santé : consultations aux côtés d'un médecin, visite du territoire, déjeuner avec l'équipe.\n\n*Évènement de démonstration : il n'aura pas lieu.*"}},
	{26, 18, 2, events.Event{Title: "Table ronde : s'installer en maison de santé (démonstration)", Commune: "47323",
		Address: "Théâtre Georges-Leygues, boulevard de la République", OnlineURL: "https://visio.example.org/table-ronde-demo",
		Audience: "medecins", Capacity: 40,
		Description: "Médecins installés, ARS et CPAM répondent à vos questions : statut, aides, organisation, vie de famille. Sur place ou en ligne.\n\n*Évènement de démonstration : il n'aura pas lieu.*"}},
	{33, 14, 3, events.Event{Title: "Forum des études de santé au lycée (démonstration)", Commune: "47195",
		Address: "Lycée George-Sand, avenue Jean-Jaurès", Audience: "lyceens", Capacity: 120,
		Description: "Étudiantes et étudiants en médecine présentent leurs études aux lycéens et à leurs parents : PASS, LAS, stages, vie étudiante.\n\n*Évènement de démonstration : il n'aura pas lieu.*"}},
}

// loadEvents publishes the demonstration events, unless the database has events already.
func loadEvents(ctx context.Context, db *postgres.DB) error {
	if _, total, err := db.AllEvents(ctx, 1, 0); err != nil || total > 0 {
		return err
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return err
	}
	y, m, d := time.Now().In(paris).Date()
	for _, de := range demoEvents {
		e := de.event
		e.StartsAt = time.Date(y, m, d+de.days, de.hour, 0, 0, 0, paris)
		e.EndsAt = e.StartsAt.Add(time.Duration(de.hours) * time.Hour)
		id, err := db.SaveEvent(ctx, e, 0, paris, nil)
		if err != nil {
			return fmt.Errorf("demo event %q: %w", e.Title, err)
		}
		if err := db.SetPublished(ctx, content.KindEvent, id, true, 0); err != nil {
			return err
		}
	}
	return nil
}
