package place

import (
	"fmt"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func TestDebugCands(t *testing.T) {
	text := os.Getenv("PLACE_DEBUG_TEXT")
	if text == "" {
		t.Skip()
	}
	r := New(nil)
	sents, toks := segment.Split(text, sitrep.Span{})
	st := new(state)
	r.prepare(st, text, sents, toks)
	r.recognise(st, text)
	for _, c := range st.cands {
		fmt.Printf("recog %q refs=%d strong=%v cued=%v\n", text[c.start:c.end], len(c.refs), c.strong, c.cued)
	}
	r.patterns(st, text)
	r.resolve(st)
	for _, c := range st.cands {
		fmt.Printf("final %q parent=%d dropped=%v via=%v best=%d\n", text[c.start:c.end], c.parent, c.dropped, c.viaParent, c.best)
	}
}
