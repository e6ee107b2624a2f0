package i18n

import "testing"

// Messages are filled by T's own substitution, which knows fields only: anything else
// must be refused when the catalogs load, not shown to visitors half-filled.
func TestOnlyFieldsAreAccepted(t *testing.T) {
	for msg, ok := range map[string]bool{
		"Bonjour":                      true,
		"{{.Count}} place(s)":          true,
		"{{.A}} et {{.B_2}}":           true,
		"{{if .Count}}places{{end}}":   false,
		"{{.Count | printf \"%d\"}}":   false,
		"{{.}}":                        false,
		"ouvert {{.Count":              false,
		"{{ .Count }}":                 false,
		"{{.Count}} mais {{range .X}}": false,
	} {
		if _, err := parse(msg); (err == nil) != ok {
			t.Errorf("parse(%q) = %v, want accepted %v", msg, err, ok)
		}
	}
}
