package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/ingest"
)

func TestWatch(t *testing.T) {
	var (
		mu      sync.Mutex
		items   = []string{"one"}
		version = 1
		gets    = map[string]int{} // status codes served
	)
	item := func(base, id string) string {
		return fmt.Sprintf(`<item><title>Item %s</title><link>%s/a/%s</link><pubDate>Mon, 08 Apr 2024 10:00:00 +0000</pubDate>
<description>Summary %s.</description></item>`, id, base, id, id)
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if strings.HasPrefix(r.URL.Path, "/a/") {
			id := strings.TrimPrefix(r.URL.Path, "/a/")
			gets["article "+id]++
			fmt.Fprintf(w, "Article %s: police said a convoy was attacked near the town on Monday.", id)
			return
		}
		etag := fmt.Sprintf(`"v%d"`, version)
		if r.Header.Get("If-None-Match") == etag {
			gets["304"]++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		gets["200"]++
		w.Header().Set("ETag", etag)
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`)
		for _, id := range items {
			b.WriteString(item(srv.URL, id))
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	}))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	polls := 0
	wopts := ingest.WatchOptions{Interval: time.Millisecond, OnPoll: func(n int) {
		polls++
		mu.Lock()
		defer mu.Unlock()
		switch polls {
		case 1: // unchanged next time: a 304
		case 2: // a new item appears
			items = append(items, "two")
			version++
		case 3:
			cancel()
		}
	}}
	err := ingest.Watch(ctx, []string{srv.URL + "/feed"}, ingest.Options{AllowPrivate: true}, wopts, func(r ingest.Result) error {
		if r.Err != nil {
			t.Errorf("%v", r.Err)
			return nil
		}
		got = append(got, r.Doc.Text)
		return nil
	})
	if err != context.Canceled {
		t.Errorf("Watch returned %v", err)
	}
	want := []string{
		"Article one: police said a convoy was attacked near the town on Monday.",
		"Article two: police said a convoy was attacked near the town on Monday.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
	if gets["article one"] != 1 || gets["article two"] != 1 || gets["304"] != 1 || gets["200"] != 2 {
		t.Errorf("requests: %v", gets)
	}
}

func TestWatch_Once(t *testing.T) {
	n := 0
	err := ingest.Watch(context.Background(), []string{"testdata/atom-full.xml", "testdata/missing.xml"}, ingest.Options{},
		ingest.WatchOptions{Once: true}, func(r ingest.Result) error {
			if r.Err == nil {
				n++
			}
			return nil
		})
	if err != nil || n != 2 {
		t.Errorf("got %d docs, %v", n, err)
	}
}
