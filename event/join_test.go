package event_test

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/event"
)

// TestJoiner: events of later windows fold into the same event of an
// earlier window (one type, day, place and actors); events of one window
// stay as Build made them; an event without a day or a place is never
// folded; a figure is the first telling's when it gives one.
func TestJoiner(t *testing.T) {
	ev := func(id, date string, prec int, loc string, dead int, at int) sitrep.Event {
		return sitrep.Event{EventID: id, EventDate: date, TimePrecision: prec, SubEventType: "Armed clash",
			Actor1: "Military Forces of Mali (2021-)", Location: loc, Fatalities: dead,
			Evidence: []sitrep.Evidence{{Field: sitrep.FieldSubEventType, Text: "clashed", Start: at, End: at + 7}}}
	}
	said := func(n int, at int) sitrep.Claim {
		return sitrep.Claim{Claimant: "Military Forces of Mali (2021-)", Cue: "said", Stance: "asserts", Fatalities: &n, Text: "said", Start: at, End: at + 4}
	}
	told := ev("D", "2024-03-03", 1, "Gao", 5, 300000)
	told.Evidence = append(told.Evidence, sitrep.Evidence{Field: sitrep.FieldFatalities, Text: "five soldiers", Start: 300020, End: 300033})
	told.Claims = []sitrep.Claim{said(5, 300040), said(5, 300090), said(6, 300140)}
	first := ev("A", "2024-03-03", 1, "Gao", 0, 10)
	first.Claims = []sitrep.Claim{said(5, 40)}
	var j event.Joiner
	j.Add([]sitrep.Event{
		first,
		ev("B", "2024-03-03", 1, "Gao", 4, 90), // one window: Build kept them apart
		ev("C", "2024-03", 3, "Gao", 0, 150),
	})
	j.Add([]sitrep.Event{
		told, // told again
		ev("E", "2024-03-03", 1, "Mopti", 0, 300100),
		ev("F", "2024-03", 3, "Gao", 0, 300200), // no day: kept
		ev("G", "2024-03-03", 1, "", 0, 300300), // no place: kept
	})
	got := j.Events()
	var ids []string
	for _, e := range got {
		ids = append(ids, e.EventID)
	}
	if want := "A B C E F G"; strings.Join(ids, " ") != want {
		t.Fatalf("events %s, want %s", strings.Join(ids, " "), want)
	}
	a := got[0]
	// "clashed" again adds nothing; the figure's words do.
	if len(a.Evidence) != 2 || a.Evidence[1].Start != 300020 {
		t.Errorf("folded evidence %+v, want the later telling's figure added", a.Evidence)
	}
	// The same statement told again is one claim; another figure is another.
	if len(a.Claims) != 2 || a.Claims[0].Start != 40 || a.Claims[1].Start != 300140 {
		t.Errorf("folded claims %+v, want the first and the one of 6", a.Claims)
	}
	if a.Fatalities != 5 {
		t.Errorf("fatalities %d: the first telling gives none, the later 5", a.Fatalities)
	}
	if got[1].Fatalities != 4 || len(got[1].Evidence) != 1 {
		t.Errorf("B changed: %+v", got[1])
	}

	// One window: exactly as Build made them.
	var one event.Joiner
	in := []sitrep.Event{ev("A", "2024-03-03", 1, "Gao", 0, 10), ev("B", "2024-03-03", 1, "Gao", 4, 90)}
	if out := one.Events(); len(out) != 0 {
		t.Errorf("no window: %d events", len(out))
	}
	one.Add(in)
	if out := one.Events(); len(out) != 2 || out[0].EventID != "A" || out[1].EventID != "B" {
		t.Errorf("one window: %+v", out)
	}
}
