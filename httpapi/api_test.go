package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/mock"
	"github.com/sitrep-dev/sitrep/store/memstore"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
)

// nSynthetic is the number of synthetic events beside the fixture's two.
const nSynthetic = 200

// storeKinds are the stores every read test runs against: "plain" is a
// MemStore that shows only the methods of sitrep.Store, so that the
// handlers' fallbacks for stores without the optional read paths
// (sitrep.PointLister, sitrep.RawEventLister) are tested too.
var storeKinds = []string{"mem", "plain", "sqlite"}

// plainStore hides every method of its Store but sitrep.Store's.
type plainStore struct{ sitrep.Store }

var (
	sharedMu     sync.Mutex
	sharedStores = map[string]sitrep.Store{}
)

// openStore returns a new empty store of kind.
func openStore(tb testing.TB, kind string) sitrep.Store {
	tb.Helper()
	switch kind {
	case "sqlite":
		return mustOpenDB(tb)
	case "postgres":
		return mustOpenPostgres(tb, pgtest.DSN(tb))
	case "plain":
		return plainStore{memstore.New()}
	}
	return memstore.New()
}

// readServer returns a test server over a store of kind, filled once for
// all read-only tests.
func readServer(t *testing.T, kind string) string {
	t.Helper()
	sharedMu.Lock()
	defer sharedMu.Unlock()
	st := sharedStores[kind]
	if st == nil {
		switch kind {
		case "sqlite":
			st = mustOpenDBNoCleanup(t)
		case "postgres":
			dsn, drop, err := pgtest.Schema(context.Background(), pgtest.Base(t))
			if err != nil {
				t.Fatal(err)
			}
			pgDrops = append(pgDrops, drop)
			st = mustOpenPostgres(t, dsn)
		case "plain":
			st = plainStore{memstore.New()}
		default:
			st = memstore.New()
		}
		mustFill(t, st, nSynthetic)
		sharedStores[kind] = st
	}
	return newServer(t, httpapi.Options{Store: st}).URL
}

// forEachStore runs fn as a subtest per store kind.
func forEachStore(t *testing.T, fn func(t *testing.T, base string)) {
	for _, kind := range storeKinds {
		t.Run(kind, func(t *testing.T) { fn(t, readServer(t, kind)) })
	}
}

// apiError is the body of an error response.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// do sends a request and returns the status, the headers and the body.
func do(t *testing.T, method, u string, body io.Reader, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// checkError asserts a JSON error response of status and code.
func checkError(t *testing.T, status int, hdr http.Header, body []byte, wantStatus int, wantCode string) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("status %d, want %d; body %s", status, wantStatus, body)
	}
	if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, want JSON", ct)
	}
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, body)
	}
	if e.Error.Code != wantCode || e.Error.Message == "" {
		t.Fatalf("error %+v, want code %q and a message", e.Error, wantCode)
	}
}

func TestServer_BadRequests(t *testing.T) {
	forEachStore(t, func(t *testing.T, base string) {
		for _, tc := range []struct {
			name, method, path string
			status             int
			code               string
		}{
			{"BadDate", "GET", "/api/events?from=2024-13-01", 400, "invalid"},
			{"NotADate", "GET", "/api/events?to=yesterday", 400, "invalid"},
			{"LooseDate", "GET", "/api/events?from=2024-5-1", 400, "invalid"},
			{"FromAfterTo", "GET", "/api/events?from=2024-05-10&to=2024-05-01", 400, "invalid"},
			{"BBoxThreeValues", "GET", "/api/events?bbox=1,2,3", 400, "invalid"},
			{"BBoxLonOutOfRange", "GET", "/api/events?bbox=0,0,200,10", 400, "invalid"},
			{"BBoxLatOutOfRange", "GET", "/api/events?bbox=0,-91,10,10", 400, "invalid"},
			{"BBoxInverted", "GET", "/api/events?bbox=10,0,5,10", 400, "invalid"},
			{"BBoxNaN", "GET", "/api/events?bbox=NaN,0,5,10", 400, "invalid"},
			{"BBoxInf", "GET", "/api/events?bbox=-Inf,0,5,10", 400, "invalid"},
			{"UnknownParameter", "GET", "/api/events?sub-type=Attack", 400, "invalid"},
			{"RepeatedSingle", "GET", "/api/events?actor=a&actor=b", 400, "invalid"},
			{"UnknownType", "GET", "/api/events?type=Battle", 400, "invalid"},
			{"UnknownVerification", "GET", "/api/events?verification=maybe", 400, "invalid"},
			{"LimitTooLarge", "GET", "/api/events?limit=1001", 400, "invalid"},
			{"LimitZero", "GET", "/api/events?limit=0", 400, "invalid"},
			{"LimitNotNumber", "GET", "/api/events?limit=ten", 400, "invalid"},
			{"BadCursor", "GET", "/api/events?cursor=%27%3B--", 400, "invalid"},
			{"LongQuery", "GET", "/api/events?q=" + strings.Repeat("x", 600), 400, "invalid"},
			{"InvalidUTF8", "GET", "/api/events?actor=%ff%fe", 400, "invalid"},
			{"PointsBadBBox", "GET", "/api/points?bbox=x", 400, "invalid"},
			{"PointsNoLimit", "GET", "/api/points?limit=5", 400, "invalid"},
			{"ExportBadFormat", "GET", "/api/export?format=xml", 400, "invalid"},
			{"ExportBadDate", "GET", "/api/export?format=csv&from=1st", 400, "invalid"},
			{"EventNotFound", "GET", "/api/events/no-such-event", 404, "not_found"},
			{"DocumentNotFound", "GET", "/api/documents/no-such-doc", 404, "not_found"},
			{"UnknownEndpoint", "GET", "/api/nothing", 404, "not_found"},
			{"DeleteEvents", "DELETE", "/api/events", 405, "method_not_allowed"},
			{"PostEvents", "POST", "/api/events", 405, "method_not_allowed"},
			{"PutDocument", "PUT", "/api/documents/x", 405, "method_not_allowed"},
			{"GetDocuments", "GET", "/api/documents", 405, "method_not_allowed"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				status, hdr, body := do(t, tc.method, base+tc.path, nil)
				checkError(t, status, hdr, body, tc.status, tc.code)
				if tc.status == 405 && hdr.Get("Allow") == "" {
					t.Error("405 without an Allow header")
				}
			})
		}
	})
}

// getEvents fetches one page of /api/events.
func getEvents(t *testing.T, base, query string) (events []sitrep.Event, next string) {
	t.Helper()
	status, _, body := do(t, "GET", base+"/api/events?"+query, nil)
	if status != 200 {
		t.Fatalf("GET /api/events?%s: status %d: %s", query, status, body)
	}
	var page struct {
		Events     []sitrep.Event `json:"events"`
		NextCursor *string        `json:"next_cursor"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	if page.Events == nil || page.NextCursor == nil {
		t.Fatalf("page lacks events or next_cursor: %.200s", body)
	}
	return page.Events, *page.NextCursor
}

func TestServer_Events(t *testing.T) {
	forEachStore(t, func(t *testing.T, base string) {
		t.Run("DefaultPage", func(t *testing.T) {
			events, next := getEvents(t, base, "")
			if len(events) != httpapi.DefaultLimit || next == "" {
				t.Fatalf("got %d events, next %q; want %d and a cursor", len(events), next, httpapi.DefaultLimit)
			}
		})
		t.Run("PagesCoverEverythingOnce", func(t *testing.T) {
			seen := map[string]bool{}
			q := url.Values{"limit": {"37"}}
			for pages := 0; ; pages++ {
				if pages > 100 {
					t.Fatal("too many pages")
				}
				events, next := getEvents(t, base, q.Encode())
				for _, ev := range events {
					if seen[ev.EventID] {
						t.Fatalf("event %s on two pages", ev.EventID)
					}
					seen[ev.EventID] = true
				}
				if next == "" {
					break
				}
				q.Set("cursor", next)
			}
			if len(seen) != nSynthetic+2 {
				t.Fatalf("pages held %d events, want %d", len(seen), nSynthetic+2)
			}
		})
		for _, tc := range []struct {
			name, query string
			check       func(ev sitrep.Event) bool
			want        int // -1: at least one
		}{
			{"Type", "type=Battles&limit=1000", func(ev sitrep.Event) bool { return ev.EventType == sitrep.Battles }, -1},
			{"TypeCaseInsensitive", "type=battles,protests&limit=1000", func(ev sitrep.Event) bool {
				return ev.EventType == sitrep.Battles || ev.EventType == sitrep.Protests
			}, -1},
			{"SubType", "sub_type=Peaceful%20protest&limit=1000", func(ev sitrep.Event) bool { return ev.SubEventType == "Peaceful protest" }, -1},
			{"Dates", "from=2024-05-07&to=2024-05-09&limit=1000", func(ev sitrep.Event) bool {
				return ev.EventDate >= "2024-05-07" && ev.EventDate <= "2024-05-09"
			}, -1},
			{"Country", "country=Afghanistan&admin1=Balkh", func(ev sitrep.Event) bool { return ev.EventID == clashID }, 1},
			{"BBox", "bbox=66.5,36.5,67.5,37", func(ev sitrep.Event) bool { return ev.EventID == clashID }, 1},
			{"Verification", "verification=unconfirmed&country=Afghanistan&admin1=Balkh", func(ev sitrep.Event) bool { return ev.EventID == clashID }, 1},
			{"ClaimedBy", "claimed_by=Military%20Forces%20of%20Afghanistan%20(2021-)", func(ev sitrep.Event) bool { return ev.EventID == clashID }, 1},
			{"Actor", "actor=Protesters%20(Afghanistan)", func(ev sitrep.Event) bool { return ev.EventID == protestID }, 1},
			{"FullText", "q=Sheberghan%20governor", func(ev sitrep.Event) bool { return ev.Source == fixtureSource }, -1},
			{"Source", "source=" + url.QueryEscape(fixtureSource), func(ev sitrep.Event) bool { return ev.Source == fixtureSource }, 2},
			// SQL metacharacters are values like any other: no match, no error.
			{"SQLQuote", "actor=" + url.QueryEscape(`' OR 1=1 --`), nil, 0},
			{"SQLDrop", "country=" + url.QueryEscape(`x'); DROP TABLE events; --`), nil, 0},
			{"SQLLikeWildcards", "admin1=" + url.QueryEscape(`%_%`), nil, 0},
			{"FTSQuote", "q=" + url.QueryEscape(`"unbalanced`), nil, 0},
			{"FTSOperators", "q=" + url.QueryEscape(`NEAR( OR AND NOT * ^ -- ;`), nil, 0},
			{"FTSDrop", "q=" + url.QueryEscape(`'; DROP TABLE documents; --`), nil, 0},
			{"Semicolons", "claimed_by=" + url.QueryEscape(`a;b`) + "&sub_type=" + url.QueryEscape(`x' UNION SELECT 1 --`), nil, 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				events, _ := getEvents(t, base, tc.query)
				if tc.want >= 0 && len(events) != tc.want {
					t.Fatalf("got %d events, want %d", len(events), tc.want)
				}
				if tc.want < 0 && len(events) == 0 {
					t.Fatal("got no events")
				}
				for _, ev := range events {
					if !tc.check(ev) {
						t.Fatalf("event %s (%s %s %s) does not match %s", ev.EventID, ev.EventDate, ev.EventType, ev.Location, tc.query)
					}
				}
			})
		}
		t.Run("TablesSurvive", func(t *testing.T) {
			events, _ := getEvents(t, base, "limit=1000")
			if len(events) != nSynthetic+2 {
				t.Fatalf("got %d events after the injection attempts, want %d", len(events), nSynthetic+2)
			}
		})
	})
}

func TestServer_Event(t *testing.T) {
	forEachStore(t, func(t *testing.T, base string) {
		status, _, body := do(t, "GET", base+"/api/events/"+clashID, nil)
		if status != 200 {
			t.Fatalf("status %d: %s", status, body)
		}
		var d httpapi.EventDetail
		if err := json.Unmarshal(body, &d); err != nil {
			t.Fatal(err)
		}
		_, want := fixtureArticle(t)
		if d.EventID != clashID || d.Fatalities != 4 || len(d.People) != 2 || len(d.Claims) != 1 || len(d.Evidence) != len(want[0].Evidence) {
			t.Fatalf("event fields lost: %+v", d.Event)
		}
		if d.Document == nil || d.Document.Source != fixtureSource || d.Document.Text == "" {
			t.Fatalf("document missing: %+v", d.Document)
		}
		if len(d.Highlights) != len(want[0].Evidence)+len(want[0].Claims) {
			t.Fatalf("got %d highlights, want %d", len(d.Highlights), len(want[0].Evidence)+len(want[0].Claims))
		}
		// The UTF-16 offsets slice the text as JavaScript would.
		u := utf16.Encode([]rune(d.Document.Text))
		for _, h := range d.Highlights {
			if got := string(utf16.Decode(u[h.Start16:h.End16])); got != h.Text {
				t.Errorf("%s %s: UTF-16 [%d:%d] is %q, want %q", h.Kind, h.Field, h.Start16, h.End16, got, h.Text)
			}
			if got := d.Document.Text[h.Start:h.End]; got != h.Text {
				t.Errorf("%s %s: bytes [%d:%d] are %q, want %q", h.Kind, h.Field, h.Start, h.End, got, h.Text)
			}
		}
		t.Run("Document", func(t *testing.T) {
			for _, id := range []string{url.PathEscape(fixtureSource), d.Document.ID} {
				status, _, body := do(t, "GET", base+"/api/documents/"+id, nil)
				if status != 200 {
					t.Fatalf("GET /api/documents/%s: status %d: %s", id, status, body)
				}
				var doc sitrep.StoredDocument
				if err := json.Unmarshal(body, &doc); err != nil || doc.Text != d.Document.Text {
					t.Fatalf("document %s: %v", id, err)
				}
			}
		})
	})
}

func TestServer_Points(t *testing.T) {
	forEachStore(t, func(t *testing.T, base string) {
		status, hdr, body := do(t, "GET", base+"/api/points?country=Afghanistan", nil, "Accept-Encoding", "gzip")
		if status != 200 {
			t.Fatalf("status %d: %s", status, body)
		}
		if hdr.Get("Content-Encoding") != "gzip" {
			t.Errorf("points not compressed: %v", hdr)
		}
		_, _, body = do(t, "GET", base+"/api/points?country=Afghanistan", nil)
		var p struct {
			Points    [][]any  `json:"points"`
			Types     []string `json:"types"`
			Count     int      `json:"count"`
			Truncated bool     `json:"truncated"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatalf("%v: %.300s", err, body)
		}
		events, _ := getEvents(t, base, "country=Afghanistan&limit=1000")
		if p.Count != len(events) || len(p.Points) != len(events) || p.Truncated {
			t.Fatalf("count %d, %d points, want %d", p.Count, len(p.Points), len(events))
		}
		for _, row := range p.Points {
			if row[0] == clashID {
				if row[1].(float64) != 36.709 || row[2].(float64) != 67.1109 || p.Types[int(row[3].(float64))] != sitrep.Battles ||
					row[4].(float64) != 19850 || row[5].(float64) != 4 {
					t.Fatalf("clash row %v", row)
				}
				return
			}
		}
		t.Fatal("clash not among the points")
	})
}

func TestServer_Export(t *testing.T) {
	forEachStore(t, func(t *testing.T, base string) {
		total := nSynthetic + 2
		for _, tc := range []struct {
			format, ctype string
			check         func(t *testing.T, body []byte)
		}{
			{"csv", "text/csv", func(t *testing.T, body []byte) {
				recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if len(recs) != total+1 || recs[0][0] != "event_id_cnty" && recs[0][0] != "event_id" {
					t.Fatalf("%d records, header %v", len(recs), recs[0])
				}
			}},
			{"geojson", "application/geo+json", func(t *testing.T, body []byte) {
				var fc struct {
					Type     string `json:"type"`
					Features []struct {
						Type     string `json:"type"`
						Geometry *struct {
							Type        string    `json:"type"`
							Coordinates []float64 `json:"coordinates"`
						} `json:"geometry"`
					} `json:"features"`
				}
				if err := json.Unmarshal(body, &fc); err != nil {
					t.Fatal(err)
				}
				if fc.Type != "FeatureCollection" || len(fc.Features) != total {
					t.Fatalf("type %q, %d features", fc.Type, len(fc.Features))
				}
			}},
			{"jsonl", "application/x-ndjson", func(t *testing.T, body []byte) {
				sc := bufio.NewScanner(bytes.NewReader(body))
				sc.Buffer(nil, 1<<20)
				n := 0
				for sc.Scan() {
					var ev sitrep.Event
					if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
						t.Fatal(err)
					}
					n++
				}
				if n != total {
					t.Fatalf("%d lines", n)
				}
			}},
			{"json", "application/json", func(t *testing.T, body []byte) {
				var evs []sitrep.Event
				if err := json.Unmarshal(body, &evs); err != nil || len(evs) != total {
					t.Fatalf("%d events, %v", len(evs), err)
				}
			}},
		} {
			t.Run(tc.format, func(t *testing.T) {
				status, hdr, body := do(t, "GET", base+"/api/export?format="+tc.format, nil)
				if status != 200 {
					t.Fatalf("status %d: %s", status, body)
				}
				if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, tc.ctype) {
					t.Errorf("Content-Type %q, want %q", ct, tc.ctype)
				}
				if cd := hdr.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "."+tc.format+`"`) {
					t.Errorf("Content-Disposition %q", cd)
				}
				tc.check(t, body)
			})
		}
		t.Run("Filtered", func(t *testing.T) {
			_, _, body := do(t, "GET", base+"/api/export?format=jsonl&source="+url.QueryEscape(fixtureSource), nil)
			if n := bytes.Count(body, []byte("\n")); n != 2 {
				t.Fatalf("%d lines, want 2", n)
			}
		})
	})
}

func TestServer_PostDocument(t *testing.T) {
	for _, kind := range storeKinds {
		t.Run(kind, func(t *testing.T) { testPostDocument(t, openStore(t, kind)) })
	}
}

func testPostDocument(t *testing.T, db sitrep.Store) {
	extracted := 0
	extract := func(doc *sitrep.Document) []sitrep.Event {
		extracted++
		i := strings.Index(doc.Text, "clashed")
		if i < 0 {
			return nil
		}
		return []sitrep.Event{{
			EventID: "posted-" + doc.ID, EventDate: "2024-05-01", TimePrecision: 1, EventType: sitrep.Battles,
			SubEventType: "Armed clash", Source: doc.ID, Verification: sitrep.Reported,
			Evidence: []sitrep.Evidence{{Field: sitrep.FieldSubEventType, Text: "clashed", Start: i, End: i + 7}},
		}}
	}
	const token = "s3cret-token"
	base := newServer(t, httpapi.Options{Store: db, Extract: extract, Token: token, MaxBodyBytes: 4096}).URL
	post := func(body string, hdr ...string) (int, http.Header, []byte) {
		return do(t, "POST", base+"/api/documents", strings.NewReader(body), hdr...)
	}
	auth := []string{"Content-Type", "application/json", "Authorization", "Bearer " + token}
	for _, tc := range []struct {
		name, body string
		hdr        []string
		status     int
		code       string
	}{
		{"NoToken", `{"id":"a","text":"x"}`, []string{"Content-Type", "application/json"}, 401, "unauthorized"},
		{"WrongToken", `{"id":"a","text":"x"}`, []string{"Content-Type", "application/json", "Authorization", "Bearer nope"}, 401, "unauthorized"},
		{"NotBearer", `{"id":"a","text":"x"}`, []string{"Content-Type", "application/json", "Authorization", token}, 401, "unauthorized"},
		{"NoContentType", `{"id":"a","text":"x"}`, []string{"Authorization", "Bearer " + token}, 415, "unsupported_media"},
		{"FormPost", `id=a&text=x`, []string{"Content-Type", "application/x-www-form-urlencoded", "Authorization", "Bearer " + token}, 415, "unsupported_media"},
		{"Empty", ``, auth, 400, "invalid"},
		{"NotJSON", `{"id":`, auth, 400, "invalid"},
		{"UnknownField", `{"id":"a","text":"x","extra":1}`, auth, 400, "invalid"},
		{"WrongType", `{"id":"a","text":7}`, auth, 400, "invalid"},
		{"TwoValues", `{"id":"a","text":"x"} {"id":"b","text":"y"}`, auth, 400, "invalid"},
		{"NoContent", `{"id":"a"}`, auth, 400, "invalid"},
		{"TextAndURL", `{"id":"a","text":"x","url":"https://example.org/"}`, auth, 400, "invalid"},
		{"BadURL", `{"url":"file:///etc/passwd"}`, auth, 400, "invalid"},
		{"BadPublished", `{"id":"a","text":"x","published":"May 1"}`, auth, 400, "invalid"},
		{"TooLarge", `{"id":"a","text":"` + strings.Repeat("x", 5000) + `"}`, auth, 413, "too_large"},
		{"HTMLWithoutLoader", `{"id":"a","html":"<p>x</p>"}`, auth, 501, "not_implemented"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, hdr, body := post(tc.body, tc.hdr...)
			checkError(t, status, hdr, body, tc.status, tc.code)
		})
	}
	if extracted != 0 {
		t.Fatalf("the pipeline ran %d times on rejected requests", extracted)
	}
	t.Run("OK", func(t *testing.T) {
		body := `{"id":"posted/1","text":"Police clashed with protesters in Kabul on Tuesday.","published":"2024-05-01"}`
		for range 2 { // the second post replaces the first
			status, hdr, resp := post(body, auth...)
			if status != 201 {
				t.Fatalf("status %d: %s", status, resp)
			}
			var r httpapi.DocumentResponse
			if err := json.Unmarshal(resp, &r); err != nil {
				t.Fatal(err)
			}
			if len(r.Documents) != 1 || r.Documents[0].Events != 1 || len(r.Events) != 1 || hdr.Get("Location") == "" {
				t.Fatalf("response %s", resp)
			}
		}
		events, _ := getEvents(t, base, "source=posted%2F1")
		if len(events) != 1 || events[0].EventID != "posted-posted/1" {
			t.Fatalf("stored events %+v", events)
		}
		status, _, resp := do(t, "GET", base+"/api/events/"+url.PathEscape(events[0].EventID), nil)
		if status != 200 || !bytes.Contains(resp, []byte(`"start16":7`)) {
			t.Fatalf("status %d: %s", status, resp)
		}
	})
}

func TestServer_StoreErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"Internal", errors.New("disk on fire at /var/secret/path"), 500, "internal"},
		{"NotFound", fmt.Errorf("sqlite: %w", sitrep.ErrNotFound), 404, "not_found"},
		{"Invalid", fmt.Errorf("sqlite: bad cursor: %w", sitrep.ErrInvalid), 400, "invalid"},
		{"Timeout", fmt.Errorf("query: %w", context.DeadlineExceeded), 503, "unavailable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := &mock.Store{
				EventsFn: func(context.Context, sitrep.EventFilter) ([]sitrep.Event, string, error) {
					return nil, "", tc.err
				},
				HasDocumentFn: func(context.Context, string) (bool, error) { return false, tc.err },
			}
			base := newServer(t, httpapi.Options{Store: store}).URL
			for _, path := range []string{"/api/events", "/api/points", "/api/export?format=csv"} {
				status, hdr, body := do(t, "GET", base+path, nil)
				checkError(t, status, hdr, body, tc.status, tc.code)
				if bytes.Contains(body, []byte("/var/secret")) {
					t.Fatalf("%s: internal detail leaked: %s", path, body)
				}
			}
		})
	}
	t.Run("HealthDown", func(t *testing.T) {
		store := &mock.Store{HasDocumentFn: func(context.Context, string) (bool, error) { return false, errors.New("closed") }}
		status, hdr, body := do(t, "GET", newServer(t, httpapi.Options{Store: store}).URL+"/healthz", nil)
		checkError(t, status, hdr, body, 503, "unavailable")
	})
}

func TestServer_PageAndDocs(t *testing.T) {
	forEachStore(t, func(t *testing.T, base string) {
		for _, tc := range []struct{ path, ctype, contains string }{
			{"/", "text/html", "<title>"},
			{"/app.js", "text/javascript", "highlight"},
			{"/app.css", "text/css", "{"},
			{"/healthz", "application/json", `"ok"`},
			{"/api/config", "application/json", "event_types"},
		} {
			t.Run(tc.path, func(t *testing.T) {
				status, hdr, body := do(t, "GET", base+tc.path, nil)
				if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), tc.ctype) || !bytes.Contains(body, []byte(tc.contains)) {
					t.Fatalf("status %d, type %q, body %.200s", status, hdr.Get("Content-Type"), body)
				}
				if hdr.Get("Content-Security-Policy") == "" || hdr.Get("X-Content-Type-Options") != "nosniff" {
					t.Fatalf("security headers missing: %v", hdr)
				}
			})
		}
		t.Run("NotFound", func(t *testing.T) {
			if status, _, _ := do(t, "GET", base+"/nothing.js", nil); status != 404 {
				t.Fatalf("status %d", status)
			}
		})
		t.Run("OpenAPI", func(t *testing.T) {
			status, _, body := do(t, "GET", base+"/api/openapi.json", nil)
			var doc struct {
				OpenAPI string                    `json:"openapi"`
				Paths   map[string]map[string]any `json:"paths"`
			}
			if err := json.Unmarshal(body, &doc); status != 200 || err != nil {
				t.Fatalf("status %d, %v", status, err)
			}
			if !strings.HasPrefix(doc.OpenAPI, "3.1") {
				t.Fatalf("openapi %q", doc.OpenAPI)
			}
			for path, methods := range map[string][]string{
				"/healthz": {"get"}, "/api/events": {"get"}, "/api/events/{id}": {"get"}, "/api/points": {"get"},
				"/api/export": {"get"}, "/api/documents": {"post"}, "/api/documents/{id}": {"get"}, "/api/openapi.json": {"get"},
				"/api/config": {"get"},
			} {
				for _, m := range methods {
					if doc.Paths[path][m] == nil {
						t.Errorf("openapi.json lacks %s %s", m, path)
					}
				}
			}
		})
	})
}
