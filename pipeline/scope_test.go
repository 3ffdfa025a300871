package pipeline_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/scope"
)

// A shooting in a robbery: outside ACLED's scope, left out by default
// with a line on --explain, written with the reason in the wide scope.
func TestScope(t *testing.T) {
	text := "A gunman shot and killed a store clerk during a robbery in Toledo, Ohio, on Sunday night, police said. The suspect was charged with murder."
	doc := func() *sitrep.Document {
		return &sitrep.Document{ID: "robbery", Text: text, Published: sitrep.NewDay(2016, 5, 2), PublishedBasis: sitrep.BasisGiven}
	}
	var explain bytes.Buffer
	acled, err := pipeline.New(pipeline.Options{Explain: &explain})
	if err != nil {
		t.Fatal(err)
	}
	if evs := acled.Extract(doc()); len(evs) != 0 {
		t.Errorf("default scope: %d events, want none", len(evs))
	}
	if !strings.Contains(explain.String(), "scope: left out") || !strings.Contains(explain.String(), "ordinary crime") {
		t.Errorf("explain does not say why:\n%s", explain.String())
	}
	all, err := pipeline.New(pipeline.Options{Scope: scope.All})
	if err != nil {
		t.Fatal(err)
	}
	evs := all.Extract(doc())
	if len(evs) == 0 {
		t.Fatal("scope all: no event")
	}
	for _, e := range evs {
		if e.OutsideScope == "" {
			t.Errorf("%s / %s not marked outside ACLED's scope", e.EventType, e.SubEventType)
		}
	}
}
