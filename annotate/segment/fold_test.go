package segment_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"taliban", "taliban"},
		{"Taliban", "taliban"},
		{"ISIS’s", "isis's"},
		{"‘Qais’", "'qais'"},
		{"Mazār-e‑Sharīf", "mazār-e-sharīf"},
		{"`quoted´", "`quoted'"},
		{"İZMİR", "izmir"},
		{"a\xffb", "a\uFFFDb"},
		{"Ⱥ", "ⱥ"}, // the lower case is longer in UTF-8
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := segment.Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := string(segment.AppendFold([]byte("x"), tc.in)); got != "x"+tc.want {
				t.Errorf("AppendFold(x, %q) = %q, want %q", tc.in, got, "x"+tc.want)
			}
		})
	}
}

func TestSplit_Fold(t *testing.T) {
	text := "ISIS’s fighters – Ⱥ and İZMİR – attacked Mazār-e‑Sharīf at 10 p.m.\xff"
	_, toks := segment.Split(text, sitrep.Span{})
	for _, tk := range toks {
		if want := segment.Fold(tk.Text(text)); tk.Fold != want {
			t.Errorf("token %q: Fold %q, want %q", tk.Text(text), tk.Fold, want)
		}
	}
}

func TestFold_NoAllocation(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { segment.Fold("already-folded words") }); n != 0 {
		t.Errorf("Fold of a folded word allocates %v times", n)
	}
}
