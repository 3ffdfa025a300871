package date

import "strconv"

// Candidate kinds: what a matched expression says, before it is resolved
// against a reference date.
const (
	cDate     = iota + 1 // a day or day range of a month; year and weekday optional
	cMonth               // a month, maybe with a year, a deictic word or a part (early, mid, late)
	cYear                // a year, maybe with a part
	cWeekday             // a weekday alone: "Sunday", "last Sunday"
	cRelDay              // days relative to the reference: "yesterday", "overnight"
	cAnaphor             // a day relative to the preceding day: "the next day"
	cPeriod              // a calendar week, weekend, month or year: "last week"
	cRolling             // a window back (or forward) from the reference: "the past week"
	cAgo                 // n units before the reference: "two days ago"
	cLater               // n units after or before the preceding day: "two days later"
	cQuarter             // a quarter of a year: "the third quarter", "the first quarter of 2023"
	cSeason              // a season, maybe with a year or a deictic word: "last summer", "the spring of 2021"
	cDuration            // a length of time: "three years", "a decade", "for months"
	cSet                 // a recurrence: "every Monday", "weekly", "twice a month"
	cRef                 // the present, past or future as a whole: "now", "recently", "the future"
	cClock               // a clock time without its day: "10 a.m.", "14:30"
	cFiscal              // a fiscal year: "fiscal 1997"
)

// cand is one matched expression.
type cand struct {
	start, end int // byte offsets into the text
	para       int32
	kind       uint8
	hasDeixis  bool
	prior      bool // "the previous year": before the period last named
	todate     int  // -1 up to the reference ("earlier this week"), +1 from it ("later this week")
	cueFuture  bool // a forward-looking cue precedes it ("by 2030")
	future     bool // its clause looks forward ("will visit on Friday"): without a year or deixis it points ahead
	year       int  // 0 when the text gives none
	month, day int
	// month2/day2 are the last day of a range of days, else 0; year2 is
	// its year when the text gives it, else 0 (the start's year, or the
	// next when the range runs over the new year).
	month2, day2, year2 int
	wd                  int // the weekday stated with the date, -1 none
	lo, hi              int // a part of a month (days) or day offsets
	deixis              int // -1 last, 0 this, +1 next
	// yearDeixis counts the year of a quarter or half from the
	// reference's when hasYearDeixis ("the first half of last year").
	yearDeixis    int
	hasYearDeixis bool
	n             int // count of units
	u             unit
	prec          int    // precision of a fixed window
	decade        bool   // cYear: the ten years from year ("the 1990s")
	century       bool   // cYear: the hundred years from year ("the 19th century")
	vague         byte   // cRolling of no stated count ("recent weeks"): its unit, for TimeML "PXW"
	part          string // TimeML code of the part of the day told with a single day ("NI": "Sunday night"), or its clock time ("10:00")
	value         string // cSet, cRef: the TimeML value read from the vocabulary or the pattern
	half          string // cYear: the half of the year a modifier names ("H1"), if any; cQuarter: "H" when month counts halves
	// linkPrev and linkNext tie a clock time to the day told just before
	// it ("Friday at 10 a.m.") or after it ("10 a.m. on Friday": the byte
	// offset where that day must start; 0 none).
	linkPrev bool
	linkNext int
}

// matcher scans the tokens of one text for date expressions.
type matcher struct {
	v     *vocab
	text  string
	toks  []token
	cands []cand
	floor int // index of the first token not yet part of an expression
	// inRange is set while the second date of a range is read, so that
	// ranges do not nest.
	inRange bool
}

// run appends the expressions of the tokens to m.cands.
func (m *matcher) run() {
	m.floor = 0
	for i := 0; i < len(m.toks); {
		if t := &m.toks[i]; t.kind == tPunct || (t.kind == tWord && (t.wi == 0 || !m.v.infos[t.wi].starts)) {
			i++
			continue
		}
		c, next, ok := m.matchAt(i)
		if !ok {
			i++
			continue
		}
		c, next = m.joinClock(c, next)
		if c.kind == cClock {
			m.linkClock(&c, i, next)
		}
		c.para = m.toks[i].para
		c.future = m.futureBefore(i)
		m.cands = append(m.cands, c)
		i, m.floor = next, next
	}
}

// tenseReach is how many words before a date the search for the tense of
// its clause goes.
const tenseReach = 10

// futureBefore reports whether the clause of an expression starting at
// token i looks forward. A date without a year ("April 7"), a bare weekday
// ("on Friday") or a bare month ("in May") points the way its verb does:
// "will be held on April 7" is the coming one, "was held on April 7" the
// last. The nearest tense word of the vocabulary (or a lower-case word in
// -ed, a past tense, unless a form of "be" makes it a participle) before
// the expression in its sentence decides; with none the past is read, as
// news mostly tells what happened.
func (m *matcher) futureBefore(i int) bool {
	words := 0
	for k := i - 1; k >= 0 && words < tenseReach; k-- {
		t := &m.toks[k]
		if t.kind == tWord {
			words++
			w := m.word(k)
			past := false
			switch {
			case w != nil && w.tense == tenseFuture:
				return true
			case w != nil && w.tense == tensePast:
				past = true
			case w == nil && t.flags&fCap == 0 && t.end-t.start > 3 && m.text[t.end-2:t.end] == "ed":
				past = true
			}
			if past {
				if b := m.word(k - 1); b != nil && b.tense == tensePassive {
					continue // "will be tried": a participle
				}
				return false
			}
		}
		if t.flags&fSent != 0 {
			break
		}
	}
	return false
}

func (m *matcher) word(i int) *wordInfo {
	if i < 0 || i >= len(m.toks) || m.toks[i].kind != tWord {
		return nil
	}
	return m.v.infos[m.toks[i].wi]
}

func (m *matcher) punct(i int, ch byte) bool {
	return i >= 0 && i < len(m.toks) && m.toks[i].kind == tPunct && m.toks[i].ch == ch
}

func (m *matcher) num(i int) bool {
	return i >= 0 && i < len(m.toks) && m.toks[i].kind == tNum
}

// spaced reports whether whitespace precedes token i.
func (m *matcher) spaced(i int) bool { return m.toks[i].flags&fSpace != 0 }

// adjacent reports whether token i follows token i-1 with nothing between.
func (m *matcher) adjacent(i int) bool {
	return i > 0 && i < len(m.toks) && m.toks[i].flags&fSpace == 0
}

// span fills c's byte offsets from tokens first..last inclusive.
func (m *matcher) span(c *cand, first, last int) {
	c.start, c.end = int(m.toks[first].start), int(m.toks[last].end)
}

func (m *matcher) matchAt(i int) (cand, int, bool) {
	t := &m.toks[i]
	switch t.kind {
	case tNum:
		if c, next, ok := m.clock(i); ok {
			return c, next, true
		}
		if c, next, ok := m.isoDate(i); ok {
			return c, next, true
		}
		if c, next, ok := m.numericDate(i); ok {
			return c, next, true
		}
		if c, next, ok := m.dayMonth(i); ok {
			return c, next, true
		}
		if c, next, ok := m.decade(i); ok {
			return c, next, true
		}
		if c, next, ok := m.century(i); ok {
			return c, next, true
		}
		if c, next, ok := m.yearOnly(i); ok {
			return c, next, true
		}
		if c, next, ok := m.countAgo(i); ok {
			return c, next, true
		}
		if c, next, ok := m.frequencySet(i); ok {
			return c, next, true
		}
		if c, next, ok := m.countUnit(i); ok {
			return c, next, true
		}
	case tWord:
		w := m.v.infos[t.wi]
		if w == nil {
			return cand{}, 0, false
		}
		if w.exprs != nil {
			if c, next, ok := m.fixedPhrase(i); ok {
				return c, next, true
			}
		}
		if w.quarter > 0 && m.v.quarter != nil {
			if c, next, ok := m.quarterOf(i); ok {
				return c, next, true
			}
		}
		if w.season > 0 {
			if c, next, ok := m.season(i); ok {
				return c, next, true
			}
		}
		if w.weekday >= 0 || w.weekdayAbbr >= 0 {
			if c, next, ok := m.weekday(i); ok {
				return c, next, true
			}
		}
		if w.month > 0 || w.monthAbbr > 0 {
			if c, next, ok := m.monthDay(i); ok {
				return c, next, true
			}
			if c, next, ok := m.monthBare(i); ok {
				return c, next, true
			}
		}
		if w.phrases != nil {
			if c, next, ok := m.countAgo(i); ok {
				return c, next, true
			}
		}
		if w.each {
			if c, next, ok := m.everySet(i); ok {
				return c, next, true
			}
		}
		if w.frequency > 0 || w.phrases != nil {
			if c, next, ok := m.frequencySet(i); ok {
				return c, next, true
			}
		}
		if w.phrases != nil {
			if c, next, ok := m.countUnit(i); ok {
				return c, next, true
			}
		}
		if w.weekdays >= 0 {
			if c, next, ok := m.weekdaysSet(i); ok {
				return c, next, true
			}
		}
		if w.plural && w.unit.kind != 0 {
			if c, next, ok := m.bareUnits(i); ok {
				return c, next, true
			}
		}
		if w.clockTime != "" {
			c := cand{kind: cClock, wd: -1, part: w.clockTime}
			m.span(&c, i, i)
			return c, i + 1, true
		}
		if w.fiscal {
			if c, next, ok := m.fiscalYear(i); ok {
				return c, next, true
			}
		}
		if w.deictic && !w.rolling && m.v.quarter != nil && m.word(i+1) == m.v.quarter && m.spaced(i+1) {
			if c, next, ok := m.deicticQuarter(i); ok {
				return c, next, true
			}
		}
		if w.deictic {
			if c, next, ok := m.deicticUnit(i); ok {
				return c, next, true
			}
		}
	}
	return cand{}, 0, false
}

// parseDay reads a day of the month at token i: "26", "26th". It returns
// the index after it.
func (m *matcher) parseDay(i int) (day, next int, ok bool) {
	if !m.num(i) {
		return 0, 0, false
	}
	t := &m.toks[i]
	if t.ndig > 2 || t.num < 1 || t.num > 31 {
		return 0, 0, false
	}
	if m.adjacent(i) {
		// Glued to what precedes: "M23", "3.26", "10:26", "$26".
		p := &m.toks[i-1]
		if p.kind != tPunct {
			return 0, 0, false
		}
		switch p.ch {
		case '.', ',', ':', '/', '$', '#', '+', '*':
			return 0, 0, false
		}
	}
	next = i + 1
	if next < len(m.toks) && m.adjacent(next) {
		n := &m.toks[next]
		switch n.kind {
		case tWord:
			if nw := m.v.infos[n.wi]; nw == nil || !nw.ordinal {
				return 0, 0, false // "26km"
			}
			next++
		case tPunct:
			if n.ch == '%' {
				return 0, 0, false
			}
			if (n.ch == ':' || n.ch == '.' || n.ch == ',' || n.ch == '/') && m.num(next+1) && m.adjacent(next+1) {
				return 0, 0, false // "10:26", "26.5", "26,000", "9/11"
			}
		}
	}
	return int(t.num), next, true
}

// parseYear reads a four-digit year at token i.
func (m *matcher) parseYear(i int) (year, next int, ok bool) {
	if !m.num(i) {
		return 0, 0, false
	}
	t := &m.toks[i]
	if t.ndig != 4 || t.num < 1900 || t.num > 2100 {
		return 0, 0, false
	}
	if m.adjacent(i) {
		p := &m.toks[i-1]
		if p.kind != tPunct || (p.ch != '-' && p.ch != '(' && p.ch != '\'') {
			return 0, 0, false
		}
	}
	next = i + 1
	if next < len(m.toks) && m.adjacent(next) {
		n := &m.toks[next]
		switch n.kind {
		case tWord, tNum:
			return 0, 0, false // "1990s", "2021km"
		case tPunct:
			if n.ch == '%' {
				return 0, 0, false
			}
			if (n.ch == ':' || n.ch == '.' || n.ch == ',' || n.ch == '/') && m.num(next+1) && m.adjacent(next+1) {
				return 0, 0, false
			}
		}
	}
	return int(t.num), next, true
}

// monthAt reads a month name at token i: "March", "Mar.", "Sept". abbr is
// true for an abbreviation, which must be followed by a day or a year.
func (m *matcher) monthAt(i int) (month, next int, abbr, ok bool) {
	w := m.word(i)
	if w == nil || m.toks[i].flags&fCap == 0 {
		return 0, 0, false, false
	}
	if w.month > 0 {
		return int(w.month), i + 1, false, true
	}
	if w.monthAbbr > 0 {
		next = i + 1
		if m.punct(next, '.') && m.adjacent(next) {
			next++
		}
		return int(w.monthAbbr), next, true, true
	}
	return 0, 0, false, false
}

// nameAfter reports whether the capitalised words from token i (up to
// two) end in a word that makes the date before them part of a name:
// "Sunday Times", "March 23 Movement", "6 April Youth Movement".
func (m *matcher) nameAfter(i int) bool {
	for k := i; k < i+2 && k < len(m.toks); k++ {
		t := &m.toks[k]
		if t.kind != tWord || t.flags&fCap == 0 || t.flags&fSpace == 0 {
			return false
		}
		if tw := m.v.infos[t.wi]; tw != nil && tw.namehead {
			return true
		}
	}
	return false
}

// yearAfter reads an optional ", 2023" or " 2023" at token i.
func (m *matcher) yearAfter(i int) (year, next int, ok bool) {
	j := i
	if m.punct(j, ',') {
		j++
	}
	if j < len(m.toks) && m.spaced(j) {
		if y, k, ok := m.parseYear(j); ok {
			return y, k, true
		}
	}
	return 0, i, false
}

// dayRange reads an optional "-27" after a day at token i.
func (m *matcher) dayRange(i int) (day2, next int) {
	if !m.punct(i, '-') {
		return 0, i
	}
	// "26-27" or "26 - 27", not "26 -27".
	if m.adjacent(i) != m.adjacent(i+1) || !m.num(i+1) {
		return 0, i
	}
	d2, next, ok := m.parseDay(i + 1)
	if !ok {
		return 0, i
	}
	return d2, next
}

// monthDay matches "March 26", "Mar. 26th, 2023", "March 26-27".
func (m *matcher) monthDay(i int) (cand, int, bool) {
	mo, j, _, ok := m.monthAt(i)
	if !ok || j >= len(m.toks) || !m.spaced(j) {
		return cand{}, 0, false
	}
	d, k, ok := m.parseDay(j)
	if !ok {
		return cand{}, 0, false
	}
	c := cand{kind: cDate, month: mo, day: d, wd: -1}
	k = m.rangeAndYear(&c, i, k)
	if m.nameAfter(k) || !c.valid() {
		return cand{}, 0, false
	}
	m.span(&c, i, k-1)
	return c, k, true
}

// rangeAndYear reads what may follow the day of c (at token k): a range
// and a year, "-28", "-28, 2023", ", 2023 to April 2, 2023", " to April 2".
// It returns the index after them.
func (m *matcher) rangeAndYear(c *cand, first, k int) int {
	if d2, next := m.dayRange(k); d2 > 0 {
		c.month2, c.day2 = c.month, d2
		k = next
	} else if next, ok := m.rangeTo(c, first, k); ok {
		return next
	}
	c.year, k, _ = m.yearAfter(k)
	if c.day2 == 0 && c.year > 0 {
		if next, ok := m.rangeTo(c, first, k); ok {
			return next
		}
	}
	return k
}

// rangeTo reads the end of a range after the date c, at token k: "to April
// 2", "- 2 April 2023", "to 28" (between March 1 and 5). It sets c's
// month2, day2 and years.
func (m *matcher) rangeTo(c *cand, first, k int) (int, bool) {
	if m.inRange || k >= len(m.toks) {
		return 0, false
	}
	if !m.punct(k, '-') {
		w := m.word(k)
		if w == nil || w.rangeword == 0 || !m.spaced(k) {
			return 0, false
		}
		if w.rangeword == 2 && m.word(first-1) != m.v.between {
			return 0, false
		}
	}
	j := k + 1
	if j >= len(m.toks) {
		return 0, false
	}
	m.inRange = true
	var c2 cand
	var next int
	ok := false
	if m.word(j) != nil {
		c2, next, ok = m.monthDay(j)
	} else if m.num(j) {
		c2, next, ok = m.dayMonth(j)
		if !ok {
			// "March 26 to 28": the same month.
			var d2 int
			if d2, next, ok = m.parseDay(j); ok {
				c2 = cand{month: c.month, day: d2}
				c2.year, next, _ = m.yearAfter(next)
			}
		}
	}
	m.inRange = false
	if !ok || c2.day2 != 0 {
		return 0, false
	}
	d := *c
	d.month2, d.day2 = c2.month, c2.day
	wraps := c2.month < c.month || (c2.month == c.month && c2.day < c.day)
	switch {
	case c.year == 0 && c2.year != 0:
		d.year, d.year2 = c2.year, c2.year
		if wraps {
			d.year--
		}
	case c.year != 0 && c2.year != 0:
		d.year2 = c2.year
	}
	if !d.valid() || (c.year == 0 && c2.year == 0 && c2.month == c.month && c2.day <= c.day) {
		return 0, false
	}
	*c = d
	return next, true
}

// valid reports whether c's days exist and its range runs forward.
func (c *cand) valid() bool {
	if !validDay(c.year, c.month, c.day) {
		return false
	}
	if c.day2 == 0 {
		return true
	}
	y2 := c.endYear(c.year)
	if !validDay(y2, c.month2, c.day2) {
		return false
	}
	if c.year == 0 {
		return true
	}
	return mkDate(y2, c.month2, c.day2).After(mkDate(c.year, c.month, c.day))
}

// endYear returns the year of the last day of a range that starts in year y
// (0 unknown).
func (c *cand) endYear(y int) int {
	if c.year2 != 0 {
		return c.year2
	}
	if y == 0 {
		return 0
	}
	if c.month2 < c.month || (c.month2 == c.month && c.day2 < c.day) {
		return y + 1
	}
	return y
}

// dayMonth matches "26 March", "26th of March 2023", "26-27 March".
func (m *matcher) dayMonth(i int) (cand, int, bool) {
	d, k, ok := m.parseDay(i)
	if !ok {
		return cand{}, 0, false
	}
	c := cand{kind: cDate, day: d, wd: -1}
	d2, k := m.dayRange(k)
	if k < len(m.toks) && m.word(k) == m.v.of && m.spaced(k) {
		k++
	}
	if k >= len(m.toks) || !m.spaced(k) {
		return cand{}, 0, false
	}
	mo, k, _, ok := m.monthAt(k)
	if !ok {
		return cand{}, 0, false
	}
	c.month = mo
	if d2 > 0 {
		c.month2, c.day2 = mo, d2
		c.year, k, _ = m.yearAfter(k)
	} else {
		k = m.rangeAndYear(&c, i, k)
	}
	if m.nameAfter(k) || !c.valid() {
		return cand{}, 0, false
	}
	m.span(&c, i, k-1)
	return c, k, true
}

// isoDate matches "2023-03-26" and "2023/03/26".
func (m *matcher) isoDate(i int) (cand, int, bool) {
	if i+4 >= len(m.toks) || m.toks[i].ndig != 4 {
		return cand{}, 0, false
	}
	sep := m.toks[i+1]
	if sep.kind != tPunct || (sep.ch != '-' && sep.ch != '/') || !m.punct(i+3, sep.ch) {
		return cand{}, 0, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !m.adjacent(k) {
			return cand{}, 0, false
		}
	}
	if !m.num(i+2) || !m.num(i+4) || m.toks[i+2].ndig > 2 || m.toks[i+4].ndig > 2 {
		return cand{}, 0, false
	}
	if m.adjacent(i) && m.toks[i-1].kind != tPunct {
		return cand{}, 0, false
	}
	if n := i + 5; n < len(m.toks) && m.adjacent(n) && (m.num(n) || ((m.punct(n, '-') || m.punct(n, '/') || m.punct(n, '.')) && m.num(n+1) && m.adjacent(n+1))) {
		return cand{}, 0, false
	}
	y, mo, d := int(m.toks[i].num), int(m.toks[i+2].num), int(m.toks[i+4].num)
	if y < 1900 || y > 2100 || mo < 1 || mo > 12 || !validDay(y, mo, d) {
		return cand{}, 0, false
	}
	c := cand{kind: cDate, year: y, month: mo, day: d, wd: -1}
	m.span(&c, i, i+4)
	return c, i + 5, true
}

// numericDate matches "26/03/2023" and "03/26/2023" when only one reading
// is a valid date; "03/04/2023" is read month first, "03.04.2023" is left
// alone.
func (m *matcher) numericDate(i int) (cand, int, bool) {
	if i+4 >= len(m.toks) || m.toks[i].ndig > 2 {
		return cand{}, 0, false
	}
	sep := m.toks[i+1]
	if sep.kind != tPunct || (sep.ch != '/' && sep.ch != '.' && sep.ch != '-') || !m.punct(i+3, sep.ch) {
		return cand{}, 0, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !m.adjacent(k) {
			return cand{}, 0, false
		}
	}
	if !m.num(i+2) || m.toks[i+2].ndig > 2 || !m.num(i+4) || m.toks[i+4].ndig != 4 {
		return cand{}, 0, false
	}
	if m.adjacent(i) && m.toks[i-1].kind != tPunct {
		return cand{}, 0, false
	}
	if n := i + 5; n < len(m.toks) && m.adjacent(n) && (m.num(n) || m.toks[n].kind == tWord || (m.punct(n, sep.ch) && m.num(n+1))) {
		return cand{}, 0, false
	}
	a, b, y := int(m.toks[i].num), int(m.toks[i+2].num), int(m.toks[i+4].num)
	var mo, d int
	switch {
	case a > 12 && b >= 1 && b <= 12:
		d, mo = a, b
	case b > 12 && a >= 1 && a <= 12:
		mo, d = a, b
	case sep.ch == '/' && a >= 1 && a <= 12 && b >= 1 && b <= 12:
		// Both readings valid: with slashes the American order, month
		// first (the English-language wires and US local news write
		// 03/04/2024 for March 4); dots and dashes stay ambiguous.
		mo, d = a, b
	default:
		return cand{}, 0, false
	}
	if y < 1900 || y > 2100 || !validDay(y, mo, d) {
		return cand{}, 0, false
	}
	c := cand{kind: cDate, year: y, month: mo, day: d, wd: -1}
	m.span(&c, i, i+4)
	return c, i + 5, true
}

// modifierBefore finds a part of a month or year right before token i:
// "early", "mid-", "the end of". It returns the first token of the part.
func (m *matcher) modifierBefore(i int) (lo, hi, first int, half string, ok bool) {
	// "mid-March", "mid-2021"
	if i-2 >= m.floor && m.punct(i-1, '-') && m.adjacent(i-1) && m.adjacent(i) {
		if w := m.word(i - 2); w != nil {
			for _, p := range w.phrases {
				if p.kind == pkModifier && len(p.words) == 1 {
					return p.lo, p.hi, i - 2, p.value, true
				}
			}
		}
	}
	best := 0
	for k := i - 1; k >= m.floor && k >= i-4; k-- {
		w := m.word(k)
		if w == nil {
			if m.toks[k].kind != tWord {
				break
			}
			continue
		}
		for _, p := range w.phrases {
			if p.kind != pkModifier || k+len(p.words) != i || len(p.words) <= best {
				continue
			}
			if m.wordsAt(k, p.words) {
				lo, hi, first, half, ok, best = p.lo, p.hi, k, p.value, true, len(p.words)
			}
		}
	}
	return lo, hi, first, half, ok
}

// wordsAt reports whether the words ws are at tokens i, i+1, ...
func (m *matcher) wordsAt(i int, ws []*wordInfo) bool {
	if i+len(ws) > len(m.toks) {
		return false
	}
	for k, w := range ws {
		t := &m.toks[i+k]
		if t.kind != tWord || m.v.infos[t.wi] != w || (k > 0 && t.flags&fSpace == 0) {
			return false
		}
	}
	return true
}

// cueBefore reports whether token i-1 is a cue word ("in", "since"), and
// whether it looks forward ("by", "until").
func (m *matcher) cueBefore(i int) (cue, future bool) {
	if i-1 < m.floor || !m.spaced(i) {
		return false, false
	}
	w := m.word(i - 1)
	if w == nil || !w.cue {
		return false, false
	}
	if w.cueRange && (len(m.cands) == 0 || m.floor != i-1 || i < 2 || m.toks[i-2].end != int32(m.cands[len(m.cands)-1].end)) {
		return false, false
	}
	return true, w.cueFuture
}

// monthBare matches a month without a day: "March 2023", "in March",
// "early March", "last March", "the end of March 2023".
func (m *matcher) monthBare(i int) (cand, int, bool) {
	mo, j, abbr, ok := m.monthAt(i)
	if !ok {
		return cand{}, 0, false
	}
	c := cand{kind: cMonth, month: mo, wd: -1}
	first := i
	hasYear := false
	if j < len(m.toks) && m.spaced(j) {
		if y, k, ok := m.parseYear(j); ok {
			c.year, j, hasYear = y, k, true
		} else if m.word(j) == m.v.of && j+1 < len(m.toks) && m.spaced(j+1) {
			if y, k, ok := m.parseYear(j + 1); ok {
				c.year, j, hasYear = y, k, true // "October of 2012"
			}
		}
	}
	if !hasYear && abbr {
		return cand{}, 0, false
	}
	if lo, hi, f, _, ok := m.modifierBefore(i); ok {
		c.lo, c.hi, first = lo, hi, f
	} else if w := m.word(i - 1); i-1 >= m.floor && w != nil && w.deictic && !w.rolling && m.spaced(i) {
		c.hasDeixis, c.deixis, first = true, int(w.deixis), i-1
	} else if cue, _ := m.cueBefore(i); !cue && !hasYear {
		return cand{}, 0, false
	}
	if _, fut := m.cueBefore(first); fut {
		c.cueFuture = true
	}
	if !hasYear && m.nameAfter(j) {
		return cand{}, 0, false
	}
	// "before May God help them": an ambiguous month alone must not run
	// into a capitalised word.
	if !hasYear && m.word(i).ambiguous && j < len(m.toks) && m.toks[j].kind == tWord && m.toks[j].flags&fCap != 0 {
		return cand{}, 0, false
	}
	m.span(&c, first, j-1)
	return c, j, true
}

// yearOnly matches a year after a cue or a part: "in 2021", "since 2021",
// "early 2021", "mid-2021", "the end of 2021".
func (m *matcher) yearOnly(i int) (cand, int, bool) {
	y, next, ok := m.parseYear(i)
	if !ok {
		return cand{}, 0, false
	}
	c := cand{kind: cYear, year: y, wd: -1}
	first := i
	if lo, hi, f, half, ok := m.modifierBefore(i); ok {
		c.lo, c.hi, first, c.half = lo, hi, f, half
	} else if cue, _ := m.cueBefore(i); !cue && !m.attributive(i, next) {
		return cand{}, 0, false
	}
	if m.adjacent(i) && first == i {
		return cand{}, 0, false // "-2021" after a cue: part of a range
	}
	_, c.cueFuture = m.cueBefore(first)
	m.span(&c, first, next-1)
	return c, next, true
}

// attributive reports whether the year at token i (ending before token
// next) modifies the noun after it, between "the" and a lower-case word:
// "the 2020 election", "the 2014 war", or as a possessive: "2019's vote". A round hundred ("the 2000
// people") is more often a count and is left alone.
func (m *matcher) attributive(i, next int) bool {
	if m.punct(next, '\'') && m.adjacent(next) && m.adjacent(next+1) && next+1 < len(m.toks) && m.toks[next+1].end-m.toks[next+1].start == 1 &&
		m.text[m.toks[next+1].start]|0x20 == 's' && (next+2 >= len(m.toks) || m.toks[next+2].kind == tPunct || m.spaced(next+2)) {
		return true // a possessive year: "2019's election"
	}
	if m.toks[i].num%100 == 0 || i-1 < m.floor || m.word(i-1) != m.v.the || !m.spaced(i) {
		return false
	}
	return next < len(m.toks) && m.toks[next].kind == tWord && m.toks[next].flags&fCap == 0 && m.spaced(next)
}

// decade matches a decade: "the 1990s", "1980's". A plural of a year
// ending in 0 names the ten years it starts (TimeML value "199").
func (m *matcher) decade(i int) (cand, int, bool) {
	t := &m.toks[i]
	if t.ndig != 4 || t.num < 1000 || t.num > 2090 || t.num%10 != 0 || (m.adjacent(i) && m.toks[i-1].kind != tPunct) {
		return cand{}, 0, false
	}
	j := i + 1
	if m.punct(j, '\'') && m.adjacent(j) {
		j++
	}
	if j >= len(m.toks) || !m.adjacent(j) || m.toks[j].kind != tWord || m.text[m.toks[j].start:m.toks[j].end] != "s" {
		return cand{}, 0, false
	}
	if n := j + 1; n < len(m.toks) && m.adjacent(n) && m.toks[n].kind != tPunct {
		return cand{}, 0, false
	}
	c := cand{kind: cYear, year: int(t.num), wd: -1, decade: true}
	first := i
	if i-1 >= m.floor && m.word(i-1) == m.v.the && m.spaced(i) {
		first = i - 1
	}
	m.span(&c, first, j)
	return c, j + 1, true
}

// century matches a century named by its ordinal: "the 19th century",
// "21st-century warfare". The nth century holds the years from
// (n-1)*100 on; TimeML writes it by its first two digits ("18"). A
// century is too coarse to date an event.
func (m *matcher) century(i int) (cand, int, bool) {
	n, j, ok := m.parseDay(i)
	if !ok || n > 21 || j != i+2 {
		return cand{}, 0, false // no ordinal suffix: "19 century" is no name of one
	}
	k := j
	switch {
	case m.punct(k, '-') && m.adjacent(k) && m.adjacent(k+1):
		k++
	case k >= len(m.toks) || !m.spaced(k):
		return cand{}, 0, false
	}
	if w := m.word(k); w == nil || w.unit.kind != 'C' || w.plural {
		return cand{}, 0, false
	}
	c := cand{kind: cYear, year: (n - 1) * 100, wd: -1, century: true}
	first := i
	if i-1 >= m.floor && m.word(i-1) == m.v.the && m.spaced(i) {
		first = i - 1
	}
	m.span(&c, first, k)
	return c, k + 1, true
}

// quarterOf matches a quarter of a year: "the third quarter", "the first
// quarter of 2023", "third-quarter profits". The quarter is c.month (1-4).
func (m *matcher) quarterOf(i int) (cand, int, bool) {
	j := i + 1
	if m.punct(j, '-') && m.adjacent(j) && m.adjacent(j+1) {
		j++
	} else if j < len(m.toks) && !m.spaced(j) {
		return cand{}, 0, false
	}
	ord := int(m.v.infos[m.toks[i].wi].quarter)
	c := cand{kind: cQuarter, month: ord, wd: -1}
	switch w := m.word(j); {
	case w == nil:
		return cand{}, 0, false
	case w == m.v.quarter:
	case w == m.v.half && ord <= 2 && m.word(i-1) == m.v.the && i-1 >= m.floor:
		// "the second half": TimeML 1998-H2. Only after "the": "a
		// second half" and "first-half goals" name no half of a year.
		c.half = "H"
		if m.word(j+1) == m.v.of && j+2 < len(m.toks) && m.spaced(j+2) && m.num(j+2) {
			return cand{}, 0, false // "the first half of 2021": the modifier's, read at the year
		}
	default:
		return cand{}, 0, false
	}
	if m.punct(j+1, '-') && m.adjacent(j+1) {
		return cand{}, 0, false // "the first quarter-final"
	}
	first, k := i, j+1
	if m.word(i-1) == m.v.the && i-1 >= m.floor {
		first = i - 1
	}
	if k < len(m.toks) && m.spaced(k) {
		if y, n, ok := m.parseYear(k); ok {
			c.year, k = y, n
		} else if m.word(k) == m.v.of && k+1 < len(m.toks) && m.spaced(k+1) {
			if y, n, ok := m.parseYear(k + 1); ok {
				c.year, k = y, n
			} else if d, ok := m.deicticYear(k + 1); ok {
				// "the fourth quarter of last year": the year counted
				// from the reference's.
				c.yearDeixis, c.hasYearDeixis, k = d, true, k+3
			} else {
				return cand{}, 0, false // "the third quarter of the city"
			}
		}
	}
	m.span(&c, first, k-1)
	return c, k, true
}

// deicticYear reads "last year", "this year" or "next year" at token i
// and returns its count of years from the reference's.
func (m *matcher) deicticYear(i int) (int, bool) {
	w := m.word(i)
	if w == nil || !w.deictic || w.rolling || w.prior || i+1 >= len(m.toks) || !m.spaced(i+1) {
		return 0, false
	}
	if u := m.word(i + 1); u == nil || u.unit.kind != 'y' || u.plural {
		return 0, false
	}
	return int(w.deixis), true
}

// season matches a season in lower case: "last summer", "this winter",
// "summer 2021", "the spring of 2021", "in the summer", "during winter".
// A season that is also a common word ("fall") needs a year or a
// deictic word: "killed in the fall" is no season; and no season runs
// into "of" without a year: "the spring of discontent". The season is
// c.month (1 spring .. 4 winter).
func (m *matcher) season(i int) (cand, int, bool) {
	t := &m.toks[i]
	w := m.v.infos[t.wi]
	if t.flags&fCap != 0 && t.flags&fSent == 0 {
		return cand{}, 0, false // "Arab Spring", "Summer Palace"
	}
	c := cand{kind: cSeason, month: int(w.season), wd: -1}
	first, j := i, i+1
	if j < len(m.toks) && m.spaced(j) {
		if y, k, ok := m.parseYear(j); ok {
			c.year, j = y, k
		} else if m.word(j) == m.v.of && j+1 < len(m.toks) && m.spaced(j+1) {
			if y, k, ok := m.parseYear(j + 1); ok {
				c.year, j = y, k
			}
		}
	}
	if p := m.word(i - 1); i-1 >= m.floor && p != nil && p.deictic && !p.rolling && m.spaced(i) {
		c.hasDeixis, c.deixis, first = true, int(p.deixis), i-1
	} else if m.word(i-1) == m.v.the && i-1 >= m.floor {
		first = i - 1
	}
	if c.year == 0 && !c.hasDeixis {
		if w.ambiguous || m.word(j) == m.v.of {
			return cand{}, 0, false
		}
		if cue, _ := m.cueBefore(first); !cue {
			return cand{}, 0, false
		}
	}
	m.span(&c, first, j-1)
	return c, j, true
}

// weekday matches "Sunday", "Sunday night", "last Sunday", and a weekday
// paired with a date: "Sunday night, March 26", "Thursday, February 2, 2016".
func (m *matcher) weekday(i int) (cand, int, bool) {
	t := &m.toks[i]
	if t.flags&fCap == 0 {
		return cand{}, 0, false
	}
	w := m.v.infos[t.wi]
	wd := int(w.weekday)
	abbr := wd < 0
	if abbr {
		wd = int(w.weekdayAbbr)
	}
	first := i
	c := cand{kind: cWeekday, wd: wd}
	if p := m.word(i - 1); i-1 >= m.floor && p != nil && p.deictic && !p.rolling && m.spaced(i) {
		c.hasDeixis, c.deixis, first = true, int(p.deixis), i-1
		if pp := m.word(i - 2); i-2 >= m.floor && pp != nil && pp.deictic && pp.deixis == 0 && p.deixis == 1 {
			first = i - 2 // "this coming Sunday"
		}
		if m.word(first-1) == m.v.the {
			return cand{}, 0, false // "the last Thursday in November"
		}
	}
	j := i + 1
	if abbr && m.punct(j, '.') && m.adjacent(j) {
		j++
	}
	if pw := m.word(j); pw != nil && pw.partsCode != "" && m.spaced(j) && m.toks[j].flags&fCap == 0 && !c.hasDeixis && !abbr {
		// "Friday nights": a recurrence (TimeML XXXX-WXX-5TNI).
		s := cand{kind: cSet, wd: -1, value: "XXXX-WXX-" + strconv.Itoa(isoWeekday(wd)) + "T" + pw.partsCode}
		m.span(&s, first, j)
		return s, j + 1, true
	}
	last := i
	if pw := m.word(j); pw != nil && pw.part && m.spaced(j) {
		last = j
		j++
		c.part = pw.partCode
	}
	// A paired date: the weekday is a check on it.
	k := j
	if m.punct(k, ',') || m.punct(k, '(') {
		k++
	}
	if k < len(m.toks) && (m.spaced(k) || m.punct(k-1, '(')) {
		var d cand
		var next int
		ok := false
		if m.num(k) {
			if d, next, ok = m.dayMonth(k); !ok {
				d, next, ok = m.isoDate(k)
			}
		} else if m.word(k) != nil {
			d, next, ok = m.monthDay(k)
		}
		if ok {
			d.wd = wd
			d.start = int(m.toks[first].start)
			if m.punct(k-1, '(') && m.punct(next, ')') {
				d.end = int(m.toks[next].end) // "Saturday (Feb 13)"
				next++
			}
			return d, next, true
		}
	}
	if abbr {
		return cand{}, 0, false
	}
	// Not a date when it is part of a name: "Bloody Sunday", "the Sunday
	// Times". But a weekday with a lower-case part of the day after it is
	// a time whatever precedes it ("shot in Dayton Saturday night"): the
	// names that hold a weekday do not go on with "night" or "morning".
	// Nor does a place named after a preposition of place: "shot in
	// Lynwood Wednesday" is a town, then a time.
	partAfter := last > i && m.toks[last].flags&fCap == 0
	placeBefore := false
	for k := i - 1; k >= max(m.floor, i-4) && k >= 0 && m.toks[k].kind == tWord; k-- {
		if m.toks[k].flags&fCap == 0 {
			placeBefore = k < i-1 && m.word(k) != nil && m.word(k).locative
			break
		}
	}
	if first == i && i > 0 && t.flags&fSent == 0 && !partAfter && !placeBefore {
		if p, pw := &m.toks[i-1], m.word(i-1); p.kind == tWord && p.flags&fCap != 0 && (pw == nil || (!pw.cue && !pw.deictic)) {
			return cand{}, 0, false
		}
	}
	if m.nameAfter(i + 1) {
		return cand{}, 0, false
	}
	if i+1 < len(m.toks) && m.toks[i+1].kind == tWord && m.toks[i+1].flags&fCap != 0 && m.word(i-1) == m.v.the {
		return cand{}, 0, false
	}
	m.span(&c, first, last)
	return c, last + 1, true
}

// fixedPhrase matches a vocabulary phrase that is an expression by itself:
// "yesterday", "last night", "the previous day", "recent days".
func (m *matcher) fixedPhrase(i int) (cand, int, bool) {
	t := &m.toks[i]
	// "USA Today", "Pakistan Today": a capitalised word inside a sentence is a name.
	if t.flags&fCap != 0 && t.flags&fSent == 0 {
		return cand{}, 0, false
	}
	var second *wordInfo
	if i+1 < len(m.toks) {
		second = m.word(i + 1)
	}
	for _, p := range m.v.infos[t.wi].exprs {
		if len(p.words) > 1 && p.words[1] != second {
			continue
		}
		if !m.wordsAt(i, p.words) {
			continue
		}
		last := i + len(p.words) - 1
		next := last + 1
		lw := p.words[len(p.words)-1]
		c := cand{wd: -1}
		switch p.kind {
		case pkDay:
			c.kind, c.lo, c.hi = cRelDay, p.lo, p.hi
			c.part = lw.partCode // "last night", "tonight"
			if pw := m.word(next); pw != nil && pw.part && !lw.part && m.spaced(next) {
				last, next = next, next+1 // "yesterday morning"
				c.part = pw.partCode
			}
		case pkAnaphor:
			// "the day before the election" is not anaphoric.
			if lw.cue && next < len(m.toks) && m.toks[next].kind != tPunct {
				continue
			}
			c.kind, c.lo, c.hi = cAnaphor, p.lo, p.hi
			c.part = lw.partCode // "the previous night"
		case pkRolling:
			c.kind, c.n, c.u, c.prec = cRolling, p.lo, unit{kind: 'd', days: 1}, p.precision
			c.vague = lw.unit.kind // "recent weeks": TimeML PXW
			c.deixis = -1
		case pkPeriod:
			c.kind, c.u, c.deixis, c.hasDeixis = cPeriod, p.period, p.lo, true
		case pkRef:
			if len(p.words) > 1 && p.words[0] == m.v.the && m.modifiedAfter(next) {
				continue // "the past three days", "the present government"
			}
			c.kind, c.value = cRef, p.value
		case pkSet:
			c.kind, c.value = cSet, p.value
		}
		m.span(&c, i, last)
		return c, next, true
	}
	return cand{}, 0, false
}

// vagueCount reports whether the count at token i states no number ("a
// few", "several").
func (m *matcher) vagueCount(i int) bool {
	if i >= len(m.toks) || m.toks[i].kind != tWord || m.toks[i].wi == 0 {
		return false
	}
	for _, p := range m.v.infos[m.toks[i].wi].phrases {
		if p.kind == pkNumber && m.wordsAt(i, p.words) {
			return p.vague
		}
	}
	return false
}

// parseCount reads a count at token i: "2", "two", "a few", "a couple of".
func (m *matcher) parseCount(i int) (n, next int, ok bool) {
	if i >= len(m.toks) {
		return 0, 0, false
	}
	t := &m.toks[i]
	switch t.kind {
	case tNum:
		if t.ndig > 4 || t.num == 0 || (m.adjacent(i) && m.toks[i-1].kind != tPunct) {
			return 0, 0, false
		}
		n, next = int(t.num), i+1
	case tWord:
		if t.wi == 0 {
			return 0, 0, false
		}
		for _, p := range m.v.infos[t.wi].phrases {
			if p.kind == pkNumber && m.wordsAt(i, p.words) {
				n, next = p.lo, i+len(p.words)
				break
			}
		}
		if next == 0 {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	return n, next, true
}

// countAgo matches "two days ago", "a few weeks ago", "three days later".
func (m *matcher) countAgo(i int) (cand, int, bool) {
	n, j, ok := m.parseCount(i)
	if !ok || j+1 >= len(m.toks) || !m.spaced(j) {
		return cand{}, 0, false
	}
	uw := m.word(j)
	if uw == nil || uw.unit.kind == 0 || uw.unit.kind == 'e' || uw.unit.kind == 'i' {
		return cand{}, 0, false
	}
	aw := m.word(j + 1)
	if aw == nil || aw.ago == 0 || !m.spaced(j+1) {
		return cand{}, 0, false
	}
	c := cand{kind: cLater, n: n, u: uw.unit, deixis: int(aw.ago), wd: -1}
	if aw.agoFromRef {
		c.kind = cAgo
	}
	m.span(&c, i, j+1)
	return c, j + 2, true
}

// deicticUnit matches "last week", "this month", "earlier this year",
// "the past week", "the last few days", "past two weeks".
func (m *matcher) deicticUnit(i int) (cand, int, bool) {
	w := m.word(i)
	j := i + 1
	n, counted := 1, false
	if k, next, ok := m.parseCount(j); ok && next < len(m.toks) && m.spaced(j) {
		if uw := m.word(next); uw != nil && uw.unit.kind != 0 {
			n, j, counted = k, next, true
		}
	}
	if j >= len(m.toks) || !m.spaced(j) {
		return cand{}, 0, false
	}
	uw := m.word(j)
	if uw == nil || uw.unit.kind == 0 || uw.unit.kind == 'i' {
		return cand{}, 0, false
	}
	first := i
	the := i-1 >= m.floor && m.word(i-1) == m.v.the && m.spaced(i)
	if the {
		first = i - 1
	}
	c := cand{wd: -1, u: uw.unit, n: n, deixis: int(w.deixis), hasDeixis: true}
	if counted && m.vagueCount(i+1) || !counted && uw.plural {
		c.vague = uw.unit.kind // "the last few days", "the coming months": PXD, PXM
	}
	switch {
	case uw.unit.kind == 'e':
		c.kind = cPeriod
		c.prior = w.prior
	case w.prior && !counted:
		c.kind, c.prior = cPeriod, true
	case w.deixis == 0 && the && !counted && !w.rolling:
		c.kind = cPeriod // "the current year"
	case w.rolling || the || counted:
		if w.deixis == 0 {
			return cand{}, 0, false // "this two weeks"
		}
		c.kind = cRolling
	case uw.unit.kind == 'd' || uw.unit.kind == 'h':
		return cand{}, 0, false // "last day", "next hour"
	default:
		c.kind = cPeriod
		if p := m.word(i - 1); w.deixis == 0 && i-1 >= m.floor && p != nil && p.todate != 0 && m.spaced(i) {
			c.todate, first = int(p.todate), i-1
		}
	}
	m.span(&c, first, j)
	return c, j + 1, true
}
