package event_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestStampDatesNoEvent checks that the article's own date line dates no
// event: the shooting told "Monday night" is dated by that, and an
// undated text takes its reference from the line. Our own text.
func TestStampDatesNoEvent(t *testing.T) {
	p := mustPipeline(t)
	text := "Boy shot in Toledo park Posted: Tuesday, May 5, 2015 5:36 PM EDT\n\nA 3-year-old boy was shot in a park in Toledo, Ohio, on Monday night, police said."
	for _, pub := range []sitrep.Day{sitrep.NewDay(2015, 5, 5), {}} {
		evs := p.Extract(&sitrep.Document{ID: "t", Text: text, Published: pub, PublishedBasis: sitrep.BasisGiven})
		if len(evs) != 1 {
			t.Fatalf("%d events, want 1", len(evs))
		}
		if evs[0].EventDate != "2015-05-04" {
			t.Errorf("published %v: event date %s, want 2015-05-04", pub, evs[0].EventDate)
		}
	}
}
