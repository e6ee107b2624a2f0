// Package i18n owns the portal's message catalogs (French first, English) and gives
// components the words of the visitor's language through the request context.
package i18n

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Languages the portal speaks; the first is the default.
var Languages = []string{"fr", "en"}

// Each area of the portal keeps its messages in its own files, named
// <area>.<language>.toml (the core's are <language>.toml).
//
//go:embed locales/*.toml
var locales embed.FS

// files lists the catalog files of lang.
func files(lang string) ([]string, error) {
	names, err := fs.Glob(locales, "locales/*"+lang+".toml")
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(names, func(n string) bool {
		base := path.Base(n)
		return base != lang+".toml" && !strings.HasSuffix(base, "."+lang+".toml")
	}), nil
}

// Catalog holds every message in every language.
type Catalog struct {
	bundle *goi18n.Bundle
	plain  map[string]*sync.Map // per language, id → the message, for messages used without fields
}

// Load reads the embedded catalogs.
func Load() (*Catalog, error) {
	bundle := goi18n.NewBundle(language.French)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, lang := range Languages {
		names, err := files(lang)
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			b, err := fs.ReadFile(locales, name)
			if err != nil {
				return nil, err
			}
			// go-i18n reads the language from the name's last part before .toml.
			if _, err := bundle.ParseMessageFileBytes(b, name); err != nil {
				return nil, fmt.Errorf("catalog %s: %w", name, err)
			}
		}
	}
	plain := map[string]*sync.Map{}
	for _, lang := range Languages {
		plain[lang] = &sync.Map{}
	}
	return &Catalog{bundle: bundle, plain: plain}, nil
}

// Supported returns lang when the portal speaks it, the default language otherwise.
func Supported(lang string) string {
	for _, l := range Languages {
		if l == lang {
			return l
		}
	}
	return Languages[0]
}

// Localizer translates into one language and writes dates in one time zone.
type Localizer struct {
	Lang    string
	Zone    *time.Location
	l       *goi18n.Localizer
	plain   *sync.Map        // the catalog's messages without fields in this language
	printer *message.Printer // numbers; one per localizer, a page writes hundreds
}

// Localizer returns a translator into lang (or the default language), writing dates
// in zone.
func (c *Catalog) Localizer(lang string, zone *time.Location) *Localizer {
	lang = Supported(lang)
	return &Localizer{Lang: lang, Zone: zone, l: goi18n.NewLocalizer(c.bundle, lang), plain: c.plain[lang],
		printer: message.NewPrinter(language.Make(lang))}
}

// T returns message id with its {{.Name}} fields filled from alternating name, value
// pairs. A missing message shows as ⟦id⟧, so that tests and reviewers see it.
func (l *Localizer) T(id string, pairs ...any) string {
	if len(pairs) == 0 {
		// A page writes hundreds of labels; each is worked out once per language. Only
		// messages of the catalog are kept, so the cache cannot outgrow it.
		if s, ok := l.plain.Load(id); ok {
			return s.(string)
		}
		s, found := l.localize(id, nil)
		if found {
			l.plain.Store(id, s)
		}
		return s
	}
	data := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		data[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	s, _ := l.localize(id, data)
	return s
}

// localize fills message id with data and reports whether the catalog has it.
func (l *Localizer) localize(id string, data map[string]any) (string, bool) {
	s, err := l.l.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil || s == "" {
		return "⟦" + id + "⟧", false
	}
	return s, true
}

// Keys lists the message ids of a language's catalog, for consistency checks; an id
// written in two files of one language is an error.
func (c *Catalog) Keys(lang string) ([]string, error) {
	names, err := files(lang)
	if err != nil {
		return nil, err
	}
	var keys []string
	for _, name := range names {
		b, err := fs.ReadFile(locales, name)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := toml.Unmarshal(b, &m); err != nil {
			return nil, err
		}
		for k := range m {
			if slices.Contains(keys, k) {
				return nil, fmt.Errorf("%s: %q is already in another file", name, k)
			}
			keys = append(keys, k)
		}
	}
	return keys, nil
}

type ctxKey struct{}

// WithLocalizer returns ctx carrying l.
func WithLocalizer(ctx context.Context, l *Localizer) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the localizer carried by ctx. Components rely on the server putting one
// there for every request.
func From(ctx context.Context) *Localizer {
	l, _ := ctx.Value(ctxKey{}).(*Localizer)
	if l == nil {
		panic("i18n: no localizer in context")
	}
	return l
}

// T translates message id into the language carried by ctx.
func T(ctx context.Context, id string, pairs ...any) string {
	return From(ctx).T(id, pairs...)
}

// Lang is the language carried by ctx.
func Lang(ctx context.Context) string { return From(ctx).Lang }

// FormatDate writes a day as the language writes it: 22/11/2026, 22 Nov 2026.
func FormatDate(ctx context.Context, t time.Time) string {
	l := From(ctx)
	if l.Lang == "fr" {
		return t.In(l.Zone).Format("02/01/2006")
	}
	return t.In(l.Zone).Format("2 Jan 2006")
}

// FormatDateTime writes a moment: 22/11/2026 à 14:05, 22 Nov 2026 at 14:05.
func FormatDateTime(ctx context.Context, t time.Time) string {
	return FormatDate(ctx, t) + T(ctx, "time.at") + t.In(From(ctx).Zone).Format("15:04")
}

// FormatInt writes n with the language's digit grouping (333 602 / 333,602).
func FormatInt(ctx context.Context, n int) string {
	return From(ctx).printer.Sprint(n)
}
