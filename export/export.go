// Package export writes events in the formats sitrep offers to outside
// tools: JSON lines, one JSON array, ACLED-style CSV and GeoJSON.
//
// Every writer but JSON streams: it holds one event at a time, so an export
// of a million events needs no more memory than one of ten. The JSON array
// streams too, but a reader has to take it whole.
package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Formats.
const (
	JSONL   = "jsonl"   // one JSON object per event, one per line
	JSON    = "json"    // one JSON array of events
	CSV     = "csv"     // ACLED's columns in ACLED's order, then sitrep's
	GeoJSON = "geojson" // an RFC 7946 FeatureCollection of Point features
)

// Formats lists the formats NewWriter accepts, in the order help text
// should show them.
var Formats = []string{JSONL, JSON, CSV, GeoJSON}

// Writer writes events in one format. Close finishes the document (closing
// brackets) and flushes; it does not close the underlying io.Writer.
type Writer interface {
	Write(ev *sitrep.Event) error
	Close() error
}

// NewWriter returns a Writer of format to w. An unknown format is an error
// that wraps sitrep.ErrInvalid.
func NewWriter(w io.Writer, format string) (Writer, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch strings.ToLower(format) {
	case JSONL:
		return &jsonlWriter{w: bw, enc: newEncoder(bw)}, nil
	case JSON:
		return &jsonWriter{w: bw, line: newLineEncoder()}, nil
	case CSV:
		return newCSVWriter(bw), nil
	case GeoJSON:
		return &geoJSONWriter{w: bw, line: newLineEncoder()}, nil
	}
	return nil, fmt.Errorf("export: unknown format %q (want one of %s): %w",
		format, strings.Join(Formats, ", "), sitrep.ErrInvalid)
}

// newEncoder returns a JSON encoder that leaves <, > and & as they are:
// notes and evidence quote news text, and \u003c helps no reader.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// lineEncoder encodes one value at a time into a reused buffer, without
// the newline json.Encoder adds.
type lineEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func newLineEncoder() *lineEncoder {
	l := &lineEncoder{}
	l.enc = newEncoder(&l.buf)
	return l
}

// encode returns the JSON of v; the slice is valid until the next call.
func (l *lineEncoder) encode(v any) ([]byte, error) {
	l.buf.Reset()
	if err := l.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(l.buf.Bytes(), []byte("\n")), nil
}

// normalized returns ev with nil People and Evidence as empty slices, so
// that the JSON carries [] as the spec's arrays, never null.
func normalized(ev *sitrep.Event) *sitrep.Event {
	if ev.People != nil && ev.Evidence != nil {
		return ev
	}
	c := *ev
	if c.People == nil {
		c.People = []sitrep.Person{}
	}
	if c.Evidence == nil {
		c.Evidence = []sitrep.Evidence{}
	}
	return &c
}

// jsonlWriter writes one event per line.
type jsonlWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

func (j *jsonlWriter) Write(ev *sitrep.Event) error {
	if err := j.enc.Encode(normalized(ev)); err != nil {
		return fmt.Errorf("export jsonl: %w", err)
	}
	return nil
}

func (j *jsonlWriter) Close() error { return j.w.Flush() }

// jsonWriter writes one array, one event per line.
type jsonWriter struct {
	w    *bufio.Writer
	line *lineEncoder
	n    int
}

func (j *jsonWriter) Write(ev *sitrep.Event) error {
	b, err := j.line.encode(normalized(ev))
	if err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	sep := ",\n"
	if j.n == 0 {
		sep = "[\n"
	}
	j.n++
	j.w.WriteString(sep)
	if _, err := j.w.Write(b); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	return nil
}

func (j *jsonWriter) Close() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	j.w.WriteString(end)
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	return nil
}
