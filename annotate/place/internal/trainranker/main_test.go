package main

import (
	"fmt"
	"testing"

	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// The folds split the tune half in nFolds of about equal size (the low
// bit of FNV-1a would not: it is the same for every key of one half), and
// the articles of one incident stay in one fold.
func TestFoldSplitsTuneHalf(t *testing.T) {
	var n [nFolds]int
	for i := range 1000 {
		g := &eval.GoldDoc{ID: fmt.Sprintf("doc-%d", i)}
		if eval.HalfOf("", g.ID) != eval.HalfTune {
			continue
		}
		n[fold(g)]++
	}
	for _, c := range n {
		if c < 60 {
			t.Errorf("folds of the tune half: %v", n)
		}
	}
	a := &eval.GoldDoc{ID: "a", Incident: "77"}
	b := &eval.GoldDoc{ID: "b", Incident: "77"}
	if fold(a) != fold(b) {
		t.Error("two articles of one incident in two folds")
	}
}

func TestIncidentRight(t *testing.T) {
	lat, lon := 36.17, -86.78 // a point in Tennessee
	e := &eval.GoldEvent{Admin1: []string{"Tennessee"}, Location: &eval.GoldLocation{Lat: &lat, Lon: &lon}}
	tests := []struct {
		p    gazetteer.Place
		want bool
	}{
		{gazetteer.Place{Name: "a town near it", FeatureCode: "PPL", CountryCode: "US", Lat: 36.3, Lon: -86.6}, true},
		{gazetteer.Place{Name: "a homonym abroad", FeatureCode: "PPL", CountryCode: "GB", Lat: 52, Lon: -1}, false},
		{gazetteer.Place{Name: "Tennessee", FeatureCode: "ADM1", CountryCode: "US", Lat: 35.75, Lon: -86.25}, true},
		{gazetteer.Place{Name: "Kentucky", FeatureCode: "ADM1", CountryCode: "US", Lat: 37.5, Lon: -85}, false},
		{gazetteer.Place{Name: "United States", FeatureCode: "PCLI", CountryCode: "US", Lat: 39.8, Lon: -98.5}, true},
	}
	for _, tt := range tests {
		if got := incidentRight(e, tt.p); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.p.Name, got, tt.want)
		}
	}
}
