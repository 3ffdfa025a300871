package event_test

import (
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/scope"
)

// TestCasualtyModel checks the casualty count of one incident told over
// several sentences (event/counts.go, tally): the killed and the injured
// as ACLED and gun-violence trackers count them, each person once.
// Our own sentences, one or more per construction.
func TestCasualtyModel(t *testing.T) {
	p := mustPipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, tc := range []struct {
		name            string
		text            string
		killed, injured int
	}{
		// Injured who later die move from the injured to the killed.
		{"wounded then died", "Two men were wounded in a shooting outside a bar in Toledo, Ohio, on Saturday. One of them later died at a hospital.", 1, 1},
		{"wounded then died, same sentence", "Two men were wounded in a shooting in Toledo, Ohio, on Saturday; one later died.", 1, 1},
		// A part of a group ("two of the gunmen") is not a part of the
		// counted hurt; "two of the wounded" is.
		{"part of another group killed", "Two officers were wounded when gunmen attacked a police post in Toledo, Ohio, on Saturday. Police killed two of the gunmen.", 2, 2},
		{"part of the wounded died", "Two officers were wounded when gunmen attacked a police post in Toledo, Ohio, on Saturday. Two of the wounded died.", 2, 0},
		{"killed and wounded, a wounded man died", "A man was killed and two women were wounded in a shooting in Toledo, Ohio, on Saturday. One of the wounded women later died.", 2, 1},
		// "Shot" says who was hit, killed or not: the dead told after are among them.
		{"shot then died", "Four people were shot at a party in Toledo, Ohio, on Saturday night. One man died at the scene.", 1, 3},
		{"shot, one fatally", "Two people were shot, one fatally, outside a bar in Toledo, Ohio, on Saturday.", 1, 1},
		{"shot, headline tally", "Three shot, one killed in Toledo, Ohio, bar shooting on Saturday.", 1, 2},
		{"killed and others shot", "Two men were killed and three others were shot outside a bar in Toledo, Ohio, on Saturday.", 2, 3},
		{"a third victim died", "Two people were wounded in a shooting in Toledo, Ohio, on Saturday. A third victim died at the hospital.", 1, 2},
		{"shot and killed", "A woman was shot and killed in her home in Toledo, Ohio, on Saturday.", 1, 0},
		// ACLED counts every death of the event, the perpetrator's too.
		{"the gunman was killed", "A gunman opened fire on a crowd in Toledo, Ohio, on Saturday, wounding four people before police shot and killed him.", 1, 4},
		{"the gunman was killed by police", "A gunman wounded three people outside a bar in Toledo, Ohio, on Saturday. The gunman was killed by police.", 1, 3},
		{"the suspect died", "Two men were wounded in a shooting in Toledo, Ohio, on Saturday. The suspect, who was shot by police, died at a hospital.", 1, 2},
		{"police opened fire, killing", "Police opened fire on two armed men outside a bank in Toledo, Ohio, on Saturday, killing both.", 2, 0},
		{"police opened fire, killing two", "Police opened fire outside a bank in Toledo, Ohio, on Saturday, killing two men.", 2, 0},
		// Counts in words, and people counted by their nouns.
		{"counts in words", "Eleven people were wounded and two were killed when gunmen fired into a crowd in Toledo, Ohio, on Saturday.", 2, 11},
		{"a man and a woman", "A man and a woman were shot outside a bar in Toledo, Ohio, on Saturday.", 0, 2},
		// A single victim said to die by a pronoun or a definite noun.
		{"he died", "A man was shot outside a bar in Toledo, Ohio, on Saturday. He was taken to a hospital, where he died.", 1, 0},
		{"the victim died", "A man was shot outside a bar in Toledo, Ohio, on Saturday. The victim died at a hospital.", 1, 0},
		{"shooting death of", "Police arrested a man on Sunday in the shooting death of a 21-year-old man in Toledo, Ohio.", 1, 0},
		{"fatal shooting of", "A teenager was charged on Sunday in the fatal shooting of a classmate in Toledo, Ohio.", 1, 0},
		// A number that counts no people.
		{"911 call", "Officers answered a 911 call and found two men shot dead in a house in Toledo, Ohio, on Saturday.", 2, 0},
		// "a number of" is coded 10 (ACLED's vague counts), the two dead among them.
		{"shooting a number, killing two", "A gunman opened fire at a party in Toledo, Ohio, on Saturday, shooting a number of people and killing two women.", 2, 8},
		// A word of the fate used as a noun is counted by the number before it.
		{"one dead, nine wounded", "1 dead, 4 wounded in Toledo bar shooting\n\nTOLEDO, Ohio - A shooting outside a bar on Saturday night left four people wounded and one dead, police said.", 1, 4},
		{"two dead", "A shooting at a gas station in Toledo, Ohio, on Saturday left two dead.", 2, 0},
		// An adverb of degree before a vague quantity counts no one.
		{"too many shootings", "Three men were shot outside a bar in Toledo, Ohio, on Saturday. \"We have had too many killings on this street,\" a neighbour said.", 0, 3},
		// A genitive opens the noun phrase of one person: "an officer's son".
		{"killed an officer's son", "A stray bullet killed a police officer's son in Toledo, Ohio, on Saturday.", 1, 0},
		// Headlines drop articles: a bare singular noun of a person
		// counts one, hurt or killed, and a comma lists them.
		{"headline: deputy dies", "Toledo deputy dies in shooting\n\nTOLEDO, Ohio - A shooting at a house in the north of the city on Saturday is under investigation, police said.", 1, 0},
		{"headline: teen shot", "Teen shot outside Toledo club\n\nTOLEDO, Ohio - Police are looking for the gunman after a shooting outside a club on Saturday night.", 0, 1},
		{"headline: woman, girl found dead", "Woman, teen daughter found dead in Toledo home\n\nTOLEDO, Ohio - Police found the bodies after a shooting at a house on Saturday night.", 2, 0},
		{"headline: bare subject of a charge", "Toledo man charged in shooting death of neighbor\n\nTOLEDO, Ohio - Police arrested a man on Sunday after a shooting at a house on Saturday night.", 1, 0},
		// Two nouns under one article count two; "slain" is a verb of killing.
		{"a man and woman", "A man and woman were slain in their home in Toledo, Ohio, on Saturday.", 2, 0},
		{"a male and an aged female", "A 19-year-old male and 20-year-old female were shot outside a bar in Toledo, Ohio, on Saturday.", 0, 2},
		// A negated fate befell no one.
		{"were not hurt", "A man was shot and killed outside a bar in Toledo, Ohio, on Saturday night. His wife and son were not hurt.", 1, 0},
		// A shot at oneself after a killing is the killer's death (GVA and
		// ACLED count the perpetrator's death too).
		{"murder-suicide", "A man shot and killed his wife and then shot himself at their home in Toledo, Ohio, on Saturday night.", 2, 0},
		// Running totals of a year or a city are not the event's.
		{"year tally", "A man was shot and killed in Toledo, Ohio, on Saturday. Police figures for 2015 show 165 people were killed in the city.", 1, 0},
		{"so far this year", "A man was shot and killed in Toledo, Ohio, on Saturday. He was the 40th person killed in the city this year.", 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			if len(evs) == 0 {
				t.Fatalf("no event")
			}
			ev := evs[0]
			if ev.Fatalities != tc.killed || ev.Injuries != tc.injured {
				t.Errorf("%q\nkilled %d injured %d, want %d and %d (%d events)", tc.text, ev.Fatalities, ev.Injuries, tc.killed, tc.injured, len(evs))
			}
		})
	}
}

// TestConsolidate checks that the pieces of one incident told with other
// actors or another type make one event, and that violence in another
// place or on another day stays apart. Our own text.
func TestConsolidate(t *testing.T) {
	p := wideScopePipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, tc := range []struct {
		name, text string
		want       int
	}{
		{"one incident in pieces", "A man was shot and killed outside a bar in Toledo, Ohio, on Saturday night. Officers exchanged gunfire with the suspect, who fled on foot. The victim died at the scene.", 1},
		{"headline and story", "Man killed in Toledo bar shooting\n\nA man was shot and killed outside a bar in Toledo, Ohio, on Saturday night, police said.", 1},
		{"two towns", "A man was shot and killed in Toledo, Ohio, on Saturday. In Dayton, Ohio, two women were wounded in a drive-by shooting on Saturday.", 2},
		{"two days", "A man was shot and killed in Toledo, Ohio, on Saturday. Police clashed with armed men in Toledo on Monday.", 2},
		{"a month before", "A man was shot and killed in Toledo, Ohio, on Saturday. The suspect shot a neighbour in March.", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			n := 0
			for _, ev := range evs {
				if ev.EventType == sitrep.Battles || ev.EventType == sitrep.ViolenceAgainstCivilian {
					n++
				}
			}
			if n != tc.want {
				t.Errorf("%d violent events, want %d", n, tc.want)
				for _, ev := range evs {
					t.Logf("%s %s %s k%d", ev.SubEventType, ev.EventDate, ev.Location, ev.Fatalities)
				}
			}
		})
	}
}

// TestCasualtyPhrases checks further ways the dead are told: a family
// counted by "of", a possessive noun, a reflexive after a verb of
// killing, "shot to death", "dies". Our own sentences.
func TestCasualtyPhrases(t *testing.T) {
	p := mustPipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, tc := range []struct {
		text            string
		killed, injured int
	}{
		{"A family of four was found shot to death in their home in Toledo, Ohio, on Saturday.", 4, 0},
		{"A man shot and killed his 4-year-old son before killing himself in Toledo, Ohio, on Saturday.", 2, 0},
		{"Her husband was shot and killed outside a bar in Toledo, Ohio, on Saturday.", 1, 0},
		{"Three people were shot to death in a house in Toledo, Ohio, on Saturday.", 3, 0},
		{"A man dies after a shooting outside a bar in Toledo, Ohio, on Saturday.", 1, 0},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			if len(evs) == 0 {
				t.Fatal("no event")
			}
			if evs[0].Fatalities != tc.killed || evs[0].Injuries != tc.injured {
				t.Errorf("killed %d injured %d, want %d and %d", evs[0].Fatalities, evs[0].Injuries, tc.killed, tc.injured)
			}
		})
	}
}

// wideScopePipeline is mustPipeline with scope.All: every violent
// incident, as gun-violence trackers need.
func wideScopePipeline(tb testing.TB) *pipeline.Pipeline {
	tb.Helper()
	g, err := embeddedGazetteer()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Gazetteer: g, Scope: scope.All})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestNamedVictims checks the people named in the count: one referred to
// again by surname is one person, and one told as shot who is then said
// to have died is counted once, killed. Our own text.
func TestNamedVictims(t *testing.T) {
	p := mustPipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, tc := range []struct {
		text            string
		killed, injured int
	}{
		{"Police said Kevin Walsh was shot outside a bar in Toledo, Ohio, on Saturday. Walsh died at the scene.", 1, 0},
		{"Police said Kevin Walsh was shot outside a bar in Toledo, Ohio, on Saturday. The victim was pronounced dead at a hospital.", 1, 0},
		{"Police said Kevin Walsh and Mark Cole were wounded and a woman was killed in a shooting outside a bar in Toledo, Ohio, on Saturday.", 1, 2},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			if len(evs) == 0 {
				t.Fatal("no event")
			}
			if evs[0].Fatalities != tc.killed || evs[0].Injuries != tc.injured {
				t.Errorf("killed %d injured %d, want %d and %d (people %+v)", evs[0].Fatalities, evs[0].Injuries, tc.killed, tc.injured, evs[0].People)
			}
		})
	}
}
