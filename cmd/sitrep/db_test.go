package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/scope"
	"github.com/sitrep-dev/sitrep/store"
)

// fakeExtractor returns n invented events per document, their ids derived
// from the document's source, so that tests do not depend on the pipeline.
// Every document tells the same invented events (same place, dates and
// actors), so merging, the default, would rightly join them all into n
// events: the tests of the ingest machinery that count n events per
// document run with --merge=false.
type fakeExtractor struct {
	n     int
	delay time.Duration
	// startedDir, if set, gets an empty file named after each document
	// as its extraction starts, for a parent process to see.
	startedDir string
}

func (f fakeExtractor) Extract(doc *sitrep.Document) []sitrep.Event {
	if f.startedDir != "" {
		os.WriteFile(filepath.Join(f.startedDir, doc.ID), nil, 0o644)
	}
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	h := sha256.Sum256([]byte(doc.ID))
	base := hex.EncodeToString(h[:6])
	evs := make([]sitrep.Event, f.n)
	for i := range evs {
		lat, lon := 36.7+float64(i)/100, 67.1
		evs[i] = sitrep.Event{
			EventID: fmt.Sprintf("%s-%02d", base, i), EventDate: fmt.Sprintf("2023-03-%02d", 1+i%28), TimePrecision: 1,
			EventType: sitrep.Battles, SubEventType: "Armed clash",
			Actor1: "Military Forces of Afghanistan (2021-)", Actor2: "Islamic State Khorasan Province",
			Country: "Afghanistan", Admin1: "Balkh", Location: "Mazar-e Sharif", Latitude: &lat, Longitude: &lon,
			GeoPrecision: 1, Fatalities: i, Notes: "Clash reported in " + doc.ID, Source: doc.ID,
			Verification: sitrep.Claimed, DateBasis: sitrep.BasisGiven,
			Evidence: []sitrep.Evidence{{Field: sitrep.FieldSubEventType, Text: doc.Text[:5], Start: 0, End: 5}},
		}
	}
	return evs
}

// useFakeExtractor makes ingest use f for the rest of the test.
func useFakeExtractor(t *testing.T, f fakeExtractor) {
	old := newIngestExtractor
	newIngestExtractor = func(*slog.Logger, scope.Scope, bool) (extractor, error) { return f, nil }
	t.Cleanup(func() { newIngestExtractor = old })
}

// runCmd runs the sitrep command line args in process and returns its
// exit code, stdout and stderr.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCmdContext(context.Background(), t, args...)
}

// runCmdContext is runCmd under ctx (cancelling it is Ctrl-C).
func runCmdContext(ctx context.Context, t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	stdout, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	defer stderr.Close()
	a := &app{stdin: os.Stdin, stdout: stdout, stderr: stderr}
	root := newRoot(a)
	root.SetArgs(args)
	code := 0
	if err := root.ExecuteContext(ctx); err != nil {
		code = 1
		if ec, ok := err.(exitCode); ok {
			code = int(ec)
		} else {
			fmt.Fprintln(stderr, "sitrep:", err)
		}
	}
	out, _ := os.ReadFile(stdout.Name())
	errOut, _ := os.ReadFile(stderr.Name())
	return code, string(out), string(errOut)
}

// writeBatch writes a .jsonl batch of n invented documents.
func writeBatch(t *testing.T, path string, n int) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range n {
		enc.Encode(map[string]string{
			"id":        fmt.Sprintf("doc-%04d", i),
			"text":      fmt.Sprintf("Report %d. Officials said forces clashed with militants near town %d on Sunday.", i, i),
			"published": "2023-03-27",
		})
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIngestEventsExport(t *testing.T) {
	useFakeExtractor(t, fakeExtractor{n: 3})
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	batch := filepath.Join(dir, "batch.jsonl")
	writeBatch(t, batch, 4)
	text := filepath.Join(dir, "one.txt")
	os.WriteFile(text, []byte("A single plain-text report of a clash."), 0o644)

	code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", db, batch, text, filepath.Join(dir, "missing.txt"))
	if code != 1 || !strings.Contains(stderr, "5 documents, 15 events stored; 0 skipped (already stored); 1 failed") {
		t.Fatalf("ingest: exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "missing.txt") {
		t.Errorf("no message for the missing input:\n%s", stderr)
	}

	t.Run("ResumeSkips", func(t *testing.T) {
		code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", db, batch, text)
		if code != 0 || !strings.Contains(stderr, "0 documents, 0 events stored; 5 skipped") {
			t.Fatalf("exit %d, stderr:\n%s", code, stderr)
		}
	})
	t.Run("ForceReplaces", func(t *testing.T) {
		code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", db, "--force", batch)
		if code != 0 || !strings.Contains(stderr, "4 documents, 12 events stored; 0 skipped") {
			t.Fatalf("exit %d, stderr:\n%s", code, stderr)
		}
		code, out, _ := runCmd(t, "events", "--db", db, "--limit", "0", "--format", "jsonl")
		if n := strings.Count(out, "\n"); code != 0 || n != 15 {
			t.Errorf("after --force: %d events, want 15 (no duplicates)", n)
		}
	})
	t.Run("EventsJSONL", func(t *testing.T) {
		code, out, stderr := runCmd(t, "events", "--db", db, "--source", "doc-0002", "--format", "jsonl")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var ids []string
		for l := range strings.Lines(out) {
			var e sitrep.Event
			if err := json.Unmarshal([]byte(l), &e); err != nil {
				t.Fatal(err)
			}
			if e.Source != "doc-0002" {
				t.Errorf("source %q", e.Source)
			}
			ids = append(ids, e.EventID)
		}
		if len(ids) != 3 {
			t.Errorf("%d events", len(ids))
		}
	})
	t.Run("EventsTable", func(t *testing.T) {
		code, out, _ := runCmd(t, "events", "--db", db, "--format", "table", "--limit", "2")
		if code != 0 || !strings.HasPrefix(out, "DATE") || strings.Count(out, "\n") != 3 {
			t.Errorf("table:\n%s", out)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			want int
		}{
			{[]string{"--type", "battles"}, 15},
			{[]string{"--type", "Protests"}, 0},
			{[]string{"--from", "2023-03-02", "--to", "2023-03-02"}, 5},
			{[]string{"--bbox", "67,36,68,36.705"}, 5},
			{[]string{"--verification", "claimed,disputed"}, 15},
			{[]string{"--actor", "Islamic State Khorasan Province", "--country", "Afghanistan", "--admin1", "Balkh"}, 15},
			{[]string{"--q", "doc-0001"}, 3},
			{[]string{"--claimed-by", "Nobody"}, 0},
			{[]string{"--sub-type", "Armed clash", "--limit", "4"}, 4},
		} {
			t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
				code, out, stderr := runCmd(t, append([]string{"events", "--db", db, "--format", "jsonl", "--limit", "0"}, tc.args...)...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				if n := strings.Count(out, "\n"); n != tc.want {
					t.Errorf("%d events, want %d", n, tc.want)
				}
			})
		}
	})
	t.Run("ExportCSV", func(t *testing.T) {
		code, out, stderr := runCmd(t, "export", "--db", db, "--format", "csv")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(recs[0], export.Columns) || len(recs) != 16 {
			t.Errorf("header %v, %d records", recs[0], len(recs))
		}
	})
	t.Run("ExportGeoJSON", func(t *testing.T) {
		code, out, _ := runCmd(t, "export", "--db", db, "--format", "geojson", "--country", "Afghanistan")
		var fc struct {
			Type     string            `json:"type"`
			Features []json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal([]byte(out), &fc); code != 0 || err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 15 {
			t.Errorf("exit %d, err %v, %s with %d features", code, err, fc.Type, len(fc.Features))
		}
	})
}

func TestEventsFlags_Invalid(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--from", "March 3"}, "--from"},
		{[]string{"--to", "2023-02-30"}, "--to"},
		{[]string{"--from", "2023-05-01", "--to", "2023-04-01"}, "from (2023-05-01) is after to (2023-04-01)"},
		{[]string{"--type", "Battle"}, "want one of Battles"},
		{[]string{"--verification", "true"}, "--verification"},
		{[]string{"--bbox", "1,2,3"}, "minlon,minlat,maxlon,maxlat"},
		{[]string{"--bbox", "1,2,x,4"}, "not a number"},
		{[]string{"--bbox", "0,0,200,10"}, "longitudes"},
		{[]string{"--bbox", "0,-95,10,10"}, "latitudes"},
		{[]string{"--bbox", "10,0,0,10"}, "minimum is above its maximum"},
		{[]string{"--limit", "-3"}, "--limit"},
		{[]string{"--format", "xml"}, "--format"},
	}
	for _, cmd := range []string{"events", "export"} {
		for _, tc := range tests {
			t.Run(cmd+" "+strings.Join(tc.args, " "), func(t *testing.T) {
				code, _, stderr := runCmd(t, append([]string{cmd, "--db", db}, tc.args...)...)
				if code == 0 || !strings.Contains(stderr, tc.want) {
					t.Errorf("exit %d, stderr %q, want it to mention %q", code, stderr, tc.want)
				}
			})
		}
	}
	if code, _, stderr := runCmd(t, "ingest", "--db", db, "--published", "27/03/2023", "x.txt"); code == 0 || !strings.Contains(stderr, "--published") {
		t.Errorf("ingest --published: exit %d, %q", code, stderr)
	}
}

// Environment of the child process of TestIngest_KillResume.
const (
	envKillChild = "SITREP_TEST_KILL_CHILD" // "db batch"
)

// TestIngest_KillResume kills an ingest with SIGKILL half way, then checks
// that every committed document is whole (all its events, none of another
// run) and that a second ingest resumes: it skips the stored documents and
// stores the rest.
// TestReadOnly_MissingStore checks that the commands that only read
// (issue 14, item 5) fail when the store does not exist, saying so, and
// create nothing: a mistyped --db must not look like an empty store.
func TestReadOnly_MissingStore(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nonexistent", "dir", "x.db")
	for _, args := range [][]string{
		{"events", "--db", missing},
		{"events", "--db", missing, "--format", "json"},
		{"export", "--db", missing, "--format", "csv"},
		{"events", "--db", "sqlite:" + missing},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, args...)
			if code == 0 || !strings.Contains(stderr, "no event store at ") || !strings.Contains(stderr, missing) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want a failure naming the missing store", code, stdout, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "nonexistent")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a read-only command created %s (%v)", filepath.Join(dir, "nonexistent"), err)
			}
		})
	}
	// The default store too: an empty data directory holds none.
	t.Setenv(store.EnvDataDir, filepath.Join(dir, "data"))
	if code, _, stderr := runCmd(t, "events"); code == 0 || !strings.Contains(stderr, "no event store at") {
		t.Errorf("default store: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("events created the data directory (%v)", err)
	}
}

func TestIngest_KillResume(t *testing.T) {
	const docs, perDoc = 400, 10
	if v := os.Getenv(envKillChild); v != "" {
		// Child: ingest slowly until killed.
		db, batch, _ := strings.Cut(v, " ")
		useFakeExtractor(t, fakeExtractor{n: perDoc, delay: 5 * time.Millisecond})
		code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", db, batch)
		fmt.Fprint(os.Stderr, stderr)
		os.Exit(code)
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	batch := filepath.Join(dir, "batch.jsonl")
	writeBatch(t, batch, docs)

	s := killIngestChild(t, "TestIngest_KillResume", envKillChild, dbPath, batch, 40)
	if s.Documents >= docs {
		t.Fatalf("the child finished (%d documents) before it was killed", s.Documents)
	}
	if s.Events != s.Documents*perDoc {
		t.Errorf("after kill -9: %d documents but %d events, want %d each", s.Documents, s.Events, perDoc)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Each document is either whole or absent.
	for i := range docs {
		src := fmt.Sprintf("doc-%04d", i)
		evs, _, err := db.Events(ctx, sitrep.EventFilter{Source: src, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		_, derr := db.Document(ctx, src)
		if (derr == nil && len(evs) != perDoc) || (derr != nil && len(evs) != 0) {
			t.Errorf("%s: document stored %v, %d events", src, derr == nil, len(evs))
		}
	}
	db.Close()
	t.Logf("killed after %d of %d documents", s.Documents, docs)

	// Resume.
	useFakeExtractor(t, fakeExtractor{n: perDoc})
	code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", dbPath, batch)
	want := fmt.Sprintf("%d documents, %d events stored; %d skipped", docs-s.Documents, (docs-s.Documents)*perDoc, s.Documents)
	if code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("resume: exit %d, stderr %q, want %q", code, stderr, want)
	}
	db, err = store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if s, _ := storeStats(ctx, db); s != (sitrep.StoreStats{Documents: docs, Events: docs * perDoc}) {
		t.Errorf("after resume: %+v", s)
	}
	if err := checkStore(ctx, db); err != nil {
		t.Error(err)
	}
}

// storeStats counts what st holds; st must be a sitrep.StatsReader.
func storeStats(ctx context.Context, st sitrep.Store) (sitrep.StoreStats, error) {
	sr, ok := st.(sitrep.StatsReader)
	if !ok {
		return sitrep.StoreStats{}, fmt.Errorf("%T cannot count what it holds", st)
	}
	return sr.Stats(ctx)
}

// checkStore runs the store's own integrity check, when it has one.
func checkStore(ctx context.Context, st sitrep.Store) error {
	if c, ok := st.(interface{ Check(context.Context) error }); ok {
		return c.Check(ctx)
	}
	return nil
}

// killIngestChild runs the test named test of this binary as a child with
// env set to "dbPath batch" (the child ingests batch slowly), waits until
// it has stored at least min documents, kills it with SIGKILL, checks the
// database's integrity and returns its figures.
func killIngestChild(t *testing.T, test, env, dbPath, batch string, min int) sitrep.StoreStats {
	t.Helper()
	child := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	child.Env = append(os.Environ(), env+"="+dbPath+" "+batch)
	var childErr bytes.Buffer
	child.Stderr = &childErr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	stored := 0
	for deadline := time.Now().Add(60 * time.Second); stored == 0 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		if _, err := os.Stat(dbPath); err != nil {
			continue
		}
		db, err := store.Open(ctx, dbPath, store.Options{})
		if err != nil {
			continue
		}
		if s, err := storeStats(ctx, db); err == nil && s.Documents >= min {
			stored = s.Documents
		}
		db.Close()
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	if stored == 0 {
		t.Fatalf("child stored nothing in time; stderr:\n%s", childErr.String())
	}
	db, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := checkStore(ctx, db); err != nil {
		t.Fatalf("after kill -9: %v", err)
	}
	s, err := storeStats(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
