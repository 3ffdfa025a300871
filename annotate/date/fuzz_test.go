package date_test

import (
	"os"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"On Sunday night, March 26, the directorate said.",
		"in the past week; two days ago; the next day; mid-March 2023",
		"2023-03-26 26/03/2023 9/11 10:30 Mar. 5th, 2021",
		"Kabul’s police — «the directorate» — said on 18 March",
		"\xff\xfeMarch 2\x80",
		"last Sunday, 5-6 April, early 2021, the end of",
		"for three years, every Monday night, twice a week, now, at 10 a.m. Friday, fiscal 1997, 21:00",
	} {
		f.Add(s, int64(0), 0, 0)
		f.Add(s, int64(19442), 3, 40)
	}
	if b, err := os.ReadFile("testdata/kunduz-raid.txt"); err == nil {
		f.Add(string(b), int64(20000), 0, len(b))
	}
	f.Fuzz(func(t *testing.T, text string, refDays int64, start, end int) {
		var ref time.Time
		if refDays != 0 {
			ref = time.Unix(0, 0).UTC().AddDate(0, 0, int(refDays%200000))
		}
		body := sitrep.Span{Start: start, End: end}
		// Rune boundaries as Go decodes the text: an invalid byte is a rune of its own.
		boundary := make([]bool, len(text)+1)
		for i := range text {
			boundary[i] = true
		}
		boundary[len(text)] = true
		for _, e := range date.Find(text, body, ref) {
			if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
				t.Fatalf("bad offsets %d..%d (len %d)", e.Start, e.End, len(text))
			}
			if !boundary[e.Start] || !boundary[e.End] {
				t.Fatalf("offsets %d..%d not on rune boundaries", e.Start, e.End)
			}
			if e.From.IsZero() != e.To.IsZero() || e.To.Before(e.From) {
				t.Fatalf("%q: bad range %v..%v", text[e.Start:e.End], e.From, e.To)
			}
			switch e.Type {
			case date.TypeDate, date.TypeTime, date.TypeDuration, date.TypeSet:
			default:
				t.Fatalf("%q: type %q", text[e.Start:e.End], e.Type)
			}
			if e.NoEventDate {
				// A duration, set or reference names no days.
				if !e.From.IsZero() {
					t.Fatalf("%q: no event date, but days %v..%v", text[e.Start:e.End], e.From, e.To)
				}
				continue
			}
			if e.Precision < 1 || e.Precision > 4 {
				t.Fatalf("%q: precision %d", text[e.Start:e.End], e.Precision)
			}
		}
		now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
		if r, ok := date.InferReference(text, body, now); ok && (r.After(now) || r.IsZero()) {
			t.Fatalf("InferReference = %v after now", r)
		}
	})
}
