package person_test

import (
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestAppendBodies checks organisations named by the head noun of their
// kind, on sentences of our own writing.
func TestAppendBodies(t *testing.T) {
	f, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"head last", "The Valley Farmers Association asked for seed.", []string{"The Valley Farmers Association"}},
		{"head and domain", "A grant came from the Ministry of Water Resources.", []string{"the Ministry of Water Resources"}},
		{"head alone after the", "Strikes by the Coalition hit two depots.", []string{"the Coalition"}},
		{"head alone, no article", "Coalition aircraft hit two depots.", nil},
		{"head inside a longer name", "The Council Resolution passed.", nil},
		{"heading word", "Government forces advanced.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, toks := segment.Split(tc.text, sitrep.Span{})
			none := func(int) bool { return false }
			var got []string
			for _, b := range f.AppendBodies(nil, tc.text, toks, 0, len(toks), none, none, nil) {
				got = append(got, tc.text[b.Start:b.End])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBodyAcronym checks that an acronym set in brackets after a body
// names it later in the document (our own text).
func TestBodyAcronym(t *testing.T) {
	f, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	text := "Seed came from the Valley Farmers Association (VFA) on Monday. VFA trucks left at dawn. The UNHCR said nothing."
	sents, toks := segment.Split(text, sitrep.Span{})
	none := func(int) bool { return false }
	d := f.NewDocument(text, toks, none)
	var got []string
	for _, s := range sents {
		for _, b := range f.AppendBodies(nil, text, toks, s.First, s.Last, none, none, d) {
			got = append(got, text[b.Start:b.End])
		}
	}
	if want := []string{"the Valley Farmers Association", "VFA", "VFA"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
