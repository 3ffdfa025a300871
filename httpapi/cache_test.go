package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/memstore"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

// countingStore counts the listings that reach the store.
type countingStore struct {
	*memstore.Store
	lists atomic.Int64
}

func (c *countingStore) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, string, error) {
	c.lists.Add(1)
	return c.Store.Events(ctx, f)
}

func (c *countingStore) EventPoints(ctx context.Context, f sitrep.EventFilter, fn func(sitrep.EventPoint) error) error {
	c.lists.Add(1)
	return c.Store.EventPoints(ctx, f, fn)
}

// fetch returns the status and body of a GET, decompressed when gz.
func fetch(t *testing.T, url string, gz bool) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	// A bare transport: it does not ask for gzip by itself.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		body = zr
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func TestCache(t *testing.T) {
	ctx := context.Background()
	st := &countingStore{Store: memstore.New()}
	for i := range 30 {
		src := string(rune('a'+i%26)) + strings.Repeat("x", i/26) + ".txt"
		if _, err := st.PutDocument(ctx, storetest.Doc(src, "text of "+src), []sitrep.Event{storetest.Event(src, "ev-"+src, "2024-05-01")}); err != nil {
			t.Fatal(err)
		}
	}
	ts := newServer(t, httpapi.Options{Store: st})
	plain := newServer(t, httpapi.Options{Store: st, CacheBytes: -1})

	for _, path := range []string{"/api/events?limit=20", "/api/points", "/api/events?country=Afghanistan&limit=5"} {
		t.Run("SameAsUncached"+path, func(t *testing.T) {
			_, want, _ := fetch(t, plain.URL+path, false)
			for _, gz := range []bool{true, false, true} {
				code, got, h := fetch(t, ts.URL+path, gz)
				if code != 200 || got != want {
					t.Errorf("gzip %v: %d, body differs from the uncached answer:\n got %.200s\nwant %.200s", gz, code, got, want)
				}
				if gz != (h.Get("Content-Encoding") == "gzip") {
					t.Errorf("gzip %v: Content-Encoding %q", gz, h.Get("Content-Encoding"))
				}
			}
		})
	}

	t.Run("HitsDoNotReachTheStore", func(t *testing.T) {
		fetch(t, ts.URL+"/api/events?limit=7", true)
		n := st.lists.Load()
		for range 5 {
			fetch(t, ts.URL+"/api/events?limit=7", true)
			fetch(t, ts.URL+"/api/events?limit=7", false)
		}
		if got := st.lists.Load() - n; got != 0 {
			t.Errorf("%d listings for answers in the cache", got)
		}
	})

	t.Run("ParameterOrderIsOneKey", func(t *testing.T) {
		fetch(t, ts.URL+"/api/events?limit=3&country=Afghanistan", true)
		n := st.lists.Load()
		fetch(t, ts.URL+"/api/events?country=Afghanistan&limit=3", true)
		if got := st.lists.Load() - n; got != 0 {
			t.Errorf("%d listings for a reordered query", got)
		}
	})

	t.Run("WriteInvalidates", func(t *testing.T) {
		_, before, _ := fetch(t, ts.URL+"/api/events?limit=1", true)
		e := storetest.Event("new.txt", "ev-newest", "2024-06-30")
		if _, err := st.PutDocument(ctx, storetest.Doc("new.txt", "new"), []sitrep.Event{e}); err != nil {
			t.Fatal(err)
		}
		_, after, _ := fetch(t, ts.URL+"/api/events?limit=1", true)
		if after == before || !strings.Contains(after, "ev-newest") {
			t.Errorf("after a write the cache served the old page: %.200s", after)
		}
		if _, pts, _ := fetch(t, ts.URL+"/api/points", true); !strings.Contains(pts, "ev-newest") {
			t.Errorf("points after a write lack the new event")
		}
	})

	t.Run("ErrorsAreNotKept", func(t *testing.T) {
		for range 2 {
			if code, body, _ := fetch(t, ts.URL+"/api/events?from=2024-13-01", true); code != 400 || !strings.Contains(body, "invalid") {
				t.Errorf("bad filter: %d %s", code, body)
			}
		}
	})

	t.Run("ConcurrentMissesComputeOnce", func(t *testing.T) {
		n := st.lists.Load()
		var wg sync.WaitGroup
		bodies := make([]string, 16)
		for i := range bodies {
			wg.Go(func() { _, bodies[i], _ = fetch(t, ts.URL+"/api/events?limit=11&verification=claimed", i%2 == 0) })
		}
		wg.Wait()
		for _, b := range bodies[1:] {
			if b != bodies[0] {
				t.Fatal("concurrent answers differ")
			}
		}
		if got := st.lists.Load() - n; got != 1 {
			t.Errorf("%d listings for 16 concurrent identical requests, want 1", got)
		}
	})
}

// TestCache_HeadAndRange checks that a cached answer keeps HTTP's rules:
// HEAD has no body, and a range request gets the plain bytes.
func TestCache_HeadAndRange(t *testing.T) {
	st := memstore.New()
	if _, err := st.PutDocument(context.Background(), storetest.Doc("a.txt", "a"), []sitrep.Event{storetest.Event("a.txt", "a1", "2024-05-01")}); err != nil {
		t.Fatal(err)
	}
	ts := newServer(t, httpapi.Options{Store: st})
	_, full, _ := fetch(t, ts.URL+"/api/events", false)
	resp, err := http.Head(ts.URL + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(b) != 0 {
		t.Errorf("HEAD: %d with %d body bytes", resp.StatusCode, len(b))
	}
	req, _ := http.NewRequest("GET", ts.URL+"/api/events", nil)
	req.Header.Set("Range", "bytes=0-9")
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err = (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "" || !bytes.HasPrefix([]byte(full), b) {
		t.Errorf("range request: encoding %q, body %q", resp.Header.Get("Content-Encoding"), b)
	}
}

// TestCache_WriterElsewhere checks that a server's cached answers follow
// writes made through another handle on the same database, as another
// process (a worker, an ingest) makes them: on every store kind that
// keeps a version.
func TestCache_WriterElsewhere(t *testing.T) {
	ctx := context.Background()
	for _, kind := range storeKinds {
		var open func() sitrep.Store
		switch kind {
		case "sqlite":
			path := filepath.Join(t.TempDir(), "shared.db")
			open = func() sitrep.Store {
				db, err := store.Open(ctx, path, store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				return db
			}
		case "postgres":
			dsn := pgtest.DSN(t)
			open = func() sitrep.Store {
				db := mustOpenPostgres(t, dsn)
				t.Cleanup(func() { db.Close() })
				return db
			}
		default:
			continue
		}
		t.Run(kind, func(t *testing.T) {
			served, writer := open(), open()
			if _, ok := served.(sitrep.Versioner); !ok {
				t.Errorf("the %s store is no sitrep.Versioner: the server caches none of its answers", kind)
			}
			put := func(id, date string) {
				t.Helper()
				src := id + ".txt"
				if _, err := writer.PutDocument(ctx, storetest.Doc(src, "invented report "+id), []sitrep.Event{storetest.Event(src, id, date)}); err != nil {
					t.Fatal(err)
				}
			}
			put("first", "2024-05-01")
			ts := newServer(t, httpapi.Options{Store: served})
			for _, path := range []string{"/api/events?limit=5", "/api/points"} {
				if _, body, _ := fetch(t, ts.URL+path, true); !strings.Contains(body, `"first"`) {
					t.Fatalf("%s: %.200s", path, body)
				}
			}
			put("second", "2024-05-02")
			for _, path := range []string{"/api/events?limit=5", "/api/points"} {
				if _, body, _ := fetch(t, ts.URL+path, true); !strings.Contains(body, `"second"`) {
					t.Errorf("%s after another handle wrote: the cached answer lacks the new event: %.200s", path, body)
				}
			}
		})
	}
}
