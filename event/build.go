// Package event writes ACLED-style events from an annotated document: it
// finds the sentences that report an event, types them by ACLED's codebook,
// assigns who did what to whom, where, when and how many, merges the
// sentences that report one event (ACLED: same actors, place and day), and
// records who claims it and whether anyone confirmed it.
package event

import (
	"unicode"

	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/actor"
	"github.com/sitrep-dev/sitrep/claim"
	"github.com/sitrep-dev/sitrep/date"
	"github.com/sitrep-dev/sitrep/internal/phrase"
	"github.com/sitrep-dev/sitrep/number"
	"github.com/sitrep-dev/sitrep/person"
	"github.com/sitrep-dev/sitrep/segment"
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

// count is a number of people with a fate: "three important ISIS members"
// killed.
type count struct {
	n          int
	start, end int // byte span of the number phrase
	fate       string
	kind       string         // count noun kind: civilian, member, other
	actor      *actor.Mention // the group named with the noun ("ISIS members")
}

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

type personFate struct {
	m    person.Mention
	fate string
	si   int
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
	v := &sentenceView{triggers: ts, actors: actors}
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

// passive reports whether a verb trigger is in the passive voice ("were
// killed", "have been arrested", "killed by").
func tokenAt(toks []segment.Token, off int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
}

func passive(text string, toks []segment.Token, from, to int, t *Trigger) bool {
	for k := t.First - 1; k >= from && k >= t.First-3; k-- {
		switch toks[k].Key(text) {
		case "was", "were", "been", "being", "be", "is", "are", "got", "get":
			return true
		case "not", "reportedly", "allegedly", "also", "all", "later", "both", "reported", "said", "believed":
			continue
		}
		break
	}
	if t.Last < to && toks[t.Last].Key(text) == "by" {
		return true
	}
	// A reduced passive, as headlines and captions write it: "Four IS
	// militants killed in Nangarhar raid", "two soldiers wounded".
	w := toks[t.Last-1].Key(text)
	transitive := t.Class == classKill || t.Class == classInjure || t.Class == "Arrests" || t.Class == "Abduction/forced disappearance"
	if transitive && t.Last-t.First == 1 && strings.HasSuffix(w, "ed") && t.First > from && toks[t.First-1].Kind == segment.Word && !activeBefore[toks[t.First-1].Key(text)] {
		if t.Last == to || endsClause(text, toks[t.Last]) || reducedPassiveNext[toks[t.Last].Key(text)] {
			return true
		}
	}
	return false
}

// activeBefore are words after which a participle is active: "it had killed".
var activeBefore = map[string]bool{
	"had": true, "has": true, "have": true, "it": true, "they": true, "he": true, "she": true,
	"who": true, "which": true, "that": true, "we": true, "i": true, "you": true,
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

// reducedPassiveNext are words that follow a participle used as a passive.
var reducedPassiveNext = map[string]bool{
	"in": true, "at": true, "near": true, "on": true, "during": true, "after": true, "as": true,
	"when": true, "while": true, "overnight": true, "outside": true, "inside": true, "and": true,
}

func pastPerfect(text string, toks []segment.Token, from int, t *Trigger) bool {
	for k := t.First - 1; k >= from && k >= t.First-4; k-- {
		w := toks[k].Key(text)
		if w == "had" {
			return true
		}
		if toks[k].Kind == segment.Punct {
			return false
		}
	}
	return false
}

// bareGenericPlural reports a plural event noun with no determiner or
// number before it: "carried out attacks".
func bareGenericPlural(text string, toks []segment.Token, from int, t *Trigger) bool {
	if t.Last-t.First != 1 {
		return false
	}
	w := toks[t.First].Key(text)
	if len(w) < 4 || w[len(w)-1] != 's' || w[len(w)-2] == 's' {
		return false
	}
	switch t.Class {
	case classAttack, "Armed clash", classKill, "Remote explosive/landmine/IED", "Air/drone strike":
	default:
		return false
	}
	if t.First-1 < from {
		return true // "Attacks on aid workers have increased"
	}
	prev := toks[t.First-1].Key(text)
	switch prev {
	case "out", "conducted", "carried", "launched", "staged", "increased", "more", "frequent", "repeated", "several", "recent":
		return true
	}
	return false
}

// roleCandidates are the actor mentions that can fill actor1/actor2: not
// the speakers of cues, and not a country named as a place ("in Syria").
// A country acts only as the subject of a verb ("Israel struck"), and a
// demonym only with the weapon it names ("Turkish artillery").
func roleCandidates(text string, toks []segment.Token, ms []actor.Mention, cues []claim.Cue, ts []Trigger) []actor.Mention {
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
					if ts[i].First == m.Last && (c == modAir || c == modArtillery || c == classWeapon || c == "Air/drone strike" || c == "Shelling/artillery/missile attack") {
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

var locatives = map[string]bool{
	"in": true, "of": true, "from": true, "near": true, "to": true, "across": true, "into": true,
	"at": true, "within": true, "throughout": true, "outside": true, "inside": true, "towards": true,
	"toward": true, "around": true, "northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "over": true, "through": true, "on": true,
}

func locative(text string, toks []segment.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := toks[k].Key(text)
		if locatives[w] {
			return true
		}
		if w != "the" && w != "northern" && w != "north" && w != "south" && w != "east" && w != "west" {
			return false
		}
	}
	return false
}

// prepositions that make the actor after them the object of an event.
var objectPreps = map[string]bool{
	"on": true, "against": true, "with": true, "at": true, "in": true, "targeting": true,
	"targetting": true, "from": true, "near": true, "into": true, "toward": true, "towards": true,
}

func afterPrep(text string, toks []segment.Token, from int, m *actor.Mention) bool {
	for k := m.First - 1; k >= from && k >= m.First-3; k-- {
		w := toks[k].Key(text)
		if objectPreps[w] {
			return true
		}
		switch w {
		case "a", "an", "the", "its", "their", "his", "her", "key", "suspected", "alleged", "local", "special":
			continue
		}
		return false
	}
	return false
}

// roles assigns actor1 (who acted) and actor2 (on whom) around the main
// trigger, by voice and position.
func roles(text string, toks []segment.Token, s segment.Sentence, t *Trigger, cands, all []actor.Mention, victims []count) (a1, a2 *actor.Mention) {
	var subj, objBefore, after, after2 *actor.Mention
	// A relative clause before the verb ("members of IS who were involved
	// in the attack on the governor have been arrested") holds no subject.
	rel := -1
	for k := t.First - 1; k >= s.First; k-- {
		if w := toks[k].Key(text); w == "who" || w == "which" {
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
	if t.Last < s.Last && toks[t.Last].Key(text) == "between" && after != nil && after2 != nil {
		return after, after2
	}
	// "Soldiers killed in ambush": a passive verb of violence before the
	// noun that names the event makes the subject its victim.
	passiveBefore := false
	if !t.Passive {
		for k := s.First; k < t.First; k++ {
			if w := toks[k].Key(text); w == "killed" || w == "wounded" || w == "injured" || w == "dead" {
				if k+1 < t.First && (toks[k+1].Key(text) == "in" || toks[k+1].Key(text) == "during") {
					passiveBefore = subj != nil && subj.Last <= k
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
		if w := toks[subj.First-1].Key(text); w == "its" || w == "their" {
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

func nearestDate(dates []date.Expr, s segment.Sentence, t *Trigger) (date.Expr, bool) {
	best, bestDist := -1, 0
	for i, de := range dates {
		if de.Start < s.Start || de.End > s.End || de.Precision > 3 || de.From.IsZero() && !de.Absolute {
			continue
		}
		dist := de.Start - t.End
		if de.End <= t.Start {
			dist = t.Start - de.End
		}
		if dist < 0 {
			dist = -dist
		}
		if best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return date.Expr{}, false
	}
	return dates[best], true
}

// eventPlaces returns the places of sentence s that belong to the event:
// not those that follow a trigger of a background event ("the attack on
// the governor in Balkh"), nor those inside a speaker ("the police chief of
// Jawzjan said").
func eventPlaces(in *Input, s segment.Sentence, ts []Trigger, cues []claim.Cue, main *Trigger) []Place {
	var out []Place
	for _, p := range in.Places {
		if p.Start < s.Start || p.End > s.End {
			continue
		}
		owner := -1
		for i := range ts {
			t := &ts[i]
			if t.End <= p.Start && !isCtx(t) && (owner < 0 || t.End > ts[owner].End) {
				owner = i
			}
		}
		if owner >= 0 && ts[owner].Suppressed != "" && &ts[owner] != main {
			continue
		}
		// A dateline ("NEW DELHI, March 7 (Xinhua) --") says where the
		// report was filed, not where the event happened.
		if dateline(in.Doc.Text, p.Start, p.End) || credit(in.Doc.Text, p.Start, p.End) {
			continue
		}
		inSpeaker := false
		for _, c := range cues {
			if c.HasSpeaker() {
				// Speaker token span to bytes.
				if p.Start >= in.Toks[c.SpeakerFirst].Start && p.End <= in.Toks[c.SpeakerLast-1].End {
					inSpeaker = true
				}
			}
		}
		if inSpeaker {
			continue
		}
		out = append(out, p)
	}
	return out
}

// isCtx reports whether t only qualifies other triggers: a modifier, a
// context word, a weapon or target noun, a finding verb, a disaster word.
func isCtx(t *Trigger) bool {
	switch t.Class {
	case classDisaster, classDiplomacy, classFind, classWeapon, targetArmed, targetCivilian, classGround, classFire, classEstablish, classMob:
		return true
	}
	return strings.HasPrefix(t.Class, "ctx:") || strings.HasPrefix(t.Class, "mod:") || strings.HasPrefix(t.Class, "target:")
}

// counts finds the numbers of people killed, injured or arrested in
// sentence si: "killing 12 security force members", "24 people were
// killed", "killed a key ISIS commander".
func (b *Builder) counts(in *Input, si int, ts []Trigger, actors []actor.Mention) []count {
	text := in.Doc.Text
	s := in.Sents[si]
	toks := in.Toks
	tokAt := func(byteOff int) int {
		return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= byteOff })
	}
	fateOf := func(t *Trigger) string {
		if t.Suppressed != "" && t.Suppressed != "generic" {
			return ""
		}
		switch t.Class {
		case classKill:
			return fateKilled
		case classInjure:
			return fateInjured
		case "Arrests":
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
	for _, n := range in.Numbers {
		if n.Start < s.Start || n.End > s.End || n.Ordinal || n.Value <= 0 {
			continue
		}
		cs = append(cs, cand{n: n.Value, start: n.Start, end: n.End, first: tokAt(n.End)})
	}
	// "a"/"an"/"one" count one when a count noun follows.
	for i := s.First; i < s.Last; i++ {
		w := toks[i].Key(text)
		if w == "a" || w == "an" {
			cs = append(cs, cand{n: 1, start: toks[i].Start, end: toks[i].End, first: i + 1})
		}
	}
	var out []count
	for _, c := range cs {
		// The counted noun: within four tokens, past adjectives and a group name.
		noun, kind := -1, ""
		var grp *actor.Mention
		for k := c.first; k < s.Last && k < c.first+5; k++ {
			tk := toks[k]
			if tk.Kind == segment.Punct {
				if isQuote(text[tk.Start:tk.End]) {
					continue
				}
				break
			}
			if tk.Kind == segment.Number {
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
			for at < s.Last && at < c.first+2 && auxiliary[toks[at].Key(text)] {
				at++
			}
			if w := phrase.Fold(text[c.start:c.end]); at < s.Last && w != "a" && w != "an" {
				for i := range ts {
					if ts[i].First == at && fateOf(&ts[i]) != "" {
						out = append(out, count{n: c.n, start: c.start, end: c.end, fate: fateOf(&ts[i]), kind: "other"})
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
			for i := range ts {
				t := &ts[i]
				if f := fateOf(t); f != "" && t.First > first && t.First-first <= 6 && !clauseBreak(text, toks, first, t.First) {
					fate = f
					break
				}
			}
		}
		if fate == "" {
			continue
		}
		if c.n == 1 && (phrase.Fold(text[c.start:c.end]) == "a" || phrase.Fold(text[c.start:c.end]) == "an") && kind == "other" {
			continue
		}
		out = append(out, count{n: c.n, start: c.start, end: c.end, fate: fate, kind: kind, actor: grp})
	}
	return out
}

func isQuote(s string) bool {
	switch s {
	case "‘", "’", "'", "\"", "“", "”":
		return true
	}
	return false
}

// peopleFates gives each person named in sentence si the fate of the
// event verb that governs them, leaving out speakers.
func (b *Builder) peopleFates(in *Input, si int, ts []Trigger, cues []claim.Cue) []personFate {
	var out []personFate
	for _, p := range in.People[si] {
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
		if behindSuppressed(in.Doc.Text, in.Toks, ts, p.First) {
			continue
		}
		fate := ""
		// The nearest governing trigger: a passive verb after the name,
		// or an active verb or noun ("the death of") before it.
		bestDist := 1 << 30
		for i := range ts {
			t := &ts[i]
			if t.Suppressed != "" && t.Suppressed != "generic" {
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

func fateOfPerson(t *Trigger) string {
	switch t.Class {
	case classKill:
		if t.Strength >= 1 {
			return sitrep.FateKilled
		}
	case classInjure:
		return sitrep.FateInjured
	case "Arrests":
		return sitrep.FateArrested
	case "Abduction/forced disappearance":
		return sitrep.FateOther
	case classAttack, "Attack":
		return sitrep.FateTargeted
	}
	return ""
}

// weakTrigger returns the first unsuppressed operation or violence word of
// a sentence that reports no event of its own.
func weakTrigger(ts []Trigger) *Trigger {
	for i := range ts {
		t := &ts[i]
		if t.Suppressed != "" {
			continue
		}
		switch t.Class {
		case classOperation, classKill, classInjure, classAttack, modRiot, modIntervention, modForce:
			return t
		}
	}
	return nil
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

// anaphoric reports whether a trigger refers back to an event already
// told: "the attack", "this explosion", "the clash Friday".
func anaphoric(text string, toks []segment.Token, from int, t *Trigger) bool {
	if t == nil || t.First-1 < from {
		return false
	}
	switch t.Class {
	case classAttack, classKill, "Armed clash", "Remote explosive/landmine/IED":
	default:
		return false
	}
	switch toks[t.First-1].Key(text) {
	case "the", "this", "that", "these", "those":
		return true
	}
	return false
}

// dateline reports whether text[start:end] is a dateline: a place in
// capitals opening a line, followed by a comma, a dash or a bracket.
func dateline(text string, start, end int) bool {
	i := start - 1
	for i >= 0 && (text[i] == ' ' || text[i] == '\t') {
		i--
	}
	if i >= 0 && text[i] != '\n' {
		return false
	}
	letters := 0
	for _, r := range text[start:end] {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	rest := strings.TrimLeft(text[end:], " ")
	for _, p := range []string{",", "—", "–", "-", "("} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// coordinated returns the subject of the clause that a verb joined by
// "and" continues, or nil: in "X attacked Y and captured Z", X.
func coordinated(text string, toks []segment.Token, s segment.Sentence, t *Trigger, cands []actor.Mention) *actor.Mention {
	and := -1
	for k := t.First - 1; k >= s.First && k >= t.First-3; k-- {
		if toks[k].Key(text) == "and" {
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

// credit reports whether text[start:end] stands alone in brackets, as a
// news agency's credit does: "March 7 (Xinhua) --".
func credit(text string, start, end int) bool {
	return start > 0 && end < len(text) && text[start-1] == '(' && text[end] == ')'
}

// behindSuppressed reports whether the nearest event trigger before token
// i is a suppressed one (background, plan, trend) in the same clause.
func behindSuppressed(text string, toks []segment.Token, ts []Trigger, i int) bool {
	var near *Trigger
	for k := range ts {
		t := &ts[k]
		if isCtx(t) || t.Last > i {
			continue
		}
		if near == nil || t.Last > near.Last {
			near = t
		}
	}
	if near == nil || near.Suppressed == "" || near.Suppressed == "generic" {
		return false
	}
	return i-near.Last <= 6 && !clauseBreak(text, toks, near.Last, i)
}

// yearBefore reports whether a year stands in the noun phrase before t:
// "the 2017 attack", "a deadly 2014 bombing".
func yearBefore(text string, toks []segment.Token, from int, t *Trigger) bool {
	for k := t.First - 1; k >= from && k >= t.First-3; k-- {
		tk := toks[k]
		if tk.Kind == segment.Number {
			w := tk.Text(text)
			return len(w) == 4 && (w[:2] == "19" || w[:2] == "20")
		}
		if tk.Kind != segment.Word || tk.Upper {
			return false
		}
	}
	return false
}

// auxiliary are the verbs of a passive between a number and its fate:
// "two were wounded", "five have been arrested".
var auxiliary = map[string]bool{"were": true, "was": true, "have": true, "has": true, "had": true, "been": true, "are": true, "is": true}

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

// placeChain returns the run of places around p that follow each other
// closely (", ", " of ") within one region: "Butkhaak, PD 12 of Kabul city".
func placeChain(ps []Place, p Place) []Place {
	i := 0
	for i < len(ps) && ps[i].Start != p.Start {
		i++
	}
	if i == len(ps) {
		return []Place{p}
	}
	linked := func(a, b Place) bool {
		return b.Start-a.End <= 5 && a.CountryCode == b.CountryCode && a.Admin1 == b.Admin1
	}
	lo, hi := i, i
	for lo > 0 && linked(ps[lo-1], ps[lo]) {
		lo--
	}
	for hi+1 < len(ps) && linked(ps[hi], ps[hi+1]) {
		hi++
	}
	return ps[lo : hi+1]
}
