package pipeline_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/scope"
)

// policeRecord is what the police-action golden files pin: the type and
// who acted on whom, with the toll, place and day.
type policeRecord struct {
	EventDate    string `json:"event_date"`
	SubEventType string `json:"sub_event_type"`
	Actor1       string `json:"actor1"`
	Actor2       string `json:"actor2"`
	Fatalities   int    `json:"fatalities"`
	Location     string `json:"location"`
}

// TestPoliceGolden runs whole articles of our own writing about police
// actions (an arrest raid, a police shooting, a protest dispersed with
// tear gas, a death in custody) through the pipeline with the syntax
// stage, so that roles come from dependency arcs, in the wide scope, and
// compares type, actors, toll, place and date with testdata/police/*.golden.jsonl.
// Run `go test ./pipeline -run PoliceGolden -update` and review the diff.
func TestPoliceGolden(t *testing.T) { policeGolden(t, true) }

// TestPoliceGoldenNoSyntax runs the same articles on the default path,
// where roles come from the window rules: the same golden files must hold
// there, since the syntax stage is off by default, except where a
// NAME.nosyntax.golden.jsonl records how the two paths differ.
func TestPoliceGoldenNoSyntax(t *testing.T) { policeGolden(t, false) }

func policeGolden(t *testing.T, syntax bool) {
	g, err := embeddedGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g, Syntax: syntax, Scope: scope.All})
	if err != nil {
		t.Fatal(err)
	}
	// The day each article was published (labels.json): the day after
	// its dateline.
	published := map[string]sitrep.Day{}
	for _, a := range readPoliceSuite(t) {
		published[a.File] = policeDoc(t, a).Published
	}
	files, err := filepath.Glob("testdata/police/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := &sitrep.Document{ID: filepath.Base(f), Text: string(text), Published: published[filepath.Base(f)]}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			for _, ev := range p.Extract(doc) {
				checkEvidence(t, doc.Text, ev)
				r := policeRecord{ev.EventDate, ev.SubEventType, ev.Actor1, ev.Actor2, ev.Fatalities, ev.Location}
				if err := enc.Encode(r); err != nil {
					t.Fatal(err)
				}
			}
			// The default path keeps its own golden file only where its
			// roles differ from the arcs' (NAME.nosyntax.golden.jsonl).
			golden := strings.TrimSuffix(f, ".txt") + ".golden.jsonl"
			own := strings.TrimSuffix(f, ".txt") + ".nosyntax.golden.jsonl"
			if *update {
				if syntax {
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				shared, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run the syntax test with -update first)", err)
				}
				if bytes.Equal(shared, buf.Bytes()) {
					if err := os.Remove(own); err != nil && !os.IsNotExist(err) {
						t.Fatal(err)
					}
				} else if err := os.WriteFile(own, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if _, err := os.Stat(own); !syntax && err == nil {
				golden = own
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("events differ from %s; run go test ./pipeline -run PoliceGolden -update and review the diff\ngot:\n%s\nwant:\n%s", golden, buf.String(), want)
			}
		})
	}
}
