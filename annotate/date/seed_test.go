package date_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

// seedPath is the article the product was conceived from; it lives outside
// the repository and the tests skip when it is absent.
const seedPath = "../../../shared/seed/taliban-isis-balkh.txt"

func readSeed(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Skipf("seed article not available: %v", err)
	}
	return string(b)
}

func TestSeed(t *testing.T) {
	text := readSeed(t)
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	ref, ok := date.InferReference(text, sitrep.Span{}, now)
	if !ok {
		t.Fatal("InferReference found no basis")
	}
	if s := fmtDay(ref); s != "2023-03-26" && s != "2023-03-27" {
		t.Fatalf("InferReference = %s, want 2023-03-26 or 2023-03-27", s)
	}
	exprs := date.Find(text, sitrep.Span{}, ref)
	find := func(t *testing.T, phrase string) date.Expr {
		t.Helper()
		at := strings.Index(text, phrase)
		if at < 0 {
			t.Fatalf("seed has no %q", phrase)
		}
		for _, e := range exprs {
			if e.Start >= at && e.End <= at+len(phrase) {
				return e
			}
		}
		t.Fatalf("no expression inside %q", phrase)
		return date.Expr{}
	}
	t.Run("SundayNightMarch26", func(t *testing.T) {
		e := find(t, "On Sunday night, March 26")
		if text[e.Start:e.End] != "Sunday night, March 26" || fmtDay(e.From) != "2023-03-26" || fmtDay(e.To) != "2023-03-26" || e.Precision != 1 || !e.Absolute {
			t.Errorf("got %q %s..%s p%d abs=%v", text[e.Start:e.End], fmtDay(e.From), fmtDay(e.To), e.Precision, e.Absolute)
		}
	})
	t.Run("OnMarch18", func(t *testing.T) {
		e := find(t, "on March 18")
		if fmtDay(e.From) != "2023-03-18" || fmtDay(e.To) != "2023-03-18" || e.Precision != 1 {
			t.Errorf("got %q %s..%s p%d", text[e.Start:e.End], fmtDay(e.From), fmtDay(e.To), e.Precision)
		}
	})
	t.Run("OnSunday", func(t *testing.T) {
		e := find(t, "on Sunday the Taliban")
		if fmtDay(e.From) != "2023-03-26" || e.Precision != 1 {
			t.Errorf("got %q %s p%d", text[e.Start:e.End], fmtDay(e.From), e.Precision)
		}
	})
	t.Run("PastWeek", func(t *testing.T) {
		e := find(t, "in the past week")
		if e.Precision != 2 || !e.To.Equal(ref) || !e.From.Before(e.To) {
			t.Errorf("got %q %s..%s p%d, want a precision-2 range ending %s", text[e.Start:e.End], fmtDay(e.From), fmtDay(e.To), e.Precision, fmtDay(ref))
		}
	})
	t.Run("Year2021", func(t *testing.T) {
		e := find(t, "came to power in 2021")
		if e.Value != "2021" || e.Precision != 4 {
			t.Errorf("got %q %q p%d", text[e.Start:e.End], e.Value, e.Precision)
		}
	})
	t.Run("NothingElse", func(t *testing.T) {
		// Five that can date an event, and "recently" (PAST_REF), which
		// cannot.
		var dating, other []string
		for _, e := range exprs {
			if e.NoEventDate {
				other = append(other, text[e.Start:e.End]+" "+e.Value)
			} else {
				dating = append(dating, text[e.Start:e.End])
			}
		}
		if len(dating) != 5 || len(other) != 1 || other[0] != "recently PAST_REF" {
			t.Errorf("found %q that date events (want 5) and %q that do not (want recently PAST_REF)", dating, other)
		}
	})
}
