package trigger

import (
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// TestGenerated checks that classes_gen.go is up to date with the data
// files: run `go generate ./annotate/trigger` after editing them.
func TestGenerated(t *testing.T) {
	var subs, others []Class
	if err := lexicon.ReadTSV(lexicon.FS(), "data/subevents.tsv", func(r lexicon.Row) error {
		subs = append(subs, Class(r.Get("sub_event_type")))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := lexicon.ReadTSV(lexicon.FS(), "data/trigger_classes.tsv", func(r lexicon.Row) error {
		others = append(others, Class(r.Get("class")))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(subs, SubEventTypes[:]) || !slices.Equal(others, otherClasses[:]) {
		t.Error("classes_gen.go is stale: run go generate ./annotate/trigger")
	}
	for _, c := range others {
		if IsSubEventType(c) {
			t.Errorf("%q is both a sub-event type and another class", c)
		}
	}
}

func TestFind(t *testing.T) {
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text     string
		want     []string // class/suppressed of each trigger
		separate bool
	}{
		{"Gunmen killed nine villagers.", []string{"kill/"}, false},
		{"Rebels clashed with troops.", []string{"Armed clash/"}, false},
		{"The group is planning to attack the town.", []string{"ctx:irrealis/", "attack/irrealis", "ground/"}, false},
		{"Troops were deployed to attack the town.", []string{"ctx:irrealis/", "attack/irrealis", "ground/"}, false},
		{"The militia is mobilising fighters for attacking the town.", []string{"Change to group/activity/", "attack/irrealis", "ground/"}, false},
		{"Gunmen subjected two women to sexual violence.", []string{"Sexual violence/"}, false},
		{"Teachers gathered to protest in the capital.", []string{"protest/", "protest/", "ground/"}, false},
		{"In another incident, police arrested two men.", []string{"ctx:separate/", "mod:intervention/", "Arrests/"}, true},
		{"Police seized seven illegal firearms.", []string{"seize/", "find/", "Disrupted weapons use/", "weapon/"}, false},
		{"Storm Corps fighters shelled the village.", []string{"Shelling/artillery/missile attack/", "target:civilian/"}, false},
	} {
		sents, toks := segment.Split(tc.text, segment.Sentence{}.Span())
		ts, sep := f.AppendFind(nil, tc.text, toks, sents[0].First, sents[0].Last)
		var got []string
		for _, tr := range ts {
			got = append(got, string(tr.Class)+"/"+tr.Suppressed)
		}
		if !slices.Equal(got, tc.want) || sep != tc.separate {
			t.Errorf("%q: %q separate=%v, want %q separate=%v", tc.text, got, sep, tc.want, tc.separate)
		}
	}
}
