package event

import (
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// merge joins the drafts that report one event. ACLED's rule: the same
// actors, place and day make one event. A sentence that adds to the one
// before it (no place or date of its own, no "in another incident") is
// folded into it too.
func (b *Builder) merge(in *annotate.Doc, ds []*draft) []*draft {
	var out []*draft
	var pending *draft // a weak draft before any event: it may open the next one
	for _, d := range ds {
		if d.weak {
			if n := len(out); n > 0 && !d.separate && d.sents[0]-out[n-1].sents[len(out[n-1].sents)-1] <= 2 &&
				(placesCompatible(out[n-1].places, d.places) || len(d.people) > 0 || len(d.counts) > 0) {
				out[n-1].absorb(d)
			} else if n == 0 {
				pending = d
			}
			continue
		}
		if pending != nil && d.sents[0]-pending.sents[len(pending.sents)-1] <= 1 {
			// "Protests near summit turn very violent." then the protest.
			for c := range pending.classes {
				d.classes[c] = true
			}
			d.sents = append(pending.sents, d.sents...)
		}
		pending = nil
		merged := false
		// "The attack took place on December 22": the event before, told again.
		if n := len(out); n > 0 && d.anaphoric && !d.separate && d.sents[0]-out[n-1].sents[len(out[n-1].sents)-1] <= 3 {
			out[n-1].absorb(d)
			continue
		}
		// A violent event told twice, once in general words ("were killed
		// in separate attacks") and once precisely ("in a grenade attack").
		if n := len(out); n > 0 && !d.separate && violentPair(b, out[n-1], d) && looselyCompatible(out[n-1], d) && d.sents[0]-out[n-1].sents[len(out[n-1].sents)-1] <= 2 {
			e := out[n-1]
			e.subType, e.trigger = b.preferred(e, d)
			e.absorb(d)
			continue
		}
		for k := len(out) - 1; k >= 0; k-- {
			e := out[k]
			// One demonstration is told from both sides: the protesters
			// and the police who met them.
			if protestFamily[e.subType] && protestFamily[d.subType] && !d.separate && (placesCompatible(e.places, d.places) || d.sents[0]-e.sents[len(e.sents)-1] <= 1) {
				e.absorb(d)
				merged = true
				break
			}
			if e.subType == d.subType && compatible(e, d) {
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
			out = append(out, d)
		}
	}
	for _, e := range out {
		b.refine(e)
	}
	return out
}

// refine decides an event's type again from all its sentences: a
// demonstration from everything said of it, a generic attack from the
// weapon named in a later sentence.
func (b *Builder) refine(e *draft) {
	has := func(c trigger.Class) bool { return e.classes[c] }
	switch {
	case protestFamily[e.subType]:
		e.subType = protestType(has, e.state)
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
	if e.weak || d.separate || d.ownPlace || d.explicitDate {
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
	same := actorsCompatible(e.actor1, d.actor1) && actorsCompatible(e.actor2, d.actor2)
	swapped := actorsCompatible(e.actor1, d.actor2) && actorsCompatible(e.actor2, d.actor1)
	if !same && !swapped {
		return false
	}
	if !placesCompatible(e.places, d.places) {
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

func placesCompatible(a, b []place.Mention) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	p, q := bestPlace(a), bestPlace(b)
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
	best := ps[0]
	for _, p := range ps[1:] {
		switch {
		case p.Precision < best.Precision:
			best = p
		case p.Precision == best.Precision && p.Admin1 == best.Admin1 && p.CountryCode == best.CountryCode &&
			specificity(p.FeatureCode) < specificity(best.FeatureCode):
			best = p
		}
	}
	return best
}

// specificity ranks GeoNames feature codes from a part of a town (0) to a
// country (7).
func specificity(code string) int {
	switch {
	case code == "PPLX":
		return 0
	case code == "PPL" || code == "PPLL" || code == "PPLF":
		return 1
	case code == "PPLA4" || code == "PPLA3":
		return 2
	case code == "PPLA2":
		return 3
	case code == "PPLA":
		return 4
	case code == "PPLC":
		return 5
	case strings.HasPrefix(code, "ADM"):
		return 6
	case strings.HasPrefix(code, "PCL"):
		return 7
	}
	return 3
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
	return false
}

func (e *draft) absorb(d *draft) {
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
	e.dates = append(e.dates, d.dates...)
	e.places = append(e.places, d.places...)
	e.explicitDate = e.explicitDate || d.explicitDate
	e.ownPlace = e.ownPlace || d.ownPlace
	e.counts = append(e.counts, d.counts...)
	e.people = append(e.people, d.people...)
	e.cues = append(e.cues, d.cues...)
	if e.classes == nil {
		e.classes = map[trigger.Class]bool{}
	}
	for c := range d.classes {
		e.classes[c] = true
	}
	e.state = e.state || d.state
}

// applyDoubts extends a statement that something is not confirmed ("So
// far, independent sources have not confirmed the deaths") to the events
// of the sentence before it.
func (b *Builder) applyDoubts(in *annotate.Doc, ds []*draft) {
	for si := range in.Sents {
		for _, c := range in.Cues.In(si) {
			// Doubts and denials in the sentence after an event are about it.
			if c.Stance != claim.Doubts && c.Stance != claim.Denies {
				continue
			}
			// The events of the sentence before; else the nearest event
			// within the three sentences before.
			var near *draft
			nearDist := 4
			for _, d := range ds {
				has := false
				for _, s := range d.sents {
					has = has || s == si
					if s < si && si-s < nearDist {
						near, nearDist = d, si-s
					}
				}
				if has {
					near, nearDist = nil, 0
					break
				}
			}
			for _, d := range ds {
				prev := false
				for _, s := range d.sents {
					prev = prev || s == si-1
				}
				if prev || d == near {
					d.cues = append(d.cues, cueRef{c: c, si: si})
				}
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
	}
	return e.subType, e.trigger
}

// looselyCompatible is compatible without comparing victims: one telling
// says "12 people", the other "a police post".
func looselyCompatible(e, d *draft) bool {
	if !actorsCompatible(e.actor1, d.actor1) && !actorsCompatible(e.actor1, d.actor2) {
		return false
	}
	if !placesCompatible(e.places, d.places) {
		return false
	}
	return !e.explicitDate || !d.explicitDate || datesOverlap(e, d)
}
