package event_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
)

// parseChoiceTexts are sentences of our own writing whose roles the arcs
// read otherwise than the window rules: a nominal trigger after another
// verb's subject, a reported clause, a relative clause, a passive with
// its agent far after it, a victim named by a common noun, a verb of
// dying, the doer inside a framing noun, a subject the window reads as
// an object.
var parseChoiceTexts = []string{
	"Police are investigating a shooting that left two men dead in Eldoret on Sunday.",
	"Police said a man shot two officers in Kisumu on Monday.",
	"The governor said soldiers had killed three herders near Mopti on Friday.",
	"The gunmen who attacked the police post in Bannu on Tuesday fled into the hills.",
	"Two rebel units were formed in the army of the republic last year.",
	"Two traders were detained in Multan on Thursday, and later questioned by the police.",
	"Two men were shot dead in Kisumu on Saturday night, police said.",
	"A soldier died in an ambush by militants near Gao on Wednesday.",
	"Four villagers were killed in army shelling in Idlib on Monday.",
	"After arresting two suspects in Quetta on Sunday, officers seized three rifles.",
	"Lawyers condemned the arrest of a reporter by soldiers in Harare on Monday.",
	"Militants in a raid on police in Bannu killed three officers on Friday.",
}

// TestParseChoice checks that parsing only the sentences whose roles the
// arcs may change (event.Builder's choice) gives the events of parsing
// every sentence with a trigger and an actor, on TestArcRoles' sentences
// and parseChoiceTexts.
func TestParseChoice(t *testing.T) {
	g, err := embeddedGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	chosen, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g, Syntax: true})
	if err != nil {
		t.Fatal(err)
	}
	all, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g, Syntax: true, SyntaxAll: true})
	if err != nil {
		t.Fatal(err)
	}
	texts := parseChoiceTexts
	for _, tc := range arcRoleCases {
		texts = append(texts, tc.text)
	}
	for _, text := range texts {
		doc := &sitrep.Document{ID: "t", Text: text, Published: sitrep.NewDay(2024, 3, 6)}
		got, _ := json.Marshal(chosen.Extract(doc))
		want, _ := json.Marshal(all.Extract(doc))
		if string(got) != string(want) {
			t.Errorf("%q:\n got %s\nwant %s (every sentence parsed)", text, got, want)
		}
	}
}
