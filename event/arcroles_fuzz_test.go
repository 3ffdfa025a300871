package event

import (
	"testing"

	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/syntax"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// FuzzArcReader feeds the arc reader arbitrary trees, including ones no
// parser writes (cycles, heads out of range, several roots): it must
// never panic or loop, and any role it reads is a candidate.
func FuzzArcReader(f *testing.F) {
	f.Add([]byte{1, 0, 2, 3, 1, 0, 2, 4, 0}, uint8(1), uint8(2))
	f.Add([]byte{2, 5, 1, 1, 1, 1, 3, 7, 3}, uint8(0), uint8(3))
	if fwOnce.Do(func() {
		if fw, fwErr = loadWords(); fwErr == nil {
			fwErr = loadImplicitAgents()
		}
	}); fwErr != nil {
		f.Fatal(fwErr)
	}
	rels := []string{"nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "nmod", "case", "compound", "conj", "advcl", "xcomp", "acl", "acl:relcl", "aux:pass", "det", "root", "nmod:poss", "amod"}
	tags := []string{"VERB", "NOUN", "PRON", "ADP", "DET", "ADJ", "PROPN", "AUX"}
	forms := []string{"by", "of", "on", "police", "killed", "who", "the", "died", "custody", "in", "man", "launched"}
	f.Fuzz(func(t *testing.T, b []byte, tf, tl uint8) {
		n := len(b) / 3
		if n == 0 || n > 64 {
			return
		}
		ws := make([]syntax.TokenWord, n)
		for i := range ws {
			ws[i] = syntax.TokenWord{
				Word: syntax.Word{
					Form: forms[int(b[3*i])%len(forms)], UPOS: tags[int(b[3*i+1])%len(tags)],
					Head: int(int8(b[3*i+2])) % (n + 2), Deprel: rels[int(b[3*i+1]+b[3*i+2])%len(rels)],
				},
				Token: i,
			}
		}
		cands := []actor.Mention{{First: 1, Last: 2, Kind: actor.Agent, Agent: statePolice.Agent}, {First: n - 1, Last: n, Kind: actor.Agent, Agent: unnamedCivilians.Agent}}
		first := int(tf) % n
		last := first + 1 + int(tl)%3
		tr := &trigger.Trigger{First: first, Last: last, Class: trigger.Kill}
		r := arcReader{p: tree{ws: ws, head: -1}, cands: cands}
		a1, a2 := r.arcRoles(tr)
		for _, a := range []arcRole{a1, a2} {
			if a.m != nil && a.m != &cands[0] && a.m != &cands[1] {
				t.Fatalf("role %+v is no candidate", a)
			}
		}
	})
}
