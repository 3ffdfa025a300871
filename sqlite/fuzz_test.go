package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/storetest"
)

// FuzzEvents feeds arbitrary filter values to Events: each call succeeds
// or fails with sitrep.ErrInvalid, never with an SQL error.
func FuzzEvents(f *testing.F) {
	for _, s := range []string{"", "drone", `"`, `a OR b`, `NEAR(x y)`, "\x00", `' OR 1=1 --`, "2024-01-01", "eyJkIjoiMjAyNCIsImkiOiJ4In0", "*", "a*b", "-x", "^"} {
		f.Add(s, s, s)
	}
	db := MustOpen(f)
	ctx := context.Background()
	if _, err := db.PutDocument(ctx, storetest.Doc("f.txt", "Fuzz document text about a drone strike."),
		[]sitrep.Event{storetest.Event("f.txt", "f1", "2024-01-01")}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query, value, cursor string) {
		for _, flt := range []sitrep.EventFilter{
			{Query: query},
			{Country: value, Actor: value, Admin1: value, ClaimedBy: value, Source: value, EventType: []string{value}},
			{From: value},
			{Cursor: cursor},
		} {
			if _, _, err := db.Events(ctx, flt); err != nil && !errors.Is(err, sitrep.ErrInvalid) {
				t.Fatalf("Events(%+v): %v", flt, err)
			}
		}
	})
}
