package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestParseFeed_BoundedFetch checks that the articles of summary-only
// feed items are fetched a few at a time and at most FeedArticles per
// feed, the other items keeping their summaries, in the feed's order.
func TestParseFeed_BoundedFetch(t *testing.T) {
	const items = 12
	var inFlight, maxInFlight, fetched atomic.Int32
	var mu sync.Mutex
	mux := http.NewServeMux()
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		mu.Lock()
		if n > maxInFlight.Load() {
			maxInFlight.Store(n)
		}
		mu.Unlock()
		fetched.Add(1)
		time.Sleep(50 * time.Millisecond)
		inFlight.Add(-1)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "Full article %s: gunmen attacked a checkpoint on the road, officials said.", strings.TrimPrefix(r.URL.Path, "/a/"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	var feed strings.Builder
	feed.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
	for i := range items {
		fmt.Fprintf(&feed, `<item><title>Item %d</title><link>%s/a/%d</link><description>Summary %d.</description></item>`, i, srv.URL, i, i)
	}
	feed.WriteString(`</channel></rss>`)

	for _, tc := range []struct {
		name  string
		limit int
		want  int
	}{{"Limit", 7, 7}, {"Default", 0, items}, {"None", -1, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			inFlight.Store(0)
			maxInFlight.Store(0)
			fetched.Store(0)
			f := testFetcher(t, 5*time.Second, srv)
			f.opts.FeedArticles = tc.limit
			var texts []string
			err := parseFeed(context.Background(), "feed.xml", []byte(feed.String()), srv.URL+"/feed", f.opts, f, nil, func(r Result) error {
				if r.Err != nil {
					return r.Err
				}
				texts = append(texts, r.Doc.Text)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if int(fetched.Load()) != tc.want {
				t.Errorf("fetched %d articles, want %d", fetched.Load(), tc.want)
			}
			if m := maxInFlight.Load(); tc.want > 1 && (m < 2 || m > feedFetchers) {
				t.Errorf("%d fetches at once, want 2 to %d", m, feedFetchers)
			}
			if len(texts) != items {
				t.Fatalf("%d documents, want %d", len(texts), items)
			}
			for i, text := range texts {
				full := fmt.Sprintf("Full article %d:", i)
				if i < tc.want && !strings.HasPrefix(text, full) || i >= tc.want && text != fmt.Sprintf("Summary %d.", i) {
					t.Errorf("item %d: text %q", i, text)
				}
			}
		})
	}
}
