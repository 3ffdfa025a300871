package lexicon

import "testing"

func TestWordClasses(t *testing.T) {
	all := map[string]uint8{"alias_particle": 1, "article": 2, "relative": 4, "conjunction": 8, "title_lower": 16, "quotative": 32, "ruler_head": 64, "domain_prep": 128}
	ws, err := WordClasses("person", all)
	if err != nil {
		t.Fatal(err)
	}
	if ws["who"] != 4 || ws["the"]&2 == 0 || ws["and"]&8 == 0 || ws["as"]&1 == 0 || ws["said"] != 32 {
		t.Errorf("person classes: who %d the %d and %d as %d said %d", ws["who"], ws["the"], ws["and"], ws["as"], ws["said"])
	}
	for _, tc := range []struct {
		name  string
		names map[string]uint8
	}{
		{"class of the file unknown to the stage", map[string]uint8{"alias_particle": 1, "article": 2, "relative": 4}},
		{"class of the stage missing from the file", map[string]uint8{"alias_particle": 1, "article": 2, "relative": 4, "conjunction": 8, "title_lower": 16, "quotative": 32, "ruler_head": 64, "domain_prep": 128, "nosuch": 1}},
		{"stage missing from the file", map[string]uint8{"relative": 1}},
	} {
		stage := "person"
		if tc.name == "stage missing from the file" {
			stage = "nosuch"
		}
		if _, err := WordClasses(stage, tc.names); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
