package httpapi

import (
	"bytes"
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
}

// staticFiles maps a URL path ("/app.js") to its file.
type staticFiles struct {
	files map[string]*staticFile
}

// loadStatic reads every embedded file once and computes its ETag, so
// that a browser revalidates cheaply (embed.FS has no modification times).
func loadStatic() (*staticFiles, error) {
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
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("ETag", f.etag)
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(f.data))
}
