package event_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestPoliceWindow checks, on the default path (no syntax stage), the
// two ACLED codebook clauses on police violence: state forces killing a
// person who is no armed group's member is Violence against civilians,
// Attack; and a death in custody or in a force's firing is the doing of
// that force (actor1). Sentences of our own writing.
func TestPoliceWindow(t *testing.T) {
	p := mustPipeline(t)
	tests := []struct {
		text           string
		sub            string
		actor1, actor2 string // prefixes; "" for actor2 means any
	}{
		// A death in custody: the holder is actor1, the dead a civilian.
		{"A farmer died in army custody in Gulu, Uganda on Monday, a week after soldiers detained him.", "Attack", "Military Forces of Uganda", "Civilians (Uganda)"},
		{"A 40-year-old mechanic died in police custody in Nakuru, Kenya on Tuesday, his brother said.", "Attack", "Police Forces of Kenya", "Civilians (Kenya)"},
		// A verb of dying before a clash noun: the one who died, named by
		// no actor, is not the police who follow "with".
		{"A suspected smuggler died in a gunfight with police in Teknaf, Bangladesh on Monday.", "Armed clash", "Police Forces of Bangladesh", ""},
		// A hold with no holder named is the police's.
		{"A mechanic died in custody in Nakuru, Kenya on Tuesday, his brother said.", "Attack", "Police Forces of Kenya", "Civilians (Kenya)"},
		// "To death" says the torture killed.
		{"Police tortured a theft suspect to death in Faisalabad, Pakistan on Sunday.", "Attack", "Police Forces of Pakistan", ""},
		// A headline in the present tense: no passive to read roles from.
		{"A farmer dies in army custody in Gulu, Uganda.", "Attack", "Military Forces of Uganda", "Civilians (Uganda)"},
		// A death in a force's firing.
		{"A student was killed in police firing in Dhaka, Bangladesh on Friday.", "Attack", "Police Forces of Bangladesh", "Civilians (Bangladesh)"},
		// A person named by a common noun, shot by police in a headline.
		{"Trader shot dead by police in Mombasa, Kenya.", "Attack", "Police Forces of Kenya", ""},
		{"Teacher killed by soldiers in Gao, Mali.", "Attack", "Military Forces of Mali", ""},
		// Not civilians: armed men killed by police stay a clash, and an
		// arrest with no death stays an arrest.
		{"Three gunmen were killed by police in a shootout in Mombasa, Kenya on Sunday.", "Armed clash", "Police Forces of Kenya", ""},
		{"Police arrested a trader in Nakuru, Kenya on Monday on suspicion of theft.", "Arrests", "Police Forces of Kenya", ""},
		// People arrested, counted by a common noun of no group: civilians.
		{"Police arrested four men in Nakuru on Thursday after a brawl.", "Arrests", "Police Forces of Kenya", "Civilians (Kenya)"},
		// Two clauses joined by ", and": the second has its own subject;
		// the first clause's subject does not carry over.
		{"The gunmen fled into the forest, and police arrested two suspects in Nakuru, Kenya on Monday.", "Arrests", "Police Forces of Kenya", ""},
		// A person named by a civilian occupation is a civilian: killed by
		// the police at a checkpoint, the scene, it is an Attack, not a
		// clash (count_nouns.tsv); and "Nigeria" after "in Enugu," is a
		// place, not the military of Nigeria as actor2.
		{"A police officer shot dead a motorcyclist at a checkpoint in Enugu, Nigeria on Monday.", "Attack", "Police Forces of Nigeria", ""},
		// A death during an arrest that names no one else arrested is
		// the arresting force's attack (ACLED: Violence against civilians).
		{"A man died after officers pinned him down during an arrest in Puebla, Mexico on Sunday.", "Attack", "Police Forces of Mexico", ""},
		// A headline's reduced passive after a count in digits: the count
		// is the subject, the arrest the implicit police's.
		{"Police clear teachers' blockade in Oaxaca, Mexico, 12 detained.", "Arrests", "Police Forces of Mexico", ""},
		{"Police raid opposition offices in Lahore, Pakistan; 25 detained.", "Arrests", "Police Forces of Pakistan", ""},
		// "Picked up" from a place or by a force is a detention.
		{"A journalist was picked up from his home in Peshawar, Pakistan by plainclothes officers on Thursday.", "Arrests", "Police Forces of Pakistan", ""},
		// A baton (lathi) charge is made on a gathering: a demonstration
		// met with intervention, though no protest word is used.
		{"Police baton-charged teachers demanding higher pay in Patna, India on Friday.", "Protest with intervention", "Protesters (India)", "Police Forces of India"},
		// A headline's arrests over the lead's dispersal are the
		// demonstration's intervention, one event (ACLED: Protests).
		{"Police break up teachers' sit-in in Lahore, 30 detained.\n\nPolice fired tear gas at hundreds of teachers protesting outside the assembly in Lahore, Pakistan on Monday.", "Protest with intervention", "Protesters (Pakistan)", "Police Forces of Pakistan"},
		// Riot gear is the police's, not a riot.
		{"Officers in riot gear dispersed hundreds of students protesting outside parliament in Nairobi, Kenya on Tuesday.", "Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "police", Text: tt.text, Published: sitrep.NewDay(2024, 3, 1)})
			if len(evs) != 1 {
				t.Fatalf("got %d events, want 1: %+v", len(evs), evs)
			}
			ev := evs[0]
			if ev.SubEventType != tt.sub || !hasPrefix(ev.Actor1, tt.actor1) || tt.actor2 != "" && !hasPrefix(ev.Actor2, tt.actor2) {
				t.Errorf("got %q %q | %q, want %q %q | %q", ev.SubEventType, ev.Actor1, ev.Actor2, tt.sub, tt.actor1, tt.actor2)
			}
		})
	}
}

// TestPoliceAsSource checks that the police who report a crime are not
// its doer: ACLED's actor1 is the perpetrator, and "police said" names
// the source of the account (the claimant), not who acted. Sentences of
// our own writing; each gave the police or the army as actor1 before.
func TestPoliceAsSource(t *testing.T) {
	p := mustPipeline(t)
	for _, text := range []string{
		"Two vendors were shot dead near a market in Kano on Friday, police said.",
		"A shopkeeper was shot dead in Patna, India on Monday by two men on a motorcycle, police said.",
		"A trader was stabbed to death outside his shop in Kano, Nigeria on Friday, a police spokesman said.",
	} {
		t.Run(text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "source", Text: text, Published: sitrep.NewDay(2024, 3, 1)})
			if len(evs) != 1 {
				t.Fatalf("got %d events, want 1: %+v", len(evs), evs)
			}
			if ev := evs[0]; ev.SubEventType != "Attack" || ev.Actor1 != "" {
				t.Errorf("got %q by %q, want an Attack with no actor1", ev.SubEventType, ev.Actor1)
			}
		})
	}
}

// TestPoliceSelfReport checks the other side of TestPoliceAsSource: the
// police who say they did it ("police said they had killed") are the
// doer, the speaker of its own deed. Sentences of our own writing.
func TestPoliceSelfReport(t *testing.T) {
	p := mustPipeline(t)
	for _, text := range []string{
		"Police said they had killed two militants in a shootout in Anantnag, India on Sunday.",
		"Police said that they shot dead two robbers in an exchange of fire in Meerut, India on Sunday.",
	} {
		t.Run(text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "self", Text: text, Published: sitrep.NewDay(2024, 3, 1)})
			if len(evs) != 1 {
				t.Fatalf("got %d events, want 1: %+v", len(evs), evs)
			}
			if ev := evs[0]; !hasPrefix(ev.Actor1, "Police Forces of India") {
				t.Errorf("got %q by %q, want the police as actor1", ev.SubEventType, ev.Actor1)
			}
		})
	}
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
