// Package number finds count expressions in tokenised text: digits
// ("12", "1,200", "3 million"), number words ("twenty-five", "a dozen",
// "one hundred and five"), vague quantities coded by ACLED's rules
// ("several", "dozens"), ranges ("10 to 15", "between 10 and 15": the
// lowest figure), bounds ("at least 12") and ordinals ("5th", "second").
//
// It is stage 2 of the pipeline and reads the tokens of package segment.
// Figures that are not counts are left out: years ("in 2021"), days of the
// month ("March 26"), times ("10:30", "10 p.m."), dates ("9/11"),
// percentages, labels ("No. 4", "Route 66") and compound adjectives
// ("a 12-year-old"). The words and ACLED's values live in the embedded
// data file lexicon/data/numbers.tsv.
package number

import (
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// Number is a count expression found in text.
type Number struct {
	sitrep.Span      // byte offsets into text, End exclusive
	Value       int  // the count, coded by ACLED's rules for vague and ranged figures
	Vague       bool // a vague quantity ("several", "dozens") coded by rule
	Ordinal     bool // "5th", "second": an ordinal, not a count
	AtLeast     bool // "at least", "more than", "over"
	// High is a range's upper figure ("between 10 and 15": 15); 0 when
	// the expression is no range. Value keeps the lowest, as ACLED codes.
	High int
}

// Find returns the numbers in text among toks (from segment.Split), in order.
//
// A Number's span covers the whole expression, bound and range included:
// "at least 12", "between 10 and 15", "10 or more".
func Find(text string, toks []segment.Token) []Number {
	f, err := Default()
	if err != nil {
		// The embedded file is checked by the tests.
		return nil
	}
	return f.Find(text, toks)
}

// Parse returns the value of a number phrase such as "twenty-five", "3", "a dozen".
//
// The whole of s (ignoring surrounding space) must be one number
// expression; a range gives its lowest figure, a vague word its coded
// value, an ordinal its rank.
func Parse(s string) (int, bool) {
	f, err := Default()
	if err != nil {
		return 0, false
	}
	return f.Parse(s)
}

// Parse is the package function Parse with f's lexicon.
func (f *Finder) Parse(s string) (int, bool) {
	_, toks := segment.Split(s, sitrep.Span{Start: 0, End: len(s)})
	if len(toks) == 0 {
		return 0, false
	}
	m := matcher{f: f, text: s, toks: toks}
	n, next, ok := m.match(0, true)
	if !ok || next != len(toks) {
		return 0, false
	}
	return n.Value, true
}

// Find is the package function Find with f's lexicon.
func (f *Finder) Find(text string, toks []segment.Token) []Number {
	var out []Number
	m := matcher{f: f, text: text, toks: toks}
	for i := 0; i < len(toks); {
		if toks[i].End > len(text) || toks[i].Start < 0 || toks[i].Start > toks[i].End {
			i++ // tokens from another text: skip rather than panic
			continue
		}
		if !m.mayStart(i) {
			i++
			continue
		}
		n, next, ok := m.match(i, false)
		if !ok {
			i++
			continue
		}
		if out == nil {
			out = make([]Number, 0, 8)
		}
		out = append(out, n)
		i = next
	}
	return out
}

// starters are the roles that can begin a number expression.
const starters = fCard | fOrd | fVague | fBound | fBetween

// mayStart is a quick test that token i can begin a number expression.
func (m *matcher) mayStart(i int) bool {
	t := m.toks[i]
	if t.Kind == segment.Number {
		return true
	}
	if t.Kind != segment.Word {
		return false
	}
	w := m.text[t.Start:t.End]
	e := m.f.lookup(w)
	if (e.flags|e.starts)&starters != 0 {
		return true
	}
	if e.flags&fArticle != 0 {
		return true
	}
	if p, _ := hyphenIndex(w); p > 0 {
		return m.f.lookup(w[:p]).flags&(fCard|fOrd) != 0
	}
	return false
}

// matcher holds one Find call's input.
type matcher struct {
	f      *Finder
	text   string
	toks   []segment.Token
	nested bool // inside vagueScale's look-ahead
}

// figure is one quantity before ranges and bounds.
type figure struct {
	value   int
	end     int // token index after the figure
	vague   bool
	ordinal bool
	digits  bool // written in digits
	year    bool // four digits, 1900-2100, no separators or scale
	one     bool // the single word "one"
}

// maxValue caps computed values; larger figures are not counts.
const maxValue = 1_000_000_000_000

func (m *matcher) word(i int) string {
	if i < 0 || i >= len(m.toks) {
		return ""
	}
	t := m.toks[i]
	if t.End > len(m.text) || t.Start < 0 || t.Start > t.End {
		return ""
	}
	return m.text[t.Start:t.End]
}

func (m *matcher) is(i int, fl flag) bool {
	w := m.word(i)
	return w != "" && m.f.lookup(w).flags&fl != 0
}

func (m *matcher) isExact(i int, fl flag) bool {
	w := m.word(i)
	return w != "" && m.f.exact[w]&fl != 0
}

// phrase matches a multi-word entry with a role in fl at token i and
// returns the token index after it and its value.
func (m *matcher) phrase(i int, fl flag) (int, int, bool) {
	w := m.word(i)
	if w == "" || len(w) > maxWord || m.f.lookup(w).starts&fl == 0 {
		return 0, 0, false
	}
	var buf [maxWord]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	for _, p := range m.f.phrases[string(buf[:len(w)])] {
		if p.flags&fl == 0 || i+len(p.words) > len(m.toks) {
			continue
		}
		ok := true
		for k := 1; k < len(p.words); k++ {
			if !strings.EqualFold(m.word(i+k), p.words[k]) {
				ok = false
				break
			}
		}
		if ok {
			return i + len(p.words), p.value, true
		}
	}
	return 0, 0, false
}

// has reports whether token i starts a word or phrase with a role in fl.
func (m *matcher) has(i int, fl flag) (int, bool) {
	if k, _, ok := m.phrase(i, fl); ok {
		return k, true
	}
	if m.is(i, fl) {
		return i + 1, true
	}
	return 0, false
}

// match matches a number expression starting at token i and returns it
// with the index of the token after it. In whole mode (Parse) context
// filters are off.
func (m *matcher) match(i int, whole bool) (Number, int, bool) {
	start, j := i, i
	atLeast := false
	between := false
	if m.is(i, fBetween) {
		between, j = true, i+1
	} else if k, ok := m.has(i, fBound); ok {
		if _, ok := m.figure(k); ok {
			atLeast, j = true, k
		}
	}
	fg, ok := m.figure(j)
	if !ok {
		return Number{}, 0, false
	}
	k := fg.end
	ranged := false
	high := 0
	if !fg.ordinal {
		// A range: "10 to 15", "10-15", "10 or 12", "between 10 and 15".
		var conn bool
		if between {
			conn = m.is(k, fConj)
		} else {
			conn = m.is(k, fRange)
		}
		if conn {
			if g, ok := m.figure(k + 1); ok && !g.ordinal && !g.year == !fg.year {
				ranged = true
				// "three to four hundred": the scale applies to both.
				if sc := m.endScale(g); sc > 0 && m.endScale(fg) == 0 && !fg.vague && fg.value > 0 && fg.value <= g.value/sc {
					fg.value *= sc
				}
				high = max(fg.value, g.value)
				if g.value < fg.value {
					fg.value, fg.vague = g.value, g.vague
				}
				fg.digits = fg.digits || g.digits
				k = g.end
			}
		}
	}
	if between && !ranged {
		// "between" without its "and": match the figure alone.
		start = j
	}
	if !fg.ordinal {
		if k2, ok := m.has(k, fBoundAfter); ok && (m.word(k) != "+" || m.toks[k].Start == m.toks[k-1].End) {
			atLeast, k = true, k2
		}
	}
	if !whole && !m.isCount(j, k, fg, ranged) {
		return Number{}, 0, false
	}
	return Number{
		Span:    sitrep.Span{Start: m.toks[start].Start, End: m.toks[k-1].End},
		Value:   fg.value,
		Vague:   fg.vague,
		Ordinal: fg.ordinal,
		AtLeast: atLeast,
		High:    high,
	}, k, true
}

// isCount applies the context filters to the figure at tokens [j, k).
func (m *matcher) isCount(j, k int, fg figure, ranged bool) bool {
	if fg.vague {
		return true
	}
	// Labels and money: "No. 4", "Route 66", "$5 million".
	if m.isExact(j-1, fNotBefore) {
		return false
	}
	// Times and percentages: "10 p.m.", "5 percent".
	if _, ok := m.has(k, fNotAfter); ok {
		return false
	}
	if fg.digits && fg.value <= 31 {
		// Days of the month: "March 26", "26 March", "26th of March", "26-28 March".
		if m.isExact(j-1, fMonth) || m.isExact(k, fMonth) ||
			strings.EqualFold(m.word(k), "of") && m.isExact(k+1, fMonth) {
			return false
		}
	}
	if fg.year {
		// Years: a count only before a count noun, "2000 soldiers".
		if !m.is(k, fCountNoun) && !m.is(k+1, fCountNoun) {
			return false
		}
	}
	if fg.digits && !ranged && !fg.ordinal && k+1 < len(m.toks) {
		// Compound adjectives: "a 12-year-old", "a 10-member team".
		h, w := m.toks[k], m.toks[k+1]
		if h.Start == m.toks[k-1].End && w.Start == h.End && w.Kind == segment.Word && m.is(k, fRange) {
			return false
		}
	}
	if fg.digits && k < len(m.toks) && (m.word(k) == "." || m.word(k) == ")") && m.toks[k].Start == m.toks[k-1].End &&
		(j == 0 || strings.ContainsAny(m.text[m.toks[j-1].End:m.toks[j].Start], "\n\r")) {
		// A list number at the start of a line: "1. The first point".
		return false
	}
	if fg.one {
		// "no one", "any one", "one another".
		if m.is(j-1, fPronoun) || strings.EqualFold(m.word(k), "another") {
			return false
		}
	}
	return true
}

// figure parses one quantity at token i: digits with an optional scale
// ("3 million"), number words, a vague quantity or an ordinal.
func (m *matcher) figure(i int) (figure, bool) {
	if i < 0 || i >= len(m.toks) {
		return figure{}, false
	}
	t := m.toks[i]
	if t.Kind == segment.Number {
		return m.digitFigure(i)
	}
	if t.Kind != segment.Word {
		return figure{}, false
	}
	// Multi-word vague quantities and cardinals: "tens of thousands", "half a dozen".
	if k, v, ok := m.phrase(i, fVague); ok {
		return m.vagueScale(figure{value: v, end: k, vague: true}), true
	}
	if k, v, ok := m.phrase(i, fCard); ok {
		return figure{value: v, end: k}, true
	}
	e := m.f.lookup(m.word(i))
	if e.flags&fVague != 0 {
		return m.vagueScale(figure{value: e.value, end: i + 1, vague: true}), true
	}
	// "a hundred", "an eighth"? only "a"/"an" + scale.
	w := m.word(i)
	if e.flags&fArticle != 0 && m.scaleAt(i+1) {
		return m.words(i+1, 1)
	}
	if e.flags&(fCard|fOrd) != 0 || m.f.lookup(firstPart(w)).flags&(fCard|fOrd) != 0 {
		return m.words(i, 0)
	}
	return figure{}, false
}

// vagueScale reads scales after a vague quantity: "several hundred" and
// "a few dozen" are coded like "hundreds" and "dozens", the scale alone.
func (m *matcher) vagueScale(fg figure) figure {
	if !m.scaleAt(fg.end) {
		// "many thousands", "several dozens": the second word codes it.
		if !m.nested && (m.is(fg.end, fVague) || m.f.lookup(m.word(fg.end)).starts&fVague != 0) {
			m.nested = true // one level: "many many many ..." stays linear
			g, ok := m.figure(fg.end)
			m.nested = false
			if ok && g.vague {
				return g
			}
		}
		return fg
	}
	fg.value = 1
	for m.scaleAt(fg.end) && fg.value <= maxValue/1_000_000_000 {
		fg.value *= m.f.lookup(m.word(fg.end)).value
		fg.end++
	}
	return fg
}

// endScale returns the value of the scale word that ends fg ("four
// hundred" -> 100), or 0.
func (m *matcher) endScale(fg figure) int {
	w := m.word(fg.end - 1)
	if p := strings.LastIndexAny(w, "-‐‑"); p >= 0 {
		_, size := utf8.DecodeRuneInString(w[p:])
		w = w[p+size:]
	}
	if e := m.f.lookup(w); e.flags&fScale != 0 {
		return e.value
	}
	return 0
}

func (m *matcher) scaleAt(i int) bool {
	w := m.word(i)
	if w == "" || m.toks[i].Kind != segment.Word {
		return false
	}
	return m.f.lookup(w).flags&fScale != 0
}

// words parses number words from token i: "twenty five", "twenty-five",
// "one hundred and five", "three thousand", "twenty-first". cur is the
// value already read ("a" = 1 before a scale).
func (m *matcher) words(i, cur int) (figure, bool) {
	total := 0
	last := lastNone // what the previous part was
	if cur > 0 {
		last = lastUnit
	}
	end := i
	ordinal := false
	parts := 0
	for k := i; k < len(m.toks) && !ordinal; k++ {
		t := m.toks[k]
		w := m.word(k)
		if t.Kind != segment.Word {
			break
		}
		if m.f.lookup(w).flags&fConj != 0 {
			// "one hundred and five": only after a scale, before a number word.
			next := m.f.lookup(firstPart(m.word(k + 1))).flags
			if last != lastScale || next&(fCard|fOrd) == 0 || next&fScale != 0 {
				break
			}
			continue
		}
		// A token is number words joined by hyphens, or not a number at all.
		ok := true
		nc, nt, nl, np := cur, total, last, parts
		for part := range hyphenParts(w) {
			var good bool
			nc, nt, nl, good = m.step(part, nc, nt, nl)
			if !good {
				ok = false
				break
			}
			np++
			if nl == lastOrd {
				ordinal = true
			}
		}
		if !ok {
			ordinal = false
			break
		}
		cur, total, last, parts = nc, nt, nl, np
		end = k + 1
	}
	if end == i || total+cur > maxValue {
		return figure{}, false
	}
	return figure{
		value:   total + cur,
		end:     end,
		ordinal: last == lastOrd,
		one:     parts == 1 && end == i+1 && strings.EqualFold(m.word(i), "one"),
	}, true
}

// Kinds of number-word parts, for the grammar in step.
const (
	lastNone = iota
	lastUnit
	lastTeen
	lastTens
	lastScale
	lastOrd
)

// step adds one number word to (cur, total) and reports whether it may
// follow the previous part.
func (m *matcher) step(part string, cur, total, last int) (int, int, int, bool) {
	if last == lastOrd {
		return cur, total, last, false
	}
	e := m.f.lookup(part)
	switch {
	case e.flags&fScale != 0:
		s := e.value
		if last == lastNone || last == lastScale && s <= 100 {
			return cur, total, last, false
		}
		if cur == 0 {
			return cur, total, last, false
		}
		if s >= 1000 {
			if cur*s > maxValue {
				return cur, total, last, false
			}
			return 0, total + cur*s, lastScale, true
		}
		if cur*s > maxValue {
			return cur, total, last, false
		}
		return cur * s, total, lastScale, true
	case e.flags&(fCard|fOrd) != 0:
		v := e.value
		ord := e.flags&fOrd != 0
		kind := lastUnit
		switch {
		case v >= 20 && v < 100 && v%10 == 0:
			kind = lastTens
		case v >= 10 && v < 20:
			kind = lastTeen
		case v >= 100:
			kind = lastScale // "hundredth", "thousandth"
		}
		switch last {
		case lastNone, lastScale:
		case lastTens:
			if kind != lastUnit || v == 0 {
				return cur, total, last, false
			}
		default:
			if !(ord && kind == lastScale) {
				return cur, total, last, false
			}
		}
		if ord && kind == lastScale {
			// "one hundredth": scale the value read so far.
			if cur == 0 && total == 0 {
				cur = 1
			}
			if cur*v > maxValue {
				return cur, total, last, false
			}
			return cur * v, total, lastOrd, true
		}
		if ord {
			return cur + v, total, lastOrd, true
		}
		return cur + v, total, kind, true
	}
	return cur, total, last, false
}

// digitFigure parses a Number token: "12", "1,200", "3.5 million", "10th".
// Times and dates ("10:30", "9/11") and leading zeros ("03") are no counts.
func (m *matcher) digitFigure(i int) (figure, bool) {
	w := m.word(i)
	if w == "" || strings.ContainsAny(w, ":/") {
		return figure{}, false
	}
	digits := w
	ordinal := false
	if n := len(w); n > 2 && isLetter(w[n-1]) {
		digits, ordinal = w[:n-2], true
	}
	if len(digits) > 1 && digits[0] == '0' && !strings.HasPrefix(digits, "0.") {
		return figure{}, false
	}
	intPart, frac := digits, ""
	if p := strings.IndexByte(digits, '.'); p >= 0 {
		intPart, frac = digits[:p], digits[p+1:]
	}
	v, ok := parseDigits(intPart)
	if !ok {
		return figure{}, false
	}
	fg := figure{value: v, end: i + 1, digits: true, ordinal: ordinal}
	if ordinal {
		return fg, frac == ""
	}
	// Scales: "3 million", "1.5 million", "2 dozen".
	k := i + 1
	scaled := false
	for m.scaleAt(k) {
		s := m.f.lookup(m.word(k)).value
		if frac != "" {
			f, ok := parseDigits(frac)
			if !ok || len(frac) > 6 {
				return figure{}, false
			}
			div := 1
			for range len(frac) {
				div *= 10
			}
			fg.value = fg.value*s + f*s/div
			frac = ""
		} else {
			fg.value *= s
		}
		if fg.value > maxValue {
			return figure{}, false
		}
		scaled = true
		k++
	}
	if frac != "" {
		return figure{}, false // "3.5 times": a ratio, not a count
	}
	fg.end = k
	fg.year = !scaled && len(digits) == 4 && !strings.Contains(digits, ",") && v >= 1900 && v <= 2100
	return fg, true
}

// parseDigits parses ASCII digits with thousands commas; false on other
// bytes (non-ASCII digits) or values over maxValue.
func parseDigits(s string) (int, bool) {
	v, n := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ',':
			continue
		case c < '0' || c > '9':
			return 0, false
		}
		v = v*10 + int(c-'0')
		n++
		if v > maxValue {
			return 0, false
		}
	}
	return v, n > 0
}

// hyphenParts yields the parts of a word split at hyphens ("-", U+2010, U+2011).
func hyphenParts(w string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for {
			p, size := hyphenIndex(w)
			if p < 0 {
				yield(w)
				return
			}
			if !yield(w[:p]) {
				return
			}
			w = w[p+size:]
		}
	}
}

// firstPart returns w up to its first hyphen.
func firstPart(w string) string {
	if p, _ := hyphenIndex(w); p >= 0 {
		return w[:p]
	}
	return w
}

// hyphenIndex returns the offset and size of the first hyphen in w, or -1.
func hyphenIndex(w string) (int, int) {
	for i := 0; i < len(w); i++ {
		switch {
		case w[i] == '-':
			return i, 1
		case w[i] == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && (w[i+2] == 0x90 || w[i+2] == 0x91):
			return i, 3
		}
	}
	return -1, 0
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
