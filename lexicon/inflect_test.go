package lexicon

import (
	"slices"
	"testing"
)

func TestInflections(t *testing.T) {
	tests := []struct {
		lemma string
		want  []string
	}{
		{"seize", []string{"seize", "seizes", "seized", "seizing"}},
		{"bury", []string{"bury", "buries", "buried", "burying"}},
		{"ambush", []string{"ambush", "ambushes", "ambushed", "ambushing"}},
		{"kidnap", []string{"kidnap", "kidnaps", "kidnapped", "kidnaped", "kidnapping", "kidnaping"}},
		{"take", []string{"take", "takes", "took", "taken", "taking"}},
		{"overrun", []string{"overrun", "overruns", "overran", "overrunning", "overruning"}},
		{"destroy", []string{"destroy", "destroys", "destroyed", "destroying"}},
		{"free", []string{"free", "frees", "freed", "freeing"}},
		{"die", []string{"die", "dies", "died", "dying"}},
		{"clash", []string{"clash", "clashes", "clashed", "clashing"}},
	}
	for _, tt := range tests {
		got, err := Inflections(tt.lemma)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Inflections(%q) = %q, want %q", tt.lemma, got, tt.want)
		}
	}
	if _, err := Inflections("take over"); err == nil {
		t.Error("Inflections of two words: no error")
	}
}

func TestExpandLemmas(t *testing.T) {
	got, err := ExpandLemmas("{wrest} ~ back")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"wrest ~ back", "wrests ~ back", "wrested ~ back", "wresting ~ back"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, _ := ExpandLemmas("mass grave"); !slices.Equal(got, []string{"mass grave"}) {
		t.Errorf("a phrase without lemmas changed: %q", got)
	}
	for _, bad := range []string{"{take over}", "take}", "{}"} {
		if _, err := ExpandLemmas(bad); err == nil {
			t.Errorf("ExpandLemmas(%q): no error", bad)
		}
	}
}
