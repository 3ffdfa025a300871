package event_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/event"
)

// TestRoleRules runs each role rule's own sentence and checks that the
// rule decides it: the events' actors differ without the rule. One line
// per rule lives in event/roles.go.
func TestRoleRules(t *testing.T) {
	p := mustPipeline(t)
	actors := func(text string) []string {
		var out []string
		for _, ev := range p.Extract(&sitrep.Document{ID: "rule", Text: text, Published: sitrep.NewDay(2024, 3, 1)}) {
			out = append(out, fmt.Sprintf("%s | %s", ev.Actor1, ev.Actor2))
		}
		return out
	}
	rules := event.RoleRules()
	if len(rules) == 0 {
		t.Fatal("no role rules")
	}
	for _, r := range rules {
		t.Run(r.Name, func(t *testing.T) {
			if r.Source == "" || r.Example == "" {
				t.Fatalf("rule %q lacks its source or example", r.Name)
			}
			with := actors(r.Example)
			restore := event.WithoutRoleRule(r.Name)
			without := actors(r.Example)
			restore()
			if len(with) == 0 || slices.Equal(with, without) {
				t.Errorf("%q: the rule decides nothing: %q with it, %q without", r.Example, with, without)
			} else {
				t.Logf("%q: %q, without the rule %q", r.Example, with, without)
			}
		})
	}
}
