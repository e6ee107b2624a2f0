package content_test

import (
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/content"
)

func TestMarkdownIsRenderedSafely(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src      string
		contains []string
		absent   []string
	}{
		{src: "Un **stage** en *maison de santé*", contains: []string{"<strong>stage</strong>", "<em>maison de santé</em>"}},
		{src: "- logement\n- transport", contains: []string{"<ul>", "<li>logement</li>"}},
		{src: "<script>alert(1)</script>", absent: []string{"<script"}},
		{src: `<img src=x onerror="alert(1)">`, absent: []string{"<img", "onerror"}},
		{src: "[clic](javascript:alert(1))", absent: []string{"javascript:"}},
		{src: "[ARS](https://www.nouvelle-aquitaine.ars.sante.fr)", contains: []string{`href="https://www.nouvelle-aquitaine.ars.sante.fr"`, `rel="nofollow"`}},
		{src: "Contact : https://www.lotetgaronne.fr", contains: []string{`<a href="https://www.lotetgaronne.fr"`}},
	}
	for _, tt := range tests {
		got := content.HTML(tt.src)
		for _, want := range tt.contains {
			if !strings.Contains(got, want) {
				t.Errorf("HTML(%q) = %q, want it to contain %q", tt.src, got, want)
			}
		}
		for _, bad := range tt.absent {
			if strings.Contains(got, bad) {
				t.Errorf("HTML(%q) = %q, want no %q", tt.src, got, bad)
			}
		}
	}
}
