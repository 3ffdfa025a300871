package sitrep_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestParseBBox(t *testing.T) {
	tests := []struct {
		in   string
		want *sitrep.BBox
	}{
		{"60,29,75,39", &sitrep.BBox{MinLon: 60, MinLat: 29, MaxLon: 75, MaxLat: 39}},
		{" -180, -90 ,180,90 ", &sitrep.BBox{MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90}},
		{"-8,12.65,-8,12.65", &sitrep.BBox{MinLon: -8, MinLat: 12.65, MaxLon: -8, MaxLat: 12.65}},
		{"1,2,3", nil},
		{"1,2,x,4", nil},
		{"NaN,0,1,1", nil},
		{"1e309,0,1,1", nil},
		{"0,0,200,10", nil},
		{"0,-95,10,10", nil},
		{"10,0,0,10", nil},
		{"", nil},
	}
	for _, tc := range tests {
		b, err := sitrep.ParseBBox(tc.in)
		if tc.want == nil {
			if !errors.Is(err, sitrep.ErrInvalid) {
				t.Errorf("ParseBBox(%q) = %v, %v; want ErrInvalid", tc.in, b, err)
			}
			continue
		}
		if err != nil || *b != *tc.want {
			t.Errorf("ParseBBox(%q) = %v, %v", tc.in, b, err)
		}
		if back, err := sitrep.ParseBBox(b.String()); err != nil || *back != *b {
			t.Errorf("ParseBBox(%q.String()) = %v, %v", b, back, err)
		}
	}
}

// FuzzParseBBox checks that ParseBBox accepts only boxes inside the world
// with min <= max, and never panics.
func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"60,29,75,39", "1,2,3", "a,b,c,d", "-180,-90,180,90", "NaN,0,1,1", "1e309,0,1,1", ",,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := sitrep.ParseBBox(s)
		if err != nil {
			return
		}
		if b.MinLon < -180 || b.MaxLon > 180 || b.MinLat < -90 || b.MaxLat > 90 || b.MinLon > b.MaxLon || b.MinLat > b.MaxLat {
			t.Fatalf("ParseBBox(%q) accepted %v", s, *b)
		}
	})
}

func TestEventFilter_Validate(t *testing.T) {
	may := func(d int) sitrep.Day { return sitrep.NewDay(2024, 5, d) }
	tests := []struct {
		name string
		f    sitrep.EventFilter
		ok   bool
	}{
		{"Zero", sitrep.EventFilter{}, true},
		{"FromTo", sitrep.EventFilter{From: may(1), To: may(2)}, true},
		{"SameDay", sitrep.EventFilter{From: may(1), To: may(1)}, true},
		{"OpenEnd", sitrep.EventFilter{From: may(3)}, true},
		{"FromAfterTo", sitrep.EventFilter{From: may(3), To: may(2)}, false},
		{"BBoxInverted", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: 10, MaxLon: 0}}, false},
		{"QueryWithoutWords", sitrep.EventFilter{Query: `"" * --`}, false},
		{"QueryBlank", sitrep.EventFilter{Query: "   "}, true},
		{"NegativeLimit", sitrep.EventFilter{Limit: -1}, false},
	}
	for _, tc := range tests {
		err := tc.f.Validate()
		if tc.ok != (err == nil) || (err != nil && !errors.Is(err, sitrep.ErrInvalid)) {
			t.Errorf("%s: Validate() = %v", tc.name, err)
		}
	}
}

func TestParseQuery(t *testing.T) {
	type term = sitrep.QueryTerm
	tests := []struct {
		in   string
		want []term
	}{
		{"drone strike", []term{{Words: []string{"drone"}}, {Words: []string{"strike"}}}},
		{`"drone strike" Kunduz`, []term{{Words: []string{"drone", "strike"}}, {Words: []string{"kunduz"}}}},
		{"sal*", []term{{Words: []string{"sal"}, Prefix: true}}},
		{`"unpaid sal*"`, []term{{Words: []string{"unpaid", "sal"}, Prefix: true}}},
		{"al-Shabaab's", []term{{Words: []string{"al"}}, {Words: []string{"shabaab"}}, {Words: []string{"s"}}}},
		{"NOT a OR b", []term{{Words: []string{"not"}}, {Words: []string{"a"}}, {Words: []string{"or"}}, {Words: []string{"b"}}}},
		{`"unterminated phrase`, []term{{Words: []string{"unterminated", "phrase"}}}},
		{"東京 قندوز", []term{{Words: []string{"東京"}}, {Words: []string{"قندوز"}}}},
	}
	for _, tc := range tests {
		got, err := sitrep.ParseQuery(tc.in)
		if err != nil || !slices.EqualFunc(got, tc.want, func(a, b term) bool {
			return a.Prefix == b.Prefix && slices.Equal(a.Words, b.Words)
		}) {
			t.Errorf("ParseQuery(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", `""`, "* -- ()", `"'"`} {
		if _, err := sitrep.ParseQuery(bad); !errors.Is(err, sitrep.ErrInvalid) {
			t.Errorf("ParseQuery(%q): %v, want ErrInvalid", bad, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"drone", `"a b" c*`, `"`, "NEAR(x y)", "\x00", "*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		terms, err := sitrep.ParseQuery(s)
		for _, tm := range terms {
			if len(tm.Words) == 0 {
				t.Fatalf("ParseQuery(%q): empty term", s)
			}
			for _, w := range tm.Words {
				if w == "" || slices.Contains([]rune(w), '"') || slices.Contains([]rune(w), '*') {
					t.Fatalf("ParseQuery(%q): word %q", s, w)
				}
			}
		}
		if err == nil && len(terms) == 0 {
			t.Fatalf("ParseQuery(%q): no terms, no error", s)
		}
	})
}
