package i18n_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/i18n"
)

func TestEveryLanguageHasTheSameMessages(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	fr := c.Keys("fr")
	for _, lang := range i18n.Languages[1:] {
		other := c.Keys(lang)
		for _, k := range fr {
			if !slices.Contains(other, k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
		for _, k := range other {
			if !slices.Contains(fr, k) {
				t.Errorf("fr lacks %q (found in %s)", k, lang)
			}
		}
	}
}

func TestTranslateFillsFieldsAndShowsMissingKeys(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx := i18n.WithLocalizer(context.Background(), c.Localizer("de", time.UTC))
	if got, want := i18n.Lang(ctx), "fr"; got != want {
		t.Errorf("unsupported language falls back to %q, want %q", got, want)
	}
	if got, want := i18n.T(ctx, "home.heading", "Name", "Lot-et-Garonne"), "Exercer la médecine générale en Lot-et-Garonne"; got != want {
		t.Errorf("T = %q, want %q", got, want)
	}
	if got, want := i18n.T(ctx, "no.such.key"), "⟦no.such.key⟧"; got != want {
		t.Errorf("missing key = %q, want %q", got, want)
	}
	if got, want := i18n.FormatInt(ctx, 333602), "333\u00a0602"; got != want {
		t.Errorf("FormatInt fr = %q, want %q", got, want)
	}
	en := i18n.WithLocalizer(context.Background(), c.Localizer("en", time.UTC))
	if got, want := i18n.FormatInt(en, 333602), "333,602"; got != want {
		t.Errorf("FormatInt en = %q, want %q", got, want)
	}
}

// Labels are remembered per language: asking in French first does not answer English.
func TestRememberedLabelsKeepTheirLanguage(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	fr := i18n.WithLocalizer(context.Background(), c.Localizer("fr", time.UTC))
	en := i18n.WithLocalizer(context.Background(), c.Localizer("en", time.UTC))
	for range 2 {
		if got := i18n.T(fr, "layout.nav.sign_out"); got != "Se déconnecter" {
			t.Errorf("fr = %q", got)
		}
		if got := i18n.T(en, "layout.nav.sign_out"); got != "Sign out" {
			t.Errorf("en = %q", got)
		}
	}
}

func TestFieldsAreFilledByName(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx := i18n.WithLocalizer(context.Background(), c.Localizer("fr", time.UTC))
	// offers.rent is "{{.Amount}} € par mois"; a number or a string fills it alike.
	for _, v := range []any{450, "450", int64(450)} {
		if got, want := i18n.T(ctx, "offers.rent", "Amount", v), "450 € par mois"; got != want {
			t.Errorf("T(%T) = %q, want %q", v, got, want)
		}
	}
	if got, want := i18n.T(ctx, "offers.rent"), "<no value> € par mois"; got != want {
		t.Errorf("without its field = %q, want %q", got, want)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1\u00a0000", -1234567: "-1\u00a0234\u00a0567"} {
		if got := i18n.FormatInt(ctx, n); got != want {
			t.Errorf("FormatInt(%d) = %q, want %q", n, got, want)
		}
	}
}
