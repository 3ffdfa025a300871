package ledger

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func fp(f float64) *float64 { return &f }

// base is a raid in Mazar-e Sharif on 26 March 2023; the cases change
// one thing at a time.
func base() sitrep.Event {
	return sitrep.Event{
		Source: "a", EventID: "a1", EventDate: "2023-03-26", DateFrom: "2023-03-26", TimePrecision: 1,
		EventType: sitrep.Battles, SubEventType: "Armed clash",
		Actor1: "Military Forces of Afghanistan (2021-)", Actor2: "Islamic State (Afghanistan)",
		Country: "Afghanistan", Admin1: "Balkh", Admin2: "Mazar-e Sharif", Location: "Mazar-e Sharif",
		Latitude: fp(36.709), Longitude: fp(67.110), GeoPrecision: 1, GeonameID: 1133616,
		Fatalities: 3, People: []sitrep.Person{{Name: "Mawlawi Ziauddin", Fate: sitrep.FateKilled}},
	}
}

func TestScore(t *testing.T) {
	o := DefaultOptions()
	cases := []struct {
		name string
		edit func(*sitrep.Event)
		ok   bool
		gate string
	}{
		{"same telling", func(e *sitrep.Event) {}, true, ""},
		{"police named for the army", func(e *sitrep.Event) { e.Actor1 = "Police Forces of Afghanistan (2021-)" }, true, ""},
		{"same document", func(e *sitrep.Event) { e.Source = "a" }, false, "same document"},
		{"a day later, told as an attack", func(e *sitrep.Event) {
			e.EventDate, e.DateFrom, e.EventType, e.SubEventType = "2023-03-27", "2023-03-27", sitrep.ViolenceAgainstCivilian, "Attack"
		}, true, ""},
		{"a week later", func(e *sitrep.Event) { e.EventDate, e.DateFrom = "2023-04-02", "2023-04-02" }, false, "date: 2023-03-26 vs 2023-04-02"},
		{"a protest", func(e *sitrep.Event) { e.EventType, e.SubEventType = sitrep.Protests, "Peaceful protest" }, false, "type: Armed clash vs Peaceful protest"},
		{"another province", func(e *sitrep.Event) { e.Admin1 = "Faryab" }, false, "place: Balkh vs Faryab"},
		{"another country", func(e *sitrep.Event) { e.Country = "Pakistan" }, false, "place: Afghanistan vs Pakistan"},
		{"town 100 km away", func(e *sitrep.Event) {
			e.GeonameID, e.Admin2, e.Latitude, e.Longitude = 1, "Sholgara", fp(36.0), fp(66.5)
		}, false, "place: 95.9 km apart"},
		{"the province only, same dead", func(e *sitrep.Event) {
			e.GeonameID, e.Admin2, e.GeoPrecision, e.Location = 0, "", 3, "Balkh"
		}, true, ""},
		{"the province only, other dead, other actors", func(e *sitrep.Event) {
			e.GeonameID, e.Admin2, e.GeoPrecision, e.Location = 0, "", 3, "Balkh"
			e.Actor1, e.Actor2 = "Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)"
			e.People = []sitrep.Person{{Name: "Gul Ahmad", Fate: sitrep.FateKilled}}
			e.EventType, e.SubEventType = sitrep.ExplosionsRemote, "Remote explosive/landmine/IED"
		}, false, ""},
		{"no date", func(e *sitrep.Event) { e.EventDate = "" }, false, "date: unknown"},
		{"no country", func(e *sitrep.Event) { e.Country = "" }, false, "place: no country"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := base(), base()
			b.Source, b.EventID = "b", "b1"
			tc.edit(&b)
			m := Score(&a, &b, o)
			if m.OK != tc.ok || m.Gate != tc.gate {
				t.Errorf("ok %v gate %q score %.2f %+v; want ok %v gate %q", m.OK, m.Gate, m.Score, m.Features, tc.ok, tc.gate)
			}
			// Symmetric.
			if r := Score(&b, &a, o); r.OK != m.OK || r.Score != m.Score {
				t.Errorf("not symmetric: %v %.3f vs %v %.3f", m.OK, m.Score, r.OK, r.Score)
			}
			// Whatever Score could join shares a block.
			if m.Gate == "" {
				_, qa := Blocks(&a)
				ib, _ := Blocks(&b)
				if !shares(qa, ib) {
					t.Errorf("comparable pair shares no block: %v %v", qa, ib)
				}
			}
		})
	}
}

func shares(a, b []string) bool {
	set := map[string]bool{}
	for _, k := range a {
		set[k] = true
	}
	for _, k := range b {
		if set[k] {
			return true
		}
	}
	return false
}

func TestBlocks(t *testing.T) {
	e := base()
	idx, q := Blocks(&e)
	if len(idx) == 0 || len(q) == 0 {
		t.Fatal("no blocks")
	}
	// A report of the country alone finds the province's reports.
	c := base()
	c.Admin1, c.Admin2, c.GeonameID, c.GeoPrecision = "", "", 0, 3
	ic, qc := Blocks(&c)
	if !shares(qc, idx) || !shares(q, ic) {
		t.Errorf("a country-level report and a province report share no block: %v %v / %v %v", qc, idx, q, ic)
	}
	// Another province: no shared block.
	f := base()
	f.Admin1 = "Faryab"
	fi, _ := Blocks(&f)
	if shares(q, fi) {
		t.Errorf("Balkh looks in Faryab's block: %v %v", q, fi)
	}
	e.EventDate = ""
	if idx, q := Blocks(&e); idx != nil || q != nil {
		t.Errorf("no date: blocks %v %v", idx, q)
	}
}

func TestChannel(t *testing.T) {
	cases := []struct{ text, want string }{
		{"The directorate said on its Twitter account that three men were killed.", "twitter"},
		{"The group denied on Telegram that its men died.", "telegram"},
		{"The governor told a press conference in Mazar that two men died.", "press conference"},
		{"In a statement, the ministry said the raid was over.", "statement"},
		{"Residents said the raid was over. The ministry posted on Facebook later.", ""},
	}
	for _, tc := range cases {
		i := indexOf(tc.text, "said")
		if i < 0 {
			i = indexOf(tc.text, "denied")
		}
		if i < 0 {
			i = indexOf(tc.text, "told")
		}
		if got := Channel(tc.text, i, i+4); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func FuzzChannel(f *testing.F) {
	f.Add("The directorate said on its Twitter account.", 4, 8)
	f.Add("", 0, 0)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		Channel(text, start, end) // must not panic
	})
}
