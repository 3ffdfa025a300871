package event_test

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestAspectRules decides sentences of our own with the rules of aspect
// and comparison (habitual, perfect of a period, comparison): each case
// names a trigger word and whether it is taken out of the events, and
// for what reason.
func TestAspectRules(t *testing.T) {
	p := mustPipeline(t)
	cases := []struct {
		text, word, reason string
		want               bool
	}{
		// Habitual: a frequency adverb before the verb.
		{"Bandits often attack lorries on the highway to the border.", "attack", "generic", true},
		{"The militia has repeatedly raided villages and attacked farmers in the valley.", "attacked", "generic", true},
		// Blows of one act, a described doer, a dated act, the event told.
		{"A man shot the shopkeeper repeatedly near the market in Kano.", "shot", "generic", false},
		{"Gunmen who often rob travellers killed two drivers near Gao on Tuesday.", "killed", "generic", false},
		{"Residents said gunfire happens too often where the shooting took place.", "shooting", "generic", false},
		// The perfect of a period sums events up to now.
		{"Some 2,000 people have been killed in the district since 2018.", "killed", "background", true},
		{"Fighters have killed more than 90 herders in total across the plateau.", "killed", "background", true},
		{"In neighbouring Chad, rebels have attacked army posts near the border for years.", "attacked", "background", true},
		{"Bandits have killed dozens of farmers in the district in recent months.", "killed", "background", true},
		// A noun of its own, or a day, makes one event.
		{"Four pupils have died in an explosion near the school since the term began.", "explosion", "background", false},
		{"Three soldiers have been killed since Monday in the port town of Kismayo.", "killed", "background", false},
		// Comparison names another event.
		{"A similar bombing in the capital killed 40 people.", "bombing", "background", true},
		{"A previous ambush on the same road left six guards dead.", "ambush", "background", true},
		{"A similar bombing hit the port on Friday, killing four.", "bombing", "background", false},
		{"Two previous arrests were made in the case.", "arrests", "background", false},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			i := strings.Index(c.text, c.word)
			if i < 0 {
				t.Fatalf("no %q in the sentence", c.word)
			}
			found, got := false, false
			for _, m := range p.Annotate(&sitrep.Document{ID: "aspect", Text: c.text}) {
				if m.Kind != sitrep.KindTrigger || m.Start > i || m.End <= i {
					continue
				}
				found = true
				got = got || m.Label == c.reason
			}
			if !found {
				t.Fatalf("no trigger on %q", c.word)
			}
			if got != c.want {
				t.Errorf("%q suppressed as %q: %v, want %v", c.word, c.reason, got, c.want)
			}
		})
	}
}
