package queue

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/queue/natstest"
	"github.com/sitrep-dev/sitrep/store/memstore"
	"github.com/sitrep-dev/sitrep/store/postgres"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

// testConfig redelivers after a second, so that tests of lost workers
// take seconds.
var testConfig = Config{AckWait: time.Second, MaxDeliver: 3}

func connect(t *testing.T, url string, cfg Config) *Queue {
	t.Helper()
	q, err := Connect(context.Background(), url, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.nc.Close() })
	return q
}

// newStore is the shared PostgreSQL store when the tests have one, else
// the in-memory store: both put idempotently.
func newStore(t *testing.T) sitrep.Store {
	t.Helper()
	if os.Getenv(pgtest.EnvURL) == "" {
		return memstore.New()
	}
	db, err := postgres.Open(context.Background(), pgtest.DSN(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// extractor gives each document one event named after its source, and
// can be made to wait, panic or count.
type extractor struct {
	calls   atomic.Int64
	started chan string   // receives the source of each document begun, if set
	release chan struct{} // extraction waits for it, if set
	panicOn string
}

func (e *extractor) Extract(doc *sitrep.Document) []sitrep.Event {
	e.calls.Add(1)
	if e.started != nil {
		e.started <- doc.ID
	}
	if e.release != nil {
		<-e.release
	}
	if doc.ID == e.panicOn {
		panic("invented pipeline bug")
	}
	return []sitrep.Event{storetest.Event(doc.ID, "ev-"+doc.ID, "2024-05-01")}
}

func doc(source string) *sitrep.Document {
	return storetest.Doc(source, "Invented report "+source+": clashes near a town.")
}

func publish(t *testing.T, q *Queue, docs ...*sitrep.Document) {
	t.Helper()
	for _, d := range docs {
		if _, err := q.Publish(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
}

// waitFor polls cond until it holds or ten seconds pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// run starts w and returns a function that stops it and waits.
func run(w *Worker) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		w.Run(ctx)
		close(done)
	}()
	return func() {
		cancel()
		<-done
	}
}

func storedEvents(t *testing.T, st sitrep.Store) int {
	t.Helper()
	evs, _, err := st.Events(context.Background(), sitrep.EventFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

func TestEncodeDecode(t *testing.T) {
	d := doc("a.txt")
	d.Body = sitrep.Span{Start: 2, End: 10}
	b, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if *got != *d || sitrep.ContentHash(got) != sitrep.ContentHash(d) {
		t.Errorf("round trip:\n got %+v\nwant %+v", *got, *d)
	}
	for _, bad := range []string{"", "{", `{"text":"no source"}`, `[1,2]`, `{"source":1}`} {
		if _, err := Decode([]byte(bad)); !errors.Is(err, sitrep.ErrInvalid) {
			t.Errorf("Decode(%q): %v, want ErrInvalid", bad, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"source":"a","text":"b","published":"2024-05-01T00:00:00Z","body":{"start":0,"end":1}}`))
	f.Add([]byte(`{"source":"a","body":{"start":-5,"end":99}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Decode(b)
		if err != nil {
			if !errors.Is(err, sitrep.ErrInvalid) {
				t.Errorf("Decode: %v", err)
			}
			return
		}
		d.BodySpan() // a hostile span must not panic
		if _, err := Encode(d); err != nil {
			t.Errorf("Encode of a decoded document: %v", err)
		}
	})
}

// Documents published once each are stored once each, by workers sharing
// the consumer; a document published twice is dropped by the server.
func TestWorkers_StoreEachDocumentOnce(t *testing.T) {
	srv := natstest.Server(t)
	st := newStore(t)
	pub := connect(t, srv.ClientURL(), testConfig)
	ex := &extractor{}
	var stats Stats
	for i := range 3 {
		w := &Worker{Queue: connect(t, srv.ClientURL(), testConfig), Store: st, Extract: ex, Concurrency: i + 1, Stats: &stats}
		defer run(w)()
	}
	const n = 40
	for i := range n {
		publish(t, pub, doc(fmt.Sprintf("d%02d.txt", i)))
	}
	if dup, err := pub.Publish(context.Background(), doc("d00.txt")); err != nil || !dup {
		t.Errorf("second publish of a document: duplicate %v, %v", dup, err)
	}
	waitFor(t, "every document stored", func() bool { return stats.Stored.Load() == n })
	if got := storedEvents(t, st); got != n {
		t.Errorf("%d events stored, want %d", got, n)
	}
	waitFor(t, "the queue to empty", func() bool {
		w, f, err := pub.Pending(context.Background())
		return err == nil && w == 0 && f == 0
	})
	if got := ex.calls.Load(); got != n {
		t.Errorf("%d extractions, want %d", got, n)
	}
}

// A worker that dies after the store's commit but before its ack (here:
// its connection closes, as a killed process's does) leaves the message to
// be redelivered after AckWait; the next worker stores it again, which
// changes nothing.
func TestWorker_KilledBeforeAck(t *testing.T) {
	srv := natstest.Server(t)
	st := newStore(t)
	pub := connect(t, srv.ClientURL(), testConfig)
	publish(t, pub, doc("killed.txt"))

	q1 := connect(t, srv.ClientURL(), testConfig)
	committed := make(chan struct{})
	w1 := &Worker{Queue: q1, Store: st, Extract: &extractor{}}
	w1.afterStore = func(*sitrep.Document) {
		q1.nc.Close() // the process dies between commit and ack
		close(committed)
	}
	stop1 := run(w1)
	<-committed
	stop1()
	if got := storedEvents(t, st); got != 1 {
		t.Fatalf("after the first worker: %d events", got)
	}

	ex2 := &extractor{}
	var stats2 Stats
	w2 := &Worker{Queue: connect(t, srv.ClientURL(), testConfig), Store: st, Extract: ex2, Stats: &stats2}
	defer run(w2)()
	waitFor(t, "redelivery to the second worker", func() bool { return stats2.Stored.Load() == 1 })
	if got := storedEvents(t, st); got != 1 {
		t.Errorf("after redelivery: %d events, want 1", got)
	}
	ids, _ := countDocs(t, st)
	if ids != 1 {
		t.Errorf("%d documents stored, want 1", ids)
	}
	waitFor(t, "the ack", func() bool {
		w, f, err := pub.Pending(context.Background())
		return err == nil && w == 0 && f == 0
	})
}

// A worker killed in the middle of a document (before anything is
// stored) leaves it to another worker.
func TestWorker_KilledMidDocument(t *testing.T) {
	srv := natstest.Server(t)
	st := newStore(t)
	pub := connect(t, srv.ClientURL(), testConfig)
	publish(t, pub, doc("mid.txt"))

	q1 := connect(t, srv.ClientURL(), testConfig)
	ex1 := &extractor{started: make(chan string, 1), release: make(chan struct{})}
	w1 := &Worker{Queue: q1, Store: st, Extract: ex1, Grace: time.Hour}
	go w1.Run(context.Background())
	<-ex1.started
	q1.nc.Close() // killed mid-extraction: no ack, no nak

	var stats2 Stats
	w2 := &Worker{Queue: connect(t, srv.ClientURL(), testConfig), Store: st, Extract: &extractor{}, Stats: &stats2}
	defer run(w2)()
	waitFor(t, "redelivery", func() bool { return stats2.Stored.Load() == 1 })
	close(ex1.release) // the dead worker's extraction ends; its store write fails or repeats
	if got := storedEvents(t, st); got != 1 {
		t.Errorf("%d events, want 1", got)
	}
}

func countDocs(t *testing.T, st sitrep.Store) (int, error) {
	t.Helper()
	if s, ok := st.(sitrep.StatsReader); ok {
		ss, err := s.Stats(context.Background())
		return ss.Documents, err
	}
	t.Fatalf("%T has no Stats", st)
	return 0, nil
}

// Shutdown lets the document in flight finish within the grace period.
func TestWorker_ShutdownFinishesInFlight(t *testing.T) {
	srv := natstest.Server(t)
	st := newStore(t)
	pub := connect(t, srv.ClientURL(), testConfig)
	publish(t, pub, doc("flight.txt"))
	ex := &extractor{started: make(chan string, 1), release: make(chan struct{})}
	var stats Stats
	w := &Worker{Queue: connect(t, srv.ClientURL(), testConfig), Store: st, Extract: ex, Stats: &stats, Grace: time.Minute}
	stop := run(w)
	<-ex.started
	go func() {
		time.Sleep(100 * time.Millisecond)
		close(ex.release)
	}()
	stop() // returns when the document is done
	if stats.Stored.Load() != 1 || stats.Handed.Load() != 0 {
		t.Errorf("stats after shutdown: %s", &stats)
	}
	waitFor(t, "the ack", func() bool {
		w, f, err := pub.Pending(context.Background())
		return err == nil && w == 0 && f == 0
	})
}

// slowStore blocks PutDocument until its context ends.
type slowStore struct{ sitrep.Store }

func (s slowStore) PutDocument(ctx context.Context, doc *sitrep.Document, evs []sitrep.Event) (string, error) {
	<-ctx.Done()
	return "", ctx.Err()
}

// Past the grace period the document is handed back at once (nak), not
// after AckWait, and another worker stores it.
func TestWorker_ShutdownHandsBackAfterGrace(t *testing.T) {
	srv := natstest.Server(t)
	st := newStore(t)
	cfg := testConfig
	cfg.AckWait = time.Hour // only a nak can bring the document back in time
	pub := connect(t, srv.ClientURL(), cfg)
	publish(t, pub, doc("handed.txt"))
	var stats Stats
	w := &Worker{Queue: connect(t, srv.ClientURL(), cfg), Store: slowStore{st}, Extract: &extractor{}, Stats: &stats, Grace: 200 * time.Millisecond}
	stop := run(w)
	waitFor(t, "the document in flight", func() bool {
		_, f, err := pub.Pending(context.Background())
		return err == nil && f == 1
	})
	stop()
	if stats.Handed.Load() != 1 {
		t.Fatalf("stats: %s", &stats)
	}
	var stats2 Stats
	w2 := &Worker{Queue: connect(t, srv.ClientURL(), cfg), Store: st, Extract: &extractor{}, Stats: &stats2}
	defer run(w2)()
	waitFor(t, "the second worker", func() bool { return stats2.Stored.Load() == 1 })
}

// failingStore fails every put, as a store that is down does.
type failingStore struct {
	sitrep.Store
	puts atomic.Int64
}

func (s *failingStore) PutDocument(context.Context, *sitrep.Document, []sitrep.Event) (string, error) {
	s.puts.Add(1)
	return "", errors.New("invented outage")
}

func deadLetters(t *testing.T, q *Queue, n int) []jetstream.Msg {
	t.Helper()
	waitFor(t, fmt.Sprintf("%d dead letters", n), func() bool {
		got, err := q.DeadLetters(context.Background())
		return err == nil && got == uint64(n)
	})
	c, err := q.js.OrderedConsumer(context.Background(), q.cfg.DeadStream, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Fetch(n, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var out []jetstream.Msg
	for m := range b.Messages() {
		out = append(out, m)
	}
	if len(out) != n {
		t.Fatalf("%d dead letters read, want %d", len(out), n)
	}
	return out
}

// A document that fails on every delivery is retried MaxDeliver times,
// then dead-lettered with the reason; one that can never succeed (a
// pipeline panic, a body that is no document) goes at once.
func TestWorker_DeadLetters(t *testing.T) {
	srv := natstest.Server(t)
	pub := connect(t, srv.ClientURL(), testConfig)
	st := &failingStore{Store: memstore.New()}
	var stats Stats
	w := &Worker{Queue: connect(t, srv.ClientURL(), testConfig), Store: st, Extract: &extractor{panicOn: "panic.txt"}, Stats: &stats}
	defer run(w)()
	publish(t, pub, doc("outage.txt"))
	dead := deadLetters(t, pub, 1)
	if got := st.puts.Load(); got != int64(testConfig.MaxDeliver) {
		t.Errorf("%d puts, want %d", got, testConfig.MaxDeliver)
	}
	if h := dead[0].Headers(); !strings.Contains(h.Get(HeaderError), "invented outage") || h.Get(HeaderDeliveries) != "3" {
		t.Errorf("dead letter headers: %v", h)
	}
	if d, err := Decode(dead[0].Data()); err != nil || d.ID != "outage.txt" {
		t.Errorf("dead letter body: %v %v", d, err)
	}

	publish(t, pub, doc("panic.txt"))
	if _, err := pub.js.Publish(context.Background(), pub.cfg.Subject, []byte("not a document")); err != nil {
		t.Fatal(err)
	}
	dead = deadLetters(t, pub, 3)
	for _, m := range dead[1:] {
		if m.Headers().Get(HeaderDeliveries) != "1" {
			t.Errorf("a permanent failure was retried: %v", m.Headers())
		}
	}
	if !strings.Contains(dead[1].Headers().Get(HeaderError), "internal error") {
		t.Errorf("panic dead letter: %v", dead[1].Headers())
	}
	waitFor(t, "the work queue to empty", func() bool {
		w, f, err := pub.Pending(context.Background())
		return err == nil && w == 0 && f == 0
	})
}

// A document whose every delivery goes to a worker that dies is dead-
// lettered from the server's max-deliveries advisory by a live worker.
func TestWorker_DeadLetterFromAdvisory(t *testing.T) {
	srv := natstest.Server(t)
	cfg := testConfig
	cfg.MaxDeliver = 2
	pub := connect(t, srv.ClientURL(), cfg)
	st := memstore.New()
	listener := &Worker{Queue: connect(t, srv.ClientURL(), cfg), Store: st, Extract: &extractor{}}
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	defer func() { cancel(); wg.Wait() }()
	// Two deliveries, each to a worker that dies holding it.
	publish(t, pub, doc("cursed.txt"))
	for range cfg.MaxDeliver {
		q := connect(t, srv.ClientURL(), cfg)
		ex := &extractor{started: make(chan string, 1), release: make(chan struct{})}
		go (&Worker{Queue: q, Store: st, Extract: ex}).Run(context.Background())
		<-ex.started
		q.nc.Close()
		defer close(ex.release)
	}
	// Only now a healthy worker joins; it hears the advisory when the last
	// AckWait runs out and copies the message to the dead letters.
	wg.Go(func() { listener.Run(ctx) })
	dead := deadLetters(t, pub, 1)
	if h := dead[0].Headers(); !strings.Contains(h.Get(HeaderError), "no worker acknowledged") {
		t.Errorf("headers: %v", h)
	}
	if storedEvents(t, st) != 0 {
		t.Error("the cursed document was stored")
	}
	waitFor(t, "the work stream to empty", func() bool {
		s, err := pub.js.Stream(context.Background(), pub.cfg.Stream)
		if err != nil {
			t.Log(err)
			return false
		}
		info, err := s.Info(context.Background())
		if err != nil || info.State.Msgs != 0 {
			t.Logf("work stream: %+v", info.State)
		}
		return err == nil && info.State.Msgs == 0
	})
}

// reportExtractor gives each document one report of the same invented
// clash, under an id of its own.
type reportExtractor struct{}

func (reportExtractor) Extract(doc *sitrep.Document) []sitrep.Event {
	ev := storetest.Event(doc.ID, "AFG-"+doc.ID, "2024-05-12")
	ev.Source = ""
	return []sitrep.Event{ev}
}

// Two workers taking two reports of one event off the queue at the same
// time store one event (PostgreSQL with the ledger).
func TestWorkers_TwoReportsOneEvent(t *testing.T) {
	pgtest.Base(t)
	srv := natstest.Server(t)
	dsn := pgtest.DSN(t)
	pub := connect(t, srv.ClientURL(), testConfig)
	var stats Stats
	var dbs []*postgres.DB
	for range 2 {
		db, err := postgres.Open(context.Background(), dsn, postgres.Options{Ledger: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs = append(dbs, db)
		w := &Worker{Queue: connect(t, srv.ClientURL(), testConfig), Store: db, Extract: reportExtractor{}, Stats: &stats}
		defer run(w)()
	}
	publish(t, pub, doc("first.txt"), doc("second.txt"))
	waitFor(t, "both reports stored", func() bool { return stats.Stored.Load() == 2 })
	s, err := dbs[0].Stats(context.Background())
	if err != nil || s.Documents != 2 || s.Events != 1 {
		t.Errorf("%+v, %v; want 2 documents and 1 event", s, err)
	}
}
