package place_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLocalStories runs whole local news stories of our own writing
// (testdata/local) in which every ambiguous name must resolve where the
// story is: a US local paper's "Athens", "Lodi", "Paris", "Naples" or
// "Hamilton" is its own town, not the famous one abroad. Each entry names
// the first-level region every mention of a name must resolve in; "-"
// means the name must not be a place at all.
//
// The classes: a homonym abroad repeated more often than the county and
// towns that place the story (the focus counts names, not mentions:
// athens, lodi2); a phrase around a name ("Athens County") is the same
// name and does not vouch for it (athens); "X Township, New Jersey" puts
// X in New Jersey though X is a city elsewhere, and the bare name takes
// the phrase's sense (hamilton); "Dorchester, Boston police said" makes
// Dorchester a part of Boston, for every mention (dorchester); a
// dateline with its state fixes the name for the story, though a county
// of a million elsewhere shares it (franklin).
func TestLocalStories(t *testing.T) {
	r := resolver(t)
	for _, tc := range []struct {
		file  string
		names map[string]string // mention text -> admin1 of every mention ("-": none)
	}{
		{"athens.txt", map[string]string{"Athens": "Ohio", "Athens County": "Ohio", "Nelsonville": "Ohio"}},
		{"lodi.txt", map[string]string{"Lodi": "California", "Stockton": "California"}},
		{"lodi2.txt", map[string]string{"LODI": "California", "Lodi": "California"}},
		{"paris.txt", map[string]string{"Paris": "Texas", "Lamar County": "Texas"}},
		{"columbia.txt", map[string]string{"Columbia": "South Carolina"}},
		{"naples.txt", map[string]string{"Naples": "Florida", "Immokalee": "Florida"}},
		{"naples2.txt", map[string]string{"Naples": "Florida"}},
		{"smyrna.txt", map[string]string{"SMYRNA": "Tennessee", "Smyrna": "Tennessee"}},
		{"hamilton.txt", map[string]string{"Hamilton Township": "New Jersey", "Hamilton": "New Jersey"}},
		{"dorchester.txt", map[string]string{"Dorchester": "Massachusetts", "Boston": "Massachusetts"}},
		{"franklin.txt", map[string]string{"FRANKLIN": "Louisiana", "Franklin": "Louisiana"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "local", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			got := annotate(t, r, string(b))
			seen := map[string]bool{}
			for _, m := range got {
				want, ok := tc.names[m.Text]
				if !ok {
					continue
				}
				seen[m.Text] = true
				if m.Place.CountryCode != "US" || m.Place.Admin1 != want {
					t.Errorf("%q at %d resolved to %s (%s, %s), want %s, US", m.Text, m.Start, m.Name, m.Place.Admin1, m.Place.CountryCode, want)
				}
			}
			for name, want := range tc.names {
				if !seen[name] && want != "-" {
					t.Errorf("%q not found: %s", name, dump(got))
				}
			}
		})
	}
}

// TestOutOfState checks the wire style's rule for places of other states
// (local.go): in a story whose state is clear, a bare name that resolves
// in another state with nothing else of the story there is the story
// state's homonym, or no place; a name its phrase places, a name near the
// story's places across a state line, a city that stands alone and a
// state named as a qualifier ("Fort Riley, Kan.") are kept. Our own
// sentences.
func TestOutOfState(t *testing.T) {
	r := resolver(t)
	for _, tc := range []struct {
		name, text string
		want       map[string]string // mention text -> admin1 ("-": no place)
	}{
		{"NeighbourhoodOfTheDatelineCity",
			"CHICAGO — Two men were wounded Friday night in Brainerd, police said. A third man was taken to Mount Sinai Hospital, where he died. Chicago police have made no arrest.",
			map[string]string{"CHICAGO": "Illinois", "Brainerd": "-", "Mount Sinai": "-", "Chicago": "Illinois"}},
		{"WordAfterAColonInAStateStory",
			"Police in Houston said a man was shot twice on Monday. Harris County deputies closed the road.\n\nMore: Trial set for a man accused in a Pasadena robbery",
			map[string]string{"Houston": "Texas", "Harris County": "Texas", "Trial": "-", "Pasadena": "Texas"}},
		{"QualifiedPlaceStays",
			"CHICAGO — A man was shot dead on the South Side on Friday. The suspect was arrested in Brainerd, Minnesota, on Monday.",
			map[string]string{"CHICAGO": "Illinois", "Brainerd": "Minnesota", "Minnesota": "Minnesota"}},
		{"AcrossANearbyStateLine",
			"MEMPHIS, Tenn. — A woman was shot in Memphis late Sunday. Police found the car in Southaven hours later.",
			map[string]string{"MEMPHIS": "Tennessee", "Memphis": "Tennessee", "Southaven": "Mississippi"}},
		{"AStateAsAQualifierIsNoHome",
			"A boy was shot in Clarksville on Friday. Clarksville police said the family was visiting from Fort Riley, Kan. The boy died at a Clarksville hospital.",
			map[string]string{"Clarksville": "Tennessee"}},
		{"HomonymInTheStorysState",
			"CHICAGO — Cook County deputies said a man was shot in Homewood on Friday. Chicago police are helping.",
			map[string]string{"CHICAGO": "Illinois", "Cook County": "Illinois", "Homewood": "Illinois", "Chicago": "Illinois"}},
		{"CityThatStandsAlone",
			"BOSTON — A Boston man was shot Friday night. He had moved from Chicago a year before, police said.",
			map[string]string{"BOSTON": "Massachusetts", "Boston": "Massachusetts", "Chicago": "Illinois"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := annotate(t, r, tc.text)
			seen := map[string]bool{}
			for _, m := range got {
				want, ok := tc.want[m.Text]
				if !ok {
					continue
				}
				seen[m.Text] = true
				if want == "-" {
					t.Errorf("%q at %d is a place (%s, %s), want none", m.Text, m.Start, m.Name, m.Place.Admin1)
				} else if m.Place.CountryCode != "US" || m.Place.Admin1 != want {
					t.Errorf("%q at %d resolved to %s (%s, %s), want %s, US", m.Text, m.Start, m.Name, m.Place.Admin1, m.Place.CountryCode, want)
				}
			}
			for name, want := range tc.want {
				if !seen[name] && want != "-" {
					t.Errorf("%q not found: %s", name, dump(got))
				}
			}
		})
	}
}

// TestCountyHomonyms checks that a town's name several places share
// resolves in the county the story names (local.go, countyHomonyms).
// Our own sentences.
func TestCountyHomonyms(t *testing.T) {
	r := resolver(t)
	for _, tc := range []struct {
		text, name, admin2 string
	}{
		{"A man was shot in Clinton Township on Monday, and the Macomb County prosecutor charged a neighbour.", "Clinton Township", "Macomb"},
		{"Clinton Township — A man who shot a neighbour on Monday was charged by the Macomb County prosecutor, Clinton Township police said.", "Clinton Township", "Macomb"},
	} {
		got := annotate(t, r, tc.text)
		found := false
		for _, m := range got {
			if m.Text == tc.name {
				found = true
				if m.Place.Admin2 != tc.admin2 {
					t.Errorf("%q: %q in %s (%s), want county %s", tc.text, tc.name, m.Place.Admin2, m.Place.Admin1, tc.admin2)
				}
			}
		}
		if !found {
			t.Errorf("%q: %q not found: %s", tc.text, tc.name, dump(got))
		}
	}
}
