package pipeline_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/scope"
)

// TestParseChoiceGold measures, on the texts of the shared gold files,
// what parsing only the sentences whose roles the arcs may change costs
// against parsing every sentence with an event trigger and an actor
// (pipeline.Options.SyntaxAll): the documents whose events differ, in
// the wide scope. It fails when more than maxDiffer do. Slow (every text
// parsed): skipped with -short.
func TestParseChoiceGold(t *testing.T) {
	const maxDiffer = 0
	if testing.Short() {
		t.Skip("-short")
	}
	var paths []string
	for _, pat := range []string{"*.json*", "places/*.jsonl"} {
		ps, _ := filepath.Glob(filepath.Join("..", "..", "shared", "gold", pat))
		paths = append(paths, ps...)
	}
	if len(paths) == 0 {
		t.Skip("../shared is absent")
	}
	g, err := embeddedGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	chosen, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g, Syntax: true, Scope: scope.All})
	if err != nil {
		t.Fatal(err)
	}
	all, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g, Syntax: true, SyntaxAll: true, Scope: scope.All})
	if err != nil {
		t.Fatal(err)
	}
	docs, differ, events, eventsDiffer := 0, 0, 0, 0
	for _, path := range paths {
		gf, err := eval.LoadGold(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range gf.Documents() {
			docs++
			got, want := chosen.Extract(doc), all.Extract(doc)
			events += len(want)
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want)
			if string(g) == string(w) {
				continue
			}
			differ++
			n := max(len(got), len(want))
			for i := range n {
				if i >= len(got) || i >= len(want) {
					eventsDiffer++
					continue
				}
				a, _ := json.Marshal(got[i])
				b, _ := json.Marshal(want[i])
				if string(a) != string(b) {
					eventsDiffer++
				}
			}
			if os.Getenv("SITREP_PARSE_CHOICE") != "" {
				t.Logf("%s %s:\n got %s\nwant %s", filepath.Base(path), doc.ID, g, w)
			} else {
				t.Logf("%s %s: events differ (SITREP_PARSE_CHOICE=1 shows them)", filepath.Base(path), doc.ID)
			}
		}
	}
	t.Logf("%d of %d documents differ, %d of %d events", differ, docs, eventsDiffer, events)
	if differ > maxDiffer {
		t.Errorf("%d documents differ with the parse choice, want at most %d", differ, maxDiffer)
	}
}
