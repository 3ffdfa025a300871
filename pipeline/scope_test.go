package pipeline_test

import (
	"bytes"
	"slices"
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

// History a report recalls in one sentence, dated by a month or a year
// before its day-dated story, is no event of this report: left out by
// default, written and marked in the wide scope. Sentences of our own.
func TestHistoryScope(t *testing.T) {
	text := "Gunmen attacked a police station in Gao on Tuesday, killing four officers, officials said.\n\n" +
		"In March 2019, an ambush near the same town killed 17 soldiers."
	doc := func() *sitrep.Document {
		return &sitrep.Document{ID: "history", Text: text, Published: sitrep.NewDay(2023, 5, 3), PublishedBasis: sitrep.BasisGiven}
	}
	for _, c := range []struct {
		sc        scope.Scope
		n, marked int
	}{{scope.ACLED, 1, 0}, {scope.All, 2, 1}} {
		p, err := pipeline.New(pipeline.Options{Scope: c.sc})
		if err != nil {
			t.Fatal(err)
		}
		evs := p.Extract(doc())
		marked := 0
		for _, e := range evs {
			if strings.HasPrefix(e.OutsideScope, "background") {
				marked++
				if e.EventDate[:4] != "2019" {
					t.Errorf("scope %v: %s marked as history", c.sc, e.EventDate)
				}
			}
		}
		if len(evs) != c.n || marked != c.marked {
			t.Errorf("scope %v: %d events, %d marked as history; want %d and %d", c.sc, len(evs), marked, c.n, c.marked)
		}
	}
}

// TestHistoryScope_LeadFirst checks that an event dated only by a month,
// told before the first event dated to the day, is the story's lead and
// not history: news tells its lead first and its background after. Our own
// text.
func TestHistoryScope_LeadFirst(t *testing.T) {
	text := "Militants attacked an army post near Menaka last month, killing nine soldiers, the army said on Friday.\n\n" +
		"On Thursday, troops arrested three men suspected of taking part in the attack, a spokesman said."
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evs := p.Extract(&sitrep.Document{ID: "lead", Text: text, Published: sitrep.NewDay(2023, 5, 6), PublishedBasis: sitrep.BasisGiven})
	var types []string
	for _, e := range evs {
		types = append(types, e.SubEventType)
	}
	if !slices.Contains(types, "Armed clash") && !slices.Contains(types, "Attack") {
		t.Errorf("events %q: the lead attack of last month was left out", types)
	}
}
