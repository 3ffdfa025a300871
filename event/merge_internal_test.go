package event

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestActorsCompatible checks which actors of two tellings may be one
// event's: unidentified gunmen and the named group that claims them are
// (a report names the doer later, in a claim); the state's police and an
// armed group, or villagers and an armed group, are not. Our own phrases.
func TestActorsCompatible(t *testing.T) {
	m, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	first := func(text string) *actor.Mention {
		t.Helper()
		_, toks := segment.Split(text, sitrep.Span{})
		ms := m.Find(text, toks, 0, len(toks))
		if len(ms) == 0 {
			t.Fatalf("no actor in %q", text)
		}
		return &ms[0]
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Gunmen attacked the post.", "Islamic State claimed the attack.", true},
		{"Attackers fled on foot.", "Al Shabaab claimed the attack.", true},
		{"Police arrested two men.", "Islamic State claimed the attack.", false},
		{"Villagers fled the town.", "Islamic State claimed the attack.", false},
		{"Gunmen attacked the post.", "Police arrested two men.", false},
	} {
		a, b := first(tc.a), first(tc.b)
		if got := actorsCompatible(a, b); got != tc.want {
			t.Errorf("%q ~ %q: %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := actorsCompatible(b, a); got != tc.want {
			t.Errorf("%q ~ %q: %v, want %v", tc.b, tc.a, got, tc.want)
		}
	}
}
