package date

import "strconv"

// The expressions of this file are TimeML's durations, sets, references
// and clock times. None of them names a stretch of the calendar that an
// event could be dated by, except a clock time told with its day ("10
// a.m. Friday"), which is that day.

// countUnit matches a length of time: a count and a unit, "three years"
// (TimeML P3Y), "90 days" (P90D), "a decade" (P1DE), "two hours" (PT2H),
// "a few weeks" (PXW), and the same joined by a hyphen before a noun, "a
// three-year sentence". An age ("a 45-year-old man") is left alone, as is
// a count that is the tail of a larger number ("1,500 days").
func (m *matcher) countUnit(i int) (cand, int, bool) {
	if m.adjacent(i) && m.toks[i].kind == tNum && (m.punct(i-1, ',') || m.punct(i-1, '.')) && m.num(i-2) {
		return cand{}, 0, false
	}
	n, j, ok := m.parseCount(i)
	if !ok || j >= len(m.toks) {
		return cand{}, 0, false
	}
	hyphen := false
	switch {
	case m.punct(j, '-') && m.adjacent(j) && m.adjacent(j+1):
		j++
		hyphen = true
	case !m.spaced(j):
		return cand{}, 0, false
	}
	uw := m.word(j)
	if uw == nil || uw.unit.kind == 0 || uw.unit.kind == 'e' {
		return cand{}, 0, false
	}
	if hyphen && uw.plural {
		return cand{}, 0, false // "three-years"
	}
	if n == 1 && uw.plural && m.toks[i].kind == tWord {
		return cand{}, 0, false // "an hours-long standoff"
	}
	if m.ageAfter(j + 1) {
		return cand{}, 0, false // "45-year-old", "45 years old": an age
	}
	if w := m.word(j + 1); w != nil && w.ago != 0 && m.spaced(j+1) {
		return cand{}, 0, false // "two hours later" is a point, not read here
	}
	c := cand{kind: cDuration, n: n, u: uw.unit, wd: -1}
	if m.vagueCount(i) {
		c.vague = uw.unit.kind
	}
	m.span(&c, i, j)
	return c, j + 1, true
}

// ageAfter reports whether an age word ("old") follows at token k, spaced
// or after a hyphen: "45 years old", "45-year-old", "25-year old".
func (m *matcher) ageAfter(k int) bool {
	if m.punct(k, '-') && m.adjacent(k) {
		k++
	}
	w := m.word(k)
	return w != nil && w.age
}

// bareUnits matches a plural unit without a count after a length cue: "for
// years" (TimeML PXY), "within hours" (PTXH), "over the years".
func (m *matcher) bareUnits(i int) (cand, int, bool) {
	w := m.word(i)
	if w.unit.kind == 'e' || !m.spaced(i) {
		return cand{}, 0, false
	}
	first := i
	if m.word(i-1) == m.v.the && i-1 >= m.floor {
		first = i - 1
	}
	if cw := m.word(first - 1); first-1 < m.floor || cw == nil || !cw.lengthcue || !m.spaced(first) {
		return cand{}, 0, false
	}
	if aw := m.word(i + 1); aw != nil && aw.ago != 0 && m.spaced(i+1) {
		return cand{}, 0, false // "for years later"
	}
	c := cand{kind: cDuration, u: w.unit, vague: w.unit.kind, wd: -1}
	m.span(&c, first, i)
	return c, i + 1, true
}

// everySet matches a recurrence after "every" or "each": "every day"
// (TimeML P1D), "every two weeks" (P2W), "every Monday" (XXXX-WXX-1),
// "every Monday night" (XXXX-WXX-1TNI), "each March" (XXXX-03), "every
// summer" (XXXX-SU), "every morning" (XXXX-XX-XXTMO), "every weekend"
// (XXXX-WXX-WE).
func (m *matcher) everySet(i int) (cand, int, bool) {
	j := i + 1
	if j >= len(m.toks) || !m.spaced(j) || m.toks[j].kind == tPunct {
		return cand{}, 0, false
	}
	c := cand{kind: cSet, wd: -1}
	if n, next, ok := m.parseCount(j); ok && next < len(m.toks) && m.spaced(next) {
		if uw := m.word(next); uw != nil && uw.unit.kind != 0 && uw.unit.kind != 'e' {
			c.n, c.u = n, uw.unit
			if m.vagueCount(j) {
				c.vague = uw.unit.kind
			}
			c.value = duration(&c)
			m.span(&c, i, next)
			return c, next + 1, true
		}
	}
	w := m.word(j)
	if w == nil {
		return cand{}, 0, false
	}
	if w.alternate > 0 && j+1 < len(m.toks) && m.spaced(j+1) {
		// "every other day": every second one (P2D).
		if uw := m.word(j + 1); uw != nil && uw.unit.kind != 0 && uw.unit.kind != 'e' && !uw.plural {
			c.n, c.u = int(w.alternate), uw.unit
			c.value = duration(&c)
			m.span(&c, i, j+1)
			return c, j + 2, true
		}
	}
	capital := m.toks[j].flags&fCap != 0
	last := j
	switch {
	case w.unit.kind == 'e' && !w.plural:
		c.value = "XXXX-WXX-WE"
	case w.unit.kind != 0 && !w.plural:
		c.n, c.u = 1, w.unit
		c.value = duration(&c)
	case w.weekday >= 0 && capital:
		c.value = "XXXX-WXX-" + strconv.Itoa(isoWeekday(int(w.weekday)))
		if pw := m.word(j + 1); pw != nil && pw.partCode != "" && m.spaced(j+1) {
			c.value += "T" + pw.partCode
			last = j + 1
		}
	case w.month > 0 && capital:
		c.value = fmtNoYear(int(w.month), 0, 0, 0)
	case w.season > 0 && !capital:
		c.value = "XXXX-" + seasonCodes[w.season]
	case w.partCode != "" && !capital:
		c.value = "XXXX-XX-XXT" + w.partCode
	default:
		return cand{}, 0, false
	}
	m.span(&c, i, last)
	return c, last + 1, true
}

// frequencySet matches a count of times in a period: "once a week"
// (TimeML P1W), "twice a month" (P1M), "three times a year" (P1Y). TimeML
// puts the count in its freq attribute; the value is the period.
func (m *matcher) frequencySet(i int) (cand, int, bool) {
	j := i + 1
	if w := m.word(i); w == nil || w.frequency <= 0 {
		// "three times a year": a count, then "times".
		_, next, ok := m.parseCount(i)
		if !ok || next >= len(m.toks) || !m.spaced(next) {
			return cand{}, 0, false
		}
		if tw := m.word(next); tw == nil || tw.frequency >= 0 {
			return cand{}, 0, false
		}
		j = next + 1
	}
	rw := m.word(j)
	if rw == nil || !rw.rate || !m.spaced(j) || j+1 >= len(m.toks) || !m.spaced(j+1) {
		return cand{}, 0, false
	}
	uw := m.word(j + 1)
	if uw == nil || uw.unit.kind == 0 || uw.unit.kind == 'e' || uw.plural {
		return cand{}, 0, false
	}
	c := cand{kind: cSet, n: 1, u: uw.unit, wd: -1}
	c.value = duration(&c)
	m.span(&c, i, j+1)
	return c, j + 2, true
}

// weekdaysSet matches a plural weekday, a recurrence: "on Mondays"
// (TimeML XXXX-WXX-1), "Friday nights" is read by weekday.
func (m *matcher) weekdaysSet(i int) (cand, int, bool) {
	if m.toks[i].flags&fCap == 0 {
		return cand{}, 0, false
	}
	w := m.word(i)
	c := cand{kind: cSet, wd: -1, value: "XXXX-WXX-" + strconv.Itoa(isoWeekday(int(w.weekdays)))}
	last := i
	if pw := m.word(i + 1); pw != nil && m.spaced(i+1) && m.toks[i+1].flags&fCap == 0 {
		code := pw.partsCode
		if code == "" {
			code = pw.partCode
		}
		if code != "" {
			c.value += "T" + code
			last = i + 1
		}
	}
	m.span(&c, i, last)
	return c, last + 1, true
}

// fiscalYear matches "fiscal 1997" and "fiscal year 1997" (TimeML
// FY1997): a company's or a state's year of accounts, whose days vary.
func (m *matcher) fiscalYear(i int) (cand, int, bool) {
	j := i + 1
	if w := m.word(j); w != nil && w.unit.kind == 'y' && !w.plural && m.spaced(j) {
		j++
	}
	if j >= len(m.toks) || !m.spaced(j) {
		return cand{}, 0, false
	}
	y, next, ok := m.parseYear(j)
	if !ok {
		return cand{}, 0, false
	}
	c := cand{kind: cFiscal, year: y, wd: -1}
	m.span(&c, i, next-1)
	return c, next, true
}

// modifiedAfter reports whether the word at token i makes the phrase
// before it modify a noun or a count ("the past three days", "the present
// government") instead of standing for the past or present itself: a count,
// a unit, a calendar name, or a word the vocabulary does not know.
func (m *matcher) modifiedAfter(i int) bool {
	if i >= len(m.toks) || !m.spaced(i) || m.toks[i].kind == tPunct {
		return false
	}
	if m.toks[i].kind == tNum {
		return true // "the past 24 hours"
	}
	w := m.word(i)
	if w == nil {
		return true
	}
	if w.unit.kind != 0 || w.weekday >= 0 || w.month > 0 || w.season > 0 || w.quarter > 0 {
		return true
	}
	_, _, ok := m.parseCount(i)
	return ok
}

// clock reads a clock time at token i: "10 a.m.", "10am", "10:30 p.m.",
// "9.15 pm", "14:30". A time without am or pm needs its minutes after a
// colon, so that a bare number or a score is no time.
func (m *matcher) clock(i int) (cand, int, bool) {
	t := &m.toks[i]
	if t.ndig > 2 || (m.adjacent(i) && m.toks[i-1].kind != tPunct) || (m.adjacent(i) && (m.punct(i-1, ':') || m.punct(i-1, '.') || m.punct(i-1, ','))) {
		return cand{}, 0, false
	}
	h, mi, j := int(t.num), 0, i+1
	sep := byte(0)
	if (m.punct(j, ':') || m.punct(j, '.')) && m.adjacent(j) && m.num(j+1) && m.adjacent(j+1) && m.toks[j+1].ndig == 2 {
		sep, mi = m.toks[j].ch, int(m.toks[j+1].num)
		j += 2
	}
	if add, next, ok := m.meridiemAt(j); ok {
		if h < 1 || h > 12 {
			return cand{}, 0, false
		}
		h = h%12 + add
		j = next
	} else if sep != ':' || h > 23 || t.ndig != 2 {
		// Without am or pm only the 24-hour clock, written with two
		// digits ("09:15", "21:00"): "1:09" is more often a video's length
		// or a score.
		return cand{}, 0, false
	}
	if mi > 59 || (j < len(m.toks) && m.adjacent(j) && m.toks[j].kind != tPunct) {
		return cand{}, 0, false
	}
	c := cand{kind: cClock, wd: -1, part: fmtClock(h, mi)}
	m.span(&c, i, j-1)
	return c, j, true
}

// meridiemAt reads "am", "pm", "a.m." or "p.m." at token j (glued to the
// number or spaced). It returns the hours it adds.
func (m *matcher) meridiemAt(j int) (add, next int, ok bool) {
	if j >= len(m.toks) || m.toks[j].kind != tWord {
		return 0, 0, false
	}
	if w := m.word(j); w != nil && w.meridiem >= 0 {
		return int(w.meridiem), j + 1, true
	}
	// "a.m.": a letter, a dot, "m", and a dot.
	t := &m.toks[j]
	if t.end-t.start != 1 || !m.punct(j+1, '.') || !m.adjacent(j+1) || !m.adjacent(j+2) || j+2 >= len(m.toks) {
		return 0, 0, false
	}
	u := &m.toks[j+2]
	if u.kind != tWord || u.end-u.start != 1 {
		return 0, 0, false
	}
	key := string([]byte{m.text[t.start] | 0x20, m.text[u.start] | 0x20})
	w, found := m.v.words[key]
	if !found || w.meridiem < 0 {
		return 0, 0, false
	}
	next = j + 3
	if m.punct(next, '.') && m.adjacent(next) {
		next++
	}
	return int(w.meridiem), next, true
}

// fmtClock formats a clock time as TimeML writes it after the day: "10:00".
func fmtClock(h, mi int) string {
	var buf [8]byte
	b := appendPad(buf[:0], h, 2)
	b = append(b, ':')
	return string(appendPad(b, mi, 2))
}

// dayKind reports whether c names one day with no part of the day yet, so
// that a clock time can join it ("10 a.m. Friday").
func dayKind(c *cand) bool {
	if c.part != "" {
		return false
	}
	switch c.kind {
	case cWeekday, cAnaphor:
		return true
	case cRelDay:
		return c.lo == c.hi
	case cDate:
		return c.day2 == 0
	}
	return false
}

// joinClock joins a clock time and a day that stand side by side into one
// expression of the day: "10 a.m. Friday", "Friday 10 a.m.", "11 p.m.
// yesterday" (TimeML 1998-02-13T10:00). c was matched up to token next.
// Joined by a word ("Friday at 10 a.m.") they stay two expressions.
func (m *matcher) joinClock(c cand, next int) (cand, int) {
	if next >= len(m.toks) || !m.spaced(next) {
		return c, next
	}
	switch {
	case c.kind == cClock:
		if t := &m.toks[next]; t.kind == tWord && (t.wi == 0 || !m.v.infos[t.wi].starts) {
			return c, next
		}
		d, end, ok := m.matchAt(next)
		if !ok || !dayKind(&d) {
			return c, next
		}
		d.start, d.part = c.start, c.part
		return d, end
	case dayKind(&c):
		var k cand
		end, ok := 0, false
		if m.num(next) {
			k, end, ok = m.clock(next)
		} else if w := m.word(next); w != nil && w.clockTime != "" {
			k, end, ok = cand{end: int(m.toks[next].end), part: w.clockTime}, next+1, true // "Friday noon"
		}
		if !ok {
			return c, next
		}
		c.end, c.part = k.end, k.part
		return c, end
	}
	return c, next
}

// linkClock sets c's links to a day told beside it with a word of kind
// clocklink between: c spans tokens i to next-1.
func (m *matcher) linkClock(c *cand, i, next int) {
	if w := m.word(i - 1); w != nil && w.clocklink && i-2 >= 0 && len(m.cands) > 0 {
		p := &m.cands[len(m.cands)-1]
		c.linkPrev = p.end == int(m.toks[i-2].end) && m.toks[i-2].kind != tPunct
	}
	if w := m.word(next); w != nil && w.clocklink && m.spaced(next) && next+1 < len(m.toks) && m.spaced(next+1) {
		c.linkNext = int(m.toks[next+1].start)
	}
}

// deicticQuarter matches a quarter named from the reference's: "last
// quarter", "this quarter", "next quarter", "the previous quarter"
// (TimeML 1997-Q4, 1998-Q1, 1998-Q2 in February 1998). c.deixis counts
// quarters from the reference's.
func (m *matcher) deicticQuarter(i int) (cand, int, bool) {
	w := m.word(i)
	j := i + 1
	if m.punct(j+1, '-') && m.adjacent(j+1) {
		return cand{}, 0, false // "next quarter-final"
	}
	c := cand{kind: cQuarter, wd: -1, hasDeixis: true, deixis: int(w.deixis)}
	first := i
	if m.word(i-1) == m.v.the && i-1 >= m.floor && m.spaced(i) {
		first = i - 1
	}
	m.span(&c, first, j)
	return c, j + 1, true
}
