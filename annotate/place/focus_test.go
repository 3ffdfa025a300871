package place_test

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/annotate/place"
)

// TestWeakCapitals checks the classes of capitalised words that are not
// towns: headline words in title case, names of institutions, names
// after an honorific, surnames, and small foreign homonyms in a story
// about one country. Every text is our own.
func TestWeakCapitals(t *testing.T) {
	r := place.New(nil)
	for _, tc := range []struct {
		name, text string
		places     []string // every place mention, in order
	}{
		{"TitleCaseHeadline",
			"Two Hurt As Gunfire Erupts Near Park\n\nTwo men were wounded Friday night in Toledo, Ohio, police said.",
			[]string{"Toledo", "Ohio"}},
		{"HeadlineNameKeptWhenNamedAgain",
			"Gunfire Wounds Two In Toledo\n\nTwo men were wounded Friday night in Toledo, police said.",
			[]string{"Toledo", "Toledo"}},
		{"SiteNameAfterASentenceCaseHeadline",
			"Two wounded in Toledo shooting - WXYZ News 8 Columbus, Ohio\n\nPolice said the men were hit near a bar.",
			[]string{"Toledo", "Columbus", "Ohio"}},
		{"SentenceCaseHeadlineUnchanged",
			"Two wounded in Toledo shooting\n\nPolice said the men were hit near a bar.",
			[]string{"Toledo"}},
		{"SaintNamedHospital",
			"The boy was taken to St. Elmo Hospital in Denver, Colorado, where he died.",
			[]string{"Denver", "Colorado"}},
		{"HonorificThenSurname",
			"Police in Dallas said Mr. Hurst fired first. Officers arrested Hurst at home.",
			[]string{"Dallas"}},
		{"SurnameAfterFirstName",
			"Police in Dallas said Jerome Webb, 31, fired at the car. Officers found Webb hiding in a shed.",
			[]string{"Dallas"}},
		{"SurnameAfterGivenNameOpeningASentence",
			"Kevin Walsh was shot twice outside his home in Fresno. Philip Hammond, a neighbour, called police. Lorraine Ross said she heard four shots.",
			[]string{"Fresno"}},
		{"GivenNameInsideAPlaceName",
			"Charles Town police said two men were shot near Ranson, West Virginia.",
			[]string{"Charles Town", "Ranson", "West Virginia"}},
		{"SmallForeignHomonymInLocalStory",
			"RENO, Nev. (AP) — A man was shot Saturday outside a casino in Reno, Nevada, police said. Officers from Metro arrived within minutes, and the man was taken to a hospital in Sparks.",
			[]string{"RENO", "Nev", "Reno", "Nevada", "Sparks"}},
		{"ForeignTownInStoryNamingItsCountry",
			"Police in Reno, Nevada, said the suspect had flown in from Metro, Indonesia, a week before.",
			[]string{"Reno", "Nevada", "Metro", "Indonesia"}},
		{"SharedNameOutsideTheStorysRegion",
			"PITTSBURGH (AP) — A man was shot in Homewood on Friday night, Pittsburgh police said. The victim was taken to a hospital in Pittsburgh, Pennsylvania.",
			[]string{"PITTSBURGH", "Pittsburgh", "Pittsburgh", "Pennsylvania"}},
		{"TownOfARegionTheStoryNames",
			"LVIV, Ukraine (Wire) - Drones struck a depot in Lviv on Monday, the Lviv governor said. Lviv had not been hit for weeks. In the southern Donetsk region, shelling killed a man in Kostiantynivka, officials said.",
			[]string{"LVIV", "Ukraine", "Lviv", "Lviv", "Lviv", "southern Donetsk region", "Kostiantynivka"}},
		{"CityFollowedByItsRegionStays",
			"Police in Louisville and Lexington, Kentucky, and in Frankfort, Kentucky, said the suspect had lived in Richmond, Virginia.",
			[]string{"Louisville", "Lexington", "Kentucky", "Frankfort", "Kentucky", "Richmond", "Virginia"}},
		{"StrongPlaceInInstitution",
			"He studied at the Chicago Medical School before the war.",
			[]string{"Chicago"}},
		{"CountryBeforeAnAgentIsWhose",
			"U.S. forces and Iraq police entered Mosul on Monday.",
			[]string{"Mosul"}},
		{"CompassPointIsPartOfTheCity",
			"Three men were shot Sunday in Southeast Denver. A fourth was hit on Northwest 12th Avenue, and police closed Maple Street, Southwest.",
			[]string{"Southeast Denver"}},
		{"CompassPointBeforeRegionSuffixIsARegion",
			"Fighters attacked a base in the Northwest province of Cameroon on Monday.",
			[]string{"Northwest province", "Cameroon"}},
		{"BlockOfNamesAStreet",
			"The shooting happened in the 400 block of Lisbon in Fresno, police said, and a second in the 1200 blocks of Berlin.",
			[]string{"Fresno"}},
		{"CapitalisedPrepositionCues",
			"Near Tikrit, two strikes hit a bridge.",
			[]string{"Tikrit"}},
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

// TestCapitalsAndDatelines checks words in capitals: a name spelled in
// capitals inside a line in mixed case is an acronym or a shouted word,
// an abbreviation in capitals is how a region is written, and a name in
// capitals that opens the text before a word in mixed case is a dateline
// even with no dash. Our own sentences.
func TestCapitalsAndDatelines(t *testing.T) {
	r := place.New(nil)
	for _, tc := range []struct {
		name, text string
		places     []string
		dateline   string // the first mention, when it must resolve in this country
	}{
		{"AcronymSpellingATown", "Police in Fresno said a SWAT team entered the house at noon.", []string{"Fresno"}, ""},
		{"ShoutedHeading", "Two men were shot in Fresno.\n\nPREVIOUS STORY: A third man was hurt in Fresno on Friday.", []string{"Fresno", "Fresno"}, ""},
		{"RegionAbbreviationStays", "Flooding closed roads across NSW and in northern B.C. on Monday.", []string{"NSW", "northern B.C."}, ""},
		{"CountryCodeStays", "Ministers flew from the UK to Brussels.", []string{"UK", "Brussels"}, ""},
		{"DatelineWithoutDash", "DETROIT The city council voted on Tuesday to close two fire stations.", []string{"DETROIT"}, "US"},
		{"MixedCaseDatelineWithAgency", "Nairobi (AFP)\nThe ministry said on Monday that two schools would close.", []string{"Nairobi"}, "KE"},
		{"CapitalsBeforeLowerCaseIsNoDateline", "PRIMARY school pupils in Leeds cooked for their parents.", []string{"Leeds"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			ms := annotate(t, r, tc.text)
			for _, m := range ms {
				if !m.Adjective {
					got = append(got, m.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.places, "|") {
				t.Errorf("places %q, want %q", got, tc.places)
			}
			if tc.dateline != "" && (len(ms) == 0 || ms[0].Place.CountryCode != tc.dateline) {
				t.Errorf("dateline: %s, want in %s", dump(ms), tc.dateline)
			}
		})
	}
}

// TestCountryAsModifier checks that a country's short form used as a
// modifier is an adjective (names whose, not where), and that the short
// form as a subject and the full name stay places. Our own sentences.
func TestCountryAsModifier(t *testing.T) {
	r := place.New(nil)
	for _, tc := range []struct {
		text, name string
		adjective  bool
	}{
		{"U.S. officials said the convoy was hit near Mosul.", "U.S.", true},
		{"A US-led coalition struck a bridge near Mosul.", "US", true},
		{"The U.S. Central Command said two strikes hit Mosul.", "U.S.", true},
		{"U.S., French and British ships sailed from Bahrain.", "U.S.", true},
		{"The U.S. said it would send more troops to Iraq.", "U.S.", false},
		{"The envoy flew to the U.S. on Monday.", "U.S.", false},
		{"The United States condemned the attack in Mosul.", "United States", false},
		{"Iraq has asked for two more battalions.", "Iraq", false},
		{"The UK has closed its embassy in Kabul.", "UK", false},
		{"The UK warned its citizens on Monday.", "UK", false},
		// A possessor is a noun phrase; after "the", a verb in -s
		// followed by what a verb governs makes the short name a subject.
		{"The envoy restated the UK's support for Jordan.", "UK", false},
		{"The UK stands by its partners in Jordan.", "UK", false},
		{"The UK continues to fund schools in Jordan.", "UK", false},
		{"The UK firmly rejects the claims made in Amman.", "UK", false},
		{"The U.S. strikes on the depot near Mosul went on.", "U.S.", true},
		{"The U.S. forces to the north of Mosul withdrew.", "U.S.", true},
		{"The frigate joined U.S. Naval Forces in Bahrain.", "U.S.", true},
		// "Arab" is the adjective of the Arab world, not Arab, Alabama.
		{"Arab ministers met in Amman on Sunday.", "Arab", true},
	} {
		t.Run(tc.text, func(t *testing.T) {
			for _, m := range annotate(t, r, tc.text) {
				if m.Text == tc.name {
					if m.Adjective != tc.adjective {
						t.Errorf("%q adjective %v, want %v", tc.name, m.Adjective, tc.adjective)
					}
					return
				}
			}
			t.Errorf("%q not found", tc.name)
		})
	}
}
