package observatory_test

import (
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/observatory"
)

// FuzzParseAges: any file gives rows or an error, never a panic; rows have a known band.
func FuzzParseAges(f *testing.F) {
	f.Add("commune;tranche;effectif\n47001;60-64;5\n")
	f.Fuzz(func(t *testing.T, file string) {
		rows, err := observatory.ParseAges(strings.NewReader(file), func(string) bool { return true })
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Count < 0 {
				t.Fatalf("negative count %+v", r)
			}
		}
	})
}
