package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ledger"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/postgres"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

// open opens a store in a fresh schema of the test server.
func open(tb testing.TB, opts postgres.Options) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), pgtest.DSN(tb), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// postgisAvailable reports whether the test server has PostGIS.
func postgisAvailable(t *testing.T) bool {
	conn, err := pgx.Connect(context.Background(), pgtest.Base(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var ok bool
	if err := conn.QueryRow(context.Background(), `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')`).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestConformance(t *testing.T) {
	want := postgisAvailable(t)
	storetest.RunConformance(t, func(t *testing.T) sitrep.Store {
		db := open(t, postgres.Options{})
		if db.PostGIS() != want {
			t.Fatalf("PostGIS() = %v on a server where it is available: %v", db.PostGIS(), want)
		}
		return db
	})
}

func TestLedgerConformance(t *testing.T) {
	pgtest.Base(t)
	storetest.RunLedgerConformance(t, func(t *testing.T) sitrep.Store {
		return open(t, postgres.Options{Ledger: true})
	})
}

// Two workers storing two reports of one event at the same moment, each
// through its own connection pool, end with one event: the block locks
// make the second wait for the first's commit and join its event.
func TestLedger_ConcurrentReportsOneEvent(t *testing.T) {
	ctx := context.Background()
	report := func(source string) sitrep.DocumentEvents {
		ev := storetest.Event(source, "AFG-"+source, "2024-05-12")
		ev.Source = ""
		return sitrep.DocumentEvents{Doc: storetest.Doc(source, "Invented report "+source+": forces clashed with militants near Mazar-e Sharif."),
			Events: []sitrep.Event{ev}}
	}
	a, b := report("first.txt"), report("second.txt")
	// Stored one after the other, the two reports are one event.
	seq := open(t, postgres.Options{Ledger: true})
	for _, de := range []sitrep.DocumentEvents{a, b} {
		if _, err := seq.PutDocument(ctx, de.Doc, de.Events); err != nil {
			t.Fatal(err)
		}
	}
	if s, err := seq.Stats(ctx); err != nil || s.Events != 1 {
		t.Fatalf("the reports are not one event when stored in turn: %+v, %v", s, err)
	}
	for round := range 8 {
		dsn := pgtest.DSN(t)
		var workers [2]*postgres.DB
		for i := range workers {
			db, err := postgres.Open(ctx, dsn, postgres.Options{Ledger: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			workers[i] = db
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make(chan error, 2)
		for i, de := range []sitrep.DocumentEvents{a, b} {
			wg.Go(func() {
				<-start
				_, err := workers[i].PutDocument(ctx, de.Doc, de.Events)
				errs <- err
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		s, err := workers[0].Stats(ctx)
		if err != nil || s.Events != 1 || s.Documents != 2 {
			t.Fatalf("round %d: %+v, %v; want 2 documents, 1 event", round, s, err)
		}
		led, err := workers[1].EventLedger(ctx, "AFG-second.txt")
		if err != nil || len(led.Merges) != 1 {
			t.Fatalf("round %d: ledger %+v, %v", round, led, err)
		}
	}
}

// The answers without PostGIS are the same.
func TestConformance_NoPostGIS(t *testing.T) {
	pgtest.Base(t)
	storetest.RunConformance(t, func(t *testing.T) sitrep.Store {
		db := open(t, postgres.Options{PostGIS: "off"})
		if db.PostGIS() {
			t.Fatal("PostGIS used with PostGIS off")
		}
		return db
	})
}

func TestOpen_BadOptions(t *testing.T) {
	ctx := context.Background()
	if _, err := postgres.Open(ctx, "postgres://u:secret@127.0.0.1:1/x", postgres.Options{PostGIS: "maybe"}); !errors.Is(err, sitrep.ErrInvalid) {
		t.Errorf("PostGIS maybe: %v", err)
	}
	_, err := postgres.Open(ctx, "postgres://u:secret@[::1/x", postgres.Options{})
	if !errors.Is(err, sitrep.ErrInvalid) || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad URL: %v", err)
	}
	// Nothing listens on port 1: a clear error, no password in it.
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err = postgres.Open(ctx, "postgres://u:secret@127.0.0.1:1/x?connect_timeout=2", postgres.Options{})
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("no server: %v", err)
	}
}

// Processes starting together migrate once; a second Open finds the
// schema done.
func TestMigrate_Concurrent(t *testing.T) {
	dsn := pgtest.DSN(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			db, err := postgres.Open(context.Background(), dsn, postgres.Options{})
			if err != nil {
				errs <- err
				return
			}
			db.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	db, err := postgres.Open(context.Background(), dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.Pool().QueryRow(context.Background(), `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n == 0 {
		t.Errorf("schema_migrations: %d rows, %v", n, err)
	}
}

// A document put again with the same text and events writes nothing: the
// row keeps its ingestion time and its row version.
func TestPutDocument_NoOpWhenUnchanged(t *testing.T) {
	db := open(t, postgres.Options{})
	ctx := context.Background()
	doc := storetest.Doc("same.txt", "Same text.")
	evs := []sitrep.Event{storetest.Event("same.txt", "same-1", "2024-05-01")}
	if _, err := db.PutDocument(ctx, doc, evs); err != nil {
		t.Fatal(err)
	}
	state := func() (string, string) {
		var docXmin, evXmin string
		err := db.Pool().QueryRow(ctx, `SELECT d.xmin::text, e.xmin::text FROM documents d JOIN events e ON e.document_rid = d.rid`).Scan(&docXmin, &evXmin)
		if err != nil {
			t.Fatal(err)
		}
		return docXmin, evXmin
	}
	d0, e0 := state()
	if _, err := db.PutDocument(ctx, doc, evs); err != nil {
		t.Fatal(err)
	}
	if d1, e1 := state(); d1 != d0 || e1 != e0 {
		t.Errorf("an unchanged put rewrote rows: document %s -> %s, event %s -> %s", d0, d1, e0, e1)
	}
	// Changed events with the same text are written.
	evs[0].Fatalities = 9
	if _, err := db.PutDocument(ctx, doc, evs); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Event(ctx, "same-1"); err != nil || got.Fatalities != 9 {
		t.Errorf("changed event: %+v, %v", got, err)
	}
}

// Writers of one new source at once end with one document and no error.
func TestPutDocument_ConcurrentSameSource(t *testing.T) {
	db := open(t, postgres.Options{})
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			doc := storetest.Doc("race.txt", fmt.Sprintf("Version %d.", i%2))
			if _, err := db.PutDocument(ctx, doc, []sitrep.Event{storetest.Event("race.txt", "race-1", "2024-05-01")}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s, err := db.Stats(ctx)
	if err != nil || s != (sitrep.StoreStats{Documents: 1, Events: 1}) {
		t.Errorf("Stats = %+v, %v", s, err)
	}
}

// PostgreSQL text holds no NUL and no invalid UTF-8; they are stored one
// byte for one, so evidence offsets still point at the same words.
func TestPutDocument_BytesPostgreSQLRefuses(t *testing.T) {
	db := open(t, postgres.Options{})
	ctx := context.Background()
	text := "Bad \x00 byte and \xff\xfe here; clashes in Kunduz."
	doc := storetest.Doc("bytes.txt", text)
	ev := storetest.Event("bytes.txt", "bytes-1", "2024-05-01")
	ev.Notes = "Notes with \x00 NUL."
	start := strings.Index(text, "Kunduz")
	ev.Evidence = []sitrep.Evidence{{Field: sitrep.FieldLocation, Text: "Kunduz", Start: start, End: start + 6}}
	id, err := db.PutDocument(ctx, doc, []sitrep.Event{ev})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Text) != len(text) || got.Text[start:start+6] != "Kunduz" {
		t.Errorf("stored text %q", got.Text)
	}
	if got.ContentHash != sitrep.ContentHash(doc) {
		t.Error("content hash is not the given document's")
	}
	if ok, err := db.HasDocument(ctx, sitrep.ContentHash(doc)); !ok || err != nil {
		t.Errorf("HasDocument: %v, %v", ok, err)
	}
	e, err := db.Event(ctx, "bytes-1")
	if err != nil || e.Notes != ev.Notes {
		t.Errorf("event: %+v, %v", e, err)
	}
}

// An event with nothing but its id, date and type is stored and found
// (no actors, no place, no people).
func TestPutDocument_BareEvent(t *testing.T) {
	db := open(t, postgres.Options{})
	ctx := context.Background()
	ev := sitrep.Event{EventID: "bare-1", EventDate: "2024-05-01", TimePrecision: 1, EventType: sitrep.Battles,
		SubEventType: "Armed clash", Verification: sitrep.Reported}
	for range 2 {
		if _, err := db.PutDocument(ctx, storetest.Doc("bare.txt", "Police clashed with protesters."), []sitrep.Event{ev}); err != nil {
			t.Fatal(err)
		}
	}
	got, _, err := db.Events(ctx, sitrep.EventFilter{Query: "clashed"})
	if err != nil || len(got) != 1 || got[0].Source != "bare.txt" {
		t.Errorf("Events: %+v, %v", got, err)
	}
}

// The views give SQL users the rows of the nested lists.
func TestViews(t *testing.T) {
	db := open(t, postgres.Options{})
	ctx := context.Background()
	ev := storetest.Event("v.txt", "v1", "2024-05-01")
	bare := storetest.Event("v.txt", "v2", "2024-05-01")
	bare.People, bare.Evidence, bare.Claims = nil, nil, nil
	if _, err := db.PutDocument(ctx, storetest.Doc("v.txt", "v"), []sitrep.Event{ev, bare}); err != nil {
		t.Fatal(err)
	}
	for view, want := range map[string]int{"claims": 1, "people": 1, "evidence": 1} {
		var n int
		if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM `+view).Scan(&n); err != nil || n != want {
			t.Errorf("%s: %d rows, %v; want %d", view, n, err, want)
		}
	}
	var name, fate string
	if err := db.Pool().QueryRow(ctx, `SELECT name, fate FROM people`).Scan(&name, &fate); err != nil || name != "Mawlawi Example" || fate != sitrep.FateKilled {
		t.Errorf("people: %s %s %v", name, fate, err)
	}
}

// store.Open routes postgres:// and postgresql:// URLs here; read-only
// opening needs a migrated schema and refuses writes.
func TestOpenStore_ReadOnly(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	if _, err := store.Open(ctx, dsn, store.Options{ReadOnly: true}); !errors.Is(err, sitrep.ErrNoStore) {
		t.Fatalf("read-only open of an empty schema: %v, want ErrNoStore", err)
	}
	w, err := store.Open(ctx, strings.Replace(dsn, "postgres://", "postgresql://", 1), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, ok := w.(*postgres.DB); !ok {
		t.Fatalf("store.Open(postgresql://...) = %T", w)
	}
	if _, err := w.PutDocument(ctx, storetest.Doc("ro.txt", "ro"), []sitrep.Event{storetest.Event("ro.txt", "ro1", "2024-05-01")}); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(ctx, dsn, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Event(ctx, "ro1"); err != nil {
		t.Errorf("read-only read: %v", err)
	}
	if _, err := r.PutDocument(ctx, storetest.Doc("ro2.txt", "x"), nil); err == nil {
		t.Error("read-only store took a write")
	}
}

// Case and diacritics do not matter (sitrep.ParseQuery), where the server
// has the unaccent dictionary.
func TestQuery_Diacritics(t *testing.T) {
	db := open(t, postgres.Options{})
	ctx := context.Background()
	var unaccent bool
	if err := db.Pool().QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent')`).Scan(&unaccent); err != nil {
		t.Fatal(err)
	}
	if !unaccent {
		t.Skip("the server has no unaccent extension")
	}
	ev := storetest.Event("d.txt", "d1", "2024-05-01")
	ev.Notes = "Clashes near Ségou and Tombouctou."
	if _, err := db.PutDocument(ctx, storetest.Doc("d.txt", "Rapport de Mopti, Mali."), []sitrep.Event{ev}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"segou", "SÉGOU", "Ségou", "ség*", `"near segou"`, "RAPPORT mopti"} {
		got, _, err := db.Events(ctx, sitrep.EventFilter{Query: q})
		if err != nil || len(got) != 1 {
			t.Errorf("query %q: %d events, %v", q, len(got), err)
		}
	}
}

// A put waits for a transaction holding one of its events' merge keys,
// and only for such a one: with keys of our own, and with the ledger's
// block keys by default.
func TestPutDocument_MergeLocks(t *testing.T) {
	afg := storetest.Event("afg.txt", "afg-1", "2024-05-01")
	index, _ := ledger.Blocks(&afg)
	byCountry := func(ev *sitrep.Event) []string { return []string{ev.Country} }
	t.Run("Country", func(t *testing.T) { testMergeLocks(t, byCountry, "Afghanistan") })
	t.Run("LedgerBlocks", func(t *testing.T) { testMergeLocks(t, nil, index[0]) })
}

func testMergeLocks(t *testing.T, keys func(*sitrep.Event) []string, held string) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	db, err := postgres.Open(ctx, dsn, postgres.Options{MergeKeys: keys})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Another worker's transaction, in the middle of storing a report in
	// Afghanistan.
	holder, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback(ctx)
	if _, err := holder.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, postgres.LockKey(held)); err != nil {
		t.Fatal(err)
	}
	// A report elsewhere does not wait.
	mali := storetest.Event("mali.txt", "mali-1", "2024-05-01")
	mali.Country = "Mali"
	if _, err := db.PutDocument(ctx, storetest.Doc("mali.txt", "m"), []sitrep.Event{mali}); err != nil {
		t.Fatal(err)
	}
	// A report in Afghanistan waits until the holder commits.
	done := make(chan error, 1)
	go func() {
		_, err := db.PutDocument(ctx, storetest.Doc("afg.txt", "a"), []sitrep.Event{storetest.Event("afg.txt", "afg-1", "2024-05-01")})
		done <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var waiting int
		// Only this key's waiters: other tests share the server.
		if err := db.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
			AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1`, postgres.LockKey(held)).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting == 1 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the put did not wait for the key's holder (err %v)", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the put never waited on the lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := holder.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// FuzzQuery: free text never makes an SQL error, only matches or not.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"drone", "sal*", `'`, `\`, `'\''`, "a & b", "!x", "a:*", "(", "<->", "x:A", "東京", "***", "'a' | 'b'"} {
		f.Add(s)
	}
	db := open(f, postgres.Options{})
	ctx := context.Background()
	if _, err := db.PutDocument(ctx, storetest.Doc("f.txt", "Drone strike near Peshawar; salaries unpaid."),
		[]sitrep.Event{storetest.Event("f.txt", "f1", "2024-05-01")}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, _, err := db.Events(ctx, sitrep.EventFilter{Query: q}); err != nil && !errors.Is(err, sitrep.ErrInvalid) {
			t.Errorf("Query %q: %v", q, err)
		}
	})
}

// TestMigrate_FillsPoints makes a database as it was before migration
// 0004 (no points column) and as an older program leaves it after (rows
// without points), and checks that opening it computes every row.
func TestMigrate_FillsPoints(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	db, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for d := range 10 {
		src := fmt.Sprintf("old-%d", d)
		var evs []sitrep.Event
		for i := range 30 {
			e := storetest.Event(src, fmt.Sprintf("%s-%d", src, i), fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+d))
			lat := float64(i) - 10.5
			e.Latitude, e.Fatalities = &lat, i
			evs = append(evs, e)
		}
		if _, err := db.PutDocument(ctx, storetest.Doc(src, "Text of "+src+"."), evs); err != nil {
			t.Fatal(err)
		}
	}
	exec := func(stmts ...string) {
		t.Helper()
		for _, s := range stmts {
			if _, err := db.Pool().Exec(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	exec(`ALTER TABLE events DROP COLUMN points`, `DELETE FROM schema_migrations WHERE version >= 4`)
	db.Close()

	check := func(when string) {
		t.Helper()
		db, err := postgres.Open(ctx, dsn, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		_, n, _, err := db.PointRows(ctx, sitrep.EventFilter{}, 1000, nil)
		if err != nil || n != 300 {
			t.Fatalf("%s: %d rows, %v; want 300", when, n, err)
		}
		storetest.CheckPointRows(t, db)
	}
	check("after migrating")

	// Rows an older program wrote: refused until the store is opened for
	// writing again.
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `UPDATE events SET points = NULL WHERE rid % 3 = 0`); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	db, err = postgres.Open(ctx, dsn, postgres.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := db.PointRows(ctx, sitrep.EventFilter{}, 1000, nil); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("PointRows with rows missing: %v, want ErrUnsupported", err)
	}
	db.Close()
	check("after filling the rows an older program left")
}
