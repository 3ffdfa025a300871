package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/scope"
	"github.com/sitrep-dev/sitrep/store"
)

func TestIngest_BatchAndWorkers(t *testing.T) {
	useFakeExtractor(t, fakeExtractor{n: 3})
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	batch := filepath.Join(dir, "batch.jsonl")
	writeBatch(t, batch, 50)
	for _, args := range [][]string{
		{"--batch", "7", "--workers", "3"},
		{"--batch", "100", "--workers", "1", "--force"},
		{"--force"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, stderr := runCmd(t, append([]string{"ingest", "--merge=false", "--db", db, batch}, args...)...)
			if code != 0 || !strings.Contains(stderr, "50 documents, 150 events stored; 0 skipped") {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			checkDB(t, db, sitrep.StoreStats{Documents: 50, Events: 150})
		})
	}
	t.Run("Resume", func(t *testing.T) {
		code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", db, "--batch", "10", batch)
		if code != 0 || !strings.Contains(stderr, "0 documents, 0 events stored; 50 skipped") {
			t.Fatalf("exit %d, stderr:\n%s", code, stderr)
		}
	})
}

// checkDB checks that the database at path is sound and holds want.
func checkDB(t *testing.T, path string, want sitrep.StoreStats) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if s, err := storeStats(ctx, db); err != nil || s != want {
		t.Errorf("Stats = %+v, %v; want %+v", s, err, want)
	}
	if err := checkStore(ctx, db); err != nil {
		t.Error(err)
	}
}

// clashExtractor gives document clash the event ids of document like, so
// that storing clash fails once like is stored.
type clashExtractor struct {
	fakeExtractor
	clash, like string
}

func (c clashExtractor) Extract(doc *sitrep.Document) []sitrep.Event {
	if doc.ID != c.clash {
		return c.fakeExtractor.Extract(doc)
	}
	evs := c.fakeExtractor.Extract(&sitrep.Document{ID: c.like, Text: doc.Text})
	for i := range evs {
		evs[i].Source = doc.ID
	}
	return evs
}

func TestIngest_BatchFailureIsolated(t *testing.T) {
	old := newIngestExtractor
	newIngestExtractor = func(*slog.Logger, scope.Scope, bool) (extractor, error) {
		return clashExtractor{fakeExtractor{n: 2}, "doc-0013", "doc-0004"}, nil
	}
	t.Cleanup(func() { newIngestExtractor = old })
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	batch := filepath.Join(dir, "batch.jsonl")
	writeBatch(t, batch, 30)
	code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", db, "--batch", "8", "--workers", "2", batch)
	if code != 1 || !strings.Contains(stderr, "29 documents, 58 events stored; 0 skipped (already stored); 1 failed") ||
		!strings.Contains(stderr, "doc-0013") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	checkDB(t, db, sitrep.StoreStats{Documents: 29, Events: 58})
}

func TestIngestFlags_Invalid(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--batch", "0"}, "--batch"},
		{[]string{"--workers", "-1"}, "--workers"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, stderr := runCmd(t, append([]string{"ingest", "--db", db, "x.txt"}, tc.args...)...)
			if code == 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q, want it to mention %q", code, stderr, tc.want)
			}
		})
	}
}

// orderStore records the order in which documents are stored.
type orderStore struct {
	mu      sync.Mutex
	stored  []string
	batches []int
}

func (s *orderStore) HasDocument(context.Context, string) (bool, error) { return false, nil }

func (s *orderStore) PutDocument(_ context.Context, doc *sitrep.Document, _ []sitrep.Event) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stored = append(s.stored, doc.ID)
	s.batches = append(s.batches, 1)
	return doc.ID, nil
}

func (s *orderStore) PutDocuments(_ context.Context, des []sitrep.DocumentEvents) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, len(des))
	for i, de := range des {
		s.stored = append(s.stored, de.Doc.ID)
		ids[i] = de.Doc.ID
	}
	s.batches = append(s.batches, len(des))
	return ids, nil
}

// slowFirstExtractor takes longest over the first documents, so that
// workers finish out of order.
type slowFirstExtractor struct{}

func (slowFirstExtractor) Extract(doc *sitrep.Document) []sitrep.Event {
	var n int
	fmt.Sscanf(doc.ID, "d%d", &n)
	time.Sleep(time.Duration(max(0, 20-n)) * time.Millisecond)
	return nil
}

// TestIngestPipeline_Order checks that documents are stored in input
// order whatever order the workers finish in, and never more than the
// batch size at once.
func TestIngestPipeline_Order(t *testing.T) {
	for _, batch := range []int{1, 4} {
		t.Run(fmt.Sprint("batch=", batch), func(t *testing.T) {
			var want []string
			for i := range 40 {
				want = append(want, fmt.Sprintf("d%02d", i))
			}
			st := &orderStore{}
			var stats ingestStats
			p := &ingestPipeline{db: st, ex: slowFirstExtractor{}, workers: 4, batch: batch, stats: &stats,
				bar: &ingestBar{w: os.Stderr}}
			err := p.run(context.Background(), func(fn func(ingest.Result) error) error {
				for _, id := range want {
					if err := fn(ingest.Result{Input: id, Doc: &sitrep.Document{ID: id, Text: id}}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(st.stored, want) {
				t.Errorf("stored %v", st.stored)
			}
			if m := slices.Max(st.batches); m > batch {
				t.Errorf("a transaction of %d documents, batch %d", m, batch)
			}
			if stats.docs.Load() != 40 {
				t.Errorf("stats: %s", &stats)
			}
		})
	}
}

// BenchmarkIngest measures sitrep ingest end to end into SQLite with an
// extractor that costs nothing: events/s stored by the whole command
// (reading a .jsonl batch, skip checks, pipeline, writes), one
// transaction per document and 100 at most.
func BenchmarkIngest(b *testing.B) {
	const docs = 2000
	dir := b.TempDir()
	batch := filepath.Join(dir, "batch.jsonl")
	var buf strings.Builder
	for i := range docs {
		fmt.Fprintf(&buf, `{"id":"doc-%04d","text":"Report %d. Officials said forces clashed with militants near town %d on Sunday.","published":"2023-03-27"}`+"\n", i, i, i)
	}
	if err := os.WriteFile(batch, []byte(buf.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	old := newIngestExtractor
	b.Cleanup(func() { newIngestExtractor = old })
	for _, perDoc := range []int{5, 50} {
		for _, per := range []int{1, 100} {
			b.Run(fmt.Sprintf("events=%d/batch=%d", perDoc, per), func(b *testing.B) {
				newIngestExtractor = func(*slog.Logger, scope.Scope, bool) (extractor, error) { return fakeExtractor{n: perDoc}, nil }
				n := 0
				for b.Loop() {
					db := filepath.Join(dir, fmt.Sprintf("b%d.db", n))
					a := &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, logger: slog.New(slog.DiscardHandler)}
					a.stderr, _ = os.Create(filepath.Join(dir, "stderr"))
					root := newRoot(a)
					root.SetArgs([]string{"ingest", "--merge=false", "--db", db, "--batch", fmt.Sprint(per), batch})
					if err := root.ExecuteContext(context.Background()); err != nil {
						b.Fatal(err)
					}
					a.stderr.Close()
					for _, suffix := range []string{"", "-wal", "-shm"} {
						os.Remove(db + suffix)
					}
					n++
				}
				b.ReportMetric(float64(n*docs*perDoc)/b.Elapsed().Seconds(), "events/s")
			})
		}
	}
}

// envKillBatchChild is the environment of the child process of
// TestIngest_KillResumeBatch: "db batch".
const envKillBatchChild = "SITREP_TEST_KILL_BATCH_CHILD"

// TestIngest_KillResumeBatch is TestIngest_KillResume with --batch: after
// kill -9 every document is whole or absent, and a second run stores the
// rest.
func TestIngest_KillResumeBatch(t *testing.T) {
	const docs, perDoc = 2000, 10
	if v := os.Getenv(envKillBatchChild); v != "" {
		db, batch, _ := strings.Cut(v, " ")
		useFakeExtractor(t, fakeExtractor{n: perDoc, delay: 2 * time.Millisecond})
		code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", db, "--batch", "16", "--workers", "4", batch)
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
	s := killIngestChild(t, "TestIngest_KillResumeBatch", envKillBatchChild, dbPath, batch, 100)
	if s.Documents >= docs {
		t.Skipf("the child finished (%d documents) before it was killed", s.Documents)
	}
	if s.Events != s.Documents*perDoc {
		t.Errorf("after kill -9: %d documents but %d events, want %d each", s.Documents, s.Events, perDoc)
	}
	t.Logf("killed after %d of %d documents", s.Documents, docs)
	useFakeExtractor(t, fakeExtractor{n: perDoc})
	code, _, stderr := runCmd(t, "ingest", "--merge=false", "--db", dbPath, "--batch", "16", batch)
	want := fmt.Sprintf("%d documents, %d events stored; %d skipped", docs-s.Documents, (docs-s.Documents)*perDoc, s.Documents)
	if code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("resume: exit %d, stderr %q, want %q", code, stderr, want)
	}
	checkDB(t, dbPath, sitrep.StoreStats{Documents: docs, Events: docs * perDoc})
}
