package place_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
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

func TestDebugDoc(t *testing.T) {
	id := os.Getenv("PLACE_DEBUG_DOC")
	if id == "" {
		t.Skip("set PLACE_DEBUG_DOC")
	}
	for _, name := range []string{"trnews.jsonl", "geovirus.jsonl"} {
		fh, err := os.Open("../../../shared/gold/places/" + name)
		if err != nil {
			t.Skip(err)
		}
		gold, _ := place.ReadGold(fh)
		fh.Close()
		for _, d := range gold {
			if d.ID != id {
				continue
			}
			sents, toks := segment.Split(d.Text, sitrep.Span{})
			for _, m := range resolver(t).Annotate(d.Text, sents, toks) {
				fmt.Printf("%d-%d %q -> %s [%s %s/%s] %.3f,%.3f p%d c%.2f\n", m.Start, m.End, m.Text, m.Name, m.Place.FeatureCode, m.Place.Admin1, m.Place.CountryCode, m.Place.Lat, m.Place.Lon, m.Precision, m.Confidence)
			}
			for _, g := range d.Places {
				fmt.Printf("GOLD %d-%d %q %.2f,%.2f\n", g.Start, g.End, g.Text, g.Lat, g.Lon)
			}
		}
	}
}
