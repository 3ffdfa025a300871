package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/httpapi"
)

// TestReadPaths_SameBodies checks that the fast read paths (the stored
// event JSON copied into GET /api/events, points streamed by
// sitrep.PointLister) answer exactly what the general paths do over the
// same SQLite store: the same JSON values for the events, the same bytes
// for the points, page after page.
func TestReadPaths_SameBodies(t *testing.T) {
	db := mustOpenDB(t)
	mustFill(t, db, 400)
	fast := newServer(t, httpapi.Options{Store: db}).URL
	slow := newServer(t, httpapi.Options{Store: plainStore{db}}).URL
	queries := []string{
		"",
		"limit=7",
		"limit=50&country=Afghanistan",
		"type=Battles&from=2024-02-01",
		"bbox=60,29,75,38.5",
		"q=clash",
		"country=Atlantis",
	}
	for _, q := range queries {
		t.Run("events?"+q, func(t *testing.T) {
			vals, _ := url.ParseQuery(q)
			for page := 0; ; page++ {
				path := "/api/events?" + vals.Encode()
				fs, fh, fb := do(t, "GET", fast+path, nil)
				ss, _, sb := do(t, "GET", slow+path, nil)
				if fs != 200 || ss != 200 {
					t.Fatalf("%s: status %d and %d: %s", path, fs, ss, fb)
				}
				if ct := fh.Get("Content-Type"); ct != "application/json; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				var fv, sv map[string]any
				if err := json.Unmarshal(fb, &fv); err != nil {
					t.Fatalf("%s: fast body: %v\n%s", path, err, fb)
				}
				if err := json.Unmarshal(sb, &sv); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(fv, sv) {
					t.Fatalf("%s: bodies differ:\nfast %s\nslow %s", path, fb, sb)
				}
				if !bytes.HasSuffix(fb, []byte("}\n")) {
					t.Errorf("fast body does not end in a newline")
				}
				next, _ := fv["next_cursor"].(string)
				if next == "" || page > 100 {
					break
				}
				vals.Set("cursor", next)
			}
		})
	}
}

// pointStore shows of its Store the methods of sitrep.Store and
// sitrep.PointLister only: the points are listed, not read as stored
// rows.
type pointStore struct {
	sitrep.Store
	sitrep.PointLister
}

// TestPoints_SameBytes checks that the ways of writing GET /api/points
// (chunks of rows a store keeps compressed, the rows a store keeps,
// points listed by the store, events read page by page; with the answer
// cache and without) answer the same bytes, plain and gzipped, over
// SQLite and PostgreSQL, with and without an event whose row cannot be
// stored.
func TestPoints_SameBytes(t *testing.T) {
	queries := []string{
		"",
		"from=2024-02-01&to=2024-03-15",
		"to=2024-01-20",
		"from=2031-01-01",
		"country=Afghanistan",
		"type=Battles&from=2024-02-01",
		"bbox=60,29,75,38.5",
		"q=clash",
		"country=Atlantis",
		"verification=claimed&to=2024-03-01",
	}
	for _, kind := range storeKinds {
		if kind != "sqlite" && kind != "postgres" {
			continue
		}
		t.Run(kind, func(t *testing.T) {
			db := openStore(t, kind)
			mustFill(t, db, 400)
			if _, ok := db.(sitrep.PointRowLister); !ok {
				t.Fatalf("%T keeps no point rows", db)
			}
			slow := newServer(t, httpapi.Options{Store: plainStore{db}, CacheBytes: -1}).URL
			servers := []string{
				newServer(t, httpapi.Options{Store: db, CacheBytes: -1}).URL,
				newServer(t, httpapi.Options{Store: db}).URL, // with the answer cache
				newServer(t, httpapi.Options{Store: pointStore{db, db.(sitrep.PointLister)}, CacheBytes: -1}).URL,
			}
			compare := func(t *testing.T) {
				for _, q := range queries {
					path := "/api/points?" + q
					_, _, want := do(t, "GET", slow+path, nil, "Accept-Encoding", "identity")
					for _, base := range servers {
						// Twice: the cache's miss, then its hit.
						for range 2 {
							status, hdr, got := do(t, "GET", base+path, nil, "Accept-Encoding", "identity")
							if status != 200 || !bytes.Equal(got, want) {
								t.Fatalf("%s: status %d, bodies differ:\n got %.300s\nwant %.300s", path, status, got, want)
							}
							if ct := hdr.Get("Content-Type"); ct != "application/json; charset=utf-8" {
								t.Errorf("%s: Content-Type %q", path, ct)
							}
							// Compressed, by whatever path: compress/gzip
							// checks the stream, its CRC and its length.
							status, hdr, zipped := do(t, "GET", base+path, nil, "Accept-Encoding", "gzip")
							// A large body must come compressed; a small one
							// may (when streamed, its length is not known).
							if status != 200 || hdr.Get("Content-Encoding") != "gzip" && len(want) >= 1024 {
								t.Fatalf("%s: gzip: status %d, %d bytes, %v", path, status, len(want), hdr)
							}
							if hdr.Get("Content-Encoding") != "gzip" {
								if !bytes.Equal(zipped, want) {
									t.Fatalf("%s: small body differs", path)
								}
								continue
							}
							zr, err := gzip.NewReader(bytes.NewReader(zipped))
							if err != nil {
								t.Fatalf("%s: %v", path, err)
							}
							got, err = io.ReadAll(zr)
							if err != nil || !bytes.Equal(got, want) {
								t.Fatalf("%s: gunzipped (%v):\n got %.300s\nwant %.300s", path, err, got, want)
							}
						}
					}
				}
			}
			compare(t)
			// An event of a type outside ACLED's has no stored row: the
			// lists that hold it are written from the points.
			other := sitrep.Event{EventID: "other-1", EventDate: "2024-03-05", EventType: "Crime", SubEventType: "Theft",
				Country: "Afghanistan", Notes: "A clash over a theft."}
			if _, err := db.PutDocument(context.Background(), &sitrep.Document{ID: "other.txt", Text: "A theft."}, []sitrep.Event{other}); err != nil {
				t.Fatal(err)
			}
			if _, _, b := do(t, "GET", servers[0]+"/api/points", nil, "Accept-Encoding", "identity"); !bytes.Contains(b, []byte(`"types":[`+
				`"Battles","Explosions/Remote violence","Violence against civilians","Protests","Riots","Strategic developments","Crime"]`)) {
				t.Fatalf("the other type is not in the list: %.200s", b[max(0, len(b)-300):])
			}
			t.Run("OtherType", compare)
		})
	}
}

// TestPoints_Truncated checks the cap on points on both paths.
func TestPoints_Truncated(t *testing.T) {
	db := mustOpenDB(t)
	mustFill(t, db, 60)
	for _, st := range []sitrep.Store{db, plainStore{db}} {
		base := newServer(t, httpapi.Options{Store: st, MaxPoints: 25}).URL
		status, _, body := do(t, "GET", base+"/api/points", nil)
		var p struct {
			Points    [][]any `json:"points"`
			Count     int     `json:"count"`
			Truncated bool    `json:"truncated"`
		}
		if err := json.Unmarshal(body, &p); status != 200 || err != nil {
			t.Fatalf("%T: status %d, %v: %s", st, status, err, body)
		}
		if p.Count != 25 || len(p.Points) != 25 || !p.Truncated {
			t.Errorf("%T: count %d, %d points, truncated %v", st, p.Count, len(p.Points), p.Truncated)
		}
	}
}

// TestGzip_Sizes checks that large responses are compressed and small
// ones of known length are not.
func TestGzip_Sizes(t *testing.T) {
	base := readServer(t, "sqlite")
	tests := []struct {
		path string
		gzip bool
	}{
		{"/api/events?limit=100", true},
		{"/api/points", true},
		{"/healthz", false},
		{"/api/events?limit=1&country=Atlantis", false},
		{"/api/events?from=nonsense", false},
	}
	for _, tc := range tests {
		_, hdr, body := do(t, "GET", base+tc.path, nil, "Accept-Encoding", "gzip")
		if got := hdr.Get("Content-Encoding") == "gzip"; got != tc.gzip {
			t.Errorf("%s: gzip %v, want %v (%d bytes)", tc.path, got, tc.gzip, len(body))
		}
		if !tc.gzip && hdr.Get("Content-Length") == "" {
			t.Errorf("%s: no Content-Length", tc.path)
		}
	}
}

// TestStatic_Gzipped checks that the page's files come compressed to
// clients that take gzip (per request at first, then precompressed), as
// they are to others, and revalidate by ETag.
func TestStatic_Gzipped(t *testing.T) {
	base := readServer(t, "mem")
	_, plainHdr, plain := do(t, "GET", base+"/app.js", nil, "Accept-Encoding", "identity")
	if plainHdr.Get("Content-Encoding") != "" || len(plain) < 1000 {
		t.Fatalf("plain: %v, %d bytes", plainHdr, len(plain))
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		status, hdr, body := do(t, "GET", base+"/app.js", nil, "Accept-Encoding", "gzip")
		if status != 200 || hdr.Get("Content-Encoding") != "gzip" {
			t.Fatalf("gzip: status %d, %v", status, hdr)
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("gunzipped body differs (%v)", err)
		}
		etag := hdr.Get("ETag")
		if status, _, _ := do(t, "GET", base+"/app.js", nil, "Accept-Encoding", "gzip", "If-None-Match", etag); status != 304 {
			t.Errorf("revalidation of %s: status %d", etag, status)
		}
		if etag != plainHdr.Get("ETag") {
			break // precompressed, with its own ETag
		}
		if time.Now().After(deadline) {
			t.Fatal("the file never came precompressed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
