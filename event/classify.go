package event

import (
	"github.com/sitrep-dev/sitrep/annotate/actor"
)

// sentenceView is what classification sees of one sentence.
type sentenceView struct {
	triggers []Trigger
	actors   []actor.Mention // role candidates, in text order
	all      []actor.Mention // every actor mention of the sentence
	victims  []count         // counted people and their fate
	// placeToks and peopleToks are the first tokens of the sentence's
	// places and of its people (named, or counted nouns).
	placeToks  []int
	peopleToks []int
	// roles assigns actor1 and actor2 around a trigger.
	roles func(*Trigger) (a1, a2 *actor.Mention)
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

// mod returns a modifier, context or weak trigger of class that stands in
// the sentence outside suppressed context.
func (v *sentenceView) mod(class string) *Trigger {
	for i := range v.triggers {
		t := &v.triggers[i]
		if t.Class == class && (t.Suppressed == "" || t.Suppressed == "generic") {
			return t
		}
	}
	return nil
}

// near returns a trigger of class within n tokens of t, either side.
func (v *sentenceView) near(t *Trigger, class string, n int) *Trigger {
	for i := range v.triggers {
		u := &v.triggers[i]
		if u.Class != class || u == t {
			continue
		}
		if u.First >= t.Last && u.First-t.Last <= n || u.Last <= t.First && t.First-u.Last <= n {
			return u
		}
	}
	return nil
}

// after returns a trigger of class that starts within n tokens after t.
func (v *sentenceView) after(t *Trigger, class string, n int) *Trigger {
	for i := range v.triggers {
		u := &v.triggers[i]
		if u.Class == class && u.First >= t.Last && u.First-t.Last <= n {
			return u
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

// violence reports whether people were killed or wounded.
func (v *sentenceView) violence() bool {
	for i := range v.triggers {
		t := &v.triggers[i]
		if (t.Class == classKill || t.Class == classInjure) && (t.Suppressed == "" || t.Suppressed == "generic") {
			return true
		}
	}
	return false
}

// explosion reports whether something exploded ("a bomb exploded", "the
// blast"), as opposed to a device being found.
func (v *sentenceView) explosion() bool {
	t := v.has("Remote explosive/landmine/IED")
	return t != nil && t.Strength == 2
}

// remoteOrder is the order in which explosive sub-event types win over
// each other in one sentence: the most specific weapon first.
var remoteOrder = []string{
	"Chemical weapon", "Suicide bomb", "Air/drone strike", "Grenade",
	"Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
}

// protestFamily are the sub-event types of demonstrations, decided from
// everything said about one demonstration.
var protestFamily = map[string]bool{
	"Peaceful protest": true, "Protest with intervention": true,
	"Excessive force against protesters": true, "Violent demonstration": true,
}

// protestType decides the sub-event type of a demonstration from what is
// said of it. ACLED: a protest is peaceful unless it meets intervention
// (dispersal, arrests), excessive force (killing or serious injury of
// protesters), or the demonstrators are violent (a riot).
func protestType(has func(string) bool, state bool) string {
	switch {
	case has(classRiot) || has(modRiot) || has("Armed clash") || has("Looting/property destruction"):
		return "Violent demonstration"
	case has(modForce) || (has(classKill) || has(classInjure)) && (state || has(modIntervention)):
		return "Excessive force against protesters"
	case has(modIntervention) || has("Arrests"):
		return "Protest with intervention"
	}
	return "Peaceful protest"
}

// needsArmedActor are the sub-event types that only armed, organised
// actors make (ACLED: territory, bases, changes of a group's activity):
// "WHO dispatched personnel", "IDPs set up in camps" are none.
var needsArmedActor = map[string]bool{
	"Government regains territory": true, "Non-state actor overtakes territory": true,
	"Headquarters or base established": true, "Change to group/activity": true,
	"Non-violent transfer of territory": true,
}

// classify returns the sub-event type of a sentence and the trigger that
// names it, or "" when the sentence reports no event.
func classify(v *sentenceView) (string, *Trigger) {
	st, t := classifyType(v)
	if needsArmedActor[st] && !v.anyActor((*actor.Mention).Armed) {
		// A state named anywhere in the sentence ("handover of districts
		// to Azerbaijan") is a party too.
		for i := range v.all {
			if v.all[i].Kind == actor.Country && !v.all[i].Demonym || v.all[i].Armed() {
				return st, t
			}
		}
		return "", nil
	}
	return st, t
}

// classifyType types a sentence by the definitions of ACLED's codebook;
// each rule is quoted where it applies.
func classifyType(v *sentenceView) (string, *Trigger) {
	var first *Trigger
	for i := range v.triggers {
		if v.triggers[i].active() {
			first = &v.triggers[i]
			break
		}
	}
	// "Disrupted weapons use": weapons seized, found, defused or destroyed
	// before use. A verb that finds with a weapon noun near it is enough.
	if t := v.has("Disrupted weapons use"); t != nil && !v.violence() && !v.explosion() && !v.personObject(t) && !v.weaponsUsed() {
		return "Disrupted weapons use", t
	}
	if first == nil {
		return "", nil
	}
	// Mass graves found: what they hold was done before.
	if t := v.hasStrong("Other"); t != nil {
		return "Other", t
	}
	// ACLED: "Mob violence" is violence by a crowd that is not organised
	// as a demonstration (lynchings, vigilantes).
	if t := v.has("Mob violence"); t != nil {
		return "Mob violence", t
	}
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
		has := func(c string) bool { return v.mod(c) != nil || v.has(c) != nil }
		return protestType(has, v.anyActor((*actor.Mention).State)), main
	}

	// Ground taken, told before the bombardment that preceded it.
	if t := firstOf(v, "Government regains territory", "Non-state actor overtakes territory", classCapture, classSeize); t != nil && t.Strength == 3 && !v.remoteBefore(t) {
		if st := v.territory(t); st != "" {
			return st, t
		}
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
		if st := refineByWeapon(func(c string) bool { return v.mod(c) != nil }); st != "" {
			return st, generic
		}
		if t := v.has("Remote explosive/landmine/IED"); t != nil {
			return "Remote explosive/landmine/IED", t
		}
	}
	for _, st := range []string{"Abduction/forced disappearance", "Sexual violence"} {
		if t := v.has(st); t != nil {
			return st, t
		}
	}
	// Territory: who takes it decides the type. ACLED: "Government regains
	// territory" is a state actor's; a non-state actor's is "Non-state actor
	// overtakes territory". A capture of weapons or people is not territory.
	// Property looted or destroyed, with no one hurt.
	if t := v.has("Looting/property destruction"); t != nil && t.Strength == 3 && !v.violence() {
		return "Looting/property destruction", t
	}
	if t := firstOf(v, "Government regains territory", "Non-state actor overtakes territory", classCapture, classSeize); t != nil {
		if st := v.territory(t); st != "" {
			return st, t
		}
	}
	if t := v.has("Armed clash"); t != nil {
		// ACLED: a clash between unorganised civilians ("villagers
		// clashed") is mob violence, not a battle.
		if a1, a2 := v.roles(t); a1 != nil && a1.Civilian() && (a2 == nil || a2.Civilian()) {
			return "Mob violence", t
		}
		return "Armed clash", t
	}
	if t := v.has("Attack"); t != nil && t.Strength == 3 {
		return "Attack", t
	}
	if generic != nil {
		if victimsArmed(v, generic) {
			return "Armed clash", generic
		}
		return "Attack", generic
	}
	if t := v.has("Arrests"); t != nil {
		if a1, _ := v.roles(t); a1 != nil && a1.Armed() && !a1.State() {
			return "Abduction/forced disappearance", t
		}
		return "Arrests", t
	}
	// A withdrawal from a treaty is a move about an agreement; from a base
	// or a position, a change of the group's activity; from ground, a
	// transfer of territory.
	if t := v.has("Non-violent transfer of territory"); t != nil && t.Strength < 3 {
		switch {
		case v.after(t, classTreaty, 6) != nil:
			return "Agreement", t
		case v.after(t, targetArmed, 6) != nil && v.after(t, classGround, 6) == nil:
			return "Change to group/activity", t
		}
	}
	for _, st := range []string{
		"Looting/property destruction", "Non-violent transfer of territory", "Agreement",
		"Headquarters or base established", "Change to group/activity", "Other",
	} {
		if t := v.has(st); t != nil {
			return st, t
		}
	}
	return "", nil
}

// refineByWeapon names the explosive sub-event type of a generic attack
// from the weapon said to be used, "" when none is.
func refineByWeapon(has func(string) bool) string {
	switch {
	case has(modSuicide):
		return "Suicide bomb"
	case has(modAir):
		return "Air/drone strike"
	case has(modGrenade):
		return "Grenade"
	case has(modArtillery):
		return "Shelling/artillery/missile attack"
	}
	return ""
}

// territory types a capture: of weapons (Disrupted weapons use), of people
// (Arrests or Abduction), or of ground, by who takes it.
func (v *sentenceView) territory(t *Trigger) string {
	if t.Class == classCapture || t.Class == classSeize {
		if v.near(t, classWeapon, 8) != nil && !v.personObject(t) {
			return "Disrupted weapons use"
		}
		for _, p := range v.peopleToks {
			if p >= t.Last && p-t.Last <= 4 {
				a1, _ := v.roles(t)
				if a1 != nil && a1.Armed() && !a1.State() {
					return "Abduction/forced disappearance"
				}
				return "Arrests"
			}
		}
		ground := false
		for _, p := range v.placeToks {
			if p >= t.Last && p-t.Last <= 4 {
				ground = true
			}
		}
		ground = ground || t.Strength == 3 || v.after(t, targetArmed, 10) != nil || v.after(t, targetCivilian, 10) != nil || v.after(t, classGround, 10) != nil
		if !ground {
			return ""
		}
	}
	a1, a2 := v.roles(t)
	switch {
	case a1 != nil && a1.State():
		return "Government regains territory"
	case a1 != nil && a1.Armed():
		return "Non-state actor overtakes territory"
	case a1 == nil && a2 != nil && a2.Armed() && !a2.State():
		return "Government regains territory"
	case t.Class == "Government regains territory":
		return "Government regains territory"
	}
	return "Non-state actor overtakes territory"
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

// victimsArmed reports whether those a violent act was done to are armed:
// then it is a battle, not violence against civilians.
func victimsArmed(v *sentenceView, t *Trigger) bool {
	a1, a2 := v.roles(t)
	if a2 != nil && a2.Armed() && (a1 == nil || a1.Armed()) {
		return true
	}
	// An attack on a military base or a checkpoint is a battle, whoever
	// else died: "killed 14 people ..., attacking a marketplace and a
	// military base".
	for i := range v.triggers {
		if u := &v.triggers[i]; (u.Class == classAttack || u == t) && u.Suppressed == "" && v.after(u, targetArmed, 8) != nil {
			return true
		}
	}
	if a2 != nil && a2.Civilian() {
		return false
	}
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
	// What was hit: "attacked a checkpoint", "attacked a village".
	armed, civ := v.after(t, targetArmed, 6), v.after(t, targetCivilian, 6)
	switch {
	case armed != nil && (civ == nil || armed.First < civ.First):
		return true
	case civ != nil:
		return false
	}
	if a2 == nil && a1 != nil && t.Passive {
		return a1.Armed()
	}
	return false
}

// personObject reports whether t, a verb that seizes, takes a person: "captured
// a senior commander who heads the explosives unit".
func (v *sentenceView) personObject(t *Trigger) bool {
	for _, p := range v.peopleToks {
		if p > t.First && p <= t.First+4 && p < t.Last {
			return true
		}
	}
	return false
}

// remoteBefore reports whether an explosive sub-event is named before t.
func (v *sentenceView) remoteBefore(t *Trigger) bool {
	for _, st := range remoteOrder {
		if u := v.hasStrong(st); u != nil && u.First < t.First {
			return true
		}
	}
	return false
}

// weaponsUsed reports whether the sentence tells of weapons fired or
// exploding ("launched multiple missiles"), not only found.
func (v *sentenceView) weaponsUsed() bool {
	for _, st := range remoteOrder {
		if v.hasStrong(st) != nil {
			return true
		}
	}
	return false
}
