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
	// hit marks people said to be shot, fate unsaid ("four people were
	// shot"): among the injured unless the text says they died, so the
	// dead told with them are among them (fate is fateInjured).
	hit bool
	// later marks a death told as the fate of someone already counted
	// hurt ("one of them later died", "died at the hospital"): a
	// transition from the injured to the killed, not another victim.
	later bool
	// ordinal is the rank of a victim told by its place in the count ("a
	// third victim died"): one person, and at least n in all.
	ordinal bool
}

// maxFateReach is how many tokens after its noun a count's verb of fate
// may stand ("24 people in the town were killed"); maxConjunct how many
// more a noun joined to it by "and" may take ("a man and a 20-year-old
// woman").
const (
	maxFateReach = 6
	maxConjunct  = 5
)

// maxOrdinalVictim is the highest rank read as a victim's place in the
// count of one incident ("a third victim"); a higher one ranks the event
// in a period's tally ("the 40th homicide this year").
const maxOrdinalVictim = 10

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
		ordinal    bool
		pronoun    bool // a singular pronoun or definite noun: one person
		bare       bool // of those, a headline's noun with no article: told first
		reflexive  bool // of those, a reflexive object: "shot himself"
		from       int  // for those, the first token of the noun phrase
	}
	var cs []cand
	inHeadline := headline(in, si)
	var numToks map[int]bool // the tokens of numbers, for a headline's bare nouns
	for _, n := range in.Numbers.In(si) {
		if inHeadline {
			if numToks == nil {
				numToks = map[int]bool{}
			}
			for k := tokAt(n.Start); k < len(toks) && toks[k].Start < n.End; k++ {
				numToks[k] = true
			}
		}
		if n.Start < s.Start || n.End > s.End || n.Value <= 0 || n.Ordinal && n.Value > maxOrdinalVictim {
			continue
		}
		// A vague quantity after an adverb of degree judges an amount,
		// counting no one: "too many killings", "so many shootings",
		// "how many were hurt".
		if k := tokAt(n.Start); n.Vague && k > s.First && fw.tok(text, toks, k-1, degree) {
			continue
		}
		cs = append(cs, cand{n: n.Value, start: n.Start, end: n.End, first: tokAt(n.End), ordinal: n.Ordinal})
	}
	// The numbers come in text order: one pointer walks them with the
	// tokens.
	nextNum := 0
	inNumber := func(k int) bool {
		for nextNum < len(cs) && cs[nextNum].end <= toks[k].Start {
			nextNum++
		}
		return nextNum < len(cs) && cs[nextNum].start <= toks[k].Start && toks[k].End <= cs[nextNum].end
	}
	for i := s.First; i < s.Last; i++ {
		// One lookup of the token's word classes.
		cls := fw[toks[i].Key(text)]
		if cls&(indefinite|dual|singularPerson) == 0 {
			continue
		}
		switch {
		case inNumber(i):
			// "a" of "a number of" is part of that count.
		case cls&indefinite != 0:
			// "a"/"an"/"one" count one when a count noun follows.
			cs = append(cs, cand{n: 1, start: toks[i].Start, end: toks[i].End, first: i + 1})
		case cls&dual != 0:
			// "both" counts two: "killing both", "both died".
			cs = append(cs, cand{n: 2, start: toks[i].Start, end: toks[i].End, first: i + 1})
		case cls&singularPerson != 0 && cls&(personalPronoun|reflexive) != 0:
			// "he died", "killed him", "before killing himself": one
			// person told again, who counts one at least.
			cs = append(cs, cand{n: 1, start: toks[i].Start, end: toks[i].End, first: i + 1, pronoun: true, from: i, reflexive: cls&reflexive != 0})
		case cls&singularPerson != 0:
			// "the victim died", "killed his 4-year-old son".
			if j, ok := definiteBefore(text, toks, ts, s.First, i); ok {
				cs = append(cs, cand{n: 1, start: toks[i].Start, end: toks[i].End, first: i + 1, pronoun: true, from: j})
			} else if b.sharedArticle(text, toks, s.First, i) {
				// "a man and woman were found dead": the second noun
				// shares the first's article and counts one more.
				cs = append(cs, cand{n: 1, start: toks[i].Start, end: toks[i].End, first: i})
			} else if j, ok := bareNoun(text, toks, ts, numToks, s.First, i); ok && inHeadline && (i+1 >= s.Last || fw[toks[i+1].Key(text)]&singularPerson == 0) {
				// Headlines drop articles: "Deputy dies in shooting",
				// "Waverly man killed", "Officer shoots teen" tell of one
				// person each, first told, hurt or killed.
				cs = append(cs, cand{n: 1, start: toks[i].Start, end: toks[i].End, first: i + 1, pronoun: true, bare: true, from: j})
			}
		}
	}
	// starts holds the first token of each count: a verb after another
	// count is that count's ("eleven were wounded and two were killed").
	starts := make(map[int]bool, len(cs))
	for _, c := range cs {
		starts[tokAt(c.start)] = true
	}
	var out []count
	for _, c := range cs {
		ctok := tokAt(c.start)
		if inRunningTotal(text, toks, s, ctok, tokAt(c.end)) {
			continue
		}
		// The number of an age is no count: "a 3 year-old boy".
		if _, ok := ageCompound(text, toks, ctok, s.Last); ok {
			continue
		}
		// The counted noun: within four tokens, past adjectives and a group name.
		noun, kind := -1, ""
		var grp *actor.Mention
		limit := c.first + 5
		switch {
		case c.pronoun:
			noun, kind, limit = ctok, kindOther, c.first
		case ctok-2 >= s.First && fw.tok(text, toks, ctok-1, partitive) && fw.tok(text, toks, ctok-2, collective):
			// "a family of five": the number counts the people of the
			// collective noun before it.
			noun, kind, limit = ctok, kindCivilian, c.first
		case c.first+1 < s.Last && fw.tok(text, toks, c.first, partitive) && !c.ordinal:
			// "one of them", "two of the wounded": a part of people
			// told before, counted by the verb after the phrase ("one of
			// the dead was ..." adds no one).
			noun, kind, limit = partitiveEnd(text, toks, b.lex.countNouns, c.first, s.Last)-1, kindOther, c.first
		}
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
			// A verb, a conjunction or another count ends the phrase:
			// "two were killed when gunmen ...", "a 911 call and found
			// two men".
			if starts[k] || !tk.Upper && (fw.tok(text, toks, k, auxiliary) || fw.tok(text, toks, k, conjunction)) || triggerAt(ts, k) {
				break
			}
			for i := range actors {
				if actors[i].First <= k && k < actors[i].Last && actors[i].Kind != actor.Country {
					grp = &actors[i]
				}
			}
		}
		// A noun with a genitive is the possessor of the counted noun,
		// not a victim: "killed a police officer's son" counts the son.
		if noun >= 0 && !fw.tok(text, toks, ctok, personalPronoun|reflexive) && possessor(text, toks, noun, s.Last) {
			continue
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
		// The act right before the number has it as its object:
		// "killing two", "shooting a number of people", "killed him".
		fate, hit := "", false
		before := -1
		for i := range ts {
			t := &ts[i]
			if t.Last <= ctok && !t.Passive && (fateOf(t) != "" || gunfire(text, t)) && !segment.ClauseBreak(text, toks, t.Last, ctok) {
				before = i
			}
		}
		if before >= 0 {
			t := &ts[before]
			f := fateOf(t)
			if f == "" && gunfire(text, t) && t.First > s.First && fw.tok(text, toks, t.First-1, fatalAdverb) {
				f = fateKilled // "the fatal shooting of a teenager"
			}
			switch {
			case f != "" && ctok-t.Last <= 3 && !c.pronoun && noun >= 0 && !determinerBetween(text, toks, t.Last, ctok) && (t.Strength >= 2 || ctok > t.Last && fw.tok(text, toks, t.Last, partitive)):
				// "killed at least 10", "the death of a man", but not
				// "killing the driver of one of them" (a determiner opens
				// the verb's own object) nor "one man dead and three
				// others" (a word of dying takes no object).
				fate = f
			case (ctok == t.Last || c.pronoun && c.from == t.Last || (ctok == t.Last+1 || c.pronoun && c.from == t.Last+1) && fw.tok(text, toks, t.Last, partitive)) && (f != "" || noun >= 0 && (t.Class == trigger.GenericAttack || t.Class == trigger.Attack)):
				// Directly after the act, or its noun and "of": its
				// object, counted hurt by gunfire when nothing says more
				// ("opened fire, shooting five people", "the shooting of
				// four people").
				fate = f
				if fate == "" {
					fate = fateInjured
				}
			}
			if fate == fateInjured && t.Strength >= 2 {
				hit = true
			}
		}
		first := noun
		if noun < 0 {
			first = c.first - 1
			// "12 killed", "5 dead", "two were wounded": the fate word
			// right after the number, or after an auxiliary.
			at := c.first
			for at < s.Last && at < c.first+2 && (fw.tok(text, toks, at, auxiliary) || fw.tok(text, toks, at, transitionWord)) {
				at++
			}
			if w := phrase.Fold(text[c.start:c.end]); fate == "" && at < s.Last && !fw.is(w, indefinite) {
				for i := range ts {
					if ts[i].First == at && fateOf(&ts[i]) != "" {
						fate = fateOf(&ts[i])
						hit = fate == fateInjured && ts[i].Strength >= 2
					}
				}
			}
			// "two were shot, one fatally": a count with the adverb of
			// death.
			if fate == "" && at < s.Last && fw.tok(text, toks, at, fatalAdverb) && !triggerAt(ts, at) {
				fate = fateKilled
			}
			// "the death toll rose to 11", "a toll of 30": the figure of
			// a toll is the killed, told whole, not a transition.
			toll := fate == "" && !c.ordinal && tollBefore(text, toks, ts, starts, s, ctok)
			if toll {
				fate = fateKilled
			}
			if fate == "" {
				continue
			}
			out = append(out, count{n: c.n, start: c.start, end: c.end, fate: fate, kind: kindOther, hit: hit,
				later: !toll && fate == fateKilled && transition(text, toks, s, ctok, at+1), ordinal: c.ordinal})
			continue
		}
		// Fate: the verb after the noun: "24 people were killed". An
		// act that wounds by name ("shot") says the fate only in the
		// passive ("three men were shot"; "a gunman shot three men"
		// counts the three, not the gunman); and a death said with it
		// wins ("were shot and killed").
		fateEnd := first + 1
		// A headline's list of bare nouns takes the verb after the last:
		// "Woman, girl found dead".
		for c.bare {
			next, ok := listedBare(text, toks, starts, first, s.Last)
			if !ok {
				break
			}
			first = next
		}
		// A relative clause between the noun and its verb is read past:
		// "the suspect, who fled, died in a crash".
		if end, ok := relativeClause(text, toks, first+1, s.Last); ok {
			first = end
		}
		// The verb is near the noun, or near the noun joined to it ("a
		// 16-year-old male and 20-year-old woman were slain").
		reach := maxFateReach
		if coordinatedCount(text, toks, starts, noun) {
			reach += maxConjunct
		}
		for i := range ts {
			t := &ts[i]
			f := fateOf(t)
			if f == "" || t.First <= first || t.First-first > reach || segment.ClauseBreak(text, toks, first+1, t.First) {
				continue
			}
			if c.bare && !headlineVerb(text, toks, ts, first+1, t.First) {
				break // a headline's bare subject takes the verb right after it
			}
			if negated(text, toks, first+1, t.First) {
				break // "her mother and brother were not hurt"
			}
			if countBetween(starts, first+1, t.First) && !coordinatedCount(text, toks, starts, noun) {
				break // the verb of another count
			}
			if !t.Passive && !reflexiveObject(text, toks, t, s.Last) {
				// An active verb of harm after the noun has it as its
				// subject ("a gunman shot three men", "the man killed
				// his wife", "a gunman wounded three people"), unless
				// nothing follows it as object ("shot dead" in a
				// headline, "five died").
				if hasObject(text, toks, starts, t.Last, s.Last) || !c.bare && f != fateArrested && t.Strength >= 2 && t.Class != trigger.Kill {
					continue
				}
			}
			if fate == "" || f == fateKilled && fate == fateInjured {
				fate = f
				hit = f == fateInjured && t.Strength >= 2
				fateEnd = t.Last
			}
			if fate != fateInjured {
				break
			}
		}
		// A noun of the fate itself: "one dead", "1 dead and 9 wounded"
		// (an adjective of a victim's fate used as a noun names people in
		// that state: the count counts them).
		if fate == "" && noun == c.first && fw.tok(text, toks, noun, fateParticiple) {
			for i := range ts {
				if ts[i].First == noun && fateOf(&ts[i]) != "" {
					fate, fateEnd = fateOf(&ts[i]), noun+1
				}
			}
		}
		if fate == "" && noun+1 < s.Last && fw.tok(text, toks, noun+1, fatalAdverb) && !triggerAt(ts, noun+1) {
			fate, fateEnd = fateKilled, noun+2
		}
		if fate == "" {
			continue
		}
		if c.n == 1 && !c.pronoun && fw.is(phrase.Fold(text[c.start:c.end]), indefinite) && kind == kindOther {
			continue
		}
		// "killed his wife, then shot himself": a shot at oneself told
		// after a killing is the killer's own death (a murder-suicide),
		// one more dead. (Alone, "shot himself" hurts the subject, whom
		// the subject's own count tells.)
		if c.reflexive && fate == fateInjured && killingBefore(ts, ctok) {
			fate, hit = fateKilled, false
		}
		if c.pronoun && !c.bare && fate != fateKilled || c.bare && fate == fateArrested {
			continue // one told again adds no one hurt or held
		}
		if c.ordinal && kind == "" {
			continue
		}
		// One told again by a pronoun is no transition: "he died at the
		// hospital" may be the one counted killed before.
		out = append(out, count{n: c.n, start: c.start, end: c.end, fate: fate, kind: kind, actor: grp, hit: hit && fate == fateInjured,
			later: fate == fateKilled && !c.pronoun && transition(text, toks, s, ctok, fateEnd), ordinal: c.ordinal})
	}
	return out
}

// countBetween reports whether a count starts at a token in [from, to).
// definiteBefore reports whether the noun at token i follows a definite
// or possessive determiner, past an age compound ("the victim", "his
// 4-year-old son"), and the determiner's token; for a genitive, the first
// token of its possessor, up to a word of an event in ts.
func definiteBefore(text string, toks []segment.Token, ts []trigger.Trigger, first, i int) (int, bool) {
	j := i - 1
	if j >= first && strings.HasSuffix(toks[j].Key(text), "-old") {
		// "4-year-old" is read as a number, a hyphen and "year-old";
		// "3 year-old" as a number and "year-old".
		j--
		if j >= first && text[toks[j].Start:toks[j].End] == "-" {
			j--
		}
		if j >= first && toks[j].Kind == segment.Number {
			j--
		}
	}
	if j < first || !fw.tok(text, toks, j, anaphoricDet) && !fw.tok(text, toks, j, possessiveSingular) {
		return j, false
	}
	// A genitive ends the noun phrase of its possessor, which opens the
	// whole phrase: "killed a police officer's son" starts at "a".
	if toks[j].Key(text) == "'s" {
		for k := j - 1; k >= first && k >= j-maxPossessor; k-- {
			if toks[k].Kind != segment.Word || triggerAt(ts, k) {
				break
			}
			j = k
			if fw.tok(text, toks, k, determiner) {
				break
			}
		}
	}
	return j, true
}

// negated reports whether a negation stands in toks[from:to], between a
// counted noun and its verb of fate: the fate did not befall them.
func negated(text string, toks []segment.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if fw.tok(text, toks, k, negation) {
			return true
		}
	}
	return false
}

// sharedArticle reports whether the singular noun of a person at token i
// is the second of two nouns joined by "and" under one article ("a man
// and woman", "a 16-year-old male and 20-year-old woman"): the first is a
// noun of a person too.
func (b *Builder) sharedArticle(text string, toks []segment.Token, first, i int) bool {
	j := i - 1
	if j >= first && strings.HasSuffix(toks[j].Key(text), "-old") {
		j--
		if j >= first && text[toks[j].Start:toks[j].End] == "-" {
			j--
		}
		if j >= first && toks[j].Kind == segment.Number {
			j--
		}
	}
	if j-1 < first || !fw.tok(text, toks, j, conjunction) {
		return false
	}
	prev := toks[j-1].Key(text)
	return fw.is(prev, singularPerson) && !fw.is(prev, personalPronoun|reflexive) && b.lex.countNouns[prev].kind != ""
}

// bareNoun reports whether the singular noun of a person at token i
// stands with no determiner, number or possessive before it (a headline's
// "Fresno County deputy dies"), and the first token of its phrase: up to
// maxPossessor words back, stopping after a word of an event in ts ("Officer
// shoots teen").
func bareNoun(text string, toks []segment.Token, ts []trigger.Trigger, numbers map[int]bool, first, i int) (int, bool) {
	j := i
	for k := i - 1; k >= first && k >= i-maxPossessor; k-- {
		if numbers[k] || fw.tok(text, toks, k, determiner) || fw.tok(text, toks, k, possessiveSingular) || fw.tok(text, toks, k, indefinite) {
			return 0, false
		}
		// A function word (a preposition, a conjunction) or a word of
		// an event ends the phrase: "after young girl", "kills teen".
		if toks[k].Kind != segment.Word || triggerAt(ts, k) || fw[toks[k].Key(text)] != 0 {
			break
		}
		j = k
	}
	return j, true
}

// killingBefore reports whether a verb of killing stands before token k
// in ts (the sentence's triggers).
func killingBefore(ts []trigger.Trigger, k int) bool {
	for i := range ts {
		if t := &ts[i]; t.Live() && t.Class == trigger.Kill && t.Strength >= 2 && t.Last <= k {
			return true
		}
	}
	return false
}

// headlineVerb reports whether only adverbs of fate or auxiliaries stand
// in toks[from:to], between a headline's bare subject and its verb ("Man
// fatally shot", "Teen is shot") or a verb of finding ("found dead").
func headlineVerb(text string, toks []segment.Token, ts []trigger.Trigger, from, to int) bool {
	for k := from; k < to; k++ {
		if !fw.tok(text, toks, k, fatalAdverb|auxiliary|passiveSkip) && !finding(ts, k) {
			return false
		}
	}
	return true
}

// finding reports whether token k is a verb of finding ("found dead"):
// the state found after it is the fate.
func finding(ts []trigger.Trigger, k int) bool {
	for i := range ts {
		if ts[i].First <= k && k < ts[i].Last && ts[i].Class == trigger.Find {
			return true
		}
	}
	return false
}

// listedBare reports whether the headline noun at token noun is listed
// with the next by a comma, the "and" of headlines ("Woman, girl found
// dead" tells of both), and the next noun's token.
func listedBare(text string, toks []segment.Token, starts map[int]bool, noun, last int) (int, bool) {
	if noun+2 >= last || toks[noun+1].Text(text) != "," {
		return 0, false
	}
	// The next noun, past a word that qualifies it ("teen daughter").
	for k := noun + 2; k < last && k <= noun+3; k++ {
		if starts[k] {
			return k, true
		}
	}
	return 0, false
}

// possessor reports whether the noun at token noun heads a possessor:
// a genitive follows it, or the compound it begins ("a police officer's").
func possessor(text string, toks []segment.Token, noun, last int) bool {
	for k := noun + 1; k < last && k <= noun+2; k++ {
		if toks[k].Key(text) == "'s" {
			return true
		}
		if toks[k].Kind != segment.Word {
			return false
		}
	}
	return false
}

// maxPossessor bounds the words of a possessor read back from its
// genitive ("the police officer's").
const maxPossessor = 3

// determinerBetween reports whether a determiner stands in toks[from:to].
func determinerBetween(text string, toks []segment.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if fw.tok(text, toks, k, determiner) {
			return true
		}
	}
	return false
}

// relativeClause reports whether a relative clause set off by commas
// opens at token k (", who fled,"), and the token of its closing comma.
func relativeClause(text string, toks []segment.Token, k, last int) (int, bool) {
	if k+2 >= last || text[toks[k].Start:toks[k].End] != "," || !fw.tok(text, toks, k+1, relative) {
		return 0, false
	}
	for j := k + 2; j < last && j < k+2+maxRelative; j++ {
		if text[toks[j].Start:toks[j].End] == "," {
			return j, true
		}
	}
	return 0, false
}

// maxRelative bounds the length of a relative clause read past.
const maxRelative = 12

// triggerAt reports whether a trigger covers token k.
func triggerAt(ts []trigger.Trigger, k int) bool {
	for i := range ts {
		if ts[i].First <= k && k < ts[i].Last {
			return true
		}
	}
	return false
}

// partitiveEnd returns the token after the partitive phrase opened by
// "of" at k: "of them", "of the (wounded) (women)".
func partitiveEnd(text string, toks []segment.Token, nouns map[string]countNoun, k, last int) int {
	k++
	if fw.tok(text, toks, k, objectPronoun) {
		return k + 1
	}
	if !fw.tok(text, toks, k, determiner) {
		return k
	}
	k++
	for end := k + 2; k < last && k < end; k++ {
		w := toks[k].Key(text)
		if _, ok := nouns[w]; ok {
			return k + 1
		}
		if !fw.is(w, fateParticiple) {
			break
		}
	}
	return k
}

// coordinatedCount reports whether the noun at token noun is joined to the next
// count by a conjunction ("a man and a woman were shot"): the verb after
// both is said of both.
func coordinatedCount(text string, toks []segment.Token, starts map[int]bool, noun int) bool {
	if noun+2 >= len(toks) || !fw.tok(text, toks, noun+1, conjunction) {
		return false
	}
	// "a 16-year-old male and 20-year-old woman": past the second's age.
	if end, ok := ageCompound(text, toks, noun+2, len(toks)); ok {
		return starts[noun+2] || starts[end]
	}
	return starts[noun+2]
}

func countBetween(starts map[int]bool, from, to int) bool {
	for k := from; k < to; k++ {
		if starts[k] {
			return true
		}
	}
	return false
}

// hasObject reports whether the token at k, after a verb, opens its
// object: a number, a determiner, a pronoun or a count noun ("killed two",
// "killed his wife", "killed him").
func hasObject(text string, toks []segment.Token, starts map[int]bool, k, last int) bool {
	if k >= last {
		return false
	}
	return starts[k] || toks[k].Kind == segment.Number || fw.tok(text, toks, k, determiner) || fw.tok(text, toks, k, objectPronoun) || fw.tok(text, toks, k, dual)
}

// transition reports whether the death counted from token first to token
// end of sentence s is told as the fate of someone already counted hurt
// (function word class transition: "later", "succumbed", "hospital"; or a
// partitive of those counted: "one of them", "one of the wounded").
func transition(text string, toks []segment.Token, s segment.Sentence, first, end int) bool {
	for k := max(s.First, first-3); k < min(s.Last, end+4); k++ {
		if k > first && k < end && segment.ClauseBreak(text, toks, first, k) {
			break
		}
		if fw.tok(text, toks, k, transitionWord) {
			return true
		}
		if k == first+1 && fw.tok(text, toks, k, partitive) && k+1 < s.Last && (fw.tok(text, toks, k+1, objectPronoun) ||
			fw.tok(text, toks, k+1, anaphoricDet) && k+2 < s.Last && fw.tok(text, toks, k+2, fateParticiple)) {
			// "one of them died", "two of the wounded died": some of
			// those counted hurt before. "11 of the insurgents" is a part
			// of a group, not of the counted.
			return true
		}
	}
	return false
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
	// hit marks an injury told as being shot, fate unsaid ("Kevin Walsh
	// was shot"), as count.hit does.
	hit bool
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
		fate, hit := "", false
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
				bestDist, fate, hit = dist, f, t.Class == trigger.Injure && t.Strength >= 2
			}
		}
		if fate != "" {
			out = append(out, personFate{m: p, fate: fate, si: si, hit: hit && fate == sitrep.FateInjured})
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

// casualties is what an event's sentences say of its victims, each person
// once, by the final fate.
type casualties struct {
	killed, injured, arrested int
	// killedSpan is the count behind killed, for evidence.
	killedSpan [2]int
}

// tally counts the victims of an event from the counts of its sentences
// and the people named with their fate, as a tracker of incidents counts
// them (ACLED: fatalities are every death of the event, perpetrators
// included; GVA: the injured are those hurt who did not die):
//   - A sentence's counts of one fate add up ("five soldiers and three
//     civilians"); the event's figure of a fate is the largest any one
//     sentence gives, since sentences tell the same victims again.
//   - "Shot" says who was hit, not how it ended: the dead told with or
//     after them are among them ("four people were shot; one died" is one
//     killed and three injured), unless the dead were told first in the
//     same sentence and the shot are others ("two were killed and three
//     others shot").
//   - A death told as a transition ("one of them later died", "died at the
//     hospital") moves a victim counted hurt to the killed.
//   - A victim told by rank ("a third victim died") is one person, and
//     there are at least that many.
//   - A count of a sentence dated only to a longer period than the event
//     (a year's figures) is that period's tally, not the event's.
func (b *Builder) tally(in *docState, d *draft, precision int, people []sitrep.Person) casualties {
	type sent struct {
		killed, later, injured, hit, arrested, rank int
		firstKilled, firstHit                       int
	}
	per := map[int]*sent{}
	var order []int
	var out casualties
	for _, c := range d.counts {
		si := sentenceOf(in, c.start)
		if periodTally(in, si, c.start, precision) {
			continue
		}
		st := per[si]
		if st == nil {
			st = &sent{firstKilled: -1, firstHit: -1}
			per[si] = st
			order = append(order, si)
		}
		n := c.n
		if c.ordinal {
			st.rank = max(st.rank, c.n)
			n = 1
		}
		switch {
		case c.fate == fateKilled && c.later:
			st.later += n
		case c.fate == fateKilled:
			st.killed += n
			if st.firstKilled < 0 {
				st.firstKilled = c.start
			}
			if out.killedSpan[1] == 0 {
				out.killedSpan = [2]int{c.start, c.end}
			}
		case c.fate == fateInjured && c.hit:
			st.hit += n
			if st.firstHit < 0 {
				st.firstHit = c.start
			}
		case c.fate == fateInjured:
			st.injured += n
		case c.fate == fateArrested:
			st.arrested += n
		}
	}
	// The people named: the killed are killed; the injured told as
	// shot (fate unsaid) are among those hit, who may be the dead told
	// by a count ("Kevin Walsh was shot ... the victim died"); those told
	// wounded are wounded.
	named := map[string]int{}
	shotOnly := map[string]bool{}
	for _, pf := range d.people {
		k := phrase.Fold(pf.m.Name)
		if v, seen := shotOnly[k]; !seen || v {
			shotOnly[k] = pf.hit
		}
	}
	namedHit := 0
	for _, p := range people {
		named[p.Fate]++
		if p.Fate == sitrep.FateInjured && shotOnly[phrase.Fold(p.Name)] {
			namedHit++
		}
	}
	// killed0: the dead told as such; later: the hurt who died; wounded:
	// the hurt told as surviving; total: everyone hit. The ones before
	// the first transition are what a transition can add to: a death told
	// after it ("Kevin Walsh died"), or survivors counted after it ("three
	// others were hurt"), tell the same people again.
	sort.Ints(order)
	killed0, later, wounded := named[sitrep.FateKilled], 0, named[sitrep.FateInjured]-namedHit
	total := named[sitrep.FateKilled] + named[sitrep.FateInjured]
	killedBefore, woundedBefore, totalBefore := 0, 0, 0
	for _, si := range order {
		st := per[si]
		if st.hit > 0 && st.killed > 0 && st.firstKilled < st.firstHit {
			// "two were killed and three others shot": others.
			st.injured += st.hit
			st.hit = 0
		}
		if later == 0 {
			// Counts of the sentence of the first transition come
			// before it ("two were wounded; one later died").
			killedBefore = max(killedBefore, st.killed)
			woundedBefore = max(woundedBefore, st.injured)
			totalBefore = max(totalBefore, st.hit, st.killed+st.injured)
		}
		killed0 = max(killed0, st.killed)
		later = max(later, st.later)
		wounded = max(wounded, st.injured)
		total = max(total, st.hit, st.killed+st.injured, st.rank)
		out.arrested = max(out.arrested, st.arrested)
	}
	out.arrested = max(out.arrested, named[sitrep.FateArrested])
	killed := killed0
	switch {
	case later == 0:
	case woundedBefore >= later:
		// The wounded who died: counted once, as killed.
		killed = max(killed0, killedBefore+later)
		wounded = max(0, wounded-later)
	case totalBefore-killedBefore >= later:
		killed = max(killed0, killedBefore+later)
	default:
		killed = max(killed0, later)
	}
	out.killed = killed
	out.injured = max(wounded, total-killed)
	if killed > 0 {
		out.killedSpan = statingSpan(d, out.killedSpan, killed)
	}
	return out
}

// periodTally reports whether the count at byte off of sentence si is
// dated only to a longer period than the event (precision, ACLED's time
// precision: 1 a day, 2 a week, 3 a month): a month or year named near it
// and no day in the sentence make it that period's figure ("figures for
// 2015 show 165 people were killed").
func periodTally(in *docState, si, off, precision int) bool {
	if precision == 0 || precision >= 3 {
		return false
	}
	s := in.Sents[si]
	at := tokenAt(in.Toks, off)
	near := false
	for _, de := range in.Dates.In(si) {
		if de.Start < s.Start || de.End > s.End {
			continue
		}
		if de.Precision <= 2 {
			return false
		}
		if k := tokenAt(in.Toks, de.Start); k-at <= periodReach && at-k <= periodReach {
			near = true
		}
	}
	return near
}

// periodReach is how many tokens from a count a period's date may stand
// and still date it: its clause, about ("165 people were killed in the
// city in 2015"), not the sentence's far end.
const periodReach = 12

// tollBefore reports whether the number at token ctok states a death toll
// named before it in its clause: a noun of toll ends a trigger of killing
// ("death toll"), and only a few words that are no other count stand
// between ("the death toll rose to 11", "put the death toll at 22", "a
// death toll of 30"; function word class toll_noun).
func tollBefore(text string, toks []segment.Token, ts []trigger.Trigger, starts map[int]bool, s segment.Sentence, ctok int) bool {
	for i := range ts {
		t := &ts[i]
		if t.Class != trigger.Kill || t.Last > ctok || ctok-t.Last > 4 || !fw.tok(text, toks, t.Last-1, tollNoun) {
			continue
		}
		if segment.ClauseBreak(text, toks, t.Last, ctok) || countBetween(starts, t.Last, ctok) {
			continue
		}
		return true
	}
	return false
}
