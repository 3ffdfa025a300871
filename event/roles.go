package event

// Roles: who acted (actor1) and on whom (actor2), by voice and position.

import (
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// roleCandidates are the actor mentions that can fill actor1/actor2: not
// the speakers of cues, and not a country named as a place ("in Syria").
// A country acts only as the subject of a verb ("Israel struck"), and a
// demonym only with the weapon it names ("Turkish artillery").
func roleCandidates(text string, toks []segment.Token, ms []actor.Mention, cues []claim.Cue, ts []trigger.Trigger) []actor.Mention {
	out := make([]actor.Mention, 0, len(ms))
	for _, m := range ms {
		// "the arrest of two men by government forces": an actor of a
		// background event is not an actor of this one.
		if behindSuppressed(text, toks, ts, m.First) {
			continue
		}
		inSpeaker := false
		for _, c := range cues {
			if c.HasSpeaker() && m.First >= c.SpeakerFirst && m.Last <= c.SpeakerLast {
				inSpeaker = true
			}
		}
		if inSpeaker {
			continue
		}
		if m.Kind == actor.Country {
			if m.Demonym {
				armed := false
				for i := range ts {
					c := ts[i].Class
					if ts[i].First == m.Last && (c == trigger.ModAir || c == trigger.ModArtillery || c == trigger.Weapon || c == trigger.AirDroneStrike || c == trigger.ShellingArtilleryMissileAttack) {
						armed = true
					}
				}
				if !armed {
					continue
				}
			} else {
				if locative(text, toks, m.First) || m.Last >= len(toks) {
					continue
				}
				next := toks[m.Last]
				if next.Kind != segment.Word || next.Upper {
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

func locative(text string, toks []segment.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := toks[k].Key(text)
		if fw.is(w, locativePrep) {
			return true
		}
		if !fw.is(w, locativeSkip) {
			return false
		}
	}
	return false
}

func afterPrep(text string, toks []segment.Token, from int, m *actor.Mention) bool {
	for k := m.First - 1; k >= from && k >= m.First-3; k-- {
		w := toks[k].Key(text)
		if fw.is(w, objectPrep) {
			return true
		}
		if fw.is(w, objectSkip) {
			continue
		}
		return false
	}
	return false
}

// roles assigns actor1 (who acted) and actor2 (on whom) around the main
// trigger, by voice and position.
func roles(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands, all []actor.Mention, victims []count) (a1, a2 *actor.Mention) {
	var subj, objBefore, after, after2 *actor.Mention
	// A relative clause before the verb ("members of IS who were involved
	// in the attack on the governor have been arrested") holds no subject.
	rel := -1
	for k := t.First - 1; k >= s.First; k-- {
		if fw.tok(text, toks, k, relative) {
			rel = k
			break
		}
	}
	for i := range cands {
		m := &cands[i]
		switch {
		case rel >= 0 && m.First > rel && m.Last <= t.First:
			continue
		case m.First < t.First:
			// Before the trigger, or its first word ("Ukrainian drones attacked").
			if afterPrep(text, toks, s.First, m) {
				if objBefore == nil {
					objBefore = m
				}
			} else {
				subj = m // the nearest subject before the trigger
			}
		case m.First >= t.Last:
			if after == nil {
				after = m
			} else if after2 == nil {
				after2 = m
			}
		}
	}
	if t.Last < s.Last && fw.tok(text, toks, t.Last, betweenPrep) && after != nil && after2 != nil {
		return after, after2
	}
	// "Soldiers killed in ambush": a passive verb of violence before the
	// noun that names the event makes the subject its victim.
	passiveBefore := false
	if !t.Passive {
		for k := s.First; k < t.First; k++ {
			if fw.tok(text, toks, k, fateParticiple) {
				if k+1 < t.First && fw.tok(text, toks, k+1, framePrep) {
					passiveBefore = subj != nil && subj.Last <= k
				}
			}
		}
	}
	// "the security forces and allied paramilitary units recaptured": of
	// a subject joined by "and", the first.
	if subj != nil {
		k := subj.First - 1
		for k > s.First && !toks[k].Upper && toks[k].Kind == segment.Word && !fw.tok(text, toks, k, conjunction) && subj.First-k <= 3 {
			k--
		}
		if k >= s.First && fw.tok(text, toks, k, conjunction) {
			for i := range cands {
				if m := &cands[i]; m.Last <= k && m.Last >= k-4 && !afterPrep(text, toks, s.First, m) {
					subj = m
					break
				}
			}
		}
	}
	// "militants attacked the positions and captured parts of the city":
	// a verb joined by "and" shares the subject of the verb before it; so
	// does a participle after a comma ("troops repelled an attack by
	// bandits, killing six of the attackers").
	if !t.Passive && !passiveBefore {
		if prev := coordinated(text, toks, s, t, cands); prev != nil {
			subj = prev
		} else if w := toks[t.First].Text(text); strings.HasSuffix(w, "ing") && t.First > s.First && text[toks[t.First-1].Start] == ',' {
			for i := range cands {
				if m := &cands[i]; m.First < t.First && !afterPrep(text, toks, s.First, m) {
					subj = m
					break
				}
			}
		}
	}
	// "Islamic State said its fighters killed ...": the speaker's own men.
	if subj != nil && subj.Kind == actor.Agent && subj.First > s.First {
		if fw.tok(text, toks, subj.First-1, possessivePlural) {
			if sp := speakerActor(cands, all, subj); sp != nil {
				subj = sp
			}
		}
	}
	if t.Passive || passiveBefore {
		a2 = subj
		if a2 == nil {
			a2 = objBefore
		}
		a1 = after
	} else {
		a1 = subj
		a2 = after
		if a2 == nil {
			a2 = objBefore
		}
	}
	// The group named with the victims: "killing 12 security force members".
	if a2 == nil {
		for _, c := range victims {
			if c.actor != nil {
				a2 = c.actor
				break
			}
		}
	}
	if a1 != nil && a2 != nil && a1.First == a2.First {
		a2 = nil
	}
	return a1, a2
}

// coordinated returns the subject of the clause that a verb joined by
// "and" continues, or nil: in "X attacked Y and captured Z", X.
func coordinated(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands []actor.Mention) *actor.Mention {
	and := -1
	for k := t.First - 1; k >= s.First && k >= t.First-3; k-- {
		if fw.tok(text, toks, k, conjunction) {
			and = k
			break
		}
	}
	if and < 0 {
		return nil
	}
	// The clause before "and" must hold a verb-like actor subject: the
	// first actor of the sentence that is not after a preposition.
	for i := range cands {
		m := &cands[i]
		if m.Last > and {
			break
		}
		if !afterPrep(text, toks, s.First, m) {
			return m
		}
	}
	return nil
}

// speakerActor returns the named group or ruling power mentioned before m
// in the sentence: who "its fighters" belong to.
func speakerActor(cands, all []actor.Mention, m *actor.Mention) *actor.Mention {
	var best *actor.Mention
	for i := range all {
		a := &all[i]
		if a.Last <= m.First && (a.Kind == actor.Named || a.Kind == actor.Regime) {
			best = a
		}
	}
	return best
}

// behindSuppressed reports whether the nearest event trigger before token
// i is a suppressed one (background, plan, trend) in the same clause.
func behindSuppressed(text string, toks []segment.Token, ts []trigger.Trigger, i int) bool {
	var near *trigger.Trigger
	for k := range ts {
		t := &ts[k]
		if t.Context() || t.Last > i {
			continue
		}
		if near == nil || t.Last > near.Last {
			near = t
		}
	}
	if near == nil || near.Suppressed == "" || near.Suppressed == "generic" {
		return false
	}
	return i-near.Last <= 6 && !segment.ClauseBreak(text, toks, near.Last, i)
}

func passive(text string, toks []segment.Token, from, to int, t *trigger.Trigger) bool {
	for k := t.First - 1; k >= from && k >= t.First-3; k-- {
		if fw.tok(text, toks, k, passiveAux) {
			return true
		}
		if !fw.tok(text, toks, k, passiveSkip) {
			break
		}
	}
	if t.Last < to && fw.tok(text, toks, t.Last, agentBy) {
		return true
	}
	// A reduced passive, as headlines and captions write it: "Four IS
	// militants killed in Nangarhar raid", "two soldiers wounded".
	w := toks[t.Last-1].Key(text)
	transitive := t.Class == trigger.Kill || t.Class == trigger.Injure || t.Class == trigger.Arrests || t.Class == trigger.AbductionForcedDisappearance
	if transitive && t.Last-t.First == 1 && strings.HasSuffix(w, "ed") && t.First > from && toks[t.First-1].Kind == segment.Word && !fw.tok(text, toks, t.First-1, activeBefore) {
		// ... but "militants killed at least 40 civilians" is active.
		if t.Last+1 < to && fw.tok(text, toks, t.Last, lowerBoundHead) && fw.tok(text, toks, t.Last+1, lowerBoundTail) {
			return false
		}
		if t.Last == to || endsClause(text, toks[t.Last]) || fw.tok(text, toks, t.Last, reducedPassiveNext) {
			return true
		}
	}
	return false
}

func endsClause(text string, t segment.Token) bool {
	if t.Kind != segment.Punct {
		return false
	}
	switch text[t.Start:t.End] {
	case ".", ",", ";", ":", "!", "?":
		return true
	}
	return false
}
