package place_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// TestStageWordClasses checks each place class of
// lexicon/data/stage_words.tsv on a sentence of our own writing that it
// decides: whether a name is taken for a place. (The class conjunction is
// checked by TestOwnNameConjunction, the class verbal by
// TestCountryAsModifier.)
func TestStageWordClasses(t *testing.T) {
	if _, err := lexicon.WordClasses("place", map[string]uint32{
		"agency_head": 1, "news_head": 2, "outlet_noun": 4, "report_by": 8, "of": 16, "conjunction": 32,
		"cite_before": 64, "according_head": 128, "according_to": 256, "by": 512, "alias_word": 1024, "capital": 2048,
		"arabic_article": 4096, "valley": 8192, "verbal": 16384, "street_plural": 32768, "crossing": 65536, "meridiem": 131072,
		"military_head": 262144, "facility": 524288, "air_prefix": 1048576, "out_of_head": 2097152,
	}); err != nil {
		t.Fatal(err)
	}
	r := resolver(t)
	for _, tc := range []struct {
		class, text, name string
		place             bool
	}{
		{"agency_head", "A reporter for Fars agency said the road was shut.", "Fars", false},
		{"news_head outlet_noun", "Fars News Network said the bridge had reopened.", "Fars", false},
		{"report_by", "Two photos were released by Fars after the blast.", "Fars", false},
		{"of", "A shopkeeper of Lubbock told reporters the shop burned.", "Lubbock", true},
		{"of (no place noun)", "The market of Anadolu is closed.", "Anadolu", false},
		{"cite_before", "A guard told Fars the road was shut.", "Fars", false},
		{"according_head according_to", "The road was shut, according to Fars.", "Fars", false},
		{"by", "Two photos were published by Fars after the blast.", "Fars", false},
		{"alias_word", "The smuggler, nicknamed \"Lubbock\", fled.", "Lubbock", false},
		{"capital", "The Capital of Lubbock said two died.", "Lubbock", true},
		{"valley", "Floods hit the Swat Valley on Monday.", "Swat Valley", true},
		{"street_plural", "Police stopped the car at Lubbock and Walnut streets.", "Lubbock", false},
		{"crossing", "Two men were shot at the corner of Lubbock and Walnut.", "Lubbock", false},
		{"street_plural (none)", "Police stopped the car in Lubbock and Dallas.", "Lubbock", true},
		{"meridiem", "Posted: Tuesday, May 5, 2015 8:18 PM EST\nTwo men were shot in Lubbock.", "EST", false},
		{"meridiem (clock digits)", "The call came at 10:15 EST from Lubbock.", "EST", false},
		{"military_head", "Two crews of the Naval Forces flew to Lubbock.", "Naval", false},
		{"military_head (a place's own institution)", "Two officers of the Lubbock Police flew home.", "Lubbock", true},
		{"facility", "Shells fell near the Lubbock Dam on Monday.", "Lubbock Dam", true},
		{"facility air_prefix", "The crews flew from Lubbock Air Base on Monday.", "Lubbock Air Base", true},
		{"facility (none: a river)", "Boats sank on the Lubbock River on Monday.", "Lubbock", false},
		{"out_of_head", "The militia was driven out of Kobani last year.", "Kobani", true},
		{"out_of_head (none)", "Two of Kobani were there last year.", "Kobani", false},
		{"meridiem (none)", "Troops patrolled the EST region on Monday after the raid near Lubbock.", "Lubbock", true},
	} {
		t.Run(tc.class, func(t *testing.T) {
			got := annotate(t, r, tc.text)
			found := false
			for _, m := range got {
				if m.Text == tc.name {
					found = true
				}
			}
			if found != tc.place {
				t.Errorf("%q taken for a place: %v, want %v: %s", tc.name, found, tc.place, dump(got))
			}
		})
	}
}
