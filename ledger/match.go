package ledger

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Options tune matching and derivation.
type Options struct {
	// Threshold is the score at or above which two reports are one event.
	Threshold float64
	// ConflictRatio and ConflictMin decide when figures conflict: the
	// highest exceeds the lowest by more than ConflictRatio times it and
	// by at least ConflictMin (3 killed against 2 is no conflict; 10
	// against 2 is).
	ConflictRatio float64
	ConflictMin   int
}

// DefaultOptions returns the options the store uses.
func DefaultOptions() Options {
	return Options{Threshold: 2.5, ConflictRatio: 1, ConflictMin: 3}
}

// Match is the comparison of two reports: whether they are one event,
// the score and the features behind it. Gate names the first hard
// condition that failed ("" when none did); a gated pair has no score.
type Match struct {
	OK       bool
	Score    float64
	Gate     string
	Features []sitrep.MatchFeature
}

// Feature weights: how much each kind of agreement counts. Shared named
// people are the strongest evidence that two texts tell one event; the
// type and the day only say that they could.
const (
	wType       = 1.0
	wDate       = 1.0
	wPlace      = 1.0
	wActors     = 1.0
	wPeople     = 1.5
	wFatalities = 0.5
	wNames      = 1.0
)

// Score compares two reports of possibly one event. It is symmetric:
// Score(a, b) and Score(b, a) agree.
func Score(a, b *sitrep.Event, o Options) Match {
	return score(a, b, nil, nil, o)
}

// ScoreReports is Score with the names the two documents share (see
// Names) as one more detail of the event.
func ScoreReports(a, b *Report, o Options) Match {
	return score(&a.Event, &b.Event, a.Names, b.Names, o)
}

func score(a, b *sitrep.Event, na, nb []string, o Options) Match {
	var m Match
	add := func(name string, v, w float64, detail string) {
		m.Features = append(m.Features, sitrep.MatchFeature{Name: name, Value: round3(v), Weight: w, Detail: detail})
		m.Score += v * w
	}
	if a.Source != "" && a.Source == b.Source {
		// The document itself kept them apart (event.merge).
		m.Gate = "same document"
		return m
	}
	// Type: ACLED's families. Political violence of any kind may be told
	// as a battle by one side and an attack by the other; a demonstration
	// as a protest or a riot; strategic developments only as themselves.
	tv, td := typeValue(a, b)
	if tv < 0 {
		m.Gate = "type: " + td
		return m
	}
	// Date: the windows, widened by a day either side for a late-night
	// event told as the next day's, must share a day.
	wa, oka := window(a)
	wb, okb := window(b)
	if !oka || !okb {
		m.Gate = "date: unknown"
		return m
	}
	if wa.to.Before(wb.from) || wb.to.Before(wa.from) {
		m.Gate = "date: " + a.EventDate + " vs " + b.EventDate
		return m
	}
	// Place: the same country and first-level region where both name one,
	// and points within a radius that grows with geo-precision.
	pv, pd, ok := placeValue(a, b)
	if !ok {
		m.Gate = "place: " + pd
		return m
	}
	add("type", tv, wType, td)
	dv, dd := dateValue(a, b, wa, wb)
	add("date", dv, wDate, dd)
	add("place", pv, wPlace, pd)
	av, ad := actorValue(a, b)
	add("actors", av, wActors, ad)
	if v, d := peopleValue(a, b); d != "" {
		add("people", v, wPeople, d)
	}
	if v, d := fatalityValue(a, b, o); d != "" {
		add("fatalities", v, wFatalities, d)
	}
	if shared := sharedNames(na, nb); len(shared) > 0 {
		add("names", min(1, 0.5*float64(len(shared))), wNames, "shared: "+strings.Join(shared, "; "))
	}
	m.Score = round3(m.Score)
	m.OK = m.Score >= o.Threshold
	if m.OK && !corroborated(m.Features) {
		// Type, region and week alone fit every shooting in a city that
		// week: a merge needs a detail of the event itself.
		m.OK = false
		m.Gate = "no shared detail"
	}
	return m
}

// corroborated reports whether two reports agree on a detail of the
// event itself, not only on its kind, region and week: a named person,
// the same death toll, or the same day at the same place.
func corroborated(fs []sitrep.MatchFeature) bool {
	v := map[string]float64{}
	for _, f := range fs {
		v[f.Name] = f.Value
	}
	return v["people"] > 0 || v["fatalities"] > 0 || v["names"] > 0 || v["date"] >= 0.5 && v["place"] >= 0.4
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// family groups ACLED's event types into what one occurrence may be
// coded as by different tellers.
func family(t string) string {
	switch t {
	case sitrep.Battles, sitrep.ExplosionsRemote, sitrep.ViolenceAgainstCivilian:
		return "political violence"
	case sitrep.Protests, sitrep.Riots:
		return "demonstrations"
	}
	return t
}

func typeValue(a, b *sitrep.Event) (float64, string) {
	switch {
	case a.SubEventType == b.SubEventType:
		return 1, a.SubEventType
	case a.EventType == b.EventType && a.EventType != sitrep.StrategicDevelopments:
		return 0.6, a.EventType
	case family(a.EventType) == family(b.EventType) && a.EventType != sitrep.StrategicDevelopments:
		return 0.3, family(a.EventType)
	}
	return -1, a.SubEventType + " vs " + b.SubEventType
}

// span is an inclusive range of days.
type span struct{ from, to time.Time }

// slack is how far a report's date window is widened on each side, by
// time precision: a day for a known day (a night attack is dated either
// side of midnight), two for a week, three for a month.
func slack(precision int) int {
	switch precision {
	case 1:
		return 1
	case 2:
		return 2
	}
	return 3
}

// window returns the days a report may have happened on, widened by its
// slack.
func window(e *sitrep.Event) (span, bool) {
	to, err := time.Parse(time.DateOnly, e.EventDate)
	if err != nil {
		return span{}, false
	}
	from := to
	if e.DateFrom != "" {
		if f, err := time.Parse(time.DateOnly, e.DateFrom); err == nil && !f.After(to) {
			from = f
		}
	}
	s := slack(e.TimePrecision)
	return span{from.AddDate(0, 0, -s), to.AddDate(0, 0, s)}, true
}

func dateValue(a, b *sitrep.Event, wa, wb span) (float64, string) {
	if a.EventDate == b.EventDate && a.TimePrecision == 1 && b.TimePrecision == 1 {
		return 1, "same day " + a.EventDate
	}
	// The share of the wider window that overlaps the other: a day
	// within a week the article does not narrow down is weak agreement.
	from, to := wa.from, wa.to
	if wb.from.After(from) {
		from = wb.from
	}
	if wb.to.Before(to) {
		to = wb.to
	}
	overlap := to.Sub(from).Hours()/24 + 1
	na := wa.to.Sub(wa.from).Hours()/24 + 1
	nb := wb.to.Sub(wb.from).Hours()/24 + 1
	v := overlap / math.Max(na, nb)
	if a.TimePrecision == 1 && b.TimePrecision == 1 {
		// Known days a day apart: likely, not certain.
		return 0.6 * v, a.EventDate + " vs " + b.EventDate
	}
	return 0.7 * v, a.EventDate + " vs " + b.EventDate
}

// radius returns the distance in km within which two points of this
// geo-precision may be one place: a town and its suburbs (ACLED
// precision 1), a region around a town (2).
func radius(precision int) float64 {
	switch precision {
	case 1:
		return 30
	case 2:
		return 60
	}
	return 0 // 3: only the region is known
}

func placeValue(a, b *sitrep.Event) (float64, string, bool) {
	if a.Country == "" || b.Country == "" {
		return 0, "no country", false
	}
	if a.Country != b.Country {
		return 0, a.Country + " vs " + b.Country, false
	}
	if a.Admin1 != "" && b.Admin1 != "" && a.Admin1 != b.Admin1 {
		return 0, a.Admin1 + " vs " + b.Admin1, false
	}
	if a.GeonameID != 0 && a.GeonameID == b.GeonameID {
		return 1, "same place " + a.Location, true
	}
	sameAdmin2 := a.Admin2 != "" && a.Admin2 == b.Admin2
	prec := max(a.GeoPrecision, b.GeoPrecision)
	if a.Latitude != nil && b.Latitude != nil && a.Longitude != nil && b.Longitude != nil && prec <= 2 {
		d := km(*a.Latitude, *a.Longitude, *b.Latitude, *b.Longitude)
		r := radius(prec)
		switch {
		case d <= 5:
			return 1, fmt.Sprintf("%.1f km", d), true
		case sameAdmin2 && (prec > 1 || d <= 2*r):
			// Two towns of one district; not two points both said to
			// be the place itself, far apart (a name the gazetteer put
			// in the wrong district).
			return 0.8, fmt.Sprintf("same admin2 %s, %.1f km", a.Admin2, d), true
		case d <= r:
			return 0.4 + 0.4*(1-d/r), fmt.Sprintf("%.1f km", d), true
		}
		return 0, fmt.Sprintf("%.1f km apart", d), false
	}
	switch {
	case sameAdmin2:
		return 0.8, "same admin2 " + a.Admin2, true
	case a.Admin1 != "" && b.Admin1 != "":
		return 0.3, "same admin1 " + a.Admin1, true
	}
	return 0, "same country " + a.Country, true
}

// km is the great-circle distance between two points.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

func actorValue(a, b *sitrep.Event) (float64, string) {
	pa := map[string]bool{}
	for _, x := range []string{a.Actor1, a.Actor2} {
		if x != "" {
			pa[PartyKey(x)] = true
		}
	}
	var shared []string
	for _, x := range []string{b.Actor1, b.Actor2} {
		if x != "" && pa[PartyKey(x)] {
			shared = append(shared, x)
			delete(pa, PartyKey(x))
		}
	}
	switch {
	case len(shared) >= 2:
		return 1, "shared: " + strings.Join(shared, "; ")
	case len(shared) == 1:
		return 0.5, "shared: " + shared[0]
	case a.Actor1 != "" && b.Actor1 != "":
		// Both name who acted, and no one in common.
		return -0.5, a.Actor1 + " vs " + b.Actor1
	}
	return 0, "not compared"
}

// personKey returns the words of a name, lower-cased, without titles'
// punctuation.
func personWords(name string) []string {
	return strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return r == ' ' || r == '.' || r == ',' || r == '\'' || r == '’' || r == '-'
	})
}

// samePerson reports whether two names may name one person: equal, or
// one's words all among the other's ("Barbee" and "Kevin Barbee";
// "Ustad Salman" and "Ustad Salman Tajikistani").
func samePerson(x, y string) bool {
	wx, wy := personWords(x), personWords(y)
	if len(wx) == 0 || len(wy) == 0 {
		return false
	}
	if len(wx) > len(wy) {
		wx, wy = wy, wx
	}
	set := map[string]bool{}
	for _, w := range wy {
		set[w] = true
	}
	for _, w := range wx {
		if !set[w] {
			return false
		}
	}
	return true
}

func names(e *sitrep.Event) []string {
	var out []string
	for _, p := range e.People {
		out = append(out, p.Name)
		out = append(out, p.Aliases...)
	}
	return out
}

func peopleValue(a, b *sitrep.Event) (float64, string) {
	if len(a.People) == 0 || len(b.People) == 0 {
		return 0, ""
	}
	var shared []string
	for _, p := range a.People {
		for _, n := range names(b) {
			if samePerson(p.Name, n) || anyAlias(p, n) {
				shared = append(shared, p.Name)
				break
			}
		}
	}
	switch {
	case len(shared) >= 2:
		return 1, "shared: " + strings.Join(shared, "; ")
	case len(shared) == 1:
		return 0.67, "shared: " + shared[0]
	}
	if killedNamed(a) && killedNamed(b) {
		// Both name their dead, and not the same dead.
		return -0.67, "different people killed"
	}
	return 0, ""
}

func anyAlias(p sitrep.Person, n string) bool {
	for _, al := range p.Aliases {
		if samePerson(al, n) {
			return true
		}
	}
	return false
}

func killedNamed(e *sitrep.Event) bool {
	for _, p := range e.People {
		if p.Fate == sitrep.FateKilled {
			return true
		}
	}
	return false
}

func fatalityValue(a, b *sitrep.Event, o Options) (float64, string) {
	if a.Fatalities == 0 || b.Fatalities == 0 {
		return 0, ""
	}
	if a.Fatalities == b.Fatalities {
		return 1, fmt.Sprintf("both %d killed", a.Fatalities)
	}
	lo, hi := min(a.Fatalities, b.Fatalities), max(a.Fatalities, b.Fatalities)
	if conflict(lo, hi, o) {
		return -1, fmt.Sprintf("%d vs %d killed", a.Fatalities, b.Fatalities)
	}
	return 0, fmt.Sprintf("%d vs %d killed", a.Fatalities, b.Fatalities)
}

// conflict reports whether two figures disagree beyond the options'
// threshold.
func conflict(lo, hi int, o Options) bool {
	return hi-lo >= o.ConflictMin && float64(hi) > float64(lo)*(1+o.ConflictRatio)
}

// sharedNames returns the names in both sorted lists.
func sharedNames(a, b []string) []string {
	var out []string
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return out
}
