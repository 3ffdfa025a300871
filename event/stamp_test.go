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

// TestFollowUpDate checks ACLED's date rule for follow-up reports: the
// date of a charge, an arrest or a funeral said with the event noun is
// not the event's; the date the text gives the event is. Our own text.
func TestFollowUpDate(t *testing.T) {
	p := wideScopePipeline(t)
	pub := sitrep.NewDay(2016, 3, 1)
	for _, tc := range []struct {
		text, want string
		killed     int
	}{
		{"A Toledo man was charged Monday in the shooting of his neighbour.\n\nThe shooting happened on Feb. 12 outside the neighbour's home in Toledo, Ohio, police said.", "2016-02-12", 0},
		{"Police arrested a man on Tuesday in Sunday's shooting of a teenager in Toledo, Ohio.", "2016-02-28", 0},
		{"A man was charged Monday with murder in the Feb. 12 shooting death of his neighbour in Toledo, Ohio.", "2016-02-12", 1},
		// A verb of violence before the date keeps it: the event's own.
		{"Gunmen killed three people on Monday in an attack on a village in Toledo, Ohio.", "2016-02-29", 3},
	} {
		evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
		var got []string
		ok := false
		for _, ev := range evs {
			if ev.EventType == sitrep.ViolenceAgainstCivilian || ev.EventType == sitrep.Battles {
				got = append(got, ev.EventDate)
				ok = ok || ev.EventDate == tc.want && ev.Fatalities == tc.killed
			}
		}
		if !ok {
			t.Errorf("%q: violent events dated %v, want one on %s with %d killed", tc.text, got, tc.want, tc.killed)
		}
	}
}

// TestDeathAfterShooting checks that a death told on a later day than the
// shooting it followed ("died Friday after a shooting") dates the death,
// and the shooting keeps the day the text gives it. Our own text.
func TestDeathAfterShooting(t *testing.T) {
	p := wideScopePipeline(t)
	text := "A Toledo man died Friday after a shooting in Toledo, Ohio.\n\nPolice said the shooting happened around 10 p.m. Thursday."
	evs := p.Extract(&sitrep.Document{ID: "t", Text: text, Published: sitrep.NewDay(2016, 12, 10), PublishedBasis: sitrep.BasisGiven})
	if len(evs) != 1 || evs[0].EventDate != "2016-12-08" || evs[0].Fatalities != 1 {
		for _, ev := range evs {
			t.Logf("%s %s %s k%d", ev.SubEventType, ev.EventDate, ev.Location, ev.Fatalities)
		}
		t.Errorf("want one event on 2016-12-08 with one killed")
	}
}
