package lexicon_test

import (
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// TestEventTypes_MatchHierarchy checks that sitrep.EventTypes, the list
// the CLI and the API accept, is the event_type column of subevents.tsv,
// in order of first appearance.
func TestEventTypes_MatchHierarchy(t *testing.T) {
	var fromData []string
	err := lexicon.ReadTSV(lexicon.FS(), "data/subevents.tsv", func(r lexicon.Row) error {
		if et := r.Get("event_type"); !slices.Contains(fromData, et) {
			fromData = append(fromData, et)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := sitrep.EventTypes(); !slices.Equal(got, fromData) {
		t.Errorf("sitrep.EventTypes() = %q\nsubevents.tsv has %q", got, fromData)
	}
}
