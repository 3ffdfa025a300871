package eval

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func fp(v float64) *float64 { return &v }

// ev builds an extracted event.
func ev(typ, date string, lat, lon float64, loc string) sitrep.Event {
	e := sitrep.Event{EventType: typ, EventDate: date, Location: loc}
	if !math.IsNaN(lat) {
		e.Latitude, e.Longitude = fp(lat), fp(lon)
	}
	return e
}

var nan = math.NaN()

// at builds a gold location.
func at(lat, lon, km float64, names ...string) *GoldLocation {
	return &GoldLocation{Lat: fp(lat), Lon: fp(lon), WithinKm: km, Names: names}
}

func day(d string) []DateRange { return []DateRange{{From: d, To: d}} }

func TestMatch(t *testing.T) {
	const B, E = sitrep.Battles, sitrep.ExplosionsRemote
	kabul := at(34.53, 69.17, 30, "Kabul")
	mazar := at(36.71, 67.11, 25, "Mazar-e Sharif")
	tests := []struct {
		name     string
		gold     []*GoldEvent
		required int
		events   []sitrep.Event
		want     []Pair
	}{
		{
			name:     "Empty",
			gold:     []*GoldEvent{{EventType: []string{B}}},
			required: 1,
			want:     nil,
		},
		{
			// Greedy pairs gold 0 with event 0 (its first candidate) and
			// leaves gold 1 alone; the maximum matching pairs both.
			name: "GreedyFails",
			gold: []*GoldEvent{
				{EventType: []string{B}, EventDate: []DateRange{{From: "2023-03-01", To: "2023-03-27"}}},
				{EventType: []string{B}, EventDate: day("2023-03-18")},
			},
			required: 2,
			events: []sitrep.Event{
				ev(B, "2023-03-18", nan, 0, ""),
				ev(B, "2023-03-20", nan, 0, ""),
			},
			want: []Pair{{0, 1}, {1, 0}},
		},
		{
			name: "TypeMustMatch",
			gold: []*GoldEvent{{EventType: []string{B}}},
			events: []sitrep.Event{
				ev(E, "2023-03-18", nan, 0, ""),
			},
			required: 1,
			want:     nil,
		},
		{
			name: "TypeList",
			gold: []*GoldEvent{{EventType: []string{E, sitrep.ViolenceAgainstCivilian}}},
			events: []sitrep.Event{
				ev(sitrep.ViolenceAgainstCivilian, "2023-03-18", nan, 0, ""),
			},
			required: 1,
			want:     []Pair{{0, 0}},
		},
		{
			name:     "DateOutsideRange",
			gold:     []*GoldEvent{{EventType: []string{B}, EventDate: []DateRange{{From: "2023-03-25", To: "2023-03-26"}}}},
			events:   []sitrep.Event{ev(B, "2023-03-27", nan, 0, ""), ev(B, "", nan, 0, "")},
			required: 1,
			want:     nil,
		},
		{
			name:     "DateRangeInclusive",
			gold:     []*GoldEvent{{EventType: []string{B}, EventDate: []DateRange{{From: "2023-03-25", To: "2023-03-26"}}}},
			events:   []sitrep.Event{ev(B, "2023-03-25", nan, 0, "")},
			required: 1,
			want:     []Pair{{0, 0}},
		},
		{
			// Kabul to Bagram is about 47 km: outside 30 km, inside 161.
			name:     "WithinKm",
			gold:     []*GoldEvent{{EventType: []string{B}, Location: kabul}, {EventType: []string{B}, Location: at(34.53, 69.17, 0, "Kabul")}},
			events:   []sitrep.Event{ev(B, "", 34.95, 69.27, "Bagram"), ev(B, "", 34.60, 69.20, "Kabul")},
			required: 2,
			want:     []Pair{{0, 1}},
		},
		{
			name:     "NameWhenNoCoordinates",
			gold:     []*GoldEvent{{EventType: []string{B}, Location: mazar}},
			events:   []sitrep.Event{ev(B, "", nan, 0, "mazar e sharif")},
			required: 1,
			want:     []Pair{{0, 0}},
		},
		{
			name:     "CoordinatesBeatName",
			gold:     []*GoldEvent{{EventType: []string{B}, Location: mazar}},
			events:   []sitrep.Event{ev(B, "", 34.53, 69.17, "Mazar-e Sharif")},
			required: 1,
			want:     nil,
		},
		{
			name:     "Admin1WhenNoLocation",
			gold:     []*GoldEvent{{EventType: []string{B}, Admin1: []string{"Balkh"}}},
			events:   []sitrep.Event{{EventType: B, Admin1: "Kabul"}, {EventType: B, Admin1: "BALKH"}},
			required: 1,
			want:     []Pair{{0, 1}},
		},
		{
			// One event fits both a required and an optional gold event:
			// the required one gets it.
			name: "RequiredBeforeOptional",
			gold: []*GoldEvent{
				{EventType: []string{E}, Admin1: []string{"Balkh"}}, // optional (index >= required)
				{EventType: []string{E}},
			},
			required: 1,
			events:   []sitrep.Event{{EventType: E, Admin1: "Balkh"}},
			want:     []Pair{{0, 0}},
		},
		{
			name: "OptionalTakesTheRest",
			gold: []*GoldEvent{
				{EventType: []string{E}, Admin1: []string{"Kabul"}},
				{EventType: []string{E}, Admin1: []string{"Balkh"}},
			},
			required: 1,
			events:   []sitrep.Event{{EventType: E, Admin1: "Balkh"}, {EventType: E, Admin1: "Kabul"}},
			want:     []Pair{{0, 1}, {1, 0}},
		},
		{
			// Both events may pair with the gold event; the one with the
			// right fatalities wins the tie.
			name:     "TieGoesToAgreement",
			gold:     []*GoldEvent{{EventType: []string{B}, Fatalities: []int{3}}},
			required: 1,
			events:   []sitrep.Event{{EventType: B, Fatalities: 1}, {EventType: B, Fatalities: 3}},
			want:     []Pair{{0, 1}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Match(tc.gold, tc.required, tc.events)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Match = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestMaxWeightAssignment checks the assignment against brute force on
// small random matrices.
func TestMaxWeightAssignment(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 300 {
		n, m := 1+rng.IntN(5), 1+rng.IntN(5)
		w := make([][]float64, n)
		for i := range w {
			w[i] = make([]float64, m)
			for j := range w[i] {
				if rng.IntN(3) > 0 {
					w[i][j] = float64(rng.IntN(4))
				}
			}
		}
		assign := maxWeightAssignment(w)
		got := 0.0
		usedCol := map[int]bool{}
		for i, j := range assign {
			if j < 0 {
				continue
			}
			if usedCol[j] {
				t.Fatalf("iter %d: column %d assigned twice: %v", iter, j, assign)
			}
			usedCol[j] = true
			got += w[i][j]
		}
		if want := bruteForce(w, 0, map[int]bool{}); got != want {
			t.Fatalf("iter %d: weight %v, want %v (w=%v, assign=%v)", iter, got, want, w, assign)
		}
	}
}

func bruteForce(w [][]float64, i int, used map[int]bool) float64 {
	if i == len(w) {
		return 0
	}
	best := bruteForce(w, i+1, used) // row i unassigned
	for j := range w[i] {
		if used[j] {
			continue
		}
		used[j] = true
		best = max(best, w[i][j]+bruteForce(w, i+1, used))
		used[j] = false
	}
	return best
}

func TestHaversine(t *testing.T) {
	// Kabul to Mazar-e Sharif is about 311 km as the crow flies.
	if d := haversineKm(34.528, 69.172, 36.709, 67.111); d < 300 || d > 320 {
		t.Errorf("Kabul-Mazar = %.1f km", d)
	}
	if d := haversineKm(0, 0, 0, 180); math.Abs(d-20015) > 10 {
		t.Errorf("antipodes = %.1f km", d)
	}
}
