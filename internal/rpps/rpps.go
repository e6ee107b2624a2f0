// Package rpps reads the national RPPS open extract (« Extraction en libre accès »,
// PS_LibreAcces_Personne_activite_<date>.txt) and keeps the general practitioners of a
// département, streaming the file: about two million rows for France, never all in memory.
package rpps

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/tabular"
)

// Practice is one general practitioner practising in a commune in a mode.
type Practice struct {
	Practitioner string // hash of the « Identification nationale PP »
	Commune      string // INSEE code
	Mode         string // L libéral, S salarié, B bénévole
}

// Report says what the import read and why it left rows out.
type Report struct {
	Read     int
	Kept     int            // rows of GPs practising in the département
	Rejected map[string]int // by reason: other_profession, not_gp, other_departement, no_commune, ambiguous_postcode, malformed
}

// Territory is what the importer needs to know of the département.
type Territory interface {
	HasCommune(insee string) bool
	CommunesByPostalCode(code string) []string // INSEE codes
}

// gpSkills are the « Code savoir-faire » of general medicine (ANS TRE_R38).
var gpSkills = map[string]bool{"SM26": true, "SM53": true, "SM54": true}

// columns are the columns the importer needs, by the folded header names seen across
// extracts.
var columns = map[string][]string{
	"id":       {"identification nationale pp"},
	"job":      {"code profession"},
	"skill":    {"code savoir faire"},
	"mode":     {"code mode exercice", "code mode d exercice"},
	"commune":  {"code commune coord structure", "code commune structure"},
	"postcode": {"code postal coord structure", "code postal structure"},
}

// ErrMissingColumn says a needed column is absent from the header.
var ErrMissingColumn = errors.New("missing column")

// ErrTruncated says the file ends in the middle of a row.
var ErrTruncated = errors.New("truncated file")

// Read streams an extract and returns the distinct GP practices of the département, one
// per practitioner, commune and mode. It fails on a missing column or a truncated file.
func Read(r io.Reader, t Territory) ([]Practice, Report, error) {
	report := Report{Rejected: map[string]int{}}
	br := bufio.NewReaderSize(r, 1<<20)
	header, complete, err := readLine(br)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, report, err
	}
	index, err := findColumns(header)
	if err != nil {
		return nil, report, err
	}
	if !complete {
		return nil, report, fmt.Errorf("%w: the file ends after its header line", ErrTruncated)
	}
	width := len(strings.Split(strings.TrimSuffix(header, "|"), "|"))
	seen := map[Practice]bool{}
	var practices []Practice
	for {
		line, complete, err := readLine(br)
		if errors.Is(err, io.EOF) && line == "" {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, report, err
		}
		report.Read++
		fields := strings.Split(strings.TrimSuffix(line, "|"), "|")
		if len(fields) < width {
			if !complete {
				return nil, report, fmt.Errorf("%w: line %d has %d of %d columns and no end", ErrTruncated, report.Read+1, len(fields), width)
			}
			report.Rejected["malformed"]++
			continue
		}
		p, reason := practice(fields, index, t)
		if reason != "" {
			report.Rejected[reason]++
			continue
		}
		report.Kept++
		if !seen[p] {
			seen[p] = true
			practices = append(practices, p)
		}
		if !complete {
			break
		}
	}
	return practices, report, nil
}

func practice(f []string, ix map[string]int, t Territory) (Practice, string) {
	get := func(col string) string { return strings.TrimSpace(f[ix[col]]) }
	if get("job") != "10" {
		return Practice{}, "other_profession"
	}
	if !gpSkills[get("skill")] {
		return Practice{}, "not_gp"
	}
	commune := get("commune")
	if commune == "" {
		candidates := t.CommunesByPostalCode(get("postcode"))
		switch {
		case len(candidates) == 1:
			commune = candidates[0]
		case len(candidates) > 1:
			return Practice{}, "ambiguous_postcode"
		case get("postcode") == "":
			return Practice{}, "no_commune"
		default:
			return Practice{}, "other_departement"
		}
	}
	if !t.HasCommune(commune) {
		return Practice{}, "other_departement"
	}
	sum := sha256.Sum256([]byte(get("id")))
	return Practice{Practitioner: hex.EncodeToString(sum[:12]), Commune: commune, Mode: get("mode")}, ""
}

// readLine reads one line without its end; complete is false when the file ended first.
func readLine(br *bufio.Reader) (string, bool, error) {
	line, err := br.ReadString('\n')
	complete := strings.HasSuffix(line, "\n")
	return strings.TrimRight(line, "\r\n"), complete, err
}

func findColumns(header string) (map[string]int, error) {
	names := strings.Split(strings.TrimSuffix(strings.TrimPrefix(header, "\ufeff"), "|"), "|")
	index := map[string]int{}
	for i, n := range names {
		folded := tabular.Fold(n)
		for key, names := range columns {
			if slices.Contains(names, folded) {
				index[key] = i
			}
		}
	}
	var missing []string
	for _, key := range []string{"id", "job", "skill", "mode", "commune", "postcode"} {
		if _, ok := index[key]; !ok {
			missing = append(missing, columns[key][0])
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrMissingColumn, strings.Join(missing, ", "))
	}
	return index, nil
}

var fileDate = regexp.MustCompile(`(\d{8})(\d{4})?`)

// DateOf reads an extract's date from its name, PS_LibreAcces_Personne_activite_202511140904.txt.
func DateOf(filename string) (time.Time, bool) {
	m := fileDate.FindStringSubmatch(filename)
	if m == nil {
		return time.Time{}, false
	}
	d, err := time.Parse("20060102", m[1])
	return d, err == nil
}
