package rpps_test

import (
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/rpps"
)

// FuzzRead: any file gives practices or an error, never a panic; practices are of the
// département.
func FuzzRead(f *testing.F) {
	f.Add(header + "\n" + row("810001", "10", "SM54", "L", "47000", "47001") + "\n")
	f.Add("a|b|c\n1|2")
	f.Fuzz(func(t *testing.T, file string) {
		practices, _, err := rpps.Read(strings.NewReader(file), territory{})
		if err != nil {
			return
		}
		for _, p := range practices {
			if !strings.HasPrefix(p.Commune, "47") {
				t.Fatalf("practice outside the département: %+v", p)
			}
		}
	})
}
