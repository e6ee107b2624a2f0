package server

import (
	"strconv"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/content"
)

// The kept HTML is the text's own, and the texts kept never weigh more than the limit:
// the oldest go first.
func TestRenderedTextsStayWithinTheirSize(t *testing.T) {
	r := newRendered(2000)
	text := func(i int) string { return "Offre **" + strconv.Itoa(i) + "** : l'été <script>x</script>" }
	for i := range 100 {
		if got, want := r.html(text(i)), content.HTML(text(i)); got != want {
			t.Fatalf("html(%q) = %q, want %q", text(i), got, want)
		}
		if r.size > r.limit {
			t.Fatalf("after %d texts: %d bytes kept, limit %d", i+1, r.size, r.limit)
		}
	}
	if !r.lru.Contains(text(99)) || r.lru.Contains(text(0)) {
		t.Errorf("the newest text should be kept and the oldest gone")
	}
	kept := 0
	for _, k := range r.lru.Keys() {
		v, _ := r.lru.Peek(k)
		kept += len(k) + len(v)
	}
	if kept != r.size || kept < r.limit/2 {
		t.Errorf("%d bytes kept, counted %d (limit %d)", kept, r.size, r.limit)
	}
	long := "x" + string(make([]byte, 3000))
	if got := r.html(long); got != content.HTML(long) || r.size > r.limit {
		t.Errorf("a text longer than the limit: %d bytes kept", r.size)
	}
}
