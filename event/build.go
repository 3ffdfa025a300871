package event

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/syntax"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// Builder writes events. It is safe for concurrent use.
type Builder struct {
	lex    *lex
	actors *actor.Matcher
	// Explain, when set, receives a trace of the sentence drafts and how
	// they were merged, for people tuning the lexicons.
	Explain io.Writer
	// Parser, when set, gives the dependency parser the builder reads
	// roles with (arcroles.go). A sentence is parsed when its roles are
	// first asked for, and only when the arcs may read them otherwise
	// than the window rules (arcsMayChange), unless ParseAll is set; a
	// sentence the Doc's syntax stage parsed is read from the Doc.
	// Parser is called on the first sentence to parse, so that a text
	// with none never loads the model.
	Parser func() (*syntax.Parser, error)
	// ParseAll parses every sentence whose roles are asked for and that
	// has an event trigger and an actor (annotate.EventSentence), not
	// only those whose roles the arcs may change: the reference that
	// arcsMayChange is measured against.
	ParseAll bool
}

// New returns a Builder with the embedded trigger lexicon; actors resolves
// actor names.
func New(actors *actor.Matcher) (*Builder, error) {
	l, err := loadLex()
	if err != nil {
		return nil, err
	}
	if fwOnce.Do(func() {
		if fw, fwErr = loadWords(); fwErr == nil {
			fwErr = loadImplicitAgents()
		}
	}); fwErr != nil {
		return nil, fwErr
	}
	return &Builder{lex: l, actors: actors}, nil
}

// SubEvent returns ACLED's hierarchy row of a sub-event type.
func (b *Builder) SubEvent(name trigger.Class) (SubEvent, bool) {
	s, ok := b.lex.subEvents[name]
	return s, ok
}

// Context is the stage that applies the context of each sentence to its
// triggers (disasters, diplomacy, background, generic plurals) and sets
// their voice. It runs after annotate.Triggers.
type Context struct{ b *Builder }

// Context returns the context stage of b.
func (b *Builder) Context() Context { return Context{b} }

// Name implements annotate.Stage.
func (Context) Name() string { return "context" }

// Annotate implements annotate.Stage.
func (c Context) Annotate(_ context.Context, d *annotate.Doc) error {
	for si := range d.Sents {
		if ts := d.Triggers.In(si); len(ts) > 0 {
			c.b.applyContext(d, si, ts)
		}
	}
	return nil
}

// docState is the document being built and what the builder learns of it
// once: its country, the claimants of its cues.
type docState struct {
	*annotate.Doc
	country string
	// claim0 is the claimants' run of the first country and period asked
	// for (most texts need no other); claims holds the others.
	claim0 claimRun
	key0   claimKey
	has0   bool
	claims map[claimKey]*claimRun
	// inForce[si] is the index in Dates.All of the date in force at
	// sentence si for an event that states none, -1 when none is; lead
	// the date of the lead (sentences 1 and 2) for the headline's event.
	inForce []int32
	lead    int
	// parseable[si] is true for a sentence the builder may parse: one
	// with an event trigger and an actor as the stages left it
	// (annotate.EventSentence), before the builder sets triggers aside.
	parseable []bool
	words     []syntax.TokenWord // the parses made, sentence after sentence
	// narrative[si] is the date in force at sentence si counting the
	// dates other events state too: the story's time, for an event that
	// has no date of its own and inherits none.
	narrative     []int32
	narrativeLead int // the lead's date, owned or not, for the headline's event
}

func newDocState(d *annotate.Doc) *docState {
	st := &docState{Doc: d}
	st.country = d.MainCountry()
	return st
}

// sentenceRolesOf returns what the role rules read of sentence si
// beyond its tokens and actors: its triggers, and its parse when it is
// asked for (b.Parser, or the words of the Doc's syntax stage).
func (b *Builder) sentenceRolesOf(in *docState, si int, ts []trigger.Trigger) *sentenceRoles {
	sr := &sentenceRoles{triggers: ts, person: b.personNoun, all: b.ParseAll}
	switch ws := in.Words.In(si); {
	case len(ws) > 0:
		sr.parse = func() []syntax.TokenWord { return ws }
	case b.Parser != nil && in.parseable != nil && in.parseable[si]:
		sr.parse = func() []syntax.TokenWord {
			p, err := b.Parser()
			if err != nil {
				return nil
			}
			s := in.Sents[si]
			first := len(in.words)
			in.words = p.ParseTokens(in.words, in.Text, in.Toks[s.First:s.Last])
			ws := in.words[first:len(in.words):len(in.words)]
			for i := range ws {
				ws[i].Token += s.First
			}
			return ws
		}
	}
	return sr
}

// Fates of counted people.
const (
	fateKilled   = "killed"
	fateInjured  = "injured"
	fateArrested = "arrested"
)

// draft is the event one sentence reports, before merging.
type draft struct {
	sents        []int // sentence indices
	subType      trigger.Class
	trigger      *trigger.Trigger
	triggers     []trigger.Trigger // every active trigger merged in, for evidence
	actor1       *actor.Mention
	actor2       *actor.Mention
	dates        []date.Expr
	sameDates    []int // starts of the dates told again or of its report, left out of dates: they date no other event
	places       []place.Mention
	best         place.Mention // bestPlace(places), kept as places grow
	explicitDate bool
	ownPlace     bool
	counts       []count
	people       []personFate
	cues         []cueRef
	separate     bool
	// weak drafts only add to the event before them; alone they are none.
	weak bool
	// history: the draft recalls an event before the story (markHistory).
	history bool
	// classes are the trigger classes said of the event, each once, for
	// deciding its type from all its sentences (a few per sentence: a
	// slice costs less than a map per draft); state is true when state
	// forces act.
	classes []trigger.Class
	state   bool
	// doer is who did the violence said of a demonstration: the crowd,
	// state forces or neither (crowdViolenceDoer).
	doer int
	// anaphoric is true when the main trigger refers back: "the attack".
	anaphoric      bool
	actorFromClaim bool
	// roleWhy names the arc or rule behind actor1 and actor2 (--explain).
	roleWhy roleWhy
	// headline marks a draft told in the text's headline (headline).
	headline bool
}

type cueRef struct {
	c  claim.Cue
	si int
}

// Build returns the events of the document in text order.
func (b *Builder) Build(doc *annotate.Doc) []sitrep.Event {
	in := newDocState(doc)
	if b.Parser != nil {
		in.parseable = make([]bool, len(in.Sents))
		for si := range in.Sents {
			in.parseable[si] = annotate.EventSentence(doc, si)
		}
	}
	m := merger{b: b}
	var sentDrafts []*draft
	for si := range in.Sents {
		ts := in.Triggers.In(si)
		if len(ts) == 0 {
			continue
		}
		d := b.sentenceDraft(in, si, ts)
		if d == nil {
			continue
		}
		d.separate = in.Separate != nil && in.Separate[si]
		if b.Explain != nil {
			b.explain(in, "draft", d)
		}
		sentDrafts = append(sentDrafts, d)
	}
	// History is known once the story's day is: it keeps apart from the
	// story's events in merging.
	b.markHistory(in, sentDrafts)
	for _, d := range sentDrafts {
		m.add(d)
	}
	drafts := m.done()
	if b.Explain != nil {
		for _, d := range drafts {
			b.explain(in, "merged", d)
		}
	}
	drafts = b.consolidate(drafts)
	if b.Explain != nil {
		for _, d := range drafts {
			b.explain(in, "event", d)
		}
	}
	b.applyDoubts(in, drafts)
	in.datesInForce(drafts)
	events := make([]sitrep.Event, 0, len(drafts))
	for i, d := range drafts {
		drafts[i] = nil // done with once its event is made
		if ev, ok := b.finish(in, d); ok {
			if d.history {
				ev.OutsideScope = historyScope
			}
			events = append(events, ev)
		}
	}
	return dedupeIDs(events)
}

// sentenceDraft types sentence si and fills what the sentence says.
// applyContext marks the triggers of sentence si that the sentence's
// context takes out of the event: disasters, diplomacy, past perfect,
// another year, generic plurals. It also sets their voice.
func (b *Builder) applyContext(in *annotate.Doc, si int, ts []trigger.Trigger) {
	text := in.Text
	s := in.Sents[si]
	cues := in.Cues.In(si)
	hasCue := false
	for _, c := range cues {
		if c.Stance == claim.Asserts || c.Stance == claim.Claims {
			hasCue = true
		}
	}
	hasDate, hasDay := false, false
	for _, de := range in.Dates.In(si) {
		if de.Start >= s.Start && de.End <= s.End && de.Precision <= 3 {
			hasDate = true
			hasDay = hasDay || de.Precision <= 2
		}
	}
	hasNumber := false
	for _, n := range in.Numbers.In(si) {
		if n.Start >= s.Start && n.End <= s.End && !n.Ordinal {
			hasNumber = true
		}
	}
	c := sentenceContext{text: text, toks: in.Toks, from: s.First, to: s.Last, ts: ts, hasCue: hasCue, hasDate: hasDate, hasDay: hasDay, hasNumber: hasNumber}
	for i := range ts {
		switch ts[i].Class {
		case trigger.Disaster:
			c.disaster = true
		case trigger.Diplomacy:
			c.diplomacy = true
		case trigger.CtxTrend:
			c.trend = true
		}
	}
	// A disaster named elsewhere in the text explains the deaths of a
	// sentence that names no armed actor, unless the sentence names the
	// gunfire or the weapon of war that caused them ("a shooting left one
	// dead", "guided bombs struck a store, killing 12"): a page that also
	// tells of a crash, or of the fire a strike started, does not explain
	// a shooting or a strike away.
	if !c.disaster && in.Disaster {
		armed := false
		for _, m := range in.Actors.In(si) {
			armed = armed || m.Armed() && m.Kind != actor.Country
		}
		for i := range ts {
			armed = armed || gunfire(text, &ts[i]) || weaponOfWar(&ts[i])
		}
		c.disaster = !armed
	}
	for i := range ts {
		t := &ts[i]
		t.Passive = passive(text, in.Toks, s.First, s.Last, t)
		if t.Suppressed != "" {
			continue
		}
		for _, r := range contextRules {
			if r.applies(&c, t) {
				t.Suppressed = r.reason
				break
			}
		}
	}
}

func (b *Builder) sentenceDraft(in *docState, si int, ts []trigger.Trigger) *draft {
	text := in.Text
	s := in.Sents[si]
	cues := in.Cues.In(si)
	actors := roleCandidates(text, in.Toks, in.Actors.In(si), cues, ts)
	v := &sentenceView{text: text, toks: in.Toks, triggers: ts, actors: actors, all: in.Actors.In(si)}
	v.victims = b.counts(in, si, ts, in.Actors.In(si))
	sr := b.sentenceRolesOf(in, si, ts)
	v.roles = func(t *trigger.Trigger) (*actor.Mention, *actor.Mention) {
		return roles(text, in.Toks, s, t, actors, in.Actors.In(si), v.victims, sr)
	}
	for _, p := range in.Places.In(si) {
		if p.Start >= s.Start && p.End <= s.End {
			v.placeToks = append(v.placeToks, tokenAt(in.Toks, p.Start))
		}
	}
	for k := s.First; k < s.Last; k++ {
		// A capitalised count noun is part of a name: "New People's Army".
		if in.Toks[k].Upper && k > s.First {
			continue
		}
		if cn, ok := b.lex.countNouns[in.Toks[k].Key(text)]; ok && !cn.agent {
			v.peopleToks = append(v.peopleToks, k)
			if cn.kind == kindCivilian {
				v.personToks = append(v.personToks, k)
			}
		}
	}
	// A device named as what was found is not an explosion: "defused
	// hundreds of landmines".
	// A device named in a sentence that finds things, where nothing
	// exploded and no one was hurt, is an object too: "discovered arms,
	// including a suicide vest ... and explosive devices".
	found := v.mod(trigger.Find) != nil && !v.violence() && !v.explosion() && v.has(trigger.GenericAttack) == nil
	for i := range ts {
		t := &ts[i]
		if t.Suppressed != "" || t.Strength != 3 || b.lex.subEvents[t.Class].EventType != sitrep.ExplosionsRemote {
			continue
		}
		device := false
		for j := range ts {
			if ts[j].Class == trigger.Weapon && ts[j].First <= t.First && t.Last <= ts[j].Last {
				device = true
			}
		}
		if device && (found || v.near(t, trigger.Find, 8) != nil) {
			t.Suppressed = "object"
		}
	}
	setOccasions(text, in.Toks, ts)
	subType, main := classify(v)
	// A death in custody outranks the arrest before it ("died in police
	// custody two days after he was arrested"): ACLED types the event
	// by its violence.
	if subType == "" || subType == trigger.Arrests {
		if st, t := framedStateKilling(text, in.Toks, s, ts, actors, in.Actors.In(si), v.victims, sr); st != "" {
			subType, main = st, t
		} else if st, t := framedStateKillingWindow(text, in.Toks, s, ts, actors, v.victims); st != "" {
			subType, main = st, t
		}
	}
	weak := false
	if subType == "" {
		// A sentence that only adds to the event before it: a place for
		// the operation, the dead named ("one of the dead was X").
		main = weakTrigger(ts)
		if main == nil {
			return nil
		}
		weak = true
	}
	d := &draft{sents: []int{si}, subType: subType, trigger: main, weak: weak, headline: headline(in, si)}
	for i := range ts {
		if t := &ts[i]; t.Live() && (t.Strength >= 2 || t.Context() || t.Class == trigger.Kill || t.Class == trigger.Injure) {
			d.addClass(t.Class)
		}
	}
	d.state = v.anyActor((*actor.Mention).State)
	if protestFamily[subType] {
		d.doer = v.crowdViolenceDoer()
	}
	d.anaphoric = anaphoric(text, in.Toks, s.First, main)
	for i := range ts {
		if ts[i].Active() {
			d.triggers = append(d.triggers, ts[i])
		}
	}
	// "killed 12 soldiers in an ambush": the verb, not the noun after
	// "in", says who did what to whom.
	roleTrigger := main
	if main.First-2 >= s.First {
		if fw.tok(text, in.Toks, main.First-1, article) && fw.tok(text, in.Toks, main.First-2, framePrep) {
			for i := range ts {
				if t := &ts[i]; t.First < main.First && t.Suppressed == "" && (t.Class == trigger.Kill || t.Class == trigger.Injure) && t.Strength >= 2 {
					roleTrigger = t
				}
			}
		}
	}
	d.actor1, d.actor2, d.roleWhy = explainedRoles(text, in.Toks, s, roleTrigger, actors, in.Actors.In(si), v.victims, sr)
	if protestFamily[subType] && d.actor1 == nil && (d.actor2 == nil || !d.actor2.State()) {
		d.actor1, d.roleWhy.a1 = arrestingPolice(v)
	}
	d.counts = v.victims
	// Dates: the one nearest the trigger; a bare year is context. A date
	// said of a follow-up ("charged Monday in the shooting") is not the
	// event's.
	dates := in.Dates.In(si)
	if fu := followUpDates(text, in.Toks, s, ts, main, dates); len(fu) > 0 {
		kept := make([]date.Expr, 0, len(dates))
		for _, de := range dates {
			if slices.Contains(fu, de.Start) {
				d.sameDates = append(d.sameDates, de.Start)
			} else {
				kept = append(kept, de)
			}
		}
		dates = kept
	}
	dates = withoutSayingDates(dates, cues, main, &d.sameDates)
	if de, ok := nearestDate(dates, s, main); ok {
		d.dates = append(d.dates, de)
		d.explicitDate = true
	}
	// One place per sentence: the one the event verb points at, the first
	// after it, else the last before it ("In Kabul, gunmen killed ...").
	if ps := eventPlaces(in, si, ts, cues, main); len(ps) > 0 {
		primary := ps[len(ps)-1]
		for i, p := range ps {
			if p.Start >= main.End {
				// "in Russia's Volgograd region": the region, not the country.
				if p.Admin1 == "" && i+1 < len(ps) && ps[i+1].Start-p.End <= 4 && ps[i+1].CountryCode == p.CountryCode {
					p = ps[i+1]
				}
				primary = p
				break
			}
			if p.End <= main.Start {
				primary = p
			}
		}
		// "the Butkhaak, PD 12 of Kabul city": of a chain of places each
		// inside the next, the most specific.
		d.best = bestPlace(placeChain(ps, primary))
		d.places = []place.Mention{d.best}
	}
	d.ownPlace = len(d.places) > 0
	// "Rifles and grenades were recovered from the site": weapons taken
	// at the scene of a fight told before are part of it, not a seizure
	// of their own (ACLED's Disrupted weapons use is a cache found or an
	// attack foiled).
	if subType == trigger.DisruptedWeaponsUse && !d.ownPlace && definiteBack(in, si, sceneNoun) {
		d.anaphoric = true
	}
	d.people = b.peopleFates(in, si, ts, cues)
	if weak && len(d.people) == 0 && len(d.counts) == 0 && main.Class != trigger.Operation && !main.Class.Prefix("mod:") {
		return nil
	}
	for _, c := range cues {
		d.cues = append(d.cues, cueRef{c: c, si: si})
	}
	// The roles point into this sentence's candidates, a slice of its
	// own: pointing at the same mentions in the document's layer lets
	// that slice go when the sentence is done.
	d.actor1, d.actor2 = inLayer(d.actor1, in.Actors.In(si)), inLayer(d.actor2, in.Actors.In(si))
	return d
}

// inLayer returns the mention of layer that m is a copy of, else m.
func inLayer(m *actor.Mention, layer []actor.Mention) *actor.Mention {
	if m == nil {
		return nil
	}
	for i := range layer {
		l := &layer[i]
		if l == m {
			return m
		}
		if l.Span == m.Span && l.First == m.First && l.Last == m.Last && l.Kind == m.Kind && l.Country == m.Country &&
			l.Demonym == m.Demonym && l.Agent == m.Agent && slices.Equal(l.Named, m.Named) && slices.Equal(l.Regimes, m.Regimes) {
			return l
		}
	}
	return m
}

func (b *Builder) explain(in *docState, what string, d *draft) {
	text := in.Text
	name := func(m *actor.Mention) string {
		if m == nil {
			return "-"
		}
		return text[m.Start:m.End]
	}
	var places []string
	for _, p := range d.places {
		places = append(places, p.Name)
	}
	var dates []string
	for _, de := range d.dates {
		dates = append(dates, de.Value)
	}
	var counts []string
	for _, c := range d.counts {
		counts = append(counts, fmt.Sprintf("%d %s %q", c.n, c.fate, text[c.start:c.end]))
	}
	var people []string
	for _, p := range d.people {
		people = append(people, p.m.Name+" "+p.fate)
	}
	fmt.Fprintf(b.Explain, "%s sents=%v type=%q trigger=%q weak=%v a1=%q a2=%q places=%v dates=%v counts=%q people=%q cues=%d\n",
		what, d.sents, d.subType, text[d.trigger.Start:d.trigger.End], d.weak, name(d.actor1), name(d.actor2), places, dates, counts, people, len(d.cues))
	if what == "draft" {
		for _, r := range []struct {
			role, why string
			m         *actor.Mention
		}{{"actor1", d.roleWhy.a1, d.actor1}, {"actor2", d.roleWhy.a2, d.actor2}} {
			if r.m != nil && r.why != "" {
				n := name(r.m)
				if r.m.First < 0 {
					n = "(implicit " + r.m.Agent.Kind + ")"
				}
				fmt.Fprintf(b.Explain, "  %s %q from %s\n", r.role, n, r.why)
			}
		}
	}
}

// consolidate joins the violent events of one article that tell one
// incident in pieces: sentences about it that name other actors or none
// ("Police said ...", "the victim"), or type it otherwise (an attack in
// one, an exchange of fire in the next), become drafts the sentence
// merge keeps apart. ACLED's rule is that one place and one day make one
// event: two violent events join when nothing tells them apart, that is
// when neither is set off as another incident, their places are the same
// or one holds the other (or one names none), and their days agree (or
// one states none). Events of other types, and violence on another day
// or in another place, stay apart.
func (b *Builder) consolidate(ds []*draft) []*draft {
	violent := func(d *draft) bool {
		// An abduction or sexual violence is its own sub-event type,
		// told by its own verb, not a piece of a shooting.
		if d.subType == trigger.AbductionForcedDisappearance || d.subType == trigger.SexualViolence {
			return false
		}
		switch b.lex.subEvents[d.subType].EventType {
		case sitrep.Battles, sitrep.ViolenceAgainstCivilian, sitrep.ExplosionsRemote:
			return true
		}
		return false
	}
	var out []*draft
	for i, d := range ds {
		ds[i] = nil // an absorbed draft is garbage once read
		joined := false
		if violent(d) && !d.separate {
			// The events told last, as in merge: looking further would
			// make a long text's events quadratic.
			for _, e := range out[max(0, len(out)-mergeLookback):] {
				if !violent(e) || !placeContained(e, d) || !daysAgree(e, d) || twoStrikes(e, d) {
					continue
				}
				// The precise telling types the event ("a grenade
				// attack" over "were killed").
				e.subType, e.trigger = b.preferred(e, d)
				e.absorb(d)
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, d)
		}
	}
	return out
}

// withoutSayingDates leaves out the dates that date a report of the event,
// not the event: a date after a reporting verb that itself follows the
// event's trigger ("troops killed 11 insurgents, the army said in a
// statement on Friday") is the day of the saying. A date before the cue,
// or a cue before the trigger ("officials said Tuesday that gunmen had
// killed ..."), is left to nearestDate.
// Their starts are added to said: the day of a report dates no event.
func withoutSayingDates(dates []date.Expr, cues []claim.Cue, main *trigger.Trigger, said *[]int) []date.Expr {
	// The dates after the end of the first cue past the trigger are said
	// of the report.
	from := -1
	for _, c := range cues {
		if c.Start >= main.End && (from < 0 || c.End < from) {
			from = c.End
		}
	}
	if from < 0 || len(dates) == 0 || dates[len(dates)-1].Start < from {
		return dates
	}
	kept := make([]date.Expr, 0, len(dates))
	for _, de := range dates {
		if de.Start >= from {
			*said = append(*said, de.Start)
		} else {
			kept = append(kept, de)
		}
	}
	return kept
}

// headline reports whether sentence si is the text's headline: its first
// line, standing alone above a blank line with no closing stop.
func headline(in *docState, si int) bool {
	if si != 0 || len(in.Sents) < 2 {
		return false
	}
	s := in.Sents[0]
	line := strings.TrimRight(in.Text[s.Start:s.End], " ")
	if line == "" || strings.ContainsRune(line, '\n') || strings.ContainsAny(line[len(line)-1:], ".!?") {
		return false
	}
	after := strings.Map(func(r rune) rune {
		if r == '\r' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, in.Text[s.End:min(len(in.Text), s.End+8)])
	return strings.HasPrefix(after, "\n\n")
}

// twoStrikes reports whether e and d are two attacks, each told with its
// own means and its own dead ("two guided bombs hit a store, killing 12
// ... Earlier in the day, a missile hit a printing house, killing seven").
// One incident has one toll: two precise tellings of different means with
// different dead are two incidents, and ACLED codes each strike.
func twoStrikes(e, d *draft) bool {
	if e.subType == d.subType || e.trigger == nil || d.trigger == nil || e.trigger.Strength < 3 || d.trigger.Strength < 3 {
		return false
	}
	ke, kd := ownDead(e), ownDead(d)
	return ke > 0 && kd > 0 && ke != kd
}

// ownDead is the first number of dead a draft tells of its own, not as a
// later death of someone counted hurt; 0 when it tells none.
func ownDead(d *draft) int {
	for _, c := range d.counts {
		if c.fate == fateKilled && !c.later && !c.ordinal {
			return c.n
		}
	}
	return 0
}

// markHistory marks the sentence drafts that recount history: in an
// article whose story is told to the day (the first draft that states a
// day or a few days), a draft dated only by a month or a year that ended
// before that day ("In June, an ambush killed 30 soldiers", "In 2019, the
// town fell"), told after the story's first day-dated draft, is background, and merges with no event of the story
// (compatible). The linguistic fact: a
// wire report dates its news by the day and its history by the month or
// year. ACLED codes an event from the reports of its own time; a
// retrospective mention adds no event to this report, so the event is
// outside ACLED's coding of it (left out by default). A tracker of every
// incident (--scope all) keeps it, marked, as it keeps a recalled
// incident a follow-up report narrates, with the sentences that narrate it.
func (b *Builder) markHistory(in *docState, ds []*draft) {
	var story time.Time
	storySent := -1
	for _, d := range ds {
		if d.weak || !d.explicitDate {
			continue
		}
		for _, de := range d.dates {
			if de.Precision <= 2 && !de.From.IsZero() {
				story = de.From
				break
			}
		}
		if !story.IsZero() {
			storySent = d.sents[0]
			break
		}
	}
	if story.IsZero() {
		return
	}
	for _, d := range ds {
		// News tells its lead first and its background after: an event
		// told before the story's first day-dated one is the lead itself
		// ("attacked a checkpoint last month ...; on Monday police
		// arrested two men"), not history.
		if d.sents[0] <= storySent {
			continue
		}
		if d.explicitDate && coarseOnly(d) && endsBefore(d.dates, story) {
			d.history = true
			if b.Explain != nil {
				b.explain(in, "history", d)
			}
		}
	}
}

// historyScope is why a history event is outside ACLED's coding of the
// report that recalls it.
const historyScope = "background: an event of a month or year before the story, recalled; ACLED codes it from the reports of its own time"

// endsBefore reports whether every date of ds ends before day.
func endsBefore(ds []date.Expr, day time.Time) bool {
	for _, de := range ds {
		if de.To.IsZero() || !de.To.Before(day) {
			return false
		}
	}
	return len(ds) > 0
}

// daysAgree reports whether e and d may be told of one day: one states no
// date, or each states a day or a few days and some of them overlap. An
// event dated only to a month or a year is told of another time (a
// suspect's record, the year's other shootings).
func daysAgree(e, d *draft) bool {
	if coarseOnly(e) || coarseOnly(d) {
		return false
	}
	if !e.explicitDate || !d.explicitDate {
		return true
	}
	for _, x := range e.dates {
		for _, y := range d.dates {
			if x.Precision <= 2 && y.Precision <= 2 && !x.From.IsZero() && !y.From.IsZero() && !x.To.Before(y.From) && !y.To.Before(x.From) {
				return true
			}
		}
	}
	return false
}

// coarseOnly reports whether every date of d is a month or longer.
func coarseOnly(d *draft) bool {
	if len(d.dates) == 0 {
		return false
	}
	for _, de := range d.dates {
		if de.Precision <= 2 {
			return false
		}
	}
	return true
}

// placeContained reports whether e and d may be told of one place: one
// names none, both name the same, or one names only a region (a county, a
// state) that holds the other. Two towns of one state are two places.
func placeContained(e, d *draft) bool {
	if len(e.places) == 0 || len(d.places) == 0 {
		return true
	}
	p, q := e.best, d.best
	if p.ID != 0 && p.ID == q.ID || p.Name == q.Name && p.Admin1 == q.Admin1 && p.CountryCode == q.CountryCode {
		return true
	}
	if p.CountryCode != q.CountryCode {
		return false
	}
	holds := func(r, x place.Mention) bool {
		return r.Precision == place.PrecisionRegion && (r.Admin1 == "" || r.Admin1 == x.Admin1) && (r.Admin2 == "" || r.Admin2 == x.Admin2)
	}
	if holds(p, q) || holds(q, p) {
		return true
	}
	// A neighbourhood and its city, a town and its suburb: points a
	// few kilometres apart in one province are one place's parts.
	return p.Admin1 == q.Admin1 && p.Precision < place.PrecisionRegion && q.Precision < place.PrecisionRegion &&
		place.DistanceKm(p.Lat, p.Lon, q.Lat, q.Lon) <= sameAreaKm
}

// sameAreaKm is the distance within which two places of one province are
// parts of one area: a city's neighbourhoods and suburbs lie within it (a
// metropolitan area's radius, and the 25 km a gun-violence archive allows
// for a point).
const sameAreaKm = 25

// followUpDates returns the starts of the dates of sentence s that date a
// follow-up, not the event told by main: when the event is a noun framed
// by a preposition after the verb of the sentence ("a man was charged
// Monday in the shooting", "police arrested him on Tuesday in Sunday's
// shooting"), a date before that preposition belongs to the verb (the
// charge, the arrest, the funeral), unless a verb of violence stands
// before it ("gunmen killed three people on Monday in an attack"). ACLED
// dates an event by when it happened, not by when it was followed up.
func followUpDates(text string, toks []segment.Token, s segment.Sentence, ts []trigger.Trigger, main *trigger.Trigger, dates []date.Expr) []int {
	// The frame: a preposition, then a determiner, a possessive date or
	// nothing, before the event noun.
	prep := -1
	for k := main.First - 1; k >= s.First && k >= main.First-4; k-- {
		if fw.tok(text, toks, k, followUpPrep) {
			prep = k
			break
		}
	}
	if prep < 0 || prep+1 >= main.First {
		return nil
	}
	// A noun phrase opens after the preposition: "in the shooting", "in
	// Sunday's shooting" (not "police in Kunduz arrested").
	opens := fw.tok(text, toks, prep+1, determiner)
	for _, de := range dates {
		opens = opens || tokenAt(toks, de.Start) == prep+1
	}
	if !opens {
		return nil
	}
	var out []int
	for _, de := range dates {
		k := tokenAt(toks, de.Start)
		if k < s.First || k >= prep || de.Start < s.Start {
			continue
		}
		// The verb the date goes with is one of following up ("charged
		// Monday", "arrested a man on Tuesday").
		follow := false
		for j := max(s.First, k-5); j < k; j++ {
			follow = follow || fw.tok(text, toks, j, followUp)
		}
		if !follow {
			continue
		}
		violent := false
		for i := range ts {
			t := &ts[i]
			// A word of dying is no act of violence: "died Friday
			// after a shooting" dates the death.
			if t.Last <= k && t.Live() && (t.Class == trigger.Kill && t.Strength >= 2 || t.Class == trigger.Injure || t.Class == trigger.Attack || t.Class == trigger.GenericAttack) {
				violent = true
			}
		}
		if !violent {
			out = append(out, de.Start)
		}
	}
	return out
}
