package aid

import "time"

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func dayPtr(s string) *time.Time { d := day(s); return &d }

// The sources the national rules were transcribed from (see docs: DOMAIN.md), on
// checkedOn. Administrators re-check them against the official texts.
const (
	sourceAmeli      = "Assurance Maladie (ameli.fr), « aides à l'exercice en zone sous-dense rénovées », 2026"
	sourceDecret231  = "Décret n° 2025-231 (règle des dix ans entre deux aides à l'installation)"
	sourceConvention = "Convention médicale de 2016, contrats démographiques (plus de nouvelle signature après le 31/12/2025)"
	sourceCESP       = "Contrat d'engagement de service public (CESP), ministère chargé de la santé"
	sourceDecret850  = "Décret n° 2025-850 (docteurs juniors de médecine générale)"
	sourcePlan2025   = "Plan gouvernemental 2025 d'accès aux soins, mission de solidarité territoriale"
	sourceCDE        = "Contrat de début d'exercice (CDE), Agences régionales de santé"
	sourceZFRR       = "France Ruralités Revitalisation (ZFRR, ex-ZRR), exonération d'impôt sur les bénéfices"
	urlAmeli         = "https://www.ameli.fr/"
	urlLegifrance    = "https://www.legifrance.gouv.fr/"
	urlSante         = "https://sante.gouv.fr/"
	urlImpots        = "https://www.impots.gouv.fr/"
)

var checkedOn = day("2026-11-22")

// National is the catalogue of national rules in force in 2026, with the 2016 contracts
// closed to new signatures. Local authorities' aids are entered by administrators.
var National = []Version{
	{Key: "am_install_zip", Name: "Aide à la première installation en zone d'intervention prioritaire (ZIP)",
		Funder: "Assurance Maladie", Level: "national", Audiences: []Situation{Settling, Locum, JuniorDoctor},
		ValidFrom: day("2026-01-01"), OneOff: 10000,
		Conditions:  "Première installation en exercice libéral conventionné (cabinet principal), en secteur 1 ou en secteur 2 avec OPTAM/OPTAM-ACO, dans une commune classée ZIP. Versée par la CPAM dans les trois mois ; pas de durée minimale d'installation ; pas de rétroactivité pour les installations de 2025.",
		Obligations: "Aucune durée minimale. Une nouvelle aide à l'installation de même nature n'est possible qu'après dix ans.",
		Source:      sourceAmeli + " ; " + sourceDecret231, SourceURL: urlAmeli, CheckedOn: checkedOn},
	{Key: "am_install_zac", Name: "Aide à la première installation en zone d'action complémentaire (ZAC)",
		Funder: "Assurance Maladie", Level: "national", Audiences: []Situation{Settling, Locum, JuniorDoctor},
		ValidFrom: day("2026-01-01"), OneOff: 5000,
		Conditions:  "Mêmes conditions que l'aide en ZIP, dans une commune classée ZAC.",
		Obligations: "Aucune durée minimale. Une nouvelle aide à l'installation de même nature n'est possible qu'après dix ans.",
		Source:      sourceAmeli + " ; " + sourceDecret231, SourceURL: urlAmeli, CheckedOn: checkedOn},
	{Key: "am_secondary_zip", Name: "Aide à l'ouverture d'un cabinet secondaire en ZIP",
		Funder: "Assurance Maladie", Level: "national", Audiences: []Situation{Settling, Settled},
		ValidFrom: day("2026-01-01"), OneOff: 3000,
		Conditions:  "Ouverture d'un cabinet secondaire dans une commune classée ZIP.",
		Obligations: "Aucune indiquée par la source.", Source: sourceAmeli, SourceURL: urlAmeli, CheckedOn: checkedOn},
	{Key: "am_fmt_bonus", Name: "Majoration du forfait médecin traitant (part « socle ») en ZIP ou en QPV",
		Funder: "Assurance Maladie", Level: "national", Audiences: []Situation{Settling, Settled},
		ValidFrom:   day("2026-01-01"),
		Conditions:  "Exercice en ZIP ou en quartier prioritaire (QPV) : +10 % ; pour une première installation dans ces zones : +50 % la première année, +30 % la deuxième, +10 % à partir de la troisième. Rien en ZAC.",
		Obligations: "Tant que le médecin exerce dans la zone.", Source: sourceAmeli, SourceURL: urlAmeli, CheckedOn: checkedOn},
	{Key: "caim", Name: "Contrat d'aide à l'installation des médecins (CAIM)", Funder: "Assurance Maladie", Level: "national",
		Audiences: []Situation{Settling, Locum, JuniorDoctor}, ValidFrom: day("2016-08-25"), ValidTo: dayPtr("2025-12-31"),
		OneOff: 50000, Conditions: "Jusqu'à 50 000 € pour une installation en ZIP, contre un engagement de cinq ans. Plus de nouvelle signature depuis le 1er janvier 2026 ; les contrats en cours vont à leur terme.",
		Obligations: "Exercer cinq ans dans la zone.", Source: sourceConvention, SourceURL: urlAmeli, CheckedOn: checkedOn},
	{Key: "coscom", Name: "Contrat de stabilisation et de coordination (COSCOM)", Funder: "Assurance Maladie", Level: "national",
		Audiences: []Situation{Settled}, ValidFrom: day("2016-08-25"), ValidTo: dayPtr("2025-12-31"),
		Conditions:  "5 000 € par an et 300 € par mois et par stagiaire accueilli, en ZIP, pour trois ans. Plus de nouvelle signature depuis le 1er janvier 2026.",
		Obligations: "Trois ans.", Source: sourceConvention, SourceURL: urlAmeli, CheckedOn: checkedOn},
	{Key: "cstm", Name: "Contrat de solidarité territoriale médecin (CSTM)", Funder: "Assurance Maladie", Level: "national",
		Audiences: []Situation{Settled}, ValidFrom: day("2016-08-25"), ValidTo: dayPtr("2025-12-31"),
		Conditions:  "25 % des honoraires perçus en ZIP lors d'une activité ponctuelle, dans la limite de 50 000 € par an. Plus de nouvelle signature depuis le 1er janvier 2026.",
		Obligations: "Selon le contrat.", Source: sourceConvention, SourceURL: urlAmeli, CheckedOn: checkedOn},
	{Key: "cotram", Name: "Contrat de transition (COTRAM)", Funder: "Assurance Maladie", Level: "national",
		Audiences: []Situation{Supervisor, Settled}, ValidFrom: day("2016-08-25"), ValidTo: dayPtr("2025-12-31"),
		Conditions:  "Pour un médecin de 60 ans ou plus qui accueille un nouveau médecin dans son cabinet en ZIP. Plus de nouvelle signature depuis le 1er janvier 2026.",
		Obligations: "Selon le contrat.", Source: sourceConvention, SourceURL: urlAmeli, CheckedOn: checkedOn},
	{Key: "cesp", Name: "Contrat d'engagement de service public (CESP)", Funder: "État (ARS)", Level: "state",
		Audiences: []Situation{Student, Intern}, ValidFrom: day("2026-01-01"), Monthly: 1200,
		Conditions:  "1 200 € bruts par mois, de la deuxième année des études jusqu'au diplôme.",
		Obligations: "Exercer dans une zone sous-dotée autant d'années que d'années d'allocation, deux au moins, en secteur 1.",
		Source:      sourceCESP, SourceURL: urlSante, CheckedOn: checkedOn},
	{Key: "junior_doctor_zip", Name: "Indemnité des docteurs juniors de médecine générale en ZIP", Funder: "État", Level: "state",
		Audiences: []Situation{JuniorDoctor}, ValidFrom: day("2026-11-01"), Monthly: 1000,
		Conditions:  "1 000 € bruts par mois si le stage a lieu en ZIP, à partir de novembre 2026.",
		Obligations: "Aucune indiquée par la source.", Source: sourceDecret850, SourceURL: urlLegifrance, CheckedOn: checkedOn},
	{Key: "supervisor_bonus", Name: "Majoration des maîtres de stage des docteurs juniors en ZIP, ZAC ou QPV", Funder: "État", Level: "state",
		Audiences: []Situation{Supervisor}, ValidFrom: day("2026-11-01"), Zones: []Zone{ZoneZIP, ZoneZAC, ZoneQPV},
		Conditions:  "Montants mensuels supplémentaires pour les maîtres de stage en ZIP, ZAC ou QPV ; les montants ne figurent pas dans les sources utilisées.",
		Obligations: "Accueillir un docteur junior.", Source: sourceDecret850, SourceURL: urlLegifrance, CheckedOn: checkedOn},
	{Key: "solidarity_mission", Name: "Mission de solidarité territoriale", Funder: "État (ARS)", Level: "state",
		Audiences: []Situation{Settling, Settled}, ValidFrom: day("2026-01-01"), Daily: 200,
		Conditions:  "200 € par jour en plus des honoraires, jusqu'à deux jours par mois, dans l'une des 151 intercommunalités prioritaires (« zones rouges »).",
		Obligations: "Consultations dans la zone prioritaire.", Source: sourcePlan2025, SourceURL: urlSante, CheckedOn: checkedOn},
	{Key: "cde", Name: "Contrat de début d'exercice (CDE)", Funder: "ARS", Level: "state",
		Audiences: []Situation{Locum, Intern}, ValidFrom: day("2024-01-01"),
		Conditions:  "Garantie de revenus la première année ; depuis 2024, réservé aux remplaçants et aux étudiants titulaires d'une licence de remplacement. Montant non publié dans les sources utilisées.",
		Obligations: "Selon le contrat signé avec l'ARS.", Source: sourceCDE, SourceURL: urlSante, CheckedOn: checkedOn},
	{Key: "zfrr", Name: "Exonération fiscale en zone France Ruralités Revitalisation (ZFRR)", Funder: "État (impôts)", Level: "tax",
		Audiences: []Situation{Settling, Settled}, ValidFrom: day("2026-01-01"),
		Conditions:  "Bénéfices exonérés à 100 % pendant cinq ans, puis 75 %, 50 % et 25 %. Exclus : micro-BNC, remplaçants et collaborateurs sans patientèle propre, transferts depuis une autre zone aidée.",
		Obligations: "Exercer dans la zone.", Source: sourceZFRR, SourceURL: urlImpots, CheckedOn: checkedOn},
}
