package event_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestBuild_DeathRange checks UCDP's low, best and high beside ACLED's
// figure: a range in the text, sentences whose tolls conflict (ACLED
// codes the lowest), an update that supersedes, and one figure (no range).
// Our own sentences.
func TestBuild_DeathRange(t *testing.T) {
	p := mustPipeline(t)
	for _, tc := range []struct {
		name            string
		text            string
		fatalities      int
		low, best, high int // 0: blank
		evidence        string
	}{
		{"Range", "Between 10 and 15 villagers were killed when gunmen attacked Kiri village on Monday.",
			10, 10, 10, 15, "Between 10 and 15"},
		{"RangeWithTo", "Gunmen killed 20 to 25 herders in an attack on a camp near Bama on Friday.",
			20, 20, 20, 25, "20 to 25"},
		{"ConflictingSources", "Officials said six soldiers were killed when militants attacked an army post in Diffa on Sunday. Residents said nine soldiers died in the attack.",
			6, 6, 6, 9, "six"},
		{"LowestWhicheverComesFirst", "Residents said 12 civilians were killed when soldiers opened fire on a market in Kidal on Tuesday. The army said four civilians died.",
			4, 4, 4, 12, "four"},
		{"UpdateSupersedes", "A car bomb killed seven people at a checkpoint in Mogadishu on Saturday. The death toll later rose to 11, police said.",
			11, 0, 0, 0, "11"},
		{"OneFigure", "Seven people were killed when a car bomb exploded at a checkpoint in Mogadishu on Saturday. Police said seven people died.",
			7, 0, 0, 0, "Seven"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text})
			if len(evs) != 1 {
				t.Fatalf("got %d events, want 1: %+v", len(evs), evs)
			}
			ev := evs[0]
			if ev.Fatalities != tc.fatalities {
				t.Errorf("fatalities = %d, want %d", ev.Fatalities, tc.fatalities)
			}
			for _, f := range []struct {
				name string
				got  *int
				want int
			}{{"low", ev.FatalitiesLow, tc.low}, {"best", ev.FatalitiesBest, tc.best}, {"high", ev.FatalitiesHigh, tc.high}} {
				switch {
				case f.want == 0 && f.got != nil:
					t.Errorf("fatalities_%s = %d, want blank", f.name, *f.got)
				case f.want != 0 && (f.got == nil || *f.got != f.want):
					t.Errorf("fatalities_%s = %v, want %d", f.name, f.got, f.want)
				}
			}
			var got string
			for _, e := range ev.Evidence {
				if e.Field == sitrep.FieldFatalities {
					got = e.Text
				}
			}
			if got != tc.evidence {
				t.Errorf("fatalities evidence %q, want %q", got, tc.evidence)
			}
		})
	}
}
