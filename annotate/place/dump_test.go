package place_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// TestDumpMentions writes every mention found in the gold texts, the seed
// and the pipeline's testdata to the file named by PLACE_DUMP, so that two
// versions of the resolver can be compared line by line.
func TestDumpMentions(t *testing.T) {
	out := os.Getenv("PLACE_DUMP")
	if out == "" {
		t.Skip("set PLACE_DUMP")
	}
	var texts []string
	for _, name := range []string{"trnews.jsonl", "geovirus.jsonl"} {
		fh, err := os.Open(filepath.Join("..", "..", "..", "shared", "gold", "places", name))
		if err != nil {
			t.Skip(err)
		}
		gold, err := place.ReadGold(fh)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range gold {
			texts = append(texts, d.Text)
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "pipeline", "testdata", "*.txt"))
	files = append(files, filepath.Join("..", "..", "..", "shared", "seed", "taliban-isis-balkh.txt"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	var b strings.Builder
	r := resolver(t)
	for i, text := range texts {
		sents, toks := segment.Split(text, sitrep.Span{})
		for _, m := range r.Annotate(text, sents, toks) {
			fmt.Fprintf(&b, "%d %d-%d %q %s %d %s %.4f,%.4f p%d c%.3f adj=%v reg=%v\n", i, m.Start, m.End, m.Text, m.Name, m.Place.ID, m.Place.FeatureCode, m.Place.Lat, m.Place.Lon, m.Precision, m.Confidence, m.Adjective, m.Region)
		}
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
