package event

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
	"github.com/sitrep-dev/sitrep/internal/phrase"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// claimant is who a cue attributes its statement to.
type claimant struct {
	name        string // canonical actor or person name, "" for none
	actor       actor.Resolved
	independent bool
	// police is true when the speaker is a police force or one of its
	// officers ("a police spokesman", "the senior officer").
	police bool
	// self is true when the speaker tells of its own deed: "police said
	// they had killed two militants" (selfReport).
	self bool
	// spokesperson is the person named as speaking for the actor
	// ("Taliban spokesman Zabihullah Mujahid"), "" when none.
	spokesperson string
	start, end   int // byte span of the speaker
}

// resolveClaimant names the speaker of cue c in sentence si. history maps
// a speaker's head noun ("directorate") to whom it named before, so that
// "the directorate said" refers back.
func (b *Builder) resolveClaimant(in *docState, si int, c claim.Cue, country string, day time.Time, history map[string]claimant, last *claimant) claimant {
	text := in.Text
	if !c.HasSpeaker() {
		return claimant{}
	}
	cl := claimant{start: in.Toks[c.SpeakerFirst].Start, end: in.Toks[c.SpeakerLast-1].End, independent: c.Independent}
	if c.Independent {
		return cl
	}
	head := in.Toks[c.SpeakerLast-1].Key(text)
	for _, m := range in.Actors.In(si) {
		if m.First < c.SpeakerFirst || m.Last > c.SpeakerLast {
			continue
		}
		// A named group, a ruling power, state forces or a country speak
		// for themselves; "a local commander" or "residents" name no one.
		switch {
		case m.Kind == actor.Named, m.Kind == actor.Regime, m.State():
		case m.Kind == actor.Country && !m.Demonym:
		default:
			continue
		}
		r := b.actors.Resolve(&m, country, day)
		if r.Name != "" {
			cl.name, cl.actor = r.Name, r
			cl.police = m.Kind == actor.Agent && m.Agent.Kind == "police"
			// "Taliban spokesman Zabihullah Mujahid said": the group
			// speaks through a named person.
			for _, p := range in.People.In(si) {
				if p.First >= c.SpeakerFirst && p.Last <= c.SpeakerLast {
					cl.spokesperson = p.Name
					break
				}
			}
			if history != nil {
				history[head] = cl
			}
			return cl
		}
	}
	for _, p := range in.People.In(si) {
		if p.First >= c.SpeakerFirst && p.Last <= c.SpeakerLast {
			if p.RoleFirst >= 0 {
				for _, m := range in.Actors.In(si) {
					if m.First >= p.RoleFirst && m.Last <= p.RoleLast {
						if r := b.actors.Resolve(&m, country, day); r.Name != "" {
							cl.name, cl.actor, cl.spokesperson = r.Name, r, p.Name
							cl.police = m.Kind == actor.Agent && m.Agent.Kind == "police"
							return cl
						}
					}
				}
			}
			cl.name = p.Name
			return cl
		}
	}
	if prev, ok := history[head]; ok {
		prev.start, prev.end = cl.start, cl.end
		return prev
	}
	// A named source that is no party: "the Syrian Observatory for Human
	// Rights said".
	if name := properName(text, in.Toks, c.SpeakerFirst, c.SpeakerLast); name != "" {
		cl.name = name
		return cl
	}
	if fw.is(head, speakerPronoun) && last != nil && last.name != "" {
		prev := *last
		prev.start, prev.end = cl.start, cl.end
		return prev
	}
	return cl
}

// selfReport reports whether the clause that cue c reports opens with a
// plural pronoun that is the subject of the event's trigger (at byte
// trig): "police said they had killed", "said that they shot". The
// speaker tells of its own deed; "police said they found the bodies"
// does not.
func selfReport(in *docState, c claim.Cue, trig int) bool {
	k := c.Last
	if k < len(in.Toks) && in.Toks[k].Key(in.Text) == "that" {
		k++
	}
	if !c.HasSpeaker() || c.SpeakerLast > c.First || k >= len(in.Toks) || !fw.tok(in.Text, in.Toks, k, selfPronoun) {
		return false
	}
	// The trigger follows in the pronoun's own clause: no relative
	// pronoun or clause break between ("they found two men who had been
	// shot" tells of others' deed).
	for j := k + 1; j < len(in.Toks) && j <= k+12; j++ {
		if in.Toks[j].Start >= trig {
			return in.Toks[j].Start == trig
		}
		if fw.tok(in.Text, in.Toks, j, relative) || endsClause(in.Text, in.Toks[j]) {
			return false
		}
	}
	return false
}

// finish resolves a draft into an event record.
func (b *Builder) finish(in *docState, d *draft) (sitrep.Event, bool) {
	text := in.Text
	sub := b.lex.subEvents[d.subType]
	sort.Ints(d.sents)
	ev := sitrep.Event{
		EventType:    sub.EventType,
		SubEventType: string(sub.Name),
		Source:       in.ID,
		DateBasis:    in.Basis,
		People:       []sitrep.Person{},
		Evidence:     []sitrep.Evidence{},
	}
	addEv := func(field string, start, end int) {
		if start < 0 || end > len(text) || start >= end {
			return
		}
		ev.Evidence = append(ev.Evidence, sitrep.Evidence{Field: field, Text: text[start:end], Start: start, End: end})
	}
	addEv(sitrep.FieldSubEventType, d.trigger.Start, d.trigger.End)

	// When: the most precise date stated, else the week before the
	// reference date (the article reports it without saying when).
	var resolved []date.Expr
	for _, de := range d.dates {
		if !de.From.IsZero() {
			resolved = append(resolved, de)
		}
	}
	if len(resolved) > 0 {
		best := resolved[0]
		for _, de := range resolved[1:] {
			if de.Precision < best.Precision {
				best = de
			}
		}
		ev.EventDate = best.To.Format(time.DateOnly)
		ev.DateFrom = best.From.Format(time.DateOnly)
		ev.TimePrecision = min(best.Precision, 3)
		if day, ok := nightDay(in, d, best); ok {
			ev.EventDate = day.Format(time.DateOnly)
			ev.TimePrecision = 1
		}
		addEv(sitrep.FieldEventDate, best.Start, best.End)
	} else if de, ok := inheritDate(in, d); ok {
		ev.EventDate = de.To.Format(time.DateOnly)
		ev.DateFrom = de.From.Format(time.DateOnly)
		ev.TimePrecision = de.Precision
		addEv(sitrep.FieldEventDate, de.Start, de.End)
	} else if !in.Ref.IsZero() {
		ev.EventDate = in.Ref.Format(time.DateOnly)
		ev.DateFrom = in.Ref.AddDate(0, 0, -6).Format(time.DateOnly)
		ev.TimePrecision = 2
	}
	day := in.Ref
	if ev.EventDate != "" {
		day, _ = time.Parse(time.DateOnly, ev.EventDate)
	}

	// Where.
	country := in.country
	var placed place.Mention
	if len(d.places) > 0 {
		p := d.best
		b.setPlace(&ev, p)
		addEv(sitrep.FieldLocation, p.Start, p.End)
		if p.CountryCode != "" {
			country = p.CountryCode
		}
		placed = p
	} else if p, ok := inheritPlace(in, d); ok {
		b.setPlace(&ev, p)
		ev.GeoPrecision = max(ev.GeoPrecision, 2)
		if p.CountryCode != "" {
			country = p.CountryCode
		}
		placed = p
	}
	if dl, ok := datelineCity(in, ev.Country, ev.Admin1, ev.Admin2, ev.GeoPrecision); ok {
		b.setPlace(&ev, dl)
		ev.GeoPrecision = 2
	} else if t, ok := storyTown(in, placed); ok {
		b.setPlace(&ev, t)
		ev.GeoPrecision = 2
	}
	if ev.Country == "" && country != "" {
		ev.Country = b.actors.CountryName(country)
	}

	// Who: actors resolved for the country and day; claims.
	var r1, r2 actor.Resolved
	if d.actor1 != nil {
		r1 = b.actors.Resolve(d.actor1, country, day)
	}
	if d.actor2 != nil {
		r2 = b.actors.Resolve(d.actor2, country, day)
	}
	claims, claimedBy, verification, verSpan := b.claims(in, d, country, day, &r1, r2)
	if r1.Name != "" && d.actor1 != nil {
		addEv(sitrep.FieldActor1, d.actor1.Start, d.actor1.End)
	}
	if r2.Name != "" && r2.Name != r1.Name && d.actor2 != nil {
		addEv(sitrep.FieldActor2, d.actor2.Start, d.actor2.End)
	}
	if r2.Name == r1.Name {
		r2 = actor.Resolved{}
	}
	// ACLED codes demonstrators as Protesters (Country) or Rioters
	// (Country), with who they are as the associated actor.
	if sub.EventType == sitrep.Protests || sub.EventType == sitrep.Riots && sub.Name == trigger.ViolentDemonstration {
		crowd := "Protesters"
		if sub.EventType == sitrep.Riots {
			crowd = "Rioters"
		}
		cname := b.actors.CountryName(country)
		for _, r := range []*actor.Resolved{&r1, &r2} {
			if r.Name != "" && (r.Inter == actor.InterCivilians || r.Inter == actor.InterProtesters || r.Inter == actor.InterRioters) {
				assoc := r.Assoc
				if r.Inter == actor.InterCivilians && assoc == "" {
					assoc = r.Name
				}
				ev.AssocActor1 = assoc
				*r = actor.Resolved{}
			}
		}
		// Who the demonstrators are, from anywhere in the event's sentences:
		// "about 200 students marched" -> Students (Myanmar).
		if ev.AssocActor1 == "" || strings.HasPrefix(ev.AssocActor1, "Civilians") {
			for _, si := range d.sents {
				for i := range in.Actors.In(si) {
					if m := &in.Actors.In(si)[i]; m.Civilian() {
						if r := b.actors.Resolve(m, country, day); r.Assoc != "" {
							ev.AssocActor1 = r.Assoc
							break
						}
					}
				}
				if ev.AssocActor1 != "" && !strings.HasPrefix(ev.AssocActor1, "Civilians") {
					break
				}
			}
		}
		if r1.Name == "" {
			r1 = r2
			r2 = actor.Resolved{}
		}
		if r1.Name != "" && r2.Name == "" {
			r2 = r1
		}
		if cname != "" {
			r1 = actor.Resolved{Name: crowd + " (" + cname + ")", Inter: actor.InterProtesters, Country: country}
			if crowd == "Rioters" {
				r1.Inter = actor.InterRioters
			}
		}
		if r2.Name == r1.Name {
			r2 = actor.Resolved{}
		}
		// Who intervened: the state forces named with the demonstration.
		if r2.Name == "" && (sub.Name == trigger.ProtestWithIntervention || sub.Name == trigger.ExcessiveForceAgainstProtesters) {
			for _, si := range d.sents {
				for i := range in.Actors.In(si) {
					if m := &in.Actors.In(si)[i]; m.State() {
						if r := b.actors.Resolve(m, country, day); r.Name != "" && r.Name != r1.Name {
							r2 = r
							break
						}
					}
				}
				if r2.Name != "" {
					break
				}
			}
		}
	}
	// ACLED codes the doers of mob violence as Rioters (Country), with who
	// they are as the associated actor ("villagers" -> Civilians (Country));
	// their victims keep their own names.
	if sub.Name == trigger.MobViolence && r1.Name != "" && (r1.Inter == actor.InterCivilians || r1.Inter == actor.InterRioters) {
		if cname := b.actors.CountryName(country); cname != "" {
			if r1.Inter == actor.InterCivilians && ev.AssocActor1 == "" {
				ev.AssocActor1 = r1.Assoc
				if ev.AssocActor1 == "" {
					ev.AssocActor1 = r1.Name
				}
			}
			r1 = actor.Resolved{Name: "Rioters (" + cname + ")", Inter: actor.InterRioters, Country: country}
		}
	}
	ev.Actor1, ev.Inter1 = r1.Name, r1.Inter
	ev.Actor2, ev.Inter2 = r2.Name, r2.Inter
	ev.Claims = claims
	ev.ClaimedBy = claimedBy.name
	if claimedBy.name != "" {
		addEv(sitrep.FieldClaimedBy, claimedBy.start, claimedBy.end)
	}
	ev.Verification = verification
	if verSpan[1] > 0 {
		addEv(sitrep.FieldVerification, verSpan[0], verSpan[1])
	}

	// How many.
	ev.People = b.people(in, d, country, day, r2)
	cas := b.tally(in, d, ev.TimePrecision, ev.People)
	ev.Fatalities, ev.Injuries, ev.Arrests = cas.killed, cas.injured, cas.arrested
	killedSpan := cas.killedSpan
	if r := b.deathFigures(in, d, ev.TimePrecision); r.ok && ev.Fatalities > 0 {
		if r.conflict && r.low < ev.Fatalities {
			// ACLED: of conflicting reports, the lowest figure.
			ev.Fatalities, killedSpan = r.low, r.span
		}
		low, high := min(r.low, ev.Fatalities), max(r.high, ev.Fatalities)
		best := ev.Fatalities
		ev.FatalitiesLow, ev.FatalitiesBest, ev.FatalitiesHigh = &low, &best, &high
	}
	if s := killedSpan; s[1] > 0 && ev.Fatalities > 0 {
		addEv(sitrep.FieldFatalities, s[0], s[1])
	}
	for _, pf := range d.people {
		addEv(sitrep.FieldPeople, pf.m.Start, pf.m.End)
	}

	ev.Notes = b.notes(&ev, sub)
	ev.EventID = eventID(&ev, d.trigger.Start, country)
	sortEvidence(ev.Evidence)
	return ev, true
}

// nightDay returns the day of an event told by a night, which spans
// midnight: a night named by its evening ("Friday night") whose event is
// timed in the small hours ("about 2:45 a.m.", told in the event's
// sentences) happened on the next day, the calendar day of that hour.
func nightDay(in *docState, d *draft, best date.Expr) (time.Time, bool) {
	if best.From.IsZero() || best.Precision != 1 {
		return time.Time{}, false
	}
	if !strings.HasSuffix(best.Value, "TNI") {
		return time.Time{}, false
	}
	next := best.To.AddDate(0, 0, 1)
	smallHours := func(de *date.Expr) bool {
		_, clock, ok := strings.Cut(de.Value, "T")
		return ok && len(clock) == 5 && clock[2] == ':' && clock[0] == '0' && clock[1] <= '5'
	}
	for _, si := range d.sents {
		// A clock time with its own day must be the next day's.
		for _, de := range in.Dates.In(si) {
			if smallHours(&de) && de.From.Equal(next) {
				return next, true
			}
		}
	}
	// A bare one ("at about 2:45 a.m.", no day) is the night's own small
	// hours.
	for i := range in.Timexes {
		if de := &in.Timexes[i]; de.Type == date.TypeTime && smallHours(de) && slices.Contains(d.sents, sentenceOf(in, de.Start)) {
			return next, true
		}
	}
	return time.Time{}, false
}

func sentenceOf(in *docState, off int) int {
	return sort.Search(len(in.Sents), func(i int) bool { return in.Sents[i].End > off })
}

// inheritDate returns the date in force where an event that states no
// date of its own is told: the last day or week named before it that
// dates no other event, or for an event told first (a headline's) the
// first one named in the lead. A narrative keeps its time until it names
// another ("A man was shot Saturday night. He died at the hospital."),
// and a headline's event is dated by its lead; a date that dates another
// event is that event's. Dates after the reference date, and months or
// years, do not date an event (ACLED's time precision 1 or 2). An event
// told in several places of the text takes the date in force at the
// first of its sentences that has one.
func inheritDate(in *docState, d *draft) (date.Expr, bool) {
	first := d.sents[0]
	if i := in.inForce[first]; i >= 0 {
		return in.Dates.All[i], true
	}
	if first == 0 && in.lead >= 0 {
		return in.Dates.All[in.lead], true
	}
	for _, si := range d.sents[1:] {
		if i := in.inForce[si]; i >= 0 {
			return in.Dates.All[i], true
		}
	}
	// Failing those, the story's time where the event is told, though
	// another event states it: "A man was arrested Thursday after he fired
	// a gun. Police answered a shooting call around 1:30 p.m." tells the
	// shooting on the day of the narrative, not on the day of the report.
	// An event told in the present perfect ("all members have been
	// arrested") is set at no definite past time: it takes no day so.
	if presentPerfect(in.Text, in.Toks, in.Sents[sentenceOf(in, d.trigger.Start)].First, d.trigger) {
		return date.Expr{}, false
	}
	for _, si := range d.sents {
		if i := in.narrative[si]; i >= 0 {
			return in.Dates.All[i], true
		}
	}
	if first == 0 && in.narrativeLead >= 0 {
		return in.Dates.All[in.narrativeLead], true
	}
	return date.Expr{}, false
}

// presentPerfect reports whether trigger t is a verb in the present
// perfect: "has", "have" or "'ve" within the three words before it, in
// its clause ("have been arrested", "has killed").
func presentPerfect(text string, toks []segment.Token, from int, t *trigger.Trigger) bool {
	for k := t.First - 1; k >= from && k >= t.First-3; k-- {
		if toks[k].Kind == segment.Punct || fw.tok(text, toks, k, determiner) {
			return false
		}
		if fw.tok(text, toks, k, perfectAux) {
			return true
		}
	}
	return false
}

// datesInForce finds, once for the document, the date in force at each
// sentence (inheritDate): a date dates an event when it is a day or a
// week, not after the reference date, and no event states it.
func (in *docState) datesInForce(drafts []*draft) {
	owned, said := map[int]bool{}, map[int]bool{}
	for _, d := range drafts {
		for _, de := range d.dates {
			owned[de.Start] = true
		}
		for _, start := range d.sameDates {
			owned[start] = true
			said[start] = true
		}
	}
	// A date told of the story: another event's may be it, the day of a
	// saying or of a follow-up is not.
	told := func(de *date.Expr) bool {
		return !de.From.IsZero() && de.Precision <= 2 && (in.Ref.IsZero() || !de.To.After(in.Ref)) && !de.Stamp && !said[de.Start]
	}
	usable := func(de *date.Expr) bool { return told(de) && !owned[de.Start] }
	dates := in.Dates.All
	in.inForce = make([]int32, len(in.Sents))
	in.narrative = make([]int32, len(in.Sents))
	in.lead, in.narrativeLead = -1, -1
	cur, story, j := int32(-1), int32(-1), 0
	for si := range in.Sents {
		for ; j < len(dates) && sentenceOf(in, dates[j].Start) <= si; j++ {
			if usable(&dates[j]) {
				cur = int32(j)
			}
			if told(&dates[j]) {
				story = int32(j)
				if in.narrativeLead < 0 && in.Head == nil && si >= 1 && si <= 2 {
					in.narrativeLead = j
				}
			}
			// A later window of a long document (Head) starts with no
			// headline.
			if in.lead < 0 && in.Head == nil && si >= 1 && si <= 2 && usable(&dates[j]) {
				in.lead = j
			}
		}
		in.inForce[si] = cur
		in.narrative[si] = story
	}
}

// datelineCity returns the town of the report's dateline ("MEMPHIS, Tenn.
// (AP) —") when the event is placed only at a region (geo_precision 3:
// a state, a county, a country) that holds that town: a local report
// tells a local event, and the town is the most precise place the text
// gives for it (ACLED's geo_precision 2: near the town, in its region).
func datelineCity(in *docState, country, admin1, admin2 string, prec int) (place.Mention, bool) {
	if prec != place.PrecisionRegion || country == "" {
		return place.Mention{}, false
	}
	for _, p := range in.Places.All {
		if p.Region || p.Adjective || p.FeatureClass != "P" || !dateline(in.Text, p.Start, p.End) {
			continue
		}
		if p.Country != country || admin1 != "" && p.Admin1 != admin1 || admin2 != "" && p.Admin2 != admin2 {
			return place.Mention{}, false
		}
		return p, true
	}
	return place.Mention{}, false
}

// inheritPlace returns, for an event whose sentences name no place, the
// place in force where it is told: the last place named before it in its
// paragraph or earlier. An event told in several places of the text
// takes the most precise of the places in force at its sentences (a
// state named in the lead, the town before a later sentence).
func inheritPlace(in *docState, d *draft) (place.Mention, bool) {
	var best place.Mention
	found := false
	last := -1
	for n, si := range d.sents {
		if si == last || n >= maxInheritSents {
			continue
		}
		last = si
		if p, ok := placeBefore(in, si, definiteBack(in, si, settlementNoun)); ok {
			if !found {
				best, found = p, true
			} else {
				best = foldBest(best, []place.Mention{p})
			}
		}
	}
	return best, found
}

// maxInheritSents bounds the sentences of one event whose places in force
// are compared.
const maxInheritSents = 16

// placeBefore returns the last place named before sentence si, else the
// first one after its start. A place is in force where the story is set,
// so a name that is not a setting does not count: an adjective ("a
// Russian missile") or a speaker, a capital standing for its government
// ("Moscow denies targeting civilians"): metonymy, place for people.
//
// With town set, the sentence refers back to a settlement ("in the city"):
// only a populated place is in force, not a region or country named since.
func placeBefore(in *docState, si int, town bool) (place.Mention, bool) {
	start := in.Sents[si].Start
	// Places are in text order and do not overlap: the last that ends
	// before start is just before the first that starts at or after it.
	ps := in.Places.All
	i := sort.Search(len(ps), func(i int) bool { return ps[i].Start >= start })
	for j := i - 1; j >= 0 && j >= i-maxPlacesBack; j-- { // past a place that spans start, if any
		if ps[j].End <= start && !ps[j].Adjective && !speaking(in, ps[j].Span) && (!town || ps[j].FeatureClass == "P") {
			return ps[j], true
		}
	}
	if i < len(ps) { // a place named later in the same sentence group
		return ps[i], true
	}
	return place.Mention{}, false
}

// definiteBack reports whether sentence si refers back to something told
// before by a definite noun of class noun with no name or linking "of"
// after it: "in the city", "from the site", not "the city of Lviv", "the
// town Hall" or "the site of the blast".
func definiteBack(in *docState, si int, noun wordClass) bool {
	s := in.Sents[si]
	toks := in.Toks
	for k := s.First; k+1 < s.Last; k++ {
		if !fw.tok(in.Text, toks, k, anaphoricDet) || !fw.tok(in.Text, toks, k+1, noun) {
			continue
		}
		if n := k + 2; n < s.Last && (toks[n].Upper || fw.tok(in.Text, toks, n, nameLink)) {
			continue
		}
		return true
	}
	return false
}

// maxPlacesBack bounds how many places back placeBefore looks past names
// that are no setting.
const maxPlacesBack = 32

// speaking reports whether span is by itself the speaker of a claim cue of
// its sentence: a place that speaks stands for its government ("Moscow
// denies"). A place inside a speaker ("Dallas police said", "the governor
// of Kherson said") still sets the story there.
func speaking(in *docState, span sitrep.Span) bool {
	si := in.SentenceAt(span.Start)
	if si >= len(in.Sents) {
		return false
	}
	for _, c := range in.Cues.In(si) {
		if c.HasSpeaker() && span.Start == in.Toks[c.SpeakerFirst].Start && span.End == in.Toks[c.SpeakerLast-1].End {
			return true
		}
	}
	return false
}

func (b *Builder) setPlace(ev *sitrep.Event, p place.Mention) {
	ev.Country = p.Country
	ev.Admin1 = p.Admin1
	ev.Admin2 = p.Admin2
	ev.Location = p.Name
	lat, lon := p.Lat, p.Lon
	ev.Latitude, ev.Longitude = &lat, &lon
	ev.GeoPrecision = p.Precision
	ev.GeonameID = p.ID
}

// claimKey is what resolving a claimant depends on besides the text: the
// country and the period of the day (who rules when).
type claimKey struct {
	country string
	epoch   int // actor.Matcher.Epoch of the day
}

// maxClaimRuns bounds the runs of one document kept in full; past them an
// event resolves the cues of the claimWindow sentences before it. No
// article of the gold files needs more than a few runs.
const (
	maxClaimRuns = 8
	claimWindow  = 100
)

// claimRun is the claimants of the cues of a document resolved in order
// for one claimKey, up to sentence next.
type claimRun struct {
	history map[string]claimant
	last    *claimant
	// who is the claimant of each cue (by index in the Cues layer) as an
	// index into ids, the distinct claimants without their spans: a
	// claimant's span is always its cue's speaker, so the run costs four
	// bytes a cue.
	who  []int32
	ids  []claimant
	idOf map[claimant]int32
	next int
}

// at returns the claimant of cue c, the i-th of the Cues layer.
func (r *claimRun) at(in *docState, i int, c claim.Cue) claimant {
	cl := r.ids[r.who[i]]
	if c.HasSpeaker() {
		cl.start, cl.end = in.Toks[c.SpeakerFirst].Start, in.Toks[c.SpeakerLast-1].End
	}
	return cl
}

// claimants returns the claimants of every cue up to sentence upto,
// resolved in text order so that anaphoric speakers ("the directorate")
// refer back. The run is kept per country and period and extended as
// events further on ask for more: the document is resolved once per
// country and period of the actor lexicon (a handful), not once per event.
func (b *Builder) claimants(in *docState, country string, day time.Time, from, upto int) *claimRun {
	k := claimKey{country, b.actors.Epoch(day)}
	r := in.claims[k]
	if in.has0 && in.key0 == k {
		r = &in.claim0
	}
	if r == nil {
		r = &claimRun{}
		switch {
		case !in.has0:
			r, in.key0, in.has0 = &in.claim0, k, true
		case in.claims == nil:
			in.claims = map[claimKey]*claimRun{k: r}
		case len(in.claims)+1 < maxClaimRuns:
			in.claims[k] = r
		default:
			// A long text of many countries and periods: resolve the
			// cues of the last claimWindow sentences before the event
			// afresh, so that the cost per event stays bounded.
			r.next = max(0, from-claimWindow)
			r.who = make([]int32, in.Cues.Offset(r.next), in.Cues.Offset(r.next)+64)
			r.ids = append(r.ids, claimant{})
		}
	}
	if r.who == nil {
		r.who = make([]int32, 0, len(in.Cues.All))
	}
	for ; r.next <= upto && r.next < in.Cues.Sentences(); r.next++ {
		si := r.next
		for _, c := range in.Cues.In(si) {
			if r.history == nil && c.HasSpeaker() {
				r.history = map[string]claimant{}
			}
			cl := b.resolveClaimant(in, si, c, country, day, r.history, r.last)
			id := cl
			id.start, id.end = 0, 0
			n, ok := int32(-1), false
			if r.idOf != nil {
				n, ok = r.idOf[id]
			} else if i := slices.Index(r.ids, id); i >= 0 {
				n, ok = int32(i), true
			}
			if !ok {
				n = int32(len(r.ids))
				r.ids = append(r.ids, id)
				switch {
				case r.idOf != nil:
					r.idOf[id] = n
				case len(r.ids) > 16:
					// Past a few, a map finds a claimant faster.
					r.idOf = make(map[claimant]int32, len(r.ids))
					for i, x := range r.ids {
						r.idOf[x] = int32(i)
					}
				}
			}
			r.who = append(r.who, n)
			if cl.name != "" {
				cp := cl
				r.last = &cp
			}
		}
	}
	return r
}

// claims collects the claims of an event and decides its verification.
// Spec: confirmed (independently confirmed), unconfirmed (the text says it
// is not), claimed (only a party's word), disputed (denied), reported.
func (b *Builder) claims(in *docState, d *draft, country string, day time.Time, r1 *actor.Resolved, r2 actor.Resolved) ([]sitrep.Claim, claimant, string, [2]int) {
	maxSent := d.sents[len(d.sents)-1]
	for _, cr := range d.cues {
		maxSent = max(maxSent, cr.si)
	}
	run := b.claimants(in, country, day, d.sents[0], maxSent)
	var out []sitrep.Claim
	var by claimant
	var doubt, deny, confirm bool
	type denial struct {
		cl         claimant
		start, end int
	}
	var denies []denial
	var verSpan [2]int
	party := func(cl claimant) bool {
		if cl.name == "" {
			return false
		}
		for _, r := range []actor.Resolved{*r1, r2} {
			if r.Name == "" {
				continue
			}
			if cl.name == r.Name || cl.actor.Base != "" && cl.actor.Base == r.Base || cl.actor.State && r.State && cl.actor.Country == r.Country {
				return true
			}
		}
		return r1.Name == "" && cl.actor.Inter != 0 && cl.actor.Inter <= 4
	}
	seen := map[[2]int]bool{}
	for _, cr := range d.cues {
		key := [2]int{cr.si, cr.c.First}
		if seen[key] {
			continue
		}
		seen[key] = true
		i := in.Cues.Offset(cr.si)
		for _, c := range in.Cues.In(cr.si) {
			if c.First == cr.c.First {
				break
			}
			i++
		}
		cl := run.at(in, i, cr.c)
		stance := cr.c.Stance
		out = append(out, sitrep.Claim{Claimant: cl.name, Spokesperson: cl.spokesperson, Cue: in.Text[cr.c.Start:cr.c.End], Stance: stance, Text: in.Text[cr.c.Start:cr.c.End], Start: cr.c.Start, End: cr.c.End})
		switch stance {
		case claim.Asserts, claim.Claims:
			if by.name == "" && cl.name != "" {
				by = cl
				by.self = selfReport(in, cr.c, d.trigger.Start)
			}
		case claim.Doubts:
			doubt = true
			verSpan = [2]int{cr.c.Start, cr.c.End}
		case claim.Denies:
			denies = append(denies, denial{cl, cr.c.Start, cr.c.End})
		case claim.Confirms:
			// Residents, witnesses, a hospital: anyone who is no party.
			if cl.independent || !party(cl) && cr.c.HasSpeaker() && (cl.name == "" || cl.name != by.name) {
				confirm = true
			} else if by.name == "" && cl.name != "" {
				by = cl
			}
		}
	}
	// A denial disputes the event unless it comes from whoever asserts it
	// ("the police denied that any ransom was asked": a detail, not the event).
	for _, dn := range denies {
		if dn.cl.name == "" || dn.cl.name != by.name {
			deny = true
			if verSpan[1] == 0 {
				verSpan = [2]int{dn.start, dn.end}
			}
		}
	}
	// Who did it, when the text names only the party that announces it:
	// "Taliban spokesman ... reported an attack on three ISIS hideouts".
	// Not the police: they are the routine source of every crime and
	// incident report ("the shop owner was shot dead by two men, police
	// said"), so their word attributes the account, not the deed; ACLED's
	// actor1 is the perpetrator, and the police are it only where the
	// text says they acted ("police shot", "killed in police firing").
	if r1.Name == "" && by.name != "" && (!by.police || by.self) && by.actor.Inter != 0 && by.actor.Inter <= 4 && by.actor.Name != r2.Name && by.actor.Base != r2.Base {
		*r1 = by.actor
	}
	verification := sitrep.Reported
	switch {
	case doubt:
		verification = sitrep.Unconfirmed
	case deny:
		verification = sitrep.Disputed
	case confirm:
		verification = sitrep.Confirmed
	case by.name != "" && party(by):
		verification = sitrep.Claimed
	}
	if verification == sitrep.Claimed && verSpan[1] == 0 && by.end > 0 {
		verSpan = [2]int{by.start, by.end}
	}
	return out, by, verification, verSpan
}

// people lists the named people of the event with their fate, role and
// affiliation, one entry per person.
func (b *Builder) people(in *docState, d *draft, country string, day time.Time, victims actor.Resolved) []sitrep.Person {
	text := in.Text
	rank := map[string]int{sitrep.FateKilled: 5, sitrep.FateInjured: 4, sitrep.FateArrested: 3, sitrep.FateTargeted: 2, sitrep.FateOther: 1}
	var out []sitrep.Person
	index := map[string]int{}
	for _, pf := range d.people {
		p := pf.m
		aff := ""
		if p.RoleFirst >= 0 {
			for _, m := range in.Actors.In(pf.si) {
				if m.First >= p.RoleFirst && m.Last <= p.RoleLast && m.Kind != actor.Country {
					aff = b.actors.Resolve(&m, country, day).Name
					break
				}
			}
		}
		if aff == "" && (pf.fate == sitrep.FateKilled || pf.fate == sitrep.FateInjured || pf.fate == sitrep.FateArrested) {
			aff = victims.Name
		}
		role := ""
		if p.RoleFirst >= 0 && p.RoleLast > p.RoleFirst {
			role = strings.TrimSpace(text[in.Toks[p.RoleFirst].Start:in.Toks[p.RoleLast-1].End])
			if w, rest, ok := strings.Cut(role, " "); ok && fw.is(phrase.Fold(w), article) {
				role = rest // "an ISIS commander" -> "ISIS commander"
			}
		}
		key := phrase.Fold(p.Name)
		if i, ok := index[key]; ok {
			q := &out[i]
			if rank[pf.fate] > rank[q.Fate] {
				q.Fate = pf.fate
			}
			if q.Role == "" {
				q.Role = role
			}
			if q.Affiliation == "" {
				q.Affiliation = aff
			}
			q.Aliases = appendNew(q.Aliases, p.Aliases...)
			continue
		}
		// "Ustad Salman" after "Ustad Salman Tajikistani", "Griffith"
		// after "Christopher Griffith" (news refers back by surname): the
		// same person.
		dup := false
		for i := range out {
			o := phrase.Fold(out[i].Name)
			if strings.HasPrefix(o, key+" ") || strings.HasPrefix(key, o+" ") ||
				!strings.Contains(key, " ") && strings.HasSuffix(o, " "+key) || !strings.Contains(o, " ") && strings.HasSuffix(key, " "+o) {
				dup = true
				if rank[pf.fate] > rank[out[i].Fate] {
					out[i].Fate = pf.fate
				}
			}
		}
		if dup {
			continue
		}
		index[key] = len(out)
		out = append(out, sitrep.Person{Name: p.Name, Aliases: p.Aliases, Role: role, Affiliation: aff, Fate: pf.fate})
	}
	if out == nil {
		out = []sitrep.Person{}
	}
	return out
}

func appendNew(xs []string, ys ...string) []string {
	for _, y := range ys {
		found := false
		for _, x := range xs {
			found = found || x == y
		}
		if !found {
			xs = append(xs, y)
		}
	}
	return xs
}

// notes writes one or two sentences in ACLED's style.
func (b *Builder) notes(ev *sitrep.Event, sub SubEvent) string {
	var sb strings.Builder
	if ev.EventDate != "" {
		t, _ := time.Parse(time.DateOnly, ev.EventDate)
		ds := fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
		switch ev.TimePrecision {
		case 1:
			sb.WriteString("On " + ds + ", ")
		case 2:
			sb.WriteString("On or shortly before " + ds + ", ")
		default:
			sb.WriteString(fmt.Sprintf("In %s %d, ", t.Month(), t.Year()))
		}
	}
	where := ev.Location
	if ev.Admin1 != "" && ev.Admin1 != ev.Location {
		where += " (" + ev.Admin1 + ", " + ev.Country + ")"
	} else if ev.Country != "" && ev.Country != ev.Location {
		where += " (" + ev.Country + ")"
	}
	switch {
	case ev.Actor1 != "" && ev.Actor2 != "":
		sb.WriteString(ev.Actor1 + " " + sub.Verb + " " + ev.Actor2)
	case ev.Actor1 != "":
		sb.WriteString(sub.Noun + " involving " + ev.Actor1)
	case ev.Actor2 != "":
		sb.WriteString(sub.Noun + " targeting " + ev.Actor2)
	default:
		sb.WriteString(sub.Noun)
	}
	if where != "" {
		sb.WriteString(" in " + where)
	}
	sb.WriteString(".")
	var killed []string
	for _, p := range ev.People {
		if p.Fate == sitrep.FateKilled {
			killed = append(killed, p.Name)
		}
	}
	switch {
	case ev.Fatalities > 0 && len(killed) > 0:
		sb.WriteString(fmt.Sprintf(" %d killed, including %s.", ev.Fatalities, strings.Join(killed, ", ")))
	case ev.Fatalities > 0:
		sb.WriteString(fmt.Sprintf(" %d reported killed.", ev.Fatalities))
	}
	denier := ""
	for _, c := range ev.Claims {
		if c.Stance == claim.Denies && c.Claimant != "" && c.Claimant != ev.ClaimedBy {
			denier = c.Claimant
			break
		}
	}
	switch ev.Verification {
	case sitrep.Unconfirmed:
		sb.WriteString(" According to " + orSource(ev.ClaimedBy) + "; not independently confirmed.")
	case sitrep.Claimed:
		sb.WriteString(" Claimed by " + ev.ClaimedBy + ".")
	case sitrep.Disputed:
		if denier != "" {
			sb.WriteString(" According to " + orSource(ev.ClaimedBy) + "; denied by " + denier + ".")
		} else {
			sb.WriteString(" According to " + orSource(ev.ClaimedBy) + "; disputed.")
		}
	case sitrep.Confirmed:
		sb.WriteString(" Independently confirmed.")
	case sitrep.Reported:
		if ev.ClaimedBy != "" {
			sb.WriteString(" Reported by " + ev.ClaimedBy + ".")
		}
	}
	s := sb.String()
	if len(s) > 0 {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

func orSource(s string) string {
	if s == "" {
		return "the source"
	}
	return s
}

// eventID is stable for the same input: a hash of the document, the
// event's type, date, place and where in the text it was found.
func eventID(ev *sitrep.Event, offset int, country string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d", ev.Source, ev.SubEventType, ev.EventDate, ev.Location, offset)
	prefix := "XXX"
	if c, ok := lexicon.CountryByISO2(country); ok {
		prefix = c.ISO3
	}
	return prefix + "-" + hex.EncodeToString(h.Sum(nil))[:12]
}

func dedupeIDs(evs []sitrep.Event) []sitrep.Event {
	seen := map[string]int{}
	for i := range evs {
		id := evs[i].EventID
		if n := seen[id]; n > 0 {
			evs[i].EventID = fmt.Sprintf("%s-%d", id, n+1)
		}
		seen[id]++
	}
	return evs
}

func sortEvidence(es []sitrep.Evidence) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
}

// properName returns the speaker toks[first:last] as a name when it is
// one: two capitalised words or more, without a leading article.
func properName(text string, toks []segment.Token, first, last int) string {
	// Past articles and lower-case modifiers: "a local People's Defence Force".
	for first < last && (!toks[first].Upper || toks[first].Kind != segment.Word) {
		first++
	}
	upper := 0
	for k := first; k < last; k++ {
		if toks[k].Upper {
			upper++
		}
	}
	if upper < 2 || !toks[first].Upper {
		return ""
	}
	return text[toks[first].Start:toks[last-1].End]
}
