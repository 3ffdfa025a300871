package event_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
)

// TestArcRoles checks the roles read from dependency arcs, construction by
// construction, on sentences of our own writing: who acted (actor1), on
// whom (actor2), the type, and the arc --explain names for actor1. Every
// sentence is parsed (SyntaxAll), so that the arcs are read even where
// they read as the window does; TestParseChoice checks that parsing
// fewer gives the same events.
func TestArcRoles(t *testing.T) {
	for _, tc := range arcRoleCases {
		t.Run(tc.name, func(t *testing.T) {
			g, err := embeddedGazetteer()
			if err != nil {
				t.Fatal(err)
			}
			var trace bytes.Buffer
			p, err := pipeline.New(pipeline.Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Gazetteer: g, Syntax: true, SyntaxAll: true, Explain: &trace})
			if err != nil {
				t.Fatal(err)
			}
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text, Published: sitrep.NewDay(2024, 3, 6)})
			if len(evs) != 1 {
				t.Fatalf("%q: %d events, want 1", tc.text, len(evs))
			}
			ev := evs[0]
			if ev.SubEventType != tc.typ || ev.Actor1 != tc.a1 || ev.Actor2 != tc.a2 || ev.Fatalities != tc.deaths {
				t.Errorf("%q:\n got %s | %s | %s | %d\nwant %s | %s | %s | %d", tc.text, ev.SubEventType, ev.Actor1, ev.Actor2, ev.Fatalities, tc.typ, tc.a1, tc.a2, tc.deaths)
			}
			if tc.why1 != "" {
				found := false
				for _, l := range strings.Split(trace.String(), "\n") {
					if strings.Contains(l, "actor1 ") && strings.Contains(l, tc.why1) {
						found = true
					}
				}
				if !found {
					t.Errorf("%q: no explain line for actor1 with %q in:\n%s", tc.text, tc.why1, trace.String())
				}
			}
		})
	}
}

// arcRoleCases are TestArcRoles' sentences, each of one construction.
var arcRoleCases = []struct {
	name, text  string
	typ, a1, a2 string
	deaths      int
	why1        string // a substring of the explain line of actor1, "" for none
}{
	// Active voice: the subject acts on the object.
	{"active", "Soldiers shot dead three herders near Menaka on Monday.", "Attack", "Military Forces of Mali (2021-)", "Civilians (Mali)", 3, "nsubj of 'shot dead'"},
	// Headline-like: the parser may read "abducted" as a reduced
	// relative clause of "Bandits" (VBN, acl) rather than the verb of
	// the sentence; either arc names the bandits.
	{"active abduction", "Bandits abducted fifteen pupils from a school in Katsina state on Sunday.", "Abduction/forced disappearance", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", 0, "of 'abducted'"},
	{"active arrest", "Police arrested six traders in Multan on Thursday.", "Arrests", "Police Forces of Pakistan (2022-)", "Civilians (Pakistan)", 0, "nsubj of 'arrested'"},
	// Passive with an agent: obl:agent, or obl with "by" as parsers
	// often label it.
	{"passive agent", "Five fishermen were killed by Al-Shabaab militants near Kismayo on Monday.", "Attack", "Al Shabaab", "Civilians (Somalia)", 5, "of 'killed'"},
	{"passive agent arrest", "Three students were arrested by the police in Khulna on Tuesday.", "Arrests", "Police Forces of Bangladesh (2009-2024)", "Civilians (Bangladesh)", 0, "of 'arrested'"},
	// Passive without an agent: an arrest is the state's police's
	// (ACLED codebook, Arrests), of the country and period of the event.
	{"passive no agent", "Eight men were detained in Quetta on Wednesday.", "Arrests", "Police Forces of Pakistan (2022-)", "", 0, "implicit"},
	{"passive no agent, India", "Four youths were arrested in Ludhiana on Saturday.", "Arrests", "Police Forces of India (2014-)", "", 0, "implicit"},
	// A person suspected of an unarmed trade is a civilian, counted as
	// one dead (count_nouns.tsv).
	{"suspect of an unarmed trade", "A suspected drug dealer was gunned down by police in Manila on Tuesday.", "Attack", "Police Forces of the Philippines (2022-)", "Civilians (Philippines)", 1, "obl:agent of 'gunned down'"},
	// A headline's count before its participle is the participle's
	// subject, whatever the parser hangs on the verb besides: the
	// police of the first clause are not the arrested.
	{"headline count subject", "Police raid opposition offices in Lahore; 25 detained.", "Arrests", "Police Forces of Pakistan (2022-)", "", 0, "implicit"},
	{"passive no agent, arrested police", "Two policemen were detained in Peshawar on Friday.", "Arrests", "", "Police Forces of Pakistan (2022-)", 0, ""},
	// A demonstration's arrests with no agent named: the police
	// intervened (ACLED: Protesters first, the state forces second).
	{"protest arrests no agent", "Thirty protesters were detained in Grodno on Sunday.", "Protest with intervention", "Protesters (Belarus)", "Police Forces of Belarus (1994-)", 0, "implicit"},
	// Nominalisations: the doer after "by" or in a modifier, whom it
	// befell after "of" or "on".
	{"nominal by", "The killing of a shepherd by soldiers in Ituri angered residents.", "Attack", "Military Forces of the Democratic Republic of Congo (2019-)", "Civilians (Democratic Republic of Congo)", 1, "nmod with 'by'"},
	{"nominal arrest of", "Lawyers criticised the arrest of a reporter in Bulawayo on Monday.", "Arrests", "Police Forces of Zimbabwe (2017-)", "Civilians (Zimbabwe)", 0, "implicit"},
	{"nominal attack on", "An attack on a police post in Bannu left two officers wounded.", "Armed clash", "", "Police Forces of Pakistan (2022-)", 0, ""},
	// Coordination: a verb joined by "and" shares the subject.
	{"coordination", "Police raided a house and seized weapons in Hyderabad on Friday.", "Disrupted weapons use", "Police Forces of India (2014-)", "", 0, "nsubj of 'raided'"},
	{"coordination kill", "Gunmen stormed a mosque in Zamfara and killed nine worshippers on Friday.", "Attack", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", 9, "nsubj of 'stormed'"},
	// Relative clauses: the antecedent of "who" is the subject.
	{"relative clause", "The fighters, who attacked an army camp near Mopti on Monday, withdrew at dawn.", "Armed clash", "Unidentified Armed Group (Mali)", "Military Forces of Mali (2021-)", 0, "antecedent of the relative clause"},
	// Reported speech: the subject of the reported verb acts; the
	// speaker is the source.
	{"reported speech", "The mayor said bandits had killed four farmers in Sokoto on Tuesday.", "Attack", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", 4, "nsubj of 'killed'"},
	// A person named by a common noun and told anew is a civilian
	// victim (ACLED: Civilians (country)); the shooting is no battle.
	{"common noun victim", "Police shot dead a man in Kisumu on Saturday night after a chase through the market.", "Attack", "Police Forces of Kenya (2022-)", "Civilians (Kenya)", 1, "shot dead"},
	{"headline reduced passive", "Woman shot dead by police in Eldoret", "Attack", "Police Forces of Kenya (2022-)", "Civilians (Kenya)", 0, "with 'by'"},
	// Police firing and custody: the modifier of the framing noun is
	// the doer; the dead are civilians.
	{"police firing", "Three villagers were killed in police firing in Bhagalpur on Monday.", "Attack", "Police Forces of India (2014-)", "Civilians (India)", 3, ""},
	{"police custody", "A young trader died in police custody in Ibadan on Friday.", "Attack", "Police Forces of Nigeria (2023-)", "Civilians (Nigeria)", 1, "compound of 'custody'"},
	{"death in custody, nominal", "The death of a detainee in police custody in Kano has angered his family.", "Attack", "Police Forces of Nigeria (2023-)", "Civilians (Nigeria)", 1, "compound of 'custody'"},
	// "Opened fire, killing two": the participle shares the subject,
	// and the numeral stands for the dead.
	{"opened fire killing two", "Police opened fire on a crowd in Sylhet on Sunday, killing two.", "Attack", "Police Forces of Bangladesh (2009-2024)", "Civilians (Bangladesh)", 2, "nsubj of 'opened'"}, // the crowd fired on is civilians
}

// TestArcRoles_ToldPeople checks that people referred back to by a
// definite noun ("the men") are not read as civilians: they may be the
// fighters told before.
func TestArcRoles_ToldPeople(t *testing.T) {
	g, err := embeddedGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Gazetteer: g, Syntax: true})
	if err != nil {
		t.Fatal(err)
	}
	text := "Islamic State fighters attacked a checkpoint in Balkh on Sunday. The men were killed by soldiers in a raid on Monday."
	evs := p.Extract(&sitrep.Document{ID: "t", Text: text, Published: sitrep.NewDay(2024, 3, 6)})
	if len(evs) == 0 {
		t.Fatalf("%q: no events", text)
	}
	for _, ev := range evs {
		if strings.HasPrefix(ev.Actor2, "Civilians") {
			t.Errorf("%q: %s with actor2 %q, want no civilians", text, ev.SubEventType, ev.Actor2)
		}
	}
}
