package httpapi

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/pointlist"
)

// eventsPage is the body of GET /api/events.
type eventsPage struct {
	Events     []sitrep.Event `json:"events"`
	NextCursor string         `json:"next_cursor"`
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "limit", "cursor")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	if raw, ok := s.store.(sitrep.RawEventLister); ok {
		s.writeRawEvents(w, r, raw, f)
		return
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	events, next, err := s.store.Events(ctx, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if events == nil {
		events = []sitrep.Event{}
	}
	writeJSON(w, http.StatusOK, eventsPage{Events: events, NextCursor: next})
}

// bufPool holds response buffers of GET /api/events.
var bufPool = sync.Pool{New: func() any { return new([]byte) }}

// writeRawEvents writes the body of GET /api/events from the JSON the
// store keeps, without decoding it: the same object that eventsPage
// encodes to. The page is built in memory first, so that an error part
// way still gets a JSON error.
func (s *Server) writeRawEvents(w http.ResponseWriter, r *http.Request, raw sitrep.RawEventLister, f sitrep.EventFilter) {
	ctx, cancel := s.ctx(r)
	defer cancel()
	bp := bufPool.Get().(*[]byte)
	defer func() {
		if cap(*bp) <= 4<<20 { // a rare huge page is not kept
			bufPool.Put(bp)
		}
	}()
	buf := append((*bp)[:0], `{"events":[`...)
	n := 0
	next, err := raw.EventsJSON(ctx, f, func(js []byte) error {
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, js...)
		n++
		return nil
	})
	*bp = buf
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	buf = append(buf, `],"next_cursor":`...)
	buf = appendJSONString(buf, next)
	buf = append(buf, "}\n"...)
	*bp = buf
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(buf)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf) // the client went away; nothing to tell it
}

// appendJSONString appends s as a JSON string.
func appendJSONString(buf []byte, s string) []byte {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			simple = false
			break
		}
	}
	if simple { // a cursor: base64
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	b, _ := json.Marshal(s)
	return append(buf, b...)
}

// Highlight is one span of the article to mark on the page: the evidence
// of an event field, or a claim.
type Highlight struct {
	Kind  string `json:"kind"`            // "evidence" or "claim"
	Field string `json:"field,omitempty"` // the event field of evidence; the claimant of a claim
	Text  string `json:"text"`
	Start int    `json:"start"` // UTF-8 byte offset into the document text, starting at 0
	End   int    `json:"end"`   // UTF-8 byte offset, exclusive
	// Start16 and End16 are the same offsets in UTF-16 code units: the
	// indices of the JavaScript string that holds the document text.
	Start16 int `json:"start16"`
	End16   int `json:"end16"`
}

// EventDetail is the body of GET /api/events/{id}: the event's own fields,
// its source document (null when the store has lost it) and the spans to
// highlight in that document's text.
//
// For a store that joins the reports of many documents
// (sitrep.LedgerStore) the event carries its sources and claims side by
// side and the derived figures, and the detail adds why each report was
// joined (merges) and the history of the derived fields.
type EventDetail struct {
	sitrep.Event
	Document   *sitrep.StoredDocument `json:"document"`
	Highlights []Highlight            `json:"highlights"`
	Merges     []sitrep.Merge         `json:"merges,omitempty"`
	History    []sitrep.Change        `json:"history,omitempty"`
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	ev, err := s.store.Event(ctx, id)
	if err != nil {
		if errors.Is(err, sitrep.ErrNotFound) {
			err = Errorf(ENotFound, "no event %q", id).wrap(err)
		}
		s.writeError(w, r, err)
		return
	}
	d := EventDetail{Event: *ev, Highlights: []Highlight{}}
	if ls, ok := s.store.(sitrep.LedgerStore); ok && len(ev.Sources) > 0 {
		led, err := ls.EventLedger(ctx, ev.EventID)
		if err != nil && !errors.Is(err, sitrep.ErrNotFound) {
			s.writeError(w, r, err)
			return
		}
		if err == nil {
			d.Merges, d.History = led.Merges, led.History
		}
	}
	doc, err := s.store.Document(ctx, ev.Source)
	switch {
	case errors.Is(err, sitrep.ErrNotFound):
		// Shown without its article.
	case err != nil:
		s.writeError(w, r, err)
		return
	default:
		d.Document = doc
		d.Highlights = highlights(ev, doc.Text)
	}
	writeJSON(w, http.StatusOK, d)
}

// highlights returns the evidence and claim spans of ev that are valid in
// text, with their UTF-16 offsets. A span that is out of range, splits a
// character or does not hold its stated text is left out: the page must
// never mark the wrong words.
func highlights(ev *sitrep.Event, text string) []Highlight {
	hs := make([]Highlight, 0, len(ev.Evidence)+len(ev.Claims))
	for _, e := range ev.Evidence {
		hs = append(hs, Highlight{Kind: "evidence", Field: e.Field, Text: e.Text, Start: e.Start, End: e.End})
	}
	for _, c := range ev.Claims {
		if c.Source != "" && c.Source != ev.Source {
			// Told in another document: its offsets are not into text.
			continue
		}
		hs = append(hs, Highlight{Kind: "claim", Field: c.Claimant, Text: c.Text, Start: c.Start, End: c.End})
	}
	offs := make([]int, 0, 2*len(hs))
	for _, h := range hs {
		offs = append(offs, h.Start, h.End)
	}
	u := utf16Offsets(text, offs)
	out := hs[:0]
	for i, h := range hs {
		h.Start16, h.End16 = u[2*i], u[2*i+1]
		if h.Start16 < 0 || h.End16 < 0 || h.Start > h.End {
			continue
		}
		if h.Text != "" && text[h.Start:h.End] != h.Text {
			continue
		}
		if h.Text == "" {
			h.Text = text[h.Start:h.End]
		}
		out = append(out, h)
	}
	return out
}

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx, cancel := s.ctx(r)
	defer cancel()
	doc, err := s.store.Document(ctx, id)
	if err != nil {
		if errors.Is(err, sitrep.ErrNotFound) {
			err = Errorf(ENotFound, "no document %q", id).wrap(err)
		}
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

// checkID rejects ids no store could hold.
func checkID(id string) error {
	if id == "" || len(id) > 2048 || !utf8.ValidString(id) {
		return Errorf(EInvalid, "malformed id")
	}
	return nil
}

// handlePoints writes the least of each matching event that the map and
// the timeline need, as the compact rows of package pointlist:
//
//	{"points": [[id, lat, lon, type, day, fatalities], ...],
//	 "types": [...], "count": N, "truncated": false}
//
// where type indexes "types", day counts days since 1970-01-01 (null when
// the date is unknown), and lat/lon are null for events with no place.
// A store that keeps each event's row (sitrep.PointRowLister) hands over
// the list joined, and nothing is encoded per event; one that implements
// sitrep.PointLister streams the points without building events; any
// other is read page by page. All three write the same bytes.
func (s *Server) handlePoints(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if cl, ok := s.store.(sitrep.PointChunkLister); ok {
		done, err := s.writePointChunks(w, r, cl, f)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if done {
			return
		}
	}
	if rl, ok := s.store.(sitrep.PointRowLister); ok {
		err := s.writePointRows(w, r, rl, f)
		if !errors.Is(err, errors.ErrUnsupported) {
			if err != nil {
				s.writeError(w, r, err)
			}
			return
		}
		// An event has no stored row: list the points.
	}
	pw := &pointWriter{w: w, max: s.opts.MaxPoints, types: pointlist.Types()}
	if pl, ok := s.store.(sitrep.PointLister); ok {
		ctx, cancel := s.ctx(r)
		defer cancel()
		err := pipePoints(ctx, pl, f, pw.add)
		switch {
		case err == nil || errors.Is(err, errEnough):
		case pw.bw == nil:
			// Nothing written yet: a bad filter still gets a JSON error.
			s.writeError(w, r, err)
			return
		default:
			// Headers are gone: cut the response so the client sees it
			// broken rather than short.
			s.logger.Error("points: reading failed part way", "err", err)
			panic(http.ErrAbortHandler)
		}
		pw.finish()
		return
	}
	f.Limit = bulkPage
	page, next, err := s.eventsPage(r, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for {
		for i := range page {
			if pw.add(sitrep.PointOf(&page[i])) != nil {
				break
			}
		}
		if next == "" || next == f.Cursor || pw.truncated {
			break
		}
		f.Cursor = next
		if page, next, err = s.eventsPage(r, f); err != nil {
			s.logger.Error("points: reading a page failed", "err", err)
			panic(http.ErrAbortHandler)
		}
	}
	pw.finish()
}

// writePointChunks writes the body of GET /api/points from the chunks
// cl keeps compressed, when it has them for f: to a client that takes
// gzip, the chunks' segments in a gzip stream of their own, compressed
// by nobody now; to the answer cache, both forms. It reports whether it
// wrote the response.
func (s *Server) writePointChunks(w http.ResponseWriter, r *http.Request, cl sitrep.PointChunkLister, f sitrep.EventFilter) (bool, error) {
	ctx, cancel := s.ctx(r)
	defer cancel()
	chunks, ok, err := cl.PointChunks(ctx, f, s.opts.MaxPoints)
	if err != nil || !ok {
		return false, err
	}
	n := 0
	for _, c := range chunks {
		n += c.N
	}
	tail := pointlist.AppendTail(nil, pointlist.Types(), n, false)
	size := len(pointlist.Head) + len(tail)
	for _, c := range chunks {
		size += len(c.Rows) + 1
	}
	rec, recording := w.(*recorder)
	// As gzipHandler does: a small body goes as it is.
	zipped := size >= gzipMinSize && r.Header.Get("Range") == "" && acceptsGzip(r.Header.Get("Accept-Encoding"))
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if zipped && !recording {
		gz := gzipChunks([]byte(pointlist.Head), chunks, tail)
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(gz)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(gz) // the client went away; nothing to tell it
		return true, nil
	}
	body := make([]byte, 0, size)
	body = append(body, pointlist.Head...)
	for i, c := range chunks {
		if i > 0 {
			body = append(body, ',')
		}
		body = append(body, c.Rows...)
	}
	body = append(body, tail...)
	if recording && size >= gzipMinSize {
		rec.gz = gzipChunks([]byte(pointlist.Head), chunks, tail)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
	return true, nil
}

// writePointRows writes the body of GET /api/points from the rows rl
// keeps. The list is read whole before anything is written, so that an
// error gets a JSON error; an error wrapping errors.ErrUnsupported (an
// event without a stored row) leaves the response to the other paths.
func (s *Server) writePointRows(w http.ResponseWriter, r *http.Request, rl sitrep.PointRowLister, f sitrep.EventFilter) error {
	ctx, cancel := s.ctx(r)
	defer cancel()
	bp := bufPool.Get().(*[]byte)
	defer func() {
		if cap(*bp) <= 4<<20 { // a rare huge list is not kept
			bufPool.Put(bp)
		}
	}()
	buf, n, more, err := rl.PointRows(ctx, f, s.opts.MaxPoints, append((*bp)[:0], pointlist.Head...))
	*bp = buf
	if err != nil {
		return err
	}
	buf = pointlist.AppendTail(buf, pointlist.Types(), n, more)
	*bp = buf
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(buf)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf) // the client went away; nothing to tell it
	return nil
}

// pointBatch is how many points pipePoints hands over at a time.
const pointBatch = 1024

// pipePoints calls add with every point pl lists for f, reading the store
// on another goroutine: the store's work overlaps the writing (formatting
// and compressing) of the points, which otherwise take turns on one core.
// It returns the first error of add or of the listing, and returns only
// once the listing has stopped.
func pipePoints(ctx context.Context, pl sitrep.PointLister, f sitrep.EventFilter, add func(sitrep.EventPoint) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	full := make(chan []sitrep.EventPoint, 2)
	free := make(chan []sitrep.EventPoint, 3)
	for range cap(free) {
		free <- make([]sitrep.EventPoint, 0, pointBatch)
	}
	var listErr error
	go func() {
		defer close(full)
		batch := <-free
		send := func() error {
			select {
			case full <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case batch = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = batch[:0]
			return nil
		}
		listErr = pl.EventPoints(ctx, f, func(p sitrep.EventPoint) error {
			batch = append(batch, p)
			if len(batch) == pointBatch {
				return send()
			}
			return nil
		})
		if listErr == nil && len(batch) > 0 {
			listErr = send()
		}
	}()
	var addErr error
	for batch := range full {
		if addErr == nil {
			for _, p := range batch {
				if addErr = add(p); addErr != nil {
					cancel() // the listing stops; full is drained below
					break
				}
			}
		}
		free <- batch
	}
	// full is closed: the listing has returned and listErr is set.
	if addErr != nil {
		return addErr
	}
	return listErr
}

// errEnough stops a point listing at the cap.
var errEnough = errors.New("httpapi: enough points")

// pointWriter writes the body of GET /api/points one point at a time.
type pointWriter struct {
	w         http.ResponseWriter
	bw        *bufio.Writer // nil until the first point
	max       int
	count     int
	truncated bool
	types     []string
	buf       []byte
	enc       pointlist.Encoder
}

// start writes the headers and the head of the body.
func (pw *pointWriter) start() {
	h := pw.w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	pw.bw = bufio.NewWriterSize(pw.w, 64<<10)
	pw.bw.WriteString(pointlist.Head)
}

// add writes one point; errEnough when the cap is reached.
func (pw *pointWriter) add(p sitrep.EventPoint) error {
	if pw.count == pw.max {
		pw.truncated = true
		return errEnough
	}
	if pw.bw == nil {
		pw.start()
	}
	buf := pw.buf[:0]
	if pw.count > 0 {
		buf = append(buf, ',')
	}
	buf = pw.enc.AppendRow(buf, p, pw.typeIndex(p.Type))
	pw.bw.Write(buf)
	pw.buf = buf
	pw.count++
	return nil
}

// typeIndex returns the index of t in types, adding it when new.
func (pw *pointWriter) typeIndex(t string) int {
	for i, x := range pw.types {
		if x == t {
			return i
		}
	}
	pw.types = append(pw.types, t)
	return len(pw.types) - 1
}

// finish writes the tail of the body and flushes it.
func (pw *pointWriter) finish() {
	if pw.bw == nil {
		pw.start()
	}
	pw.bw.Write(pointlist.AppendTail(pw.buf[:0], pw.types, pw.count, pw.truncated))
	_ = pw.bw.Flush()
}

// bulkPage is the page size in which points and exports read the store.
const bulkPage = 5000

// eventsPage reads one page of events within the query timeout.
func (s *Server) eventsPage(r *http.Request, f sitrep.EventFilter) ([]sitrep.Event, string, error) {
	ctx, cancel := s.ctx(r)
	defer cancel()
	return s.store.Events(ctx, f)
}

// exportTypes are the Content-Types of the export formats.
var exportTypes = map[string]string{
	export.CSV:     "text/csv; charset=utf-8",
	export.GeoJSON: "application/geo+json",
	export.JSONL:   "application/x-ndjson",
	export.JSON:    "application/json; charset=utf-8",
}

// handleExport streams every matching event in one of export's formats,
// as a download.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := strings.ToLower(strings.TrimSpace(q.Get("format")))
	if format == "" {
		format = export.CSV
	}
	ctype, ok := exportTypes[format]
	if !ok {
		s.writeError(w, r, Errorf(EInvalid, "format must be one of csv, geojson, jsonl, json, not %q", q.Get("format")))
		return
	}
	f, err := parseFilter(q, "format")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f.Limit = bulkPage
	// The first page is read before any byte is written, so that a bad
	// filter still gets a JSON error.
	page, next, err := s.eventsPage(r, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	name := fmt.Sprintf("sitrep-events-%s.%s", s.opts.Now().UTC().Format("20060102"), format)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	rc := http.NewResponseController(w)
	ew, err := export.NewWriter(w, format)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	fail := func(err error) {
		s.logger.Error("export failed part way", "format", format, "err", err)
		panic(http.ErrAbortHandler)
	}
	for {
		// A large export may outlast the server's write timeout: each
		// page gets a fresh minute.
		_ = rc.SetWriteDeadline(time.Now().Add(time.Minute))
		for i := range page {
			if err := ew.Write(&page[i]); err != nil {
				fail(err)
			}
		}
		if next == "" || next == f.Cursor {
			break
		}
		f.Cursor = next
		if page, next, err = s.eventsPage(r, f); err != nil {
			fail(err)
		}
	}
	if err := ew.Close(); err != nil {
		fail(err)
	}
}
