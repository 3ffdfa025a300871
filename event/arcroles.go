package event

// Roles read from dependency arcs. When the syntax stage has parsed a
// sentence (annotate.Syntax, pipeline.Options.Syntax), who did what to
// whom is a matter of grammatical relations (Universal Dependencies v2),
// not of distance: the subject of an active verb acts, the object and the
// passive subject undergo, the agent of a passive follows "by", and an
// event noun names its doer in a modifier ("police firing") and whom it
// befell after "of" ("the arrest of two men"). The window rules of
// roles.go stay the fallback for a sentence with no parse, and for a role
// the arcs leave open.

import (
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/syntax"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// tree is the dependency parse of one sentence: its words, heads numbered
// from 1 within the sentence (0 for the root), tokens indexing the text's.
type tree struct {
	ws []syntax.TokenWord
	// A trigger of several words ("shot dead", "opened fire") is one
	// node: the dependents of any of its words outside it are the
	// dependents of its head (spanHead), whatever the parser made of
	// the words inside ("shot" as a noun, "dead" as the root).
	head, first, last int
}

// headOf returns the head word of w, -1 for the root.
func (p tree) headOf(w int) int {
	h := p.ws[w].Head - 1
	if h < 0 || h >= len(p.ws) {
		return -1
	}
	return h
}

func (p tree) rel(w int) string { return p.ws[w].Deprel }

// base returns the universal relation of w without its subtype
// ("obl:agent" -> "obl").
func (p tree) base(w int) string {
	r, _, _ := strings.Cut(p.ws[w].Deprel, ":")
	return r
}

func (p tree) form(w int) string { return strings.ToLower(p.ws[w].Form) }

// spanHead returns the word of tokens [first, last) whose head lies
// outside them: the syntactic head of a trigger or an actor; -1 when no
// word of the span was parsed.
func (p tree) spanHead(first, last int) int {
	for i := range p.ws {
		if tk := p.ws[i].Token; tk < first || tk >= last {
			continue
		}
		h := p.headOf(i)
		if h < 0 || p.ws[h].Token < first || p.ws[h].Token >= last {
			return i
		}
	}
	return -1
}

// children calls f with each dependent of h in order until f returns
// false.
func (p tree) children(h int, f func(c int) bool) {
	span := h >= 0 && h == p.head
	for c := range p.ws {
		if c == h {
			continue
		}
		k := p.headOf(c)
		if span && p.in(c) {
			continue
		}
		if k == h || span && k >= 0 && p.in(k) {
			if !f(c) {
				return
			}
		}
	}
}

// in reports whether word w belongs to the trigger's span.
func (p tree) in(w int) bool {
	return p.head >= 0 && p.ws[w].Token >= p.first && p.ws[w].Token < p.last
}

// caseOf returns the preposition of a nominal dependent (its "case"
// child), lower case, "" when none.
func (p tree) caseOf(w int) string {
	out := ""
	p.children(w, func(c int) bool {
		if p.base(c) == "case" {
			out = p.form(c)
			return false
		}
		return true
	})
	return out
}

// has reports whether h has a dependent with relation rel.
func (p tree) has(h int, rel string) bool {
	found := false
	p.children(h, func(c int) bool {
		found = p.rel(c) == rel
		return !found
	})
	return found
}

// relativePronoun reports a relative pronoun ("who", "which", "that" as
// the subject of a relative clause).
func (p tree) relativePronoun(w int) bool {
	return strings.Contains(p.ws[w].Feats, "PronType=Rel") || fw.is(p.form(w), relative) ||
		p.ws[w].UPOS == "PRON" && p.form(w) == "that"
}

// arcRole is one role read from the arcs: the word that fills it, the
// actor that word names (nil when it names none), and how it was read.
type arcRole struct {
	word int
	m    *actor.Mention
	why  string
	// framed is true for a doer read from the noun that frames the
	// event ("killed in police firing", "died in police custody").
	framed bool
}

// arcReader reads the roles of a trigger from the parse of its sentence.
type arcReader struct {
	p     tree
	cands []actor.Mention
	ts    []trigger.Trigger
}

// actorAt returns the role candidate that holds word w.
func (r *arcReader) actorAt(w int) *actor.Mention {
	tk := r.p.ws[w].Token
	for i := range r.cands {
		if m := &r.cands[i]; m.First <= tk && tk < m.Last {
			return m
		}
	}
	return nil
}

// actorOf returns the actor a noun phrase headed by w names: its own
// mention, or one in a modifier that says whose people they are: a
// compound ("police officers"), a possessive ("the army's units"), a
// name or apposition, or a partitive "of" ("members of the Taliban").
func (r *arcReader) actorOf(w, depth int) *actor.Mention {
	if m := r.actorAt(w); m != nil {
		return m
	}
	if depth == 0 {
		return nil
	}
	var out *actor.Mention
	r.p.children(w, func(c int) bool {
		switch r.p.rel(c) {
		case "compound", "nmod:poss", "flat", "flat:name", "appos":
			out = r.actorOf(c, depth-1)
		case "nmod":
			if fw.is(r.p.caseOf(c), partitive) {
				out = r.actorOf(c, depth-1)
			}
		}
		return out == nil
	})
	return out
}

// role makes the arcRole of word w, read as rel of the word h.
func (r *arcReader) role(w int, how string, h int) arcRole {
	if w < 0 {
		return arcRole{word: -1}
	}
	return arcRole{word: w, m: r.actorOf(w, 2), why: how + " of '" + r.p.phrase(h) + "'"}
}

// phrase returns the form of word h, or the words of the trigger h heads.
func (p tree) phrase(h int) string {
	if h != p.head {
		return p.ws[h].Form
	}
	var b strings.Builder
	for w := range p.ws {
		if p.in(w) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p.ws[w].Form)
		}
	}
	return b.String()
}

// eventNoun reports whether noun w names an event or a state's hold on a
// person: a trigger word of the sentence ("firing", "shelling", "raid"),
// or a custodial noun ("custody").
func (r *arcReader) eventNoun(w int) bool {
	if fw.is(r.p.form(w), custodial) {
		return true
	}
	tk := r.p.ws[w].Token
	for i := range r.ts {
		if t := &r.ts[i]; t.First <= tk && tk < t.Last && t.Live() && !t.Context() && t.Class != trigger.Protest {
			return true
		}
	}
	return false
}

// passive reports whether verb h is in the passive voice: a passive
// auxiliary or subject or agent (UD's :pass and obl:agent), or the window
// rule's reading of a reduced passive ("soldiers killed in the ambush",
// a headline's "two militants killed in raid") when the arcs show no
// object. A past participle modifying a noun is not passive by itself:
// the parser takes "gunmen attacked the village" after a preposition
// for a noun with a participle clause.
func (r *arcReader) passive(h int, t *trigger.Trigger) bool {
	if r.p.has(h, "aux:pass") || r.p.has(h, "nsubj:pass") || r.p.has(h, "obl:agent") {
		return true
	}
	return t.Passive && !r.p.has(h, "obj")
}

// category returns how the trigger headed by h is read: "VERB" for a
// verb, or a word of any tag that has a verb's dependents (a subject, an
// object, a passive auxiliary: the parser took "shot" for a noun),
// "NOUN" for a noun, "" for anything else.
func (r *arcReader) category(h int, t *trigger.Trigger) string {
	if u := r.p.ws[h].UPOS; u == "VERB" || u == "AUX" || t.Passive {
		return "VERB"
	}
	verbal := false
	for w := range r.p.ws {
		if r.p.in(w) && (r.p.ws[w].UPOS == "VERB") {
			verbal = true
		}
	}
	r.p.children(h, func(c int) bool {
		switch r.p.rel(c) {
		case "obj", "nsubj", "nsubj:pass", "aux:pass", "obl:agent":
			verbal = true
		}
		return !verbal
	})
	switch {
	case verbal:
		return "VERB"
	case r.p.ws[h].UPOS == "NOUN" || r.p.ws[h].UPOS == "PROPN":
		return "NOUN"
	}
	return ""
}

// subject returns the subject of verb h: its own nsubj or nsubj:pass, or
// the one it shares with the verb it depends on: the first conjunct of a
// coordination ("police arrested two men and seized weapons"), the main
// verb of an adverbial or open clause ("opened fire, killing two"), the
// noun a relative or participle clause modifies ("the gunmen, who
// attacked the post").
func (r *arcReader) subject(h int) (w int, how string, at int) {
	for steps := 0; h >= 0 && steps < 4; steps++ {
		// UD gives a verb one subject; of two (a misparse: a dateline
		// "CHENNAI, June 20 - A driver died", a "today" before the
		// verb), the one that names an actor, else the nearer before
		// the verb.
		s, actorSubj := -1, false
		r.p.children(h, func(c int) bool {
			if b := r.p.base(c); b == "nsubj" || b == "csubj" {
				named := r.actorOf(c, 2) != nil
				// A headline's count right before its participle ("Police
				// clear blockade, 12 detained") is the participle's
				// subject; an actor further back heads another clause.
				if c == h-1 && r.p.ws[c].UPOS == "NUM" && (r.p.ws[h].XPOS == "VBN" || r.p.ws[h].XPOS == "VBD") {
					s, actorSubj = c, true
					return false
				}
				if s < 0 || !actorSubj && (named || c < h) {
					s, actorSubj = c, named
				}
			}
			return c < h
		})
		if s < 0 && h == r.p.head {
			// "Police shot dead a man" parsed with "Police" as a
			// compound of "shot": a noun compounded before a verb is
			// its subject.
			r.p.children(h, func(c int) bool {
				if r.p.rel(c) == "compound" && c < h && r.p.ws[c].UPOS != "NUM" {
					s = c
				}
				return s < 0
			})
		}
		if s >= 0 {
			if r.p.relativePronoun(s) && r.p.rel(h) == "acl:relcl" {
				return r.p.headOf(h), "antecedent of the relative clause", h
			}
			return s, r.p.rel(s), h
		}
		if u := r.p.ws[h].UPOS; u != "VERB" && u != "AUX" {
			// A clause shares its subject with the clause it joins
			// only when it is a verb: a noun's "conj" is a misparse.
			return -1, "", -1
		}
		if r.p.rel(h) == "xcomp" {
			// Object control: "the governor ordered troops to fire":
			// the object of the verb the clause completes is its
			// subject.
			if v := r.p.headOf(h); v >= 0 {
				o := -1
				r.p.children(v, func(c int) bool {
					if r.p.rel(c) == "obj" {
						o = c
					}
					return o < 0
				})
				if o >= 0 {
					return o, "obj of the verb its clause completes", v
				}
			}
		}
		switch r.p.rel(h) {
		case "conj", "advcl", "xcomp":
			if r.p.has(h, "mark") && r.p.rel(h) == "advcl" && r.p.ws[h].XPOS != "VBG" {
				// "after they arrested him": a finite adverbial clause
				// with no subject of its own is a parse to distrust.
				return -1, "", -1
			}
			h = r.p.headOf(h)
			if h >= 0 && r.p.ws[h].UPOS != "VERB" && r.p.ws[h].UPOS != "AUX" {
				return -1, "", -1
			}
		case "acl:relcl", "acl":
			return r.p.headOf(h), "noun its clause modifies", h
		default:
			return -1, "", -1
		}
	}
	return -1, "", -1
}

// agentOfPassive returns the agent of passive verb h: obl:agent, or an
// obl or nmod whose preposition is "by" (a parser may label the agent a
// plain obl: "arrested by the police").
func (r *arcReader) agentOfPassive(h int) arcRole {
	out := arcRole{word: -1}
	r.p.children(h, func(c int) bool {
		switch {
		case r.p.rel(c) == "obl:agent":
			out = r.role(c, "obl:agent", h)
		case (r.p.base(c) == "obl" || r.p.base(c) == "nmod") && fw.is(r.p.caseOf(c), agentBy):
			out = r.role(c, r.p.rel(c)+" with 'by' (the agent)", h)
		}
		return out.word < 0
	})
	return out
}

// circumstanceAgent returns the doer named inside an event noun that
// frames verb h ("killed in police firing", "died in army shelling",
// "died in police custody"): the noun's compound, possessive or "by"
// modifier. ACLED codes the doer of the firing or the holder of the
// custody as actor1.
func (r *arcReader) circumstanceAgent(h int) arcRole {
	out := arcRole{word: -1}
	r.p.children(h, func(c int) bool {
		if b := r.p.base(c); (b == "obl" || b == "nmod") && fw.is(r.p.caseOf(c), framePrep) && r.eventNoun(c) {
			if a := r.nounAgent(c); a.m != nil {
				out = a
				out.framed = true
			}
		}
		return out.word < 0
	})
	return out
}

// nounAgent returns the doer an event noun names in a modifier: "police
// firing" (compound), "the army's shelling" (possessive), "a Taliban
// ambush", "the killing of X by Y" ("by").
func (r *arcReader) nounAgent(n int) arcRole {
	out := arcRole{word: -1}
	r.p.children(n, func(c int) bool {
		switch rel := r.p.rel(c); {
		case rel == "compound" || rel == "nmod:poss" || rel == "amod":
			if m := r.actorAt(c); m != nil {
				out = arcRole{word: c, m: m, why: rel + " of '" + r.p.phrase(n) + "'"}
			}
		case (r.p.base(c) == "nmod" || r.p.base(c) == "obl") && fw.is(r.p.caseOf(c), agentBy):
			if a := r.role(c, rel+" with 'by' (the agent)", n); a.m != nil {
				out = a
			}
		}
		return out.m == nil
	})
	return out
}

// nounPatient returns whom an event noun befell: "the arrest of two men",
// "the killing of a student" (the nominal's object after "of", for acts
// done to people), "an attack on the police" (the target after "on",
// "against", "at").
func (r *arcReader) nounPatient(n int, t *trigger.Trigger) arcRole {
	ofPatient := t.Class == trigger.Kill || t.Class == trigger.Injure || t.Class == trigger.Arrests || t.Class == trigger.AbductionForcedDisappearance
	out := arcRole{word: -1}
	r.p.children(n, func(c int) bool {
		if r.p.base(c) != "nmod" {
			return true
		}
		switch cs := r.p.caseOf(c); {
		case fw.is(cs, targetPrep), ofPatient && fw.is(cs, partitive):
			out = r.role(c, "nmod with '"+cs+"'", n)
		}
		return out.word < 0
	})
	return out
}

// objectOf returns what active verb h acts on: its object, or the target
// of a prepositional object ("fired on protesters", "clashed with
// rebels").
func (r *arcReader) objectOf(h int) arcRole {
	out := arcRole{word: -1}
	var target arcRole
	target.word = -1
	r.p.children(h, func(c int) bool {
		switch {
		case r.p.rel(c) == "obj":
			out = r.role(c, "obj", h)
		case target.word < 0 && r.p.base(c) == "obl" && fw.is(r.p.caseOf(c), targetPrep):
			target = r.role(c, "obl with '"+r.p.caseOf(c)+"'", h)
		}
		return out.word < 0
	})
	if out.word < 0 || out.m == nil && target.m != nil {
		return target
	}
	return out
}

// arcRoles reads actor1 and actor2 of trigger t from the parse: the two
// roles, each with its word (-1 when the arcs name no one) and the arc
// behind it.
func (r *arcReader) arcRoles(t *trigger.Trigger) (a1, a2 arcRole) {
	a1.word, a2.word = -1, -1
	h := r.p.spanHead(t.First, t.Last)
	if h < 0 {
		return a1, a2
	}
	r.p.head, r.p.first, r.p.last = h, t.First, t.Last
	defer func() { r.p.head = -1 }()
	switch r.category(h, t) {
	case "VERB":
		if fw.is(r.p.form(h), unaccusative) {
			// "A man died in police custody": the subject of a verb
			// of dying undergoes it; the doer, if any, is in the
			// circumstance.
			if s, how, at := r.subject(h); s >= 0 {
				a2 = r.role(s, how, at)
			}
			a1 = r.circumstanceAgent(h)
			return a1, a2
		}
		if r.passive(h, t) {
			if s, how, at := r.subject(h); s >= 0 {
				a2 = r.role(s, how, at)
			}
			if a1 = r.agentOfPassive(h); a1.m == nil {
				if c := r.circumstanceAgent(h); c.m != nil {
					a1 = c
				}
			}
			return a1, a2
		}
		if s, how, at := r.subject(h); s >= 0 {
			a1 = r.role(s, how, at)
		}
		a2 = r.objectOf(h)
		return a1, a2
	case "NOUN":
		a1 = r.nounAgent(h)
		a2 = r.nounPatient(h, t)
		if a1.m == nil {
			// "the death of a detainee in police custody"
			if c := r.circumstanceAgent(h); c.m != nil {
				a1 = c
			} else if a2.word >= 0 {
				if c := r.circumstanceAgent(a2.word); c.m != nil {
					a1 = c
				}
			}
		}
		if between := r.between(h); between[0].m != nil && between[1].m != nil {
			return between[0], between[1]
		}
		// "Militants launched an attack on the post": the subject of the
		// support verb whose object the event noun is. The subject of any
		// other verb ("lawyers criticised the arrest") is not the doer:
		// the noun names none (word h: the arcs leave the role empty).
		if a1.m == nil && r.p.rel(h) == "obj" {
			if v := r.p.headOf(h); v >= 0 && fw.is(r.p.form(v), supportVerb) && !r.passive(v, &trigger.Trigger{}) {
				if s, how, at := r.subject(v); s >= 0 {
					if a := r.role(s, how, at); a.m != nil {
						a1 = a
					}
				}
			} else if v >= 0 && r.p.ws[v].UPOS == "VERB" {
				a1.word = h
			}
		}
		return a1, a2
	}
	return a1, a2
}

// between reads a reciprocal event noun's two sides: "clashes between the
// army and the rebels" (nmod with "between" and its conjunct).
func (r *arcReader) between(n int) [2]arcRole {
	out := [2]arcRole{{word: -1}, {word: -1}}
	r.p.children(n, func(c int) bool {
		if r.p.base(c) != "nmod" || !fw.is(r.p.caseOf(c), betweenPrep) {
			return true
		}
		out[0] = r.role(c, "nmod with 'between'", n)
		r.p.children(c, func(k int) bool {
			if r.p.rel(k) == "conj" {
				out[1] = r.role(k, "conj of the 'between' phrase", n)
				return false
			}
			return true
		})
		return false
	})
	return out
}

// framedStateKilling types a death that no event word names but the arcs
// frame as the doing of state forces ("a trader died in police custody",
// "two men were killed in police firing"): ACLED codes state forces
// killing people who are not fighting as Violence against civilians,
// Attack (a text that tells of an armed clash is typed by its own
// trigger before this). It needs the parse; "", nil otherwise.
func framedStateKilling(text string, toks []segment.Token, s segment.Sentence, ts []trigger.Trigger, cands, all []actor.Mention, victims []count, sr *sentenceRoles) (trigger.Class, *trigger.Trigger) {
	if sr.parse == nil {
		return "", nil
	}
	for i := range ts {
		t := &ts[i]
		if t.Class != trigger.Kill || t.Suppressed != "" {
			continue
		}
		a1, a2, why := explainedRoles(text, toks, s, t, cands, all, victims, sr)
		if why.framed && a1 != nil && a1.State() && (a2 == nil || !a2.Armed()) {
			return trigger.Attack, t
		}
	}
	return "", nil
}

// personNoun reports a count noun of people that is no group's name
// ("man", "driver", "villagers"; not "soldiers"): count_nouns.tsv.
func (b *Builder) personNoun(w string) bool {
	cn, ok := b.lex.countNouns[w]
	return ok && cn.kind == kindCivilian && !cn.agent
}

// told reports whether noun w refers back: a definite or demonstrative
// determiner ("the men", "those arrested") or a possessive ("their
// fighters").
func (r *arcReader) told(w int) bool {
	back := false
	r.p.children(w, func(c int) bool {
		back = r.p.rel(c) == "nmod:poss" || r.p.base(c) == "det" && fw.is(r.p.form(c), anaphoricDet)
		return !back
	})
	return back
}

// framedStateKillingWindow is framedStateKilling without the parse: a
// death whose custodial or firing noun right after it names state forces
// ("a trader died in police custody") is their Attack, unless the one who
// died is counted as an armed group's member (ACLED codebook: state forces
// killing people who are not fighting is Violence against civilians).
func framedStateKillingWindow(text string, toks []segment.Token, s segment.Sentence, ts []trigger.Trigger, cands []actor.Mention, victims []count) (trigger.Class, *trigger.Trigger) {
	for _, c := range victims {
		if c.fate == fateKilled && (c.kind == kindMember || c.actor != nil && c.actor.Armed() && !c.actor.State()) {
			return "", nil
		}
	}
	for i := range ts {
		t := &ts[i]
		if t.Class != trigger.Kill || t.Suppressed != "" {
			continue
		}
		if framingHolder(text, toks, s, t, cands) != nil {
			return trigger.Attack, t
		}
	}
	return "", nil
}
