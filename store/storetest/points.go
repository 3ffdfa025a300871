package storetest

import (
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
	"math"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pointlist"
)

// edgeEvents are events whose point-list row has something to get wrong:
// a coordinate of -0 or one that rounds to it, rounding halves, a place
// out of range, no date or one that is not a calendar day, ids that JSON
// must escape, and figures beyond 32 bits.
func edgeEvents() []sitrep.Event {
	src := "edge.txt"
	var evs []sitrep.Event
	add := func(id, date string, lat, lon *float64, fat int) *sitrep.Event {
		e := Event(src, id, date)
		e.Latitude, e.Longitude, e.Fatalities = lat, lon, fat
		evs = append(evs, e)
		return &evs[len(evs)-1]
	}
	add("edge-neg-zero", "2024-04-01", ptr(math.Copysign(0, -1)), ptr(math.Copysign(0, -1)), 0)
	add("edge-rounds-to-neg-zero", "2024-04-01", ptr(-0.000001), ptr(-0.000004), 1)
	add("edge-half", "2024-04-02", ptr(12.345675), ptr(-179.999995), 2)
	add("edge-whole", "2024-04-02", ptr(34), ptr(-8), 2)
	add("edge-out-of-range", "2024-04-03", ptr(91), ptr(181), 0)
	add("edge-no-lon", "2024-04-03", ptr(10), nil, 0)
	add("edge-no-date", "", ptr(1), ptr(2), 0)
	add("edge-not-a-day", "2024-02-30", ptr(1), ptr(2), 0)
	add("edge-month", "2024-02", ptr(1), ptr(2), 0)
	add("edge-before-1970", "1969-07-20", ptr(0.6875), ptr(23.4333), 0)
	add(`edge-"quoted"\back`, "2024-04-04", ptr(1), ptr(2), 0)
	add("edge-<html>&", "2024-04-04", ptr(1), ptr(2), 0)
	add("edge-ünïcødé-😀", "2024-04-04", ptr(1), ptr(2), 0)
	add("edge-tab\there", "2024-04-04", ptr(1), ptr(2), 0)
	add("edge-nul\x00-invalid\xff", "2024-04-04", ptr(1), ptr(2), 0)
	add("edge-many-dead", "2024-04-05", ptr(1), ptr(2), 1<<31-1)
	add("edge-negative", "2024-04-05", ptr(1), ptr(2), -7)
	for i, typ := range sitrep.EventTypes() {
		add("edge-type-"+typ, "2024-04-06", ptr(float64(i)), ptr(2), i).EventType = typ
	}
	return evs
}

func testPointRows(t *testing.T, s sitrep.Store) {
	if _, ok := s.(sitrep.PointRowLister); !ok {
		t.Skip("the store keeps no point-list rows")
	}
	corpus(t, s)
	put(t, s, Doc("edge.txt", "Edge cases of the point list."), edgeEvents()...)
	CheckPointRows(t, s)

	// An event of a type outside ACLED's has no stored row: its index
	// depends on the list. Lists that hold it are refused, others not.
	other := Event("other.txt", "other-1", "2024-05-01")
	other.EventType, other.Country = "Crime", "Atlantis"
	put(t, s, Doc("other.txt", "An ordinary theft."), other)
	ctx := context.Background()
	rl := s.(sitrep.PointRowLister)
	if _, _, _, err := rl.PointRows(ctx, sitrep.EventFilter{}, 1000, nil); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("PointRows over an event of another type: %v, want ErrUnsupported", err)
	}
	if _, n, _, err := rl.PointRows(ctx, sitrep.EventFilter{Country: "Mali"}, 1000, nil); err != nil || n != 2 {
		t.Errorf("PointRows without it: %d rows, %v", n, err)
	}
	CheckPointRows(t, s)

	bad := sitrep.EventFilter{From: sitrep.NewDay(2024, 3, 1), To: sitrep.NewDay(2024, 2, 1)}
	if _, _, _, err := rl.PointRows(ctx, bad, 10, nil); !errors.Is(err, sitrep.ErrInvalid) {
		t.Errorf("PointRows(bad filter) = %v, want ErrInvalid", err)
	}
}

// pointRowFilters are the filters CheckPointRows lists with.
var pointRowFilters = []sitrep.EventFilter{
	{},
	{From: sitrep.NewDay(2024, 2, 10)},
	{To: sitrep.NewDay(2024, 4, 3)},
	{From: sitrep.NewDay(2024, 3, 1), To: sitrep.NewDay(2024, 4, 4)},
	{From: sitrep.NewDay(2023, 3, 26), To: sitrep.NewDay(2023, 3, 26)},
	{Country: "Mali"},
	{Country: "Afghanistan", From: sitrep.NewDay(2024, 2, 1)},
	{EventType: []string{sitrep.Battles, sitrep.Protests}},
	{BBox: &sitrep.BBox{MinLon: -10, MinLat: -1, MaxLon: 10, MaxLat: 13}},
	{Query: "Bamako"},
	{Actor: "Islamic State Khorasan Province"},
	{Source: "edge.txt"},
	{Country: "Atlantis", Verification: []string{sitrep.Confirmed}},
}

// CheckPointRows checks that a store's stored point-list rows
// (sitrep.PointRowLister) are, byte for byte, what package pointlist
// makes of the points the store lists (sitrep.PointLister), for filters
// (by default a set that tries each kind) and several caps; a listing the
// store refuses must hold an event of a type outside sitrep.EventTypes()
// within the cap. It does nothing for a store that keeps no rows.
func CheckPointRows(t *testing.T, s sitrep.Store, filters ...sitrep.EventFilter) {
	t.Helper()
	rl, ok := s.(sitrep.PointRowLister)
	pl, ok2 := s.(sitrep.PointLister)
	if !ok || !ok2 {
		return
	}
	ctx := context.Background()
	types := pointlist.Types()
	if len(filters) == 0 {
		filters = pointRowFilters
	}
	for _, f := range filters {
		var points []sitrep.EventPoint
		if err := pl.EventPoints(ctx, f, func(p sitrep.EventPoint) error {
			points = append(points, p)
			return nil
		}); err != nil {
			t.Fatalf("%+v: EventPoints: %v", f, err)
		}
		for _, limit := range []int{1 << 20, len(points), len(points) - 1, 1, 0} {
			if limit < 0 {
				continue
			}
			var want []byte
			var e pointlist.Encoder
			known := true
			for i, p := range points[:min(limit, len(points))] {
				k := slices.Index(types, p.Type)
				known = known && k >= 0
				if i > 0 {
					want = append(want, ',')
				}
				want = e.AppendRow(want, p, k)
			}
			head := []byte("head:")
			got, n, more, err := rl.PointRows(ctx, f, limit, slices.Clone(head))
			if !known {
				if !errors.Is(err, errors.ErrUnsupported) {
					t.Errorf("%+v, cap %d: an event of another type, and PointRows = %v, want ErrUnsupported", f, limit, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%+v, cap %d: PointRows: %v", f, limit, err)
			}
			wantN := min(limit, len(points))
			if n != wantN || more != (len(points) > limit) {
				t.Errorf("%+v, cap %d: %d rows, more %v; want %d, %v", f, limit, n, more, wantN, len(points) > limit)
			}
			if !bytes.HasPrefix(got, head) {
				t.Fatalf("%+v: PointRows did not append to the buffer: %q", f, got)
			}
			if got = got[len(head):]; !bytes.Equal(got, want) {
				t.Errorf("%+v, cap %d: stored rows\n%s\nwant\n%s", f, limit, got, want)
			}
			checkPointChunks(t, s, f, limit, want, n)
		}
	}
}

// checkPointChunks checks, for a store that keeps compressed chunks
// (sitrep.PointChunkLister), that the chunks of a listing they answer
// hold the rows want, n of them, and that their segments, concatenated
// and closed with a final block, inflate to the same bytes.
func checkPointChunks(t *testing.T, s sitrep.Store, f sitrep.EventFilter, limit int, want []byte, n int) {
	t.Helper()
	cl, ok := s.(sitrep.PointChunkLister)
	if !ok {
		return
	}
	chunks, ok, err := cl.PointChunks(context.Background(), f, limit)
	if err != nil {
		t.Fatalf("%+v, cap %d: PointChunks: %v", f, limit, err)
	}
	if !ok {
		return
	}
	var rows, stream []byte
	count := 0
	for i, c := range chunks {
		if i > 0 {
			rows = append(rows, ',')
		}
		rows = append(rows, c.Rows...)
		stream = append(stream, c.Deflate...)
		count += c.N
	}
	if !bytes.Equal(rows, want) || count != n {
		t.Errorf("%+v, cap %d: %d chunks of %d rows\n%s\nwant %d\n%s", f, limit, len(chunks), count, rows, n, want)
	}
	stream = append(stream, 0x03, 0x00) // a final empty block
	var inflated []byte
	for _, c := range chunks {
		if len(c.Deflate) == 0 {
			t.Fatalf("%+v: a chunk without its segment", f)
		}
	}
	zr := flate.NewReader(bytes.NewReader(stream))
	inflated, err = io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%+v: the segments do not inflate: %v", f, err)
	}
	var joined []byte
	for _, c := range chunks {
		joined = append(joined, c.Rows...)
	}
	if !bytes.Equal(inflated, joined) {
		t.Errorf("%+v: the segments inflate to\n%.200s\nwant\n%.200s", f, inflated, joined)
	}
}
