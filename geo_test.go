package sitrep_test

import (
	"math"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestPoint(t *testing.T) {
	tests := []struct {
		lat, lon float64
		valid    bool
	}{
		{36.709, 67.11, true},
		{-90, -180, true},
		{0, 0, true}, // the Gulf of Guinea is a place; only Valid says "none"
		{math.NaN(), 1, false},
		{91, 0, false},
		{0, 180.5, false},
		{math.Inf(1), 0, false},
	}
	for _, tc := range tests {
		p := sitrep.PointAt(tc.lat, tc.lon)
		if p.Valid != tc.valid {
			t.Errorf("PointAt(%v, %v).Valid = %v", tc.lat, tc.lon, p.Valid)
		}
		var ev sitrep.Event
		ev.SetPoint(p)
		if got := ev.Point(); got != p {
			t.Errorf("SetPoint/Point(%v) = %v", p, got)
		}
		if (ev.Latitude == nil) == p.Valid {
			t.Errorf("SetPoint(%v): latitude %v", p, ev.Latitude)
		}
	}
	box := &sitrep.BBox{MinLon: -10, MinLat: -10, MaxLon: 10, MaxLat: 10}
	if !box.Contains(sitrep.PointAt(0, 0)) || box.Contains(sitrep.Point{}) || box.Contains(sitrep.PointAt(11, 0)) {
		t.Error("BBox.Contains")
	}
}
