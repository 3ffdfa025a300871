package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/queue/natstest"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
)

// ingest --queue publishes, worker extracts and stores, events reads the
// shared store: PostgreSQL when the tests have one, else a SQLite file.
func TestQueue_IngestWorkerEvents(t *testing.T) {
	useFakeExtractor(t, fakeExtractor{n: 3})
	srv := natstest.Server(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if os.Getenv(pgtest.EnvURL) != "" {
		db = pgtest.DSN(t)
	}
	batch := filepath.Join(dir, "batch.jsonl")
	writeBatch(t, batch, 4)

	code, _, stderr := runCmd(t, "ingest", "--queue", srv.ClientURL(), batch)
	if code != 0 || !strings.Contains(stderr, "4 documents published, 0 already queued, 0 failed") {
		t.Fatalf("ingest --queue: exit %d\n%s", code, stderr)
	}
	t.Setenv(envQueue, srv.ClientURL()) // the variable instead of the flag
	code, _, stderr = runCmd(t, "ingest", batch)
	if code != 0 || !strings.Contains(stderr, "0 documents published, 4 already queued") {
		t.Fatalf("second ingest --queue: exit %d\n%s", code, stderr)
	}

	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := runCmdContext(ctx, t, "worker", "--db", db, "--concurrency", "2")
		done <- result{code, stderr}
	}()
	st, err := waitForStore(t, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s, err := storeStats(context.Background(), st)
		if err == nil && s.Events == 12 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker stored %+v, %v", s, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	r := <-done
	if r.code != 0 || !strings.Contains(r.stderr, "4 documents stored (12 events), 0 retried, 0 dead, 0 handed back") {
		t.Errorf("worker: exit %d\n%s", r.code, r.stderr)
	}
	code, out, stderr := runCmd(t, "events", "--db", db, "--format", "jsonl")
	if code != 0 || strings.Count(out, "\n") != 12 {
		t.Errorf("events: exit %d, %d lines\n%s", code, strings.Count(out, "\n"), stderr)
	}
}

// waitForStore opens the store the worker creates.
func waitForStore(t *testing.T, addr string) (sitrep.Store, error) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		st, err := store.Open(context.Background(), addr, store.Options{ReadOnly: true})
		if err == nil || time.Now().After(deadline) {
			return st, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestWorker_NoQueue(t *testing.T) {
	t.Setenv(envQueue, "")
	code, _, stderr := runCmd(t, "worker", "--db", filepath.Join(t.TempDir(), "x.db"))
	if code != 1 || !strings.Contains(stderr, "no work queue") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}
