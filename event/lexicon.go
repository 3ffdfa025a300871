package event

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/phrase"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// SubEvent is one row of ACLED's hierarchy (subevents.tsv).
type SubEvent struct {
	Name         string // sub-event type
	EventType    string
	DisorderType string
	Verb         string // "clashed with"
	Noun         string // "an armed clash"
}

// Trigger classes that are not sub-event types (triggers.tsv).
const (
	classKill      = "kill"
	classInjure    = "injure"
	classAttack    = "attack"
	classOperation = "operation"
	classCapture   = "capture"
	classSeize     = "seize"
	classProtest   = "protest"
	classRiot      = "riot"
	classDisaster  = "disaster"
	classDiplomacy = "diplomacy"

	modAir          = "mod:air"
	modArtillery    = "mod:artillery"
	modGrenade      = "mod:grenade"
	modSuicide      = "mod:suicide"
	modIED          = "mod:ied"
	modIntervention = "mod:intervention"
	modForce        = "mod:force"
	modRiot         = "mod:riot"

	classGround    = "ground"
	classMob       = "mob"
	classTreaty    = "treaty"
	classVerbal    = "verbal"
	classFire      = "fire"
	classEstablish = "establish"
	classFind      = "find"
	classWeapon    = "weapon"
	targetArmed    = "target:armed"
	targetCivilian = "target:civilian"

	ctxBackground = "ctx:background"
	ctxTrend      = "ctx:trend"
	ctxIrrealis   = "ctx:irrealis"
	ctxSeparate   = "ctx:separate"
)

type trig struct {
	class    string
	strength int
}

// countNoun is a noun that can be counted as victims or detainees.
type countNoun struct {
	kind  string // civilian, member, other
	agent bool   // from agents.tsv ("military", "police"): a group, not a head count
}

// pair is a rule of trigger_pairs.tsv: two classes near each other name
// a sub-event type.
type pair struct {
	first, second string
	either        bool
	window        int
	result        trig
}

type lex struct {
	triggers   phrase.Dict[trig]
	pairs      []pair
	subEvents  map[string]SubEvent
	countNouns map[string]countNoun
}

func loadLex() (*lex, error) {
	l := &lex{subEvents: make(map[string]SubEvent), countNouns: make(map[string]countNoun)}
	fsys := lexicon.FS()
	err := lexicon.ReadTSV(fsys, "data/subevents.tsv", func(r lexicon.Row) error {
		s := SubEvent{Name: r.Get("sub_event_type"), EventType: r.Get("event_type"), DisorderType: r.Get("disorder_type"), Verb: r.Get("verb"), Noun: r.Get("noun")}
		if s.Name == "" || s.EventType == "" {
			return r.Errorf("sub-event type and event type are required")
		}
		l.subEvents[s.Name] = s
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(l.subEvents) != 25 {
		return nil, fmt.Errorf("event: subevents.tsv has %d sub-event types, ACLED has 25", len(l.subEvents))
	}
	known := map[string]bool{
		classKill: true, classInjure: true, classAttack: true, classOperation: true, classCapture: true,
		classSeize: true, classProtest: true, classRiot: true, classDisaster: true, classDiplomacy: true,
		modAir: true, modArtillery: true, modGrenade: true, modSuicide: true, modIED: true,
		modIntervention: true, modForce: true, modRiot: true,
		ctxBackground: true, ctxTrend: true, ctxIrrealis: true, ctxSeparate: true,
		classFind: true, classWeapon: true, targetArmed: true, targetCivilian: true,
		classFire: true, classEstablish: true, classGround: true, classMob: true, classTreaty: true, classVerbal: true,
	}
	seen := map[[2]string]bool{}
	err = lexicon.ReadTSV(fsys, "data/triggers.tsv", func(r lexicon.Row) error {
		class := r.Get("class")
		key := [2]string{r.Get("phrase"), class}
		if seen[key] {
			return r.Errorf("%q is listed twice as %s", key[0], class)
		}
		seen[key] = true
		if _, ok := l.subEvents[class]; !ok && !known[class] {
			return r.Errorf("unknown class %q", class)
		}
		st, err := strconv.Atoi(r.Get("strength"))
		if err != nil || st < 1 || st > 3 {
			return r.Errorf("strength must be 1, 2 or 3, not %q", r.Get("strength"))
		}
		if err := l.triggers.Add(r.Get("phrase"), trig{class: class, strength: st}, false); err != nil {
			return r.Errorf("%v", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = lexicon.ReadTSV(fsys, "data/trigger_pairs.tsv", func(r lexicon.Row) error {
		p := pair{first: r.Get("first"), second: r.Get("second"), either: r.Get("order") == "either"}
		var err error
		if p.window, err = strconv.Atoi(r.Get("window")); err != nil || p.window < 0 {
			return r.Errorf("bad window %q", r.Get("window"))
		}
		p.result.class = r.Get("result")
		if p.result.strength, err = strconv.Atoi(r.Get("strength")); err != nil || p.result.strength < 1 || p.result.strength > 3 {
			return r.Errorf("bad strength %q", r.Get("strength"))
		}
		if _, ok := l.subEvents[p.result.class]; !ok {
			return r.Errorf("unknown sub-event type %q", p.result.class)
		}
		for _, c := range []string{p.first, p.second} {
			if _, ok := l.subEvents[c]; !ok && !known[c] {
				return r.Errorf("unknown class %q", c)
			}
		}
		l.pairs = append(l.pairs, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = lexicon.ReadTSV(fsys, "data/count_nouns.tsv", func(r lexicon.Row) error {
		l.countNouns[strings.ToLower(r.Get("noun"))] = countNoun{kind: r.Get("kind")}
		return nil
	})
	if err != nil {
		return nil, err
	}
	agents, err := lexicon.Agents()
	if err != nil {
		return nil, err
	}
	for _, a := range agents {
		for _, t := range a.Terms {
			t = strings.ToLower(t)
			if strings.Contains(t, " ") {
				t = t[strings.LastIndexByte(t, ' ')+1:]
			}
			if _, ok := l.countNouns[t]; !ok {
				kind := "member"
				if a.Inter == 6 || a.Inter == 7 {
					kind = "civilian"
				}
				l.countNouns[t] = countNoun{kind: kind, agent: true}
			}
		}
	}
	return l, nil
}
