package place

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestOwnNameConjunction checks the place class conjunction of
// lexicon/data/stage_words.tsv: the first name of a pair joined by "and"
// is not the pair's own name, the head before another connector is
// (sentences of our own writing).
func TestOwnNameConjunction(t *testing.T) {
	r := New(nil)
	for _, tc := range []struct {
		text, name, fold string
		own              bool
	}{
		{"Floods hit Bosnia and Herzegovina on Monday.", "Bosnia and Herzegovina", "bosnia", false},
		{"Trains reached Frankfurt am Main on Monday.", "Frankfurt am Main", "frankfurt", true},
	} {
		t.Run(tc.fold, func(t *testing.T) {
			sents, toks := segment.Split(tc.text, sitrep.Span{})
			st := new(state)
			r.prepare(st, tc.text, sents, toks)
			r.recognise(st, tc.text)
			r.patterns(st, tc.text)
			r.resolve(st)
			for _, c := range st.cands {
				if c.dropped || tc.text[c.start:c.end] != tc.name {
					continue
				}
				if got := r.ownName(c.best, tc.fold); got != tc.own {
					t.Errorf("ownName(%s, %q) = %v, want %v", r.g.Name(c.best), tc.fold, got, tc.own)
				}
				return
			}
			t.Fatalf("%q not resolved", tc.name)
		})
	}
}

// TestStripArticle checks the place class arabic_article of
// lexicon/data/stage_words.tsv on folded names of our own choosing.
func TestStripArticle(t *testing.T) {
	r := New(nil)
	for _, tc := range []struct{ fold, want string }{
		{"al qaim", "qaim"},
		{"ash shirqat", "shirqat"},
		{"el arish", "arish"},
		{"alta gracia", "alta gracia"},
		{"qaim", "qaim"},
	} {
		if got := string(r.stripArticle([]byte(tc.fold))); got != tc.want {
			t.Errorf("stripArticle(%q) = %q, want %q", tc.fold, got, tc.want)
		}
	}
}
