package event

// Roles: who acted (actor1) and on whom (actor2), by voice and position.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/syntax"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
	"github.com/sitrep-dev/sitrep/lexicon"
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
		// "in Patna, India on Monday": a name after a place name and a
		// comma is that place's country or region, a place as well.
		if w == "," && k > 0 && toks[k-1].Upper {
			j := k - 1
			for j > 0 && j >= k-3 && toks[j].Upper && toks[j].Kind == segment.Word {
				j--
			}
			return fw.tok(text, toks, j, locativePrep)
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

// roleState is what the role rules read and decide: the candidates by
// position around the trigger, then actor1 and actor2.
type roleState struct {
	text    string
	toks    []segment.Token
	s       segment.Sentence
	t       *trigger.Trigger
	cands   []actor.Mention // role candidates, in text order
	all     []actor.Mention // every actor of the sentence
	victims []count
	// subj is the nearest candidate before the trigger, objBefore the first
	// before it after a preposition, after and after2 the first two after it.
	subj, objBefore, after, after2 *actor.Mention
	passiveBefore                  bool
	a1, a2                         *actor.Mention
	done                           bool // a rule has decided both roles
}

// roleRule refines who acted and on whom.
type roleRule struct {
	name    string
	source  string // the linguistic fact or ACLED codebook clause
	example string // a sentence of our own the rule decides
	apply   func(r *roleState)
}

// positionRules refine who stands where around the trigger, in order.
var positionRules = []roleRule{
	{
		name:    "wound borne",
		source:  "syntax: a noun of a wound after a preposition of bearing (\"found with gunshot wounds\", \"suffering from a gunshot wound\") names what a person bears; the subject of the clause found or bears it and is no doer (actor1) of the violence",
		example: "Soldiers found three herders with gunshot wounds near Gao, Mali, on Monday.",
		apply: func(r *roleState) {
			if !fw.tok(r.text, r.toks, r.t.Last-1, woundNoun) {
				return
			}
			for k := r.t.First - 1; k >= r.s.First && k >= r.t.First-3; k-- {
				if fw.tok(r.text, r.toks, k, bearerPrep) {
					r.a1, r.a2, r.done = nil, nil, true
					return
				}
				if r.toks[k].Kind != segment.Word {
					return
				}
			}
		},
	},
	{
		name:    "holder of the framing noun",
		source:  "ACLED codebook: a death in custody is the doing of the force that holds the person, and a death in a force's firing the doing of that force (actor1); syntax: the state actor modifying a custodial or firing noun after \"in\" (\"died in army custody\", \"killed in police firing\") names the doer, not the victim",
		example: "A farmer dies in army custody in Gulu, Uganda, on Monday.",
		apply: func(r *roleState) {
			m := framingHolder(r.text, r.toks, r.s, r.t, r.cands)
			if m == nil {
				return
			}
			// The one who died, counted but named as no group's member
			// ("a farmer", "a detainee"), is a civilian: ACLED's Civilians
			// (country); the codebook counts people held by a force as
			// civilians.
			var victim *actor.Mention
			for _, c := range r.victims {
				if c.fate == fateKilled && c.kind != kindMember && (c.actor == nil || !c.actor.Armed()) {
					victim = unnamedCivilians
				}
			}
			r.a1, r.a2, r.done = m, victim, true
		},
	},
	{
		name:    "reciprocal between",
		source:  "syntax: \"between X and Y\" names both sides of a reciprocal event, ACLED's actor1 and actor2",
		example: "Clashes between government troops and Al-Shabaab militants left five dead in Baidoa.",
		apply: func(r *roleState) {
			if r.t.Last < r.s.Last && fw.tok(r.text, r.toks, r.t.Last, betweenPrep) && r.after != nil && r.after2 != nil {
				r.a1, r.a2, r.done = r.after, r.after2, true
			}
		},
	},
	{
		name:    "passive before the event noun",
		source:  "syntax: a reduced passive of violence before the noun that names the event (\"soldiers killed in an ambush\") makes the subject its victim",
		example: "Two Nigerian soldiers killed in ambush near Maiduguri.",
		apply: func(r *roleState) {
			if r.t.Passive {
				return
			}
			for k := r.s.First; k < r.t.First; k++ {
				if fw.tok(r.text, r.toks, k, fateParticiple) && k+1 < r.t.First && fw.tok(r.text, r.toks, k+1, framePrep) {
					r.passiveBefore = r.subj != nil && r.subj.Last <= k
				}
			}
		},
	},
	{
		name:    "passive subject of a verb of harm before the event noun",
		source:  "syntax: a subject followed by a passive verb of harm (\"nine civilians were killed when a car bomb exploded\") is that verb's patient, whom the event befell (actor2), not the doer of the event named after it",
		example: "Nine civilians were killed when a car bomb exploded near a market in Mogadishu on Sunday.",
		apply: func(r *roleState) {
			if r.subj == nil || r.t.Passive || r.passiveBefore {
				return
			}
			for k := r.subj.Last; k < r.t.First; k++ {
				if !fw.tok(r.text, r.toks, k, passiveAux) {
					continue
				}
				j := k + 1
				for j < r.t.First && fw.tok(r.text, r.toks, j, passiveSkip) {
					j++
				}
				if j < r.t.First && fw.tok(r.text, r.toks, j, fateParticiple) {
					r.passiveBefore = true
					return
				}
			}
		},
	},
	{
		name:    "subject of a verb of dying before the event noun",
		source:  "syntax: a verb of dying is unaccusative, its subject is whom the death befell (\"four children died when a rocket struck their home\"): the victim, not the doer of the event named after it",
		example: "Four children died when a rocket struck their home near Donetsk on Sunday.",
		apply: func(r *roleState) {
			if r.t.Passive || r.passiveBefore {
				return
			}
			if r.subj == nil {
				// The one who died is named by no actor ("a suspected
				// smuggler died in a gunfight with police"): the verb of
				// dying before the event noun still makes whoever follows
				// it the doer, not the one it befell.
				for k := r.s.First; k < r.t.First; k++ {
					if fw.tok(r.text, r.toks, k, unaccusative) && !segment.ClauseBreak(r.text, r.toks, k, r.t.First) {
						r.passiveBefore = true
					}
				}
				return
			}
			j := r.subj.Last
			for j < r.t.First && fw.tok(r.text, r.toks, j, passiveSkip) {
				j++
			}
			if j < r.t.First && fw.tok(r.text, r.toks, j, unaccusative) {
				r.passiveBefore = true
			}
		},
	},
	{
		name:    "coordinated subjects",
		source:  "syntax: of a subject joined by \"and\" (\"the army and allied militias recaptured\"), the first is the head of the coalition, ACLED's actor1",
		example: "Iraqi troops and Popular Mobilization Forces units recaptured three villages from Islamic State in Anbar.",
		apply: func(r *roleState) {
			if r.subj == nil {
				return
			}
			k := r.subj.First - 1
			for k > r.s.First && !r.toks[k].Upper && r.toks[k].Kind == segment.Word && !fw.tok(r.text, r.toks, k, conjunction) && r.subj.First-k <= 3 {
				k--
			}
			if k >= r.s.First && fw.tok(r.text, r.toks, k, conjunction) {
				for i := range r.cands {
					// The two subjects stand side by side: "The attackers
					// fled on foot, and police detained" joins clauses.
					if m := &r.cands[i]; m.Last <= k && m.Last >= k-4 && !afterPrep(r.text, r.toks, r.s.First, m) && !segment.ClauseBreak(r.text, r.toks, m.Last, k) {
						r.subj = m
						break
					}
				}
			}
		},
	},
	{
		name:    "shared subject",
		source:  "syntax: a verb joined by \"and\" shares the subject of the verb before it (\"X attacked Y and captured Z\"), and so does a participle after a comma (\"..., killing six\")",
		example: "Al-Shabaab militants stormed a police station and killed seven officers in Mogadishu.",
		apply: func(r *roleState) {
			if r.t.Passive || r.passiveBefore {
				return
			}
			if prev := coordinated(r.text, r.toks, r.s, r.t, r.cands); prev != nil {
				r.subj = prev
			} else if w := r.toks[r.t.First].Text(r.text); strings.HasSuffix(w, "ing") && r.t.First > r.s.First && r.text[r.toks[r.t.First-1].Start] == ',' {
				for i := range r.cands {
					if m := &r.cands[i]; m.First < r.t.First && !afterPrep(r.text, r.toks, r.s.First, m) {
						r.subj = m
						break
					}
				}
			}
		},
	},
	{
		name:    "possessive owner",
		source:  "reference: \"its fighters\" after a named group are the group's own men; ACLED codes the group",
		example: "Islamic State said its fighters killed 12 soldiers in Diyala province.",
		apply: func(r *roleState) {
			if r.subj != nil && r.subj.Kind == actor.Agent && r.subj.First > r.s.First && fw.tok(r.text, r.toks, r.subj.First-1, possessivePlural) {
				if sp := speakerActor(r.cands, r.all, r.subj); sp != nil {
					r.subj = sp
				}
			}
		},
	},
}

// assignRules decide actor1 and actor2 from the positions, after the
// active voice has put the subject first and the object second.
var assignRules = []roleRule{
	{
		name:    "voice",
		source:  "syntax: in the active voice the subject acts on the object; in the passive the subject is acted on and the agent follows (\"killed by\")",
		example: "Twelve villagers were killed by Boko Haram fighters in Borno state.",
		apply: func(r *roleState) {
			if r.t.Passive || r.passiveBefore {
				r.a2 = r.subj
				// "Police raid offices in Lahore; 25 detained": a count
				// right before the participle is its subject, and an
				// actor further back is the subject of another clause.
				if r.a2 != nil && r.a2.Last < r.t.First-1 && countJustBefore(r) {
					r.a2 = nil
				}
				if r.a2 == nil {
					r.a2 = r.objBefore
				}
				r.a1 = r.after
			}
		},
	},
	{
		name:    "agent modifying the event noun",
		source:  "syntax: an actor that modifies an event noun inside a prepositional phrase (\"died in army shelling\", \"killed in police firing\", \"in a Boko Haram ambush\") is that event's doer, ACLED's actor1; the subject of the clause is who it befell, actor2",
		example: "Two villagers died in army shelling in Idlib on Monday.",
		apply: func(r *roleState) {
			ob := r.objBefore
			if ob == nil || ob.Last != r.t.First || r.t.Passive || r.t.Last-r.t.First != 1 {
				return
			}
			if r.a1 != nil && r.a1 != r.subj {
				return
			}
			victim := r.subj
			if victim == ob {
				victim = nil
			}
			r.a1 = ob
			if r.a2 == nil || r.a2 == ob {
				r.a2 = victim
			}
		},
	},
	{
		name:    "implicit police of arrests",
		source:  "ACLED codebook (Arrests): arrests are carried out by state forces; an arrest that names no one who made it (\"were arrested\", \"the arrest of\") is the police's of the event's country and period",
		example: "Six men were arrested in Lahore on Tuesday.",
		apply: func(r *roleState) {
			r.a1 = implicitPolice(r.t, r.a1, r.a2)
		},
	},
	{
		name:    "victims' group",
		source:  "ACLED codebook: actor2 is who was acted on; the group named with the counted victims (\"killing 12 security force members\") is it",
		example: "A suicide bombing by Al-Shabaab killed nine Somali soldiers in Mogadishu on Tuesday.",
		apply: func(r *roleState) {
			if r.a2 != nil {
				return
			}
			for _, c := range r.victims {
				if c.actor != nil {
					r.a2 = c.actor
					return
				}
			}
		},
	},
	{
		name:    "people arrested named by a common noun",
		source:  "ACLED codebook (Arrests): actor2 is who was detained; people counted by a common noun of people who belong to no group (\"four men\", \"two traders\") are Civilians (country); counted suspects or fighters are not",
		example: "Officers arrested four men in Multan on Wednesday.",
		apply: func(r *roleState) {
			if r.a2 != nil || r.t.Class != trigger.Arrests {
				return
			}
			for _, c := range r.victims {
				if c.fate == fateArrested && c.kind == kindCivilian && (c.actor == nil || c.actor.Civilian()) {
					r.a2 = unnamedCivilians
					return
				}
			}
		},
	},
}

// statePolice is the police of whatever country and period an event is
// resolved for: a mention with no text, standing for an agent the text
// leaves implicit (ACLED's "Police Forces of {country} ({period})").
// unnamedCivilians likewise stands for people the text names by a common
// noun only ("a man", "the driver"): ACLED's "Civilians ({country})".
var statePolice, unnamedCivilians *actor.Mention

// loadImplicitAgents finds the generic police and civilians agents of
// the embedded agents.
func loadImplicitAgents() error {
	as, err := lexicon.Agents()
	if err != nil {
		return err
	}
	for i := range as {
		a := &as[i]
		switch {
		case a.Kind == "police" && a.Template == "{police}" && slices.Contains(a.Terms, "police"):
			statePolice = &actor.Mention{Kind: actor.Agent, Agent: a, First: -1, Last: -1}
		case a.Kind == "civilians" && a.Assoc == "" && slices.Contains(a.Terms, "civilians"):
			unnamedCivilians = &actor.Mention{Kind: actor.Agent, Agent: a, First: -1, Last: -1}
		}
	}
	if statePolice == nil || unnamedCivilians == nil {
		return fmt.Errorf("event: no police or civilians agent in the embedded agents")
	}
	return nil
}

// implicitPolice returns actor1 of an arrest: a1 when the text names who
// made it, else the police of the event's country and period (ACLED
// codebook, Arrests: carried out by state forces), nil when those
// arrested are police or soldiers ("two policemen were detained": police
// arrested are no police arresting).
func implicitPolice(t *trigger.Trigger, a1, a2 *actor.Mention) *actor.Mention {
	if t.Class != trigger.Arrests || statePolice == nil {
		return a1
	}
	if a1 == statePolice && a2 != nil && a2.State() {
		return nil
	}
	if a1 != nil || a2 != nil && a2.State() {
		return a1
	}
	return statePolice
}

// sentenceRoles is what the role rules read of a sentence beyond its
// tokens and actors: its parse, made when first needed (parse nil: the
// sentence is not parsed), and its triggers.
type sentenceRoles struct {
	parse    func() []syntax.TokenWord
	words    []syntax.TokenWord // the parse, once made
	parsed   bool
	all      bool // parse whenever roles are asked, not only when arcsMayChange
	triggers []trigger.Trigger
	// person reports a common noun of people ("man", "driver"), folded.
	person func(w string) bool
}

// roleWhy says, for --explain, which arc or rule gave each role; framed
// is true when actor1 is the doer named in the noun that frames the
// event ("killed in police firing", "died in police custody").
type roleWhy struct {
	a1, a2 string
	framed bool
}

// roles assigns actor1 (who acted) and actor2 (on whom) around the main
// trigger (explainedRoles).
func roles(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands, all []actor.Mention, victims []count, sr *sentenceRoles) (a1, a2 *actor.Mention) {
	a1, a2, _ = explainedRoles(text, toks, s, t, cands, all, victims, sr)
	return a1, a2
}

// explainedRoles assigns actor1 and actor2 around trigger t: from the
// dependency arcs when the sentence is parsed (arcroles.go), and for a
// role the arcs leave open by position and the role rules; then the
// actor the codebook implies (implicitPolice).
func explainedRoles(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands, all []actor.Mention, victims []count, sr *sentenceRoles) (a1, a2 *actor.Mention, why roleWhy) {
	a1, a2, why = windowRoles(text, toks, s, t, cands, all, victims)
	words := sr.wordsFor(text, toks, s, t, cands, a1, a2)
	if len(words) == 0 {
		return a1, a2, why
	}
	ar := arcReader{p: tree{ws: words, head: -1}, cands: cands, ts: sr.triggers}
	x1, x2 := ar.arcRoles(t)
	if x1.m != nil && sameMention(x1.m, x2.m) {
		x2.m = nil
	}
	// A pronoun ("they") refers to an actor the window may have found.
	if x1.m == nil && x1.word >= 0 && words[x1.word].UPOS != "PRON" && a1 != nil && a1 != statePolice && !sameMention(a1, x2.m) && !insideArc(words, x1.word, a1) {
		// The arcs find who acts and it is no actor ("a man shot two
		// officers", "lawyers criticised the arrest"): the window's
		// actor stands elsewhere in the sentence.
		a1, why.a1 = nil, ""
	}
	if x1.m != nil {
		if sameMention(a2, x1.m) {
			a2, why.a2 = nil, ""
		}
		a1, why.a1, why.framed = x1.m, x1.why, x1.framed
	}
	if x2.m != nil {
		if sameMention(a1, x2.m) {
			a1, why.a1 = nil, ""
		}
		a2, why.a2 = x2.m, x2.why
	}
	// "A man was shot dead by police", "police arrested a driver": the
	// one acted on is a person named by a common noun, a civilian until
	// the text says otherwise (ACLED: Civilians (country)); violence on
	// civilians is no battle.
	// "The men were killed" refers back to people already told, who
	// may be fighters: only a person told anew ("a man", "two drivers")
	// is read so.
	if a2 == nil && x2.m == nil && x2.word >= 0 && sr.person != nil && sr.person(strings.ToLower(words[x2.word].Form)) && !ar.told(x2.word) {
		a2, why.a2 = unnamedCivilians, x2.why+", a person named by a common noun: civilians"
	}
	if p := implicitPolice(t, a1, a2); p != a1 {
		a1, why.a1, why.framed = p, "", false
		if p != nil {
			why.a1 = "implicit: the police of the event's country (ACLED codebook, Arrests)"
		}
	}
	return a1, a2, why
}

// insideArc reports whether mention m lies in the phrase that word w of
// the parse heads.
func insideArc(ws []syntax.TokenWord, w int, m *actor.Mention) bool {
	for i := range ws {
		if ws[i].Token < m.First || ws[i].Token >= m.Last {
			continue
		}
		for k, n := i, 0; k >= 0 && n < len(ws); k, n = ws[k].Head-1, n+1 {
			if k == w {
				return true
			}
		}
	}
	return false
}

// sameMention reports whether a and b are the same mention of the text.
func sameMention(a, b *actor.Mention) bool {
	return a != nil && b != nil && (a == b || a.First >= 0 && a.First == b.First && a.Last == b.Last)
}

// windowRoles assigns actor1 and actor2 by position around the trigger,
// then by the role rules, naming the rule behind each.
func windowRoles(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands, all []actor.Mention, victims []count) (a1, a2 *actor.Mention, why roleWhy) {
	r := roleState{text: text, toks: toks, s: s, t: t, cands: cands, all: all, victims: victims}
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
				if r.objBefore == nil {
					r.objBefore = m
				}
			} else {
				r.subj = m // the nearest subject before the trigger
			}
		case m.First >= t.Last:
			if r.after == nil {
				r.after = m
			} else if r.after2 == nil {
				r.after2 = m
			}
		}
	}
	for _, rule := range positionRules {
		if rule.apply(&r); r.done {
			return r.a1, r.a2, roleWhy{a1: "window rule '" + rule.name + "'", a2: "window rule '" + rule.name + "'"}
		}
	}
	// The active voice: the subject acts, on the object after the verb or
	// the one before it after a preposition.
	r.a1, r.a2 = r.subj, r.after
	if r.a2 == nil {
		r.a2 = r.objBefore
	}
	why = roleWhy{a1: "window: the subject before the trigger", a2: "window: the object after the trigger"}
	for _, rule := range assignRules {
		a1, a2 := r.a1, r.a2
		rule.apply(&r)
		if r.a1 != a1 {
			why.a1 = "window rule '" + rule.name + "'"
		}
		if r.a2 != a2 {
			why.a2 = "window rule '" + rule.name + "'"
		}
	}
	if r.a1 != nil && r.a2 != nil && r.a1.First == r.a2.First {
		r.a2 = nil
	}
	return r.a1, r.a2, why
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
	// "The attackers fled, and police arrested two men": an actor
	// between "and" and the verb is the subject of a clause of its own.
	for i := range cands {
		if m := &cands[i]; m.First > and && m.Last <= t.First {
			return nil
		}
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
	if near == nil || near.Live() {
		return false
	}
	return i-near.Last <= 6 && !segment.ClauseBreak(text, toks, near.Last, i)
}

func passive(text string, toks []segment.Token, from, to int, t *trigger.Trigger) bool {
	for k := t.First - 1; k >= from && k >= t.First-3; k-- {
		if fw.tok(text, toks, k, passiveAux) {
			return true
		}
		if !fw.tok(text, toks, k, passiveSkip) && !mannerAdverb(text, toks[k]) {
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
	// A count in digits before the participle is its subject too ("Police
	// clear blockade, 12 detained"): a number does not act.
	prev := t.First > from && (toks[t.First-1].Kind == segment.Word || toks[t.First-1].Kind == segment.Number)
	if transitive && t.Last-t.First == 1 && strings.HasSuffix(w, "ed") && prev && !fw.tok(text, toks, t.First-1, activeBefore) {
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

// countJustBefore reports whether a count of people ends right before
// the trigger: "25 detained".
func countJustBefore(r *roleState) bool {
	if r.t.First == 0 {
		return false
	}
	prev := r.toks[r.t.First-1]
	for _, c := range r.victims {
		if c.start >= prev.Start && c.end <= r.toks[r.t.First].Start {
			return true
		}
	}
	return false
}

// mannerAdverb reports a lower-case adverb in -ly ("accidentally",
// "critically"): English puts manner and degree adverbs between a passive
// auxiliary and its participle ("was accidentally shot").
func mannerAdverb(text string, t segment.Token) bool {
	w := t.Key(text)
	return t.Kind == segment.Word && !t.Upper && len(w) > 4 && strings.HasSuffix(w, "ly")
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

// arrestingPolice returns the implicit police of a demonstration's
// arrests that name no one who made them ("forty protesters were
// detained"): ACLED codes the state forces that intervened as the
// protest's second actor, and arrests are theirs (codebook, Arrests).
func arrestingPolice(v *sentenceView) (*actor.Mention, string) {
	if t := v.has(trigger.Arrests); t != nil {
		if a1, _ := v.roles(t); a1 == statePolice {
			return statePolice, "implicit: the police who made the demonstration's arrests (ACLED codebook, Arrests)"
		}
	}
	return nil, ""
}

// framingHolder returns the state actor that frames a death after trigger
// t as its doing: "died in police custody", "killed in army firing", "died
// in the custody of the police" (the custodial word class). It looks only
// at the few words after the trigger, so that an arrest told elsewhere in
// the sentence does not frame the death; nil when there is none.
func framingHolder(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands []actor.Mention) *actor.Mention {
	if t.Class != trigger.Kill && t.Class != trigger.Injure {
		return nil
	}
	// "died in custody": the hold right after the death, with no holder
	// named, is the police's of the event's country and period.
	if statePolice != nil && t.Last+1 < s.Last && fw.tok(text, toks, t.Last, framePrep) && fw.tok(text, toks, t.Last+1, heldNoun) {
		return statePolice
	}
	for i := range cands {
		m := &cands[i]
		if !m.State() || m.First < t.Last || m.First-t.Last > 4 {
			continue
		}
		// "in police custody": the holder modifies the noun.
		if m.Last < s.Last && fw.tok(text, toks, m.Last, custodial) && m.First-1 >= t.Last && fw.tok(text, toks, m.First-1, framePrep) {
			return m
		}
		// "in the custody of the police": the holder follows "of".
		for k := m.First - 1; k >= t.Last && k >= m.First-4; k-- {
			if fw.tok(text, toks, k, custodial) {
				if k-1 >= t.Last && fw.tok(text, toks, k-1, framePrep) || k-2 >= t.Last && fw.tok(text, toks, k-2, framePrep) {
					return m
				}
				break
			}
		}
	}
	return nil
}

// wordsFor returns the parse of the sentence when the arcs may read the
// roles of t otherwise than the window did (a1, a2), parsing it on the
// first call; nil when the sentence is not parsed.
func (sr *sentenceRoles) wordsFor(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands []actor.Mention, a1, a2 *actor.Mention) []syntax.TokenWord {
	if sr == nil || sr.parse == nil {
		return nil
	}
	if !sr.all && !arcsMayChange(text, toks, s, t, cands, a1, a2, sr) {
		return nil
	}
	if !sr.parsed {
		sr.words, sr.parsed = sr.parse(), true
	}
	return sr.words
}

// arcsMayChange reports whether the arcs may read the roles of trigger t
// otherwise than the window rules did (a1, a2): whether its sentence is
// worth parsing. Parsing is the dearest stage, and the arcs change the
// roles of about one parsed sentence in six; the others read as the
// window does. It is a superset of the constructions arcroles.go reads
// otherwise than the window, told by the tokens alone:
//   - an event noun that frames the trigger and names a doer ("killed in
//     police firing", "died in police custody": circumstanceAgent);
//   - a role candidate the window gave no role (the arcs may make it the
//     subject, object or agent);
//   - a verb of dying, whose subject undergoes it (unaccusative);
//   - actor1 after the trigger, of a passive trigger (or a trigger phrase
//     with its passive auxiliary, "were formed"), or before it with
//     more than auxiliaries and adverbs between (another verb's subject,
//     "police are investigating a shooting"; a relative or reported
//     clause; a nominal trigger with no doer);
//   - actor2 before an active trigger or one with actor1 (a subject the
//     window read as the object), or after it beyond punctuation or "by"
//     (a clause boundary, a passive's agent);
//   - no actor2 and a person named by a common noun told anew ("a man",
//     not "the man" or "his son"): the arcs may make it the civilian
//     victim.
//
// A sentence the window reads as a plain clause, actor1 right before an
// active trigger and actor2 right after it or none, is not parsed.
// TestParseChoice measures what the choice costs on the gold texts.
func arcsMayChange(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands []actor.Mention, a1, a2 *actor.Mention, sr *sentenceRoles) bool {
	onlyAux := func(from, to int) bool {
		for k := from; k < to; k++ {
			if !fw.tok(text, toks, k, auxiliary|passiveSkip|passiveAux) {
				return false
			}
		}
		return true
	}
	if framedBy(text, toks, s, t, cands, sr.triggers) {
		return true
	}
	for i := range cands {
		if m := &cands[i]; !sameMention(m, a1) && !sameMention(m, a2) {
			return true
		}
	}
	passive := t.Passive
	for k := t.First; k < t.Last; k++ {
		// A verb of dying; a trigger phrase with its auxiliary ("were
		// formed"), passive whatever the window rule made of it.
		if a1 != nil && fw.tok(text, toks, k, unaccusative) {
			return true
		}
		passive = passive || fw.tok(text, toks, k, passiveAux)
	}
	if a1 != nil && a1.First >= 0 && (a1.First >= t.First || passive || !onlyAux(a1.Last, t.First)) {
		return true
	}
	if a2 != nil && a2.First >= 0 {
		if a2.First < t.First && (a1 != nil || !passive) {
			return true
		}
		for k := t.Last; k < a2.First; k++ {
			if toks[k].Kind == segment.Punct || fw.tok(text, toks, k, agentBy) {
				return true
			}
		}
	}
	if a2 == nil && sr.person != nil {
		for k := s.First; k < s.Last; k++ {
			if sr.person(toks[k].Key(text)) && (k == s.First || !fw.tok(text, toks, k-1, anaphoricDet|possessiveSingular|possessivePlural)) {
				return true
			}
		}
	}
	return false
}

// framedBy reports a frame preposition after trigger t followed, within
// four words, by an event noun or a custodial noun with a role candidate
// near it: "killed in police firing", "died in police custody".
func framedBy(text string, toks []segment.Token, s segment.Sentence, t *trigger.Trigger, cands []actor.Mention, ts []trigger.Trigger) bool {
	for k := t.Last; k < s.Last-1; k++ {
		if !fw.tok(text, toks, k, framePrep) {
			continue
		}
		for j := k + 1; j < s.Last && j <= k+4; j++ {
			if !fw.tok(text, toks, j, custodial) && !eventTok(ts, j) {
				continue
			}
			for i := range cands {
				if m := &cands[i]; m.First > k && m.First <= j+3 {
					return true
				}
			}
		}
	}
	return false
}

// eventTok reports whether token k lies in a live event trigger of ts
// (arcReader.eventNoun).
func eventTok(ts []trigger.Trigger, k int) bool {
	for i := range ts {
		if t := &ts[i]; t.First <= k && k < t.Last && t.Live() && !t.Context() && t.Class != trigger.Protest {
			return true
		}
	}
	return false
}
