package date

import (
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// mkDate returns the UTC midnight of a calendar day; out-of-range months
// and days are normalised as time.Date does.
func mkDate(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// civil returns the UTC midnight of t's calendar day in t's location.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return mkDate(y, int(m), d)
}

// daysIn returns the number of days of month m of year y; year 0 is read as
// a leap year, so that February 29 is valid when the year is unknown.
func daysIn(y, m int) int {
	if y == 0 {
		y = 2000
	}
	return mkDate(y, m+1, 0).Day()
}

// validDay reports whether d is a day of month m of year y (0 unknown).
func validDay(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

func addDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours()/24 + 0.5) }

// precisionOf returns the ACLED time precision of a range of days.
func precisionOf(from, to time.Time) int {
	switch n := daysBetween(from, to) + 1; {
	case n <= 1:
		return 1
	case n <= 15:
		return 2
	case n <= 62:
		return 3
	}
	return 4
}

// recentYear returns the year of the most recent month/day on or before
// limit, searching back a few years for February 29.
func recentYear(month, day int, limit time.Time) (int, bool) {
	for y := limit.Year(); y >= limit.Year()-8; y-- {
		if validDay(y, month, day) && !mkDate(y, month, day).After(limit) {
			return y, true
		}
	}
	return 0, false
}

// yearOfDay picks the year of a month/day given without one: the most
// recent such day on or before ref+1 day. When the text also gives the
// weekday and that day does not fall on it, the nearest year around ref
// where it does is taken instead ("Sunday, April 2" read in late March is
// the coming one).
func yearOfDay(month, day, wd int, ref time.Time) (int, bool) {
	y, ok := recentYear(month, day, addDays(ref, 1))
	if !ok || wd < 0 || int(mkDate(y, month, day).Weekday()) == wd {
		return y, ok
	}
	best, bestDist := 0, 0
	for cy := ref.Year() - 1; cy <= ref.Year()+1; cy++ {
		if !validDay(cy, month, day) {
			continue
		}
		t := mkDate(cy, month, day)
		if int(t.Weekday()) != wd {
			continue
		}
		dist := daysBetween(ref, t)
		if dist < 0 {
			dist = -dist
		}
		if best == 0 || dist < bestDist {
			best, bestDist = cy, dist
		}
	}
	if best != 0 {
		return best, true
	}
	return y, true
}

// nextYear returns the year of the first month/day on or after ref, for a
// day told in a clause that looks forward ("will be held on April 7").
func nextYear(month, day int, ref time.Time) (int, bool) {
	for y := ref.Year(); y <= ref.Year()+8; y++ {
		if validDay(y, month, day) && !mkDate(y, month, day).Before(ref) {
			return y, true
		}
	}
	return 0, false
}

// Value formatting.

func appendPad(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func appendDay(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	b = appendPad(b, y, 4)
	b = append(b, '-')
	b = appendPad(b, int(m), 2)
	b = append(b, '-')
	return appendPad(b, d, 2)
}

func fmtRange(from, to time.Time) string {
	var buf [32]byte
	b := appendDay(buf[:0], from)
	if !to.Equal(from) {
		b = append(b, '/')
		b = appendDay(b, to)
	}
	return string(b)
}

func fmtMonth(y, m int) string {
	var buf [16]byte
	b := appendPad(buf[:0], y, 4)
	b = append(b, '-')
	return string(appendPad(b, m, 2))
}

func fmtYear(y int) string {
	var buf [8]byte
	return string(appendPad(buf[:0], y, 4))
}

func fmtWeek(t time.Time, weekend bool) string {
	y, w := t.ISOWeek()
	var buf [16]byte
	b := appendPad(buf[:0], y, 4)
	b = append(b, '-', 'W')
	b = appendPad(b, w, 2)
	if weekend {
		b = append(b, "-WE"...)
	}
	return string(b)
}

// fmtNoYear formats days without a year: "XXXX-03-26", "XXXX-03", or a
// range "XXXX-03-26/XXXX-04-02".
func fmtNoYear(month, day, month2, day2 int) string {
	var buf [32]byte
	b := append(buf[:0], "XXXX-"...)
	b = appendPad(b, month, 2)
	if day > 0 {
		b = append(b, '-')
		b = appendPad(b, day, 2)
	}
	if day2 > 0 {
		b = append(b, "/XXXX-"...)
		b = appendPad(b, month2, 2)
		b = append(b, '-')
		b = appendPad(b, day2, 2)
	}
	return string(b)
}

// isoWeekday maps time.Weekday (Sunday 0) to ISO 8601 (Monday 1, Sunday 7).
func isoWeekday(wd int) int {
	if wd == 0 {
		return 7
	}
	return wd
}

// yearPart maps a part of a month, as a day range, onto the same part of a
// year, as a month range: days 1..10 are January to April.
func yearPart(lo, hi int) (mFrom, mTo int) {
	mFrom = int(float64(lo-1)*12/31+0.5) + 1
	mTo = int(float64(hi)*12/31 + 0.5)
	if mTo < mFrom {
		mTo = mFrom
	}
	if mTo > 12 {
		mTo = 12
	}
	return mFrom, mTo
}

// resolver turns candidates into expressions against a reference date.
type resolver struct {
	ref        time.Time // UTC midnight of the reference day; zero when unknown
	anchor     time.Time // the latest resolved single day, for anaphora
	anchorPara int32
	// last is the first day of the latest resolved absolute (or "n units
	// later") expression of any precision, for "four years later" and "the
	// previous year".
	last     time.Time
	lastPara int32
	// lastPos and anchorPos are the text offsets of last and anchor.
	lastPos, anchorPos int
}

// base returns the day an anaphoric expression in paragraph para counts
// from: the latest single day in the paragraph, or with coarse the latest
// absolute expression of any precision, else the reference.
func (r *resolver) base(para int32, coarse bool) time.Time {
	if coarse && !r.last.IsZero() && r.lastPara == para && (r.anchor.IsZero() || r.anchorPara != para || r.lastPos > r.anchorPos) {
		return r.last
	}
	if !r.anchor.IsZero() && r.anchorPara == para {
		return r.anchor
	}
	return r.ref
}

func (r *resolver) hasRef() bool { return !r.ref.IsZero() }

// resolve returns the expression of c.
func (r *resolver) resolve(c *cand) Expr {
	e := Expr{Span: sitrep.Span{Start: c.start, End: c.end}}
	switch c.kind {
	case cDate:
		e.Absolute = true
		e.Precision = 1
		if c.day2 > 0 {
			e.Precision = 2
		}
		y := c.year
		if y == 0 && r.hasRef() {
			if c.future && c.wd < 0 {
				y, _ = nextYear(c.month, c.day, r.ref)
			} else {
				y, _ = yearOfDay(c.month, c.day, c.wd, r.ref)
			}
		}
		if y == 0 {
			e.Value = fmtNoYear(c.month, c.day, c.month2, c.day2)
			break
		}
		e.From = mkDate(y, c.month, c.day)
		e.To = e.From
		if c.day2 > 0 {
			y2 := c.endYear(y)
			if !validDay(y2, c.month2, c.day2) {
				break // February 29 of a year without one
			}
			e.To = mkDate(y2, c.month2, c.day2)
			e.Precision = precisionOf(e.From, e.To)
		}
		e.Value = fmtRange(e.From, e.To)
	case cMonth:
		e.Absolute = true
		e.Precision = 3
		if c.lo > 0 {
			e.Precision = 2
		}
		y := c.year
		if y == 0 && r.hasRef() {
			ry, rm := r.ref.Year(), int(r.ref.Month())
			switch {
			case !c.hasDeixis && c.future:
				// "elections are due in May": the coming May.
				y = ry
				if c.month < rm {
					y = ry + 1
				}
			case !c.hasDeixis:
				y = ry
				if mkDate(ry, c.month, 1).After(addDays(r.ref, 1)) {
					y = ry - 1
				}
			case c.deixis < 0:
				y = ry
				if c.month >= rm {
					y = ry - 1
				}
			case c.deixis == 0:
				y = ry
			default:
				y = ry
				if c.month <= rm {
					y = ry + 1
				}
			}
		}
		if y == 0 {
			e.Value = fmtNoYear(c.month, 0, 0, 0)
			break
		}
		if c.lo > 0 {
			e.From = mkDate(y, c.month, c.lo)
			e.To = mkDate(y, c.month, min(c.hi, daysIn(y, c.month)))
			// TimeML keeps the month as the value and puts the part in
			// its mod attribute: "mid-March" is "2023-03" (MID); From
			// and To keep the ten days.
			e.Value = fmtMonth(y, c.month)
		} else {
			e.From = mkDate(y, c.month, 1)
			e.To = mkDate(y, c.month, daysIn(y, c.month))
			e.Value = fmtMonth(y, c.month)
		}
	case cYear:
		e.Absolute = true
		e.Precision = 4
		if c.lo > 0 {
			mf, mt := yearPart(c.lo, c.hi)
			e.From = mkDate(c.year, mf, 1)
			e.To = mkDate(c.year, mt, daysIn(c.year, mt))
			e.Value = fmtYear(c.year) // "early 2021": TimeML 2021, mod START
			if c.half != "" {
				e.Value += "-" + c.half // "the first half of 2021": 2021-H1
			}
		} else if c.century {
			e.From = mkDate(c.year, 1, 1)
			e.To = mkDate(c.year+99, 12, 31)
			e.Value = fmtYear(c.year)[:2]
			e.NoEventDate = true
		} else if c.decade {
			e.From = mkDate(c.year, 1, 1)
			e.To = mkDate(c.year+9, 12, 31)
			e.Value = fmtYear(c.year)[:3]
		} else {
			e.From = mkDate(c.year, 1, 1)
			e.To = mkDate(c.year, 12, 31)
			e.Value = fmtYear(c.year)
		}
	case cWeekday:
		e.Precision = 1
		if !r.hasRef() {
			e.Value = "XXXX-WXX-" + strconv.Itoa(isoWeekday(c.wd))
			break
		}
		rwd := int(r.ref.Weekday())
		back := (rwd - c.wd + 7) % 7
		switch {
		case !c.hasDeixis && c.future:
			// "will visit on Friday": the first such day from the
			// reference on.
			e.From = addDays(r.ref, (c.wd-rwd+7)%7)
		case !c.hasDeixis || c.deixis < 0:
			e.From = addDays(r.ref, -back)
		case c.deixis == 0:
			if back <= 3 {
				e.From = addDays(r.ref, -back)
			} else {
				e.From = addDays(r.ref, 7-back)
			}
		default:
			fwd := (c.wd - rwd + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			e.From = addDays(r.ref, fwd)
		}
		e.To = e.From
		e.Value = fmtRange(e.From, e.To)
	case cRelDay:
		e.Precision = 1
		if c.hi > c.lo {
			e.Precision = 2
		}
		if r.hasRef() {
			e.From, e.To = addDays(r.ref, c.lo), addDays(r.ref, c.hi)
			e.Value = fmtRange(e.From, e.To)
		}
	case cAnaphor:
		e.Precision = 1
		// "the same day", "the next day": the day last told, in whatever
		// paragraph; a story carries its day across its paragraphs.
		base := r.anchor
		if base.IsZero() {
			base = r.ref
		}
		if !base.IsZero() {
			e.From, e.To = addDays(base, c.lo), addDays(base, c.hi)
			e.Value = fmtRange(e.From, e.To)
		}
	case cPeriod:
		r.period(c, &e)
	case cSeason:
		r.season(c, &e)
	case cQuarter:
		// A quarter of a year, or a half when c.half is set: c.month
		// counts parts of per months each.
		per, letter := 3, "-Q"
		if c.half != "" {
			per, letter = 6, "-H"
		}
		parts := 12 / per
		e.Absolute = c.year > 0 && !c.hasDeixis
		e.Precision = 4
		if c.hasDeixis {
			// "last quarter": counted from the reference's quarter.
			if !r.hasRef() {
				break
			}
			q := (r.ref.Year()*parts + (int(r.ref.Month())-1)/per) + c.deixis
			c.year, c.month = q/parts, q%parts+1
		}
		y := c.year
		switch {
		case y > 0:
		case c.hasYearDeixis && r.hasRef():
			y = r.ref.Year() + c.yearDeixis // "the first half of last year"
		case !r.hasRef():
			e.Value = "XXXX" + letter + strconv.Itoa(c.month)
		default:
			// A bare half ("the second half") is also a match's or a
			// film's: its value is given, but it dates no event.
			e.NoEventDate = c.half != ""
			// The latest such part begun by the reference date (a report
			// of "third-quarter profits" in October); the next not yet
			// over when the clause looks forward.
			y = r.ref.Year()
			refQ := (int(r.ref.Month())-1)/per + 1
			switch {
			case c.future && c.month < refQ:
				y++
			case !c.future && c.month > refQ:
				y--
			}
		}
		if y == 0 {
			break
		}
		e.From = mkDate(y, per*(c.month-1)+1, 1)
		e.To = addDays(mkDate(y, per*c.month+1, 1), -1)
		e.Value = fmtYear(y) + letter + strconv.Itoa(c.month)
	case cRolling:
		e.Precision = c.prec
		if !r.hasRef() {
			if e.Precision == 0 {
				e.Precision = rollingPrecision(c.u, c.n)
			}
			break
		}
		other := shift(r.ref, c.u, c.n*c.deixis)
		e.From, e.To = other, r.ref
		if c.deixis > 0 {
			e.From, e.To = r.ref, other
		}
		if e.Precision == 0 {
			e.Precision = precisionOf(e.From, e.To)
		}
		e.Value = fmtRange(e.From, e.To)
	case cDuration:
		e.Type, e.NoEventDate = TypeDuration, true
		e.Value = duration(c)
	case cSet:
		e.Type, e.NoEventDate = TypeSet, true
		e.Value = c.value
	case cRef:
		e.Type, e.NoEventDate = TypeDate, true // TimeML types PRESENT_REF a DATE
		e.Value = c.value
	case cFiscal:
		e.Type, e.NoEventDate = TypeDate, true
		e.Precision = 4
		e.Value = "FY" + fmtYear(c.year)
	case cClock:
		// A clock time told without its day is on the day last told in
		// its paragraph, else the reference day (resolveAll prefers a day
		// told right beside it: "at 10 a.m. on Friday").
		e.Type, e.NoEventDate, e.Precision = TypeTime, true, 1
		if day := r.base(c.para, false); !day.IsZero() {
			e.Value = fmtRange(day, day) + "T" + c.part
		} else {
			e.Value = "XXXX-XX-XXT" + c.part
		}
	case cAgo, cLater:
		base := r.ref
		if c.kind == cLater {
			base = r.base(c.para, c.u.kind == 'm' || c.u.kind == 'y')
		}
		sign := c.deixis
		if c.kind == cAgo {
			sign = -1
		}
		r.offset(c, base, sign, &e)
	}
	if c.kind == cRolling {
		e.Value = duration(c)
		e.Type = TypeDuration
	}
	if c.part != "" && e.Precision == 1 && !e.From.IsZero() && e.From.Equal(e.To) {
		// TimeML writes the part of a day after the day: "2023-03-26TNI".
		e.Value += "T" + c.part
	}
	if e.Type == "" {
		e.Type = TypeDate
		if strings.IndexByte(e.Value, 'T') >= 0 {
			e.Type = TypeTime // "2023-03-26TNI", "1998-02-13T10:00"
		}
	}
	if e.Precision == 1 && !e.From.IsZero() {
		r.anchor, r.anchorPara, r.anchorPos = e.From, c.para, c.start
	}
	if (e.Absolute || c.kind == cLater) && !e.From.IsZero() {
		r.last, r.lastPara, r.lastPos = e.From, c.para, c.start
	}
	return e
}

// period resolves a calendar week, weekend, month or year around the
// reference: "last week" is the ISO week (Monday to Sunday) before the
// reference's; "this week", "this month" and "earlier this year" end on
// the reference day, since news reports what has happened; "later this
// week" starts on it.
func (r *resolver) period(c *cand, e *Expr) {
	switch c.u.kind {
	case 'w', 'e':
		e.Precision = 2
	case 'm':
		e.Precision = 3
	default:
		e.Precision = 4
	}
	ref := r.ref
	if c.prior {
		ref = r.base(c.para, true)
	}
	if ref.IsZero() {
		return
	}
	rwd := int(ref.Weekday())
	switch c.u.kind {
	case 'w':
		monday := addDays(ref, -((rwd + 6) % 7))
		e.From = addDays(monday, 7*c.deixis)
		e.To = addDays(e.From, 6)
		e.Value = fmtWeek(e.From, false)
	case 'e':
		var sat time.Time
		switch {
		case c.deixis > 0:
			fwd := (6 - rwd + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			sat = addDays(ref, fwd)
		default:
			sat = addDays(ref, -((rwd - 6 + 7) % 7))
			if c.deixis < 0 && (rwd == 6 || rwd == 0) {
				sat = addDays(sat, -7)
			}
		}
		e.From, e.To = sat, addDays(sat, 1)
		e.Value = fmtWeek(sat, true)
		return
	case 'm':
		e.From = mkDate(ref.Year(), int(ref.Month())+c.deixis, 1)
		e.To = mkDate(e.From.Year(), int(e.From.Month()), daysIn(e.From.Year(), int(e.From.Month())))
		e.Value = fmtMonth(e.From.Year(), int(e.From.Month()))
	case 'y':
		y := ref.Year() + c.deixis
		e.From, e.To = mkDate(y, 1, 1), mkDate(y, 12, 31)
		e.Value = fmtYear(y)
	case 'D', 'C':
		// "last decade": the 1980s read in 1998 (TimeML 198); "last
		// century" the 1800s (18).
		size := 10
		if c.u.kind == 'C' {
			size = 100
		}
		y := (ref.Year()/size + c.deixis) * size
		e.From, e.To = mkDate(y, 1, 1), mkDate(y+size-1, 12, 31)
		e.Value = fmtYear(y)[:4-len(strconv.Itoa(size))+1]
	default:
		return
	}
	switch {
	case c.todate > 0:
		if e.From.Before(ref) {
			e.From = ref
		}
	case c.deixis == 0 && e.To.After(ref):
		e.To = ref
	}
}

// seasonCodes are the TimeML codes of the seasons, 1 spring .. 4 winter.
var seasonCodes = [...]string{"", "SP", "SU", "FA", "WI"}

// seasonDays returns the first and last day of season s (1 spring .. 4
// winter) of year y; winter runs from December of y into February.
func seasonDays(s, y int) (from, to time.Time) {
	from = mkDate(y, 3*s, 1)
	to = addDays(mkDate(y, 3*s+3, 1), -1)
	return from, to
}

// season resolves a season: "summer 2021" is that year's; "last summer"
// the latest that has ended by the reference date, "next summer" the
// first that has not begun; "this summer" and a bare season ("in the
// summer") the one of the reference year's, or, for a bare season, the
// latest begun (the next when its clause looks forward).
func (r *resolver) season(c *cand, e *Expr) {
	e.Absolute = c.year > 0
	e.Precision = 4
	y := c.year
	if y == 0 {
		if !r.hasRef() {
			e.Value = "XXXX-" + seasonCodes[c.month]
			return
		}
		ry := r.ref.Year()
		if c.month == 4 && r.ref.Month() <= 2 {
			ry-- // January and February belong to the winter of the December before
		}
		begun := func(y int) bool { f, _ := seasonDays(c.month, y); return !f.After(r.ref) }
		ended := func(y int) bool { _, t := seasonDays(c.month, y); return t.Before(r.ref) }
		switch {
		case c.hasDeixis && c.deixis < 0:
			y = ry
			for !ended(y) {
				y--
			}
		case c.hasDeixis && c.deixis > 0:
			y = ry
			for begun(y) {
				y++
			}
		case c.hasDeixis:
			y = ry
		case c.future:
			y = ry
			for ended(y) {
				y++
			}
		default:
			y = ry
			for !begun(y) {
				y--
			}
		}
	}
	e.From, e.To = seasonDays(c.month, y)
	e.Value = fmtYear(y) + "-" + seasonCodes[c.month]
}

// offset resolves "n units ago" and "n units later/earlier" from base.
func (r *resolver) offset(c *cand, base time.Time, sign int, e *Expr) {
	switch c.u.kind {
	case 'd', 'h':
		e.Precision = 1
	case 'w':
		e.Precision = 2
	case 'm':
		e.Precision = 3
	default:
		e.Precision = 4
	}
	if base.IsZero() {
		return
	}
	switch c.u.kind {
	case 'd':
		e.From = addDays(base, sign*c.n*c.u.days)
		e.To = e.From
		e.Value = fmtRange(e.From, e.To)
	case 'h':
		e.From = addDays(base, sign*(c.n/24))
		e.To = e.From
		e.Value = fmtRange(e.From, e.To)
	case 'w':
		day := addDays(base, sign*7*c.n)
		if c.kind == cAgo {
			// "two weeks ago": the ISO week that held that day.
			e.From = addDays(day, -((int(day.Weekday()) + 6) % 7))
			e.To = addDays(e.From, 6)
			e.Value = fmtWeek(e.From, false)
		} else {
			e.From, e.To = day, day
			e.Value = fmtRange(day, day)
		}
	case 'm':
		e.From = mkDate(base.Year(), int(base.Month())+sign*c.n, 1)
		e.To = mkDate(e.From.Year(), int(e.From.Month()), daysIn(e.From.Year(), int(e.From.Month())))
		e.Value = fmtMonth(e.From.Year(), int(e.From.Month()))
	case 'y':
		y := base.Year() + sign*c.n
		e.From, e.To = mkDate(y, 1, 1), mkDate(y, 12, 31)
		e.Value = fmtYear(y)
	case 'D', 'C':
		// "a decade ago": the decade that held the day ten years back
		// (TimeML 198 in 1998); "a century ago" its century (18).
		size := 10
		if c.u.kind == 'C' {
			size = 100
		}
		y := (base.Year() + sign*c.n*size) / size * size
		e.From, e.To = mkDate(y, 1, 1), mkDate(y+size-1, 12, 31)
		e.Value = fmtYear(y)[:4-len(strconv.Itoa(size))+1]
	}
}

// shift moves t by n units (n may be negative).
func shift(t time.Time, u unit, n int) time.Time {
	switch u.kind {
	case 'd':
		return addDays(t, n*max(u.days, 1))
	case 'h':
		if n < 0 {
			return addDays(t, -((-n + 23) / 24))
		}
		return addDays(t, (n+23)/24)
	case 'w':
		return addDays(t, 7*n)
	case 'm':
		return t.AddDate(0, n, 0)
	case 'y':
		return t.AddDate(n, 0, 0)
	case 'e':
		return addDays(t, 7*n)
	case 'D':
		return t.AddDate(10*n, 0, 0)
	case 'C':
		return t.AddDate(100*n, 0, 0)
	}
	return t
}

// duration is the TimeML value of a window: TimeML reads "the past week"
// and "the last three days" as durations (P1W, P3D), "recent weeks" as
// one of no stated length (PXW). From and To keep the days it covers.
func duration(c *cand) string {
	u := c.u.kind
	if c.vague != 0 {
		u = c.vague
	}
	code := map[byte]string{'d': "D", 'w': "W", 'm': "M", 'y': "Y", 'h': "H", 'e': "WE", 'D': "DE", 'C': "CE", 'i': "M"}[u]
	if code == "" {
		return ""
	}
	n := strconv.Itoa(c.n)
	if c.vague != 0 {
		n = "X"
	} else if c.u.kind == 'd' && c.u.days > 1 {
		n = strconv.Itoa(c.n * c.u.days)
	}
	if u == 'h' || u == 'i' {
		return "PT" + n + code // hours and minutes are times: PT2H, PT30M
	}
	return "P" + n + code
}

// rollingPrecision is the precision of a window when no reference is known.
func rollingPrecision(u unit, n int) int {
	t := mkDate(2000, 6, 15)
	return precisionOf(shift(t, u, -n), t)
}
