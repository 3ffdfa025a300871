package date

import (
	"unicode"
	"unicode/utf8"
)

// maxWord is the longest vocabulary word, in bytes; longer text words are
// not looked up.
const maxWord = 16

// Token kinds.
const (
	tWord  = iota + 1 // a run of letters
	tNum              // a run of ASCII digits
	tPunct            // one other character
)

// Token flags.
const (
	fSpace = 1 << iota // whitespace precedes the token
	fCap               // a word whose first letter is upper case
	fSent              // the token starts a sentence or a line
)

// token is one word, number or punctuation mark of the text.
type token struct {
	start, end int32  // byte offsets into the text; end exclusive
	wi         uint16 // index of the vocabulary word in vocab.infos, 0 none
	num        int32  // the value of a number (saturates at 1<<30)
	para       int32  // paragraph index, starting at 0
	kind       uint8
	ch         byte  // a punctuation mark: the ASCII byte, '-' for dashes, '\'' for apostrophes, 0 for others
	ndig       uint8 // digits of a number (saturates at 255)
	flags      uint8
}

func (t *token) has(f uint8) bool { return t.flags&f != 0 }

// tokenize splits text[start:end] into toks, looking words up in v.
func tokenize(v *vocab, text string, start, end int, toks []token) []token {
	var buf [maxWord]byte
	para := int32(0)
	var flags uint8 = fSent
	prevSent := true // the previous token ends a sentence
	nls := 0         // newlines since the last token
	for i := start; i < end; {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			flags |= fSpace
			i++
			continue
		case c == '\n':
			nls++
			if nls == 2 && len(toks) > 0 {
				para++ // a blank line ends a paragraph
			}
			flags |= fSpace | fSent
			i++
			continue
		case c >= '0' && c <= '9':
			j := i
			var n int32
			for j < end && text[j] >= '0' && text[j] <= '9' {
				if n < 1<<30 {
					n = n*10 + int32(text[j]-'0')
				}
				j++
			}
			nd := j - i
			if nd > 255 {
				nd = 255
			}
			if prevSent {
				flags |= fSent
			}
			toks = append(toks, token{start: int32(i), end: int32(j), kind: tNum, num: n, ndig: uint8(nd), para: para, flags: flags})
			flags, prevSent, nls = 0, false, 0
			i = j
			continue
		case c < utf8.RuneSelf:
			if isASCIILetter(c) {
				j := i
				for j < end {
					d := text[j]
					if isASCIILetter(d) {
						j++
						continue
					}
					if d >= utf8.RuneSelf {
						r, w := utf8.DecodeRuneInString(text[j:end])
						if r != utf8.RuneError && unicode.IsLetter(r) {
							j += w
							continue
						}
					}
					break
				}
				toks = appendWord(v, text, i, j, para, flags, prevSent, toks, &buf)
				flags, prevSent, nls = 0, false, 0
				i = j
				continue
			}
			if prevSent {
				flags |= fSent
			}
			toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tPunct, ch: c, para: para, flags: flags})
			flags, nls = 0, 0
			prevSent = c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == '(' || (prevSent && (c == '\'' || c == '*' || c == '-'))
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:end])
		if r != utf8.RuneError && unicode.IsSpace(r) {
			if r == '\u2028' || r == '\u2029' || r == '\u0085' {
				flags |= fSent
			}
			flags |= fSpace
			i += w
			continue
		}
		if r != utf8.RuneError && unicode.IsLetter(r) {
			j := i + w
			for j < end {
				d := text[j]
				if isASCIILetter(d) {
					j++
					continue
				}
				if d >= utf8.RuneSelf {
					r2, w2 := utf8.DecodeRuneInString(text[j:end])
					if r2 != utf8.RuneError && unicode.IsLetter(r2) {
						j += w2
						continue
					}
				}
				break
			}
			// Words with non-ASCII letters are never vocabulary words.
			if prevSent {
				flags |= fSent
			}
			if unicode.IsUpper(r) {
				flags |= fCap
			}
			toks = append(toks, token{start: int32(i), end: int32(j), kind: tWord, para: para, flags: flags})
			flags, prevSent, nls = 0, false, 0
			i = j
			continue
		}
		var ch byte
		switch r {
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			ch = '-'
		case '\u2018', '\u2019':
			ch = '\''
		case '\u201c', '\u201d':
			ch = '"'
		}
		if prevSent {
			flags |= fSent
		}
		toks = append(toks, token{start: int32(i), end: int32(i + w), kind: tPunct, ch: ch, para: para, flags: flags})
		flags, nls = 0, 0
		// Bullets and quotation marks open a sentence when they follow one.
		prevSent = prevSent || ch == '"' || r == '\u2022' || r == '\u00b7'
		i += w
	}
	return toks
}

func appendWord(v *vocab, text string, i, j int, para int32, flags uint8, prevSent bool, toks []token, buf *[maxWord]byte) []token {
	if prevSent {
		flags |= fSent
	}
	if c := text[i]; c >= 'A' && c <= 'Z' {
		flags |= fCap
	}
	t := token{start: int32(i), end: int32(j), kind: tWord, para: para, flags: flags}
	if n := j - i; n <= maxWord {
		h := uint32(2166136261)
		ascii := true
		for k := 0; k < n; k++ {
			c := text[i+k]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			c |= 0x20 // ASCII letters only reach here: lower case
			buf[k] = c
			h = (h ^ uint32(c)) * 16777619
		}
		if ascii {
			t.wi = v.lookup(buf[:n], h)
		}
	}
	return append(toks, t)
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
