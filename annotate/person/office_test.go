package person_test

import (
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestAppendOffices checks the people named by their office, on
// sentences of our own writing.
func TestAppendOffices(t *testing.T) {
	f, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"determiner", "The Interior Minister visited the camp on Monday.", []string{"The Interior Minister"}},
		{"domain", "Talks were led by Envoy for the Horn of Africa.", []string{"Envoy for the Horn of Africa"}},
		{"apposition before a name", "Minister for Trade, Ann Hale, opened the talks.", []string{"Minister for Trade"}},
		{"apposition after a name", "Ann Hale, Minister for Trade, opened the talks.", []string{"Minister for Trade"}},
		{"lower-case office after its body", "A Border Police spokesman denied the report.", []string{"A Border Police spokesman"}},
		{"title of a name", "Foreign Secretary Ann Hale opened the talks.", nil},
		{"organisation, not office", "The General Assembly voted on Friday.", nil},
		{"domain of something else", "The Department of Justice filed charges.", nil},
		{"bare heading", "President", nil},
		{"plural body", "Taliban officials denied the report.", nil},
		{"capitalised article, no body", "The officer denied the report.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, toks := segment.Split(tc.text, sitrep.Span{})
			none := func(int) bool { return false }
			people := f.Find(tc.text, toks, 0, len(toks), none)
			var got []string
			for _, o := range f.AppendOffices(nil, tc.text, toks, 0, len(toks), none, people) {
				got = append(got, tc.text[o.Start:o.End])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
