package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// class says what a token means for sentence boundaries.
type class uint8

const (
	clsNone     class = iota
	clsTerminal       // '.', '!', '?': a sentence may end after it
	clsEllipsis       // "...", "…": a sentence may end if an upper-case word follows
	clsCloser         // closing quote or bracket: passes a pending end through
	clsCont           // ',', ';', opening brackets, dashes: the line runs on
	clsBullet         // a bullet or list number at the start of a line
	clsTitle          // abbreviation that never ends a sentence
	clsPrefix         // abbreviation that ends one before an upper-case word
	clsAcronym        // abbreviation that ends one before a sentence starter
)

var abbrClass = [...]class{
	abbrNone:    clsTerminal,
	abbrTitle:   clsTitle,
	abbrPrefix:  clsPrefix,
	abbrAcronym: clsAcronym,
	abbrInner:   clsTitle,
}

// ASCII byte classes.
const (
	aOther uint8 = iota
	aSpace
	aLetter
	aDigit
)

var ascii = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			t[c] = aSpace
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = aLetter
		case '0' <= c && c <= '9':
			t[c] = aDigit
		}
	}
	return t
}()

// Maximum capacities Split reserves up front; longer texts grow the slices.
const (
	maxTokCap  = 1 << 16
	maxSentCap = 1 << 12
)

// scanner holds the state of one Split call.
type scanner struct {
	sp     *Splitter
	text   string
	lo, hi int // body
	toks   []Token
	sents  []Sentence
	first  int   // index in toks of the current sentence's first token
	pend   class // class of the last token, carried through closers
	wrapW  int   // longest line in the body, in bytes; -1 until computed
	enumAt int   // offset of the '.' or ')' after a list number; -1 if none
}

// Split splits text[body.Start:body.End] into sentences and tokens using
// sp's abbreviations. Offsets index text. See the package function Split.
func (sp *Splitter) Split(text string, body sitrep.Span) ([]Sentence, []Token) {
	lo, hi := clip(text, body)
	n := hi - lo
	s := scanner{
		sp:     sp,
		text:   text,
		lo:     lo,
		hi:     hi,
		toks:   make([]Token, 0, min(n/4+8, maxTokCap)),
		sents:  make([]Sentence, 0, min(n/64+4, maxSentCap)),
		wrapW:  -1,
		enumAt: -1,
	}
	s.run()
	// The tokens and sentences live as long as the document's annotation;
	// of a long text, growing them by append leaves up to a quarter of
	// their capacity unused: keep only what is used.
	toks, sents := fit(s.toks), fit(s.sents)
	foldTokens(text, toks)
	return sents, toks
}

// fit returns s with no more capacity than a sixteenth over its length:
// s itself when it is small or nearly full, else a copy.
func fit[T any](s []T) []T {
	if cap(s) <= maxTokCap || cap(s)-len(s) <= len(s)/16 {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}

// clip returns body limited to text, with both edges moved out of any
// multi-byte rune they fall inside.
func clip(text string, body sitrep.Span) (lo, hi int) {
	if body == (sitrep.Span{}) {
		return 0, len(text)
	}
	lo, hi = max(body.Start, 0), min(body.End, len(text))
	if lo >= hi {
		return lo, lo
	}
	// A start inside a rune moves forward past it; an end inside one moves
	// back to its start.
	if p, size := runeAround(text, lo); p < lo {
		lo = p + size
	}
	if p, _ := runeAround(text, hi); p < hi {
		hi = p
	}
	if lo > hi {
		hi = lo
	}
	return lo, hi
}

// runeAround returns the start and size of the valid rune that covers
// offset i, or (i, 0) if i is a rune boundary.
func runeAround(text string, i int) (int, int) {
	if i <= 0 || i >= len(text) || utf8.RuneStart(text[i]) {
		return i, 0
	}
	for p := i - 1; p >= 0 && p >= i-utf8.UTFMax+1; p-- {
		if utf8.RuneStart(text[p]) {
			r, size := utf8.DecodeRuneInString(text[p:])
			if r != utf8.RuneError || size > 1 {
				if p+size > i {
					return p, size
				}
			}
			break
		}
	}
	return i, 0
}

func (s *scanner) run() {
	text, hi := s.text, s.hi
	i := s.lo
	nl := 0             // line breaks since the last token
	spaced := false     // space since the last token
	atLineStart := true // only space since the last line break (or the body start)
	lineStart := s.lo   // offset where the current line starts
	prevLineLen := 0    // byte length of the line the previous token was on, set at its break
	tokLine := s.lo     // line start of the last token
	for i < hi {
		c := text[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:hi])
		} else if ascii[c] == aSpace {
			spaced = true
			i++
			continue
		}
		// Line breaks and other space.
		switch r {
		case '\n', '\r', 0x2028, 0x2029, 0x85:
			if nl == 0 {
				prevLineLen = i - tokLine
			}
			nl++
			if r == 0x2029 {
				nl++
			}
			if r == '\r' && i+1 < hi && text[i+1] == '\n' {
				size = 2
			}
			spaced = true
			atLineStart = true
			i += size
			lineStart = i
			continue
		}
		if c >= utf8.RuneSelf && isSpace(r) {
			spaced = true
			i += size
			continue
		}

		end, kind, cls := s.token(i, r, size, atLineStart)
		if len(s.toks) > s.first && s.boundary(nl, spaced, atLineStart, prevLineLen, i, end, cls) {
			s.closeSentence()
		}
		upper := false
		if kind == Word {
			upper = unicode.IsUpper(r) || unicode.IsTitle(r)
		}
		s.toks = append(s.toks, Token{Start: i, End: end, Kind: kind, Upper: upper})
		if cls != clsCloser || spaced {
			s.pend = cls
		}
		nl, spaced, atLineStart = 0, false, false
		tokLine = lineStart
		i = end
	}
	s.closeSentence()
}

func (s *scanner) closeSentence() {
	n := len(s.toks)
	if n > s.first {
		s.sents = append(s.sents, Sentence{Start: s.toks[s.first].Start, End: s.toks[n-1].End, First: s.first, Last: n})
		s.first = n
	}
}

// boundary reports whether a sentence ends before the token text[start:end]
// of class cls, given the gap since the previous token: nl line breaks,
// whether there was space, whether the token starts its line, and the
// length of the previous token's line.
func (s *scanner) boundary(nl int, spaced, atLineStart bool, prevLineLen, start, end int, cls class) bool {
	if nl >= 2 || atLineStart && cls == clsBullet {
		return true
	}
	if !spaced {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.text[start:end])
	lower := unicode.IsLower(r)
	switch s.pend {
	case clsTerminal:
		return !lower
	case clsEllipsis:
		return !lower && (nl > 0 || unicode.IsUpper(r))
	case clsPrefix:
		return unicode.IsUpper(r)
	case clsAcronym:
		_, ok := s.sp.starters[s.text[start:end]]
		return ok || nl > 0 && !lower && !unicode.IsDigit(r)
	case clsTitle, clsCont, clsBullet:
		return false
	}
	if nl == 0 || lower {
		return false
	}
	// A line without terminal punctuation: a headline, unless the text is
	// hard-wrapped and the line is about as long as the wrap width.
	if w := s.wrapWidth(); w > 0 && prevLineLen*4 >= w*3 {
		return false
	}
	return true
}

// wrapWidth returns the longest line length of a hard-wrapped body (at
// least 3 lines, none longer than 100 bytes), or 0 if the body is not
// hard-wrapped.
func (s *scanner) wrapWidth() int {
	if s.wrapW >= 0 {
		return s.wrapW
	}
	w, lines, start := 0, 0, s.lo
	for i := s.lo; i <= s.hi; i++ {
		if i < s.hi && s.text[i] != '\n' {
			continue
		}
		if l := i - start; l > 0 {
			lines++
			w = max(w, l)
			if w > 100 {
				break
			}
		}
		start = i + 1
	}
	if w > 100 || lines < 3 {
		w = 0
	}
	s.wrapW = w
	return w
}

// token scans the token that starts at i with rune r of the given size.
func (s *scanner) token(i int, r rune, size int, atLineStart bool) (end int, kind Kind, cls class) {
	text := s.text
	switch {
	case isLetter(r):
		return s.word(i)
	case isDigit(r):
		end, kind = s.number(i)
		if atLineStart && kind == Number && end-i <= 2 && end+1 < s.hi &&
			(text[end] == '.' || text[end] == ')') && (text[end+1] == ' ' || text[end+1] == '\t') {
			s.enumAt = end
			return end, kind, clsBullet
		}
		return end, kind, clsNone
	}
	end = i + size
	switch r {
	case '.':
		for end < s.hi && text[end] == '.' {
			end++
		}
		switch {
		case end-i > 1:
			return end, Punct, clsEllipsis
		case i == s.enumAt:
			return end, Punct, clsNone
		}
		return end, Punct, clsTerminal
	case '…':
		return end, Punct, clsEllipsis
	case '!', '?', '‼', '⁇', '⁈', '⁉', '؟', '。', '！', '？':
		return end, Punct, clsTerminal
	case '\'', '’':
		// A possessive 's right after a word: "ISIS’s".
		if n := len(s.toks); n > 0 && s.toks[n-1].End == i && s.toks[n-1].Kind == Word &&
			end < s.hi && (text[end] == 's' || text[end] == 'S') && !s.wordRuneAt(end+1) {
			return end + 1, Word, clsNone
		}
		return end, Punct, clsCloser
	case '"', ')', ']', '}', '»', '›', '”':
		return end, Punct, clsCloser
	case ',', ';', '(', '[', '{', '“', '‘', '«', '&', '/', '—':
		return end, Punct, clsCont
	case '•', '-', '*', '·', '–', '▪', '●', '◦', '‣', '⁃', '►', '■', '○', '◆':
		if atLineStart && (end == s.hi || text[end] == ' ' || text[end] == '\t' || isSpaceAt(text, end, s.hi)) {
			return end, Punct, clsBullet
		}
		if r == '-' || r == '–' || r == '—' {
			return end, Punct, clsCont
		}
	}
	return end, Punct, clsNone
}

// word scans a word starting at i and returns its end and, for an
// abbreviation whose period it took, the abbreviation's class.
func (s *scanner) word(i int) (int, Kind, class) {
	text, hi := s.text, s.hi
	j := i
	prevLetter := false // the rune before j is a letter or digit
	nrunes := 0
	for j < hi {
		c := text[j]
		if c < utf8.RuneSelf && ascii[c] >= aLetter {
			j++
			prevLetter = true
			nrunes++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[j:hi])
		}
		switch {
		case c >= utf8.RuneSelf && isWordRune(r):
			j += size
			prevLetter = true
			nrunes++
			continue
		case prevLetter && isHyphen(r):
			if r2, _ := s.runeAt(j + size); isLetter(r2) || isDigit(r2) {
				j += size
				prevLetter = false
				nrunes++
				continue
			}
		case prevLetter && (r == '\'' || r == '’'):
			r2, size2 := s.runeAt(j + size)
			if isLetter(r2) && !((r2 == 's' || r2 == 'S') && !s.wordRuneAt(j+size+size2)) {
				j += size
				prevLetter = false
				nrunes++
				continue
			}
		}
		break
	}
	if j >= hi || text[j] != '.' {
		return j, Word, clsNone
	}
	// A period after the word: dotted acronyms, listed abbreviations and
	// initials keep it.
	if nrunes == 1 {
		k, pairs := j+1, 1
		for {
			r, size := s.runeAt(k)
			if !isLetter(r) || k+size >= hi || text[k+size] != '.' {
				break
			}
			k += size + 1
			pairs++
		}
		if pairs >= 2 {
			if kd, ok := s.sp.abbr[text[i:k]]; ok {
				return k, Word, abbrClass[kd]
			}
			return k, Word, clsAcronym
		}
	}
	if kd, ok := s.sp.abbr[text[i:j+1]]; ok {
		return j + 1, Word, abbrClass[kd]
	}
	if r, _ := s.runeAt(i); nrunes == 1 && unicode.IsUpper(r) {
		return j + 1, Word, clsTitle // an initial: "J."
	}
	return j, Word, clsNone
}

// number scans a number starting at i: digits with thousands separators,
// decimals, times and dates ("1,200", "3.5", "10:30", "9/11"), and an
// ordinal suffix ("10th"). Digits run on by other letters make a Word.
func (s *scanner) number(i int) (int, Kind) {
	text, hi := s.text, s.hi
	j := s.digits(i)
	for j+1 < hi {
		switch text[j] {
		case ',':
			if j+4 <= hi && isASCIIDigit(text[j+1]) && isASCIIDigit(text[j+2]) && isASCIIDigit(text[j+3]) &&
				(j+4 == hi || !isASCIIDigit(text[j+4])) {
				j += 4
				continue
			}
		case '.', ':', '/':
			if k := s.digits(j + 1); k > j+1 {
				j = k
				continue
			}
		}
		break
	}
	if r, _ := s.runeAt(j); !isLetter(r) {
		return j, Number
	}
	k := j
	for k < hi {
		r, size := s.runeAt(k)
		if !isWordRune(r) {
			break
		}
		k += size
	}
	if k-j == 2 {
		switch lowerASCII(text[j])<<8 | uint16(lowerASCII(text[j+1])) {
		case 's'<<8 | 't', 'n'<<8 | 'd', 'r'<<8 | 'd', 't'<<8 | 'h':
			return k, Number
		}
	}
	return k, Word
}

// digits returns the end of the run of decimal digits starting at i.
func (s *scanner) digits(i int) int {
	for i < s.hi {
		if isASCIIDigit(s.text[i]) {
			i++
			continue
		}
		r, size := s.runeAt(i)
		if r < utf8.RuneSelf || !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}

// runeAt decodes the rune at i within the body; -1 at or past its end.
func (s *scanner) runeAt(i int) (rune, int) {
	if i >= s.hi {
		return -1, 0
	}
	if c := s.text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s.text[i:s.hi])
}

func (s *scanner) wordRuneAt(i int) bool {
	r, _ := s.runeAt(i)
	return isWordRune(r)
}

func lowerASCII(c byte) uint16 { return uint16(c | 0x20) }

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && ascii[r] == aLetter
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && ascii[r] == aDigit
	}
	return unicode.IsDigit(r)
}

// isWordRune reports whether r continues a word: letters, digits,
// combining marks, joiners and soft hyphens.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && ascii[r] >= aLetter
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) ||
		r == 0x200C || r == 0x200D || r == 0xAD
}

func isHyphen(r rune) bool { return r == '-' || r == 0x2010 || r == 0x2011 }

// isSpace reports whether a non-ASCII rune is space, counting invisible
// format characters (zero-width space, word joiner, BOM) as space.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == 0x200B || r == 0x2060 || r == 0xFEFF
}

func isSpaceAt(text string, i, hi int) bool {
	if i >= hi {
		return true
	}
	if text[i] < utf8.RuneSelf {
		return ascii[text[i]] == aSpace || text[i] == '\n' || text[i] == '\r'
	}
	r, _ := utf8.DecodeRuneInString(text[i:hi])
	return isSpace(r)
}
