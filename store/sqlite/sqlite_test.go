package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/sqlite"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

// MustOpen opens a fresh database in a temporary directory.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "sitrep.db"), sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.RunConformance(t, func(t *testing.T) sitrep.Store { return MustOpen(t) })
}

func TestConformance_Memory(t *testing.T) {
	storetest.RunConformance(t, func(t *testing.T) sitrep.Store {
		db, err := sqlite.Open(context.Background(), ":memory:", sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

func TestDB_StatsAndCheck(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	fill(t, db, 50, 10)
	s, err := db.Stats(ctx)
	if err != nil || s != (sitrep.StoreStats{Documents: 5, Events: 50}) {
		t.Errorf("Stats = %+v, %v", s, err)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestOpen_Twice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "x.db")
	for range 2 {
		db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}

func TestOpen_ReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such", "x.db")
	if _, err := sqlite.Open(ctx, missing, sqlite.Options{ReadOnly: true}); !errors.Is(err, sitrep.ErrNoStore) {
		t.Errorf("missing file: %v, want ErrNoStore", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a read-only open created %s: %v", filepath.Join(dir, "no"), err)
	}
	if _, err := sqlite.Open(ctx, dir, sqlite.Options{ReadOnly: true}); !errors.Is(err, sitrep.ErrNoStore) {
		t.Errorf("directory: %v, want ErrNoStore", err)
	}
	path := filepath.Join(dir, "x.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fill(t, db, 10, 5)
	db.Close()
	ro, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if evs, _, err := ro.Events(ctx, sitrep.EventFilter{}); err != nil || len(evs) != 10 {
		t.Errorf("read-only Events: %d, %v", len(evs), err)
	}
	if _, err := ro.PutDocument(ctx, storetest.Doc("w.txt", "w"), nil); err == nil {
		t.Error("PutDocument on a read-only database succeeded")
	}
}

func TestOpen_NotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(context.Background(), path, sqlite.Options{ReadOnly: true}); err == nil {
		t.Error("a text file opened as a database")
	}
}

func TestDocument_BySource(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	id, err := db.PutDocument(ctx, storetest.Doc("https://example.org/a?b=1", "text"), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.Document(ctx, "https://example.org/a?b=1")
	if err != nil || d.ID != id {
		t.Errorf("by source: %+v, %v", d, err)
	}
}

func TestPutDocuments_Replace(t *testing.T) {
	ctx := context.Background()
	v1 := storetest.Doc("a.txt", "First version mentions zebras.")
	v2 := storetest.Doc("a.txt", "Second version mentions yaks.")
	other := storetest.Doc("b.txt", "Another report.")
	tests := []struct {
		name  string
		steps [][]sitrep.DocumentEvents
	}{
		{"SameSourceInOneBatch", [][]sitrep.DocumentEvents{{
			{Doc: v1, Events: []sitrep.Event{storetest.Event("a.txt", "a1", "2024-05-01")}},
			{Doc: other, Events: []sitrep.Event{storetest.Event("b.txt", "b1", "2024-05-01")}},
			{Doc: v2, Events: []sitrep.Event{storetest.Event("a.txt", "a1", "2024-05-01"), storetest.Event("a.txt", "a2", "2024-05-02")}},
		}}},
		{"AcrossBatches", [][]sitrep.DocumentEvents{
			{{Doc: v1, Events: []sitrep.Event{storetest.Event("a.txt", "a1", "2024-05-01")}},
				{Doc: other, Events: []sitrep.Event{storetest.Event("b.txt", "b1", "2024-05-01")}}},
			{{Doc: v2, Events: []sitrep.Event{storetest.Event("a.txt", "a1", "2024-05-01"), storetest.Event("a.txt", "a2", "2024-05-02")}}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpen(t)
			for _, step := range tc.steps {
				ids, err := db.PutDocuments(ctx, step)
				if err != nil {
					t.Fatal(err)
				}
				for i, de := range step {
					if ids[i] != sqlite.DocumentID(de.Doc.ID) {
						t.Errorf("id %d = %q, want %q", i, ids[i], sqlite.DocumentID(de.Doc.ID))
					}
				}
			}
			if err := db.Check(ctx); err != nil {
				t.Fatal(err)
			}
			if s, _ := db.Stats(ctx); s != (sitrep.StoreStats{Documents: 2, Events: 3}) {
				t.Errorf("Stats = %+v", s)
			}
			for q, want := range map[string]int{"zebras": 0, "yaks": 2, "clashed": 3} {
				evs, _, err := db.Events(ctx, sitrep.EventFilter{Query: q})
				if err != nil || len(evs) != want {
					t.Errorf("query %q: %d events, %v; want %d", q, len(evs), err, want)
				}
			}
		})
	}
}

// TestViews checks that claims, people and evidence, kept only in the
// event JSON, read as tables.
func TestViews(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev := storetest.Event("v.txt", "v1", "2024-05-01")
	if _, err := db.PutDocument(ctx, storetest.Doc("v.txt", "v"), []sitrep.Event{ev}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var claimant, aliases, field string
	var start, end int
	err = raw.QueryRowContext(ctx, `SELECT c.claimant, p.aliases, v.field, v.start, v.end
		FROM events e JOIN claims c ON c.event_rid = e.rid JOIN people p ON p.event_rid = e.rid
		JOIN evidence v ON v.event_rid = e.rid WHERE e.event_id = 'v1'`).Scan(&claimant, &aliases, &field, &start, &end)
	if err != nil {
		t.Fatal(err)
	}
	if claimant != ev.Claims[0].Claimant || aliases != `["Example"]` || field != ev.Evidence[0].Field ||
		start != ev.Evidence[0].Start || end != ev.Evidence[0].End {
		t.Errorf("views: %q %q %q %d %d", claimant, aliases, field, start, end)
	}
}

// TestEvents_SetForms checks the filters that go through a side index
// (actors, cells, full text) both when the index selects few events
// and drives the query and when it selects many and is probed per row:
// every page, followed by cursor, must hold exactly the matching events.
func TestEvents_SetForms(t *testing.T) {
	const n, perDoc = 3000, 20
	db := MustOpen(t)
	fill(t, db, n, perDoc)
	var evs []sitrep.Event
	for d := 0; d*perDoc < n; d++ {
		for i := range perDoc {
			evs = append(evs, synthEvent(fmt.Sprintf("doc-%06d", d), d*perDoc+i))
		}
	}
	in := func(b [4]float64) func(e sitrep.Event) bool {
		return func(e sitrep.Event) bool {
			return *e.Longitude >= b[0] && *e.Longitude <= b[2] && *e.Latitude >= b[1] && *e.Latitude <= b[3]
		}
	}
	tests := []struct {
		name string
		f    sitrep.EventFilter
		want func(e sitrep.Event) bool
	}{
		{"ActorMany", sitrep.EventFilter{Actor: "Islamic State Khorasan Province"}, func(sitrep.Event) bool { return true }},
		{"ActorManyCountry", sitrep.EventFilter{Actor: "Police Forces of Afghanistan (2021-)", Country: "Mali"},
			func(e sitrep.Event) bool { return e.Country == "Mali" }},
		{"ActorNone", sitrep.EventFilter{Actor: "Nobody"}, func(sitrep.Event) bool { return false }},
		{"BBoxWorld", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90}}, func(sitrep.Event) bool { return true }},
		{"BBoxHalf", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: 0, MinLat: -90, MaxLon: 180, MaxLat: 90}, Country: "Syria"},
			func(e sitrep.Event) bool { return e.Country == "Syria" && in([4]float64{0, -90, 180, 90})(e) }},
		{"BBoxSmall", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: 60, MinLat: 29, MaxLon: 75, MaxLat: 39}}, in([4]float64{60, 29, 75, 39})},
		{"QueryText", sitrep.EventFilter{Query: "strikes", Country: "Ukraine"}, func(e sitrep.Event) bool { return e.Country == "Ukraine" }},
		{"QueryRareSource", sitrep.EventFilter{Query: "doc-000007"}, func(e sitrep.Event) bool { return e.Source == "doc-000007" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, e := range evs {
				if tc.want(e) {
					want = append(want, e.EventID)
				}
			}
			f := tc.f
			f.Limit = 100
			var got []string
			for {
				page, next, err := db.Events(context.Background(), f)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range page {
					got = append(got, e.EventID)
				}
				if next == "" {
					break
				}
				f.Cursor = next
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%d events, want %d", len(got), len(want))
			}
		})
	}
}

// TestVersion_OtherConnection checks that a commit through another DB on
// the same file (as another process's ingest would be) changes Version,
// so that a server's cached answers are dropped.
func TestVersion_OtherConnection(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v.db")
	a, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v0, err := a.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.PutDocument(ctx, storetest.Doc("o.txt", "o"), []sitrep.Event{storetest.Event("o.txt", "o1", "2024-05-01")}); err != nil {
		t.Fatal(err)
	}
	if v1, err := a.Version(ctx); err != nil || v1 == v0 {
		t.Errorf("Version after another connection's commit: %d (was %d), %v", v1, v0, err)
	}
}

func TestLedgerConformance(t *testing.T) {
	storetest.RunLedgerConformance(t, func(t *testing.T) sitrep.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"), sqlite.Options{Ledger: true})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}
