// Package httpapi serves sitrep's JSON API and the web page that shows
// events on a map, a timeline and a list, with each event's evidence
// highlighted in its article.
//
// The API reads and writes through a sitrep.Store; it knows nothing of
// SQL. Every error is a JSON object {"error": {"code", "message"}} whose
// status comes from one table (see ErrorStatusCode). Offsets in the JSON
// are UTF-8 byte offsets, as everywhere in sitrep, except the "highlights"
// of GET /api/events/{id}, which also carry UTF-16 offsets ("start16",
// "end16") so that the page can slice a JavaScript string directly.
package httpapi

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Default limits.
const (
	DefaultMaxBodyBytes = 8 << 20 // 8 MiB per request body
	DefaultQueryTimeout = 15 * time.Second
	DefaultMaxPoints    = 500_000
)

// Input is what POST /api/documents asks to ingest: exactly one of Text,
// HTML and URL.
type Input struct {
	ID        string     // the document id ("source"); "" lets the loader choose
	Text      string     // plain text, kept as given
	HTML      string     // an HTML page
	URL       string     // a page or feed to fetch
	Published sitrep.Day // the reference date; zero when not given
}

// LoadFunc turns an Input into documents (a feed URL may give several).
// Errors wrapping sitrep.ErrInvalid are the client's fault (400); an
// *Error passes its code through.
type LoadFunc func(ctx context.Context, in Input) ([]*sitrep.Document, error)

// ExtractFunc returns the events of a document; pipeline.(*Pipeline).Extract
// has this type.
type ExtractFunc func(doc *sitrep.Document) []sitrep.Event

// Options configure a Server. Store is required.
type Options struct {
	// Store holds the documents and events.
	Store sitrep.Store
	// Extract runs the pipeline on an ingested document; nil stores
	// documents without events.
	Extract ExtractFunc
	// Load reads the body of POST /api/documents; nil accepts only "text"
	// (HTML and URLs then get 501).
	Load LoadFunc
	// Token, when not empty, is the bearer token that every write must
	// carry ("Authorization: Bearer TOKEN", the scheme in any case). Reads
	// never need it.
	Token string
	// Hosts are the names the server answers to, besides IP addresses and
	// localhost: a request with any other Host header gets 421, so that a
	// web page cannot reach the server by rebinding its own name to this
	// machine. A name may carry a port ("example.org:8080"); "*" allows any
	// host (behind a proxy that checks it).
	Hosts []string
	// MaxBodyBytes caps a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// QueryTimeout bounds each store call of a read; 0 means
	// DefaultQueryTimeout. Exports are not bounded by it.
	QueryTimeout time.Duration
	// MaxPoints caps the points GET /api/points returns; 0 means
	// DefaultMaxPoints.
	MaxPoints int
	// TileURL is a Leaflet tile URL template ("https://tile.example/{z}/{x}/{y}.png")
	// for the page's map; "" draws country outlines only, with no network.
	TileURL string
	// TileAttribution is shown on the map with TileURL.
	TileAttribution string
	// CacheBytes bounds the memory that keeps answers of GET /api/events
	// and /api/points for as long as the store does not change (stores
	// that are sitrep.Versioners only); 0 means DefaultCacheBytes, a
	// negative value turns the cache off.
	CacheBytes int
	// Version is reported by /healthz.
	Version string
	// Logger receives request errors; nil discards them.
	Logger *slog.Logger
	// Now returns the current time; nil means time.Now. Tests set it.
	Now func() time.Time
}

// Server is an http.Handler serving the API and the page. It is safe for
// concurrent use.
type Server struct {
	opts    Options
	store   sitrep.Store
	logger  *slog.Logger
	mux     *http.ServeMux
	handler http.Handler
	static  *staticFiles
	csp     string
	cache   *answerCache // nil when off
}

// New returns a Server for opts.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, fmt.Errorf("httpapi: Options.Store is nil")
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = DefaultQueryTimeout
	}
	if opts.MaxPoints <= 0 {
		opts.MaxPoints = DefaultMaxPoints
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{opts: opts, store: opts.Store, logger: opts.Logger, mux: http.NewServeMux()}
	if opts.CacheBytes >= 0 {
		s.cache = &answerCache{max: cmp.Or(opts.CacheBytes, DefaultCacheBytes)}
	}
	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	s.static.warm()
	if s.csp, err = contentSecurityPolicy(opts.TileURL); err != nil {
		return nil, err
	}
	s.routes()
	s.handler = s.recoverPanics(s.securityHeaders(s.guardHost(gzipHandler(s.mux))))
	return s, nil
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// routes registers every endpoint. Each path gets its methods' handlers
// and a handler for every other method, so that a wrong method gets a JSON
// 405 with an Allow header rather than the mux's plain-text one.
func (s *Server) routes() {
	type route struct {
		method, path string
		h            http.HandlerFunc
	}
	routes := []route{
		{"GET", "/healthz", s.handleHealth},
		{"GET", "/api/config", s.handleConfig},
		{"GET", "/api/openapi.json", s.handleOpenAPI},
		{"GET", "/api/events", s.cached(s.handleEvents)},
		{"GET", "/api/events/{id}", s.handleEvent},
		{"GET", "/api/points", s.cached(s.handlePoints)},
		{"GET", "/api/export", s.handleExport},
		{"GET", "/api/documents/{id}", s.handleDocument},
		{"POST", "/api/documents", s.requireToken(s.handlePostDocument)},
	}
	// The page's files, each at its own path, so that they never collide
	// with the API's patterns.
	routes = append(routes, route{"GET", "/{$}", s.handleStatic})
	for _, p := range s.static.paths() {
		routes = append(routes, route{"GET", p, s.handleStatic})
	}
	allowed := map[string][]string{}
	for _, rt := range routes {
		s.mux.HandleFunc(rt.method+" "+rt.path, rt.h)
		allowed[rt.path] = append(allowed[rt.path], rt.method)
	}
	for path, methods := range allowed {
		if slices.Contains(methods, "GET") {
			methods = append(methods, "HEAD")
		}
		allow := strings.Join(methods, ", ")
		s.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodOptions {
				w.Header().Set("Allow", allow)
				w.WriteHeader(http.StatusNoContent)
				return
			}
			w.Header().Set("Allow", allow)
			s.writeError(w, r, Errorf(EMethodNotAllowed, "method %s is not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow))
		})
	}
	// Any other /api/ path is a JSON 404, not the page.
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, Errorf(ENotFound, "no such endpoint: %s", r.URL.Path))
	})
}

// requireToken wraps a write handler: when a token is configured, the
// request must carry it as a bearer token.
func (s *Server) requireToken(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Token != "" {
			got, ok := bearerToken(r.Header.Get("Authorization"))
			if !ok || !tokenMatches(got, s.opts.Token) {
				s.writeError(w, r, Errorf(EUnauthorized, "this server needs a bearer token for writes"))
				return
			}
		}
		h(w, r)
	}
}

// recoverPanics turns a panic in a handler into a 500 (unless the
// handler aborted on purpose with http.ErrAbortHandler).
func (s *Server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.writeError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// securityHeaders sets headers that keep the page to its own origin.
func (s *Server) securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Content-Security-Policy", s.csp)
		h.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows the page's own origin only, plus the tile
// server's origin for images when one is configured.
func contentSecurityPolicy(tileURL string) (string, error) {
	img := "'self' data:"
	if tileURL != "" {
		u, err := url.Parse(strings.NewReplacer("{", "", "}", "").Replace(tileURL))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return "", fmt.Errorf("httpapi: tile URL %q is not an http(s) URL template", tileURL)
		}
		host := u.Host
		if strings.HasPrefix(host, "s.") { // {s}.tile.example: any subdomain
			host = "*." + strings.TrimPrefix(host, "s.")
		}
		img += " " + u.Scheme + "://" + host
	}
	return "default-src 'self'; img-src " + img + "; style-src 'self' 'unsafe-inline'; " +
		"script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", nil
}

// ctx returns the request's context bounded by the query timeout.
func (s *Server) ctx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opts.QueryTimeout)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.ctx(r)
	defer cancel()
	// A cheap read proves the store answers.
	if _, err := s.store.HasDocument(ctx, "healthz"); err != nil {
		s.writeError(w, r, Errorf(EUnavailable, "the store does not answer").wrap(err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.opts.Version})
}

func (s *Server) handleConfig(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"tile_url":          s.opts.TileURL,
		"tile_attribution":  s.opts.TileAttribution,
		"version":           s.opts.Version,
		"max_limit":         MaxLimit,
		"event_types":       eventTypes,
		"verifications":     verifications,
		"writes_need_token": s.opts.Token != "",
	})
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(openAPIDoc)
}

// wrap sets the cause of e and returns e.
func (e *Error) wrap(err error) *Error {
	e.err = err
	return e
}

// decodeJSON decodes a request body of at most the body limit into v,
// rejecting unknown fields, trailing data and non-JSON content types.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := strings.Cut(ct, ";")
		if !strings.EqualFold(strings.TrimSpace(mt), "application/json") {
			return Errorf(EUnsupportedMedia, "the body must be application/json, not %q", ct)
		}
	} else {
		// A cross-site form can post text/plain without a preflight;
		// insisting on the JSON content type keeps such posts out.
		return Errorf(EUnsupportedMedia, "the body must be application/json (set Content-Type)")
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	var extra json.RawMessage
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
		return nil
	case ErrorCode(err) == ETooLarge:
		return err
	}
	return Errorf(EInvalid, "the body holds more than one JSON value")
}

// jsonError turns a decoding error into an API error with a useful
// message.
func jsonError(err error) error {
	var mb *http.MaxBytesError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &mb):
		return err
	case errors.As(err, &syn):
		return Errorf(EInvalid, "the body is not valid JSON: %v (at byte %d)", syn, syn.Offset)
	case errors.As(err, &typ):
		return Errorf(EInvalid, "field %q must be a %s, not a JSON %s", typ.Field, typ.Type, typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return Errorf(EInvalid, "the body has an %s", strings.TrimPrefix(err.Error(), "json: "))
	case errors.Is(err, io.EOF):
		return Errorf(EInvalid, "the body is empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Errorf(EInvalid, "the body is not valid JSON: it ends too soon")
	}
	return Errorf(EInvalid, "the body is not valid JSON: %v", err)
}
