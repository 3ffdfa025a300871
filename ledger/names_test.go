package ledger

import (
	"reflect"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestNames(t *testing.T) {
	ev := &sitrep.Event{Location: "Hermitage", Admin1: "Tennessee", Admin2: "Davidson", Country: "United States"}
	cases := []struct {
		text string
		want []string
	}{
		// A victim and a building are names; the town, the weekday and
		// the police are not.
		{"Police said Jordan Pellew was shot at the Maple Court Apartments in Hermitage on Tuesday.",
			[]string{"jordan pellew", "maple court apartments"}},
		{"The Metro Police Department said the County Sheriff arrived on Monday, March 3.", []string{}},
		// A sentence end breaks a run: "Hermitage. Officers" is no name.
		{"It happened in Hermitage. Officers Arrived later.", []string{}},
	}
	for _, tc := range cases {
		got := Names(tc.text, ev)
		if len(got) == 0 && len(tc.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.text, got, tc.want)
		}
	}
}
