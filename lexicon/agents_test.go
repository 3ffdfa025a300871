package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestAgents(t *testing.T) {
	ags, err := Agents()
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]string)
	for _, a := range ags {
		for _, term := range a.Terms {
			k := strings.ToLower(term)
			if o, dup := seen[k]; dup {
				t.Errorf("term %q is in the rows of %q and %q", term, o, a.Terms[0])
			}
			seen[k] = a.Terms[0]
		}
	}
	byTerm := func(term string) Agent {
		for _, a := range ags {
			for _, x := range a.Terms {
				if x == term {
					return a
				}
			}
		}
		t.Fatalf("no agent %q", term)
		return Agent{}
	}
	af, ok := ForcesAt("AF", day("2023-03-26"))
	if !ok {
		t.Fatal("no AF forces")
	}
	tests := []struct {
		term, want, assoc string
		inter             int
	}{
		{"police", "Police Forces of Afghanistan (2021-)", "", 1},
		{"soldiers", "Military Forces of Afghanistan (2021-)", "", 1},
		{"intelligence officials", "Police Forces of Afghanistan (2021-)", "", 1},
		{"gunmen", "Unidentified Armed Group (Afghanistan)", "", 3},
		{"protesters", "Protesters (Afghanistan)", "", 6},
		{"rioters", "Rioters (Afghanistan)", "", 5},
		{"civilians", "Civilians (Afghanistan)", "", 7},
		{"students", "Civilians (Afghanistan)", "Students (Afghanistan)", 7},
		{"journalists", "Civilians (Afghanistan)", "Journalists (Afghanistan)", 7},
		{"tribesmen", "Unidentified Tribal Militia (Afghanistan)", "", 4},
		{"unidentified drones", "Unidentified Military Forces", "", 8},
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			a := byTerm(tt.term)
			if got := a.Expand("Afghanistan", af); got != tt.want {
				t.Errorf("Expand = %q, want %q", got, tt.want)
			}
			if got := a.ExpandAssoc("Afghanistan", af); got != tt.assoc {
				t.Errorf("ExpandAssoc = %q, want %q", got, tt.assoc)
			}
			if a.Inter != tt.inter {
				t.Errorf("inter = %d, want %d", a.Inter, tt.inter)
			}
		})
	}
}

func TestPersonTitles(t *testing.T) {
	ts, err := PersonTitles()
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	kinds := make(map[string]string)
	for _, x := range ts {
		if seen[x.Title] {
			t.Errorf("duplicate title %q", x.Title)
		}
		seen[x.Title] = true
		kinds[x.Title] = x.Kind
	}
	for title, kind := range map[string]string{
		"Mawlawi": "religious", "Mullah": "religious", "Abu": "kunya", "Gen.": "military",
		"Prime Minister": "political", "Spokesman": "political", "Dr.": "honorific",
	} {
		if kinds[title] != kind {
			t.Errorf("%s: kind %q, want %q", title, kinds[title], kind)
		}
	}
}

func TestLoadAgentsErrors(t *testing.T) {
	const head = "term\tkind\tinter\ttemplate\tassoc\tnote\n"
	tests := []struct {
		name, data, want string
	}{
		{"no term", head + "\tpolice\t1\t{police}\t\t\n", "data/agents.tsv:2: agent has no term"},
		{"no kind", head + "police\t\t1\t{police}\t\t\n", "data/agents.tsv:2: police: kind"},
		{"bad inter", head + "police\tpolice\tone\t{police}\t\t\n", "data/agents.tsv:2: inter"},
		{"no template", head + "police\tpolice\t1\t\t\t\n", "data/agents.tsv:2: police: template"},
		{"bad assoc", head + "students\tcivilians\t7\tCivilians ({country})\tStudents ({country\t\n", "unclosed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadAgents(fstest.MapFS{AgentsFile: {Data: []byte(tt.data)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
