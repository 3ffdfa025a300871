package event_test

import (
	"context"
	"testing"

	"github.com/sitrep-dev/sitrep/eval"
)

// The typing suite (testdata/typing) is our own: short news snippets
// written from the definitions of ACLED's codebook, 6-7 for every one of
// the 25 sub-event types and for the classes ACLED does not code
// (diplomacy, natural and man-made disasters), in varied countries,
// actors, verbs, voices and headline forms. Half A was written first and
// is the one studied for errors; half B was written before any result
// was seen and is kept for reporting only, as the gauge of typing on text
// nobody tuned to. Both are scored as `sitrep eval` scores CASE 2021.
//
// Half C (268 snippets, 10 per sub-event type, 8 Other, 20 DIPLO and
// disaster negatives, from South Asia, the Sahel, Latin America and the
// Middle East, in headlines, passives and nominalisations) was written in
// a later round from the codebook's definitions before any result was
// seen, and is only reported: 0.799 when written, 0.802 after the round
// that studied A again (A 0.903 -> 0.950, B unchanged at 0.838).
//
// The floors are the figures reached when the suite was first used to
// fix classes of error (A 0.725 -> 0.90 -> 0.95, B 0.737 -> 0.84, C 0.80
// weighted F1), less a margin of about three snippets: they catch a regression in
// typing, not a sentence.
var typingSuite = []struct {
	file  string
	floor float64 // weighted F1 below which the test fails
}{
	{"testdata/typing/suite-a.jsonl", 0.93},
	{"testdata/typing/suite-b.jsonl", 0.82},
	{"testdata/typing/suite-c.jsonl", 0.78},
}

// TestTypingSuite scores sub-event typing on the suite and logs the
// figures per sub-event type (go test -v -run TypingSuite).
func TestTypingSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline over the typing suite")
	}
	p := mustPipeline(t)
	for _, s := range typingSuite {
		t.Run(s.file, func(t *testing.T) {
			g, err := eval.LoadGold(s.file)
			if err != nil {
				t.Fatal(err)
			}
			r, err := eval.Run(context.Background(), p, []*eval.GoldFile{g}, eval.Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			sn := r.Files[0].Snippets
			if sn == nil || sn.Support == 0 {
				t.Fatalf("%s: no labelled snippets scored", s.file)
			}
			for _, ty := range sn.Types {
				t.Logf("%-38s P %.3f R %.3f F1 %.3f (%d)", ty.SubEventType, ty.Precision, ty.Recall, ty.F1, ty.Support)
			}
			t.Logf("weighted F1 %.3f over %d labels; negatives with no event %d/%d", sn.WeightedF1, sn.Support, sn.NegativesEmpty, sn.Negatives)
			if sn.WeightedF1 < s.floor {
				t.Errorf("%s: typing weighted F1 %.3f, below the floor %.2f", s.file, sn.WeightedF1, s.floor)
			}
		})
	}
}
