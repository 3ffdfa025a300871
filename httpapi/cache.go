package httpapi

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/sitrep-dev/sitrep"
)

// DefaultCacheBytes is the default size of the cache of answers.
const DefaultCacheBytes = 64 << 20

// maxCachedBody is the largest body kept: a bigger one (a huge point list)
// would crowd out the rest.
const maxCachedBody = 16 << 20

// answerCache keeps the bodies of GET answers that follow from the store's
// contents and the query alone (/api/events, /api/points), each with its
// gzip encoding, for as long as the store's version stays the same. The
// map asks for the same first page and the same point list every time it
// opens; with the cache, those cost a copy instead of a query, a JSON
// encoding and a compression.
//
// A store that is no sitrep.Versioner is never cached. When several
// requests miss the same key at once, one computes and the others wait
// for it.
type answerCache struct {
	max int // bytes

	mu      sync.Mutex
	version uint64
	entries map[string]*answer
	size    int
}

// answer is one cached response; ready is closed once it is filled.
type answer struct {
	ready  chan struct{}
	status int
	ctype  string
	body   []byte
	gz     []byte // nil when the body is too small to be worth it
	keep   bool   // false: serve it to the waiters, then forget it
}

// cached wraps h, a GET handler whose answer depends only on the store and
// the query, with s's cache.
func (s *Server) cached(h http.HandlerFunc) http.HandlerFunc {
	c := s.cache
	if c == nil {
		return h
	}
	vs, ok := s.store.(sitrep.Versioner)
	if !ok {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
		v, err := vs.Version(ctx)
		cancel()
		if err != nil {
			s.logger.Warn("cache: store version", "err", err)
			h(w, r)
			return
		}
		key := r.URL.Path + "?" + r.URL.Query().Encode() // sorted by parameter
		a, fill := c.get(v, key)
		if fill {
			c.fill(v, key, a, h, r)
		} else {
			select {
			case <-a.ready:
			case <-r.Context().Done():
				return
			}
		}
		if a.status >= 500 {
			h(w, r) // not shared: the next try may work
			return
		}
		a.write(w, r)
	}
}

// get returns the answer for key at version v and whether the caller must
// fill it.
func (c *answerCache) get(v uint64, key string) (*answer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version || c.entries == nil {
		c.version, c.entries, c.size = v, map[string]*answer{}, 0
	}
	if a, ok := c.entries[key]; ok {
		return a, false
	}
	a := &answer{ready: make(chan struct{})}
	c.entries[key] = a
	return a, true
}

// fill runs h for r into a, encodes it and keeps it when it may be kept.
func (c *answerCache) fill(v uint64, key string, a *answer, h http.HandlerFunc, r *http.Request) {
	defer close(a.ready)
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	func() {
		defer func() {
			if p := recover(); p != nil {
				a.status = http.StatusInternalServerError
				c.forget(v, key, a)
				panic(p)
			}
		}()
		h(rec, r)
	}()
	a.status, a.ctype, a.body = rec.status, rec.header.Get("Content-Type"), rec.body.Bytes()
	if rec.gz != nil && a.status == http.StatusOK {
		a.gz = rec.gz // compressed ahead by the store
	} else if a.status == http.StatusOK && len(a.body) >= gzipMinSize && compressible(a.ctype) {
		var gz bytes.Buffer
		gz.Grow(len(a.body) / 4)
		level := gzipLevelSmall
		if len(a.body) >= gzipLargeSize {
			level = gzipLevelLarge
		}
		zw, _ := gzip.NewWriterLevel(&gz, level)
		zw.Write(a.body)
		zw.Close()
		a.gz = gz.Bytes()
	}
	a.keep = a.status == http.StatusOK && len(a.body) <= maxCachedBody && r.Context().Err() == nil
	if !a.keep {
		c.forget(v, key, a)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != v || c.entries[key] != a {
		return // the store moved on meanwhile
	}
	c.size += len(a.body) + len(a.gz) + len(key)
	if c.size > c.max {
		// Simplest bound: start over. The hot answers come back at once.
		c.entries, c.size = map[string]*answer{key: a}, len(a.body)+len(a.gz)+len(key)
	}
}

// forget removes a from the cache if it is still there.
func (c *answerCache) forget(v uint64, key string, a *answer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version == v && c.entries[key] == a {
		delete(c.entries, key)
	}
}

// write sends a, compressed when the client accepts gzip. The gzip
// handler around the mux leaves a body alone that has Content-Encoding.
func (a *answer) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", "no-store")
	body := a.body
	if a.gz != nil && r.Header.Get("Range") == "" && acceptsGzip(r.Header.Get("Accept-Encoding")) {
		h.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(a.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // the client went away; nothing to tell it
	}
}

// recorder is an http.ResponseWriter that keeps what is written.
type recorder struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
	gz          []byte // the body gzipped, when the handler had it so
}

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(status int) {
	if !rec.wroteHeader {
		rec.status, rec.wroteHeader = status, true
	}
}

func (rec *recorder) Write(p []byte) (int, error) {
	rec.wroteHeader = true
	return rec.body.Write(p)
}
