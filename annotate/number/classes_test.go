package number_test

import (
	"slices"
	"testing"
)

// TestWordClasses checks the word classes of numbers.tsv that stand for
// grammar rather than number words, each on a sentence of our own writing
// that it decides.
func TestWordClasses(t *testing.T) {
	for _, tc := range []struct {
		kind, text string
		want       []string
	}{
		{"article", "The storm flattened a hundred tents and a dozen huts.", []string{"a hundred=100", "a dozen=12"}},
		{"article (capitalised)", "A thousand families left.", []string{"A thousand=1000"}},
		{"conjunction", "Two hundred and forty sheep were lost.", []string{"Two hundred and forty=240"}},
		{"conjunction (between)", "Between 30 and 40 goats died.", []string{"Between 30 and 40=30..40"}},
		{"conjunction (no scale before)", "Forty and fifty sheep were lost.", []string{"Forty=40", "fifty=50"}},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			if got := render(tc.text, find(tc.text)); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
