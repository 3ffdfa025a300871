package main

import (
	"bytes"
	"os"
	"testing"
)

// TestBuildReproduces checks that the embedded list is what the
// treebank gives: go generate ./annotate/person rewrites it unchanged.
func TestBuildReproduces(t *testing.T) {
	const data = "../../../../../shared/data/ud-english-ewt"
	if _, err := os.Stat(data); err != nil {
		t.Skip("shared treebank absent:", err)
	}
	got, _, err := build(data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../data/common_words.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("data/common_words.tsv differs from what the treebank gives: run go generate ./annotate/person")
	}
}

func TestWord(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{{"fund", true}, {"well-being", true}, {"a", false}, {"3rd", false}, {"-ly", false}, {"don't", true}} {
		if got := word(tc.s); got != tc.want {
			t.Errorf("word(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
