package event_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/event"
)

// TestContextRules runs each context rule's own sentence and checks that
// the rule decides it: a trigger is suppressed for the rule's reason with
// the rule, and not for that reason without it. One line per rule lives in
// event/context_rules.go.
func TestContextRules(t *testing.T) {
	p := mustPipeline(t)
	suppressed := func(text, reason string) []sitrep.Span {
		var out []sitrep.Span
		for _, m := range p.Annotate(&sitrep.Document{ID: "rule", Text: text}) {
			if m.Kind == sitrep.KindTrigger && m.Label == reason {
				out = append(out, sitrep.Span{Start: m.Start, End: m.End})
			}
		}
		return out
	}
	rules := event.ContextRules()
	if len(rules) == 0 {
		t.Fatal("no context rules")
	}
	for _, r := range rules {
		t.Run(r.Name, func(t *testing.T) {
			if r.Source == "" || r.Example == "" || r.Reason == "" {
				t.Fatalf("rule %q lacks its source, example or reason", r.Name)
			}
			with := suppressed(r.Example, r.Reason)
			if len(with) == 0 {
				t.Fatalf("%q: no trigger suppressed as %q", r.Example, r.Reason)
			}
			restore := event.WithoutContextRule(r.Name)
			without := suppressed(r.Example, r.Reason)
			restore()
			if len(without) >= len(with) {
				t.Errorf("%q: the rule decides nothing (%d triggers suppressed as %q with it, %d without)", r.Example, len(with), r.Reason, len(without))
			}
		})
	}
}
