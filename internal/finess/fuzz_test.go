package finess_test

import (
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/finess"
)

// FuzzRead: any file gives structures or an error, never a panic.
func FuzzRead(f *testing.F) {
	f.Add(row("470000001", "MSP", "001", "47", "603") + "\n")
	f.Fuzz(func(t *testing.T, file string) {
		structures, _, err := finess.Read(strings.NewReader(file), "47")
		if err != nil {
			return
		}
		for _, s := range structures {
			if !strings.HasPrefix(s.Commune, "47") {
				t.Fatalf("structure outside the département: %+v", s)
			}
		}
	})
}
