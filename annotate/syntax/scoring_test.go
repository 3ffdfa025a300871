package syntax

import (
	"strings"
	"testing"
)

// parsePlain parses forms the plain way: every feature of every state
// looked up and every class scored. The parser's shortcuts (the scores of
// the buffer's front and of the top of the stack kept across states,
// left-arc weights skipped where no left arc is allowed) must give the
// same trees.
func parsePlain(m *Model, forms []string) []Word {
	sc := new(scratch)
	sc.a.reset(forms)
	m.setAmb(&sc.a)
	m.tag(sc)
	sc.lemmas, sc.buf = m.lemmatise(&sc.a, forms, sc.lemmas[:0], sc.buf)
	s := &sc.s
	s.reset(len(forms))
	nl := len(m.labels)
	nc := 2 + 2*nl
	for !s.terminal() {
		sc.feats = sc.a.parseFeats(sc.feats[:0], s)
		clear(sc.scores[:])
		sc.idx = m.parser.addAll(sc.feats, 0, sc.idx, &sc.scores)
		best := -1
		for c := 0; c < nc; c++ {
			if (best < 0 || sc.scores[c] > sc.scores[best]) && s.validClass(c, nl, m.rootLabel) {
				best = c
			}
		}
		s.apply(transOf(best, nl))
	}
	s.finish(m.rootLabel, m.leftLabel)
	out := make([]Word, len(forms))
	for i := range out {
		out[i] = Word{Form: forms[i], Head: s.head[i+1], Deprel: m.labels[s.label[i+1]]}
	}
	return out
}

// TestScoringShortcuts checks that the parser's shortcuts change no
// tree: on sentences of our own and, where the treebank is at hand, on
// the EWT dev file.
func TestScoringShortcuts(t *testing.T) {
	p := mustDefault(t)
	if p.m.parser == nil {
		t.Skip("the embedded model has separate transition and label tables")
	}
	sents := ownSentences()
	for _, s := range []string{
		"Five men were arrested by the police on Monday .",
		"Officials said gunmen had killed the mayor , his two guards and a driver near the market .",
		"The gunmen who attacked the convoy escaped , but police arrested two of them and seized weapons .",
		"",
		". . . , ,",
	} {
		sents = append(sents, strings.Fields(s))
	}
	if !testing.Short() {
		for _, s := range readEWTIfPresent("dev") {
			sents = append(sents, s.Forms())
		}
	}
	for _, forms := range sents {
		got, want := p.Parse(forms), parsePlain(p.m, forms)
		for i := range want {
			if got[i].Head != want[i].Head || got[i].Deprel != want[i].Deprel {
				t.Fatalf("%q word %d: %d %s, plain scoring %d %s", strings.Join(forms, " "), i+1, got[i].Head, got[i].Deprel, want[i].Head, want[i].Deprel)
			}
		}
	}
	t.Logf("%d sentences alike", len(sents))
}
