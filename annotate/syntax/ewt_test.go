package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// ewtDir is the UD English Web Treebank of the shared folder.
var ewtDir = filepath.Join("..", "..", "..", "shared", "data", "ud-english-ewt")

func readEWT(tb testing.TB, part string) []*Sentence {
	tb.Helper()
	f, err := os.Open(filepath.Join(ewtDir, "en_ewt-ud-"+part+".conllu"))
	if err != nil {
		tb.Skipf("UD English EWT not available: %v", err)
	}
	defer f.Close()
	ss, err := ReadCoNLLUAll(f)
	if err != nil {
		tb.Fatal(err)
	}
	return ss
}

// TestEWTGoldTokens scores the embedded model on the dev and test files
// with gold tokens. The test file is for reporting only: nothing was tuned
// on it. The floors are the figures of the committed model, less a little:
// a guard against regressions. (Of the targets, test UPOS 94.5,
// UAS 86, LAS 82, UAS is not met yet: 85.5.)
func TestEWTGoldTokens(t *testing.T) {
	p := mustDefault(t)
	for _, part := range []struct {
		name           string
		upos, uas, las float64
	}{
		{"dev", 94.7, 85.0, 81.8},
		{"test", 95.0, 85.3, 82.1},
	} {
		sents := readEWT(t, part.name)
		sc := Evaluate(p, sents, false)
		t.Logf("%s gold tokens: %d words, UPOS %.2f XPOS %.2f lemma %.2f UAS %.2f LAS %.2f (universal %.2f), trees %d/%d",
			part.name, sc.Words, sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS, sc.LASUniversal, sc.Trees, sc.Sentences)
		if sc.Trees != sc.Sentences {
			t.Errorf("%s: %d of %d outputs are not trees", part.name, sc.Sentences-sc.Trees, sc.Sentences)
		}
		if sc.UPOS < part.upos || sc.UAS < part.uas || sc.LAS < part.las {
			t.Errorf("%s: UPOS %.2f UAS %.2f LAS %.2f, want at least %.1f / %.1f / %.1f",
				part.name, sc.UPOS, sc.UAS, sc.LAS, part.upos, part.uas, part.las)
		}
	}
}

// TestEWTRawText scores the whole chain on the raw text of the test file:
// sitrep's sentence splitter and tokeniser, then the parser, aligned to the
// gold words by character spans (CoNLL 2018).
func TestEWTRawText(t *testing.T) {
	p := mustDefault(t)
	for _, part := range []struct {
		name string
		las  float64
	}{
		{"dev", 78.0},
		{"test", 78.0},
	} {
		docs := rawDocs(readEWT(t, part.name))
		var gold, sys []SpanWord
		base := 0
		for _, d := range docs {
			// One alignment pass covers all documents: each one's spans and
			// heads are moved past those of the documents before it.
			gold = appendShifted(gold, d.gold, base)
			sys = appendShifted(sys, parseRaw(p, d.text), base)
			base += len(d.text) + 1
		}
		sc := ScoreAligned(gold, sys)
		t.Logf("%s raw text: tokens %.2f words %.2f UPOS %.2f UAS %.2f LAS %.2f (full relations %.2f); %d gold, %d system words",
			part.name, sc.Tokens, sc.Words, sc.UPOS, sc.UAS, sc.LAS, sc.LASFull, sc.GoldWords, sc.SystemWords)
		if sc.LAS < part.las {
			t.Errorf("%s raw LAS %.2f, want at least %.1f (the issue's target: 78 on test)", part.name, sc.LAS, part.las)
		}
	}
}

// appendShifted appends ws to dst with spans moved by base and heads by len(dst).
func appendShifted(dst, ws []SpanWord, base int) []SpanWord {
	off := len(dst)
	for _, w := range ws {
		if w.Start >= 0 {
			w.Start += base
			w.End += base
		}
		if w.Head >= 0 {
			w.Head += off
		}
		dst = append(dst, w)
	}
	return dst
}

type rawDoc struct {
	text string
	gold []SpanWord
}

// rawDocs rebuilds the documents of a treebank from the sentences' text:
// sentences joined by a space, paragraphs by a blank line. Every word gets
// the span of its token in that text; heads become indexes into the
// document's words.
func rawDocs(sents []*Sentence) []rawDoc {
	var docs []rawDoc
	var b strings.Builder
	var cur rawDoc
	flush := func() {
		if len(cur.gold) > 0 {
			cur.text = b.String()
			docs = append(docs, cur)
		}
		cur = rawDoc{}
		b.Reset()
	}
	for _, s := range sents {
		newDoc, newPar := false, false
		for _, c := range s.Comments {
			newDoc = newDoc || strings.HasPrefix(c, "newdoc")
			newPar = newPar || strings.HasPrefix(c, "newpar")
		}
		if newDoc {
			flush()
		} else if b.Len() > 0 {
			if newPar {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		text := s.Comment("text")
		base := b.Len()
		b.WriteString(text)
		first := len(cur.gold)
		pos := 0
		place := func(form string) (int, int) {
			k := strings.Index(text[pos:], form)
			if k < 0 {
				return -1, -1
			}
			st := pos + k
			pos = st + len(form)
			return base + st, base + pos
		}
		mw := 0
		for i := 0; i < len(s.Words); i++ {
			for mw < len(s.Multiwords) && s.Multiwords[mw].First < i+1 {
				mw++
			}
			if mw < len(s.Multiwords) && s.Multiwords[mw].First == i+1 {
				m := s.Multiwords[mw]
				st, en := place(m.Form)
				for k := m.First - 1; k < m.Last && k < len(s.Words); k++ {
					cur.gold = append(cur.gold, goldWord(s, k, first, st, en, true))
				}
				i = m.Last - 1
				continue
			}
			st, en := place(s.Words[i].Form)
			cur.gold = append(cur.gold, goldWord(s, i, first, st, en, false))
		}
	}
	flush()
	return docs
}

func goldWord(s *Sentence, k, first, st, en int, multi bool) SpanWord {
	w := s.Words[k]
	h := -1
	if w.Head > 0 {
		h = first + w.Head - 1
	}
	return SpanWord{Start: st, End: en, Form: w.Form, UPOS: w.UPOS, Head: h, Deprel: w.Deprel, Multi: multi}
}

// parseRaw splits, tokenises and parses text and returns its words.
func parseRaw(p *Parser, text string) []SpanWord {
	sents, toks := segment.Split(text, sitrep.Span{})
	var out []SpanWord
	var ws []TokenWord
	for _, s := range sents {
		ws = p.ParseTokens(ws[:0], text, toks[s.First:s.Last])
		first := len(out)
		for _, w := range ws {
			h := -1
			if w.Head > 0 {
				h = first + w.Head - 1
			}
			sw := SpanWord{Start: w.Start, End: w.End, Form: w.Form, UPOS: w.UPOS, Head: h, Deprel: w.Deprel}
			if w.Fused {
				t := toks[s.First+w.Token]
				sw.Start, sw.End, sw.Multi = t.Start, t.End, true
			}
			out = append(out, sw)
		}
	}
	return out
}

// readEWTIfPresent returns the sentences of a part of the treebank, or
// none when it is absent.
func readEWTIfPresent(part string) []*Sentence {
	f, err := os.Open(filepath.Join(ewtDir, "en_ewt-ud-"+part+".conllu"))
	if err != nil {
		return nil
	}
	defer f.Close()
	ss, err := ReadCoNLLUAll(f)
	if err != nil {
		return nil
	}
	return ss
}

func mustDefault(tb testing.TB) *Parser {
	tb.Helper()
	p, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}
