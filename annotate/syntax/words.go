package syntax

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// A TokenWord is a syntactic word of a sentence of sitrep's tokeniser,
// with its analysis. Heads number the words of the sentence from 1 (0 for
// the root), as in Word.
//
// Universal Dependencies splits some of what sitrep's tokeniser keeps
// whole: contractions ("don't" is "do" + "n't", "gonna" is "gon" + "na")
// and hyphenated compounds ("state-run" is "state" "-" "run"). Each part
// is a word with its own byte span; Token says which token it came from,
// and Fused marks the parts of a contraction, which CoNLL-U writes as one
// multiword token.
type TokenWord struct {
	Word
	Start, End int  // UTF-8 byte offsets into the text, End exclusive
	Token      int  // index of the token in the slice given to ParseTokens
	Fused      bool // part of a contraction written as one token
}

// wordSpan is a word's byte span and origin before parsing.
type wordSpan struct {
	start, end, tok int
	fused           bool
}

// clitics are the contracted endings UD writes as words of their own,
// longest first.
var clitics = []string{"n't", "'ll", "'re", "'ve", "'s", "'m", "'d"}

// wordRules are the tokenisation conventions of the treebank that the
// model learned from it (learnWordRules): whole words that UD writes as two
// ("gonna" -> "gon" + "na", "cannot" -> "can" + "not", the web's "dont"
// -> "do" + "nt"), and the bound prefixes that a hyphen does not split
// from their stem ("anti-government", "ex-president", "e-mail").
type wordRules struct {
	fused    map[string]int  // lower-case form -> byte length of its first part
	prefixes map[string]bool // lower-case prefixes, without the hyphen
}

// appendWords appends the syntactic words of toks (see TokenWord).
func (r *wordRules) appendWords(dst []wordSpan, text string, toks []segment.Token, buf []byte) ([]wordSpan, []byte) {
	for ti := 0; ti < len(toks); ti++ {
		t := toks[ti]
		// A web or e-mail address, or a run of one punctuation mark
		// ("!!!", "====="), is one word, as in UD English, though the
		// tokeniser splits it at every mark.
		if n := joined(text, toks[ti:]); n > 1 {
			dst = append(dst, wordSpan{t.Start, toks[ti+n-1].End, ti, false})
			ti += n - 1
			continue
		}
		if t.Kind != segment.Word || t.End-t.Start < 2 {
			dst = append(dst, wordSpan{t.Start, t.End, ti, false})
			continue
		}
		w := text[t.Start:t.End]
		// An abbreviation that ends the sentence ("etc.", "p.m.") gives
		// its period to the sentence: UD writes the period as a word of
		// its own.
		if ti == len(toks)-1 && w[len(w)-1] == '.' {
			dst = append(dst, wordSpan{t.Start, t.End - 1, ti, false}, wordSpan{t.End - 1, t.End, ti, false})
			continue
		}
		buf = appendLower(buf[:0], w)
		if n, ok := r.fused[string(buf)]; ok && len(buf) == len(w) {
			dst = append(dst, wordSpan{t.Start, t.Start + n, ti, true}, wordSpan{t.Start + n, t.End, ti, true})
			continue
		}
		// A contraction: the clitic's span in the original text.
		cut := -1
		for _, c := range clitics {
			if len(buf) > len(c) && strings.HasSuffix(string(buf), c) {
				// Map the suffix length in buf back to w: both end with the
				// same runes, and only the apostrophe may differ in size.
				cut = len(w) - suffixBytes(w, utf8.RuneCountInString(c))
				break
			}
		}
		end := t.End
		if cut > 0 {
			end = t.Start + cut
		}
		dst = r.appendHyphenParts(dst, text, t.Start, end, ti, cut > 0)
		if cut > 0 {
			dst = append(dst, wordSpan{end, t.End, ti, true})
		}
	}
	return dst, buf
}

// joined returns how many tokens from toks[0] make one word: an address
// (tokens without space between them that hold "://", "www." or an "@"
// between letters), or a run of one punctuation mark; 1 otherwise.
func joined(text string, toks []segment.Token) int {
	n := 1
	for n < len(toks) && toks[n].Start == toks[n-1].End {
		n++
	}
	if n == 1 {
		return 1
	}
	// The run of one mark.
	if t := toks[0]; t.Kind == segment.Punct {
		mark := text[t.Start:t.End]
		k := 1
		for k < n && text[toks[k].Start:toks[k].End] == mark {
			k++
		}
		return k
	}
	// Quotes and brackets delimit an address ("Ann"<ann@example.com>):
	// the chain stops before them.
	for k := 1; k < n; k++ {
		if strings.ContainsAny(text[toks[k].Start:toks[k].End], "\"<>[]") {
			n = k
			break
		}
	}
	if n == 1 {
		return 1
	}
	chain := text[toks[0].Start:toks[n-1].End]
	at := strings.IndexByte(chain, '@')
	if !strings.Contains(chain, "://") && !strings.HasPrefix(strings.ToLower(chain), "www.") &&
		(at <= 0 || at == len(chain)-1 || !strings.Contains(chain[at:], ".")) {
		return 1
	}
	// Leave out the punctuation that ends a sentence or clause after it.
	for n > 1 {
		last := toks[n-1]
		if last.Kind != segment.Punct || !strings.ContainsAny(text[last.Start:last.End], ".,;:!?)\"'") {
			break
		}
		n--
	}
	return n
}

// suffixBytes returns the byte length of the last n runes of s.
func suffixBytes(s string, n int) int {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return len(s) - i
}

// appendHyphenParts appends text[start:end] split at hyphens between
// letters ("state-run" -> "state" "-" "run"), as UD English does, except
// after a bound prefix at the start ("anti-government").
func (r *wordRules) appendHyphenParts(dst []wordSpan, text string, start, end, tok int, fused bool) []wordSpan {
	from := start
	for i := start + 1; i < end-1; i++ {
		if text[i] != '-' || text[i-1] == '-' || text[i+1] == '-' {
			continue
		}
		if from == start && r.isPrefix(text[start:i]) {
			continue
		}
		dst = append(dst, wordSpan{from, i, tok, fused}, wordSpan{i, i + 1, tok, fused})
		from = i + 1
	}
	return append(dst, wordSpan{from, end, tok, fused})
}

// maxPrefix is the length of the longest bound prefix kept.
const maxPrefix = 8

// isPrefix reports whether s is a bound prefix (ASCII letters, any case).
func (r *wordRules) isPrefix(s string) bool {
	if len(s) > maxPrefix {
		return false
	}
	var b [maxPrefix]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z':
		default:
			return false
		}
		b[i] = c
	}
	return r.prefixes[string(b[:len(s)])]
}

// ParseTokens tags and parses one sentence of sitrep's tokeniser: toks are
// the sentence's tokens (toks[s.First:s.Last] of segment.Split) and text
// the text they index. It appends the sentence's words to dst and returns
// it; the result is always a tree.
func (p *Parser) ParseTokens(dst []TokenWord, text string, toks []segment.Token) []TokenWord {
	sc := p.pool.Get().(*scratch)
	defer p.pool.Put(sc)
	sc.spans, sc.buf = p.m.words.appendWords(sc.spans[:0], text, toks, sc.buf)
	sc.forms = sc.forms[:0]
	for _, sp := range sc.spans {
		sc.forms = append(sc.forms, text[sp.start:sp.end])
	}
	if cap(sc.words) < len(sc.forms) {
		sc.words = make([]Word, len(sc.forms))
	}
	sc.words = sc.words[:len(sc.forms)]
	for i := range sc.words {
		sc.words[i] = Word{Form: sc.forms[i]}
	}
	if len(sc.forms) > 0 {
		p.annotate(sc, sc.forms, sc.words)
	}
	for i, sp := range sc.spans {
		dst = append(dst, TokenWord{Word: sc.words[i], Start: sp.start, End: sp.end, Token: sp.tok, Fused: sp.fused})
	}
	return dst
}

// CharCounter turns increasing byte offsets of a text into character
// (code point) offsets, counting each rune once over a pass.
type CharCounter struct {
	text  string
	b, ch int
}

// NewCharCounter returns a CharCounter for text.
func NewCharCounter(text string) *CharCounter { return &CharCounter{text: text} }

// At returns the character offset of byte offset off. Offsets must not
// decrease from one call to the next; a smaller one restarts the count.
func (c *CharCounter) At(off int) int {
	if off < c.b {
		c.b, c.ch = 0, 0
	}
	off = min(off, len(c.text))
	c.ch += utf8.RuneCountInString(c.text[c.b:off])
	c.b = off
	return c.ch
}

// CoNLLU returns the words of one sentence of text as a CoNLL-U sentence:
// parts of a contraction become a multiword token, and MISC holds
// TokenRange=START:END (character offsets into text, as UDPipe writes
// them) and SpaceAfter=No where no space follows. chars converts offsets;
// comments are written before the words.
func CoNLLU(text string, ws []TokenWord, chars *CharCounter, comments ...string) *Sentence {
	s := &Sentence{Comments: comments, Words: make([]Word, len(ws))}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		s.Words[i] = w.Word
		s.Words[i].Feats, s.Words[i].Deps = "", ""
		if w.Fused {
			j := i
			for j+1 < len(ws) && ws[j+1].Fused && ws[j+1].Token == w.Token {
				j++
			}
			if j > i {
				end := ws[j].End
				s.Multiwords = append(s.Multiwords, Multiword{
					First: i + 1, Last: j + 1, Form: text[w.Start:end],
					Misc: misc(text, w.Start, end, chars),
				})
				for k := i; k <= j; k++ {
					s.Words[k] = ws[k].Word
					s.Words[k].Feats, s.Words[k].Deps, s.Words[k].Misc = "", "", ""
				}
				i = j
				continue
			}
		}
		s.Words[i].Misc = misc(text, w.Start, w.End, chars)
	}
	return s
}

func misc(text string, start, end int, chars *CharCounter) string {
	m := "TokenRange=" + itoa(chars.At(start)) + ":" + itoa(chars.At(end))
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if !isSpaceRune(r) {
			m = "SpaceAfter=No|" + m
		}
	}
	return m
}

func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xA0, 0x2028, 0x2029:
		return true
	}
	return r >= 0x2000 && r <= 0x200A || r == 0x3000 || r == 0x1680 || r == 0x202F || r == 0x205F
}

func itoa(n int) string { return strconv.Itoa(n) }
