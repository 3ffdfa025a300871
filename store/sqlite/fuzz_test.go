package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

// FuzzEvents feeds arbitrary filter values (text, cursors, boxes) to
// Events: each call succeeds or fails with sitrep.ErrInvalid, never with
// an SQL error.
func FuzzEvents(f *testing.F) {
	for _, s := range []string{"", "drone", `"`, `a OR b`, `NEAR(x y)`, "\x00", `' OR 1=1 --`, "2024-01-01", "eyJkIjoiMjAyNCIsImkiOiJ4In0", "*", "a*b", "-x", "^"} {
		f.Add(s, s, s, 60.0, 29.0, 75.0, 39.0)
	}
	f.Add("", "", "", -180.0, -90.0, 180.0, 90.0)
	f.Add("", "", "", 67.11, 36.709, 67.11, 36.709)
	db := MustOpen(f)
	ctx := context.Background()
	if _, err := db.PutDocument(ctx, storetest.Doc("f.txt", "Fuzz document text about a drone strike."),
		[]sitrep.Event{storetest.Event("f.txt", "f1", "2024-01-01")}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query, value, cursor string, minLon, minLat, maxLon, maxLat float64) {
		for _, flt := range []sitrep.EventFilter{
			{Query: query},
			{Country: value, Actor: value, Admin1: value, ClaimedBy: value, Source: value, EventType: []string{value}},
			{Source: value, Query: value},
			{Cursor: cursor},
			{BBox: &sitrep.BBox{MinLon: minLon, MinLat: minLat, MaxLon: maxLon, MaxLat: maxLat}, Query: query},
			{BBox: &sitrep.BBox{MinLon: minLon, MinLat: minLat, MaxLon: maxLon, MaxLat: maxLat}},
		} {
			evs, _, err := db.Events(ctx, flt)
			if err != nil && !errors.Is(err, sitrep.ErrInvalid) {
				t.Fatalf("Events(%+v): %v", flt, err)
			}
			if err != nil || flt.BBox == nil || flt.Query != "" {
				continue
			}
			// The one event is found exactly when its point is in the box.
			in := 67.110 >= minLon && 67.110 <= maxLon && 36.709 >= minLat && 36.709 <= maxLat
			if (len(evs) == 1) != in {
				t.Fatalf("Events(bbox %v): %d events, point inside: %v", *flt.BBox, len(evs), in)
			}
		}
	})
}
