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
		{"the day of a statement dates no event",
			"Troops killed five militants near Kaya in Burkina Faso, an army officer said on Monday.",
			"2016-05-03"},
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

// TestStoryDay checks the date of an event that states none and inherits
// none free (the dates before it belong to other events): the day of the
// story it is told in, not the day of the report. The day of a saying
// dates nothing. Our own text.
func TestStoryDay(t *testing.T) {
	p := wideScopePipeline(t)
	pub := sitrep.NewDay(2016, 5, 3) // a Tuesday
	text := "Toledo man arrested after shooting\n\nTOLEDO, Ohio - A Toledo man was arrested Saturday after he fired a gun at a neighbor during an argument. Officers answered a shooting call on Elm Street around 1:30 p.m. and found a woman wounded in the arm."
	evs := p.Extract(&sitrep.Document{ID: "t", Text: text, Published: pub, PublishedBasis: sitrep.BasisGiven})
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	for _, ev := range evs {
		if ev.EventDate != "2016-04-30" {
			t.Errorf("%s event_date %s, want 2016-04-30", ev.SubEventType, ev.EventDate)
		}
	}
}

// TestSmallHours checks the day of an event told by a night whose time is
// given in the small hours: "Friday night ... at about 2:45 a.m." is
// early Saturday, the calendar day of that hour. Our own text.
func TestSmallHours(t *testing.T) {
	p := wideScopePipeline(t)
	pub := sitrep.NewDay(2016, 5, 1) // a Sunday
	for _, tc := range []struct{ text, want string }{
		{"A 16-year-old was shot outside a club in Toledo, Ohio, on Friday night. Police said someone shot the teen in the hip at about 2:45 a.m. after an argument.", "2016-04-30"},
		{"A 16-year-old was shot outside a club in Toledo, Ohio, on Friday night. Police said someone shot the teen in the hip at about 11:45 p.m. after an argument.", "2016-04-29"},
	} {
		evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
		if len(evs) == 0 {
			t.Fatalf("%q: no event", tc.text)
		}
		if evs[0].EventDate != tc.want {
			t.Errorf("%q\nevent_date %s, want %s", tc.text, evs[0].EventDate, tc.want)
		}
	}
}

// TestShotCounts checks "shot": an act of violence by itself, whose
// counted victims are wounded unless the text says they were killed, and
// whose shooter is not counted. Our own sentences.
func TestShotCounts(t *testing.T) {
	p := mustPipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, tc := range []struct {
		text            string
		killed, injured int
	}{
		{"Five people were shot at a party in Toledo, Ohio, on Saturday night.", 0, 5},
		{"A gunman shot three men outside a bar in Toledo, Ohio, on Saturday.", 0, 3},
		{"Two men were shot and killed in Toledo, Ohio, on Saturday.", 2, 0},
		{"A teenager was shot and killed in Toledo, Ohio, on Saturday.", 1, 0},
		// An age compound is read past to its noun, or is the noun; its
		// number is an age (function word class age_unit).
		{"A 19-year-old man was shot and killed in Toledo, Ohio, on Saturday.", 1, 0},
		{"A 6-month-old was shot and killed in Toledo, Ohio, on Saturday.", 1, 0},
		{"Two 17-year-old boys were shot in Toledo, Ohio, on Saturday.", 0, 2},
		{"A 3 year-old boy was shot and killed in Toledo, Ohio, on Saturday.", 1, 0},
		// A reflexive object is the subject: the boy is the one shot.
		{"A 19-year-old man shot himself in the leg outside a bar in Toledo, Ohio, on Saturday.", 0, 1},
		// A manner adverb between a passive auxiliary and its participle.
		{"A 17-year-old boy was repeatedly shot outside a bar in Toledo, Ohio, on Saturday.", 0, 1},
		// A determiner opens another noun phrase: 911 counts no one.
		{"The 911 caller said a man shot himself outside a bar in Toledo, Ohio, on Saturday.", 0, 1},
		// ... but "of" before it makes a partitive that counts.
		{"Gunmen shot three of the guards outside a bank in Toledo, Ohio, on Saturday.", 0, 3},
		// "erupted" names no disaster by itself: gunfire erupts too.
		{"Gunfire erupted outside a club in Toledo, Ohio, on Saturday, and one person was killed.", 1, 0},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1", len(evs))
			}
			if evs[0].Fatalities != tc.killed || evs[0].Injuries != tc.injured {
				t.Errorf("killed %d injured %d, want %d and %d", evs[0].Fatalities, evs[0].Injuries, tc.killed, tc.injured)
			}
		})
	}
}

// TestGunfireIsNoDisaster checks that a page which also names a disaster
// does not explain a shooting or a strike away, and that a gun fired by accident is a
// shooting in the wide scope (scope.All marks it outside ACLED's scope).
// Our own text.
func TestGunfireIsNoDisaster(t *testing.T) {
	p := mustPipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, text := range []string{
		"A house party in Toledo, Ohio, ended in a shooting on Saturday, leaving one person dead and three wounded.\n\nIn other news, a fire destroyed a warehouse on the east side.",
		// The shot told with the adverb of its result is gunfire too.
		"A farmer fatally shot his neighbour in Tyndall on Friday.\n\nFirefighters arrived to find the blaze had destroyed the farmhouse.",
		// A weapon of war is no disaster either, whatever fire it started.
		"Artillery shells struck a bus depot in Orikhiv on Friday, killing one driver, the governor said.\n\nThe depot burned for hours before firefighters put out the blaze.",
		"A drone strike hit a fuel depot near Sumy on Friday, killing one guard.\n\nThe fire spread to nearby warehouses overnight.",
	} {
		evs := p.Extract(&sitrep.Document{ID: "t", Text: text, Published: pub, PublishedBasis: sitrep.BasisGiven})
		if len(evs) == 0 || evs[0].Fatalities != 1 {
			t.Errorf("%q: got %d events (%+v), want the shooting with one dead", text, len(evs), evs)
		}
	}
}

// TestDatelineCity checks that an event placed only at a state takes the
// town of the dateline inside that state (geo_precision 2). Our own text.
func TestDatelineCity(t *testing.T) {
	p := mustPipeline(t)
	text := "TOLEDO, Ohio (AP) — Gunmen killed two men outside a bar in Ohio on Saturday, police said."
	evs := p.Extract(&sitrep.Document{ID: "t", Text: text, Published: sitrep.NewDay(2016, 5, 3), PublishedBasis: sitrep.BasisGiven})
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if evs[0].Location != "Toledo" || evs[0].GeoPrecision != 2 {
		t.Errorf("location %q precision %d, want Toledo and 2", evs[0].Location, evs[0].GeoPrecision)
	}
}

// TestRunningToll checks that a running toll of a whole conflict is not
// one event's deaths. Our own text.
func TestRunningToll(t *testing.T) {
	p := mustPipeline(t)
	text := "Gunmen killed four villagers in Zamfara state on Sunday. More than 1,600 people have been killed in the state since the violence began in 2011."
	evs := p.Extract(&sitrep.Document{ID: "t", Text: text, Published: sitrep.NewDay(2016, 5, 3), PublishedBasis: sitrep.BasisGiven})
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	for _, e := range evs {
		if e.Fatalities > 4 {
			t.Errorf("%s / %s: fatalities %d, want the day's 4 at most", e.EventType, e.SubEventType, e.Fatalities)
		}
	}
}

// TestDyingSubject checks that a named person before a verb of dying
// ("died", "was found dead"), past an age in apposition, is counted
// killed: the subject of an unaccusative verb undergoes it. A speaker
// before a death is not the one who died. Our own sentences.
func TestDyingSubject(t *testing.T) {
	p := mustPipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, tc := range []struct {
		text   string
		killed int
	}{
		{"Police said Kevin Walsh, 34, died at a hospital after a shooting in Toledo, Ohio, on Saturday.", 1},
		{"Police said Kevin Walsh died at a hospital after a shooting in Toledo, Ohio, on Saturday.", 1},
		{"Police said Kevin Walsh was found dead after a shooting in Toledo, Ohio, on Saturday.", 1},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1", len(evs))
			}
			if evs[0].Fatalities != tc.killed {
				t.Errorf("killed %d, want %d (people %+v)", evs[0].Fatalities, tc.killed, evs[0].People)
			}
		})
	}
}

// TestStorySetting checks where an event that names no place of its own is
// set, and when two tellings are two incidents: a definite "the city"
// refers back to the last town named, not to a country or region named
// since; a capital that speaks ("Moscow denies") stands for its government
// and sets nothing; two strikes, each with its own means and its own dead,
// are two events. Our own text.
func TestStorySetting(t *testing.T) {
	p := mustPipeline(t)
	pub := sitrep.NewDay(2024, 3, 10) // a Sunday
	type ev struct{ location, subType string }
	for _, tc := range []struct {
		name, text string
		want       []ev
	}{
		{"the city after a country",
			"Drones struck a power station in Odesa on Saturday, killing three workers, the governor said. Russia's army has targeted energy sites across Ukraine. Later that day, a missile hit a school in the city, killing two teachers.",
			[]ev{{"Odesa", "Air/drone strike"}, {"Odesa", "Shelling/artillery/missile attack"}}},
		{"a town in its country",
			"Gunmen attacked an army post near Kaya in central Burkina Faso on Saturday, killing nine soldiers, security sources said.",
			[]ev{{"Kaya", "Armed clash"}}},
		{"a town, its country",
			"A roadside bomb killed four police officers in Gao, Mali, on Saturday.",
			[]ev{{"Gao", "Remote explosive/landmine/IED"}}},
		// The lead, not the headline, types the event.
		{"a headline and its lead",
			"Militants kill six in raid on village, police say five attackers dead\n\nMilitants attacked the village of Kaya in Burkina Faso on Friday night, killing six civilians, residents said.",
			[]ev{{"Kaya", "Attack"}}},
		// A headline that names a region, a lead that names the place in
		// it: one event, at the lead's place.
		{"a headline's region and its lead's place",
			"Two soldiers killed in Sahel ambush\n\nGunmen ambushed an army patrol near Kaya in Burkina Faso on Friday, killing two soldiers, the army said.",
			[]ev{{"Kaya", "Armed clash"}}},
		// Weapons recovered "from the site" are the fight's, not a seizure.
		{"weapons recovered at the scene",
			"Troops killed three militants in a gunfight near Kaya, Burkina Faso, on Saturday, the army said.\n\nThe fighting broke out after soldiers surrounded a village. The operation ended in the evening.\n\nPolice said two of the dead militants were from Mali. Rifles and grenades were recovered from the site.",
			[]ev{{"Kaya", "Armed clash"}}},
		{"a capital that speaks",
			"Drones struck a power station in Odesa on Saturday, killing three workers, the governor said.\n\nMoscow denies targeting civilians.\n\nLater that day, a missile hit a school in the city, killing two teachers.",
			[]ev{{"Odesa", "Air/drone strike"}, {"Odesa", "Shelling/artillery/missile attack"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			var got []ev
			for _, e := range evs {
				got = append(got, ev{e.Location, e.SubEventType})
			}
			if len(got) != len(tc.want) {
				t.Fatalf("events %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("event %d: %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}
