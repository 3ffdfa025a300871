package syntax

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// arc is an expected arc: the dependent's form, its head's form ("ROOT"
// for the root) and the relation.
type arc struct{ dep, head, rel string }

// TestOwnSentences checks the arcs that event roles are read from, on
// sentences of our own writing: active and passive clauses with and without
// an agent, nominal events, relative clauses, coordination and reported
// speech.
func TestOwnSentences(t *testing.T) {
	p := mustDefault(t)
	for _, tc := range []struct {
		text string
		want []arc
		// known names an error of the committed model on this sentence:
		// the row is logged, not failed, until a model gets it right.
		known string
	}{
		{"Police arrested five men in the town on Monday .",
			[]arc{{"Police", "arrested", "nsubj"}, {"men", "arrested", "obj"}, {"arrested", "ROOT", "root"}, {"Monday", "arrested", "obl"}}, ""},
		{"Five men were arrested by the police on Monday .",
			[]arc{{"men", "arrested", "nsubj:pass"}, {"were", "arrested", "aux:pass"}}, ""},
		{"Five men were arrested by the police on Monday .",
			[]arc{{"police", "arrested", "obl:agent"}}, ""},
		{"Two soldiers were wounded by gunmen .",
			[]arc{{"soldiers", "wounded", "nsubj:pass"}, {"gunmen", "wounded", "obl:agent"}}, "'were wounded' is read as a copula and adjective"},
		{"Two soldiers were killed yesterday .",
			[]arc{{"soldiers", "killed", "nsubj:pass"}, {"killed", "ROOT", "root"}}, ""},
		{"Three people were killed in police firing .",
			[]arc{{"people", "killed", "nsubj:pass"}, {"firing", "killed", "obl"}, {"police", "firing", "compound"}}, ""},
		{"The killing of the journalist angered residents .",
			[]arc{{"journalist", "killing", "nmod"}, {"killing", "angered", "nsubj"}, {"residents", "angered", "obj"}}, ""},
		{"Police arrested two men and seized weapons .",
			[]arc{{"men", "arrested", "obj"}}, ""},
		{"Police arrested two men and seized weapons .",
			[]arc{{"seized", "arrested", "conj"}, {"weapons", "seized", "obj"}}, "'seized' after 'and' is tagged VBN and read as amod of 'weapons'"},
		{"Officials said gunmen had killed the mayor .",
			[]arc{{"killed", "said", "ccomp"}, {"gunmen", "killed", "nsubj"}, {"mayor", "killed", "obj"}}, ""},
		{"The gunmen who attacked the convoy escaped .",
			[]arc{{"attacked", "gunmen", "acl:relcl"}, {"convoy", "attacked", "obj"}, {"escaped", "ROOT", "root"}}, ""},
	} {
		forms := strings.Fields(tc.text)
		ws := p.Parse(forms)
		if !IsTree(ws) {
			t.Errorf("%q: not a tree", tc.text)
		}
		got := map[string]arc{}
		for _, w := range ws {
			h := "ROOT"
			if w.Head > 0 {
				h = ws[w.Head-1].Form
			}
			got[w.Form] = arc{w.Form, h, w.Deprel}
		}
		wrong := 0
		for _, a := range tc.want {
			if got[a.dep] != a {
				wrong++
				report := t.Errorf
				if tc.known != "" {
					report = t.Logf
				}
				report("%q: %s <-%s- %s, want <-%s- %s", tc.text, a.dep, got[a.dep].rel, got[a.dep].head, a.rel, a.head)
			}
		}
		if tc.known != "" && wrong == 0 {
			t.Errorf("%q: the known error %q is gone: drop the note", tc.text, tc.known)
		}
	}
}

func TestTagsAndLemmas(t *testing.T) {
	p := mustDefault(t)
	ws := p.Parse(strings.Fields("Gunmen attacked the villages and killed two children ."))
	want := []struct{ upos, lemma string }{
		{"NOUN", "gunman"}, {"VERB", "attack"}, {"DET", "the"}, {"NOUN", "village"}, {"CCONJ", "and"},
		{"VERB", "kill"}, {"NUM", "two"}, {"NOUN", "child"}, {"PUNCT", "."},
	}
	for i, w := range want {
		if ws[i].UPOS != w.upos || ws[i].Lemma != w.lemma {
			t.Errorf("%s: %s %s, want %s %s", ws[i].Form, ws[i].UPOS, ws[i].Lemma, w.upos, w.lemma)
		}
	}
}

func TestIsTree(t *testing.T) {
	w := func(heads ...int) []Word {
		ws := make([]Word, len(heads))
		for i, h := range heads {
			ws[i].Head = h
		}
		return ws
	}
	for _, tc := range []struct {
		words []Word
		want  bool
	}{
		{w(0), true},
		{w(2, 0, 2), true},
		{w(0, 0), false},    // two roots
		{w(2, 1, 0), false}, // a cycle
		{w(2, 4), false},    // out of range
		{w(1), false},       // self-loop, no root
	} {
		if got := IsTree(tc.words); got != tc.want {
			t.Errorf("IsTree(%v) = %v", tc.words, got)
		}
	}
}

// TestTrain trains on a tiny treebank of our own and checks that the model
// learns it and survives a write and read.
func TestTrain(t *testing.T) {
	ss, err := ReadCoNLLUAll(strings.NewReader(ownCoNLLU + ownCoNLLU2))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(ss, TrainOptions{TagEpochs: 10, ParseEpochs: 10, Folds: 1, XPOS: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&b)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []*Model{m, m2} {
		sc := Evaluate(NewParser(m), ss, false)
		if sc.UPOS != 100 || sc.XPOS != 100 || sc.LAS != 100 || sc.Lemma != 100 {
			t.Errorf("training sentences: %+v, want 100 everywhere", sc)
		}
	}
	if _, err := ReadModel(strings.NewReader("not a model")); err == nil {
		t.Error("ReadModel of garbage: no error")
	}
}

const ownCoNLLU2 = `# text = Rebels shelled the base at night.
1	Rebels	rebel	NOUN	NNS	_	2	nsubj	_	_
2	shelled	shell	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	base	base	NOUN	NN	_	2	obj	_	_
5	at	at	ADP	IN	_	6	case	_	_
6	night	night	NOUN	NN	_	2	obl	_	SpaceAfter=No
7	.	.	PUNCT	.	_	2	punct	_	_

`

// FuzzParse checks that any sequence of tokens gives one tree.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "a", "Police arrested five men .", ". . . ,", "\xff \x00 ééé", "the the the the the the the the"} {
		f.Add(s)
	}
	p := mustDefault(f)
	f.Fuzz(func(t *testing.T, s string) {
		forms := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' })
		if len(forms) > 200 {
			forms = forms[:200]
		}
		ws := p.Parse(forms)
		if len(ws) != len(forms) {
			t.Fatalf("%d words for %d forms", len(ws), len(forms))
		}
		if len(ws) > 0 && !IsTree(ws) {
			t.Fatalf("%q: not a tree: %+v", s, ws)
		}
		for _, w := range ws {
			if w.UPOS == "" || w.Deprel == "" || !utf8.ValidString(w.Lemma) && utf8.ValidString(w.Form) {
				t.Fatalf("%q: incomplete word %+v", s, w)
			}
		}
	})
}
