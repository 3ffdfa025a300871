package eval

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// fieldScorer scores one field of a matched event.
type fieldScorer struct {
	name string
	// score reports whether e's field is right for g, and whether g gives
	// the field at all (when it does not, the field is not scored).
	score func(g *GoldEvent, e *sitrep.Event) (ok, given bool)
	// want and got render the gold and extracted values for reports.
	want func(g *GoldEvent) string
	got  func(e *sitrep.Event) string
}

func stringField(name string, gold func(*GoldEvent) []string, val func(*sitrep.Event) string) fieldScorer {
	return fieldScorer{
		name: name,
		score: func(g *GoldEvent, e *sitrep.Event) (bool, bool) {
			w := gold(g)
			if w == nil {
				return false, false
			}
			return anyEqual(w, val(e)), true
		},
		want: func(g *GoldEvent) string { return showStrings(gold(g)) },
		got:  func(e *sitrep.Event) string { return strconv.Quote(val(e)) },
	}
}

func intField(name string, gold func(*GoldEvent) []int, val func(*sitrep.Event) int) fieldScorer {
	return fieldScorer{
		name: name,
		score: func(g *GoldEvent, e *sitrep.Event) (bool, bool) {
			w := gold(g)
			if w == nil {
				return false, false
			}
			return slices.Contains(w, val(e)), true
		},
		want: func(g *GoldEvent) string { return showInts(gold(g)) },
		got:  func(e *sitrep.Event) string { return strconv.Itoa(val(e)) },
	}
}

// fieldScorers lists the scored fields in report order. event_type is not
// among them: matching already requires it.
var fieldScorers = []fieldScorer{
	{
		name: "event_date",
		score: func(g *GoldEvent, e *sitrep.Event) (bool, bool) {
			if g.EventDate == nil {
				return false, false
			}
			return dateRight(g.EventDate, e.EventDate), true
		},
		want: func(g *GoldEvent) string { return showDates(g.EventDate) },
		got:  func(e *sitrep.Event) string { return e.EventDate },
	},
	intField("time_precision", func(g *GoldEvent) []int { return g.TimePrecision }, func(e *sitrep.Event) int { return e.TimePrecision }),
	stringField("sub_event_type", func(g *GoldEvent) []string { return g.SubEventType }, func(e *sitrep.Event) string { return e.SubEventType }),
	stringField("actor1", func(g *GoldEvent) []string { return g.Actor1 }, func(e *sitrep.Event) string { return e.Actor1 }),
	stringField("assoc_actor_1", func(g *GoldEvent) []string { return g.AssocActor1 }, func(e *sitrep.Event) string { return e.AssocActor1 }),
	stringField("actor2", func(g *GoldEvent) []string { return g.Actor2 }, func(e *sitrep.Event) string { return e.Actor2 }),
	stringField("assoc_actor_2", func(g *GoldEvent) []string { return g.AssocActor2 }, func(e *sitrep.Event) string { return e.AssocActor2 }),
	stringField("country", func(g *GoldEvent) []string { return g.Country }, func(e *sitrep.Event) string { return e.Country }),
	stringField("admin1", func(g *GoldEvent) []string { return g.Admin1 }, func(e *sitrep.Event) string { return e.Admin1 }),
	stringField("admin2", func(g *GoldEvent) []string { return g.Admin2 }, func(e *sitrep.Event) string { return e.Admin2 }),
	stringField("admin3", func(g *GoldEvent) []string { return g.Admin3 }, func(e *sitrep.Event) string { return e.Admin3 }),
	{
		name: "location",
		score: func(g *GoldEvent, e *sitrep.Event) (bool, bool) {
			if g.Location == nil {
				return false, false
			}
			return locationRight(g.Location, e), true
		},
		want: func(g *GoldEvent) string { return showLocation(g.Location) },
		got:  showEventPlace,
	},
	intField("geo_precision", func(g *GoldEvent) []int { return g.GeoPrecision }, func(e *sitrep.Event) int { return e.GeoPrecision }),
	intField("fatalities", func(g *GoldEvent) []int { return g.Fatalities }, func(e *sitrep.Event) int { return e.Fatalities }),
	intField("injuries", func(g *GoldEvent) []int { return g.Injuries }, func(e *sitrep.Event) int { return e.Injuries }),
	stringField("claimed_by", func(g *GoldEvent) []string { return g.ClaimedBy }, func(e *sitrep.Event) string { return e.ClaimedBy }),
	stringField("verification", func(g *GoldEvent) []string { return g.Verification }, func(e *sitrep.Event) string { return e.Verification }),
	{
		name: "people",
		score: func(g *GoldEvent, e *sitrep.Event) (bool, bool) {
			if g.People == nil {
				return false, false
			}
			for _, r := range scorePeople(g.People, e.People) {
				if !r.right() {
					return false, true
				}
			}
			return true, true
		},
		want: func(g *GoldEvent) string { return showGoldPeople(g.People) },
		got:  func(e *sitrep.Event) string { return showPeople(e.People) },
	},
}

// personResult is how one gold person fared in one extracted event.
type personResult struct {
	Found, FateRight, AffiliationRight bool
	FateGiven, AffiliationGiven        bool
}

func (r personResult) right() bool {
	return r.Found && (r.FateRight || !r.FateGiven) && (r.AffiliationRight || !r.AffiliationGiven)
}

// scorePeople finds each gold person among the extracted people (by name
// or alias, see samePerson) and checks fate and affiliation. An extracted
// person is used for at most one gold person.
func scorePeople(gold []GoldPerson, got []sitrep.Person) []personResult {
	out := make([]personResult, len(gold))
	used := make([]bool, len(got))
	for i, g := range gold {
		r := personResult{FateGiven: g.Fate != nil, AffiliationGiven: g.Affiliation != nil}
		for j, p := range got {
			if used[j] || !samePerson(g, p) {
				continue
			}
			used[j] = true
			r.Found = true
			r.FateRight = g.Fate != nil && anyEqual(g.Fate, p.Fate)
			r.AffiliationRight = g.Affiliation != nil && sameAffiliation(g.Affiliation, p.Affiliation)
			break
		}
		out[i] = r
	}
	return out
}

func showStrings(v []string) string {
	q := make([]string, len(v))
	for i, s := range v {
		q[i] = strconv.Quote(s)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "one of " + strings.Join(q, ", ")
}

func showInts(v []int) string {
	q := make([]string, len(v))
	for i, n := range v {
		q[i] = strconv.Itoa(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "one of " + strings.Join(q, ", ")
}

func showDates(v []DateRange) string {
	q := make([]string, len(v))
	for i, r := range v {
		if r.From == r.To {
			q[i] = r.From
		} else {
			q[i] = r.From + ".." + r.To
		}
	}
	return strings.Join(q, " or ")
}

func showLocation(l *GoldLocation) string {
	if l == nil {
		return ""
	}
	var b strings.Builder
	if len(l.Names) > 0 {
		b.WriteString(showStrings(l.Names))
	}
	if l.Lat != nil {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "within %g km of (%.3f, %.3f)", l.WithinKm, *l.Lat, *l.Lon)
	}
	return b.String()
}

func showEventPlace(e *sitrep.Event) string {
	s := strconv.Quote(e.Location)
	if e.Latitude != nil && e.Longitude != nil {
		s += fmt.Sprintf(" (%.3f, %.3f)", *e.Latitude, *e.Longitude)
	} else {
		s += " (no coordinates)"
	}
	return s
}

func showGoldPeople(ps []GoldPerson) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = p.Name
		var extra []string
		if p.Fate != nil {
			extra = append(extra, strings.Join(p.Fate, "|"))
		}
		if p.Affiliation != nil {
			extra = append(extra, strings.Join(p.Affiliation, "|"))
		}
		if len(extra) > 0 {
			q[i] += " (" + strings.Join(extra, ", ") + ")"
		}
	}
	return strings.Join(q, "; ")
}

func showPeople(ps []sitrep.Person) string {
	if len(ps) == 0 {
		return "none"
	}
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = p.Name + " (" + p.Fate + ", " + p.Affiliation + ")"
	}
	return strings.Join(q, "; ")
}
