package claim_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func TestFinder_Find(t *testing.T) {
	f, err := claim.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text           string
		stance, cue, speaker string
		independent          bool
	}{
		{"said after", "Five people were killed, the provincial police chief said.", claim.Asserts, "said", "the provincial police chief", false},
		{"said before", "The directorate also said that the men were killed.", claim.Asserts, "said", "The directorate", false},
		{"according to", "According to the Taliban, three fighters died.", claim.Asserts, "According to", "the Taliban", false},
		{"claimed", "The group claimed responsibility for the blast.", claim.Claims, "claimed responsibility for", "The group", false},
		{"doubt", "So far, independent sources have not confirmed the deaths.", claim.Doubts, "have not confirmed", "independent sources", true},
		{"no speaker", "The figures could not be independently verified.", claim.Doubts, "could not be independently verified", "", false},
		{"denied", "The army denied the report.", claim.Denies, "denied", "The army", false},
		{"inverted", "Two soldiers died, said a military statement.", claim.Asserts, "said", "a military statement", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, toks := segment.Split(tc.text, sitrep.Span{})
			cs := f.Find(tc.text, toks, 0, len(toks))
			if len(cs) == 0 {
				t.Fatal("no cue found")
			}
			c := cs[0]
			speaker := ""
			if c.HasSpeaker() {
				speaker = tc.text[toks[c.SpeakerFirst].Start:toks[c.SpeakerLast-1].End]
			}
			if c.Stance != tc.stance || tc.text[c.Start:c.End] != tc.cue || speaker != tc.speaker || c.Independent != tc.independent {
				t.Errorf("got stance %q cue %q speaker %q independent %v; want %q %q %q %v",
					c.Stance, tc.text[c.Start:c.End], speaker, c.Independent, tc.stance, tc.cue, tc.speaker, tc.independent)
			}
		})
	}
}
