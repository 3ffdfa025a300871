package event

// Context: what takes a trigger out of the event it seems to name.

import (
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

func pastPerfect(text string, toks []segment.Token, from int, t *trigger.Trigger) bool {
	for k := t.First - 1; k >= from && k >= t.First-4; k-- {
		if fw.tok(text, toks, k, pastPerfectAux) {
			return true
		}
		if toks[k].Kind == segment.Punct {
			return false
		}
	}
	return false
}

// bareGenericPlural reports a plural event noun with no determiner or
// number before it: "carried out attacks".
func bareGenericPlural(text string, toks []segment.Token, from int, t *trigger.Trigger) bool {
	if t.Last-t.First != 1 {
		return false
	}
	w := toks[t.First].Key(text)
	if len(w) < 4 || w[len(w)-1] != 's' || w[len(w)-2] == 's' {
		return false
	}
	switch t.Class {
	case trigger.GenericAttack, trigger.ArmedClash, trigger.Kill, trigger.RemoteExplosiveLandmineIED, trigger.AirDroneStrike:
	default:
		return false
	}
	if t.First-1 < from {
		return true // "Attacks on aid workers have increased"
	}
	// Read back over modifiers ("cross-border", "deadly") to what governs
	// the plural: a verb of doing attacks in general, or a quantity.
	for k := t.First - 1; k >= from && k >= t.First-3; k-- {
		switch {
		case fw.tok(text, toks, k, genericGovernor):
			return true
		case fw.tok(text, toks, k, genericBlocker):
			return false
		}
		if toks[k].Kind != segment.Word || toks[k].Upper {
			return false
		}
	}
	return false
}

// yearBefore reports whether a year stands in the noun phrase before t:
// "the 2017 attack", "a deadly 2014 bombing".
func yearBefore(text string, toks []segment.Token, from int, t *trigger.Trigger) bool {
	for k := t.First - 1; k >= from && k >= t.First-3; k-- {
		tk := toks[k]
		if tk.Kind == segment.Number {
			w := tk.Text(text)
			return len(w) == 4 && (w[:2] == "19" || w[:2] == "20")
		}
		// Lower-case modifiers and acronyms ("U.S.", "ISIS") may stand
		// between; a capitalised word ("The") starts something else.
		if tk.Kind != segment.Word || tk.Upper && strings.ToUpper(tk.Text(text)) != tk.Text(text) {
			return false
		}
	}
	return false
}

// anaphoric reports whether a trigger refers back to an event already
// told: "the attack", "this explosion", "the clash Friday".
func anaphoric(text string, toks []segment.Token, from int, t *trigger.Trigger) bool {
	if t == nil || t.First-1 < from {
		return false
	}
	switch t.Class {
	case trigger.GenericAttack, trigger.Kill, trigger.ArmedClash, trigger.RemoteExplosiveLandmineIED:
	default:
		return false
	}
	return fw.tok(text, toks, t.First-1, anaphoricDet)
}

// weakTrigger returns the first unsuppressed operation or violence word of
// a sentence that reports no event of its own.
func weakTrigger(ts []trigger.Trigger) *trigger.Trigger {
	for i := range ts {
		t := &ts[i]
		if t.Suppressed != "" {
			continue
		}
		switch t.Class {
		case trigger.Operation, trigger.Kill, trigger.Injure, trigger.GenericAttack, trigger.ModRiot, trigger.ModIntervention, trigger.ModForce:
			return t
		}
	}
	return nil
}
