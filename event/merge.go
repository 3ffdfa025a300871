package event

import (
	"slices"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// merger joins the drafts that report one event. ACLED's rule: the same
// actors, place and day make one event. A sentence that adds to the one
// before it (no place or date of its own, no "in another incident") is
// folded into it too. Build hands it each sentence's draft as it is made,
// in text order, so that a draft folded into an event is garbage at once
// rather than kept with the whole document's drafts until they are all
// made.
type merger struct {
	b       *Builder
	out     []*draft
	pending *draft // a weak draft before any event: it may open the next one
}

// add merges d into an event told before it or opens a new one.
func (m *merger) add(d *draft) {
	b, out := m.b, m.out
	if d.weak {
		if n := len(out); n > 0 && !d.separate && d.sents[0]-out[n-1].sents[len(out[n-1].sents)-1] <= 2 &&
			(placesCompatible(out[n-1], d) || len(d.people) > 0 || len(d.counts) > 0) {
			out[n-1].absorb(d)
		} else if n == 0 {
			m.pending = d
		}
		return
	}
	pending := m.pending
	if pending != nil && d.sents[0]-pending.sents[len(pending.sents)-1] <= 1 {
		// "Protests near summit turn very violent." then the protest;
		// "A gunman wounded three people." then the shooting: what
		// the sentence before adds (its place, day, counts and people)
		// is the event's, told first.
		sents := append(append([]int(nil), pending.sents...), d.sents...)
		d.absorb(pending)
		d.sents = sents
	}
	m.pending = nil
	merged := false
	// A headline tells its lead's event in brief ("Three militants killed
	// in Kashmir gunfight" over "troops killed three militants in the
	// Kupwara district"): when the headline names a region and the lead a
	// place, the lead makes the headline's place precise and joins it.
	if n := len(out); n == 1 && out[0].headline && len(out[0].sents) == 1 && !d.separate && !d.headline && d.sents[0] <= 2 && sameFamily(b, out[0].subType, d.subType) &&
		len(out[0].places) > 0 && out[0].best.Region && len(d.places) > 0 && !d.best.Region {
		e := out[0]
		e.subType, e.trigger = b.preferred(e, d)
		e.absorb(d)
		return
	}
	// "The attack took place on December 22": the event before, told again.
	if n := len(out); n > 0 && d.anaphoric && !d.separate && d.sents[0]-out[n-1].sents[len(out[n-1].sents)-1] <= 3 {
		out[n-1].absorb(d)
		return
	}
	// A violent event told twice, once in general words ("were killed
	// in separate attacks") and once precisely ("in a grenade attack").
	if n := len(out); n > 0 && !d.separate && out[n-1].history == d.history && violentPair(b, out[n-1], d) && looselyCompatible(out[n-1], d) && !twoStrikes(out[n-1], d) && d.sents[0]-out[n-1].sents[len(out[n-1].sents)-1] <= 2 {
		e := out[n-1]
		e.subType, e.trigger = b.preferred(e, d)
		e.absorb(d)
		return
	}
	// The events told last, not the whole document: a report comes
	// back to an event within a few events, and looking further
	// would make merging quadratic in the length of the text.
	for k := len(out) - 1; k >= 0 && k >= len(out)-mergeLookback; k-- {
		e := out[k]
		// One demonstration is told from both sides: the protesters
		// and the police who met them.
		if protestFamily[e.subType] && protestFamily[d.subType] && !d.separate && (placesCompatible(e, d) || d.sents[0]-e.sents[len(e.sents)-1] <= 1) {
			e.absorb(d)
			merged = true
			break
		}
		if e.subType == d.subType && compatible(e, d) {
			e.absorb(d)
			merged = true
			break
		}
		if k == len(out)-1 && demonstrationArrests(e, d) {
			e.subType, e.trigger = d.subType, d.trigger
			e.absorb(d)
			merged = true
			break
		}
		if k == len(out)-1 && absorbable(e, d) {
			if e.trigger.Strength < 3 && d.trigger.Strength == 3 && sameFamily(b, e.subType, d.subType) {
				e.subType, e.trigger = d.subType, d.trigger
			}
			e.absorb(d)
			merged = true
			break
		}
	}
	if !merged {
		m.out = append(out, d)
	}
}

// demonstrationArrests reports whether e, an arrest told just before the
// demonstration d (a headline's "Police clear blockade, 12 detained" over
// the lead's dispersal), is that demonstration's. ACLED codebook
// (Protests): arrests made at a demonstration are its intervention
// (Protest with intervention), not an Arrests event of their own. Only
// people named by no name are read so: the arrest of a named leader that
// a protest answers is an event of its own.
func demonstrationArrests(e, d *draft) bool {
	if e.subType != trigger.Arrests || !protestFamily[d.subType] || d.separate || e.history != d.history || len(e.people) > 0 {
		return false
	}
	if a := e.actor2; a != nil && !a.Civilian() && !a.Protesters() {
		return false
	}
	if d.sents[0]-e.sents[len(e.sents)-1] > 1 || !placeContained(e, d) {
		return false
	}
	return !e.explicitDate || !d.explicitDate || datesOverlap(e, d)
}

// done refines the type of every event and returns them in text order.
func (m *merger) done() []*draft {
	for _, e := range m.out {
		m.b.refine(e)
	}
	return m.out
}

// mergeLookback is how many events back a sentence's event may merge
// with. The longest reach in the gold files is 23 events (a long web page
// of one shooting).
const mergeLookback = 64

// refine decides an event's type again from all its sentences: a
// demonstration from everything said of it, a generic attack from the
// weapon named in a later sentence.
func (b *Builder) refine(e *draft) {
	has := func(c trigger.Class) bool { return slices.Contains(e.classes, c) }
	switch {
	case protestFamily[e.subType]:
		e.subType = byDoer(protestType(has, e.state), e.doer)
	case has(trigger.ChemicalWeapon) && b.lex.subEvents[e.subType].EventType == sitrep.ExplosionsRemote:
		// Shells that "contained poisonous gas": a chemical weapon.
		e.subType = trigger.ChemicalWeapon
	case e.trigger.Strength < 3 && (e.trigger.Class == trigger.Kill || e.trigger.Class == trigger.GenericAttack || e.trigger.Class == trigger.RemoteExplosiveLandmineIED):
		if st := refineByWeapon(has); st != "" && b.lex.subEvents[e.subType].EventType != "Protests" {
			e.subType = st
		}
	}
}

func sameFamily(b *Builder, a, c trigger.Class) bool {
	return b.lex.subEvents[a].EventType == b.lex.subEvents[c].EventType ||
		b.lex.subEvents[a].DisorderType == "Political violence" && b.lex.subEvents[c].DisorderType == "Political violence"
}

// absorbable reports whether d only adds detail to e, the event before it.
func absorbable(e, d *draft) bool {
	if e.weak || d.separate || d.ownPlace || d.explicitDate || twoStrikes(e, d) {
		return false
	}
	if d.sents[0]-e.sents[len(e.sents)-1] > 2 {
		return false
	}
	return actorsCompatible(e.actor1, d.actor1) && actorsCompatible(e.actor2, d.actor2) ||
		actorsCompatible(e.actor1, d.actor2) && actorsCompatible(e.actor2, d.actor1)
}

func compatible(e, d *draft) bool {
	if d.separate && !d.ownPlace {
		return false
	}
	// History recalled is another event than the story's (markHistory).
	if e.history != d.history {
		return false
	}
	same := actorsCompatible(e.actor1, d.actor1) && actorsCompatible(e.actor2, d.actor2)
	swapped := actorsCompatible(e.actor1, d.actor2) && actorsCompatible(e.actor2, d.actor1)
	if !same && !swapped {
		return false
	}
	// Two towns of one province are two places (ACLED: one place, one
	// day, one event).
	if !placeContained(e, d) {
		return false
	}
	if e.explicitDate && d.explicitDate {
		if !datesOverlap(e, d) {
			return false
		}
	}
	return true
}

func datesOverlap(e, d *draft) bool {
	for _, x := range e.dates {
		for _, y := range d.dates {
			if x.From.IsZero() || y.From.IsZero() {
				// Unresolved ("March 3" with no year known): compare as written.
				if x.Value == y.Value {
					return true
				}
				continue
			}
			if !x.To.Before(y.From) && !y.To.Before(x.From) {
				return true
			}
		}
	}
	return false
}

func placesCompatible(e, d *draft) bool {
	if len(e.places) == 0 || len(d.places) == 0 {
		return true
	}
	p, q := e.best, d.best
	if p.ID != 0 && p.ID == q.ID {
		return true
	}
	if p.CountryCode != q.CountryCode {
		// A region that spans borders ("Kashmir") has no country.
		return p.CountryCode == "" || q.CountryCode == ""
	}
	if p.Admin1 == "" || q.Admin1 == "" {
		return true
	}
	return p.Admin1 == q.Admin1
}

// bestPlace is the most precise place; among equals, the most specific
// one inside the same region (a village of the capital over the capital:
// "Butkhak, PD 12 of Kabul city" over "Kabul city"), else the first.
func bestPlace(ps []place.Mention) place.Mention {
	return foldBest(ps[0], ps[1:])
}

// foldBest is bestPlace of best followed by ps: what an event's best place
// becomes when it absorbs the places of another telling.
func foldBest(best place.Mention, ps []place.Mention) place.Mention {
	for _, p := range ps {
		switch {
		case p.Precision < best.Precision:
			best = p
		case p.Precision == best.Precision && p.Admin1 == best.Admin1 && p.CountryCode == best.CountryCode &&
			place.Specificity(p.FeatureCode) < place.Specificity(best.FeatureCode):
			best = p
		}
	}
	return best
}

// actorKey names the actor a mention denotes, coarsely, for comparing
// mentions before they are resolved. State forces of an unnamed country
// ("its security forces") key as "state:".
func actorKey(m *actor.Mention) string {
	switch {
	case m == nil:
		return ""
	case len(m.Regimes) > 0:
		return "state:" + m.Regimes[0].Country
	case m.Kind == actor.Named:
		n := m.Named[0]
		if n.Parent != "" {
			return "named:" + n.Parent
		}
		return "named:" + n.Name
	case m.State():
		return "state:" + m.Country
	case m.Agent != nil:
		return "agent:" + m.Agent.Kind + ":" + m.Country
	case m.Kind == actor.Country:
		return "state:" + m.Country
	}
	return ""
}

func actorsCompatible(a, b *actor.Mention) bool {
	if a == nil || b == nil {
		return true
	}
	ka, kb := actorKey(a), actorKey(b)
	if ka == kb {
		return true
	}
	if ka == "state:" && len(kb) > 6 && kb[:6] == "state:" || kb == "state:" && len(ka) > 6 && ka[:6] == "state:" {
		return true
	}
	// Unidentified gunmen and the armed group that claims them: a report
	// names the doer later ("Gunmen killed three guards ... IS claimed
	// the attack"), and ACLED codes the claimed group.
	return unnamedArmed(a) && b.Kind == actor.Named || unnamedArmed(b) && a.Kind == actor.Named
}

// unnamedArmed reports whether m is an armed agent that is neither a
// state's nor named: "gunmen", "attackers", "militants".
func unnamedArmed(m *actor.Mention) bool {
	return m.Kind == actor.Agent && m.Armed() && !m.State()
}

// addClass adds c to the classes said of e, unless said already.
func (e *draft) addClass(c trigger.Class) {
	if !slices.Contains(e.classes, c) {
		e.classes = append(e.classes, c)
	}
}

func (e *draft) absorb(d *draft) {
	e.headline = e.headline && d.headline // told in full once a lead joins
	e.sents = append(e.sents, d.sents...)
	e.triggers = append(e.triggers, d.triggers...)
	switch {
	case d.actor1 != nil && d.actor2 != nil && (e.actor1 == nil || e.actor2 == nil):
		// The sentence that names both sides says who did what to whom.
		e.actor1, e.actor2 = d.actor1, d.actor2
	case e.actor1 == nil && e.actor2 != nil && d.actor1 != nil && actorKey(d.actor1) == actorKey(e.actor2):
		// Told the other way round: e's victim is d's actor.
		e.actor1, e.actor2 = d.actor1, d.actor2
	default:
		if e.actor1 == nil && (e.actor2 == nil || actorKey(d.actor1) != actorKey(e.actor2)) {
			e.actor1 = d.actor1
		}
		if e.actor2 == nil && (e.actor1 == nil || actorKey(d.actor2) != actorKey(e.actor1)) {
			e.actor2 = d.actor2
		}
	}
	// The same date told again adds nothing to compare or choose from.
	e.sameDates = append(e.sameDates, d.sameDates...)
	for _, de := range d.dates {
		if slices.ContainsFunc(e.dates, func(x date.Expr) bool {
			return x.From.Equal(de.From) && x.To.Equal(de.To) && x.Value == de.Value && x.Precision == de.Precision
		}) {
			e.sameDates = append(e.sameDates, de.Start)
		} else {
			e.dates = append(e.dates, de)
		}
	}
	switch {
	case len(d.places) == 0:
	case len(e.places) == 0:
		e.best = d.best
	default:
		e.best = foldBest(e.best, d.places)
	}
	e.places = append(e.places, d.places...)
	e.explicitDate = e.explicitDate || d.explicitDate
	e.ownPlace = e.ownPlace || d.ownPlace
	e.counts = append(e.counts, d.counts...)
	e.people = append(e.people, d.people...)
	e.cues = append(e.cues, d.cues...)
	for _, c := range d.classes {
		e.addClass(c)
	}
	e.state = e.state || d.state
	if e.doer != doerCrowd && d.doer != doerNone {
		e.doer = d.doer
	}
}

// applyDoubts extends a statement that something is not confirmed ("So
// far, independent sources have not confirmed the deaths") to the events
// of the sentence before it.
func (b *Builder) applyDoubts(in *docState, ds []*draft) {
	// bySent lists the drafts that tell each sentence, in draft order.
	var bySent map[int][]int
	for si := range in.Sents {
		for _, c := range in.Cues.In(si) {
			// Doubts and denials in the sentence after an event are about it.
			if c.Stance != claim.Doubts && c.Stance != claim.Denies {
				continue
			}
			if bySent == nil {
				bySent = map[int][]int{}
				for i, d := range ds {
					for _, s := range d.sents {
						if l := bySent[s]; len(l) == 0 || l[len(l)-1] != i {
							bySent[s] = append(l, i)
						}
					}
				}
			}
			// The events of the sentence before; else the nearest event
			// within the three sentences before, unless an event tells
			// this very sentence.
			near := -1
			if len(bySent[si]) == 0 {
				for dist := 1; dist <= 3 && near < 0; dist++ {
					if l := bySent[si-dist]; len(l) > 0 {
						near = l[0]
					}
				}
			}
			for _, i := range bySent[si-1] {
				ds[i].cues = append(ds[i].cues, cueRef{c: c, si: si})
			}
			if near >= 0 && !slices.Contains(bySent[si-1], near) {
				ds[near].cues = append(ds[near].cues, cueRef{c: c, si: si})
			}
		}
	}
}

// generic reports whether a draft's type comes from a generic word
// ("killed", "attack") rather than one that names the sub-event type.
func generic(d *draft) bool {
	return d.trigger.Strength < 3 || d.trigger.Class == trigger.Kill || d.trigger.Class == trigger.GenericAttack
}

// violentPair reports whether e and d are political violence and at least
// one of them is told in generic words, or a battle over ground told with
// the fighting that won it.
func violentPair(b *Builder, e, d *draft) bool {
	pv := func(x *draft) bool {
		t := b.lex.subEvents[x.subType]
		return t.EventType == "Battles" || t.EventType == "Explosions/Remote violence" || t.EventType == "Violence against civilians"
	}
	if territorial(e) && d.subType == trigger.ArmedClash || territorial(d) && e.subType == trigger.ArmedClash {
		return true
	}
	return pv(e) && pv(d) && (generic(e) || generic(d))
}

func territorial(d *draft) bool {
	return d.subType == trigger.GovernmentRegainsTerritory || d.subType == trigger.NonStateActorOvertakesTerritory
}

// preferred returns the type and trigger of two tellings of one event: the
// precise one, else a battle over an attack (armed victims were named).
func (b *Builder) preferred(e, d *draft) (trigger.Class, *trigger.Trigger) {
	switch {
	// A headline compresses its story ("Insurgents kill nine in raid,
	// army says 11 attackers killed"); the lead tells the same event in
	// full, with its actors, and types it.
	case e.headline && !d.headline:
		return d.subType, d.trigger
	case territorial(d) && !territorial(e):
		return d.subType, d.trigger
	case territorial(e):
		return e.subType, e.trigger
	case generic(e) && !generic(d):
		return d.subType, d.trigger
	case !generic(e) && generic(d):
		return e.subType, e.trigger
	case d.subType == trigger.ArmedClash && e.subType == trigger.Attack:
		return d.subType, d.trigger
	// ACLED codebook: a bombing whose bomber dies in it is a suicide
	// bomb, whichever telling first called it a bomb ("a car bomb", then
	// "a suicide car bomb").
	case d.subType == trigger.SuicideBomb && e.subType == trigger.RemoteExplosiveLandmineIED:
		return d.subType, d.trigger
	}
	return e.subType, e.trigger
}

// looselyCompatible is compatible without comparing victims: one telling
// says "12 people", the other "a police post".
func looselyCompatible(e, d *draft) bool {
	if !actorsCompatible(e.actor1, d.actor1) && !actorsCompatible(e.actor1, d.actor2) {
		return false
	}
	if !placeContained(e, d) {
		return false
	}
	return !e.explicitDate || !d.explicitDate || datesOverlap(e, d)
}
