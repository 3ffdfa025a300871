// Package trigger finds the words and phrases that name an event
// (lexicon/data/triggers.tsv) and the pairs of them that name one together
// (trigger_pairs.tsv), each with its class: an ACLED sub-event type or a
// class that context resolves (trigger_classes.tsv).
//
// The constants of every class are generated from the data files:
//
//go:generate go run ./internal/gen
package trigger

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/internal/phrase"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Class is what a trigger names: an ACLED sub-event type (ArmedClash ...)
// or a class resolved from context (Kill, ModAir, CtxIrrealis ...).
type Class string

// Prefix reports whether c starts with p ("ctx:", "mod:", "target:").
func (c Class) Prefix(p string) bool { return strings.HasPrefix(string(c), p) }

// Context reports whether c only qualifies other triggers: a modifier, a
// context word, a weapon or target noun, a finding verb, a disaster word.
func (c Class) Context() bool {
	switch c {
	case Disaster, Diplomacy, Find, Weapon, TargetArmed, TargetCivilian, Ground, Fire, Establish, Mob, Treaty, Verbal:
		return true
	}
	return c.Prefix("ctx:") || c.Prefix("mod:") || c.Prefix("target:")
}

// Trigger is a word or phrase that names (or helps name) an event.
type Trigger struct {
	sitrep.Span     // byte offsets into the text
	First, Last int // token indices, Last exclusive
	Class       Class
	Strength    int // 3 names the sub-event type, 2 needs context, 1 only attaches
	// Suppressed says why the trigger does not describe a new event here:
	// "background", "trend", "irrealis", "generic", "disaster", or "".
	Suppressed string
	// Passive is true for a verb in the passive voice: "were killed".
	Passive bool
}

// Context reports whether t only qualifies other triggers.
func (t *Trigger) Context() bool { return t.Class.Context() }

// Live reports whether t may still type, count or place an event: it is
// not set aside, or set aside only as generic (a bare plural such as
// "attacks" names no event of its own but still says what kind a told
// event is).
func (t *Trigger) Live() bool { return t.Suppressed == "" || t.Suppressed == "generic" }

// Active reports whether t names an event of its own here.
func (t *Trigger) Active() bool {
	return t.Suppressed == "" && t.Strength >= 2 && !t.Context() && t.Class != Operation
}

type trig struct {
	class    Class
	strength int
}

// pair is a rule of trigger_pairs.tsv: two classes near each other name
// a sub-event type.
type pair struct {
	first, second Class
	either        bool
	window        int
	result        trig
}

// Finder finds triggers. It is safe for concurrent use.
type Finder struct {
	triggers phrase.Dict[trig]
	pairs    []pair
	// toExceptions are words before "to" after which no infinitive of
	// intent follows ("led to", "continue to arrest"); gathered are those
	// after which "to protest" tells a protest that took place
	// ("gathered to protest"). Both from function_words.tsv.
	toExceptions, gathered map[string]bool
	// toObjects are verbs that take an object and then "to" with a noun
	// phrase ("subjected three girls to sexual violence"):
	// function_words.tsv to_object.
	toObjects map[string]bool
}

// Known reports whether c is a class of the data files.
func Known(c Class) bool {
	for _, k := range SubEventTypes {
		if k == c {
			return true
		}
	}
	for _, k := range otherClasses {
		if k == c {
			return true
		}
	}
	return false
}

// IsSubEventType reports whether c is one of ACLED's sub-event types.
func IsSubEventType(c Class) bool {
	for _, k := range SubEventTypes {
		if k == c {
			return true
		}
	}
	return false
}

var defaultFinder = sync.OnceValues(func() (*Finder, error) { return load() })

// Default returns the Finder of the embedded lexicon.
func Default() (*Finder, error) { return defaultFinder() }

func load() (*Finder, error) {
	f := &Finder{}
	fsys := lexicon.FS()
	// A phrase with a lemma in braces ("{take} over") stands for every
	// inflection of it; a form also listed on a row of its own takes that
	// row's strength.
	type row struct {
		phrases []string
		t       trig
	}
	var rows []row
	seen := map[[2]string]bool{}
	written := map[[2]string]bool{}
	err := lexicon.ReadTSV(fsys, "data/triggers.tsv", func(r lexicon.Row) error {
		class := Class(r.Get("class"))
		key := [2]string{r.Get("phrase"), string(class)}
		if seen[key] {
			return r.Errorf("%q is listed twice as %s", key[0], class)
		}
		seen[key] = true
		if !Known(class) {
			return r.Errorf("unknown class %q", class)
		}
		st, err := strconv.Atoi(r.Get("strength"))
		if err != nil || st < 1 || st > 3 {
			return r.Errorf("strength must be 1, 2 or 3, not %q", r.Get("strength"))
		}
		phrases, err := lexicon.ExpandLemmas(key[0])
		if err != nil {
			return r.Errorf("%v", err)
		}
		if len(phrases) == 1 && phrases[0] == key[0] {
			written[key] = true
		}
		rows = append(rows, row{phrases, trig{class: class, strength: st}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	added := map[[2]string]bool{}
	for _, r := range rows {
		for _, p := range r.phrases {
			key := [2]string{p, string(r.t.class)}
			if added[key] || len(r.phrases) > 1 && written[key] {
				continue
			}
			added[key] = true
			if err := f.triggers.Add(p, r.t, false); err != nil {
				return nil, fmt.Errorf("trigger: %q: %w", p, err)
			}
		}
	}
	err = lexicon.ReadTSV(fsys, "data/trigger_pairs.tsv", func(r lexicon.Row) error {
		p := pair{first: Class(r.Get("first")), second: Class(r.Get("second")), either: r.Get("order") == "either"}
		var err error
		if p.window, err = strconv.Atoi(r.Get("window")); err != nil || p.window < 0 {
			return r.Errorf("bad window %q", r.Get("window"))
		}
		p.result.class = Class(r.Get("result"))
		if p.result.strength, err = strconv.Atoi(r.Get("strength")); err != nil || p.result.strength < 1 || p.result.strength > 3 {
			return r.Errorf("bad strength %q", r.Get("strength"))
		}
		if !IsSubEventType(p.result.class) {
			return r.Errorf("unknown sub-event type %q", p.result.class)
		}
		for _, c := range []Class{p.first, p.second} {
			if !Known(c) {
				return r.Errorf("unknown class %q", c)
			}
		}
		f.pairs = append(f.pairs, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	f.toExceptions, f.gathered, f.toObjects = map[string]bool{}, map[string]bool{}, map[string]bool{}
	err = lexicon.ReadTSV(fsys, "data/function_words.tsv", func(r lexicon.Row) error {
		var set map[string]bool
		switch r.Get("class") {
		case "to_exception":
			set = f.toExceptions
		case "gathered":
			set = f.gathered
		case "to_object":
			set = f.toObjects
		default:
			return nil
		}
		for _, w := range strings.Fields(r.Get("words")) {
			set[w] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(f.toExceptions) == 0 || len(f.gathered) == 0 {
		return nil, fmt.Errorf("trigger: function_words.tsv has no to_exception or gathered words")
	}
	if len(SubEventTypes) != 25 {
		return nil, fmt.Errorf("trigger: subevents.tsv has %d sub-event types, ACLED has 25", len(SubEventTypes))
	}
	return f, nil
}

// scratch holds the buffers of one Find call; pooled, since a Finder is
// used by many goroutines.
type scratch struct {
	ms      []phrase.Match[trig]
	chooser phrase.Chooser[trig]
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// infinitiveMarker is the word of the English infinitive: "deployed to
// attack" tells a plan, not an attack.
const infinitiveMarker = "to"

// purposeMarker is the preposition of purpose and reason before a gerund:
// "for attacking".
const purposeMarker = "for"

// context window: how many tokens before a trigger a context word reaches.
const ctxWindow = 7

// AppendFind appends the triggers of toks[from:to] to dst with the context
// words of the clause applied; separate is true when the sentence opens a
// new incident.
func (f *Finder) AppendFind(dst []Trigger, text string, toks []segment.Token, from, to int) (out []Trigger, separate bool) {
	base := len(dst)
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.ms = f.triggers.AppendFind(sc.ms[:0], text, toks, from, to)
	ms := sc.ms
	if len(ms) == 0 {
		return dst, false
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
		if m.Value.class == Disaster && m.First > from && toks[m.First].Upper {
			continue
		}
		dst = append(dst, Trigger{First: m.First, Last: m.Last, Span: sitrep.Span{Start: toks[m.First].Start, End: toks[m.Last-1].End}, Class: m.Value.class, Strength: m.Value.strength})
	}
	ts := dst[base:]
	// Context words reach forward within their clause.
	for i := range ts {
		c := &ts[i]
		if !c.Class.Prefix("ctx:") {
			continue
		}
		if c.Class == CtxSeparate {
			if c.First-from <= 6 {
				separate = true
			}
			continue
		}
		for j := range ts {
			t := &ts[j]
			window := ctxWindow
			if c.Class == CtxIrrealis {
				// "in an attempt to disperse a crowd of rioters": a plan
				// reaches its verb, not the nouns after it.
				window = 2
			}
			if t.Context() || t.First < c.Last || t.First-c.Last > window || t.Suppressed != "" {
				continue
			}
			if segment.ClauseBreak(text, toks, c.Last, t.First) {
				continue
			}
			t.Suppressed = strings.TrimPrefix(string(c.Class), "ctx:")
		}
	}
	// Pairs: "seized seven illegal firearms", "rockets fired by".
	dst = f.pairTriggers(dst, base)
	ts = dst[base:]
	// Infinitives: "deployed to attack".
	for i := range ts {
		t := &ts[i]
		if t.Suppressed != "" || t.First-1 < from {
			continue
		}
		if toks[t.First-1].Key(text) == infinitiveMarker {
			prev := ""
			if t.First-2 >= from {
				prev = toks[t.First-2].Key(text)
			}
			// "gathered to protest": the protest happened.
			if !f.toExceptions[prev] && !(t.Class == Protest && f.gathered[prev]) && !f.toObjectBefore(text, toks, from, t.First-1) {
				t.Suppressed = "irrealis"
			}
		}
		// A gerund after "for" gives the purpose or the reason of another
		// act, not an act reported here: "mobilising its members for
		// attacking the district", "jailed for attacking a policeman".
		if t.Suppressed == "" && !t.Context() && toks[t.First-1].Key(text) == purposeMarker && strings.HasSuffix(toks[t.First].Key(text), "ing") {
			t.Suppressed = "irrealis"
		}
	}
	return dst, separate
}

// toObjectBefore reports whether a verb of toObjects stands at most four
// words before the "to" at k, with only words between ("subjected three
// schoolgirls to"): that "to" is a preposition.
func (f *Finder) toObjectBefore(text string, toks []segment.Token, from, k int) bool {
	for j := k - 1; j >= from && j >= k-4; j-- {
		if toks[j].Kind != segment.Word {
			return false
		}
		if f.toObjects[toks[j].Key(text)] {
			return true
		}
	}
	return false
}

// pairTriggers appends a trigger for every pair of trigger_pairs.tsv found
// in all[base:], spanning both words.
func (f *Finder) pairTriggers(all []Trigger, base int) []Trigger {
	n := len(all) - base
	for _, p := range f.pairs {
		for i := 0; i < n; i++ {
			a := &all[base+i]
			if a.Class != p.first || a.Suppressed != "" {
				continue
			}
			for j := 0; j < n; j++ {
				c := &all[base+j]
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
				t := Trigger{First: first.First, Last: last.Last, Span: sitrep.Span{Start: first.Start, End: last.End}, Class: p.result.class, Strength: p.result.strength}
				all = append(all, t)
				break
			}
		}
	}
	if len(all)-base > n {
		ts := all[base:]
		sort.SliceStable(ts, func(i, j int) bool { return ts[i].First < ts[j].First })
	}
	return all
}
