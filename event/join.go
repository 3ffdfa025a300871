package event

import (
	"slices"
	"strconv"

	"github.com/sitrep-dev/sitrep"
)

// Joiner gathers the events of a long document, built window by window
// (package pipeline annotates a document longer than a window in pieces),
// into the document's events. Build merges the events of one window; an
// event a later window tells again is folded into the one told first by
// ACLED's rule that one sub-event type, at one place on one day between
// the same actors, is one event. Only events with a day and a place are
// folded: without them nothing says two tellings are one event. Joining
// costs O(1) per event (a map of the events so far by that key), and
// holds the events only, not the windows' annotations.
type Joiner struct {
	events  []sitrep.Event
	at      map[string]int // key -> index in events, of events[:indexed]
	indexed int
}

// Add adds the events of the next window, in text order. Events of one
// window are as Build made them; only an event of a later window is
// folded, into one of an earlier window.
func (j *Joiner) Add(evs []sitrep.Event) {
	if len(j.events) == 0 {
		j.events = evs // the first window's, as Build made them
		return
	}
	// Index the earlier windows' events (not before: a document of one
	// window needs no index).
	for ; j.indexed < len(j.events); j.indexed++ {
		if k, ok := joinKey(&j.events[j.indexed]); ok {
			if _, seen := j.at[k]; !seen {
				if j.at == nil {
					j.at = map[string]int{}
				}
				j.at[k] = j.indexed
			}
		}
	}
	for _, e := range evs {
		if k, ok := joinKey(&e); ok {
			if i, seen := j.at[k]; seen {
				fold(&j.events[i], &e)
				continue
			}
		}
		j.events = append(j.events, e)
	}
}

// Events returns the document's events in text order of their first
// telling, with IDs unique over the document.
func (j *Joiner) Events() []sitrep.Event { return dedupeIDs(j.events) }

// joinKey is what makes two events one: sub-event type, day, place,
// actors, and scope (history recalled stays apart from the story).
func joinKey(e *sitrep.Event) (string, bool) {
	if e.EventDate == "" || e.TimePrecision != 1 || e.Location == "" {
		return "", false
	}
	return e.SubEventType + "\x00" + e.EventDate + "\x00" + e.DateFrom + "\x00" +
		e.Country + "\x00" + e.Admin1 + "\x00" + e.Location + "\x00" + strconv.Itoa(e.GeonameID) + "\x00" +
		e.Actor1 + "\x00" + e.Actor2 + "\x00" + e.OutsideScope, true
}

// fold adds to e, told first, what a later telling d adds: the evidence
// of other words (a field supported by the same words again gains
// nothing), the claims that say something else (another claimant, stance
// or figure: the same statement told again is one claim), and the people
// it names anew. A figure is the first telling's when it gives one, else
// the later's, as the tally takes the first count that states a figure.
// What an event holds thus grows with what is said of it, not with how
// often it is told. d is of a later window than e, so its evidence and
// claims come after e's in the text: appended, they stay in text order.
func fold(e, d *sitrep.Event) {
	for _, ev := range d.Evidence {
		if !slices.ContainsFunc(e.Evidence, func(x sitrep.Evidence) bool { return x.Field == ev.Field && x.Text == ev.Text }) {
			e.Evidence = append(e.Evidence, ev)
		}
	}
	for _, c := range d.Claims {
		if !slices.ContainsFunc(e.Claims, func(x sitrep.Claim) bool { return sameClaim(&x, &c) }) {
			e.Claims = append(e.Claims, c)
		}
	}
	for _, p := range d.People {
		if !slices.ContainsFunc(e.People, func(q sitrep.Person) bool { return q.Name == p.Name }) {
			e.People = append(e.People, p)
		}
	}
	if e.Fatalities == 0 {
		e.Fatalities = d.Fatalities
	}
	if e.Injuries == 0 {
		e.Injuries = d.Injuries
	}
	if e.Arrests == 0 {
		e.Arrests = d.Arrests
	}
	if e.ClaimedBy == "" {
		e.ClaimedBy = d.ClaimedBy
	}
}

// sameClaim reports whether two claims make one statement: the same
// claimant, speaker, cue and stance, with the same figures.
func sameClaim(a, b *sitrep.Claim) bool {
	same := func(x, y *int) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return a.Claimant == b.Claimant && a.Spokesperson == b.Spokesperson && a.Cue == b.Cue && a.Stance == b.Stance &&
		a.Channel == b.Channel && same(a.Fatalities, b.Fatalities) && same(a.Injuries, b.Injuries) && same(a.Arrests, b.Arrests)
}
