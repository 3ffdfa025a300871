package syntax

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestAppendWords checks that sitrep's tokens are split into the words of
// the UD English conventions, with exact spans.
func TestAppendWords(t *testing.T) {
	rules := learnWordRules(readEWT(t, "train"))
	for _, tc := range []struct{ text, want string }{
		{"They don't know.", "They|do|n't|know|."},
		{"We can’t go", "We|ca|n’t|go"},
		{"a state-run TV", "a|state|-|run|TV"},
		{"I'm gonna say it's fine", "I|'m|gon|na|say|it|'s|fine"},
		{"you cannot", "you|can|not"},
		{"Mazar-e-Sharif's 1,200", "Mazar|-|e|-|Sharif|'s|1,200"},
		{"well--done", "well|--|done"},
		{"Wow!!! See http://example.org/a_b.html, or write to ann.lee@example.com.", "Wow|!!!|See|http://example.org/a_b.html|,|or|write|to|ann.lee@example.com|."},
		{"=====", "====="},
		// Bound prefixes stay with their stem; free words do not.
		{"an anti-government march by ex-rebels and pro-Kremlin groups", "an|anti-government|march|by|ex-rebels|and|pro-Kremlin|groups"},
		{"a self-declared non-state group", "a|self|-|declared|non-state|group"},
		{"an e-mail from Mazar-e-Sharif", "an|e-mail|from|Mazar|-|e|-|Sharif"},
		// A sentence-final abbreviation lends its period to the sentence.
		{"We sell tools, paint etc.", "We|sell|tools|,|paint|etc|."},
		{"They moved to the U.S.", "They|moved|to|the|U.S|."},
		{"They moved to the U.S. in May", "They|moved|to|the|U.S.|in|May"},
		{"From: \"Ann Lee\"<ann.lee@example.com> Hi", "From|:|\"|Ann|Lee|\"|<|ann.lee@example.com|>|Hi"},
		// The web's contractions without an apostrophe.
		{"i dont know", "i|do|nt|know"},
	} {
		_, toks := segment.Split(tc.text, sitrep.Span{})
		ws, _ := rules.appendWords(nil, tc.text, toks, nil)
		var got []string
		for _, w := range ws {
			got = append(got, tc.text[w.start:w.end])
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, g, tc.want)
		}
	}
}

func TestCoNLLUOfTokens(t *testing.T) {
	p := mustDefault(t)
	text := "Héllo. They didn't come."
	sents, toks := segment.Split(text, sitrep.Span{})
	if len(sents) != 2 {
		t.Fatalf("%d sentences", len(sents))
	}
	s := sents[1]
	ws := p.ParseTokens(nil, text, toks[s.First:s.Last])
	chars := NewCharCounter(text)
	cs := CoNLLU(text, ws, chars, "text = "+s.Text(text))
	if len(cs.Multiwords) != 1 || cs.Multiwords[0].Form != "didn't" || cs.Multiwords[0].First != 2 || cs.Multiwords[0].Last != 3 {
		t.Errorf("multiwords %+v", cs.Multiwords)
	}
	// "They" starts at character 7 (byte 8: é is two bytes).
	if cs.Words[0].Misc != "TokenRange=7:11" {
		t.Errorf("misc %q", cs.Words[0].Misc)
	}
	if cs.Words[3].Misc != "SpaceAfter=No|TokenRange=19:23" {
		t.Errorf("misc of come: %q", cs.Words[3].Misc)
	}
}
