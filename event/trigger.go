package event

import (
	"sort"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/internal/phrase"
)

// Trigger is a word or phrase that names (or helps name) an event.
type Trigger struct {
	First, Last int // token indices, Last exclusive
	Start, End  int // byte offsets into the text
	Class       string
	Strength    int
	// Suppressed says why the trigger does not describe a new event here:
	// "background", "trend", "irrealis", "generic", "disaster", or "".
	Suppressed string
	// Passive is true for a verb in the passive voice: "were killed".
	Passive bool
}

func (t *Trigger) active() bool {
	return t.Suppressed == "" && t.Strength >= 2 && !isCtx(t) && t.Class != classOperation
}

// gathered are verbs after which "to protest" tells a protest that took
// place ("gathered to protest"), not one planned ("mobilising ... to protest").
var gathered = map[string]bool{
	"gathered": true, "assembled": true, "marched": true, "rallied": true, "converged": true,
	"came": true, "turned": true, "poured": true, "took": true, "met": true, "tyres": true, "tires": true,
	"streets": true, "out": true,
}

// scratch holds the buffers of one findTriggers call; pooled, since a
// Builder is used by many goroutines.
type scratch struct {
	ms      []phrase.Match[trig]
	chooser phrase.Chooser[trig]
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// context window: how many tokens before a trigger a context word reaches.
const ctxWindow = 7

// toExceptions are words before "to" that do not make an infinitive.
var toExceptions = map[string]bool{
	"led": true, "due": true, "according": true, "leading": true, "prior": true, "close": true,
	"next": true, "up": true, "response": true, "rose": true, "climbed": true, "risen": true,
	"reached": true, "raised": true, "came": true, "went": true, "returned": true, "back": true,
	"subjected": true, "exposed": true, "home": true, "way": true, "fell": true,
	// "continue to arrest", "raids to detain": the act is going on.
	"continue": true, "continues": true, "continued": true, "continuing": true,
	"raids": true, "raid": true, "operation": true, "operations": true, "crackdown": true,
	"began": true, "begun": true, "started": true,
}

// findTriggers returns the triggers of toks[from:to] with their context
// applied; separate is true when the sentence opens a new incident.
func (b *Builder) findTriggers(text string, toks []segment.Token, from, to int) (ts []Trigger, separate bool) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.ms = b.lex.triggers.AppendFind(sc.ms[:0], text, toks, from, to)
	ms := sc.ms
	if len(ms) == 0 {
		return nil, false
	}
	best := sc.chooser.Longest(ms)
	for _, m := range ms {
		keep := false
		for _, c := range best {
			if c.First == m.First && c.Last == m.Last {
				keep = true
				break
			}
		}
		// A modifier or context word inside a longer trigger still counts:
		// "suicide" in "suicide bomber" does not, "arrested" as both an
		// arrest and an intervention does (same span).
		if !keep {
			continue
		}
		// "Storm Corps", "Hurricane Brigade": a capitalised disaster word
		// inside a sentence is a name.
		if m.Value.class == classDisaster && m.First > from && toks[m.First].Upper {
			continue
		}
		ts = append(ts, Trigger{First: m.First, Last: m.Last, Start: toks[m.First].Start, End: toks[m.Last-1].End, Class: m.Value.class, Strength: m.Value.strength})
	}
	// Context words reach forward within their clause.
	for i := range ts {
		c := &ts[i]
		if !strings.HasPrefix(c.Class, "ctx:") {
			continue
		}
		if c.Class == ctxSeparate {
			if c.First-from <= 6 {
				separate = true
			}
			continue
		}
		for j := range ts {
			t := &ts[j]
			window := ctxWindow
			if c.Class == ctxIrrealis {
				// "in an attempt to disperse a crowd of rioters": a plan
				// reaches its verb, not the nouns after it.
				window = 2
			}
			if isCtx(t) || t.First < c.Last || t.First-c.Last > window || t.Suppressed != "" {
				continue
			}
			if clauseBreak(text, toks, c.Last, t.First) {
				continue
			}
			t.Suppressed = strings.TrimPrefix(c.Class, "ctx:")
		}
	}
	// Pairs: "seized seven illegal firearms", "rockets fired by".
	ts = b.pairTriggers(ts)
	// Infinitives: "deployed to attack".
	for i := range ts {
		t := &ts[i]
		if t.Suppressed != "" || t.First-1 < from {
			continue
		}
		if toks[t.First-1].Key(text) == "to" {
			prev := ""
			if t.First-2 >= from {
				prev = toks[t.First-2].Key(text)
			}
			// "gathered to protest": the protest happened.
			if !toExceptions[prev] && !(t.Class == classProtest && gathered[prev]) {
				t.Suppressed = "irrealis"
			}
		}
	}
	return ts, separate
}

// clauseBreak reports whether punctuation that ends a clause stands in
// toks[from:to].
func clauseBreak(text string, toks []segment.Token, from, to int) bool {
	for i := from; i < to; i++ {
		if toks[i].Kind == segment.Punct {
			switch text[toks[i].Start:toks[i].End] {
			case ",", ";", ":", "—", "(", ")":
				return true
			}
		}
	}
	return false
}

// pairTriggers adds a trigger for every pair of trigger_pairs.tsv found
// in ts, spanning both words.
func (b *Builder) pairTriggers(ts []Trigger) []Trigger {
	n := len(ts)
	for _, p := range b.lex.pairs {
		for i := 0; i < n; i++ {
			a := &ts[i]
			if a.Class != p.first || a.Suppressed != "" {
				continue
			}
			for j := 0; j < n; j++ {
				c := &ts[j]
				if c.Class != p.second || c.Suppressed != "" || i == j {
					continue
				}
				ok := c.First >= a.Last && c.First-a.Last <= p.window ||
					p.either && c.Last <= a.First && a.First-c.Last <= p.window
				if !ok {
					continue
				}
				first, last := a, c
				if c.First < a.First {
					first, last = c, a
				}
				ts = append(ts, Trigger{First: first.First, Last: last.Last, Start: first.Start, End: last.End, Class: p.result.class, Strength: p.result.strength})
				break
			}
		}
	}
	if len(ts) > n {
		sort.SliceStable(ts, func(i, j int) bool { return ts[i].First < ts[j].First })
	}
	return ts
}
