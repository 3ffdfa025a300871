package person_test

import (
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestStageWordClasses checks each person class of
// lexicon/data/stage_words.tsv on a sentence of our own writing that it
// decides: the appositive role and the alias after a name.
func TestStageWordClasses(t *testing.T) {
	f, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ name, role, alias string }
	for _, tc := range []struct {
		class, text string
		want        want
	}{
		{"alias_particle", "The court named Karim Nadiri, known as Falcon, in its ruling.", want{"Karim Nadiri", "", "Falcon"}},
		{"article", "Rahim Sultani, a deputy mayor, resigned on Monday.", want{"Rahim Sultani", "a deputy mayor", ""}},
		{"relative", "Rahim Sultani, a deputy mayor who resigned, spoke on Monday.", want{"Rahim Sultani", "a deputy mayor", ""}},
		{"conjunction", "Rahim Sultani, a deputy mayor and Farid Omari left the hall.", want{"Rahim Sultani", "a deputy mayor", ""}},
	} {
		t.Run(tc.class, func(t *testing.T) {
			_, toks := segment.Split(tc.text, sitrep.Span{})
			ms := f.Find(tc.text, toks, 0, len(toks), func(int) bool { return false })
			var got []want
			for _, m := range ms {
				w := want{name: m.Name, role: m.Role}
				if len(m.Aliases) > 0 {
					w.alias = m.Aliases[0]
				}
				got = append(got, w)
			}
			if !slices.Contains(got, tc.want) {
				t.Errorf("got %+v, want %+v among them", got, tc.want)
			}
		})
	}
}
