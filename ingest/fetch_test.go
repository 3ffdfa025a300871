package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testFetcher returns a Fetcher whose safe client refuses every non-public
// address except the given test servers', with fast retries and timeout.
func testFetcher(t *testing.T, timeout time.Duration, allowed ...*httptest.Server) *Fetcher {
	t.Helper()
	ports := map[uint16]bool{}
	for _, s := range allowed {
		u, _ := url.Parse(s.URL)
		ap, err := netip.ParseAddrPort(u.Host)
		if err != nil {
			t.Fatal(err)
		}
		ports[ap.Port()] = true
	}
	allow := func(ap netip.AddrPort) bool { return ap.Addr().IsLoopback() && ports[ap.Port()] }
	opts := &Options{Client: newClient(false, allow), Timeout: timeout}
	f := newFetcher(opts)
	f.backoff = time.Millisecond
	return f
}

func TestFetcher_Fetch(t *testing.T) {
	var hits503, hits429 atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/ua", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, r.Header.Get("User-Agent"))
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "no gzip", 400)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, "compressed article text")
		zw.Close()
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if hits503.Add(1) < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "third time lucky")
	})
	mux.HandleFunc("/limited", func(w http.ResponseWriter, r *http.Request) {
		if hits429.Add(1) < 2 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "ok")
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("<p>filler text "), 4096)
		for i := 0; i < (50<<20)/len(chunk)+1; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		for i := 0; i < 1000; i++ {
			if _, err := w.Write([]byte("a")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/cond", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Tue, 09 Apr 2024 12:00:00 GMT")
		fmt.Fprint(w, "feed body")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	other := httptest.NewServer(mux) // not on the allow list
	defer other.Close()
	mux.HandleFunc("/to-other", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/ua", http.StatusFound)
	})

	f := testFetcher(t, 2*time.Second, srv)
	f.max = 16 << 20
	ctx := context.Background()

	t.Run("UserAgent", func(t *testing.T) {
		r, err := f.Fetch(ctx, srv.URL+"/ua", nil)
		if err != nil || string(r.Body) != UserAgent {
			t.Fatalf("got %v %+v", err, r)
		}
	})
	t.Run("Gzip", func(t *testing.T) {
		r, err := f.Fetch(ctx, srv.URL+"/gzip", nil)
		if err != nil || string(r.Body) != "compressed article text" {
			t.Fatalf("got %v %+v", err, r)
		}
	})
	t.Run("RetryOn503", func(t *testing.T) {
		r, err := f.Fetch(ctx, srv.URL+"/flaky", nil)
		if err != nil || string(r.Body) != "third time lucky" || hits503.Load() != 3 {
			t.Fatalf("got %v %+v after %d hits", err, r, hits503.Load())
		}
	})
	t.Run("RetryOn429", func(t *testing.T) {
		r, err := f.Fetch(ctx, srv.URL+"/limited", nil)
		if err != nil || string(r.Body) != "ok" {
			t.Fatalf("got %v %+v", err, r)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/gone", nil)
		var he *HTTPError
		if !errors.As(err, &he) || he.StatusCode != 404 {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("RedirectLoop", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/loop", nil)
		if err == nil || !strings.Contains(err.Error(), "redirects") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("LoopbackRefused", func(t *testing.T) {
		_, err := f.Fetch(ctx, other.URL+"/ua", nil)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("LoopbackRefusedByName", func(t *testing.T) {
		u, _ := url.Parse(other.URL)
		_, err := f.Fetch(ctx, "http://localhost:"+u.Port()+"/ua", nil)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("RedirectToPrivateRefused", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/to-other", nil)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("DefaultClientRefusesLoopback", func(t *testing.T) {
		d := newFetcher(&Options{})
		_, err := d.Fetch(ctx, srv.URL+"/ua", nil)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("AllowPrivate", func(t *testing.T) {
		d := newFetcher(&Options{AllowPrivate: true})
		if _, err := d.Fetch(ctx, other.URL+"/ua", nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("BodyCap50MB", func(t *testing.T) {
		_, err := f.Fetch(ctx, srv.URL+"/big", nil)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("SlowDrip", func(t *testing.T) {
		g := testFetcher(t, 300*time.Millisecond, srv)
		_, err := g.Fetch(ctx, srv.URL+"/drip", nil)
		if err == nil || !strings.Contains(err.Error(), "timed out") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("Conditional", func(t *testing.T) {
		r, err := f.Fetch(ctx, srv.URL+"/cond", &Conditional{})
		if err != nil || r.ETag != `"v1"` || r.NotModified {
			t.Fatalf("got %v %+v", err, r)
		}
		r2, err := f.Fetch(ctx, srv.URL+"/cond", &r.Conditional)
		if err != nil || !r2.NotModified {
			t.Fatalf("got %v %+v", err, r2)
		}
	})
	t.Run("BadScheme", func(t *testing.T) {
		if _, err := f.Fetch(ctx, "file:///etc/passwd", nil); err == nil {
			t.Fatal("fetched a file URL")
		}
	})
}

func TestIsPublic(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1", false}, {"10.1.2.3", false}, {"172.16.0.1", false}, {"192.168.1.1", false},
		{"169.254.169.254", false}, {"100.64.0.1", false}, {"0.0.0.0", false}, {"::1", false},
		{"fe80::1", false}, {"fd00:ec2::254", false}, {"::ffff:127.0.0.1", false}, {"224.0.0.1", false},
		{"8.8.8.8", true}, {"1.1.1.1", true}, {"2606:4700::1111", true},
		// IPv6 addresses that carry an IPv4 address: the IPv4 one decides.
		{"2002:7f00:1::", false},             // 6to4 of 127.0.0.1
		{"2002:c0a8:101::1", false},          // 6to4 of 192.168.1.1
		{"2002:a9fe:a9fe::", false},          // 6to4 of 169.254.169.254
		{"2002:808:808::1", true},            // 6to4 of 8.8.8.8
		{"2001:0:808:808::80ff:fffe", false}, // Teredo, client ^0x80fffffe = 127.0.0.1
		{"2001:0:808:808::f5ff:fefe", false}, // Teredo, client 10.0.1.1
		{"2001:0:a00:1::f7f7:f7f7", false},   // Teredo, server 10.0.0.1
		{"2001:0:808:808::f7f7:f7f7", true},  // Teredo, server and client 8.8.8.8
		{"64:ff9b::7f00:1", false},           // NAT64 of 127.0.0.1
		{"64:ff9b::a9fe:a9fe", false},        // NAT64 of 169.254.169.254
		{"64:ff9b::808:808", true},           // NAT64 of 8.8.8.8
		{"64:ff9b:1::808:808", false},        // local-use NAT64
		{"::a00:1", false},                   // IPv4-compatible 10.0.0.1
		{"::ffff:10.0.0.1", false},           // IPv4-mapped
		{"::ffff:8.8.8.8", true},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			if got := isPublic(netip.MustParseAddr(tc.addr)); got != tc.want {
				t.Errorf("isPublic(%s) = %v", tc.addr, got)
			}
		})
	}
}

func TestRead_URLsAndFeeds(t *testing.T) {
	wp, err := os.ReadFile("testdata/wordpress.html")
	if err != nil {
		t.Fatal(err)
	}
	ld, _ := os.ReadFile("testdata/jsonld.html")
	cp, _ := os.ReadFile("testdata/windows1252.html")
	feedTmpl, _ := os.ReadFile("testdata/feed-summaries.xml")
	var base string
	mux := http.NewServeMux()
	mux.HandleFunc("/2024/04/militants-attack-border-post-nangarhar/", func(w http.ResponseWriter, r *http.Request) { w.Write(wp) })
	mux.HandleFunc("/news/2023/11/sirte-fuel-protest", func(w http.ResponseWriter, r *http.Request) { w.Write(ld) })
	mux.HandleFunc("/cp1252", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		w.Write(cp)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(bytes.ReplaceAll(feedTmpl, []byte("{{BASE}}"), []byte(base)))
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "Police said two people were hurt in a blast in the market.")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL

	var docs []Result
	err = Read(context.Background(), []string{srv.URL + "/feed", srv.URL + "/cp1252", srv.URL + "/plain",
		srv.URL + "/news/2023/11/sirte-fuel-protest"}, Options{AllowPrivate: true}, func(r Result) error {
		docs = append(docs, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The Sirte page comes twice (feed item and URL) and is read once.
	if len(docs) != 5 {
		for _, d := range docs {
			t.Logf("%+v", d)
		}
		t.Fatalf("got %d results, want 5", len(docs))
	}
	for _, r := range docs {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Input, r.Err)
		}
	}
	wpDoc := docs[0].Doc
	if wpDoc.ID != base+"/2024/04/militants-attack-border-post-nangarhar/" {
		t.Errorf("feed item ID = %q", wpDoc.ID)
	}
	if !strings.Contains(wpDoc.Text, "clearance operation was launched") || strings.Contains(wpDoc.Text, "Leave a Reply") {
		t.Errorf("summary-only item: article not fetched or furniture kept:\n%s", wpDoc.Text)
	}
	if got := wpDoc.Published.String(); got != "2024-04-09" || wpDoc.PublishedBasis != "metadata" {
		t.Errorf("feed item published = %s %s", got, wpDoc.PublishedBasis)
	}
	if wpDoc.Author != "Farida Noori" {
		t.Errorf("author = %q", wpDoc.Author)
	}
	gone := docs[2].Doc
	if gone.Text != "A convoy was ambushed on the road to Gardez, a local official said." {
		t.Errorf("item whose link fails: text %q, want the summary", gone.Text)
	}
	cpDoc := docs[3].Doc
	if !strings.Contains(cpDoc.Text, "Trois soldats ont été tués") || !strings.Contains(cpDoc.Text, "« repoussé »") {
		t.Errorf("windows-1252 page: %q", cpDoc.Text)
	}
	plain := docs[4].Doc
	if plain.ID != srv.URL+"/plain" || plain.URL != srv.URL+"/plain" || !strings.HasPrefix(plain.Text, "Police said") {
		t.Errorf("plain text URL: %+v", plain)
	}
}
