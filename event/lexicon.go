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
	kind string // civilian, member, other
}

type lex struct {
	triggers   phrase.Dict[trig]
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
	}
	err = lexicon.ReadTSV(fsys, "data/triggers.tsv", func(r lexicon.Row) error {
		class := r.Get("class")
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
				l.countNouns[t] = countNoun{kind: kind}
			}
		}
	}
	return l, nil
}
