package event

import (
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/trigger"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// SubEvent is one row of ACLED's hierarchy (subevents.tsv).
type SubEvent struct {
	Name         trigger.Class // sub-event type
	EventType    string
	DisorderType string
	Verb         string // "clashed with"
	Noun         string // "an armed clash"
}

// Kinds of counted people (count_nouns.tsv): ACLED counts civilians and
// members of armed groups apart.
const (
	kindCivilian = "civilian"
	kindMember   = "member"
	kindOther    = "other"
)

// countNoun is a noun that can be counted as victims or detainees.
type countNoun struct {
	kind  string // civilian, member, other
	agent bool   // from agents.tsv ("military", "police"): a group, not a head count
}

type lex struct {
	subEvents  map[trigger.Class]SubEvent
	countNouns map[string]countNoun
}

func loadLex() (*lex, error) {
	l := &lex{subEvents: make(map[trigger.Class]SubEvent), countNouns: make(map[string]countNoun)}
	fsys := lexicon.FS()
	err := lexicon.ReadTSV(fsys, "data/subevents.tsv", func(r lexicon.Row) error {
		s := SubEvent{Name: trigger.Class(r.Get("sub_event_type")), EventType: r.Get("event_type"), DisorderType: r.Get("disorder_type"), Verb: r.Get("verb"), Noun: r.Get("noun")}
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
	err = lexicon.ReadTSV(fsys, "data/count_nouns.tsv", func(r lexicon.Row) error {
		switch k := r.Get("kind"); k {
		case kindCivilian, kindMember, kindOther:
			l.countNouns[strings.ToLower(r.Get("noun"))] = countNoun{kind: k}
		default:
			return r.Errorf("kind must be civilian, member or other, not %q", k)
		}
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
				kind := kindMember
				if a.Inter == 6 || a.Inter == 7 {
					kind = kindCivilian
				}
				l.countNouns[t] = countNoun{kind: kind, agent: true}
			}
		}
	}
	return l, nil
}
