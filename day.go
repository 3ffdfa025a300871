package sitrep

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Day is a calendar day, without a time of day or a zone: a publication
// date, an event date, the bounds of a filter. The zero Day means
// unknown, or no bound.
type Day struct {
	t time.Time // midnight UTC; the zero time for the zero Day
}

// DayLayout is the one way a Day is written: YYYY-MM-DD.
const DayLayout = time.DateOnly

// ParseDay reads a day written YYYY-MM-DD (surrounding space is not
// allowed). "" is the zero Day. Any other form, or a day that does not
// exist (2024-02-30), is an error wrapping ErrInvalid.
func ParseDay(s string) (Day, error) {
	if s == "" {
		return Day{}, nil
	}
	t, err := time.Parse(DayLayout, s)
	if err != nil || len(s) != len(DayLayout) {
		return Day{}, invalidf("want a date as YYYY-MM-DD, not %q", s)
	}
	return Day{t}, nil
}

// DayOf returns the day of t in t's own location; the zero Day for the
// zero time.
func DayOf(t time.Time) Day {
	if t.IsZero() {
		return Day{}
	}
	y, m, d := t.Date()
	return Day{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// NewDay returns the day y-m-d; out-of-range values are normalised as
// time.Date does.
func NewDay(y int, m time.Month, d int) Day { return Day{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// IsZero reports whether d is the zero Day.
func (d Day) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of d; the zero time for the zero Day.
func (d Day) Time() time.Time { return d.t }

// String returns d as YYYY-MM-DD, "" for the zero Day.
func (d Day) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DayLayout)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e. The
// zero Day is before every other.
func (d Day) Compare(e Day) int { return d.t.Compare(e.t) }

// Before reports whether d is before e.
func (d Day) Before(e Day) bool { return d.t.Before(e.t) }

// After reports whether d is after e.
func (d Day) After(e Day) bool { return d.t.After(e.t) }

// AddDays returns d plus n days.
func (d Day) AddDays(n int) Day { return Day{d.t.AddDate(0, 0, n)} }

// MarshalText writes d as YYYY-MM-DD; the zero Day is empty text (and
// "" in JSON, omitted by omitzero).
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads d as ParseDay does.
func (d *Day) UnmarshalText(b []byte) error {
	v, err := ParseDay(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Scan reads a day stored as YYYY-MM-DD text; NULL and "" are the zero
// Day. It implements database/sql's Scanner.
func (d *Day) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Day{}
		return nil
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	case time.Time:
		*d = DayOf(v)
		return nil
	}
	return fmt.Errorf("sitrep: cannot scan %T into a Day", src)
}

// Value stores d as YYYY-MM-DD text, "" for the zero Day. It implements
// database/sql/driver's Valuer.
func (d Day) Value() (driver.Value, error) { return d.String(), nil }

// invalidError is a message that wraps ErrInvalid without repeating its
// text: clients are told the message only.
type invalidError struct{ msg string }

func (e *invalidError) Error() string { return e.msg }
func (e *invalidError) Unwrap() error { return ErrInvalid }

// invalidf returns an error with the formatted message that wraps
// ErrInvalid.
func invalidf(format string, a ...any) error {
	return &invalidError{fmt.Sprintf(format, a...)}
}
