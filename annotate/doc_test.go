package annotate

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/number"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func TestLayerIndex(t *testing.T) {
	sents := []segment.Sentence{{Start: 0, End: 10}, {Start: 12, End: 20}, {Start: 20, End: 30}}
	sp := func(a, b int) number.Number { return number.Number{Span: sitrep.Span{Start: a, End: b}} }
	for _, tc := range []struct {
		name string
		all  []number.Number
		want [][]int // starts of the mentions of each sentence
	}{
		{"one per sentence", []number.Number{sp(1, 2), sp(13, 14), sp(25, 27)}, [][]int{{1}, {13}, {25}}},
		{"empty middle", []number.Number{sp(1, 2), sp(3, 4), sp(22, 23)}, [][]int{{1, 3}, nil, {22}}},
		{"between sentences", []number.Number{sp(10, 12), sp(14, 15)}, [][]int{nil, {14}, nil}},
		{"runs past the end", []number.Number{sp(5, 13), sp(18, 22)}, [][]int{nil, nil, nil}},
		{"unsorted", []number.Number{sp(25, 26), sp(1, 2)}, [][]int{{1}, nil, {25}}},
		{"after the text", []number.Number{sp(40, 41)}, [][]int{nil, nil, nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l Layer[number.Number]
			l.All = slices.Clone(tc.all)
			l.Index(sents, numberSpan)
			for si := range sents {
				var got []int
				for _, n := range l.In(si) {
					got = append(got, n.Start)
				}
				if !slices.Equal(got, tc.want[si]) {
					t.Errorf("sentence %d: %v, want %v", si, got, tc.want[si])
				}
			}
			if l.In(-1) != nil || l.In(len(sents)) != nil {
				t.Error("In out of range is not nil")
			}
		})
	}
}

func TestLayerClose(t *testing.T) {
	var l Layer[int]
	l.Close(0, 4) // nothing yet
	l.All = append(l.All, 1, 2)
	l.Close(1, 4)
	// sentence 2 has nothing; 3 is closed next, with one mention
	l.All = append(l.All, 3)
	l.Close(3, 4)
	for si, want := range [][]int{nil, {1, 2}, nil, {3}} {
		if got := l.In(si); !slices.Equal(got, want) {
			t.Errorf("sentence %d: %v, want %v", si, got, want)
		}
	}
	if l.Sentences() != 4 {
		t.Errorf("Sentences() = %d", l.Sentences())
	}
	// In's slices end where the sentence does: appending to one does
	// not overwrite the next.
	s1 := append(l.In(1), 99)
	if l.All[2] != 3 || s1[2] != 99 {
		t.Error("In(1) shares capacity with sentence 3")
	}
}

type stage struct {
	name string
	err  error
	ran  *[]string
}

func (s stage) Name() string { return s.name }
func (s stage) Annotate(_ context.Context, d *Doc) error {
	*s.ran = append(*s.ran, s.name)
	return s.err
}

func TestRun(t *testing.T) {
	var ran []string
	boom := errors.New("boom")
	d := New(&sitrep.Document{Text: "x"})
	err := Run(context.Background(), d, []Stage{stage{"a", nil, &ran}, stage{"b", boom, &ran}, stage{"c", nil, &ran}})
	if !errors.Is(err, boom) || !slices.Equal(ran, []string{"a", "b"}) {
		t.Errorf("Run = %v after %v, want boom after a, b", err, ran)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran = nil
	if err := Run(ctx, d, []Stage{stage{"a", nil, &ran}}); !errors.Is(err, context.Canceled) || len(ran) != 0 {
		t.Errorf("Run on a cancelled context = %v after %v", err, ran)
	}
}

// TestStages runs every stage on a short report of our own and checks
// that each layer is indexed by its sentence.
func TestStages(t *testing.T) {
	text := "Gunmen killed 12 villagers in Kaduna on Monday. Police said two suspects were arrested in Zaria."
	d := New(&sitrep.Document{ID: "t", Text: text})
	if err := Run(context.Background(), d, testStages(t)); err != nil {
		t.Fatal(err)
	}
	if len(d.Sents) != 2 {
		t.Fatalf("%d sentences", len(d.Sents))
	}
	checks := []struct {
		layer string
		texts func(si int) []string
		want  [2][]string
	}{
		{"numbers", func(si int) (out []string) {
			for _, m := range d.Numbers.In(si) {
				out = append(out, text[m.Start:m.End])
			}
			return out
		}, [2][]string{{"12"}, {"two"}}},
		{"places", func(si int) (out []string) {
			for _, m := range d.Places.In(si) {
				out = append(out, m.Name)
			}
			return out
		}, [2][]string{{"Kaduna"}, {"Zaria"}}},
		{"dates", func(si int) (out []string) {
			for _, m := range d.Dates.In(si) {
				out = append(out, text[m.Start:m.End])
			}
			return out
		}, [2][]string{{"Monday"}, nil}},
		{"cues", func(si int) (out []string) {
			for _, m := range d.Cues.In(si) {
				out = append(out, text[m.Start:m.End])
			}
			return out
		}, [2][]string{nil, {"said"}}},
		{"triggers", func(si int) (out []string) {
			for _, m := range d.Triggers.In(si) {
				out = append(out, text[m.Start:m.End])
			}
			return out
		}, [2][]string{{"killed"}, {"arrested", "arrested"}}},
	}
	for _, c := range checks {
		for si := range 2 {
			if got := c.texts(si); !slices.Equal(got, c.want[si]) {
				t.Errorf("%s of sentence %d: %q, want %q", c.layer, si, got, c.want[si])
			}
		}
	}
}
