// Package i18n owns the portal's message catalogs (French first, English) and gives
// components the words of the visitor's language through the request context.
package i18n

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
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
	text map[string]map[string]message // language → id → message
}

// message is a catalog text cut at its fields: text, a field's name, text, and so on
// (the odd places name fields); a message without fields is its one text.
type message []string

// Load reads the embedded catalogs. A message names its fields {{.Name}}; any other
// template syntax, or an id written twice in one language, is refused.
func Load() (*Catalog, error) {
	c := &Catalog{text: map[string]map[string]message{}}
	for _, lang := range Languages {
		names, err := files(lang)
		if err != nil {
			return nil, err
		}
		text := map[string]message{}
		for _, name := range names {
			var m map[string]string
			if _, err := toml.DecodeFS(locales, name, &m); err != nil {
				return nil, fmt.Errorf("catalog %s: %w", name, err)
			}
			for id, msg := range m {
				if _, ok := text[id]; ok {
					return nil, fmt.Errorf("catalog %s: %q is already in another file", name, id)
				}
				if text[id], err = parse(msg); err != nil {
					return nil, fmt.Errorf("catalog %s: %q: %w", name, id, err)
				}
			}
		}
		c.text[lang] = text
	}
	return c, nil
}

// parse cuts msg at its fields, {{.Name}}; any other template action is refused.
func parse(msg string) (message, error) {
	var m message
	for {
		i := strings.Index(msg, "{{")
		if i < 0 {
			return append(m, msg), nil
		}
		j := strings.Index(msg[i:], "}}")
		if j < 0 || !isField(msg[i+2:i+j]) {
			return nil, fmt.Errorf("only fields such as {{.Name}} may be filled in, not %q", msg[i:])
		}
		m = append(m, msg[:i], msg[i+3:i+j])
		msg = msg[i+j+2:]
	}
}

func isField(action string) bool {
	name, ok := strings.CutPrefix(action, ".")
	return ok && name != "" && strings.IndexFunc(name, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) < 0
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
	Lang string
	Zone *time.Location
	// The catalog's messages in this language, then in the default language for those
	// not yet translated; never written once loaded.
	text, fallback map[string]message
}

// Localizer returns a translator into lang (or the default language), writing dates
// in zone.
func (c *Catalog) Localizer(lang string, zone *time.Location) *Localizer {
	lang = Supported(lang)
	return &Localizer{Lang: lang, Zone: zone, text: c.text[lang], fallback: c.text[Languages[0]]}
}

// T returns message id with its {{.Name}} fields filled from alternating name, value
// pairs (a field without a value shows as <no value>). A missing message shows as
// ⟦id⟧, so that tests and reviewers see it.
func (l *Localizer) T(id string, pairs ...any) string {
	msg, ok := l.text[id]
	if !ok {
		msg, ok = l.fallback[id]
	}
	if !ok {
		return "⟦" + id + "⟧"
	}
	if len(msg) == 1 {
		return msg[0]
	}
	var b strings.Builder
	for k, part := range msg {
		if k%2 == 1 {
			part = field(part, pairs)
		}
		b.WriteString(part)
	}
	return b.String()
}

// field is the value named name among alternating name, value pairs, as text.
func field(name string, pairs []any) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if n, _ := pairs[i].(string); n == name {
			switch v := pairs[i+1].(type) {
			case string:
				return v
			case int:
				return strconv.Itoa(v)
			}
			return fmt.Sprint(pairs[i+1])
		}
	}
	return "<no value>"
}

// Keys lists the message ids written in a language's catalog, for consistency checks.
func (c *Catalog) Keys(lang string) []string {
	return slices.Sorted(maps.Keys(c.text[lang]))
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
	sep := ","
	if From(ctx).Lang == "fr" {
		sep = "\u00a0"
	}
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range []byte(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(d)
	}
	return b.String()
}
