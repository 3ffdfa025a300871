package actor_test

import (
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func TestMatcher_FindResolve(t *testing.T) {
	m, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	after := time.Date(2023, 3, 26, 0, 0, 0, 0, time.UTC)
	before := time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, text, country string
		day                 time.Time
		want                []string // resolved names, in order
	}{
		{"aliases of IS", "ISIS, IS, Daesh and the Islamic State", "AF", after,
			[]string{"Islamic State (Afghanistan)", "Islamic State (Afghanistan)", "Islamic State (Afghanistan)", "Islamic State (Afghanistan)"}},
		{"Taliban rule after 2021", "Taliban security forces", "AF", after, []string{"Military Forces of Afghanistan (2021-)"}},
		{"Taliban police", "the Taliban police chief", "AF", after, []string{"Police Forces of Afghanistan (2021-)"}},
		{"Taliban before 2021", "Taliban fighters", "AF", before, []string{"Taliban"}},
		{"demonym and agent", "Turkish soldiers", "SY", after, []string{"Military Forces of Turkey (2016-)"}},
		{"generic gunmen", "unidentified gunmen", "NG", after, []string{"Unidentified Armed Group (Nigeria)"}},
		{"hyphenated membership", "IS-affiliated militants", "AF", after, []string{"Islamic State (Afghanistan)"}},
		{"is is a verb", "The situation is tense.", "AF", after, nil},
		// State forces are named by the government of the event's day, not
		// today's; before every period we know, without a period.
		{"police by period", "Police said two men were shot.", "US", time.Date(2014, 2, 15, 0, 0, 0, 0, time.UTC),
			[]string{"Police Forces of the United States (2009-2017)"}},
		{"police before known periods", "Indian police fired on the crowd.", "IN", time.Date(2002, 3, 1, 0, 0, 0, 0, time.UTC),
			[]string{"Police Forces of India", "Civilians (India)"}}, // a crowd is people: civilians, rioters only as a mob
		// Law enforcement by its US and British names is the police; an
		// officer of the army is the army's.
		{"sheriff's deputies", "Two sheriff's deputies and a state trooper arrived.", "US", after,
			[]string{"Police Forces of the United States (2021-2025)", "Police Forces of the United States (2021-2025)"}},
		{"officer alone", "An officer fired twice.", "US", after, []string{"Police Forces of the United States (2021-2025)"}},
		{"army officer", "An army officer fired twice.", "AF", after, []string{"Military Forces of Afghanistan (2021-)"}},
		{"army before known periods", "Albanian troops left the base.", "AL", time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC),
			[]string{"Military Forces of Albania"}},
		// Without a day the text does not say whose forces they were:
		// no government's period, not today's.
		{"troops on no day", "US troops raided the compound.", "AF", time.Time{},
			[]string{"Military Forces of the United States"}},
		{"police on no day", "Police fired tear gas at the marchers.", "IN", time.Time{},
			[]string{"Police Forces of India", "Protesters (India)"}},
		{"Taliban rule on no day", "Taliban security forces", "AF", time.Time{}, []string{"Military Forces of Afghanistan"}},
		{"group on no day", "unidentified gunmen", "NG", time.Time{}, []string{"Unidentified Armed Group (Nigeria)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, toks := segment.Split(tc.text, sitrep.Span{})
			var got []string
			for _, mm := range m.Find(tc.text, toks, 0, len(toks)) {
				if mm.Kind == actor.Country {
					continue
				}
				got = append(got, m.Resolve(&mm, tc.country, tc.day).Name)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("mention %d: got %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestEpoch checks that two days of one epoch resolve alike and that the
// epoch changes where a ruling power does: the Taliban are Afghanistan's
// state forces from 15 August 2021. Epochs cut at every period of every
// country, so most neighbouring days share one.
func TestEpoch(t *testing.T) {
	m, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	text := "the Taliban said"
	_, toks := segment.Split(text, sitrep.Span{})
	mentions := m.Find(text, toks, 0, len(toks))
	if len(mentions) == 0 {
		t.Fatal("no Taliban")
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"2022-03-01", "2022-03-02", true},
		{"2021-08-14", "2021-08-15", false},
	} {
		ea, eb := m.Epoch(day(tc.a)), m.Epoch(day(tc.b))
		ra, rb := m.Resolve(&mentions[0], "AF", day(tc.a)), m.Resolve(&mentions[0], "AF", day(tc.b))
		if (ea == eb) != tc.same {
			t.Errorf("Epoch(%s) = %d, Epoch(%s) = %d, want same=%v", tc.a, ea, tc.b, eb, tc.same)
		}
		if ea == eb && ra != rb {
			t.Errorf("same epoch, different actors: %s %+v, %s %+v", tc.a, ra, tc.b, rb)
		}
	}
}
