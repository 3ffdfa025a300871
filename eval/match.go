package eval

import (
	"math"
	"sort"

	"github.com/sitrep-dev/sitrep"
)

// The checks that decide whether an extracted event may pair with a gold
// event (the spec's "same event_type whose date and place are right").
const (
	checkType  = "event_type"
	checkDate  = "event_date"
	checkPlace = "location"
)

// matchFailures lists the matching checks that e fails for g, in the order
// event_type, event_date, location; nil when e may pair with g.
//
// A check the gold does not constrain passes. The place check uses the
// gold's location when it gives one; failing that its admin1, failing that
// its country (optional events in seed.json give only admin1).
func matchFailures(g *GoldEvent, e *sitrep.Event) []string {
	var f []string
	if !anyEqual(g.EventType, e.EventType) {
		f = append(f, checkType)
	}
	if g.EventDate != nil && !dateRight(g.EventDate, e.EventDate) {
		f = append(f, checkDate)
	}
	if !placeRight(g, e) {
		f = append(f, checkPlace)
	}
	return f
}

// dateRight reports whether day lies in one of the ranges.
func dateRight(want []DateRange, day string) bool {
	if !validDay(day) {
		return false
	}
	for _, r := range want {
		if r.From <= day && day <= r.To {
			return true
		}
	}
	return false
}

// placeRight is the place check of matchFailures.
func placeRight(g *GoldEvent, e *sitrep.Event) bool {
	switch {
	case g.Location != nil:
		return locationRight(g.Location, e)
	case g.Admin1 != nil:
		return anyEqual(g.Admin1, e.Admin1)
	case g.Country != nil:
		return anyEqual(g.Country, e.Country)
	}
	return true
}

// locationRight reports whether e's place is right for l: its point within
// l.WithinKm of l's point when both have coordinates, else its location
// name among l.Names.
func locationRight(l *GoldLocation, e *sitrep.Event) bool {
	if l.Lat != nil && e.Latitude != nil && e.Longitude != nil {
		return haversineKm(*l.Lat, *l.Lon, *e.Latitude, *e.Longitude) <= l.WithinKm
	}
	return len(l.Names) > 0 && e.Location != "" && anyEqual(l.Names, e.Location)
}

// earthRadiusKm is the mean Earth radius.
const earthRadiusKm = 6371.0088

// haversineKm is the great-circle distance between two points in km.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Pair is one gold event paired with one extracted event.
type Pair struct {
	Gold      int // index into the gold events (required first, then optional)
	Extracted int // index into the extracted events
}

// Match pairs gold events with extracted events: each gold event with at
// most one extracted event that passes the matching checks, each extracted
// event with at most one gold event. It maximises first the number of
// required gold events paired (the first nRequired of gold), then the
// number of pairs overall, then the share of scored fields that agree
// (so that ties among maximum matchings go to the pairs that agree most).
// It solves the assignment problem exactly (Hungarian algorithm), so it
// never settles for a greedy matching. Pairs come sorted by Gold.
func Match(gold []*GoldEvent, nRequired int, events []sitrep.Event) []Pair {
	n, m := len(gold), len(events)
	if n == 0 || m == 0 {
		return nil
	}
	// Weights: a required pair is worth more than every optional pair
	// together, a pair more than every agreement bonus together.
	const wRequired, wOptional = 1e6, 1e3
	w := make([][]float64, n)
	edges := false
	for i, g := range gold {
		w[i] = make([]float64, m)
		for j := range events {
			if matchFailures(g, &events[j]) != nil {
				continue
			}
			edges = true
			base := wOptional
			if i < nRequired {
				base = wRequired
			}
			w[i][j] = base + agreement(g, &events[j])
		}
	}
	if !edges {
		return nil
	}
	assign := maxWeightAssignment(w)
	var pairs []Pair
	for i, j := range assign {
		if j >= 0 && w[i][j] > 0 {
			pairs = append(pairs, Pair{Gold: i, Extracted: j})
		}
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a].Gold < pairs[b].Gold })
	return pairs
}

// agreement is the share of the gold's scored fields that e gets right, in
// [0, 1), scaled down so that it only breaks ties.
func agreement(g *GoldEvent, e *sitrep.Event) float64 {
	total, right := 0, 0
	for _, f := range fieldScorers {
		ok, given := f.score(g, e)
		if !given {
			continue
		}
		total++
		if ok {
			right++
		}
	}
	if total == 0 {
		return 0
	}
	return 0.999 * float64(right) / float64(total)
}

// maxWeightAssignment returns, for each row of the n×m weight matrix w
// (weights >= 0), the column assigned to it or -1, maximising the total
// weight. It is the O(k³) Hungarian algorithm with potentials on the
// square matrix of side k = max(n, m), padded with zeros.
func maxWeightAssignment(w [][]float64) []int {
	n := len(w)
	m := len(w[0])
	k := max(n, m)
	// Minimise cost = maxW - weight over the padded square matrix.
	maxW := 0.0
	for _, row := range w {
		for _, v := range row {
			maxW = max(maxW, v)
		}
	}
	cost := func(i, j int) float64 {
		if i < n && j < m {
			return maxW - w[i][j]
		}
		return maxW
	}
	inf := math.Inf(1)
	u := make([]float64, k+1)
	v := make([]float64, k+1)
	p := make([]int, k+1) // p[j]: row matched to column j, 1-based; 0 none
	way := make([]int, k+1)
	minv := make([]float64, k+1)
	used := make([]bool, k+1)
	for i := 1; i <= k; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0 := p[j0]
			delta := inf
			j1 := 0
			for j := 1; j <= k; j++ {
				if used[j] {
					continue
				}
				cur := cost(i0-1, j-1) - u[i0] - v[j]
				if cur < minv[j] {
					minv[j] = cur
					way[j] = j0
				}
				if minv[j] < delta {
					delta = minv[j]
					j1 = j
				}
			}
			for j := 0; j <= k; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	assign := make([]int, n)
	for i := range assign {
		assign[i] = -1
	}
	for j := 1; j <= k; j++ {
		if i := p[j] - 1; i >= 0 && i < n && j-1 < m {
			assign[i] = j - 1
		}
	}
	return assign
}
