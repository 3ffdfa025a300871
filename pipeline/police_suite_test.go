package pipeline_test

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/scope"
)

// policeArticle is one entry of testdata/police/labels.json: an article
// of our own writing about police action (or one that only names the
// police as a source or as the victim), its document labels and the
// events an ACLED coder would write from it. The labels and events were
// written before sitrep was run on any of the articles.
type policeArticle struct {
	File      string   `json:"file"`
	Published string   `json:"published"`
	Labels    []string `json:"labels"` // killing, arrest, force: what the police did in the story
	// OptionalLabels are neither required nor false positives: an
	// arrest told only as the background of a death in custody, say.
	OptionalLabels []string        `json:"optional_labels"`
	Events         []policeExpects `json:"events"`
}

// policeExpects is one expected event.
type policeExpects struct {
	Sub []string `json:"sub"` // ACLED sub-event types any of which is right
	// Police is where the police stand: "actor1" (they acted), "actor2"
	// (they were the target, or intervened in a demonstration), "any"
	// (a demonstration they acted on: either slot), "none" (neither
	// slot), "" (not scored).
	Police string `json:"police"`
	// ACLED is whether ACLED codes the event (its default scope): an
	// ordinary criminal arrest is not; the police killing a civilian is.
	ACLED      bool `json:"acled"`
	Optional   bool `json:"optional"`
	Fatalities *int `json:"fatalities"`
}

// policeClasses are the document labels.
var policeClasses = []string{"killing", "arrest", "force"}

// heldOutPolice splits the suite by a fixed rule: the parity of the FNV-1a
// hash of the file name. Studied articles may be read to write rules;
// held-out ones only give the figure to report.
func heldOutPolice(file string) bool {
	h := fnv.New32a()
	h.Write([]byte(file))
	return h.Sum32()%2 == 1
}

// isPolice is an actor name of a police force (ACLED's "Police Forces of
// <country> (<period>)", with or without a unit after it).
func isPolice(actor string) bool { return strings.HasPrefix(actor, "Police Forces of ") }

// policeLabels reads the document labels off the events sitrep wrote:
//   - killing: a death the police caused, that is an event with deaths
//     and the police as actor1, or a demonstration with deaths where the
//     police intervened;
//   - arrest: an Arrests event, or an event that reports arrests or names
//     an arrested person;
//   - force: the police acting on a demonstration (Protest with
//     intervention, Excessive force against protesters, or a riot they
//     are a side of), or police violence that killed no one.
func policeLabels(evs []sitrep.Event) map[string]bool {
	got := map[string]bool{}
	for _, ev := range evs {
		demo := ev.EventType == "Protests" || ev.EventType == "Riots"
		police := isPolice(ev.Actor1) || isPolice(ev.Actor2)
		if ev.Fatalities > 0 && (isPolice(ev.Actor1) && !demo || demo && police) {
			got["killing"] = true
		}
		if ev.SubEventType == "Arrests" || ev.Arrests > 0 {
			got["arrest"] = true
		}
		for _, p := range ev.People {
			if p.Fate == sitrep.FateArrested {
				got["arrest"] = true
			}
		}
		switch {
		case ev.SubEventType == "Protest with intervention" || ev.SubEventType == "Excessive force against protesters":
			got["force"] = true
		case demo && police:
			got["force"] = true
		case isPolice(ev.Actor1) && ev.EventType == "Violence against civilians" && ev.Fatalities == 0:
			got["force"] = true
		}
	}
	return got
}

// keywordLabels is the keyword baseline the held-back figure is compared
// with: a label when a sentence holds a police word and a word of the
// label's action, whoever did what to whom.
func keywordLabels(text string) map[string]bool {
	words := map[string][]string{
		"killing": {"killed", "shot dead", "died", "death", "dead", "killing"},
		"arrest":  {"arrested", "detained", "arrest", "custody", "held", "picked up", "rounded up"},
		"force":   {"tear gas", "teargas", "baton", "water cannon", "rubber bullets", "lathi", "pepper spray"},
	}
	got := map[string]bool{}
	for _, sent := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r == '.' || r == '\n' }) {
		police := false
		for _, w := range []string{"police", "officer", "constable", "detective"} {
			police = police || strings.Contains(sent, w)
		}
		for c, ws := range words {
			for _, w := range ws {
				if police && strings.Contains(sent, w) {
					got[c] = true
				}
			}
		}
	}
	return got
}

// prf counts true positives, false positives and false negatives.
type prf struct{ tp, fp, fn int }

func (c prf) f1() float64 {
	if c.tp+c.fp+c.fn == 0 {
		return 1
	}
	return 2 * float64(c.tp) / float64(2*c.tp+c.fp+c.fn)
}

func (c prf) String() string {
	return fmt.Sprintf("F1 %.3f (tp %d fp %d fn %d)", c.f1(), c.tp, c.fp, c.fn)
}

// policeScore is the suite's score on one half.
type policeScore struct {
	docs    int
	label   map[string]*prf // per document label
	event   map[string]*prf // per ACLED event type, in the scope run
	police  prf             // events with the police in the expected slot
	keyword map[string]*prf // the keyword baseline's document labels
	toll    [2]int          // matched events with a gold toll: right, all
	failure []string
}

func newPoliceScore() *policeScore {
	s := &policeScore{label: map[string]*prf{}, event: map[string]*prf{}, keyword: map[string]*prf{}}
	for _, c := range policeClasses {
		s.label[c], s.keyword[c] = &prf{}, &prf{}
	}
	return s
}

func (s *policeScore) eventCount(typ string) *prf {
	if s.event[typ] == nil {
		s.event[typ] = &prf{}
	}
	return s.event[typ]
}

// labelF1 is the document F1 over the three labels pooled (micro).
func (s *policeScore) labelF1() float64 { return pooled(s.label) }

func pooled(m map[string]*prf) float64 {
	var all prf
	for _, c := range m {
		all.tp, all.fp, all.fn = all.tp+c.tp, all.fp+c.fp, all.fn+c.fn
	}
	return all.f1()
}

func (s *policeScore) eventF1() float64 {
	var all prf
	for _, c := range s.event {
		all.tp, all.fp, all.fn = all.tp+c.tp, all.fp+c.fp, all.fn+c.fn
	}
	return all.f1()
}

// eventTypeOf is the ACLED event type of a sub-event type.
func eventTypeOf(sub string) string {
	switch sub {
	case "Armed clash", "Government regains territory", "Non-state actor overtakes territory":
		return "Battles"
	case "Attack", "Abduction/forced disappearance", "Sexual violence":
		return "Violence against civilians"
	case "Peaceful protest", "Protest with intervention", "Excessive force against protesters":
		return "Protests"
	case "Violent demonstration", "Mob violence":
		return "Riots"
	case "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Chemical weapon":
		return "Explosions/Remote violence"
	}
	return "Strategic developments"
}

// policeSlotOK says whether ev has the police where want says.
func policeSlotOK(want string, ev sitrep.Event) bool {
	switch want {
	case "actor1":
		return isPolice(ev.Actor1)
	case "actor2":
		return isPolice(ev.Actor2) && !isPolice(ev.Actor1)
	case "any":
		return isPolice(ev.Actor1) || isPolice(ev.Actor2)
	case "none":
		return !isPolice(ev.Actor1) && !isPolice(ev.Actor2)
	}
	return true
}

// scorePolice adds one article's events to s. Expected events outside the
// run's scope must not be written (ACLED's scope) or are optional (the
// wide scope writes them; they are scored like the others).
func (s *policeScore) add(a policeArticle, text string, evs []sitrep.Event, sc scope.Scope) {
	s.docs++
	kw := keywordLabels(text)
	for _, c := range policeClasses {
		want := slices.Contains(a.Labels, c)
		switch {
		case want && kw[c]:
			s.keyword[c].tp++
		case want:
			s.keyword[c].fn++
		case kw[c] && !slices.Contains(a.OptionalLabels, c):
			s.keyword[c].fp++
		}
	}
	got := policeLabels(evs)
	for _, c := range policeClasses {
		want := slices.Contains(a.Labels, c)
		switch {
		case want && got[c]:
			s.label[c].tp++
		case want:
			s.label[c].fn++
			s.failure = append(s.failure, fmt.Sprintf("%s: label %s missed", a.File, c))
		case got[c] && !slices.Contains(a.OptionalLabels, c):
			s.label[c].fp++
			s.failure = append(s.failure, fmt.Sprintf("%s: label %s not in the story", a.File, c))
		}
	}
	// Events: each expected event takes at most one written event of one
	// of its sub-event types; required ones first, so an optional one
	// never takes the event a required one needs.
	var exp []policeExpects
	for _, e := range a.Events {
		if sc == scope.ACLED && !e.ACLED {
			continue // must not be written: unmatched events are false positives
		}
		exp = append(exp, e)
	}
	sort.SliceStable(exp, func(i, j int) bool { return !exp[i].Optional && exp[j].Optional })
	used := make([]bool, len(evs))
	for _, e := range exp {
		best := -1
		for i, ev := range evs {
			if used[i] || !slices.Contains(e.Sub, ev.SubEventType) {
				continue
			}
			// Prefer the written event with the police where they belong.
			if best < 0 || !policeSlotOK(e.Police, evs[best]) && policeSlotOK(e.Police, ev) {
				best = i
			}
		}
		typ := eventTypeOf(e.Sub[0])
		if best < 0 {
			if !e.Optional {
				s.eventCount(typ).fn++
				if e.Police != "" && e.Police != "none" {
					s.police.fn++
				}
				s.failure = append(s.failure, fmt.Sprintf("%s: missed %s", a.File, strings.Join(e.Sub, "|")))
			}
			continue
		}
		used[best] = true
		ev := evs[best]
		s.eventCount(ev.EventType).tp++
		if e.Police != "" {
			if policeSlotOK(e.Police, ev) {
				if e.Police != "none" {
					s.police.tp++
				}
			} else {
				if e.Police != "none" {
					s.police.fn++
				}
				if e.Police == "none" || e.Police == "actor2" && isPolice(ev.Actor1) {
					s.police.fp++
				}
				s.failure = append(s.failure, fmt.Sprintf("%s: %s police %s but got %q | %q", a.File, ev.SubEventType, e.Police, ev.Actor1, ev.Actor2))
			}
		}
		if e.Fatalities != nil {
			s.toll[1]++
			if ev.Fatalities == *e.Fatalities {
				s.toll[0]++
			} else {
				s.failure = append(s.failure, fmt.Sprintf("%s: %s deaths %d, want %d", a.File, ev.SubEventType, ev.Fatalities, *e.Fatalities))
			}
		}
	}
	for i, ev := range evs {
		if used[i] {
			continue
		}
		s.eventCount(ev.EventType).fp++
		if isPolice(ev.Actor1) {
			s.police.fp++
		}
		s.failure = append(s.failure, fmt.Sprintf("%s: extra %s %q | %q (%d) @ %s", a.File, ev.SubEventType, ev.Actor1, ev.Actor2, ev.Fatalities, ev.Location))
	}
}

func readPoliceSuite(t testing.TB) []policeArticle {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "police", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var as []policeArticle
	if err := json.Unmarshal(b, &as); err != nil {
		t.Fatalf("labels.json: %v", err)
	}
	return as
}

func policeDoc(t testing.TB, a policeArticle) *sitrep.Document {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "police", a.File))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := sitrep.ParseDay(a.Published)
	if err != nil {
		t.Fatalf("%s: %v", a.File, err)
	}
	return &sitrep.Document{ID: a.File, Text: string(text), Published: pub}
}

// TestPoliceSuite scores the police articles of testdata/police against
// their hand labels: document F1 for each label (the police killed,
// arrested, used force), F1 of events per ACLED event type, and whether
// the police stand in the slot the codebook puts them (actor1 when they
// kill or arrest, the target's slot when gunmen kill them, neither when
// they are only a source). It runs the default path and the syntax
// stage, each in the wide scope (every police action) and in ACLED's
// scope (criminal arrests must not be written there). The studied half
// may be read to write rules; the held-out half is only reported. The
// floors hold the figures reached; see issue 11's police-action row.
func TestPoliceSuite(t *testing.T) {
	g, err := embeddedGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	articles := readPoliceSuite(t)
	for _, syntax := range []bool{false, true} {
		for _, sc := range []scope.Scope{scope.All, scope.ACLED} {
			p, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g, Syntax: syntax, Scope: sc})
			if err != nil {
				t.Fatal(err)
			}
			halves := [2]*policeScore{newPoliceScore(), newPoliceScore()}
			for _, a := range articles {
				doc := policeDoc(t, a)
				evs := p.Extract(doc)
				for _, ev := range evs {
					checkEvidence(t, doc.Text, ev)
				}
				h := 0
				if heldOutPolice(a.File) {
					h = 1
				}
				halves[h].add(a, doc.Text, evs, sc)
			}
			run := fmt.Sprintf("syntax=%v scope=%s", syntax, sc)
			for h, name := range []string{"studied", "held-out"} {
				s := halves[h]
				t.Logf("%s %s (%d articles): document F1 %.3f (keyword baseline %.3f), events F1 %.3f, police slot %s, toll %d/%d",
					run, name, s.docs, s.labelF1(), pooled(s.keyword), s.eventF1(), s.police, s.toll[0], s.toll[1])
				for _, c := range policeClasses {
					t.Logf("    label %-8s %s", c, s.label[c])
				}
				types := make([]string, 0, len(s.event))
				for typ := range s.event {
					types = append(types, typ)
				}
				sort.Strings(types)
				for _, typ := range types {
					t.Logf("    event %-28s %s", typ, s.event[typ])
				}
				// Only the studied half's failures are shown: the
				// held-out half is for the figure, not for study.
				if h == 0 && testing.Verbose() {
					for _, f := range s.failure {
						t.Logf("      %s", f)
					}
				}
			}
			floor := policeFloors[run]
			if got := halves[0].labelF1(); got < floor.label {
				t.Errorf("%s: studied document F1 %.3f below the floor %.3f", run, got, floor.label)
			}
			if got := halves[0].eventF1(); got < floor.event {
				t.Errorf("%s: studied events F1 %.3f below the floor %.3f", run, got, floor.event)
			}
		}
	}
}

// policeFloors are the studied half's figures the suite must keep, by run
// (reached on 2026-12-07: document F1 0.952 on every run; events F1 0.889
// in the wide scope, 0.800 in ACLED's).
var policeFloors = map[string]struct{ label, event float64 }{
	"syntax=false scope=all":   {0.95, 0.88},
	"syntax=true scope=all":    {0.95, 0.88},
	"syntax=false scope=acled": {0.95, 0.79},
	"syntax=true scope=acled":  {0.95, 0.79},
}
