package server

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// A session's values come back as they went in, with their types, so that scs's
// GetInt64 and GetString find them.
func TestSessionValuesComeBackWithTheirTypes(t *testing.T) {
	deadline := time.Date(2026, time.November, 22, 20, 0, 0, 123, time.UTC)
	values := map[string]any{sessionUserID: int64(42), sessionSeen: int64(1795377600), sessionFlash: "signin.signed_in"}
	b, err := sessionCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	got, back, err := sessionCodec{}.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(deadline) || !maps.Equal(back, values) {
		t.Errorf("decoded %v %v, want %v %v", got, back, deadline, values)
	}
	empty, err := sessionCodec{}.Encode(deadline, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	if _, back, err := (sessionCodec{}).Decode(empty); err != nil || len(back) != 0 {
		t.Errorf("empty session decoded as %v, %v", back, err)
	}
}

// Sessions written by scs's gob codec before the change still read: nobody is signed
// out by an upgrade.
func TestSessionsWrittenByGobStillRead(t *testing.T) {
	deadline := time.Date(2026, time.November, 22, 20, 0, 0, 0, time.UTC)
	values := map[string]any{sessionUserID: int64(7), sessionFlash: "case.saved"}
	b, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	got, back, err := sessionCodec{}.Decode(b)
	if err != nil || !got.Equal(deadline) || !maps.Equal(back, values) {
		t.Errorf("decoded %v %v %v, want %v %v", got, back, err, deadline, values)
	}
}

// A value of another type is refused when written, not lost or changed silently.
func TestSessionRefusesOtherTypes(t *testing.T) {
	_, err := sessionCodec{}.Encode(time.Now(), map[string]any{"n": 3})
	if err == nil || !strings.Contains(err.Error(), `"n"`) {
		t.Errorf("an int was accepted: %v", err)
	}
}

func FuzzSessionDecode(f *testing.F) {
	b, _ := sessionCodec{}.Encode(time.Now(), map[string]any{"a": "b", "c": int64(1)})
	f.Add(b)
	f.Add([]byte(`{"deadline":"x"}`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		deadline, values, err := sessionCodec{}.Decode(b)
		if err != nil {
			return
		}
		again, err := sessionCodec{}.Encode(deadline, values)
		if err != nil {
			t.Fatalf("decoded %v, cannot encode it again: %v", values, err)
		}
		_, back, err := sessionCodec{}.Decode(again)
		if err != nil || !maps.Equal(back, values) {
			t.Fatalf("%v came back as %v (%v)", values, back, err)
		}
	})
}

func BenchmarkSessionDecode(b *testing.B) {
	deadline := time.Now()
	values := map[string]any{sessionUserID: int64(42), sessionSeen: int64(1795377600)}
	for _, c := range []struct {
		name  string
		codec scs.Codec
	}{{"gob", scs.GobCodec{}}, {"json", sessionCodec{}}} {
		data, err := c.codec.Encode(deadline, values)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := c.codec.Decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
