package annotate

import (
	"context"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestSyntaxStage checks that the syntax stage parses the sentences with
// a trigger, actor or place and no others, and that its words point at
// their tokens.
func TestSyntaxStage(t *testing.T) {
	text := "Gunmen killed 12 villagers in Kaduna on Monday. It was quiet then. Two suspects were arrested."
	d := New(&sitrep.Document{ID: "t", Text: text})
	if err := Run(context.Background(), d, append(testStages(t), Syntax{})); err != nil {
		t.Fatal(err)
	}
	if len(d.Sents) != 3 {
		t.Fatalf("%d sentences", len(d.Sents))
	}
	if n := len(d.Words.In(1)); n != 0 {
		t.Errorf("sentence without trigger, actor or place: %d words, want none parsed", n)
	}
	for _, si := range []int{0, 2} {
		ws := d.Words.In(si)
		if len(ws) != d.Sents[si].Last-d.Sents[si].First {
			t.Fatalf("sentence %d: %d words for %d tokens", si, len(ws), d.Sents[si].Last-d.Sents[si].First)
		}
		for _, w := range ws {
			tok := d.Toks[w.Token]
			if w.Start < tok.Start || w.End > tok.End || text[w.Start:w.End] != w.Form {
				t.Errorf("word %q at %d:%d outside its token %d:%d", w.Form, w.Start, w.End, tok.Start, tok.End)
			}
		}
	}
	rel := func(si int, form string) (string, string) {
		ws := d.Words.In(si)
		for _, w := range ws {
			if w.Form == form {
				if w.Head == 0 {
					return w.Deprel, ""
				}
				return w.Deprel, ws[w.Head-1].Form
			}
		}
		return "", ""
	}
	for _, c := range []struct {
		si                 int
		form, rel, headFor string
	}{
		{0, "villagers", "obj", "killed"},
		{0, "Gunmen", "nsubj", "killed"},
		{2, "suspects", "nsubj:pass", "arrested"},
	} {
		if r, h := rel(c.si, c.form); r != c.rel || h != c.headFor {
			t.Errorf("%s: %s of %q, want %s of %q", c.form, r, h, c.rel, c.headFor)
		}
	}
}
