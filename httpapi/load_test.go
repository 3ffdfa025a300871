package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/store"
)

// loadEvents is the size of the load test's database.
const loadEvents = 100_000

var (
	loadMu     sync.Mutex
	loadStores = map[int]sitrep.Store{}
)

// loadStore returns a SQLite store holding loadEvents events.
func loadStore(tb testing.TB) sitrep.Store { return loadStoreOf(tb, loadEvents) }

// loadStoreOf returns a SQLite store holding n synthetic events of the
// size real ones have (people, claims, several evidence spans), built
// once per test binary run in a temporary directory. Set SITREP_LOAD_DB
// to a directory to keep the files between runs.
func loadStoreOf(tb testing.TB, n int) sitrep.Store {
	tb.Helper()
	loadMu.Lock()
	defer loadMu.Unlock()
	if st := loadStores[n]; st != nil {
		return st
	}
	dir := os.Getenv("SITREP_LOAD_DB")
	if dir == "" {
		d, err := os.MkdirTemp("", "sitrep-load-")
		if err != nil {
			tb.Fatal(err)
		}
		tempDirs = append(tempDirs, d)
		dir = d
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("load-%d.db", n)), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	sharedStores[fmt.Sprint("load", n)] = db // closed by TestMain
	if _, err := db.Event(ctx, fmt.Sprintf("syn-%06d", n-1)); err == nil {
		loadStores[n] = db // kept from an earlier run
		return db
	}
	start := time.Now()
	for _, d := range syntheticDocs(n, 365, 20) {
		for i := range d.events {
			fleshOut(&d.events[i], d.doc.Text)
		}
		if _, err := db.PutDocument(ctx, d.doc, d.events); err != nil {
			tb.Fatal(err)
		}
	}
	tb.Logf("stored %d events in %v", n, time.Since(start).Round(time.Millisecond))
	loadStores[n] = db
	return db
}

// fleshOut gives a synthetic event what a real one carries besides its
// columns (a person, a claim, evidence of several fields, longer notes),
// so that its JSON has a real event's size, about 1.3 kB.
func fleshOut(ev *sitrep.Event, text string) {
	ev.AssocActor1 = "Police Forces of " + ev.Country
	ev.Actor2 = "Civilians (" + ev.Country + ")"
	ev.Admin2 = ev.Location + " District"
	ev.ClaimedBy = "Government of " + ev.Country
	ev.Notes += " Officials said the attackers fled; the figures could not be independently confirmed by the agency."
	ev.People = []sitrep.Person{{Name: "Abdul Example", Role: "district governor", Affiliation: ev.ClaimedBy, Fate: sitrep.FateInjured}}
	e := ev.Evidence[0]
	for _, f := range []string{sitrep.FieldEventDate, sitrep.FieldSubEventType, sitrep.FieldFatalities, sitrep.FieldActor1} {
		ev.Evidence = append(ev.Evidence, sitrep.Evidence{Field: f, Text: e.Text, Start: e.Start, End: e.End})
	}
	ev.Claims = []sitrep.Claim{{Claimant: ev.ClaimedBy, Cue: "said", Stance: "asserts", Text: text[e.Start:e.End], Start: e.Start, End: e.End}}
	ev.Inter1, ev.Inter2, ev.Injuries = 3, 7, 2
}

// loadQueries are the filtered lists the load generator asks for, in
// turn: what the page asks when someone filters and brushes.
var loadQueries = []string{
	"country=Afghanistan&from=2024-03-01&to=2024-03-31",
	"type=Battles,Explosions/Remote%20violence&from=2024-04-01",
	"verification=claimed&country=Syria",
	"admin1=Kandahar&type=Protests",
	"sub_type=Armed%20clash&from=2024-02-01&to=2024-02-29",
	"country=Yemen",
	"from=2024-05-01",
}

// bboxQuery is a map-view query: the page sends one when "only events in
// the map view" is on.
const bboxQuery = "bbox=60,29,75,38.5&from=2024-04-15&to=2024-05-10"

// BenchmarkServer_EventsFiltered measures GET /api/events with the
// filters of loadQueries over loopback HTTP against 100,000 events in
// SQLite, from 16 concurrent clients, and reports requests per second and
// the 99th percentile latency. Run it with
//
//	go test -run '^$' -bench Server_EventsFiltered -benchtime 10s ./httpapi
func BenchmarkServer_EventsFiltered(b *testing.B) {
	for _, limit := range []int{20, 100} {
		b.Run("limit="+strconv.Itoa(limit), func(b *testing.B) {
			benchLoad(b, limit, loadQueries)
		})
	}
	b.Run("bbox/limit=20", func(b *testing.B) {
		benchLoad(b, 20, []string{bboxQuery})
	})
}

func benchLoad(b *testing.B, limit int, queries []string) {
	paths := make([]string, len(queries))
	for i, q := range queries {
		paths[i] = "/api/events?limit=" + strconv.Itoa(limit) + "&" + q
	}
	benchClients(b, httpapi.Options{Store: loadStore(b), CacheBytes: -1}, 16, paths)
}

// BenchmarkServer_Load is the API's load test (issue 14, item 8): 16
// clients at once over loopback HTTP, each asking again as soon as it has
// its answer, against 20,000 events in SQLite: the first page of 100
// events (what the page asks on opening), a page of 1,000, and the map's
// point list. It reports requests per second and the 50th and 99th
// percentile latencies, with the server's answer cache (the same request
// again is a copy) and without it ("nocache": every request queries,
// encodes and compresses). Its time is bounded by -benchtime:
//
//	go test -run '^$' -bench Server_Load -benchtime 5s ./httpapi
func BenchmarkServer_Load(b *testing.B) {
	// Lists the answer cache rarely has: 2,000 different date windows, and
	// 2,000 lists of one event type up to a date, each asked about once
	// in a run.
	var windows []string
	end := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	for i := range 2000 {
		from := end.AddDate(0, 0, -(i%365)-30)
		to := from.AddDate(0, 0, 7+i/365)
		windows = append(windows, "/api/points?from="+from.Format(time.DateOnly)+"&to="+to.Format(time.DateOnly))
	}
	var typed []string
	for i := range 2000 {
		from := end.AddDate(0, 0, -(i % 365))
		typed = append(typed, "/api/points?type="+url.QueryEscape(typeOrder[i%len(typeOrder)])+"&to="+from.Format(time.DateOnly))
	}
	for _, bc := range []struct {
		name  string
		paths []string
	}{
		{"events/limit=100", []string{"/api/events?limit=100"}},
		{"events/limit=1000", []string{"/api/events?limit=1000"}},
		{"points", []string{"/api/points"}},
		{"points/windows", windows},
		{"points/types", typed},
	} {
		for _, cache := range []bool{true, false} {
			name := bc.name
			opts := httpapi.Options{Store: loadStoreOf(b, 20_000)}
			if !cache {
				name, opts.CacheBytes = "nocache/"+name, -1
			}
			b.Run(name, func(b *testing.B) { benchClients(b, opts, 16, bc.paths) })
		}
	}
}

// benchClients serves a Server of opts on loopback and has clients concurrent clients
// ask for paths in turn, accepting gzip as browsers do; it reports
// requests per second, latency percentiles and the bytes of a response.
func benchClients(b *testing.B, opts httpapi.Options, clients int, paths []string) {
	s, err := httpapi.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s) // 127.0.0.1 only
	defer ts.Close()
	// The clients ask for gzip, as browsers do, but do not decompress:
	// the load generator must not eat the CPU the server is measured on.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64, DisableCompression: true}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	urls := make([]string, len(paths))
	for i, p := range paths {
		urls[i] = ts.URL + p
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		next      atomic.Int64
		bytes     atomic.Int64
	)
	b.SetParallelism(max(1, clients/runtime.GOMAXPROCS(0))) // 8 x GOMAXPROCS (2) = 16 clients
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var local []time.Duration
		for pb.Next() {
			u := urls[int(next.Add(1))%len(urls)]
			t0 := time.Now()
			req, _ := http.NewRequest("GET", u, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			n, _ := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("%s: status %d", u, resp.StatusCode)
				return
			}
			local = append(local, time.Since(t0))
			bytes.Add(n)
		}
		mu.Lock()
		latencies = append(latencies, local...)
		mu.Unlock()
	})
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	b.StopTimer()
	if len(latencies) == 0 {
		return
	}
	slices.Sort(latencies)
	p := func(q float64) float64 {
		return float64(latencies[int(q*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "req/s")
	b.ReportMetric(p(0.50), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
	b.ReportMetric(float64(bytes.Load())/float64(len(latencies)), "wire-B/resp")
	// CPU per request, of server and clients together: unlike the rates,
	// it holds when other processes share the machine.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(latencies)), "cpu-ms/req")
}

// BenchmarkServer_Points measures the map's point list at 100,000
// events: one request carries every point, read from the store each time
// (the answer cache off).
func BenchmarkServer_Points(b *testing.B) {
	db := loadStore(b)
	s, err := httpapi.New(httpapi.Options{Store: db, CacheBytes: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", "http://localhost/api/points", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		b.ReportMetric(float64(rec.Body.Len()), "gzip-bytes")
	}
}
