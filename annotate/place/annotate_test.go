package place_test

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func annotate(tb testing.TB, r *place.Resolver, text string) []place.Mention {
	tb.Helper()
	sents, toks := segment.Split(text, sitrep.Span{})
	return r.Annotate(text, sents, toks)
}

// want is one expected mention: the phrase, the name to print, the admin1
// and country code, the precision, and the point (within 25 km).
type want struct {
	text, name, admin1, cc string
	prec                   int
	lat, lon               float64
}

func TestAnnotate(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
		not  []string // phrases that must not be places
	}{
		{
			name: "NumberedDistrictsOfBalkh",
			text: "The directorate said the men were killed in the 5th, 8th and 10th districts of Balkh province following the operations.",
			want: []want{{"the 5th, 8th and 10th districts of Balkh province", "Mazar-e Sharif", "Balkh", "AF", 2, 36.709, 67.111}},
		},
		{
			name: "ProvinceOnly",
			text: "In a series of operations in Faryab Province, all members of the cell were arrested.",
			want: []want{{"Faryab Province", "Faryab", "Faryab", "AF", 3, 35.921, 64.784}},
		},
		{
			name: "NorthernProvince",
			text: "Clashes were reported in northern Faryab province on Monday.",
			want: []want{{"northern Faryab province", "Faryab", "Faryab", "AF", 3, 35.921, 64.784}},
		},
		{
			name: "PoliceDistrictOfKabulCity",
			text: "Security forces raided a hideout in PD 12 of Kabul city, killing a commander.",
			want: []want{{"PD 12 of Kabul city", "Kabul", "Kabul", "AF", 2, 34.528, 69.172}},
		},
		{
			name: "Kabul",
			text: "The detainees had also carried out attacks in Faryab and Kabul.",
			want: []want{{"Faryab", "Faryab", "Faryab", "AF", 3, 35.921, 64.784}, {"Kabul", "Kabul", "Kabul", "AF", 1, 34.528, 69.172}},
		},
		{
			name: "MazarHyphenated",
			text: "Taliban spokesman Zabihullah Mujahid reported an attack on three hideouts in Mazar-e-Sharif on March 18.",
			want: []want{{"Mazar-e-Sharif", "Mazar-e Sharif", "Balkh", "AF", 1, 36.709, 67.111}},
			not:  []string{"March", "Zabihullah", "Mujahid"},
		},
		{
			name: "MazarVariants",
			text: "Fighting in Mazar-i-Sharif spread to Mazari Sharif's outskirts.",
			want: []want{{"Mazar-i-Sharif", "Mazar-e Sharif", "Balkh", "AF", 1, 36.709, 67.111}, {"Mazari Sharif", "Mazar-e Sharif", "Balkh", "AF", 1, 36.709, 67.111}},
		},
		{
			name: "CapitalOfJawzjan",
			text: "Forces discovered a weapon cache in Shiberghan, the capital of Afghanistan's northern Jawzjan province, the police chief said.",
			want: []want{
				{"Shiberghan", "Shibirghan", "Jowzjan", "AF", 1, 36.668, 65.752},
				{"Afghanistan", "Afghanistan", "", "AF", 3, 33, 65.5},
				{"northern Jawzjan province", "Jowzjan", "Jowzjan", "AF", 3, 36.668, 65.752},
			},
		},
		{
			name: "UnknownVillageOfShiberghan",
			text: "The security forces raided a house in Sakhi Abad village of Shiberghan and discovered arms.",
			want: []want{{"Sakhi Abad village of Shiberghan", "Shibirghan", "Jowzjan", "AF", 2, 36.668, 65.752}},
		},
		{
			name: "JawzjanSpellings",
			text: "Jowzjan and Jozjan are spellings of Jawzjan.",
			want: []want{{"Jowzjan", "Jowzjan", "Jowzjan", "AF", 3, 36.668, 65.752}, {"Jozjan", "Jowzjan", "Jowzjan", "AF", 3, 36.668, 65.752}, {"Jawzjan", "Jowzjan", "Jowzjan", "AF", 3, 36.668, 65.752}},
		},
		{
			name: "Near",
			text: "A bomb exploded near Kandahar on Tuesday.",
			want: []want{{"Kandahar", "Kandahar", "Kandahar", "AF", 2, 31.61, 65.71}},
		},
		{
			name: "MosulDam",
			// A dam is named after the place it stands by: near it
			// (precision 2), not the place itself, nor another feature.
			text: "Engineers warned that Mosul Dam could fail, flooding Mosul.",
			want: []want{{"Mosul", "Mosul", "Nineveh", "IQ", 1, 36.335, 43.119}, {"Mosul Dam", "Mosul", "Nineveh", "IQ", 2, 36.335, 43.119}},
		},
		{
			// The Arabic article in lower case with a hyphen is part
			// of the name ("al-Hilla" is Al Hillah, "ar-Raqqah").
			name: "ArabicArticleLowerCase",
			text: "A car bomb exploded at a market in al-Hilla, and shells fell on ar-Raqqah.",
			want: []want{{"al-Hilla", "Al Hillah", "Babil", "IQ", 1, 32.464, 44.420}, {"ar-Raqqah", "Ar Raqqah", "Raqqa", "SY", 1, 35.953, 39.008}},
		},
		{
			// A world region's adjective that opens a described name
			// is a word of the name ("Arab" also names the Arab world).
			name: "RegionAdjectiveInVillageName",
			text: "Clashes hit Arab Khana village of Shiberghan on Monday.",
			want: []want{{"Arab Khana village of Shiberghan", "Shibirghan", "Jowzjan", "AF", 2, 36.668, 65.753}},
			not:  []string{"Arab"},
		},
		{
			// The Arabic article inside a name, in lower case ("Salah
			// ad Din", "Dayr az Zawr"), is a word of the name.
			name: "ArabicArticleInsideName",
			text: "Clashes spread across northern Salah ad Din province and into Dayr az Zawr.",
			want: []want{{"northern Salah ad Din province", "Salah ad Din", "Salah ad Din", "IQ", 3, 34.616, 43.679}, {"Dayr az Zawr", "Deir ez-Zor", "Deir ez-Zor", "SY", 1, 35.336, 40.141}},
		},
		{
			// A name with the Arabic article in lower case is a word of
			// the capitalised run it stands in: a group's name, not a
			// place ("al-Mansurah" of a brigade is not Mansoura).
			name: "ArabicArticleInGroupName",
			text: "Fighters of Liwa al-Mansurah and Saray al-Jihad Group met in Mosul.",
			want: []want{{"Mosul", "Mosul", "Nineveh", "IQ", 1, 36.335, 43.119}},
			not:  []string{"al-Mansurah", "Mansurah", "Saray"},
		},
		{
			// A name the gazetteer lacks, written before a city with a
			// comma after a preposition of place, is a part of the city.
			name: "NeighbourhoodCommaCity",
			text: "A car bomb killed nine people in Zayouna, Baghdad on Sunday.",
			want: []want{{"Zayouna, Baghdad", "Baghdad", "Baghdad", "IQ", 2, 33.341, 44.401}},
		},
		{
			// A colon may open a sentence: a common word capitalised
			// after it is no place ("Will" is a county of Illinois),
			// and the document is then about France, not Illinois.
			name: "ColonOpensSentence",
			text: "Question: Will the delegates meet in Paris again?",
			want: []want{{"Paris", "Paris", "Ile-de-France", "FR", 1, 48.853, 2.349}},
			not:  []string{"Will"},
		},
		{
			// A ship's prefix: the name after it is the ship's.
			name: "ShipName",
			text: "The crew of HMS Ocean sailed from Bahrain on Monday.",
			want: []want{{"Bahrain", "Bahrain", "", "BH", 3, 26.228, 50.586}},
			not:  []string{"Ocean"},
		},
		{
			// "Brig. Gen.": a compound rank, not the Swiss town Brig.
			name: "RankAbbreviation",
			text: "Brig. Gen. Amal Haddad told reporters in Amman that the patrol returned.",
			want: []want{{"Amman", "Amman", "Amman", "JO", 1, 31.955, 35.945}},
			not:  []string{"Brig.", "Brig"},
		},
		{
			// A common English word before a military body's head noun
			// is a word of the body's name.
			name: "MilitaryBodyName",
			text: "Crews of the Air Force and the Naval Forces flew from Amman.",
			want: []want{{"Amman", "Amman", "Amman", "JO", 1, 31.955, 35.945}},
			not:  []string{"Air", "Naval"},
		},
		{
			// A town's name opening a sentence is the town when the
			// document names it elsewhere where its capital tells.
			name: "SentenceStartOneSense",
			text: "Shells fell near Sinjar on Monday. Sinjar has been quiet since.",
			want: []want{{"Sinjar", "Sinjar", "Nineveh", "IQ", 1, 36.321, 41.877}},
		},
		{
			name: "DemonymIsAdjective",
			text: "Afghan officials met Turkish envoys in Ankara.",
			want: []want{{"Afghan", "Afghanistan", "", "AF", 3, 33, 65.5}, {"Turkish", "Turkey", "", "TR", 3, 39, 35}, {"Ankara", "Ankara", "Ankara", "TR", 1, 39.92, 32.85}},
		},
		{
			name: "PersonsAndWords",
			text: "Said Ahmad told Police that President Paris Hilton and Gen. Jordan arrived in May.",
			not:  []string{"Said", "Police", "Paris", "Jordan", "May"},
		},
		{
			name: "ContextPicksHomonym",
			text: "Flooding hit Texas on Sunday. In Paris, Texas, residents were evacuated to Dallas.",
			want: []want{{"Texas", "Texas", "Texas", "US", 3, 31.1, -99.6}, {"Paris", "Paris", "Texas", "US", 1, 33.66, -95.56}},
		},
		{
			name: "StateAbbreviation",
			text: "EDMONTON, Ky. — A fire destroyed a barn in Metcalfe County.",
			want: []want{{"EDMONTON", "Edmonton", "Kentucky", "US", 1, 36.98, -85.61}},
		},
	}
	r := resolver(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := annotate(t, r, tc.text)
			for _, w := range tc.want {
				var m *place.Mention
				for k := range got {
					if got[k].Text == w.text {
						m = &got[k]
					}
				}
				if m == nil {
					t.Errorf("%q: not found in %s", w.text, dump(got))
					continue
				}
				if tc.text[m.Start:m.End] != m.Text {
					t.Errorf("%q: offsets %d-%d point at %q", w.text, m.Start, m.End, tc.text[m.Start:m.End])
				}
				if m.Name != w.name || m.Place.Admin1 != w.admin1 || m.Place.CountryCode != w.cc || m.Precision != w.prec {
					t.Errorf("%q: got %s (%s, %s) precision %d; want %s (%s, %s) precision %d", w.text, m.Name, m.Place.Admin1, m.Place.CountryCode, m.Precision, w.name, w.admin1, w.cc, w.prec)
				}
				if d := place.DistanceKm(m.Place.Lat, m.Place.Lon, w.lat, w.lon); d > 25 {
					t.Errorf("%q: point %.3f,%.3f is %.0f km from %.3f,%.3f", w.text, m.Place.Lat, m.Place.Lon, d, w.lat, w.lon)
				}
			}
			for _, n := range tc.not {
				for _, m := range got {
					if m.Text == n {
						t.Errorf("%q taken for a place: %s", n, dump(got))
					}
				}
			}
		})
	}
}

func dump(ms []place.Mention) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("[" + m.Text + " -> " + m.Name + " " + m.Place.FeatureCode + " " + m.Place.CountryCode + "] ")
	}
	return b.String()
}
