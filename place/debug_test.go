package place_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/segment"
)

func TestDebugText(t *testing.T) {
	text := os.Getenv("PLACE_DEBUG_TEXT")
	if text == "" {
		t.Skip("set PLACE_DEBUG_TEXT")
	}
	sents, toks := segment.Split(text, sitrep.Span{})
	for _, m := range resolver(t).Annotate(text, sents, toks) {
		fmt.Printf("%d-%d %q -> %s [%s %s/%s] %.3f,%.3f p%d c%.2f adj=%v\n", m.Start, m.End, m.Text, m.Name, m.Place.FeatureCode, m.Place.Admin1, m.Place.CountryCode, m.Place.Lat, m.Place.Lon, m.Precision, m.Confidence, m.Adjective)
	}
}
