package event

// Counts and people: how many were killed, injured or arrested, and the
// named people with their fate.

import (
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
	"github.com/sitrep-dev/sitrep/internal/phrase"
)

// count is a number of people with a fate: "three important ISIS members"
// killed.
type count struct {
	n          int
	start, end int // byte span of the number phrase
	fate       string
	kind       string         // count noun kind: civilian, member, other
	actor      *actor.Mention // the group named with the noun ("ISIS members")
}

// counts finds the numbers of people killed, injured or arrested in
// sentence si: "killing 12 security force members", "24 people were
// killed", "killed a key ISIS commander".
func (b *Builder) counts(in *docState, si int, ts []trigger.Trigger, actors []actor.Mention) []count {
	text := in.Text
	s := in.Sents[si]
	toks := in.Toks
	tokAt := func(byteOff int) int {
		return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= byteOff })
	}
	fateOf := func(t *trigger.Trigger) string {
		if !t.Live() {
			return ""
		}
		switch t.Class {
		case trigger.Kill:
			return fateKilled
		case trigger.Injure:
			return fateInjured
		case trigger.Arrests:
			return fateArrested
		}
		return ""
	}
	type cand struct {
		n          int
		start, end int
		first      int // first token after the number
	}
	var cs []cand
	for _, n := range in.Numbers.In(si) {
		if n.Start < s.Start || n.End > s.End || n.Ordinal || n.Value <= 0 {
			continue
		}
		cs = append(cs, cand{n: n.Value, start: n.Start, end: n.End, first: tokAt(n.End)})
	}
	// "a"/"an"/"one" count one when a count noun follows.
	for i := s.First; i < s.Last; i++ {
		if fw.tok(text, toks, i, indefinite) {
			cs = append(cs, cand{n: 1, start: toks[i].Start, end: toks[i].End, first: i + 1})
		}
	}
	var out []count
	for _, c := range cs {
		if inRunningTotal(text, toks, s, tokAt(c.start), tokAt(c.end)) {
			continue
		}
		// The number of an age is no count: "a 3 year-old boy".
		if _, ok := ageCompound(text, toks, tokAt(c.start), s.Last); ok {
			continue
		}
		// The counted noun: within four tokens, past adjectives and a group name.
		noun, kind := -1, ""
		var grp *actor.Mention
		limit := c.first + 5
		for k := c.first; k < s.Last && k < limit; k++ {
			// An age compound is an adjective of the noun ("a
			// 23-year-old man") or the noun itself ("a 23-year-old was
			// killed"), read past, not a count.
			if end, ok := ageCompound(text, toks, k, s.Last); ok {
				if end >= s.Last || b.lex.countNouns[toks[end].Key(text)].kind == "" {
					noun, kind = end-1, kindCivilian
					break
				}
				limit += end - k
				k = end - 1
				continue
			}
			tk := toks[k]
			if tk.Kind == segment.Punct {
				if isQuote(text[tk.Start:tk.End]) {
					continue
				}
				break
			}
			// A determiner opens another noun phrase: the count's
			// phrase has ended ("the 911 call said the boy"), unless
			// a partitive preposition keeps it open ("six of the
			// attackers").
			if tk.Kind == segment.Number || fw.tok(text, toks, k, determiner) && (k == 0 || !fw.tok(text, toks, k-1, partitive)) {
				break
			}
			w := tk.Key(text)
			if cn, ok := b.lex.countNouns[w]; ok {
				noun, kind = k, cn.kind
				break
			}
			for i := range actors {
				if actors[i].First <= k && k < actors[i].Last && actors[i].Kind != actor.Country {
					grp = &actors[i]
				}
			}
		}
		// The actor mention may be the noun itself: "12 soldiers".
		if noun >= 0 {
			for i := range actors {
				if actors[i].First <= noun && noun < actors[i].Last && (grp == nil || actors[i].Kind != actor.Agent) {
					if grp == nil {
						grp = &actors[i]
					}
				}
			}
		}
		first := noun
		if noun < 0 {
			// "12 killed", "5 dead", "two were wounded": the fate word
			// right after the number, or after an auxiliary.
			at := c.first
			for at < s.Last && at < c.first+2 && fw.tok(text, toks, at, auxiliary) {
				at++
			}
			if w := phrase.Fold(text[c.start:c.end]); at < s.Last && !fw.is(w, indefinite) {
				for i := range ts {
					if ts[i].First == at && fateOf(&ts[i]) != "" {
						out = append(out, count{n: c.n, start: c.start, end: c.end, fate: fateOf(&ts[i]), kind: kindOther})
					}
				}
			}
			continue
		}
		// Fate: a trigger just before the number ("killing 12", "killed
		// at least 10"), else the next one after the noun ("were killed").
		fate := ""
		ctok := tokAt(c.start)
		for i := range ts {
			t := &ts[i]
			if f := fateOf(t); f != "" && t.Last <= ctok && ctok-t.Last <= 3 && !t.Passive {
				fate = f
			}
		}
		if fate == "" {
			// The fate verb after the noun: "24 people were killed". An
			// act that wounds by name ("shot") says the fate only in the
			// passive ("three men were shot"; "a gunman shot three men"
			// counts the three, not the gunman); and a death said with it
			// wins ("were shot and killed").
			for i := range ts {
				t := &ts[i]
				f := fateOf(t)
				if f == "" || t.First <= first || t.First-first > 6 || segment.ClauseBreak(text, toks, first, t.First) {
					continue
				}
				if f == fateInjured && t.Strength >= 2 && !t.Passive && !reflexiveObject(text, toks, t, s.Last) {
					continue
				}
				if fate == "" || f == fateKilled && fate == fateInjured {
					fate = f
				}
				if fate != fateInjured {
					break
				}
			}
		}
		if fate == "" {
			continue
		}
		if c.n == 1 && fw.is(phrase.Fold(text[c.start:c.end]), indefinite) && kind == kindOther {
			continue
		}
		out = append(out, count{n: c.n, start: c.start, end: c.end, fate: fate, kind: kind, actor: grp})
	}
	return out
}

// inRunningTotal reports whether the number of tokens [first, after) of
// sentence s lies in a clause that counts a running toll ("since the war
// began", "in total"): a whole conflict's or period's count, not one
// event's deaths.
func inRunningTotal(text string, toks []segment.Token, s segment.Sentence, first, after int) bool {
	for j := max(s.First, first-8); j < first; j++ {
		if fw.tok(text, toks, j, runningTotal) && !segment.ClauseBreak(text, toks, j, first) {
			return true
		}
	}
	for j := after; j < min(s.Last, after+10); j++ {
		if fw.tok(text, toks, j, runningTotal) && !segment.ClauseBreak(text, toks, after, j) {
			return true
		}
	}
	return false
}

// ageCompound reports whether the tokens from k on spell an age,
// "23-year-old" or "6-month-old" (function word class age_unit), and the
// token after it. The tokenizer reads it as a number, a hyphen and the
// hyphenated word "year-old"; it is also written without the first hyphen
// ("3 year-old").
func ageCompound(text string, toks []segment.Token, k, last int) (int, bool) {
	if k+2 > last || toks[k].Kind != segment.Number {
		return 0, false
	}
	next := k + 1
	if text[toks[k+1].Start:toks[k+1].End] == "-" && toks[k+1].Start == toks[k].End {
		if k+3 > last || toks[k+2].Start != toks[k+1].End {
			return 0, false
		}
		next = k + 2
	}
	unit, old, ok := strings.Cut(toks[next].Key(text), "-")
	if !ok || old != "old" || !fw.is(unit, ageUnit) {
		return 0, false
	}
	return next + 1, true
}

// auxiliary are the verbs of a passive between a number and its fate:
// "two were wounded", "five have been arrested".
func isQuote(s string) bool {
	switch s {
	case "‘", "’", "'", "\"", "“", "”":
		return true
	}
	return false
}

type personFate struct {
	m    person.Mention
	fate string
	si   int
}

// peopleFates gives each person named in sentence si the fate of the
// event verb that governs them, leaving out speakers.
func (b *Builder) peopleFates(in *docState, si int, ts []trigger.Trigger, cues []claim.Cue) []personFate {
	var out []personFate
	for _, p := range in.People.In(si) {
		speaker := false
		for _, c := range cues {
			if c.HasSpeaker() && p.First >= c.SpeakerFirst && p.Last <= c.SpeakerLast {
				speaker = true
			}
		}
		if speaker {
			continue
		}
		// "the attack on former governor X": X belongs to that background event.
		if behindSuppressed(in.Text, in.Toks, ts, p.First) {
			continue
		}
		fate := ""
		// The nearest governing trigger: a passive verb after the name,
		// or an active verb or noun ("the death of") before it.
		bestDist := 1 << 30
		for i := range ts {
			t := &ts[i]
			if !t.Live() {
				continue
			}
			f := fateOfPerson(t)
			if f == "" {
				continue
			}
			var dist int
			switch {
			case t.First >= p.Next && t.Passive:
				dist = t.First - p.Last
			case t.First >= p.Next && reflexiveObject(in.Text, in.Toks, t, len(in.Toks)) && t.First-afterAge(in.Text, in.Toks, p.Next) <= 3 &&
				!segment.ClauseBreak(in.Text, in.Toks, afterAge(in.Text, in.Toks, p.Next), t.First):
				// "Kevin Walsh, 34, shot himself": the subject is the
				// object.
				dist = t.First - p.Last
			case t.First >= p.Next && unaccusativeDeath(t) && t.First-afterAge(in.Text, in.Toks, p.Next) <= 4 &&
				!segment.ClauseBreak(in.Text, in.Toks, afterAge(in.Text, in.Toks, p.Next), t.First):
				// "Kevin Walsh, 34, died": the subject of a verb of
				// dying undergoes it, as the subject of a passive does.
				dist = t.First - p.Last
			case t.Last <= p.First && !t.Passive:
				dist = p.First - t.Last
				if dist > 8 {
					continue
				}
			default:
				continue
			}
			if dist < bestDist {
				bestDist, fate = dist, f
			}
		}
		if fate != "" {
			out = append(out, personFate{m: p, fate: fate, si: si})
		}
	}
	return out
}

// unaccusativeDeath reports a word of dying that attaches to its subject
// ("died", "was found dead"): an intransitive verb or predicate whose
// subject undergoes the death (trigger strength 1 of class kill), so a
// name before it is the one who died.
func unaccusativeDeath(t *trigger.Trigger) bool {
	return t.Class == trigger.Kill && t.Strength == 1 && !t.Passive
}

// reflexiveObject reports whether a reflexive pronoun ("himself") is the
// object right after trigger t: its subject is the one it befell.
func reflexiveObject(text string, toks []segment.Token, t *trigger.Trigger, last int) bool {
	return t.Last < last && fw.tok(text, toks, t.Last, reflexive)
}

// afterAge returns the token after an age in apposition at k (", 34,"),
// else k.
func afterAge(text string, toks []segment.Token, k int) int {
	if k+3 <= len(toks) && toks[k].Text(text) == "," && toks[k+1].Kind == segment.Number && toks[k+2].Text(text) == "," {
		return k + 3
	}
	return k
}

func fateOfPerson(t *trigger.Trigger) string {
	switch t.Class {
	case trigger.Kill:
		if t.Strength >= 1 {
			return sitrep.FateKilled
		}
	case trigger.Injure:
		return sitrep.FateInjured
	case trigger.Arrests:
		return sitrep.FateArrested
	case trigger.AbductionForcedDisappearance:
		return sitrep.FateOther
	case trigger.GenericAttack, trigger.Attack:
		return sitrep.FateTargeted
	}
	return ""
}
