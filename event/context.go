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
	if !violenceClass(t.Class) {
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

// clauseStart returns the first token of the clause that holds token k in
// a sentence starting at from: the token after the punctuation that breaks
// clauses (commas, semicolons, colons, dashes, brackets) before k.
func clauseStart(text string, toks []segment.Token, from, k int) int {
	for k > from && !segment.ClauseBreak(text, toks, k-1, k) {
		k--
	}
	return k
}

// iterativeClause reports whether a frequency adverb stands before t in
// its clause ("Rebels often ambush convoys", "have repeatedly besieged
// towns and attacked posts"). After the verb it counts the blows of one
// act ("shot him repeatedly"), not events. Nor does it count when a relative pronoun between them puts the adverb
// in a clause that describes someone ("gunmen who often rob travellers
// killed two").
func iterativeClause(text string, toks []segment.Token, from int, t *trigger.Trigger) bool {
	for k := clauseStart(text, toks, from, t.First); k < t.First; k++ {
		if !fw.tok(text, toks, k, iterative) {
			continue
		}
		described := false
		for j := k; j < t.First; j++ {
			described = described || fw.tok(text, toks, j, relative)
		}
		if !described {
			return true
		}
	}
	return false
}

// perfectOfPeriod reports whether t is a verb in the present perfect
// ("have been killed", "has carried out several attacks") in a sentence
// that sums a period with a running-total word ("since 2015", "in
// total") or measures one in plural units of time ("for years", "in
// recent months").
//
// Only violence is summed so (the running tolls of a conflict): ACLED
// codes a demonstration of many days day by day.
func perfectOfPeriod(text string, toks []segment.Token, from, to int, t *trigger.Trigger) bool {
	if !violenceClass(t.Class) {
		return false
	}
	perfect := false
	for k := t.First - 1; k >= from && k >= t.First-4; k-- {
		// A determiner opens a noun phrase of its own: "have died in an
		// explosion" names one explosion.
		if toks[k].Kind == segment.Punct || fw.tok(text, toks, k, determiner) {
			break
		}
		if fw.tok(text, toks, k, perfectAux) {
			perfect = true
			break
		}
	}
	if !perfect {
		return false
	}
	for k := from; k < to; k++ {
		if fw.tok(text, toks, k, runningTotal|periodUnit) {
			return true
		}
	}
	return false
}

// comparedEvent reports whether an adjective of comparison stands in the
// noun phrase before t: "a similar attack", "the previous raid".
// Only acts of violence are compared so: "three previous arrests" tells
// of arrests of their own, which a follow-up report may date.
func comparedEvent(text string, toks []segment.Token, from int, t *trigger.Trigger) bool {
	if !violenceClass(t.Class) {
		return false
	}
	for k := t.First - 1; k >= from && k >= t.First-3; k-- {
		if toks[k].Kind != segment.Word {
			return false
		}
		if fw.tok(text, toks, k, comparison) {
			return true
		}
	}
	return false
}

// violenceClass reports whether c is a class of violence that generic and
// compared mentions name: attacks, clashes, killings, bombs, strikes.
func violenceClass(c trigger.Class) bool {
	switch c {
	case trigger.GenericAttack, trigger.ArmedClash, trigger.Kill, trigger.RemoteExplosiveLandmineIED, trigger.AirDroneStrike,
		trigger.ShellingArtilleryMissileAttack, trigger.SuicideBomb, trigger.Attack:
		return true
	}
	return false
}
