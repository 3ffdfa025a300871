package person_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func TestFinder_Find(t *testing.T) {
	f, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ name, role, alias string }
	for _, tc := range []struct {
		name, text string
		want       []want
	}{
		{"honorific kept", "Mawlawi Ziauddin, the group's deputy leader, was killed.", []want{{"Mawlawi Ziauddin", "the group's deputy leader", ""}}},
		{"kunya", "Abu Omar Afridi, a member of the cell, was arrested.", []want{{"Abu Omar Afridi", "a member of the cell", ""}}},
		{"office before", "Provincial spokesman Qari Yousuf Ahmadi said five died.", []want{{"Qari Yousuf Ahmadi", "Provincial spokesman", ""}}},
		{"alias", "The raid killed Asad Laghmani, known as ‘Qais’, a commander.", []want{{"Asad Laghmani", "a commander", "Qais"}}},
		{"rank is no name", "Gen. Tadin Khan Achakzai confirmed the toll.", []want{{"Tadin Khan Achakzai", "Gen.", ""}}},
		{"place noun after", "Police raided a house in Sakhi Abad village on Sunday.", nil},
		{"headline", "Taliban Claims Killing Three Important Members In Raid", nil},
		{"surname later", "The envoy Helen Marsh visited the camp. Marsh said the tents were full.", []want{{"Helen Marsh", "", ""}, {"Marsh", "", ""}}},
		{"place after a locative", "The convoy stopped in Tal Hamis before dawn.", nil},
		{"one word alone is no name", "Marsh said the tents were full.", nil},
		{"unit is no person", "Soldiers of the Field Artillery Regiment and the Air Refueling Wing arrived.", nil},
		{"capitalised preposition", "Near Tal Hamis, the convoy stopped.", nil},
		// Titles of several words, and a modifier that opens one.
		{"title of words", "Deputy Secretary of State Laila Farrow will fly to Oslo.", []want{{"Laila Farrow", "Deputy Secretary of State", ""}}},
		{"title alone is no name", "The Deputy Secretary of State will fly to Oslo.", nil},
		// The Arabic article joins the name, glued or with the hyphen set apart.
		{"arabic article", "The council was chaired by Samir al-Haddadi until 2010.", []want{{"Samir al-Haddadi", "", ""}}},
		{"arabic article apart", "Officials met Samir al- Haddadi on Tuesday.", []want{{"Samir al- Haddadi", "", ""}}},
		// Commas around a name with lower-case verbs: a sentence, not a title.
		{"sentence not title case", "Foreign Office Minister, Rana Qasim, said:", []want{{"Rana Qasim", "", ""}}},
		{"title case", "Rana Qasim Visits Camp After Floods", nil},
		{"file names are no prose", "Photos: Rana_Qasim_31.jpg Families Return To Camp After Floods", nil},
		// Quotative inversion names the speaker.
		{"quotative inversion", "“We held the bridge,” said Marsh.", []want{{"Marsh", "", ""}}},
		{"no inversion without a quotation", "The bridge was held, officials said Marsh Road was shut.", nil},
		// Enlisted ranks are titles, and their abbreviations end no sentence.
		{"enlisted rank", "“The range was quiet,” said Spc. Dana Whitfield, a gunner.", []want{{"Dana Whitfield", "Spc.", ""}}},
		{"rank of words", "Petty Officer Dana Whitfield was hurt.", []want{{"Dana Whitfield", "Petty Officer", ""}}},
		// A run that ends in a common noun names a thing, unless a
		// title, role or reporting verb makes it a person's.
		{"thing", "Donors gave to the Reconstruction Trust Fund last year.", nil},
		{"thing named by a title", "The pledge came from Director Amal Price.", []want{{"Amal Price", "Director", ""}}},
		{"thing that speaks", "Amal Price said the fund was empty.", []want{{"Amal Price", "", ""}}},
		// A sentence's first word is capitalised whatever it is.
		{"sentence opener", "Later Tomas Varek spoke on television.", []want{{"Tomas Varek", "", ""}}},
		// A classifier before or at the front of a name.
		{"classifier before", "Troops joined Exercise Silver Falcon in May.", nil},
		{"classifier at the front", "Families fled to Mount Qandil overnight.", nil},
		{"a saint names a place", "He was treated at St. Brendan's Hospital.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, toks := segment.Split(tc.text, sitrep.Span{})
			ms := f.Find(tc.text, toks, 0, len(toks), func(int) bool { return false })
			var got []want
			for _, m := range ms {
				w := want{name: m.Name, role: m.Role}
				if len(m.Aliases) > 0 {
					w.alias = m.Aliases[0]
				}
				got = append(got, w)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestAppendFindKnown checks that keeping the surnames of a document in a
// map finds what scanning the earlier mentions finds, sentence by
// sentence: "Mariam Haddad ... Haddad said" (our own sentences).
func TestAppendFindKnown(t *testing.T) {
	f, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	text := "Mariam Haddad arrived in the city on Monday. Officials met her at the airport. Haddad said the talks would go on. Karimi did not comment."
	sents, toks := segment.Split(text, sitrep.Span{})
	none := func(int) bool { return false }
	var scanned, kept []person.Mention
	known := person.Surnames{}
	for _, s := range sents {
		scanned = f.AppendFind(scanned, text, toks, s.First, s.Last, none)
		kept = f.AppendFindKnown(kept, text, toks, s.First, s.Last, none, known)
	}
	var names []string
	for _, m := range kept {
		names = append(names, m.Name)
	}
	if !reflect.DeepEqual(scanned, kept) || len(kept) != 2 || !known["Haddad"] {
		t.Errorf("kept %q (%d), scanned %d, known %v", names, len(kept), len(scanned), known)
	}
}

// TestRulers checks that the name a regime is called by is a person's,
// later named alone (our own sentences).
func TestRulers(t *testing.T) {
	f, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"possessive", "Crowds fled Varek's regime. On Monday Varek spoke on television.", []string{"Varek", "Varek"}},
		{"attributive", "Aid was blocked by the Varek regime. On Monday Varek spoke on television.", []string{"Varek", "Varek"}},
		{"after a capitalised word, a full name", "Crowds fled Tomas Varek's regime.", []string{"Tomas Varek"}},
		{"no regime, no ruler", "On Monday Varek spoke on television.", nil},
		{"a group's regime is no ruler", "Aid was blocked by the Taliban regime. On Monday Taliban spoke.", nil},
		{"an adjective is no ruler", "The Baathist regime fell. On Monday Baathist spoke.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sents, toks := segment.Split(tc.text, sitrep.Span{})
			none := func(int) bool { return false }
			known := person.Surnames{}
			f.Rulers(tc.text, toks, none, known)
			var ms []person.Mention
			for _, s := range sents {
				ms = f.AppendFindKnown(ms, tc.text, toks, s.First, s.Last, none, known)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDocumentLowerCase checks that a noun the document writes in lower
// case ends no person's name: one sense per discourse (our own text).
func TestDocumentLowerCase(t *testing.T) {
	f, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	text := "Water rose behind the Qaryat Weir. Engineers said the weir would hold."
	sents, toks := segment.Split(text, sitrep.Span{})
	none := func(int) bool { return false }
	d := f.NewDocument(text, toks, none)
	var ms []person.Mention
	for _, s := range sents {
		ms = f.AppendFindDoc(ms, text, toks, s.First, s.Last, none, d)
	}
	if len(ms) != 0 {
		t.Errorf("found %+v, want none", ms)
	}
	// Without the second sentence, "Weir" could be a surname.
	text = "Water rose behind the Qaryat Weir."
	sents, toks = segment.Split(text, sitrep.Span{})
	d = f.NewDocument(text, toks, none)
	ms = f.AppendFindDoc(nil, text, toks, sents[0].First, sents[0].Last, none, d)
	if len(ms) != 1 {
		t.Errorf("found %+v, want Qaryat Weir", ms)
	}
}
