package place_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

var (
	showMisses = flag.Bool("misses", false, "print the gold places not resolved within 161 km")
	noAdj      = flag.Bool("noadj", false, "score without adjectives (as a pipeline that drops them would)")
)

// TestScoreGold scores recognition and resolution on the place gold sets
// in ../shared (skipped when absent). Run with -v to see the figures.
func TestScoreGold(t *testing.T) {
	r := resolver(t)
	for _, name := range []string{"trnews.jsonl", "geovirus.jsonl"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "..", "shared", "gold", "places", name)
			fh, err := os.Open(path)
			if err != nil {
				t.Skipf("no gold: %v", err)
			}
			defer fh.Close()
			gold, err := place.ReadGold(fh)
			if err != nil {
				t.Fatal(err)
			}
			found := make([][]place.Mention, len(gold))
			for i, d := range gold {
				sents, toks := segment.Split(d.Text, sitrep.Span{})
				found[i] = r.Annotate(d.Text, sents, toks)
				if *noAdj {
					found[i] = slices.DeleteFunc(found[i], func(m place.Mention) bool { return m.Adjective })
				}
			}
			s, misses := place.Score(gold, found)
			t.Logf("%s: %v", name, s)
			if *showMisses {
				for _, m := range misses {
					got := "-"
					if m.Found != nil {
						got = fmt.Sprintf("%q -> %s %s/%s %s (%.2f,%.2f)", m.Found.Text, m.Found.Place.Name, m.Found.Place.Admin1, m.Found.Place.CountryCode, m.Found.Place.FeatureCode, m.Found.Place.Lat, m.Found.Place.Lon)
					}
					fmt.Printf("MISS %s %q (%.2f,%.2f) %.0f km: %s @%d\n", m.Doc, m.Gold.Text, m.Gold.Lat, m.Gold.Lon, m.ErrKm, got, m.Gold.Start)
				}
			}
		})
	}
}
