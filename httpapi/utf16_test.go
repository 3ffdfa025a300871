package httpapi

import (
	"net/url"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func TestUTF16Offsets(t *testing.T) {
	text := "Mazār (مزار) 🙂 “x”"
	for _, tc := range []struct {
		name string
		off  int
		want int
	}{
		{"Start", 0, 0},
		{"AfterASCII", 3, 3},
		{"AfterTwoByteChar", len("Mazā"), 4},
		{"InsideTwoByteChar", len("Maz") + 1, -1},
		{"AfterArabic", len("Mazār (مزار"), 11},
		{"BeforeEmoji", len("Mazār (مزار) "), 13},
		{"AfterEmoji", len("Mazār (مزار) 🙂"), 15}, // a surrogate pair
		{"InsideEmoji", len("Mazār (مزار) ") + 2, -1},
		{"End", len(text), len(utf16.Encode([]rune(text)))},
		{"PastEnd", len(text) + 1, -1},
		{"Negative", -1, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := utf16Offsets(text, []int{tc.off})[0]; got != tc.want {
				t.Fatalf("utf16Offsets(%d) = %d, want %d", tc.off, got, tc.want)
			}
		})
	}
	t.Run("Unsorted", func(t *testing.T) {
		got := utf16Offsets(text, []int{len(text), 0, len("Mazā")})
		if got[0] != len(utf16.Encode([]rune(text))) || got[1] != 0 || got[2] != 4 {
			t.Fatalf("got %v", got)
		}
	})
}

// FuzzUTF16Offsets checks utf16Offsets against slicing the UTF-16
// encoding of the text's prefix, as JavaScript would.
func FuzzUTF16Offsets(f *testing.F) {
	f.Add("Mazār (مزار) 🙂", 3, 9)
	f.Add("plain", 0, 5)
	f.Add("\xff\xfeab", 1, 3)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		got := utf16Offsets(text, []int{a, b})
		if !utf8.ValidString(text) {
			return // invalid bytes: only no panic
		}
		for i, off := range []int{a, b} {
			want := -1
			if off >= 0 && off <= len(text) && (off == len(text) || utf8.RuneStart(text[off])) {
				want = len(utf16.Encode([]rune(text[:off])))
			}
			if got[i] != want {
				t.Fatalf("offset %d of %q: got %d, want %d", off, text, got[i], want)
			}
		}
	})
}

// FuzzParseFilter checks that any query string parses without panic and
// that what parses satisfies the API's rules.
func FuzzParseFilter(f *testing.F) {
	f.Add("from=2024-01-01&to=2024-02-01&type=Battles,Riots&bbox=1,2,3,4&limit=10")
	f.Add("q=%27%3B+DROP+TABLE+events%3B--&actor=%22x%22")
	f.Add("bbox=NaN,0,1,1&limit=-1")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, err := parseFilter(q, "limit", "cursor")
		if err != nil {
			if ErrorCode(err) != EInvalid {
				t.Fatalf("error %v has code %q", err, ErrorCode(err))
			}
			return
		}
		if flt.Limit < 0 || flt.Limit > MaxLimit {
			t.Fatalf("limit %d", flt.Limit)
		}
		if !flt.From.IsZero() && !flt.To.IsZero() && flt.From.After(flt.To) {
			t.Fatalf("from %s after to %s", flt.From, flt.To)
		}
		if b := flt.BBox; b != nil && (b.MinLon > b.MaxLon || b.MinLat > b.MaxLat || b.MinLon < -180 || b.MaxLat > 90) {
			t.Fatalf("bbox %v", *b)
		}
	})
}
