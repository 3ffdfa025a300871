package place

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestDatelineForms checks which openings recognition takes for a
// dateline (the story's place, read by the focus): with a dash, a comma or
// an agency in brackets, and, as some wires write it, a name in capitals
// run on into the story's first sentence, also on the line after a
// posting time (no time zone there). Our own openings.
func TestDatelineForms(t *testing.T) {
	r := New(nil)
	for _, tc := range []struct {
		text     string
		dateline bool
	}{
		{"DETROIT — The city council voted to close two fire stations.", true},
		{"DETROIT The city council voted to close two fire stations.", true},
		{"Headline here\n\nDETROIT The city council voted to close two fire stations.", true},
		{"Nairobi (AFP)\nThe ministry said two schools would close.", true},
		{"The council in DETROIT voted to close two fire stations.", false},
		{"Detroit The council voted.", false},
		{"Posted March 3, 2015 6:10 PM\n\nDETROIT (WXYZ) – The city council voted to close two fire stations.", true},
	} {
		sents, toks := segment.Split(tc.text, sitrep.Span{})
		st := new(state)
		r.prepare(st, tc.text, sents, toks)
		r.recognise(st, tc.text)
		got := false
		for _, c := range st.cands {
			got = got || c.dateline
		}
		if got != tc.dateline {
			t.Errorf("%q: dateline %v, want %v", tc.text, got, tc.dateline)
		}
	}
}
