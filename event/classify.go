package event

import (
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// sentenceView is what classification sees of one sentence.
type sentenceView struct {
	text     string
	toks     []segment.Token
	triggers []trigger.Trigger
	actors   []actor.Mention // role candidates, in text order
	all      []actor.Mention // every actor mention of the sentence
	victims  []count         // counted people and their fate
	// placeToks and peopleToks are the first tokens of the sentence's
	// places and of its people (named, or counted nouns).
	placeToks  []int
	peopleToks []int
	// personToks are the tokens of common nouns of people who belong to
	// no group ("man", "driver"; not "suspects", "soldiers"):
	// count_nouns.tsv, kind civilian.
	personToks []int
	// roles assigns actor1 and actor2 around a trigger.
	roles func(*trigger.Trigger) (a1, a2 *actor.Mention)
}

func (v *sentenceView) has(class trigger.Class) *trigger.Trigger {
	for i := range v.triggers {
		t := &v.triggers[i]
		if t.Class == class && t.Active() {
			return t
		}
	}
	return nil
}

func (v *sentenceView) hasStrong(class trigger.Class) *trigger.Trigger {
	t := v.has(class)
	if t != nil && t.Strength == 3 {
		return t
	}
	return nil
}

// mod returns a modifier, context or weak trigger of class that stands in
// the sentence outside suppressed context.
func (v *sentenceView) mod(class trigger.Class) *trigger.Trigger {
	for i := range v.triggers {
		t := &v.triggers[i]
		if t.Class == class && t.Live() {
			return t
		}
	}
	return nil
}

// near returns a trigger of class within n tokens of t, either side.
func (v *sentenceView) near(t *trigger.Trigger, class trigger.Class, n int) *trigger.Trigger {
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
func (v *sentenceView) after(t *trigger.Trigger, class trigger.Class, n int) *trigger.Trigger {
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
		if (t.Class == trigger.Kill || t.Class == trigger.Injure) && t.Live() {
			return true
		}
	}
	return false
}

// explosion reports whether something exploded ("a bomb exploded", "the
// blast"), as opposed to a device being found.
func (v *sentenceView) explosion() bool {
	t := v.has(trigger.RemoteExplosiveLandmineIED)
	return t != nil && t.Strength == 2
}

// remoteOrder is the order in which explosive sub-event types win over
// each other in one sentence: the most specific weapon first.
var remoteOrder = []trigger.Class{
	trigger.ChemicalWeapon, trigger.SuicideBomb, trigger.AirDroneStrike, trigger.Grenade,
	trigger.ShellingArtilleryMissileAttack, trigger.RemoteExplosiveLandmineIED,
}

// protestFamily are the sub-event types of demonstrations, decided from
// everything said about one demonstration.
var protestFamily = map[trigger.Class]bool{
	trigger.PeacefulProtest: true, trigger.ProtestWithIntervention: true,
	trigger.ExcessiveForceAgainstProtesters: true, trigger.ViolentDemonstration: true,
}

// protestType decides the sub-event type of a demonstration from what is
// said of it. ACLED: a protest is peaceful unless it meets intervention
// (dispersal, arrests), excessive force (killing or serious injury of
// protesters), or the demonstrators are violent (a riot).
func protestType(has func(trigger.Class) bool, state bool) trigger.Class {
	switch {
	case has(trigger.Riot) || has(trigger.ModRiot) || has(trigger.ArmedClash) || has(trigger.LootingPropertyDestruction):
		return trigger.ViolentDemonstration
	case has(trigger.ModForce) || (has(trigger.Kill) || has(trigger.Injure)) && (state || has(trigger.ModIntervention)):
		return trigger.ExcessiveForceAgainstProtesters
	case has(trigger.ModIntervention) || has(trigger.Arrests):
		return trigger.ProtestWithIntervention
	}
	return trigger.PeacefulProtest
}

// demonstrators reports whether m names people demonstrating
// (protesters, marchers), not rioters or a crowd.
func demonstrators(m *actor.Mention) bool {
	return m.Kind == actor.Agent && m.Agent.Inter == actor.InterProtesters
}

// Who does the violence named with a demonstration.
const (
	doerNone = iota
	doerCrowd
	doerState
)

// crowdViolenceDoer says who is the subject of an act of violence (to
// kill, to injure, to attack) in a sentence about a demonstration. ACLED
// codebook: demonstrators who engage in violence make a Violent
// demonstration ("protesters attacked a police post", "demonstrators
// injured five officers"); state forces who use force on them intervene
// (Protest with intervention), or use excessive force (Excessive force
// against protesters, decided by protestType when someone is killed or
// hurt). The doer is the actor1 of the act's own roles, so a crowd
// acted on ("police attacked protesters") is no violent crowd.
func (v *sentenceView) crowdViolenceDoer() int {
	for i := range v.triggers {
		t := &v.triggers[i]
		if t.Suppressed != "" || t.Context() || t.Class != trigger.Kill && t.Class != trigger.Injure && t.Class != trigger.GenericAttack {
			continue
		}
		a1, a2 := v.roles(t)
		// A weak wound word acts only as a transitive verb with its
		// object: "demonstrators injured five officers", not "protesters
		// injured in clashes"; a weak death word ("died") never does.
		if t.Strength < 2 && (t.Class != trigger.Injure || t.Passive || a2 == nil) {
			continue
		}
		switch {
		case a1 == nil:
		case a1.Protesters():
			return doerCrowd
		case a1.State():
			return doerState
		}
	}
	return doerNone
}

// byDoer corrects a demonstration's type by who did the violence named
// with it (crowdViolenceDoer).
func byDoer(st trigger.Class, doer int) trigger.Class {
	switch doer {
	case doerCrowd:
		return trigger.ViolentDemonstration
	case doerState:
		if st == trigger.PeacefulProtest {
			return trigger.ProtestWithIntervention
		}
	}
	return st
}

// needsArmedActor are the sub-event types that only armed, organised
// actors make (ACLED: territory, bases, changes of a group's activity):
// "WHO dispatched personnel", "IDPs set up in camps" are none.
var needsArmedActor = map[trigger.Class]bool{
	trigger.GovernmentRegainsTerritory: true, trigger.NonStateActorOvertakesTerritory: true,
	trigger.HeadquartersOrBaseEstablished: true, trigger.ChangeToGroupActivity: true,
	trigger.NonViolentTransferOfTerritory: true,
}

// classify returns the sub-event type of a sentence and the trigger that
// names it, or "" when the sentence reports no event.
func classify(v *sentenceView) (trigger.Class, *trigger.Trigger) {
	st, t := classifyType(v)
	if needsArmedActor[st] && !v.anyActor((*actor.Mention).Armed) {
		// An armed actor named anywhere in the sentence is a party too.
		for i := range v.all {
			if v.all[i].Armed() {
				return st, t
			}
		}
		return "", nil
	}
	return st, t
}

// classifyType types a sentence by the definitions of ACLED's codebook;
// each rule is quoted where it applies.
//
// Removed by ablation (each rule turned off alone, over CASE 2021 dev and
// our typing suite, half A): as rules of one CASE sentence each, with no
// effect on the suite, "a state named anywhere in the sentence is a party
// to a territorial change", "a withdrawal followed by a treaty noun is an
// agreement" and "an attack with a military base named within 8 words is
// a battle, whoever else died"; as rules that cost more than they served,
// "a withdrawal followed by a base noun is a change to group/activity"
// and "a capture near a weapon noun is disrupted weapons use" (the
// finding verb and weapon pair of trigger_pairs.tsv says it).
func classifyType(v *sentenceView) (trigger.Class, *trigger.Trigger) {
	var first *trigger.Trigger
	for i := range v.triggers {
		if v.triggers[i].Active() {
			first = &v.triggers[i]
			break
		}
	}
	// trigger.DisruptedWeaponsUse: weapons seized, found, defused or destroyed
	// before use. A verb that finds with a weapon noun near it is enough.
	// Weapons handed over by a group that disbands, defects or lays down
	// its arms go with that change to the group (ACLED: Change to
	// group/activity), not a disruption by another actor.
	if t := v.has(trigger.DisruptedWeaponsUse); t != nil && !v.violence() && !v.explosion() && !v.personObject(t) && !v.weaponsUsed() && v.hasStrong(trigger.ChangeToGroupActivity) == nil {
		return trigger.DisruptedWeaponsUse, t
	}
	if first == nil {
		return "", nil
	}
	// Mass graves found: what they hold was done before.
	if t := v.hasStrong(trigger.Other); t != nil {
		return trigger.Other, t
	}
	// ACLED: trigger.MobViolence is violence by a crowd that is not organised
	// as a demonstration (lynchings, vigilantes).
	if t := v.has(trigger.MobViolence); t != nil {
		return trigger.MobViolence, t
	}
	protest := v.has(trigger.Protest)
	riot := v.has(trigger.Riot)
	// Demonstrators named, or a crowd that does the violence, make a
	// demonstration or riot; a crowd that is only hit ("a bomber blew
	// himself up in a crowd", "gunmen fired on a crowd") does not.
	crowd := v.anyActor(demonstrators) || v.crowdViolenceDoer() == doerCrowd
	if protest != nil || riot != nil || crowd && (v.has(trigger.ArmedClash) != nil || v.has(trigger.Kill) != nil || v.has(trigger.GenericAttack) != nil) {
		main := protest
		if main == nil {
			main = riot
		}
		if main == nil {
			main = first
		}
		has := func(c trigger.Class) bool { return v.mod(c) != nil || v.has(c) != nil }
		doer := v.crowdViolenceDoer()
		// ACLED codebook, Mob violence: rioters who attack people or
		// property "outside of a demonstration". A crowd that does
		// violence where no demonstration is told (no protest or riot
		// word, no demonstrators named) is a mob: "a crowd attacked and
		// burned the house of a man accused of theft".
		if doer == doerCrowd && protest == nil && riot == nil && !v.anyActor(demonstrators) {
			return trigger.MobViolence, main
		}
		return byDoer(protestType(has, v.anyActor((*actor.Mention).State)), doer), main
	}

	// Ground taken, told before the bombardment that preceded it.
	if t := firstOf(v, trigger.GovernmentRegainsTerritory, trigger.NonStateActorOvertakesTerritory, trigger.Capture, trigger.Seize); t != nil && t.Strength == 3 && !v.remoteBefore(t) {
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
	generic := v.has(trigger.Kill)
	if generic == nil {
		generic = v.has(trigger.GenericAttack)
	}
	if generic == nil {
		// A verb that wounds by naming the act ("were shot") is violence
		// by itself; a bare "wounded" or "injured" is not (accidents,
		// disasters), it only adds to an event.
		if t := v.has(trigger.Injure); t != nil && t.Strength >= 2 {
			generic = t
		}
	}
	if generic == nil {
		generic = v.has(trigger.RemoteExplosiveLandmineIED)
	}
	if generic != nil {
		if st := refineByWeapon(func(c trigger.Class) bool { return v.mod(c) != nil }); st != "" {
			return st, generic
		}
		if t := v.has(trigger.RemoteExplosiveLandmineIED); t != nil {
			return trigger.RemoteExplosiveLandmineIED, t
		}
	}
	for _, st := range []trigger.Class{trigger.AbductionForcedDisappearance, trigger.SexualViolence} {
		if t := v.has(st); t != nil {
			return st, t
		}
	}
	// Territory: who takes it decides the type. ACLED: "Government regains
	// territory" is a state actor's; a non-state actor's is "Non-state actor
	// overtakes territory". A capture of weapons or people is not territory.
	// Property looted or destroyed, with no one hurt.
	if t := v.has(trigger.LootingPropertyDestruction); t != nil && t.Strength == 3 && !v.violence() {
		// ACLED codebook, Mob violence: rioters who attack property
		// outside a demonstration; a crowd or a mob burning a house is
		// one ("a crowd attacked and burned the house of ..."), where
		// armed men, soldiers or "unknown persons" burning it is property
		// destruction.
		if a1, _ := v.roles(t); a1 != nil && crowdNounDoer(v.text, a1) {
			return trigger.MobViolence, t
		}
		return trigger.LootingPropertyDestruction, t
	}
	if t := firstOf(v, trigger.GovernmentRegainsTerritory, trigger.NonStateActorOvertakesTerritory, trigger.Capture, trigger.Seize); t != nil {
		if st := v.territory(t); st != "" {
			return st, t
		}
	}
	if t := v.has(trigger.ArmedClash); t != nil {
		// ACLED: a clash between unorganised civilians ("villagers
		// clashed") is mob violence, not a battle.
		if a1, a2 := v.roles(t); a1 != nil && a1.Civilian() && (a2 == nil || a2.Civilian() || crowdDoer(v.text, a1)) {
			return trigger.MobViolence, t
		}
		return trigger.ArmedClash, t
	}
	if t := v.has(trigger.Attack); t != nil && t.Strength == 3 {
		return trigger.Attack, t
	}
	if generic != nil {
		// ACLED codebook, Mob violence: violence by rioters or by a group
		// of people not organised as an armed group or a demonstration
		// ("villagers beat two men to death").
		if a1, _ := v.roles(generic); a1 != nil && v.subjectOf(a1, generic) && crowdDoer(v.text, a1) {
			return trigger.MobViolence, generic
		}
		if victimsArmed(v, generic) {
			// ACLED codebook, Battles: two organised, armed sides. A crowd
			// or unorganised civilians who attack police or soldiers
			// ("villagers attacked a police station") riot; outside a
			// demonstration that is Mob violence.
			if a1, _ := v.roles(generic); a1 != nil && a1.Civilian() && crowdDoer(v.text, a1) && !generic.Passive {
				return trigger.MobViolence, generic
			}
			return trigger.ArmedClash, generic
		}
		return trigger.Attack, generic
	}
	if t := v.has(trigger.Arrests); t != nil {
		a1, a2 := v.roles(t)
		if a1 != nil && a1.Armed() && !a1.State() {
			return trigger.AbductionForcedDisappearance, t
		}
		// ACLED codebook, Violence against civilians: a person who dies
		// while state forces arrest or hold them ("a woman died after
		// officers pinned her to the ground during an arrest") is the
		// victim of an attack by those forces, as a death in custody is;
		// the arrest is how it began, not the event.
		if a1 != nil && a1.State() && v.diedHeld(a2) {
			return trigger.Attack, t
		}
		return trigger.Arrests, t
	}
	for _, st := range []trigger.Class{
		trigger.LootingPropertyDestruction, trigger.NonViolentTransferOfTerritory, trigger.Agreement,
		trigger.HeadquartersOrBaseEstablished, trigger.ChangeToGroupActivity, trigger.Other,
	} {
		t := v.has(st)
		// ACLED codebook, Non-violent transfer of territory: ground changes
		// hands; a handover of weapons ("handed over their weapons") is
		// no territory.
		if st == trigger.NonViolentTransferOfTerritory && t != nil && v.after(t, trigger.Weapon, 3) != nil {
			continue
		}
		if t != nil {
			return st, t
		}
	}
	return "", nil
}

// refineByWeapon names the explosive sub-event type of a generic attack
// from the weapon said to be used, "" when none is.
func refineByWeapon(has func(trigger.Class) bool) trigger.Class {
	switch {
	case has(trigger.ModSuicide):
		return trigger.SuicideBomb
	case has(trigger.ModAir):
		return trigger.AirDroneStrike
	case has(trigger.ModGrenade):
		return trigger.Grenade
	case has(trigger.ModArtillery):
		return trigger.ShellingArtilleryMissileAttack
	}
	return ""
}

// territory types a capture: of people (Arrests or Abduction), or of
// ground, by who takes it. A capture of weapons is the pair of a finding
// verb and a weapon (trigger_pairs.tsv: Disrupted weapons use).
func (v *sentenceView) territory(t *trigger.Trigger) trigger.Class {
	if t.Class == trigger.Capture || t.Class == trigger.Seize {
		for _, p := range v.peopleToks {
			if p >= t.Last && p-t.Last <= 4 {
				a1, _ := v.roles(t)
				if a1 != nil && a1.Armed() && !a1.State() {
					return trigger.AbductionForcedDisappearance
				}
				return trigger.Arrests
			}
		}
		ground := false
		for _, p := range v.placeToks {
			if p >= t.Last && p-t.Last <= 4 {
				ground = true
			}
		}
		ground = ground || t.Strength == 3 || v.after(t, trigger.TargetArmed, 10) != nil || v.after(t, trigger.TargetCivilian, 10) != nil || v.after(t, trigger.Ground, 10) != nil
		if !ground {
			return ""
		}
	}
	// ACLED codebook, Non-violent transfer of territory: ground acquired
	// "without engaging in violent conflict". A capture told with the
	// other side's withdrawal or with no resistance, and no fighting
	// named, is one: "the rebels took the town after the army pulled out",
	// whatever the verb of taking ("recaptured the city after the troops
	// withdrew"), except one that names the force used ("overran").
	if t.Class != trigger.NonStateActorOvertakesTerritory && v.withoutFighting() {
		return trigger.NonViolentTransferOfTerritory
	}
	a1, a2 := v.roles(t)
	switch {
	case a1 != nil && a1.State():
		return trigger.GovernmentRegainsTerritory
	case a1 != nil && a1.Armed():
		return trigger.NonStateActorOvertakesTerritory
	case a1 == nil && a2 != nil && a2.Armed() && !a2.State():
		return trigger.GovernmentRegainsTerritory
	case t.Class == trigger.GovernmentRegainsTerritory:
		return trigger.GovernmentRegainsTerritory
	}
	return trigger.NonStateActorOvertakesTerritory
}

func firstOf(v *sentenceView, classes ...trigger.Class) *trigger.Trigger {
	for i := range v.triggers {
		t := &v.triggers[i]
		if !t.Active() {
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
func victimsArmed(v *sentenceView, t *trigger.Trigger) bool {
	a1, a2 := v.roles(t)
	if a2 != nil && a2.Armed() && (a1 == nil || a1.Armed()) {
		return true
	}
	if a2 != nil && a2.Civilian() {
		return false
	}
	for _, c := range v.victims {
		if c.fate == fateKilled || c.fate == fateInjured {
			if c.actor != nil {
				return c.actor.Armed()
			}
			if c.kind == kindMember {
				return true
			}
			if c.kind == kindCivilian {
				return false
			}
		}
	}
	// What was hit: "attacked a checkpoint", "attacked a village".
	armed, civ := v.after(t, trigger.TargetArmed, 6), v.after(t, trigger.TargetCivilian, 6)
	switch {
	case armed != nil && (civ == nil || armed.First < civ.First):
		return true
	case civ != nil:
		return false
	}
	// ACLED codebook, Violence against civilians: state forces or an
	// armed group killing a person who is not shown to be an armed
	// group's member is an Attack, not a battle. A battle needs two armed,
	// organised sides; an armed doer alone ("a councillor was hacked to
	// death by unknown attackers", "Man shot dead by police") says
	// nothing of the victim.
	return false
}

// personObject reports whether t, a verb that seizes, takes a person: "captured
// a senior commander who heads the explosives unit".
func (v *sentenceView) personObject(t *trigger.Trigger) bool {
	for _, p := range v.peopleToks {
		if p > t.First && p <= t.First+4 && p < t.Last {
			return true
		}
	}
	return false
}

// remoteBefore reports whether an explosive sub-event is named before t.
func (v *sentenceView) remoteBefore(t *trigger.Trigger) bool {
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
		if t := v.hasStrong(st); t != nil && !v.stopped(t) {
			return true
		}
	}
	return false
}

// stopped reports whether t, a weapon fired, is the object of a verb that
// stopped it: "intercepted a drone launched at the airport", "shot down
// two missiles fired from". ACLED codebook: an attack intercepted before
// it strikes is Disrupted weapons use.
func (v *sentenceView) stopped(t *trigger.Trigger) bool {
	for i := range v.triggers {
		u := &v.triggers[i]
		if u.Class == trigger.DisruptedWeaponsUse && u.Active() && u.Last <= t.First && t.First-u.Last <= 3 {
			return true
		}
	}
	return false
}

// crowdDoer reports whether m names rioters, or unorganised civilians in the
// plural ("villagers", "residents"): a group that is neither an armed
// organisation nor one person.
func crowdDoer(text string, m *actor.Mention) bool {
	if m.Kind != actor.Agent {
		return false
	}
	if m.Agent.Inter == actor.InterRioters {
		return true
	}
	if crowdNounDoer(text, m) {
		return true
	}
	w := strings.ToLower(text[m.Start:m.End])
	// English plural -s: "villagers", not "a villager" or "people".
	return m.Civilian() && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// crowdNounDoer reports whether m names rioters or a crowd ("a mob",
// "an angry crowd", function_words.tsv crowd): people acting together
// with no organisation.
func crowdNounDoer(text string, m *actor.Mention) bool {
	if m.Kind != actor.Agent {
		return false
	}
	if m.Agent.Inter == actor.InterRioters {
		return true
	}
	w := strings.ToLower(text[m.Start:m.End])
	return m.Civilian() && fw.is(w[strings.LastIndexByte(w, ' ')+1:], crowdNoun)
}

// withoutFighting reports whether the sentence tells ground changing hands
// without a fight: a withdrawal or an absence of resistance, and no
// fighting, attack, bombardment or casualty ("withdrew following intensive
// bombardment" is a withdrawal under fire).
func (v *sentenceView) withoutFighting() bool {
	t := v.mod(trigger.NonViolentTransferOfTerritory)
	if t == nil || t.Strength < 2 || v.violence() {
		return false
	}
	return v.mod(trigger.ArmedClash) == nil && v.mod(trigger.GenericAttack) == nil && !v.weaponsUsed()
}

// subjectOf reports whether m is the subject of the active verb t in the
// same clause: before it, with no punctuation and no other actor between
// ("villagers beat two men to death", "residents armed with sticks chased
// and killed a man"), not a speaker or a bystander named elsewhere.
func (v *sentenceView) subjectOf(m *actor.Mention, t *trigger.Trigger) bool {
	if t.Passive || m.Last > t.First || t.First-m.Last > 6 || v.toks == nil {
		return false
	}
	for k := m.Last; k < t.First; k++ {
		if v.toks[k].Kind == segment.Punct {
			return false
		}
	}
	for i := range v.all {
		if o := &v.all[i]; o.First >= m.Last && o.Last <= t.First {
			return false
		}
	}
	// A verb, not a noun ("the death of"), and active: its object follows
	// ("beat to death two men"), where a reduced passive goes on with a
	// circumstance ("two boys shot in ...", "firefighters shot while ...").
	if fw.tok(v.text, v.toks, t.First, determiner) || t.First > 0 && fw.tok(v.text, v.toks, t.First-1, determiner) {
		return false
	}
	if t.Last < len(v.toks) && fw.tok(v.text, v.toks, t.Last, reducedPassiveNext) {
		return false
	}
	for _, p := range v.peopleToks {
		if p >= t.Last && p-t.Last <= 4 {
			return true
		}
	}
	return false
}

// groupDecision are the strategic developments a group decides on, told
// in a main clause that may give their occasion: a new leader, a merger,
// an agreement, a base, a handover.
var groupDecision = map[trigger.Class]bool{
	trigger.ChangeToGroupActivity: true, trigger.Agreement: true,
	trigger.HeadquartersOrBaseEstablished: true, trigger.NonViolentTransferOfTerritory: true,
}

// setOccasions sets aside, as background, the events named in an adjunct
// of time after a group's decision: "named a new leader after the death
// of its commander", "took up arms again three years after the peace
// deal". A preposition of time before a determiner (function_words.tsv,
// occasion) opens a noun phrase naming the occasion, which happened
// before the main clause's event; the sentence reports the decision.
// (ACLED codes the occasion for its own date when a report tells it.)
// Arrests are left out: "arrested after the shooting" follows an event
// that the story is about.
func setOccasions(text string, toks []segment.Token, ts []trigger.Trigger) {
	for i := range ts {
		m := &ts[i]
		if !groupDecision[m.Class] || m.Strength != 3 || !m.Active() {
			continue
		}
		for j := range ts {
			u := &ts[j]
			if u.First < m.Last || u.Suppressed != "" {
				continue
			}
			if occasionOf(text, toks, m.Last, u.First) {
				u.Suppressed = "background"
			}
		}
	}
}

// occasionOf reports whether the token at k opens, or stands in, an
// adjunct "after the ..." that begins after from: a preposition of time
// followed by a determiner (the determiner may be k itself, "after the
// death of"), with no punctuation between it and k. The adjunct runs to
// the end of its clause: "after the killing of its founder in an air
// strike".
func occasionOf(text string, toks []segment.Token, from, k int) bool {
	for p := k - 1; p >= from; p-- {
		if p+1 < len(toks) && fw.tok(text, toks, p, occasionPrep) && fw.tok(text, toks, p+1, determiner) {
			for q := p; q < k; q++ {
				if toks[q].Kind == segment.Punct {
					return false
				}
			}
			return true
		}
	}
	return false
}

// diedHeld reports whether the sentence counts as killed the person that
// an arrest acts on: the same mention names the dead and the one arrested
// (a2), or the arrest names no one arrested ("died during an arrest",
// "died after his arrest") and the dead are civilians: then they are whom
// it befell. An arrest of others ("arrested two men after a trader was
// killed") counts its own people and is not read so.
func (v *sentenceView) diedHeld(a2 *actor.Mention) bool {
	for _, c := range v.victims {
		if c.fate == fateArrested && a2 == nil {
			return false
		}
	}
	for _, c := range v.victims {
		if c.fate != fateKilled {
			continue
		}
		if c.actor != nil && a2 != nil && sameMention(c.actor, a2) {
			return true
		}
		if a2 == nil && c.kind == kindCivilian && (c.actor == nil || c.actor.Civilian()) {
			return true
		}
	}
	return false
}
