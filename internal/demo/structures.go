package demo

import (
	"context"
	"fmt"

	"github.com/bienvenue-sante/bienvenue/internal/finess"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/structures"
)

// fakePhone is a number no one answers.
const fakePhone = "0500000000"

// demoStructureNote opens every invented structure's presentation.
const demoStructureNote = "*Données de démonstration.* Cette structure est inventée pour essayer le portail : ni son équipe, ni son adresse, ni son numéro n'existent.\n\n"

// demoStructures are invented maisons and centres de santé in real communes of
// Lot-et-Garonne. Their FINESS numbers start with 47999, which no establishment has, and
// their names match the demonstration offers'.
var demoStructures = []struct {
	structure finess.Structure
	profile   structures.Profile
}{
	{finess.Structure{FINESS: "479990001", Name: "Maison de santé des Deux Rives (démonstration)", Category: finess.CategoryMSP,
		Commune: agen.insee, Address: "1 rue de l'Exemple, 47000 AGEN"},
		structures.Profile{Professions: []string{"medecin_generaliste", "infirmier", "kinesitherapeute", "psychologue", "dieteticien"},
			Note: "Six médecins, une équipe d'infirmières et un programme d'éducation thérapeutique pour les patients diabétiques."}},
	{finess.Structure{FINESS: "479990002", Name: "Maison de santé des Landes de Gascogne (démonstration)", Category: finess.CategoryMSP,
		Commune: casteljaloux.insee, Address: "2 place de l'Exemple, 47700 CASTELJALOUX"},
		structures.Profile{Professions: []string{"medecin_generaliste", "infirmier", "kinesitherapeute", "sage_femme"}, SeeksGP: true,
			Note: "Deux médecins pour un bassin de huit mille habitants : l'équipe cherche son troisième médecin et accueille des internes."}},
	{finess.Structure{FINESS: "479990003", Name: "Maison de santé du Pays de Duras (démonstration)", Category: finess.CategoryMSP,
		Commune: duras.insee, Address: "3 avenue de l'Exemple, 47120 DURAS"},
		structures.Profile{Professions: []string{"medecin_generaliste", "infirmier", "orthophoniste"}, SeeksGP: true,
			Note: "Un cabinet médical libre dès l'an prochain, au départ en retraite de l'un des médecins."}},
	{finess.Structure{FINESS: "479990004", Name: "Centre de santé de Fumel (démonstration)", Category: finess.CategoryCDS,
		Commune: fumel.insee, Address: "4 rue de l'Exemple, 47500 FUMEL"},
		structures.Profile{Professions: []string{"medecin_generaliste", "infirmier", "dentiste"}, SeeksGP: true,
			Note: "Médecins salariés, secrétariat et tiers payant : le centre recrute un médecin généraliste à temps plein ou partiel."}},
	{finess.Structure{FINESS: "479990005", Name: "Maison de santé du Val de Garonne (démonstration)", Category: finess.CategoryMSP,
		Commune: marmande.insee, Address: "5 boulevard de l'Exemple, 47200 MARMANDE"},
		structures.Profile{Professions: []string{"medecin_generaliste", "infirmier", "kinesitherapeute", "podologue", "pharmacien"},
			Note: "Maison de santé universitaire : plusieurs maîtres de stage y reçoivent des internes chaque semestre."}},
	{finess.Structure{FINESS: "479990006", Name: "Maison de santé des Bastides (démonstration)", Category: finess.CategoryMSP,
		Commune: miramont.insee, Address: "6 rue de l'Exemple, 47800 MIRAMONT-DE-GUYENNE"}, structures.Profile{}},
	{finess.Structure{FINESS: "479990007", Name: "Maison de santé du Haut-Agenais (démonstration)", Category: finess.CategoryMSP,
		Commune: monflanquin.insee, Address: "7 place de l'Exemple, 47150 MONFLANQUIN"},
		structures.Profile{Professions: []string{"medecin_generaliste", "infirmier", "sage_femme"}, SeeksGP: true,
			Note: "Une bastide, une équipe soudée et un logement pour les remplaçants."}},
	{finess.Structure{FINESS: "479990008", Name: "Centre de santé de l'Albret (démonstration)", Category: finess.CategoryCDS,
		Commune: nerac.insee, Address: "8 avenue de l'Exemple, 47600 NERAC"}, structures.Profile{}},
	{finess.Structure{FINESS: "479990009", Name: "Maison de santé du Lot et de la Lède (démonstration)", Category: finess.CategoryMSP,
		Commune: villeneuve.insee, Address: "9 rue de l'Exemple, 47300 VILLENEUVE SUR LOT"},
		structures.Profile{Professions: []string{"medecin_generaliste", "infirmier", "kinesitherapeute", "orthophoniste", "psychologue"},
			Note: "Consultations sans rendez-vous le samedi matin, en lien avec les urgences de l'hôpital."}},
	{finess.Structure{FINESS: "479990010", Name: "Centre de santé des Quais (démonstration)", Category: finess.CategoryCDS,
		Commune: tonneins.insee, Address: "10 quai de l'Exemple, 47400 TONNEINS"}, structures.Profile{}},
}

// loadStructures imports the invented structures as a demonstration import, with their
// profiles, unless structures were imported already, invented or from FINESS.
func loadStructures(ctx context.Context, db *postgres.DB) error {
	if _, imported, err := db.LatestFINESSImport(ctx); err != nil || imported {
		return err
	}
	list := make([]finess.Structure, len(demoStructures))
	for i, d := range demoStructures {
		list[i] = d.structure
		list[i].Phone = fakePhone
		// Profiles outlive imports: saving them first lets a load that stopped halfway
		// start again, since an unchanged profile saves nothing.
		if d.profile.Note == "" && len(d.profile.Professions) == 0 {
			continue
		}
		p := d.profile
		p.Note = demoStructureNote + p.Note
		if err := p.Validate(); err != nil {
			return fmt.Errorf("demo structure %s: %w", d.structure.Name, err)
		}
		if err := db.SaveStructureProfile(ctx, d.structure.FINESS, p, 0); err != nil {
			return err
		}
	}
	imp := postgres.FINESSImport{Filename: "démonstration", TakenOn: db.Now(), Demo: true}
	return db.ImportStructures(ctx, imp, len(list), list, 0)
}
