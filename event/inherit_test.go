package event_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestInheritDate checks the date of an event whose sentences state none:
// the date in force where it is told (ACLED dates an event by the day the
// report gives it), never a date that dates another event. Our own text.
func TestInheritDate(t *testing.T) {
	p := mustPipeline(t)
	pub := sitrep.NewDay(2016, 5, 3) // a Tuesday
	for _, tc := range []struct {
		name, text string
		want       string // event_date of the first event
	}{
		{"headline dated by its lead",
			"Shooting at a bar leaves two wounded\n\nTwo men who were drinking at a bar in Toledo, Ohio, Saturday night were taken to a hospital, police said.",
			"2016-04-30"},
		{"narrative time carries on",
			"Gunmen attacked a village in Zamfara state on Sunday. The attackers killed nine villagers and burned homes.",
			"2016-05-01"},
		{"no date at all: the week before publication",
			"Gunmen killed nine villagers in Zamfara state, officials said.",
			"2016-05-03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			if len(evs) == 0 {
				t.Fatal("no event")
			}
			if evs[0].EventDate != tc.want {
				t.Errorf("event_date %s, want %s (%s / %s)", evs[0].EventDate, tc.want, evs[0].EventType, evs[0].SubEventType)
			}
		})
	}
}
