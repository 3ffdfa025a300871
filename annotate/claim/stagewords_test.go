package claim_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestStageWordClasses checks each claim class of
// lexicon/data/stage_words.tsv on a sentence of our own writing that it
// decides: who speaks, and whether the speaker is independent.
func TestStageWordClasses(t *testing.T) {
	f, err := claim.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		class, text, speaker string
		independent          bool
	}{
		{"relative", "Farid Omari, who said the road was closed, left.", "Farid Omari", false},
		{"relative (no comma)", "A trader who said the road was closed left.", "A trader", false},
		{"independent", "Independent monitors said four shops burned.", "Independent monitors", true},
		{"independent (adverb)", "Two observers independently confirmed the fire.", "Two observers independently", true},
	} {
		t.Run(tc.class, func(t *testing.T) {
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
			if speaker != tc.speaker || c.Independent != tc.independent {
				t.Errorf("cue %q: got speaker %q independent %v, want %q %v", tc.text[c.Start:c.End], speaker, c.Independent, tc.speaker, tc.independent)
			}
		})
	}
}
