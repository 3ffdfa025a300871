package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/queue"
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
	code, _, stderr = runCmd(t, "ingest", "--merge=false", batch)
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
		code, _, stderr := runCmdContext(ctx, t, "worker", "--merge=false", "--db", db, "--concurrency", "2")
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
	if r.code != 0 || !strings.Contains(r.stderr, "4 documents stored (12 events extracted, before any merging), 0 retried, 0 dead, 0 handed back") {
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

const envWorkerChild = "SITREP_TEST_WORKER_CHILD" // "queue-url started-dir store-addr"

// A worker process killed with SIGKILL in the middle of a document leaves
// it to the next worker: every document is stored, each once.
func TestWorker_KillMidDocument(t *testing.T) {
	const docs, perDoc = 20, 2
	if v := os.Getenv(envWorkerChild); v != "" {
		// Child: a slow worker, killed by the parent.
		url, rest, _ := strings.Cut(v, " ")
		started, db, _ := strings.Cut(rest, " ")
		useFakeExtractor(t, fakeExtractor{n: perDoc, delay: 300 * time.Millisecond, startedDir: started})
		code, _, stderr := runCmd(t, "worker", "--merge=false", "--queue", url, "--db", db, "--ack-wait", "1s")
		fmt.Fprint(os.Stderr, stderr)
		os.Exit(code)
	}
	if testing.Short() {
		t.Skip("runs a child process")
	}
	srv := natstest.Server(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if os.Getenv(pgtest.EnvURL) != "" {
		db = pgtest.DSN(t)
	}
	batch := filepath.Join(dir, "batch.jsonl")
	writeBatch(t, batch, docs)
	if code, _, stderr := runCmd(t, "ingest", "--queue", srv.ClientURL(), batch); code != 0 {
		t.Fatalf("ingest --queue: %s", stderr)
	}

	started := filepath.Join(dir, "started")
	if err := os.Mkdir(started, 0o755); err != nil {
		t.Fatal(err)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestWorker_KillMidDocument$")
	child.Env = append(os.Environ(), envWorkerChild+"="+srv.ClientURL()+" "+started+" "+db)
	var childErr bytes.Buffer
	child.Stderr = &childErr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	childStored := 0
	for deadline := time.Now().Add(60 * time.Second); childStored < 3 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		st, err := store.Open(ctx, db, store.Options{ReadOnly: true})
		if err != nil {
			continue
		}
		if s, err := storeStats(ctx, st); err == nil {
			childStored = s.Documents
		}
		st.Close()
	}
	if childStored < 3 {
		child.Process.Kill()
		child.Wait()
		t.Fatalf("the child stored %d documents in time; stderr:\n%s", childStored, childErr.String())
	}
	// Kill it mid-document: once it has begun one more than it stored
	// (each takes it 300 ms to extract).
	for deadline := time.Now().Add(30 * time.Second); ; {
		entries, _ := os.ReadDir(started)
		if len(entries) > childStored+1 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	q, err := queue.Connect(ctx, srv.ClientURL(), queue.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if _, inFlight, err := q.Pending(ctx); err != nil || inFlight != 1 {
		t.Fatalf("after the kill: %d documents held by no one, want 1 (%v)", inFlight, err)
	}

	useFakeExtractor(t, fakeExtractor{n: perDoc})
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan string, 1)
	go func() {
		_, _, stderr := runCmdContext(wctx, t, "worker", "--merge=false", "--queue", srv.ClientURL(), "--db", db, "--ack-wait", "1s")
		done <- stderr
	}()
	st, err := waitForStore(t, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var s sitrep.StoreStats
	for deadline := time.Now().Add(30 * time.Second); ; {
		if s, err = storeStats(ctx, st); err == nil && s.Documents == docs {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the kill: %+v, %v", s, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	stderr := <-done
	if s.Events != docs*perDoc {
		t.Errorf("%d events for %d documents, want %d", s.Events, docs, docs*perDoc)
	}
	// This worker stored what the child had not acknowledged: the
	// documents never delivered and the one the child held (redelivered
	// after --ack-wait). The child, one document at a time, had
	// acknowledged all it had committed but at most one.
	var stored int
	if i := strings.Index(stderr, "sitrep worker: "); i < 0 {
		t.Fatalf("no summary:\n%s", stderr)
	} else {
		fmt.Sscanf(stderr[i:], "sitrep worker: %d documents stored", &stored)
	}
	if stored < 1 || stored > docs-childStored+1 {
		t.Errorf("the second worker stored %d documents; the child had stored at least %d of %d", stored, childStored, docs)
	}
}
