package syntax

import (
	"bytes"
	"strings"
	"testing"
)

// A sentence of our own writing, in the UD English conventions.
const ownCoNLLU = `# sent_id = own-1
# text = The guards didn't stop them.
1	The	the	DET	DT	_	2	det	_	_
2	guards	guard	NOUN	NNS	_	5	nsubj	_	_
3-4	didn't	_	_	_	_	_	_	_	_
3	did	do	AUX	VBD	_	5	aux	_	_
4	n't	not	PART	RB	_	5	advmod	_	_
5	stop	stop	VERB	VB	_	0	root	_	_
6	them	they	PRON	PRP	_	5	obj	_	SpaceAfter=No
6.1	ghost	_	_	_	_	_	_	_	_
7	.	.	PUNCT	.	_	5	punct	_	_

`

func TestReadWriteCoNLLU(t *testing.T) {
	ss, err := ReadCoNLLUAll(strings.NewReader(ownCoNLLU))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 {
		t.Fatalf("%d sentences, want 1", len(ss))
	}
	s := ss[0]
	if got := strings.Join(s.Forms(), " "); got != "The guards did n't stop them ." {
		t.Errorf("forms %q", got)
	}
	if s.Comment("text") != "The guards didn't stop them." || s.Comment("sent_id") != "own-1" {
		t.Errorf("comments %q", s.Comments)
	}
	if len(s.Multiwords) != 1 || s.Multiwords[0] != (Multiword{First: 3, Last: 4, Form: "didn't"}) {
		t.Errorf("multiwords %+v", s.Multiwords)
	}
	if w := s.Words[1]; w.Head != 5 || w.Deprel != "nsubj" || w.Lemma != "guard" {
		t.Errorf("word 2: %+v", w)
	}
	var b bytes.Buffer
	if err := WriteCoNLLU(&b, s); err != nil {
		t.Fatal(err)
	}
	// The written sentence reads back the same (the empty node is gone).
	again, err := ReadCoNLLUAll(&b)
	if err != nil || len(again) != 1 {
		t.Fatalf("reread: %v", err)
	}
	if got, want := len(again[0].Words), 7; got != want {
		t.Errorf("%d words, want %d", got, want)
	}
	for i := range s.Words {
		if a, b := s.Words[i], again[0].Words[i]; a != b {
			t.Errorf("word %d: %+v, reread %+v", i+1, a, b)
		}
	}
}

func TestReadCoNLLUErrors(t *testing.T) {
	for _, in := range []string{
		"1\tx\n",
		"1\ta\ta\tX\tX\t_\tzero\tdep\t_\t_\n",
		"2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n",
		"1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n",
		"1\ta\ta\tX\tX\t_\t5\troot\t_\t_\n",
	} {
		if _, err := ReadCoNLLUAll(strings.NewReader(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func FuzzReadCoNLLU(f *testing.F) {
	f.Add(ownCoNLLU)
	f.Add("# text = x\n1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		ss, err := ReadCoNLLUAll(strings.NewReader(in))
		if err != nil {
			return
		}
		var b bytes.Buffer
		for _, s := range ss {
			if len(s.Words) == 0 {
				t.Fatal("empty sentence")
			}
			if err := WriteCoNLLU(&b, s); err != nil {
				t.Fatal(err)
			}
		}
	})
}
