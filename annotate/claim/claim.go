// Package claim finds who a text attributes its statements to ("the
// directorate said on its Twitter account", "according to the Taliban",
// "claimed responsibility") and whether it says they are confirmed
// ("independent sources have not confirmed").
package claim

import (
	"sync"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/internal/phrase"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Stances of a cue.
const (
	Asserts  = "asserts"
	Claims   = "claims"
	Confirms = "confirms"
	Denies   = "denies"
	Doubts   = "doubts"
)

// Cue is one attribution found in a sentence.
type Cue struct {
	First, Last int // token indices of the cue words, Last exclusive
	sitrep.Span     // byte offsets of the cue words
	Stance      string
	// SpeakerFirst and SpeakerLast are the tokens of who speaks, equal when
	// the cue names no one.
	SpeakerFirst, SpeakerLast int
	// Independent is true when the speaker is described as independent
	// ("independent sources").
	Independent bool
}

// HasSpeaker reports whether the cue names who speaks.
func (c Cue) HasSpeaker() bool { return c.SpeakerLast > c.SpeakerFirst }

type cue struct {
	stance  string
	speaker string // before, after, either, none
}

// fwClass is a bit set of the claim classes of lexicon/data/stage_words.tsv.
type fwClass uint8

const (
	relative fwClass = 1 << iota
	independent
)

var fwClassNames = map[string]fwClass{"relative": relative, "independent": independent}

// Finder finds cues. It is safe for concurrent use.
type Finder struct {
	dict phrase.Dict[cue]
	fw   map[string]fwClass // function words by folded word
}

// New builds a Finder from the embedded cues.tsv.
func New() (*Finder, error) {
	f := &Finder{}
	err := lexicon.ReadTSV(lexicon.FS(), "data/cues.tsv", func(r lexicon.Row) error {
		st, sp := r.Get("stance"), r.Get("speaker")
		switch st {
		case Asserts, Claims, Confirms, Denies, Doubts:
		default:
			return r.Errorf("unknown stance %q", st)
		}
		switch sp {
		case "before", "after", "either", "none":
		default:
			return r.Errorf("unknown speaker position %q", sp)
		}
		if err := f.dict.Add(r.Get("phrase"), cue{stance: st, speaker: sp}, false); err != nil {
			return r.Errorf("%v", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if f.fw, err = lexicon.WordClasses("claim", fwClassNames); err != nil {
		return nil, err
	}
	return f, nil
}

// skipBefore are words that may stand between a speaker and the cue:
// "the directorate also said", "police have said".
var skipBefore = map[string]bool{
	"also": true, "later": true, "earlier": true, "further": true, "previously": true,
	"has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "are": true,
	"been": true, "reportedly": true, "officially": true, "publicly": true, "separately": true,
	"too": true, "then": true, "today": true, "yesterday": true, "had also": true, "once": true,
	"again": true, "first": true, "recently": true, "quickly": true, "initially": true,
}

var determiners = map[string]bool{"a": true, "an": true, "the": true, "his": true, "its": true, "their": true}

// boundary words end a speaker phrase when reading away from the cue.
var boundary = map[string]bool{
	"that": true, "and": true, "but": true, "which": true, "who": true, "after": true,
	"while": true, "as": true, "when": true, "if": true, "because": true, "where": true,
	"so": true, "though": true, "although": true, "since": true, "what": true, "whom": true,
}

// Find returns the cues of the sentence toks[from:to].
func (f *Finder) Find(text string, toks []segment.Token, from, to int) []Cue {
	return f.AppendFind(nil, text, toks, from, to)
}

// scratch holds the buffers of one AppendFind call.
type scratch struct {
	ms      []phrase.Match[cue]
	longest phrase.Chooser[cue]
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// AppendFind appends the cues Find returns to dst and returns the extended
// slice.
func (f *Finder) AppendFind(dst []Cue, text string, toks []segment.Token, from, to int) []Cue {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.ms = f.dict.AppendFind(sc.ms[:0], text, toks, from, to)
	for _, m := range sc.longest.Longest(sc.ms) {
		c := Cue{First: m.First, Last: m.Last, Span: sitrep.Span{Start: toks[m.First].Start, End: toks[m.Last-1].End}, Stance: m.Value.stance}
		c.SpeakerFirst, c.SpeakerLast = m.First, m.First
		switch m.Value.speaker {
		case "before":
			c.SpeakerFirst, c.SpeakerLast = speakerBefore(text, toks, from, m.First)
		case "after":
			c.SpeakerFirst, c.SpeakerLast = speakerAfter(text, toks, m.Last, to)
		case "either":
			if m.First > from {
				if f.fw[toks[m.First-1].Key(text)]&relative != 0 {
					// "a local commander, who said": the antecedent speaks.
					c.SpeakerFirst, c.SpeakerLast = speakerBefore(text, toks, from, m.First-1)
					break
				}
			}
			// ", said a military statement": inverted after a comma.
			// (Not after a name in apposition: "The spokesman, Qari Abdul Wahid, said".)
			inverted := m.First > from+1 && isBreak(text, toks[m.First-1]) && !toks[m.First-2].Upper && m.Last < to &&
				(toks[m.Last].Upper || determiners[toks[m.Last].Key(text)])
			if inverted {
				c.SpeakerFirst, c.SpeakerLast = speakerAfter(text, toks, m.Last, to)
			} else {
				c.SpeakerFirst, c.SpeakerLast = speakerBefore(text, toks, from, m.First)
				if c.SpeakerFirst == c.SpeakerLast {
					c.SpeakerFirst, c.SpeakerLast = speakerAfter(text, toks, m.Last, to)
				}
			}
		}
		for i := c.SpeakerFirst; i < c.SpeakerLast; i++ {
			if f.fw[toks[i].Key(text)]&independent != 0 {
				c.Independent = true
			}
		}
		dst = append(dst, c)
	}
	return dst
}

func isBreak(text string, t segment.Token) bool {
	if t.Kind != segment.Punct {
		return false
	}
	switch text[t.Start:t.End] {
	case ",", ";", ":", ".", "“", "”", "\"", "(", ")", "—", "–", "•", "!", "?":
		return true
	}
	return false
}

// speakerBefore reads back from the cue at token i to the start of the
// speaker phrase.
func speakerBefore(text string, toks []segment.Token, from, i int) (int, int) {
	end := i
	for end > from && skipBefore[toks[end-1].Key(text)] {
		end--
	}
	// "The spokesman, Qari Abdul Wahid, said": the name in apposition,
	// with the office before it when that opens the sentence.
	appos := false
	if end > from+1 && toks[end-1].Kind == segment.Punct && text[toks[end-1].Start] == ',' {
		end--
		appos = true
	}
	start := end
	for start > from && end-start < 8 {
		t := toks[start-1]
		if isBreak(text, t) || boundary[t.Key(text)] {
			break
		}
		start--
	}
	if appos && start-1 > from && text[toks[start-1].Start] == ',' && start-1-from <= 6 {
		ok := true
		for k := from; k < start-1; k++ {
			if isBreak(text, toks[k]) || boundary[toks[k].Key(text)] {
				ok = false
			}
		}
		if ok {
			start = from
		}
	}
	if end-start == 8 { // too long to be a speaker: a clause
		return i, i
	}
	return start, end
}

// speakerAfter reads forward from token i to the end of the speaker phrase.
func speakerAfter(text string, toks []segment.Token, i, to int) (int, int) {
	end := i
	for end < to && end-i < 10 {
		t := toks[end]
		if isBreak(text, t) || boundary[t.Key(text)] {
			break
		}
		end++
	}
	if end-i == 10 {
		return i, i
	}
	return i, end
}
