package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/sqlite"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

// readFilters are filters that exercise every form of the query: plain
// columns, side indexes that drive and that filter, and none.
var readFilters = []struct {
	name string
	f    sitrep.EventFilter
}{
	{"All", sitrep.EventFilter{}},
	{"Dates", sitrep.EventFilter{From: sitrep.NewDay(2017, 3, 1), To: sitrep.NewDay(2021, 6, 30)}},
	{"Country", sitrep.EventFilter{Country: "Mali"}},
	{"TypeAndDates", sitrep.EventFilter{EventType: []string{sitrep.Protests}, From: sitrep.NewDay(2018, 1, 1), To: sitrep.NewDay(2021, 12, 31)}},
	{"BBoxSmall", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: 60, MinLat: 29, MaxLon: 75, MaxLat: 39}}},
	{"BBoxWorld", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90}, Country: "Syria"}},
	{"Actor", sitrep.EventFilter{Actor: "Islamic State Khorasan Province", Verification: []string{sitrep.Reported}}},
	{"Query", sitrep.EventFilter{Query: "strikes", Country: "Ukraine"}},
	{"None", sitrep.EventFilter{Country: "Atlantis"}},
}

// TestEventsJSON checks that EventsJSON pages exactly as Events does and
// that each JSON object decodes to the event Events returns.
func TestEventsJSON(t *testing.T) {
	db := MustOpen(t)
	fill(t, db, 1200, 20)
	ctx := context.Background()
	for _, tc := range readFilters {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.f
			f.Limit = 70
			pages := 0
			for {
				want, wantNext, err := db.Events(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				var got []sitrep.Event
				next, err := db.EventsJSON(ctx, f, func(js []byte) error {
					var ev sitrep.Event
					if err := json.Unmarshal(js, &ev); err != nil {
						return err
					}
					got = append(got, ev)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if next != wantNext {
					t.Fatalf("page %d: next %q, want %q", pages, next, wantNext)
				}
				if len(got) != len(want) || (len(got) > 0 && !reflect.DeepEqual(got, want)) {
					t.Fatalf("page %d: %d events differ from Events' %d", pages, len(got), len(want))
				}
				pages++
				if next == "" {
					break
				}
				f.Cursor = next
			}
		})
	}
}

// TestEventPoints checks that EventPoints passes the point of every
// matching event in the order of Events, whatever the cursor and limit.
func TestEventPoints(t *testing.T) {
	db := MustOpen(t)
	fill(t, db, 1200, 20)
	ctx := context.Background()
	// An event without a place.
	noPlace := storetest.Event("noplace", "noplace-1", "2019-05-05")
	noPlace.Latitude, noPlace.Longitude = nil, nil
	noPlace.Fatalities = 3
	if _, err := db.PutDocument(ctx, storetest.Doc("noplace", "Text without a place."), []sitrep.Event{noPlace}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range readFilters {
		t.Run(tc.name, func(t *testing.T) {
			var want []sitrep.EventPoint
			f := tc.f
			f.Limit = 500
			for {
				page, next, err := db.Events(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range page {
					want = append(want, sitrep.PointOf(&e))
				}
				if next == "" {
					break
				}
				f.Cursor = next
			}
			f = tc.f
			f.Limit, f.Cursor = 3, "bogus, and ignored"
			var got []sitrep.EventPoint
			if err := db.EventPoints(ctx, f, func(p sitrep.EventPoint) error {
				got = append(got, p)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d points, want %d", len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if g != w {
					t.Fatalf("point %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// TestReadPaths_Errors checks that the raw and point paths reject a bad
// filter with ErrInvalid before calling fn, and stop at fn's error.
func TestReadPaths_Errors(t *testing.T) {
	db := MustOpen(t)
	fill(t, db, 100, 20)
	ctx := context.Background()
	bad := sitrep.EventFilter{From: sitrep.NewDay(2024, 3, 1), To: sitrep.NewDay(2024, 2, 1)}
	called := false
	if _, err := db.EventsJSON(ctx, bad, func([]byte) error { called = true; return nil }); !errors.Is(err, sitrep.ErrInvalid) || called {
		t.Errorf("EventsJSON(bad) = %v, called %v", err, called)
	}
	if err := db.EventPoints(ctx, bad, func(sitrep.EventPoint) error { called = true; return nil }); !errors.Is(err, sitrep.ErrInvalid) || called {
		t.Errorf("EventPoints(bad) = %v, called %v", err, called)
	}
	stop := errors.New("stop")
	n := 0
	if _, err := db.EventsJSON(ctx, sitrep.EventFilter{}, func([]byte) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("EventsJSON stopped with %v after %d", err, n)
	}
	n = 0
	if err := db.EventPoints(ctx, sitrep.EventFilter{}, func(sitrep.EventPoint) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("EventPoints stopped with %v after %d", err, n)
	}
}

// TestReadPaths_SeeWrites checks that reads through cached statements see
// each commit: a reused statement holds no snapshot between queries.
func TestReadPaths_SeeWrites(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	count := func() (events, points int) {
		f := sitrep.EventFilter{Country: "Mali", Limit: 1000}
		if _, err := db.EventsJSON(ctx, f, func([]byte) error { events++; return nil }); err != nil {
			t.Fatal(err)
		}
		if err := db.EventPoints(ctx, f, func(sitrep.EventPoint) error { points++; return nil }); err != nil {
			t.Fatal(err)
		}
		return events, points
	}
	for round := 1; round <= 3; round++ {
		src := fmt.Sprintf("round-%d", round)
		evs := []sitrep.Event{synthEvent(src, 1), synthEvent(src, 9)} // both in Mali
		if _, err := db.PutDocument(ctx, storetest.Doc(src, "Text of "+src+"."), evs); err != nil {
			t.Fatal(err)
		}
		if e, p := count(); e != 2*round || p != 2*round {
			t.Fatalf("round %d: %d events, %d points, want %d", round, e, p, 2*round)
		}
	}
}

// FuzzReadPaths feeds arbitrary filter values to EventsJSON, EventPoints
// and PointRows: each fails only with ErrInvalid, all fail alike, and
// they find the same events as Events.
func FuzzReadPaths(f *testing.F) {
	for _, s := range []string{"", "Mali", "strikes", `"`, "2019-01-01", "' OR 1=1 --", "\x00"} {
		f.Add(s, s, 60.0, 29.0, 75.0, 39.0)
	}
	f.Add("", "", -180.0, -90.0, 180.0, 90.0)
	db := MustOpen(f)
	fill(f, db, 200, 20)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, value, query string, minLon, minLat, maxLon, maxLat float64) {
		for _, flt := range []sitrep.EventFilter{
			{Country: value, Query: query},
			{Admin1: value, Actor: value},
			{BBox: &sitrep.BBox{MinLon: minLon, MinLat: minLat, MaxLon: maxLon, MaxLat: maxLat}, Query: query},
			{BBox: &sitrep.BBox{MinLon: minLon, MinLat: minLat, MaxLon: maxLon, MaxLat: maxLat}, Country: value},
		} {
			flt.Limit = 1000
			evs, _, err := db.Events(ctx, flt)
			nj := 0
			_, errJ := db.EventsJSON(ctx, flt, func([]byte) error { nj++; return nil })
			np := 0
			errP := db.EventPoints(ctx, flt, func(sitrep.EventPoint) error { np++; return nil })
			_, nr, _, errR := db.PointRows(ctx, flt, 1000, nil)
			for _, e := range []error{err, errJ, errP, errR} {
				if e != nil && !errors.Is(e, sitrep.ErrInvalid) {
					t.Fatalf("%+v: %v", flt, e)
				}
			}
			if (err == nil) != (errJ == nil) || (err == nil) != (errP == nil) || (err == nil) != (errR == nil) {
				t.Fatalf("%+v: errors differ: %v, %v, %v, %v", flt, err, errJ, errP, errR)
			}
			if err == nil && (nj != len(evs) || np != len(evs) || nr != len(evs)) {
				t.Fatalf("%+v: %d events, %d JSON, %d points, %d rows", flt, len(evs), nj, np, nr)
			}
		}
	})
}

// TestPointRows checks the stored point-list rows against the points, in
// every form of the query, over events stored out of date order: SQLite
// must join the rows in the listing's order.
func TestPointRows(t *testing.T) {
	db := MustOpen(t)
	fill(t, db, 3000, 20)
	var filters []sitrep.EventFilter
	for _, tc := range readFilters {
		filters = append(filters, tc.f)
	}
	storetest.CheckPointRows(t, db, filters...)
}

// TestMigrate_FillsPoints makes a database as it was before migration
// 0006 (no points column, the old listing index, no joined days) and as
// an older program leaves it after (rows without points), and checks
// that opening it computes every row and joins every day.
func TestMigrate_FillsPoints(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, db, 500, 20)
	db.Close()
	exec := func(stmts ...string) {
		t.Helper()
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		for _, s := range stmts {
			if _, err := raw.ExecContext(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	exec(`DROP TRIGGER points_days_ai`, `DROP TRIGGER points_days_ad`, `DROP TRIGGER points_days_au`,
		`DROP TABLE points_days`, `DROP TABLE points_days_dirty`,
		`DROP INDEX events_listing`, `DROP INDEX events_points_missing`, `ALTER TABLE events DROP COLUMN points`,
		`CREATE INDEX events_listing ON events(event_date DESC, event_id, event_type, sub_event_type, country, admin1,
			verification, claimed_by, document_rid, longitude, latitude, fatalities)`,
		`DELETE FROM schema_migrations WHERE version >= 6`)

	check := func(when string) {
		t.Helper()
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, n, _, err := db.PointRows(ctx, sitrep.EventFilter{}, 1000, nil)
		if err != nil || n != 500 {
			t.Fatalf("%s: %d rows, %v; want 500", when, n, err)
		}
		storetest.CheckPointRows(t, db)
	}
	check("after migrating")

	// Rows an older program wrote: refused until the store is opened for
	// writing again.
	exec(`UPDATE events SET points = NULL WHERE rid % 3 = 0`)
	ro, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := ro.PointRows(ctx, sitrep.EventFilter{}, 1000, nil); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("PointRows with rows missing: %v, want ErrUnsupported", err)
	}
	ro.Close()
	check("after filling the rows an older program left")
}

// TestPointRows_Days checks that a list by dates is read from the joined
// days when they are clean, and from the events when an older program
// (which the triggers still see) has written since they were joined.
func TestPointRows_Days(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "days.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, db, 600, 20)
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	exec := func(q string) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	all := sitrep.EventFilter{}
	rows := func() string {
		t.Helper()
		b, _, _, err := db.PointRows(ctx, all, 1000, nil)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := rows()

	// The days answer: a day's joined rows changed behind the program's
	// back show in the list.
	exec(`UPDATE points_days SET rows = '["marked"]' WHERE event_date = (SELECT max(event_date) FROM points_days)`)
	if got := rows(); !strings.HasPrefix(got, `["marked"]`) {
		t.Fatalf("the list is not read from the joined days: %.80s", got)
	}
	exec(`DELETE FROM points_days`)
	exec(`INSERT INTO points_days_dirty SELECT DISTINCT event_date FROM events`)
	if got := rows(); got != want {
		t.Errorf("with every day dirty, the list differs from the events'")
	}

	// Opening for writing joins the dirty days.
	db.Close()
	db, err = sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var dirty int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM points_days_dirty`).Scan(&dirty); err != nil || dirty != 0 {
		t.Errorf("after opening, %d days are dirty (%v)", dirty, err)
	}
	if got := rows(); got != want {
		t.Fatalf("opening for writing did not join the days again")
	}
	// An older program deletes an event: the triggers note its day, the
	// list comes from the events until the program writes again.
	exec(`DELETE FROM events WHERE rid = (SELECT max(rid) FROM events)`)
	storetest.CheckPointRows(t, db)
	if got := rows(); got == want {
		t.Errorf("the deleted event is still listed")
	}
	if _, err := db.PutDocument(ctx, storetest.Doc("later", "Later text."), []sitrep.Event{synthEvent("later", 100007)}); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM points_days_dirty`).Scan(&dirty); err != nil || dirty != 0 {
		t.Errorf("after a write, %d days are dirty (%v)", dirty, err)
	}
	storetest.CheckPointRows(t, db)
}
