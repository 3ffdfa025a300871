// Package date finds date expressions in news text and resolves them to
// calendar days against a reference date (the publication date), with
// ACLED's time precision. It also infers the reference date of an undated
// article from the text itself.
//
// Expressions are found by a hand-written scanner, not regular
// expressions: the text is split into words, numbers and punctuation, each
// word is looked up once in the vocabulary (the embedded data file
// lexicon/data/dates.tsv), and patterns are matched over the tokens.
//
// Reading rules, chosen to generalise over news text:
//   - A day and month without a year ("March 26") is the most recent such
//     day on or before the reference date plus one day (articles are often
//     dated the day after). When the text pairs it with a weekday that does
//     not fit, the nearest year around the reference where it does is taken.
//   - A range ("March 26-28", "26 March to 2 April", "between March 1 and 5")
//     is one expression; without a year its first day follows the rule
//     above and the last day is the next such day after it.
//   - A bare weekday ("on Sunday", "Sunday night", "last Sunday") is the most
//     recent such day on or before the reference date; "next Sunday" the
//     first after it.
//   - "overnight" is the reference day and the day before (precision 2):
//     a report of a night's events is dated the morning after.
//   - "early/mid/late March" are days 1-10, 11-20 and 21 to the end, with
//     precision 2: about ten days is closer to ACLED's "week or a few days"
//     than to a month. "early 2021" is January to April, precision 4.
//   - "last week" is the ISO week (Monday to Sunday) before the reference's;
//     "this week", "this month", "earlier this year" end on the reference
//     day. "the past week", "in the last few days" are windows that end on
//     the reference day.
//   - "the next day", "two days later" count from the nearest preceding
//     expression resolved to one day in the same paragraph, else from the
//     reference date.
//   - A date without a year, a bare weekday or a bare month in a clause
//     that looks forward ("will be held on April 7", "due in May", "the
//     court will rule Monday") is the first such day or month from the
//     reference on: the nearest tense word before it in its sentence
//     (vocabulary kind tense, or a past in -ed) decides.
//   - A part of the day goes into the value ("Sunday night" 2023-03-26TNI);
//     a part of a month or year does not ("mid-March" 2023-03, the part
//     being TimeML's mod); windows back are durations ("the past week"
//     P1W, "recent weeks" PXW); seasons ("last summer" 2022-SU), quarters
//     ("the third quarter" 2022-Q3) and decades ("the 1990s" 199) are
//     TimeML's values too. From and To always hold the days.
//   - Durations, sets and references are TimeML expressions too, typed
//     and valued but never an event's date (NoEventDate, no days): "for
//     three years" P3Y, "a decade" P1DE, "for years" PXY, "every Monday"
//     XXXX-WXX-1, "on Fridays", "twice a week" P1W, "weekly", "now"
//     PRESENT_REF, "recently" PAST_REF, "the future" FUTURE_REF, "fiscal
//     1997" FY1997. A clock time joins the day beside it ("10 a.m.
//     Friday" 1998-02-13T10:00, TIME); told apart from its day ("at 10
//     a.m. on Friday") it takes that day's value but dates nothing.
//   - Absolute marks expressions that name a calendar day, month or year
//     themselves ("March 26", "early March", "in 2021"), as against words
//     relative to the reference ("Sunday", "last week", "yesterday").
//
// Values are TimeML-style strings: "2023-03-26", "2023-W12", "2023-W12-WE",
// "2023-03", "2023", an ISO 8601 interval "2023-03-19/2023-03-26" for other
// ranges, "XXXX-03-26" and "XXXX-WXX-7" when the year or the reference is
// unknown, and "" for a relative expression with no reference.
package date

import (
	"io/fs"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// TimeML types of an expression: the type attribute of TIMEX3.
const (
	TypeDate     = "DATE"     // a day, week, month, year, season, quarter or decade; also PRESENT_REF, PAST_REF, FUTURE_REF
	TypeTime     = "TIME"     // a time of a day: a part of it ("Sunday night" 2023-03-26TNI) or a clock time ("10 a.m." T10:00)
	TypeDuration = "DURATION" // a length of time: "three years" P3Y, "the past week" P1W
	TypeSet      = "SET"      // a recurrence: "every Monday" XXXX-WXX-1, "weekly" P1W
)

// Expr is a date expression resolved to a range of days.
type Expr struct {
	sitrep.Span           // UTF-8 byte offsets into text, End exclusive
	From, To    time.Time // first and last day of the range (UTC midnight, inclusive); zero when unresolved
	Precision   int       // ACLED time_precision: 1 the day, 2 the week or a few days, 3 the month; 4 only the year
	Value       string    // TimeML style: "2023-03-26", "2023-W12", "2023-03", "2023"; "XXXX-03-26" when the year is unknown
	Absolute    bool      // the text states the day and month (or month and year) itself, e.g. "March 26", "2 February 2016"
	// Stamp marks the article's own date: after a word of a date line
	// ("Posted:", "Updated") or before a wire service's name in brackets
	// ("March 3 (Reuters) -"). It says when the text was written, not
	// when anything it tells happened.
	Stamp bool
	// Type is the TimeML type: TypeDate, TypeTime, TypeDuration or TypeSet.
	Type string
	// NoEventDate marks an expression that names no stretch of the
	// calendar an event could have happened in: a length of time ("for
	// three years"), a recurrence ("every Monday"), a reference to the
	// present, past or future as a whole ("now", "recently"), a fiscal
	// year, or a clock time told without its day ("at 10 a.m."). Its From
	// and To are zero; it is annotated, never an event's date.
	NoEventDate bool
}

// Finder finds date expressions with one vocabulary. It is safe for
// concurrent use.
type Finder struct {
	v    *vocab
	pool sync.Pool // *matcher
}

// NewFinder returns a Finder with the vocabulary file DataFile of fsys (a
// directory laid out like the lexicon package's embedded files).
func NewFinder(fsys fs.FS) (*Finder, error) {
	v, err := loadVocab(fsys)
	if err != nil {
		return nil, err
	}
	return &Finder{v: v}, nil
}

var defaultFinder = sync.OnceValues(func() (*Finder, error) { return NewFinder(lexicon.FS()) })

// Default returns the Finder with the embedded vocabulary. The error is
// only ever non-nil when the embedded data file is broken.
func Default() (*Finder, error) { return defaultFinder() }

// Find returns the date expressions in text[body.Start:body.End], resolved against ref.
// ref is the document's reference date (publication date); zero when unknown, in which case
// expressions that need it stay unresolved (From/To zero) but are still returned.
func Find(text string, body sitrep.Span, ref time.Time) []Expr {
	f, err := defaultFinder()
	if err != nil {
		return nil
	}
	return f.Find(text, body, ref)
}

// InferReference infers the publication date of an undated text, as a careful reader would.
// now bounds it (an article is not from the future). ok is false when the text gives no basis.
func InferReference(text string, body sitrep.Span, now time.Time) (ref time.Time, ok bool) {
	f, err := defaultFinder()
	if err != nil {
		return time.Time{}, false
	}
	return f.InferReference(text, body, now)
}

// Find is the package-level Find with f's vocabulary. Expressions come in
// text order and do not overlap. The zero Span is the whole text; a span
// out of range is clamped to it.
//
// A text is written on its own date line's day: when the dateline dates
// the text within a week before ref ("KHARKIV, May 25 -" in a page
// published on May 26), deixis ("on Saturday", "earlier in the day")
// counts from the dateline's day, as its writer meant it.
func (f *Finder) Find(text string, body sitrep.Span, ref time.Time) []Expr {
	m := f.scan(text, body)
	defer f.pool.Put(m)
	exprs := f.markStamps(text, m.resolveAll(ref))
	if ref.IsZero() {
		return exprs
	}
	day := civil(ref)
	for _, e := range exprs {
		if !e.Stamp || e.Precision != 1 || e.From.IsZero() {
			continue
		}
		if e.From.Before(day) && !e.From.Before(day.AddDate(0, 0, -writerLag)) {
			return f.markStamps(text, m.resolveAll(e.From))
		}
		break
	}
	return exprs
}

// writerLag is how many days before its publication date a text's
// dateline may stand and still be the day it was written (a weekend
// story put online on Monday).
const writerLag = 7

// FindInferred is InferReference followed by Find with the inferred
// reference (zero when ok is false), reading the text once.
func (f *Finder) FindInferred(text string, body sitrep.Span, now time.Time) (exprs []Expr, ref time.Time, ok bool) {
	m := f.scan(text, body)
	defer f.pool.Put(m)
	// An article that dates itself ("Posted: March 3, 2015") was written
	// that day: its stamp is the reference, before any inference.
	if len(f.v.stamps) > 0 {
		for _, e := range f.markStamps(text, m.resolveAll(time.Time{})) {
			if e.Stamp && e.Precision == 1 && !e.From.IsZero() && !e.From.After(civil(now)) {
				return f.markStamps(text, m.resolveAll(e.From)), e.From, true
			}
		}
	}
	ref, ok = m.inferReference(now)
	if !ok {
		ref = time.Time{}
	}
	return f.markStamps(text, m.resolveAll(ref)), ref, ok
}

// stampReach is how far before a date, on its line, a date-line word may
// stand: "Posted: Tuesday, May 5, 2015", "Updated 5:47 PM".
const stampReach = 24

// datelineReach is how long a dateline's place may be before its date:
// "RAWALPINDI, Pakistan, ".
const datelineReach = 48

// markStamps sets Stamp on the expressions that date the article itself:
// a date-line word (kind stamp of the vocabulary) shortly before it on
// its line, a wire service's name in brackets right after it, or a
// dateline's place before it and a dash after ("KHARKIV, Ukraine, May 25 -").
func (f *Finder) markStamps(text string, exprs []Expr) []Expr {
	for i := range exprs {
		e := &exprs[i]
		from := max(0, e.Start-stampReach)
		before := text[from:e.Start]
		if nl := strings.LastIndexByte(before, '\n'); nl >= 0 {
			before = before[nl+1:]
		}
		before = strings.ToLower(before)
		for _, w := range f.v.stamps {
			if j := strings.LastIndex(before, w); j >= 0 && (j == 0 || !isLetter(before[j-1])) && (j+len(w) == len(before) || !isLetter(before[j+len(w)])) {
				e.Stamp = true
			}
		}
		if !e.Stamp {
			e.Stamp = wireAfter(text[e.End:min(len(text), e.End+24)])
		}
		if !e.Stamp && dashAfter(text[e.End:min(len(text), e.End+4)]) {
			lo := max(0, e.Start-datelineReach)
			line := text[lo:e.Start]
			if nl := strings.LastIndexByte(line, '\n'); nl >= 0 {
				line = line[nl+1:]
			} else if lo > 0 {
				line = "" // the line starts too far back for a dateline
			}
			e.Stamp = datelinePlace(line)
		}
	}
	return exprs
}

// wireAfter reports whether s starts with a wire service's name in
// brackets, as a dateline has it: " (Reuters) -", " (AP) —".
func wireAfter(s string) bool {
	s = strings.TrimLeft(s, " ")
	if !strings.HasPrefix(s, "(") {
		return false
	}
	end := strings.IndexByte(s, ')')
	if end < 3 {
		return false
	}
	name := s[1:end]
	if name[0] < 'A' || name[0] > 'Z' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isLetter(c) && c != ' ' && c != '.' {
			return false
		}
	}
	rest := strings.TrimLeft(s[end+1:], " ")
	return strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "–")
}

// datelinePlace reports whether line, the start of a line up to a date,
// is a dateline's place: a name in capitals and a comma, then at most a
// region or country and a comma ("KHARKIV, Ukraine, ", "OUAGADOUGOU, ").
func datelinePlace(line string) bool {
	head, rest, ok := strings.Cut(line, ",")
	if !ok || len(head) < 3 {
		return false
	}
	for i := 0; i < len(head); i++ {
		if c := head[i]; !(c >= 'A' && c <= 'Z' || c == ' ' || c == '.' || c == '-' || c == '\'') {
			return false
		}
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return true
	}
	region, tail, ok := strings.Cut(rest, ",")
	return ok && strings.TrimSpace(tail) == "" && len(region) > 1 && region[0] >= 'A' && region[0] <= 'Z'
}

// dashAfter reports whether s opens with the dash that ends a dateline.
func dashAfter(s string) bool {
	s = strings.TrimLeft(s, " ")
	return strings.HasPrefix(s, "-") || strings.HasPrefix(s, "—") || strings.HasPrefix(s, "–")
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// resolveAll resolves the scanned candidates against ref.
func (m *matcher) resolveAll(ref time.Time) []Expr {
	if len(m.cands) == 0 {
		return nil
	}
	r := resolver{}
	if !ref.IsZero() {
		r.ref = civil(ref)
	}
	out := make([]Expr, len(m.cands))
	for i := range m.cands {
		out[i] = r.resolve(&m.cands[i])
	}
	// A clock time told beside its day takes that day: "Friday at 10
	// a.m.", "at 10 a.m. on Friday".
	for i := range m.cands {
		c := &m.cands[i]
		if c.kind != cClock {
			continue
		}
		var day *Expr
		switch {
		case c.linkNext > 0 && i+1 < len(out) && out[i+1].Start == c.linkNext:
			day = &out[i+1]
		case c.linkPrev && i > 0:
			day = &out[i-1]
		}
		if day != nil && day.Precision == 1 && !day.From.IsZero() && day.From.Equal(day.To) && !day.NoEventDate && day.Type == TypeDate {
			out[i].Value = fmtRange(day.From, day.From) + "T" + c.part
		}
	}
	return out
}

// scan tokenizes the body of text and matches its expressions. The caller
// puts the matcher back in the pool.
func (f *Finder) scan(text string, body sitrep.Span) *matcher {
	m, _ := f.pool.Get().(*matcher)
	if m == nil {
		m = &matcher{}
	}
	m.v = f.v
	m.text = text
	m.cands = m.cands[:0]
	start, end := bodyRange(text, body)
	// Long texts are read in chunks cut at line breaks, so that memory stays
	// bounded on a 100 MB single line.
	st := newScanState()
	for pos := start; pos < end; {
		cut := chunkEnd(text, pos, end)
		m.toks = tokenize(f.v, text, pos, cut, m.toks[:0], &st)
		m.run()
		pos = cut
	}
	return m
}

// chunkSize is the length of text tokenized at once.
const chunkSize = 64 << 10

// chunkEnd returns where the chunk starting at pos ends: at end, or after
// the last line break (else space) in the second half of the chunk, else on
// a rune boundary.
func chunkEnd(text string, pos, end int) int {
	if end-pos <= chunkSize {
		return end
	}
	lim := pos + chunkSize
	half := pos + chunkSize/2
	if i := strings.LastIndexByte(text[half:lim], '\n'); i >= 0 {
		return half + i + 1
	}
	if i := strings.LastIndexByte(text[half:lim], ' '); i >= 0 {
		return half + i + 1
	}
	for lim > pos+1 && !utf8.RuneStart(text[lim]) {
		lim--
	}
	return lim
}

// bodyRange clamps body to text, on rune boundaries; the zero Span is the
// whole text.
func bodyRange(text string, body sitrep.Span) (start, end int) {
	if body.Start == 0 && body.End == 0 {
		return 0, len(text)
	}
	start, end = max(body.Start, 0), min(body.End, len(text))
	if start >= end {
		return 0, 0
	}
	for start < end && !utf8.RuneStart(text[start]) {
		start++
	}
	for end < len(text) && end > start && !utf8.RuneStart(text[end]) {
		end--
	}
	return start, end
}
