package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// batchLine is one line of a .jsonl batch.
type batchLine struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

// dateLayouts are the accepted forms of a batch line's "published".
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
}

// ParsePublished reads the publication date a batch line's "published"
// gives: YYYY-MM-DD (sitrep.ParseDay), or a time as RFC 3339 with or
// without zone or RFC 1123, whose day is taken where it was written.
func ParsePublished(s string) (sitrep.Day, error) {
	s = strings.TrimSpace(s)
	if d, err := sitrep.ParseDay(s); err == nil {
		return d, nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return sitrep.DayOf(t), nil
		}
	}
	return sitrep.Day{}, fmt.Errorf("date %q: want YYYY-MM-DD or RFC 3339", s)
}

// isBatchName reports whether name is a .jsonl batch by its extension.
func isBatchName(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".jsonl") || strings.HasSuffix(n, ".ndjson")
}

// looksLikeBatch reports whether data (e.g. stdin) is a .jsonl batch: its
// first non-blank line is a JSON object with a "text" or "html" member.
func looksLikeBatch(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n\uFEFF")
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	var m map[string]json.RawMessage
	if json.Unmarshal(first, &m) != nil {
		return false
	}
	_, t := m["text"]
	_, h := m["html"]
	return t || h
}

// readBatch reads a .jsonl batch from r and calls emit for each line: a
// document, or an error naming the line. Blank lines and lines starting
// with '#' are skipped. Lines longer than max bytes are errors.
func readBatch(ctx context.Context, name string, r io.Reader, max int64, opts *Options, emit func(Result) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		buf = buf[:0]
		tooLong := false
		var rerr error
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if int64(len(buf)+len(chunk)) > max {
					tooLong = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			rerr = err
			break
		}
		if rerr != nil && rerr != io.EOF {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return emit(Result{Input: name, Err: &InputError{Input: name, Line: lineNo, Err: rerr}})
		}
		if tooLong {
			e := emit(Result{Input: name, Err: &InputError{Input: name, Line: lineNo,
				Err: fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, max)}})
			if e != nil {
				return e
			}
		} else if l := bytes.TrimSpace(buf); len(l) > 0 && l[0] != '#' {
			doc, err := parseBatchLine(ctx, name, lineNo, l, opts)
			res := Result{Input: name, Doc: doc}
			if err != nil {
				res = Result{Input: name, Err: &InputError{Input: name, Line: lineNo, Err: err}}
			}
			if e := emit(res); e != nil {
				return e
			}
		}
		if rerr == io.EOF {
			return nil
		}
	}
}

func parseBatchLine(ctx context.Context, name string, lineNo int, l []byte, opts *Options) (*sitrep.Document, error) {
	if lineNo == 1 {
		l = bytes.TrimPrefix(l, []byte("\uFEFF"))
	}
	var bl batchLine
	dec := json.NewDecoder(bytes.NewReader(l))
	if err := dec.Decode(&bl); err != nil {
		return nil, fmt.Errorf("bad JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("bad JSON: more than one value on the line")
	}
	id := bl.ID
	if id == "" {
		id = bl.URL
	}
	if id == "" {
		id = fmt.Sprintf("%s:%d", name, lineNo)
	}
	var doc *sitrep.Document
	switch {
	case bl.Text != "":
		if err := checkControls(bl.Text); err != nil {
			return nil, err
		}
		doc = &sitrep.Document{ID: id, Text: bl.Text, URL: bl.URL}
		if err := finishDoc(doc, opts); err != nil {
			return nil, err
		}
	case bl.HTML != "":
		var err error
		doc, err = parseHTML(ctx, id, []byte(bl.HTML), bl.URL, "text/html; charset=utf-8", opts)
		if err != nil {
			return nil, err
		}
		doc.ID = id
	default:
		return nil, errors.New(`no "text" or "html"`)
	}
	if bl.Published != "" && opts.Published.IsZero() {
		t, err := ParsePublished(bl.Published)
		if err != nil {
			return nil, fmt.Errorf("published: %w", err)
		}
		doc.Published, doc.PublishedBasis = t, sitrep.BasisGiven
	}
	return doc, nil
}
