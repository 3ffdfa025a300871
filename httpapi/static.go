package httpapi

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// staticFS holds the page: our own index.html, app.js and app.css, and,
// under vendor/, the third-party files that `go generate` copies from npm
// (gitignored; without them the page says how to get them).
//
//go:embed static
var staticFS embed.FS

// openAPIDoc is the OpenAPI 3.1 description of the API.
//
//go:embed openapi.json
var openAPIDoc []byte

// staticFile is one embedded file with its validator.
type staticFile struct {
	data  []byte
	etag  string
	ctype string

	// gz is data gzipped at the default level (the world outlines:
	// 756 kB to 232 kB, against 293 kB at level 1), made once in the
	// background after the first request that accepts gzip; until then
	// gzipHandler compresses the file per request. It points to nil when
	// the file is not worth compressing.
	gzStarted atomic.Bool
	gz        atomic.Pointer[[]byte]
}

// gzipped returns the file gzipped, or nil when that is not ready or does
// not pay.
func (f *staticFile) gzipped() []byte {
	if p := f.gz.Load(); p != nil {
		return *p
	}
	if f.gzStarted.CompareAndSwap(false, true) {
		go f.compress()
	}
	return nil
}

func (f *staticFile) compress() {
	var gz []byte
	if len(f.data) >= gzipMinSize && compressible(f.ctype) {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		_, _ = zw.Write(f.data)
		_ = zw.Close()
		if b.Len() < len(f.data)*9/10 {
			gz = b.Bytes()
		}
	}
	f.gz.Store(&gz)
}

// staticFiles maps a URL path ("/app.js") to its file.
type staticFiles struct {
	files    map[string]*staticFile
	warmOnce sync.Once
}

// loadStatic returns the embedded files, read once per process.
var loadStatic = sync.OnceValues(readStatic)

// readStatic reads every embedded file and computes its ETag, so that a
// browser revalidates cheaply (embed.FS has no modification times).
func readStatic() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]*staticFile{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = http.DetectContentType(data)
		}
		sf.files[strings.TrimPrefix(p, "static")] = &staticFile{
			data:  data,
			etag:  `"` + hex.EncodeToString(sum[:12]) + `"`,
			ctype: ctype,
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("httpapi: reading embedded page: %w", err)
	}
	if sf.files["/index.html"] == nil {
		return nil, fmt.Errorf("httpapi: embedded page has no index.html")
	}
	return sf, nil
}

// warm compresses every file not yet compressed, one after another, so
// that a page's first load finds them ready. It runs once per process.
func (sf *staticFiles) warm() {
	sf.warmOnce.Do(func() {
		go func() {
			for _, p := range sf.paths() {
				if f := sf.files[p]; f.gzStarted.CompareAndSwap(false, true) {
					f.compress()
				}
			}
		}()
	})
}

// paths returns the URL paths of the files, sorted.
func (sf *staticFiles) paths() []string {
	return slices.Sorted(maps.Keys(sf.files))
}

// handleStatic serves the page's files; "/" is index.html.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "/" {
		p = "/index.html"
	}
	f := s.static.files[p]
	if f == nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "no-cache")
	// The page's files are compressed once, at a better level, rather
	// than on every request by gzipHandler.
	if r.Header.Get("Range") == "" && acceptsGzip(r.Header.Get("Accept-Encoding")) {
		if gz := f.gzipped(); gz != nil {
			h.Set("Content-Encoding", "gzip")
			h.Set("ETag", strings.TrimSuffix(f.etag, `"`)+`-gz"`)
			http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(gz))
			return
		}
	}
	h.Set("ETag", f.etag)
	http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(f.data))
}
