package place

import (
	"fmt"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func TestDebugToks(t *testing.T) {
	text := os.Getenv("PLACE_DEBUG_TEXT")
	if text == "" {
		t.Skip()
	}
	sents, toks := segment.Split(text, sitrep.Span{})
	for _, s := range sents {
		fmt.Println("sent", s.First, s.Last)
	}
	for k, x := range toks {
		fmt.Printf("%d %q %v upper=%v\n", k, text[x.Start:x.End], x.Kind, x.Upper)
	}
}
