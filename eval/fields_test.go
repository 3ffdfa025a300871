package eval

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mazar-e Sharif", "mazar e sharif"},
		{"  MAZAR  e--SHARIF ", "mazar e sharif"},
		{"Jowzjān", "jowzjan"},
		{"Military Forces of Afghanistan (2021-)", "military forces of afghanistan 2021"},
		{"", ""},
		{"\xff\xfe", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := fold(tc.in); got != tc.want {
				t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func scorer(name string) fieldScorer {
	for _, f := range fieldScorers {
		if f.name == name {
			return f
		}
	}
	panic("no scorer " + name)
}

func TestFieldScorers(t *testing.T) {
	tests := []struct {
		name       string
		field      string
		gold       GoldEvent
		got        sitrep.Event
		ok, scored bool
	}{
		{"NotGiven", "actor1", GoldEvent{}, sitrep.Event{Actor1: "Taliban"}, false, false},
		{"ListAnyValue", "actor1", GoldEvent{Actor1: []string{"Taliban", "Military Forces of Afghanistan (2021-)"}}, sitrep.Event{Actor1: "military forces of afghanistan (2021-)"}, true, true},
		{"ListWrong", "actor1", GoldEvent{Actor1: []string{"Taliban"}}, sitrep.Event{Actor1: "Islamic State"}, false, true},
		{"EmptyAllowed", "actor2", GoldEvent{Actor2: []string{"ISIS", ""}}, sitrep.Event{}, true, true},
		{"EmptyNotAllowed", "actor2", GoldEvent{Actor2: []string{"ISIS"}}, sitrep.Event{}, false, true},
		{"Diacritics", "admin1", GoldEvent{Admin1: []string{"Jowzjān"}}, sitrep.Event{Admin1: "Jowzjan"}, true, true},
		{"DateInRange", "event_date", GoldEvent{EventDate: []DateRange{{"2023-03-01", "2023-03-27"}}}, sitrep.Event{EventDate: "2023-03-27"}, true, true},
		{"DateOutOfRange", "event_date", GoldEvent{EventDate: []DateRange{{"2023-03-01", "2023-03-27"}}}, sitrep.Event{EventDate: "2023-02-28"}, false, true},
		{"DateGarbage", "event_date", GoldEvent{EventDate: day("2023-03-18")}, sitrep.Event{EventDate: "18 March"}, false, true},
		{"PrecisionList", "time_precision", GoldEvent{TimePrecision: []int{2, 3}}, sitrep.Event{TimePrecision: 3}, true, true},
		{"PrecisionWrong", "time_precision", GoldEvent{TimePrecision: []int{1}}, sitrep.Event{TimePrecision: 2}, false, true},
		{"FatalitiesZero", "fatalities", GoldEvent{Fatalities: []int{0}}, sitrep.Event{}, true, true},
		{"VerificationList", "verification", GoldEvent{Verification: []string{"claimed", "unconfirmed"}}, sitrep.Event{Verification: "unconfirmed"}, true, true},
		{"LocationWithin", "location", GoldEvent{Location: at(36.709, 67.111, 40)}, sitrep.Event{Latitude: fp(36.9), Longitude: fp(67.0)}, true, true},
		{"LocationOutside", "location", GoldEvent{Location: at(36.709, 67.111, 10)}, sitrep.Event{Latitude: fp(36.9), Longitude: fp(67.0)}, false, true},
		{"LocationNameOnly", "location", GoldEvent{Location: &GoldLocation{Names: []string{"Butkhak", "Kabul"}}}, sitrep.Event{Location: "Kabul", Latitude: fp(0), Longitude: fp(0)}, true, true},
		{
			"PeopleRight", "people",
			GoldEvent{People: []GoldPerson{
				{Name: "Mawlawi Ziauddin", Fate: []string{"killed"}, Affiliation: []string{"IS"}},
				{Name: "Asad Laghmani", Aliases: []string{"Qais"}, Fate: []string{"killed"}, Affiliation: []string{"IS"}},
			}},
			sitrep.Event{People: []sitrep.Person{
				{Name: "Qais", Fate: "killed", Affiliation: "Islamic State (Afghanistan)"},
				{Name: "Ziauddin", Fate: "killed", Affiliation: "ISKP"},
			}},
			true, true,
		},
		{
			"PeopleWrongFate", "people",
			GoldEvent{People: []GoldPerson{{Name: "Abu Omar Afridi", Fate: []string{"killed"}}}},
			sitrep.Event{People: []sitrep.Person{{Name: "Abu Omar Afridi", Fate: "arrested"}}},
			false, true,
		},
		{
			"PeopleMissing", "people",
			GoldEvent{People: []GoldPerson{{Name: "Abu Omar Afridi"}, {Name: "Salman Tajikistani"}}},
			sitrep.Event{People: []sitrep.Person{{Name: "Abu Omar Afridi"}}},
			false, true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, scored := scorer(tc.field).score(&tc.gold, &tc.got)
			if ok != tc.ok || scored != tc.scored {
				t.Errorf("score = (%v, %v), want (%v, %v)", ok, scored, tc.ok, tc.scored)
			}
		})
	}
}

func TestSameAffiliation(t *testing.T) {
	tests := []struct {
		want []string
		got  string
		ok   bool
	}{
		{[]string{"IS"}, "Islamic State (Afghanistan)", true},
		{[]string{"IS"}, "Islamic State Khorasan Province", true},
		{[]string{"IS"}, "Daesh", true},
		{[]string{"IS"}, "is", true},
		{[]string{"IS"}, "Taliban", false},
		{[]string{"Taliban"}, "Military Forces of Afghanistan (2021-)", true},
		{[]string{"IS"}, "", false},
		{[]string{"Some Local Militia"}, "Some Local Militia (Nigeria)", true},
		{[]string{"Some Local Militia"}, "Another Militia", false},
	}
	for _, tc := range tests {
		t.Run(tc.want[0]+"/"+tc.got, func(t *testing.T) {
			if ok := sameAffiliation(tc.want, tc.got); ok != tc.ok {
				t.Errorf("sameAffiliation(%q, %q) = %v, want %v", tc.want, tc.got, ok, tc.ok)
			}
		})
	}
}

func TestSamePerson(t *testing.T) {
	tests := []struct {
		gold GoldPerson
		got  sitrep.Person
		ok   bool
	}{
		{GoldPerson{Name: "Ustad Salman Tajikistani"}, sitrep.Person{Name: "Salman Tajikistani"}, true},
		{GoldPerson{Name: "Salman Tajikistani"}, sitrep.Person{Name: "ustad salman tajikistani"}, true},
		{GoldPerson{Name: "Asad Laghmani", Aliases: []string{"Qais"}}, sitrep.Person{Name: "Someone", Aliases: []string{"Qais"}}, true},
		{GoldPerson{Name: "Mawlawi Ziauddin"}, sitrep.Person{Name: "Mawlawi"}, false},
		{GoldPerson{Name: "Abu Omar Afridi"}, sitrep.Person{Name: "Abu Omar"}, false},
		{GoldPerson{Name: "Zabihullah Mujahid"}, sitrep.Person{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.gold.Name+"/"+tc.got.Name, func(t *testing.T) {
			if ok := samePerson(tc.gold, tc.got); ok != tc.ok {
				t.Errorf("samePerson = %v, want %v", ok, tc.ok)
			}
		})
	}
}
