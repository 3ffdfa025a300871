package event_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestStoryTown checks that an event placed only at a state or a county
// takes the town of that region the report is about (event/where.go,
// storyTown), and keeps the region when the report is not about one
// town; and that the site's name after a scraped headline places no
// event unless the story names its town too (siteSuffix). Our own text.
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
		{"SiteNameAfterHeadline",
			"Woman wounded in Kenner shooting - WXYZ News 8 Baton Rouge, Louisiana\n\nA woman was wounded on Sunday night, police said. The shooting happened outside a bar.",
			"Kenner"},
		{"SiteNameOfTheStorysTown",
			"Two wounded in shooting at apartments - KXYZ 4 Toledo\n\nTOLEDO, Ohio (KXYZ) - Two men were wounded on Sunday night at an apartment complex, police said.",
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

// TestShootingWords checks the words of a shooting that US local news
// uses besides "shot" and "shooting" (lexicon/data/triggers.tsv): the
// headline's present tense with an object or adverb that makes it a
// shooting, gunfire that strikes someone, shots fired, a gunshot wound;
// and the same words in senses that name no violence. Scope all, as a
// gun-violence tracker reads. Our own sentences.
func TestShootingWords(t *testing.T) {
	p := wideScopePipeline(t)
	pub := sitrep.NewDay(2016, 5, 3)
	for _, tc := range []struct {
		text string
		want bool // a violent event is written
	}{
		{"Teen accidentally shoots himself in hand in Spokane", true},
		{"Woman fatally shoots intruder in Spokane home", true},
		{"Man shoots and kills his neighbour in Spokane", true},
		{"A girl was struck by a stray bullet in Spokane on Sunday night, police said.", true},
		{"A man was struck by gunfire outside a store in Spokane on Sunday.", true},
		{"Three people were hurt after shots were fired into a crowd in Spokane on Sunday.", true},
		{"Shots rang out at a party in Spokane on Sunday night, and two guests were wounded.", true},
		{"A man was found dead with a gunshot wound in a Spokane park on Sunday.", true},
		{"The photographer shoots weddings in Spokane every summer.", false},
		{"Bamboo shoots were served at a dinner in Spokane on Sunday.", false},
		{"The team fired twelve shots on goal in Spokane on Sunday.", false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: pub, PublishedBasis: sitrep.BasisGiven})
			got := false
			for _, ev := range evs {
				if ev.EventType == sitrep.ViolenceAgainstCivilian || ev.EventType == sitrep.Battles {
					got = true
				}
			}
			if got != tc.want {
				t.Errorf("violent event written %v, want %v (%d events)", got, tc.want, len(evs))
			}
		})
	}
}
