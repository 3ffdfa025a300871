package event

import (
	"github.com/sitrep-dev/sitrep/actor"
)

// sentenceView is what classification sees of one sentence.
type sentenceView struct {
	triggers []Trigger
	actors   []actor.Mention // role candidates, in text order
	victims  []count         // counted people and their fate
}

func (v *sentenceView) has(class string) *Trigger {
	for i := range v.triggers {
		t := &v.triggers[i]
		if t.Class == class && t.active() {
			return t
		}
	}
	return nil
}

func (v *sentenceView) hasStrong(class string) *Trigger {
	t := v.has(class)
	if t != nil && t.Strength == 3 {
		return t
	}
	return nil
}

// mod reports whether a modifier or weak trigger of class stands in the
// sentence, outside suppressed context.
func (v *sentenceView) mod(class string) *Trigger {
	for i := range v.triggers {
		t := &v.triggers[i]
		if t.Class == class && (t.Suppressed == "" || t.Suppressed == "generic") {
			return t
		}
	}
	return nil
}

func (v *sentenceView) anyActor(f func(*actor.Mention) bool) bool {
	for i := range v.actors {
		if f(&v.actors[i]) {
			return true
		}
	}
	return false
}

// violence reports whether something was done to people: killed, wounded.
func (v *sentenceView) violence() bool {
	for i := range v.triggers {
		t := &v.triggers[i]
		if (t.Class == classKill || t.Class == classInjure) && (t.Suppressed == "" || t.Suppressed == "generic") {
			return true
		}
	}
	return false
}

// remoteOrder is the order in which explosive sub-event types win over
// each other in one sentence: the most specific weapon first.
var remoteOrder = []string{
	"Chemical weapon", "Suicide bomb", "Air/drone strike", "Grenade",
	"Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
}

// classify returns the sub-event type of a sentence and the trigger that
// names it, or "" when the sentence reports no event. The rules follow
// the definitions of ACLED's codebook; each is quoted where it applies.
func classify(v *sentenceView, roles func(*Trigger) (a1, a2 *actor.Mention)) (string, *Trigger) {
	var first *Trigger
	for i := range v.triggers {
		if v.triggers[i].active() {
			first = &v.triggers[i]
			break
		}
	}
	if first == nil {
		return "", nil
	}
	// ACLED: "Mob violence" is violence by a crowd that is not organised
	// as a demonstration (lynchings, vigilantes).
	if t := v.has("Mob violence"); t != nil {
		return "Mob violence", t
	}
	// Demonstrations: a protest is peaceful unless it meets intervention,
	// excessive force, or turns violent (then it is a riot).
	protest := v.has(classProtest)
	riot := v.has(classRiot)
	crowd := v.anyActor((*actor.Mention).Protesters)
	if protest != nil || riot != nil || crowd && (v.has("Armed clash") != nil || v.has(classKill) != nil || v.has(classAttack) != nil) {
		main := protest
		if main == nil {
			main = riot
		}
		if main == nil {
			main = first
		}
		state := v.anyActor((*actor.Mention).State)
		switch {
		case riot != nil || v.mod(modRiot) != nil || v.has("Armed clash") != nil || v.has("Looting/property destruction") != nil:
			return "Violent demonstration", main
		case v.mod(modForce) != nil || state && v.has(classKill) != nil:
			return "Excessive force against protesters", main
		case v.mod(modIntervention) != nil || v.has("Arrests") != nil:
			return "Protest with intervention", main
		case protest != nil:
			return "Peaceful protest", main
		}
	}
	// "Disrupted weapons use": weapons seized, defused or intercepted before
	// use; the weapons it names (a suicide vest, grenades) are not attacks.
	if t := v.has("Disrupted weapons use"); t != nil && (t.Strength == 3 || !v.violence()) && !v.violence() {
		return "Disrupted weapons use", t
	}
	for _, st := range remoteOrder {
		if t := v.hasStrong(st); t != nil {
			return st, t
		}
	}
	// A generic act of violence refined by the weapon named with it.
	generic := v.has(classKill)
	if generic == nil {
		generic = v.has(classAttack)
	}
	if generic == nil {
		generic = v.has("Remote explosive/landmine/IED")
	}
	if generic != nil {
		switch {
		case v.mod(modSuicide) != nil:
			return "Suicide bomb", generic
		case v.mod(modAir) != nil:
			return "Air/drone strike", generic
		case v.mod(modGrenade) != nil:
			return "Grenade", generic
		case v.mod(modArtillery) != nil:
			return "Shelling/artillery/missile attack", generic
		case v.has("Remote explosive/landmine/IED") != nil:
			return "Remote explosive/landmine/IED", v.has("Remote explosive/landmine/IED")
		case v.mod(modIED) != nil && generic.Class == classAttack:
			return "Remote explosive/landmine/IED", generic
		}
	}
	for _, st := range []string{"Abduction/forced disappearance", "Sexual violence"} {
		if t := v.has(st); t != nil {
			return st, t
		}
	}
	// Territory: who takes it decides the type. ACLED: "Government regains
	// territory" is a state actor's; a non-state actor's is "Non-state actor
	// overtakes territory".
	if t := firstOf(v, "Government regains territory", "Non-state actor overtakes territory", classCapture); t != nil {
		a1 := subjectBefore(v, t)
		switch {
		case a1 != nil && a1.State():
			return "Government regains territory", t
		case a1 != nil && a1.Armed():
			return "Non-state actor overtakes territory", t
		case t.Class == "Government regains territory":
			return "Government regains territory", t
		default:
			return "Non-state actor overtakes territory", t
		}
	}
	if t := v.has("Armed clash"); t != nil {
		return "Armed clash", t
	}
	if t := v.has("Attack"); t != nil && t.Strength == 3 {
		return "Attack", t
	}
	if generic != nil {
		a1, a2 := roles(generic)
		if a2 != nil && a2.Armed() && (a1 == nil || a1.Armed()) {
			return "Armed clash", generic
		}
		if a2 != nil && a2.Civilian() {
			return "Attack", generic
		}
		if victimsArmed(v, generic) {
			return "Armed clash", generic
		}
		return "Attack", generic
	}
	if t := v.has("Arrests"); t != nil {
		if a1 := subjectBefore(v, t); a1 != nil && a1.Armed() && !a1.State() {
			return "Abduction/forced disappearance", t
		}
		return "Arrests", t
	}
	for _, st := range []string{
		"Disrupted weapons use", "Looting/property destruction", "Agreement",
		"Headquarters or base established", "Change to group/activity",
		"Non-violent transfer of territory", "Other",
	} {
		if t := v.has(st); t != nil {
			return st, t
		}
	}
	if t := v.has(classSeize); t != nil {
		return "Non-state actor overtakes territory", t
	}
	return "", nil
}

func firstOf(v *sentenceView, classes ...string) *Trigger {
	for i := range v.triggers {
		t := &v.triggers[i]
		if !t.active() {
			continue
		}
		for _, c := range classes {
			if t.Class == c {
				return t
			}
		}
	}
	return nil
}

// subjectBefore returns the nearest role candidate before t.
func subjectBefore(v *sentenceView, t *Trigger) *actor.Mention {
	var best *actor.Mention
	for i := range v.actors {
		a := &v.actors[i]
		if a.Last <= t.First {
			best = a
		}
	}
	return best
}

// victimsArmed reports whether the people a violent act was done to are
// armed: then it is a battle, not violence against civilians.
func victimsArmed(v *sentenceView, t *Trigger) bool {
	for _, c := range v.victims {
		if c.fate == fateKilled || c.fate == fateInjured {
			if c.actor != nil {
				return c.actor.Armed()
			}
			if c.kind == "member" {
				return true
			}
			if c.kind == "civilian" {
				return false
			}
		}
	}
	var before, after *actor.Mention
	for i := range v.actors {
		a := &v.actors[i]
		if a.Last <= t.First {
			before = a
		} else if after == nil && a.First >= t.Last {
			after = a
		}
	}
	if after != nil {
		return after.Armed() && (before == nil || before.Armed())
	}
	if before != nil && t.Passive {
		return before.Armed()
	}
	return false
}
