package ledger

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Derive returns the event its reports tell together, and the explanation
// of each merge. reports must be non-empty; their order does not matter.
//
// The event is the first report's (the earliest published: `source`
// stays the first, and its evidence points into that document) with the
// ledger's fields recomputed over all reports: Sources, Claims,
// Fatalities and its range, People (the union, by name), ClaimedBy (every
// party that claims it, "; "-separated) and Verification.
func Derive(reports []Report, o Options) (sitrep.Event, []sitrep.Merge) {
	rs := make([]*Report, len(reports))
	for i := range reports {
		rs[i] = &reports[i]
	}
	sort.Slice(rs, func(i, j int) bool { return less(rs[i], rs[j]) })
	ev := rs[0].Event
	ev.People = append([]sitrep.Person(nil), ev.People...)
	ev.Sources = nil
	ev.Claims = nil
	for _, r := range rs {
		ev.Sources = append(ev.Sources, sitrep.EventSource{
			Source: r.Event.Source, EventID: r.Event.EventID, Published: r.Published,
			ClaimedBy: r.Event.ClaimedBy, Verification: r.Event.Verification,
		})
		ev.Claims = append(ev.Claims, claimsOf(r)...)
	}
	if len(rs) == 1 {
		// One document: its own decisions stand; only the figures' range
		// is added.
		setFigures(&ev, ev.Claims, rs)
		return ev, nil
	}
	for _, r := range rs[1:] {
		ev.People = mergePeople(ev.People, r.Event.People)
	}
	setFigures(&ev, ev.Claims, rs)
	ev.ClaimedBy = claimedBy(rs)
	ev.Verification = verification(rs, ev.Claims, o)
	return ev, merges(rs, ev.EventID, o)
}

// setFigures sets Fatalities (ACLED: the lowest reported figure) and the
// UCDP-style low, best (the lower median) and high over the figures of
// the claims that assert the event. Denied figures count for nothing. A
// report whose own text gives a range ("between 10 and 15", or two
// sources' figures: the report's FatalitiesLow and FatalitiesHigh) adds
// its ends to the range, not to ACLED's figure.
func setFigures(ev *sitrep.Event, claims []sitrep.Claim, rs []*Report) {
	var fs []int
	for _, c := range claims {
		if c.Fatalities != nil && asserting(c.Stance) {
			fs = append(fs, *c.Fatalities)
		}
	}
	ev.FatalitiesLow, ev.FatalitiesBest, ev.FatalitiesHigh = nil, nil, nil
	if len(fs) == 0 {
		if len(ev.Sources) > 1 {
			ev.Fatalities = 0
		}
		return
	}
	sort.Ints(fs)
	ev.Fatalities = fs[0]
	low, high := fs[0], fs[len(fs)-1]
	for _, r := range rs {
		if l, h := r.Event.FatalitiesLow, r.Event.FatalitiesHigh; l != nil && h != nil && r.Event.Verification != sitrep.Disputed {
			low, high = min(low, *l), max(high, *h)
		}
	}
	ev.FatalitiesLow = intp(low)
	ev.FatalitiesBest = intp(min(max(fs[(len(fs)-1)/2], low), high))
	ev.FatalitiesHigh = intp(high)
}

// mergePeople adds the people of more that ps does not name, and keeps
// for each the gravest fate any report gives.
func mergePeople(ps, more []sitrep.Person) []sitrep.Person {
	rank := map[string]int{sitrep.FateKilled: 5, sitrep.FateInjured: 4, sitrep.FateArrested: 3, sitrep.FateTargeted: 2, sitrep.FateOther: 1}
outer:
	for _, q := range more {
		for i := range ps {
			if samePerson(ps[i].Name, q.Name) {
				if rank[q.Fate] > rank[ps[i].Fate] {
					ps[i].Fate = q.Fate
				}
				continue outer
			}
		}
		ps = append(ps, q)
	}
	return ps
}

// claimedBy lists each party that the reports say claims the event, once
// per party, in report order.
func claimedBy(rs []*Report) string {
	var out []string
	seen := map[string]bool{}
	for _, r := range rs {
		if c := r.Event.ClaimedBy; c != "" && !seen[PartyKey(c)] {
			seen[PartyKey(c)] = true
			out = append(out, c)
		}
	}
	return strings.Join(out, "; ")
}

// parties returns the parties that claim the event: the claimant of a
// document that gives only a party's word (verification "claimed"), and
// any claimant that is one of the event's own actors.
func parties(rs []*Report) map[string]bool {
	p := map[string]bool{}
	for _, r := range rs {
		e := &r.Event
		c := e.ClaimedBy
		if c == "" {
			continue
		}
		k := PartyKey(c)
		if e.Verification == sitrep.Claimed || k == PartyKey(e.Actor1) || k == PartyKey(e.Actor2) {
			p[k] = true
		}
	}
	return p
}

// verification decides the state of an event told by several documents.
// Spec (events.md): disputed when a party denies it or the figures
// conflict; confirmed once a source independent of the claimant (not the
// same party, not only citing it) reports it; otherwise the strongest
// single-document state.
func verification(rs []*Report, claims []sitrep.Claim, o Options) string {
	ps := parties(rs)
	denied := false
	for _, r := range rs {
		if r.Event.Verification == sitrep.Disputed {
			denied = true
		}
	}
	for _, c := range claims {
		if c.Stance == "denies" && c.Claimant != "" && !ps[PartyKey(c.Claimant)] {
			denied = true
		}
	}
	lo, hi := -1, -1
	for _, c := range claims {
		if c.Fatalities != nil && asserting(c.Stance) {
			if lo < 0 || *c.Fatalities < lo {
				lo = *c.Fatalities
			}
			hi = max(hi, *c.Fatalities)
		}
	}
	if denied || lo >= 0 && conflict(lo, hi, o) {
		return sitrep.Disputed
	}
	independent := false
	for _, r := range rs {
		if independentReport(r, ps) {
			independent = true
		}
	}
	if len(ps) > 0 && independent {
		return sitrep.Confirmed
	}
	best, rank := "", 0
	ranks := map[string]int{sitrep.Confirmed: 5, sitrep.Disputed: 4, sitrep.Unconfirmed: 3, sitrep.Claimed: 2, sitrep.Reported: 1}
	for _, r := range rs {
		if k := ranks[r.Event.Verification]; k > rank {
			best, rank = r.Event.Verification, k
		}
	}
	return best
}

// independentReport reports whether a document reports the event in a
// voice other than the claiming parties': it confirms it through someone
// who is no such party (residents, a hospital, "independent sources"), or
// reports it on its own or a neutral source's word without saying it is
// unconfirmed. A document that only cites the party is no confirmation.
func independentReport(r *Report, ps map[string]bool) bool {
	e := &r.Event
	if e.ClaimedBy != "" && ps[PartyKey(e.ClaimedBy)] {
		return false
	}
	for _, c := range e.Claims {
		if c.Stance == "confirms" && (c.Claimant == "" || !ps[PartyKey(c.Claimant)]) {
			return true
		}
	}
	return e.Verification == sitrep.Reported || e.Verification == sitrep.Confirmed
}

// explainWindow bounds how many neighbouring reports (in the event's
// order, on each side) may explain one report's merge. Without it an
// event told by n documents costs n² scores at every put, so a story
// covered by hundreds of articles makes each new one slower than the
// last; with it a put is linear in the event's reports. Events of up to
// explainWindow+1 reports are explained exactly as by a full scan.
const explainWindow = 8

// merges explains each report after the first: its best match among the
// reports within explainWindow of it in the event's order.
func merges(rs []*Report, eventID string, o Options) []sitrep.Merge {
	var out []sitrep.Merge
	for i, r := range rs {
		if i == 0 {
			continue
		}
		var best sitrep.Merge
		found := false
		for j := max(0, i-explainWindow); j < len(rs) && j <= i+explainWindow; j++ {
			if j == i {
				continue
			}
			q := rs[j]
			m := ScoreReports(r, q, o)
			if m.Gate != "" {
				continue
			}
			if !found || m.Score > best.Score {
				best = sitrep.Merge{
					EventID: eventID, Source: r.Event.Source, ReportID: r.Event.EventID,
					With: q.Event.Source, WithID: q.Event.EventID,
					Score: m.Score, Threshold: o.Threshold, Features: m.Features,
				}
				found = true
			}
		}
		if found {
			out = append(out, best)
		}
	}
	return out
}

// tracked are the derived fields an event's history follows.
func tracked(ev *sitrep.Event) map[string]string {
	p := func(n *int) string {
		if n == nil {
			return ""
		}
		return strconv.Itoa(*n)
	}
	var srcs []string
	for _, s := range ev.Sources {
		srcs = append(srcs, s.Source)
	}
	return map[string]string{
		"event_id":        ev.EventID,
		"sources":         strings.Join(srcs, " "),
		"fatalities":      strconv.Itoa(ev.Fatalities),
		"fatalities_low":  p(ev.FatalitiesLow),
		"fatalities_best": p(ev.FatalitiesBest),
		"fatalities_high": p(ev.FatalitiesHigh),
		"claimed_by":      ev.ClaimedBy,
		"verification":    ev.Verification,
		"people":          fmt.Sprint(len(ev.People)),
	}
}

// trackedOrder is the order of tracked fields in a history.
var trackedOrder = []string{"event_id", "sources", "fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "claimed_by", "verification", "people"}

// Diff returns the changes of the tracked fields from old to new (old nil:
// the event is new), stamped with at and cause.
func Diff(old, new *sitrep.Event, at, cause string) []sitrep.Change {
	var before map[string]string
	if old != nil {
		before = tracked(old)
	}
	after := map[string]string{}
	if new != nil {
		after = tracked(new)
	}
	var out []sitrep.Change
	for _, f := range trackedOrder {
		if before[f] != after[f] {
			out = append(out, sitrep.Change{At: at, Cause: cause, Field: f, Old: before[f], New: after[f]})
		}
	}
	return out
}
