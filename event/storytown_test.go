package event_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestStoryTown checks that an event placed only at a state or a county
// takes the town of that region the report is about (event/where.go,
// storyTown), and keeps the region when the report is not about one
// town. Our own text.
func TestStoryTown(t *testing.T) {
	p := wideScopePipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, tc := range []struct {
		name, text string
		want       string // the first violent event's location
	}{
		{"StateThenTownPolice",
			"Boy, 10, wounded in Ohio road rage shooting\n\nA boy was wounded on Saturday night when a driver fired at his family's car. Toledo police said the driver fled.",
			"Toledo"},
		{"TownOnlyInTheOutletLine",
			"Teen shoots himself by accident in Ohio - Channel 9 News - Dayton, Ohio\n\nA teen is in critical condition after he shot himself on Saturday.",
			"Dayton"},
		{"CountyToldMoreThanTheTown",
			"Woman killed in Lucas County shooting\n\nA woman was shot and killed on Saturday, Lucas County deputies said. Lucas County detectives are looking for a gray car. Her family lives in Toledo.",
			"Lucas County"},
		{"CountyThenItsTown",
			"Man shot in Ohio\n\nA man was shot on Saturday in Lucas County, deputies said. The Lucas County sheriff said the man was found on a road outside Toledo. Toledo police helped at the scene.",
			"Toledo"},
		{"SeveralTownsKeepTheState",
			"Man shot in Ohio\n\nA man was shot on Saturday. He had lived in Toledo, worked in Dayton and studied in Akron, police said.",
			"Ohio"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			for _, ev := range evs {
				if ev.EventType != sitrep.ViolenceAgainstCivilian && ev.EventType != sitrep.Battles {
					continue
				}
				if ev.Location != tc.want {
					t.Errorf("location %q (%s), want %q", ev.Location, ev.Admin1, tc.want)
				}
				return
			}
			t.Fatalf("no violent event: %+v", evs)
		})
	}
}
