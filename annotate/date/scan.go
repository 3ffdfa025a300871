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

// Byte classes for the scanner.
const (
	clSpace  = 1 << iota // ' ', '\t', '\r'
	clNL                 // '\n'
	clDigit              // '0'-'9'
	clLetter             // ASCII letters
)

var byteClass = func() (t [256]uint8) {
	t[' '], t['\t'], t['\r'] = clSpace, clSpace, clSpace
	t['\n'] = clNL
	for c := '0'; c <= '9'; c++ {
		t[c] = clDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = clLetter, clLetter
	}
	return t
}()

// FNV-1a, as vocab.lookup expects.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// scanState is what tokenize carries from one chunk of a text to the next.
type scanState struct {
	para     int32 // paragraph index
	flags    uint8 // flags gathered for the next token
	prevSent bool  // the previous token ends a sentence
	nls      int   // newlines since the last token
	any      bool  // a token has been seen
}

func newScanState() scanState { return scanState{flags: fSent, prevSent: true} }

// tokenize splits text[start:end] into toks, looking words up in v; st
// carries the state across chunks of one text.
func tokenize(v *vocab, text string, start, end int, toks []token, st *scanState) []token {
	var buf [maxWord]byte
	para, flags, prevSent, nls := st.para, st.flags, st.prevSent, st.nls
	any := st.any
	defer func() {
		st.para, st.flags, st.prevSent, st.nls, st.any = para, flags, prevSent, nls, any
	}()
	// emit appends a token and resets the state between tokens.
	emit := func(t token, sent bool) {
		if prevSent {
			t.flags |= fSent
		}
		t.flags |= flags
		t.para = para
		toks = append(toks, t)
		flags, nls, prevSent, any = 0, 0, sent, true
	}
	s := text[:end]
	for i := start; i < len(s); {
		c := s[i]
		switch byteClass[c] {
		case clSpace:
			flags |= fSpace
			i++
			continue
		case clNL:
			nls++
			if nls == 2 && any {
				para++ // a blank line ends a paragraph
			}
			flags |= fSpace | fSent
			i++
			continue
		case clDigit:
			j := i
			var n int32
			for j < len(s) && byteClass[s[j]] == clDigit {
				if n < 1<<30 {
					n = n*10 + int32(s[j]-'0')
				}
				j++
			}
			emit(token{start: int32(i), end: int32(j), kind: tNum, num: n, ndig: uint8(min(j-i, 255))}, false)
			i = j
			continue
		case clLetter:
			// A word: ASCII letters, lower-cased and hashed as they are read,
			// and any non-ASCII letters.
			t := token{start: int32(i), kind: tWord}
			if c <= 'Z' {
				t.flags = fCap
			}
			j := i + 1
			ascii := true
			for {
				for j < len(s) && byteClass[s[j]] == clLetter {
					j++
				}
				if j < len(s) && s[j] >= utf8.RuneSelf {
					if r, w := utf8.DecodeRuneInString(s[j:]); r != utf8.RuneError && unicode.IsLetter(r) {
						ascii = false
						j += w
						continue
					}
				}
				break
			}
			if n := j - i; ascii && n <= maxWord && v.maybe(n, c) {
				h := uint32(fnvOffset)
				for k := 0; k < n; k++ {
					d := s[i+k] | 0x20
					buf[k] = d
					h = (h ^ uint32(d)) * fnvPrime
				}
				t.wi = v.lookup(buf[:n], h)
			}
			t.end = int32(j)
			emit(t, false)
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			sent := c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == '(' || (prevSent && (c == '\'' || c == '*' || c == '-'))
			emit(token{start: int32(i), end: int32(i + 1), kind: tPunct, ch: c}, sent)
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
			// Words with non-ASCII letters are never vocabulary words.
			t := token{start: int32(i), kind: tWord}
			if unicode.IsUpper(r) {
				t.flags = fCap
			}
			j := i + w
			for j < end {
				if byteClass[text[j]] == clLetter {
					j++
					continue
				}
				if text[j] >= utf8.RuneSelf {
					if r2, w2 := utf8.DecodeRuneInString(text[j:end]); r2 != utf8.RuneError && unicode.IsLetter(r2) {
						j += w2
						continue
					}
				}
				break
			}
			t.end = int32(j)
			emit(t, false)
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
		// Bullets and quotation marks open a sentence when they follow one.
		sent := prevSent || ch == '"' || r == '\u2022' || r == '\u00b7'
		emit(token{start: int32(i), end: int32(i + w), kind: tPunct, ch: ch}, sent)
		i += w
	}
	return toks
}
