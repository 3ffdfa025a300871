package date

import (
	"time"

	"github.com/sitrep-dev/sitrep"
)

// earliestYear is the first year a weekday-and-date pair is read in.
const earliestYear = 1990

// InferReference is the package-level InferReference with f's vocabulary.
//
// The evidence, as a careful reader weighs it:
//   - a full date ("26 March 2023", "2023-03-26") is a day the article
//     describes, so it is written on or after it;
//   - a stated year ("since the Taliban came to power in 2021", "in 2019",
//     "March 2022") bounds the year from below, unless a forward-looking cue
//     precedes it ("by 2030"); years after now are ignored;
//   - a weekday paired with a day and month ("Sunday night, March 26") pins
//     the year: of the years from 1990 (or the lower bound) to now in which
//     that day falls on that weekday, the latest is taken; but when the
//     text also dates something to a month or day of a stated year ("on
//     July 1, 2017", "in October 2006"), the candidate nearest to the latest
//     such date is taken, since an article's dates lie close together (on
//     archive texts read years later, the latest candidate is often
//     wrong: "Tuesday, May 16" next to "July 1, 2017" is 2017, not 2023);
//   - with no such day, a month and day ("on March 18") is placed only when
//     the lower bound is the current year.
//
// The reference is the latest day so found, never after now.
func (f *Finder) InferReference(text string, body sitrep.Span, now time.Time) (time.Time, bool) {
	m := f.scan(text, body)
	defer f.pool.Put(m)
	return m.inferReference(now)
}

// inferReference infers the reference date from the scanned candidates.
func (m *matcher) inferReference(now time.Time) (time.Time, bool) {
	if now.IsZero() {
		now = time.Now()
	}
	now = civil(now)
	ny := now.Year()

	lower := 0
	var anchor time.Time // the latest month or day of a stated year
	for i := range m.cands {
		c := &m.cands[i]
		switch c.kind {
		case cDate, cMonth, cYear:
			if c.year > 0 && c.year <= ny && !c.cueFuture && c.year > lower {
				lower = c.year
			}
		}
		if (c.kind == cDate || c.kind == cMonth) && c.year > 0 && !c.cueFuture {
			day := max(c.day, 1)
			if t := mkDate(c.year, c.month, day); !t.After(now) && t.After(anchor) {
				anchor = t
			}
		}
	}

	var best time.Time
	consider := func(t time.Time) {
		if !t.After(now) && t.After(best) {
			best = t
		}
	}
	for i := range m.cands {
		c := &m.cands[i]
		if c.kind != cDate || c.future && c.year == 0 {
			continue // a day yet to come does not date the text
		}
		// last returns the last day of c when it starts in year y.
		last := func(y int) time.Time {
			if c.day2 > 0 {
				if y2 := c.endYear(y); validDay(y2, c.month2, c.day2) {
					return mkDate(y2, c.month2, c.day2)
				}
			}
			return mkDate(y, c.month, c.day)
		}
		switch {
		case c.year > 0:
			consider(last(c.year))
		case c.wd >= 0:
			var pick time.Time
			pickDist := 0
			for y := ny; y >= max(earliestYear, lower); y-- {
				if !validDay(y, c.month, c.day) {
					continue
				}
				t := mkDate(y, c.month, c.day)
				if int(t.Weekday()) != c.wd || t.After(now) {
					continue
				}
				if anchor.IsZero() {
					pick = t
					break
				}
				dist := daysBetween(anchor, t)
				if dist < 0 {
					dist = -dist
				}
				if pick.IsZero() || dist < pickDist {
					pick, pickDist = t, dist
				}
			}
			if !pick.IsZero() {
				consider(last(pick.Year()))
			}
		}
	}
	if best.IsZero() && lower == ny {
		for i := range m.cands {
			c := &m.cands[i]
			if c.kind == cDate && c.year == 0 && validDay(ny, c.month, c.day) {
				consider(mkDate(ny, c.month, c.day))
			}
		}
	}
	if best.IsZero() {
		return time.Time{}, false
	}
	return best, true
}
