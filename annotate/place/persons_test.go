package place_test

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/annotate/place"
)

// TestPeoplesNames checks that a word the story uses as a person's name
// is not taken for the small town that shares it, wherever in the story
// the evidence stands (findPersons), and that a place cue still makes it
// a place. Every text is our own.
func TestPeoplesNames(t *testing.T) {
	r := place.New(nil)
	for _, tc := range []struct {
		name, text string
		places     []string // every place mention, in order
	}{
		{"SurnameBeforeTheFullName",
			"Police in Tulsa said Benson fired twice. Officers later named him as Illya Benson of Tulsa.",
			[]string{"Tulsa", "Tulsa"}},
		{"SurnameAfterAnAge",
			"Two men were shot in Tulsa. Solomon, 20, and Kenney, 16, were taken to a hospital, where Solomon died.",
			[]string{"Tulsa"}},
		{"AgeAfterAFullName",
			"Darnell Saunders, 41, of Tulsa was charged. Saunders told officers he had acted alone.",
			[]string{"Tulsa"}},
		{"TitleBeforeAFullName",
			"The suspect was shot by Deputy Paul Wells in Tulsa. Wells was not hurt.",
			[]string{"Tulsa"}},
		{"GivenNameInApposition",
			"The gunman also shot his father, Alan, in the head before police in Tulsa arrived.",
			[]string{"Tulsa"}},
		{"VictimInApposition",
			"Officers in Tulsa said the victim, Clarence, was found in a car.",
			[]string{"Tulsa"}},
		{"GivenNamesListed",
			"Michael, Connor and Kailey were remembered at a service in Tulsa on Saturday.",
			[]string{"Tulsa"}},
		{"GivenNameWithItsStateIsAPlace",
			"The family moved from Clarence, New York, to Tulsa last year.",
			[]string{"Clarence", "New York", "Tulsa"}},
		{"GivenNameAfterAPrepositionIsAPlace",
			"The men drove from Tulsa to Marion on Sunday.",
			[]string{"Tulsa", "Marion"}},
		{"NameAsPersonStillAPlaceNearBy",
			"Jerome Wells, 31, was arrested near Wells on Friday.",
			[]string{"Wells"}},
		{"MajorPlaceStaysAPlace",
			"Lt. Washington said the two men had flown to Washington.",
			[]string{"Washington"}},
		{"GivenNameOfALargeCounty",
			"Deputies said Scott and Nicole Harlan were found at their home in Tulsa. Scott had called for help.",
			[]string{"Tulsa"}},
		{"StrongCityAsGivenNameAlone",
			"Police in Charlotte said the store was robbed twice.",
			[]string{"Charlotte"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range annotate(t, r, tc.text) {
				if !m.Adjective {
					got = append(got, m.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.places, "|") {
				t.Errorf("places %q, want %q", got, tc.places)
			}
		})
	}
}

// TestSaintInstitution checks that a saint's name before an institution
// word names the institution's patron, not a place, while a city's own
// name before one still names the city. Our own sentences.
func TestSaintInstitution(t *testing.T) {
	r := place.New(nil)
	for _, tc := range []struct {
		name, text string
		places     []string
	}{
		{"PatronSaintOfAHospital", "The two men were taken to St. Vincent Hospital in Dayton.", []string{"Dayton"}},
		{"PatronSaintOfASchool", "Pupils of St. Lucia School in Tulsa were sent home.", []string{"Tulsa"}},
		{"CityOwnNameBeforeItsPolice", "Officers of the St. Paul Police arrested him.", []string{"St. Paul"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range annotate(t, r, tc.text) {
				if !m.Adjective {
					got = append(got, m.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.places, "|") {
				t.Errorf("places %q, want %q", got, tc.places)
			}
		})
	}
}
