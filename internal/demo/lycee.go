package demo

import (
	"context"
	"errors"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

// lyceePages are the high-school corner's pages on the way into medical studies: general,
// sober facts written for the portal, loaded with the demonstration and marked « to
// review » so that the administration reads them before relying on them.
var lyceePages = []content.Page{
	{Slug: "pass", Position: 1, Title: "Le PASS : parcours d'accès spécifique santé",
		Summary: "Une première année à l'université, avec une majeure santé et une mineure dans une autre discipline.",
		Body: `Le **PASS** (parcours d'accès spécifique santé) est l'une des deux voies d'entrée dans les études de médecine, de maïeutique (sage-femme), d'odontologie, de pharmacie et de kinésithérapie (les filières « MMOPK »).

## Comment se passe l'année

- Une année à l'université, dans une université qui a une composante santé.
- Une **majeure santé** (biologie, chimie, anatomie, santé publique…) et une **mineure** dans une autre discipline (droit, sciences, lettres, sciences humaines…).
- Pour candidater en MMOPK, il faut valider l'année ; la sélection se fait sur les notes et, selon les universités, sur des épreuves orales.

## Et si je ne suis pas admis·e ?

On ne redouble pas le PASS. L'année validée permet de poursuivre en deuxième année de licence dans la discipline de la mineure, avec l'option « accès santé » (L.AS) pour tenter une seconde fois. Chacun dispose de **deux candidatures au plus** pour entrer en MMOPK.

## Ensuite

Les études de médecine générale durent dix ans au total : six ans à la faculté, puis quatre ans d'internat, dont la dernière année comme docteur junior.

Pour en savoir plus : [etudiant.gouv.fr](https://www.etudiant.gouv.fr) et les pages « santé » de [l'Onisep](https://www.onisep.fr).`},
	{Slug: "las", Position: 2, Title: "La L.AS : licence avec option accès santé",
		Summary: "Une licence dans la discipline de votre choix, complétée par des enseignements de santé.",
		Body: `La **L.AS** (licence « accès santé ») est la seconde voie d'entrée en médecine, maïeutique, odontologie, pharmacie et kinésithérapie (MMOPK).

## Le principe

- Vous suivez une licence dans une discipline qui vous plaît : droit, biologie, psychologie, STAPS, économie…
- Vous y ajoutez une **option « accès santé »** : des enseignements de santé en plus de la licence.
- Après avoir validé une, deux ou trois années de licence avec cette option, vous pouvez candidater en MMOPK ; la sélection se fait sur les notes et, souvent, sur des épreuves orales.

## Pourquoi choisir la L.AS

Elle convient à qui veut garder un autre projet d'études : si la santé ne se fait pas, la licence continue. Comme pour le PASS, chacun dispose de **deux candidatures au plus** pour entrer en MMOPK.

Pour en savoir plus : [etudiant.gouv.fr](https://www.etudiant.gouv.fr) et [l'Onisep](https://www.onisep.fr).`},
	{Slug: "parcoursup", Position: 3, Title: "Parcoursup : candidater en terminale",
		Summary: "Les vœux pour le PASS et les L.AS se font sur Parcoursup, au printemps de l'année de terminale.",
		Body: `Les candidatures au **PASS** et aux **L.AS** passent par [Parcoursup](https://www.parcoursup.fr), comme les autres formations de l'enseignement supérieur.

## Le calendrier, en général

- De **janvier à mars** de l'année de terminale : vous formulez vos vœux.
- Début **avril** : vous complétez vos dossiers et confirmez vos vœux.
- À partir de **juin** : les réponses des formations arrivent.

Le calendrier exact de l'année est publié sur [parcoursup.fr](https://www.parcoursup.fr) : vérifiez-le dès l'automne.

## Conseils

- Chaque PASS et chaque L.AS est un vœu différent : lisez les attendus de chaque formation.
- Faire un vœu en PASS et des vœux en L.AS est possible et souvent conseillé.
- Parlez-en avec votre professeur principal et les psychologues de l'Éducation nationale de votre lycée.`},
	{Slug: "cesp", Position: 4, Title: "Le CESP : une allocation pendant les études",
		Summary: "Le contrat d'engagement de service public verse une allocation mensuelle en échange d'une installation dans un territoire qui manque de médecins.",
		Body: `Le **contrat d'engagement de service public** (CESP) aide les étudiants en médecine à financer leurs études.

## Ce que vous recevez

Une allocation de **1 200 € brut par mois**, à partir de la deuxième année des études et jusqu'à l'obtention du diplôme.

## Ce que vous vous engagez à faire

- Exercer dans une zone où l'offre de soins est insuffisante, choisie sur une liste nationale.
- Pendant **autant d'années que vous avez reçu l'allocation**, et **deux ans au moins**.
- En secteur 1, c'est-à-dire aux tarifs de l'Assurance Maladie, sans dépassement d'honoraires.

Rompre l'engagement oblige à rembourser les sommes reçues, avec une pénalité.

## Comment candidater

Le nombre de contrats est fixé chaque année par faculté. Les candidatures se font auprès de votre université ; le Centre national de gestion (CNG) publie les textes et la liste des lieux d'exercice : [cng.sante.fr](https://www.cng.sante.fr).`},
}

// demoTestimonials are invented: pages label them « Témoignage de démonstration ». Their
// communes are real communes of Lot-et-Garonne.
var demoTestimonials = []content.Testimonial{
	{PersonName: "Inès D.", CommuneINSEE: "47195", InstalledYear: 2024, Body: "Interne en stage à Nérac, j'ai découvert une maison de santé où l'on travaille vraiment en équipe. Le guichet unique m'a aidée pour les démarches et pour trouver un logement : je m'y suis installée à la fin de mon internat."},
	{PersonName: "Thomas L.", CommuneINSEE: "47157", InstalledYear: 2023, Body: "Nous cherchions un cadre de vie pour nos enfants et un emploi pour ma compagne. L'équipe du Département a fait le lien avec les écoles et les employeurs du Marmandais. Deux ans après, je ne regrette rien."},
	{PersonName: "Sophie M.", CommuneINSEE: "47323", InstalledYear: 2025, Body: "Après plusieurs années de remplacements, je me suis installée à Villeneuve-sur-Lot avec deux confrères. Les aides à l'installation et l'accompagnement pas à pas ont rendu le projet simple."},
}

// loadLycee adds the high-school corner's pages, published but « to review », and the
// demonstration testimonials, published, in the name of the demonstration administrator
// so that their history says who. Running it again changes nothing.
func loadLycee(ctx context.Context, db *postgres.DB) error {
	admin, err := db.UserByEmail(ctx, "admin@demo.test")
	if err != nil {
		return err
	}
	for _, p := range lyceePages {
		p.ToReview = true
		id, err := db.SavePage(ctx, p, admin.ID)
		if errors.Is(err, bienvenue.ErrConflict) {
			continue // already there, perhaps edited since
		}
		if err != nil {
			return err
		}
		if err := db.SetPublished(ctx, content.KindPage, id, true, admin.ID); err != nil {
			return err
		}
	}
	if n, err := db.CountDemoTestimonials(ctx); err != nil || n > 0 {
		return err
	}
	for _, t := range demoTestimonials {
		t.Demo = true
		id, err := db.SaveTestimonial(ctx, t, nil, admin.ID)
		if err != nil {
			return err
		}
		if err := db.SetPublished(ctx, content.KindTestimonial, id, true, admin.ID); err != nil {
			return err
		}
	}
	return nil
}
