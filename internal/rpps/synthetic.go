package rpps

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Header is the 56-column header of the 2025 extracts (territory README), in order.
var Header = []string{"Type d'identifiant PP", "Identifiant PP", "Identification nationale PP", "Code civilité d'exercice",
	"Libellé civilité d'exercice", "Code civilité", "Libellé civilité", "Nom d'exercice", "Prénom d'exercice", "Code profession",
	"Libellé profession", "Code catégorie professionnelle", "Libellé catégorie professionnelle", "Code type savoir-faire",
	"Libellé type savoir-faire", "Code savoir-faire", "Libellé savoir-faire", "Code mode exercice", "Libellé mode exercice",
	"Numéro SIRET site", "Numéro SIREN site", "Numéro FINESS site", "Numéro FINESS établissement juridique",
	"Identifiant technique de la structure", "Raison sociale site", "Enseigne commerciale site",
	"Complément destinataire (coord. structure)", "Complément point géographique (coord. structure)",
	"Numéro Voie (coord. structure)", "Indice répétition voie (coord. structure)", "Code type de voie (coord. structure)",
	"Libellé type de voie (coord. structure)", "Libellé Voie (coord. structure)", "Mention distribution (coord. structure)",
	"Bureau cedex (coord. structure)", "Code postal (coord. structure)", "Code commune (coord. structure)",
	"Libellé commune (coord. structure)", "Code pays (coord. structure)", "Libellé pays (coord. structure)",
	"Téléphone (coord. structure)", "Téléphone 2 (coord. structure)", "Télécopie (coord. structure)",
	"Adresse e-mail (coord. structure)", "Code Département (structure)", "Libellé Département (structure)",
	"Ancien identifiant de la structure", "Autorité d'enregistrement", "Code secteur d'activité", "Libellé secteur d'activité",
	"Code section tableau pharmaciens", "Libellé section tableau pharmaciens", "Code rôle", "Libellé rôle",
	"Code genre activité", "Libellé genre activité"}

// Column positions in Header.
const (
	colID       = 2
	colJob      = 9
	colSkill    = 15
	colMode     = 17
	colPostcode = 35
	colCommune  = 36
)

// Row writes one extract row, with the columns the importer reads set and the others
// filled as a real extract would be.
func Row(id, job, skill, mode, postcode, commune string) string {
	f := make([]string, len(Header))
	f[0], f[1], f[colID], f[colJob], f[colSkill], f[colMode] = "8", id[1:], id, job, skill, mode
	f[colPostcode], f[colCommune] = postcode, commune
	f[7], f[8], f[24] = "SYNTHETIQUE", "Exemple", "Cabinet synthétique"
	return strings.Join(f, "|") + "|"
}

// WriteSynthetic writes a synthetic national extract of rows rows in the exact format:
// every identity is invented (« SYNTHETIQUE »). About one row in twenty is a GP's;
// inDepartement communes (INSEE codes) receive a share, the rest spreads over invented
// communes of every département. For benchmarks and tests, never for figures.
func WriteSynthetic(w io.Writer, rows int, inDepartement []string, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	random := rand.New(rand.NewPCG(seed, 47))
	if _, err := bw.WriteString(strings.Join(Header, "|") + "|\n"); err != nil {
		return err
	}
	skills, modes := []string{"SM26", "SM53", "SM54"}, []string{"L", "L", "L", "S", "B"}
	for range rows {
		id := fmt.Sprintf("8%010d", random.IntN(rows))
		job, skill := "10", skills[random.IntN(3)]
		if random.IntN(20) != 0 {
			job, skill = []string{"10", "21", "40", "50", "60"}[random.IntN(5)], "SM"+fmt.Sprint(random.IntN(90))
		}
		commune := fmt.Sprintf("%02d%03d", 1+random.IntN(95), random.IntN(900))
		if len(inDepartement) > 0 && random.IntN(100) == 0 {
			commune = inDepartement[random.IntN(len(inDepartement))]
		}
		if _, err := bw.WriteString(Row(id, job, skill, modes[random.IntN(len(modes))], commune[:2]+"000", commune) + "\n"); err != nil {
			return err
		}
	}
	return bw.Flush()
}
