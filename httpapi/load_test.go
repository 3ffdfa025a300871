package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/store/sqlite"
)

// loadEvents is the size of the load test's database.
const loadEvents = 100_000

var (
	loadOnce sync.Once
	loadDB   *sqlite.DB
	loadErr  error
)

// loadStore returns a SQLite store holding loadEvents events, built once
// per test binary run (about 10 s) in a temporary directory. Set
// SITREP_LOAD_DB to a path to keep the file between runs.
func loadStore(tb testing.TB) *sqlite.DB {
	tb.Helper()
	loadOnce.Do(func() {
		path := os.Getenv("SITREP_LOAD_DB")
		if path == "" {
			dir, err := os.MkdirTemp("", "sitrep-load-")
			if err != nil {
				loadErr = err
				return
			}
			tempDirs = append(tempDirs, dir)
			path = filepath.Join(dir, "load.db")
		}
		ctx := context.Background()
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			loadErr = err
			return
		}
		if _, err := db.Event(ctx, fmt.Sprintf("syn-%06d", loadEvents-1)); err == nil {
			loadDB = db // kept from an earlier run
			return
		}
		start := time.Now()
		for _, d := range syntheticDocs(loadEvents, 365, 20) {
			if _, err := db.PutDocument(ctx, d.doc, d.events); err != nil {
				loadErr = err
				return
			}
		}
		tb.Logf("stored %d events in %v", loadEvents, time.Since(start).Round(time.Millisecond))
		loadDB = db
	})
	if loadErr != nil {
		tb.Fatal(loadErr)
	}
	return loadDB
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
	db := loadStore(b)
	s, err := httpapi.New(httpapi.Options{Store: db})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s) // 127.0.0.1 only
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	urls := make([]string, len(queries))
	for i, q := range queries {
		urls[i] = ts.URL + "/api/events?limit=" + strconv.Itoa(limit) + "&" + q
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		next      atomic.Int64
		bytes     atomic.Int64
	)
	b.SetParallelism(8) // 8 x GOMAXPROCS (2) = 16 clients
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var local []time.Duration
		for pb.Next() {
			u := urls[int(next.Add(1))%len(urls)]
			t0 := time.Now()
			resp, err := client.Get(u)
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
	elapsed := time.Since(start)
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
	b.ReportMetric(float64(bytes.Load())/float64(len(latencies)), "B/resp")
}

// BenchmarkServer_Points measures the map's point list at 100,000
// events: one request carries every point.
func BenchmarkServer_Points(b *testing.B) {
	db := loadStore(b)
	s, err := httpapi.New(httpapi.Options{Store: db})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/api/points", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		b.ReportMetric(float64(rec.Body.Len()), "gzip-bytes")
	}
}
