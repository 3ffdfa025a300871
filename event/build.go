// Package event writes ACLED-style events from an annotated document: it
// finds the sentences that report an event, types them by ACLED's codebook,
// assigns who did what to whom, where, when and how many, merges the
// sentences that report one event (ACLED: same actors, place and day), and
// records who claims it and whether anyone confirmed it.
package event

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/number"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// Place is a resolved toponym as the builder sees it.
type Place struct {
	Start, End  int // byte offsets into the text
	Text        string
	Name        string // location name to print
	GeonameID   int
	Lat, Lon    float64
	CountryCode string
	Country     string
	Admin1      string
	Admin2      string
	FeatureCode string
	Precision   int  // ACLED geo_precision if an event happened here
	Adjective   bool // a demonym naming the country ("Afghan"), no event's place
}

// Input is an annotated document: every layer the builder reads.
type Input struct {
	Doc   *sitrep.Document
	Sents []segment.Sentence
	Toks  []segment.Token
	// Ref is the reference date (zero when unknown) and Basis how it was
	// obtained (sitrep.BasisGiven ...).
	Ref     time.Time
	Basis   string
	Dates   []date.Expr
	Numbers []number.Number
	Places  []Place
	// Adjectives are the demonyms that name places ("Turkish"): annotated,
	// never an event's location.
	Adjectives []Place
	// Per sentence, indexed like Sents.
	Actors [][]actor.Mention
	People [][]person.Mention
	Cues   [][]claim.Cue

	disaster bool // the text names a disaster or an accident
}

// Builder writes events. It is safe for concurrent use.
type Builder struct {
	lex    *lex
	actors *actor.Matcher
	// Explain, when set, receives a trace of the sentence drafts and how
	// they were merged, for people tuning the lexicons.
	Explain io.Writer
}

// New returns a Builder with the embedded trigger lexicon; actors resolves
// actor names.
func New(actors *actor.Matcher) (*Builder, error) {
	l, err := loadLex()
	if err != nil {
		return nil, err
	}
	return &Builder{lex: l, actors: actors}, nil
}

// SubEvent returns ACLED's hierarchy row of a sub-event type.
func (b *Builder) SubEvent(name string) (SubEvent, bool) {
	s, ok := b.lex.subEvents[name]
	return s, ok
}

// Triggers returns the triggers of every sentence with their context
// applied, for annotation.
func (b *Builder) Triggers(in *Input) [][]Trigger {
	all := make([][]Trigger, len(in.Sents))
	for si, s := range in.Sents {
		all[si], _ = b.findTriggers(in.Doc.Text, in.Toks, s.First, s.Last)
		for i := range all[si] {
			if all[si][i].Class == classDisaster {
				in.disaster = true
			}
		}
	}
	for si := range in.Sents {
		b.applyContext(in, si, all[si])
	}
	return all
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
	subType      string
	trigger      *Trigger
	triggers     []Trigger // every active trigger merged in, for evidence
	actor1       *actor.Mention
	actor2       *actor.Mention
	dates        []date.Expr
	places       []Place
	explicitDate bool
	ownPlace     bool
	counts       []count
	people       []personFate
	cues         []cueRef
	separate     bool
	// weak drafts only add to the event before them; alone they are none.
	weak bool
	// classes are the trigger classes said of the event, for deciding its
	// type from all its sentences; state is true when state forces act.
	classes map[string]bool
	state   bool
	// anaphoric is true when the main trigger refers back: "the attack".
	anaphoric      bool
	actorFromClaim bool
}

type cueRef struct {
	c  claim.Cue
	si int
}

// Build returns the events of the document in text order.
func (b *Builder) Build(in *Input) []sitrep.Event {
	text := in.Doc.Text
	var drafts []*draft
	type sentTriggers struct {
		ts       []Trigger
		separate bool
	}
	all := make([]sentTriggers, len(in.Sents))
	for si, s := range in.Sents {
		ts, separate := b.findTriggers(text, in.Toks, s.First, s.Last)
		all[si] = sentTriggers{ts, separate}
		for i := range ts {
			if ts[i].Class == classDisaster {
				in.disaster = true
			}
		}
	}
	for si := range in.Sents {
		ts, separate := all[si].ts, all[si].separate
		if len(ts) == 0 {
			continue
		}
		d := b.sentenceDraft(in, si, ts)
		if d == nil {
			continue
		}
		d.separate = separate
		drafts = append(drafts, d)
	}
	if b.Explain != nil {
		for _, d := range drafts {
			b.explain(in, "draft", d)
		}
	}
	drafts = b.merge(in, drafts)
	if b.Explain != nil {
		for _, d := range drafts {
			b.explain(in, "event", d)
		}
	}
	b.applyDoubts(in, drafts)
	events := make([]sitrep.Event, 0, len(drafts))
	for _, d := range drafts {
		if ev, ok := b.finish(in, d); ok {
			events = append(events, ev)
		}
	}
	return dedupeIDs(events)
}

// sentenceDraft types sentence si and fills what the sentence says.
// applyContext marks the triggers of sentence si that the sentence's
// context takes out of the event: disasters, diplomacy, past perfect,
// another year, generic plurals. It also sets their voice.
func (b *Builder) applyContext(in *Input, si int, ts []Trigger) {
	text := in.Doc.Text
	s := in.Sents[si]
	cues := in.Cues[si]
	hasCue := false
	for _, c := range cues {
		if c.Stance == claim.Asserts || c.Stance == claim.Claims {
			hasCue = true
		}
	}
	hasDate := false
	for _, de := range in.Dates {
		if de.Start >= s.Start && de.End <= s.End && de.Precision <= 3 {
			hasDate = true
		}
	}
	hasNumber := false
	for _, n := range in.Numbers {
		if n.Start >= s.Start && n.End <= s.End && !n.Ordinal {
			hasNumber = true
		}
	}
	disaster, diplomacy, trend := false, false, false
	for i := range ts {
		switch ts[i].Class {
		case classDisaster:
			disaster = true
		case classDiplomacy:
			diplomacy = true
		case ctxTrend:
			trend = true
		}
	}
	// A disaster named elsewhere in the text explains the deaths of a
	// sentence that names no armed actor.
	if !disaster && in.disaster {
		armed := false
		for _, m := range in.Actors[si] {
			armed = armed || m.Armed() && m.Kind != actor.Country
		}
		disaster = !armed
	}
	for i := range ts {
		t := &ts[i]
		t.Passive = passive(text, in.Toks, s.First, s.Last, t)
		if t.Suppressed != "" {
			continue
		}
		switch {
		case disaster && (t.Class == classKill || t.Class == classInjure || t.Class == classAttack || t.Class == "Looting/property destruction" || t.Class == "Remote explosive/landmine/IED" && t.Strength == 2):
			// ACLED does not code disasters and accidents.
			t.Suppressed = "disaster"
		case diplomacy && t.Strength == 2 && t.Class != classProtest && t.Class != classRiot:
			// Sanctions and talks about an event are not the event.
			t.Suppressed = "diplomacy"
		case pastPerfect(text, in.Toks, s.First, t) && !hasCue:
			// "the detainees had carried out attacks": background.
			t.Suppressed = "background"
		case t.Class == classAttack && verbalObject(ts, t):
			// "strongly attacked Mr Trump's proposal": words, not violence.
			t.Suppressed = "verbal"
		case t.Class == "Armed clash" && t.First > s.First && in.Toks[t.First-1].Key(text) == "who":
			// "eighteen troops who fought in Afghanistan": who they are, not an event.
			t.Suppressed = "background"
		case yearBefore(text, in.Toks, s.First, t):
			// "a deadly 2017 chemical weapons attack": an event of another year.
			t.Suppressed = "background"
		case bareGenericPlural(text, in.Toks, s.First, t) && (!hasDate && !hasNumber || trend):
			// "carried out attacks in Faryab and Kabul": no one event.
			t.Suppressed = "generic"
		}
	}
}

func (b *Builder) sentenceDraft(in *Input, si int, ts []Trigger) *draft {
	text := in.Doc.Text
	s := in.Sents[si]
	cues := in.Cues[si]
	b.applyContext(in, si, ts)
	actors := roleCandidates(text, in.Toks, in.Actors[si], cues, ts)
	v := &sentenceView{triggers: ts, actors: actors, all: in.Actors[si]}
	v.victims = b.counts(in, si, ts, in.Actors[si])
	v.roles = func(t *Trigger) (*actor.Mention, *actor.Mention) {
		return roles(text, in.Toks, s, t, actors, in.Actors[si], v.victims)
	}
	for _, p := range in.Places {
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
		}
	}
	// A device named as what was found is not an explosion: "defused
	// hundreds of landmines".
	// A device named in a sentence that finds things, where nothing
	// exploded and no one was hurt, is an object too: "discovered arms,
	// including a suicide vest ... and explosive devices".
	found := v.mod(classFind) != nil && !v.violence() && !v.explosion() && v.has(classAttack) == nil
	for i := range ts {
		t := &ts[i]
		if t.Suppressed != "" || t.Strength != 3 || b.lex.subEvents[t.Class].EventType != sitrep.ExplosionsRemote {
			continue
		}
		device := false
		for j := range ts {
			if ts[j].Class == classWeapon && ts[j].First <= t.First && t.Last <= ts[j].Last {
				device = true
			}
		}
		if device && (found || v.near(t, classFind, 8) != nil) {
			t.Suppressed = "object"
		}
	}
	subType, main := classify(v)
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
	d := &draft{sents: []int{si}, subType: subType, trigger: main, weak: weak, classes: map[string]bool{}}
	for i := range ts {
		if t := &ts[i]; (t.Suppressed == "" || t.Suppressed == "generic") && (t.Strength >= 2 || isCtx(t) || t.Class == classKill || t.Class == classInjure) {
			d.classes[t.Class] = true
		}
	}
	d.state = v.anyActor((*actor.Mention).State)
	d.anaphoric = anaphoric(text, in.Toks, s.First, main)
	for i := range ts {
		if ts[i].active() {
			d.triggers = append(d.triggers, ts[i])
		}
	}
	// "killed 12 soldiers in an ambush": the verb, not the noun after
	// "in", says who did what to whom.
	roleTrigger := main
	if main.First-2 >= s.First {
		switch in.Toks[main.First-1].Key(text) + " " + in.Toks[main.First-2].Key(text) {
		case "an in", "a in", "the in", "an during", "a during", "the during":
			for i := range ts {
				if t := &ts[i]; t.First < main.First && t.Suppressed == "" && (t.Class == classKill || t.Class == classInjure) && t.Strength >= 2 {
					roleTrigger = t
				}
			}
		}
	}
	d.actor1, d.actor2 = roles(text, in.Toks, s, roleTrigger, actors, in.Actors[si], v.victims)
	d.counts = v.victims
	// Dates: the one nearest the trigger; a bare year is context.
	if de, ok := nearestDate(in.Dates, s, main); ok {
		d.dates = append(d.dates, de)
		d.explicitDate = true
	}
	// One place per sentence: the one the event verb points at, the first
	// after it, else the last before it ("In Kabul, gunmen killed ...").
	if ps := eventPlaces(in, s, ts, cues, main); len(ps) > 0 {
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
		d.places = []Place{bestPlace(placeChain(ps, primary))}
	}
	d.ownPlace = len(d.places) > 0
	d.people = b.peopleFates(in, si, ts, cues)
	if weak && len(d.people) == 0 && len(d.counts) == 0 && main.Class != classOperation && !strings.HasPrefix(main.Class, "mod:") {
		return nil
	}
	for _, c := range cues {
		d.cues = append(d.cues, cueRef{c: c, si: si})
	}
	return d
}

func (b *Builder) explain(in *Input, what string, d *draft) {
	text := in.Doc.Text
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
	fmt.Fprintf(b.Explain, "%s sents=%v type=%q trigger=%q weak=%v a1=%q a2=%q places=%v dates=%v counts=%d people=%d cues=%d\n",
		what, d.sents, d.subType, text[d.trigger.Start:d.trigger.End], d.weak, name(d.actor1), name(d.actor2), places, dates, len(d.counts), len(d.people), len(d.cues))
}

// verbalObject reports whether an attack's object is something said or
// decided ("attacked the proposal"), within four tokens after it.
func verbalObject(ts []Trigger, t *Trigger) bool {
	for i := range ts {
		if u := &ts[i]; u.Class == classVerbal && u.First >= t.Last && u.First-t.Last <= 4 {
			return true
		}
	}
	return false
}
