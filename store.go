package sitrep

import (
	"context"
	"errors"
	"time"
)

// Errors returned by Store implementations; callers test them with errors.Is.
var (
	ErrNotFound = errors.New("sitrep: not found")
	ErrInvalid  = errors.New("sitrep: invalid")
	// ErrNoStore is returned when a store opened for reading does not
	// exist: a mistyped path must not look like an empty store.
	ErrNoStore = errors.New("sitrep: no such store")
)

// StoredDocument is a document as the store keeps it.
type StoredDocument struct {
	ID          string    `json:"id"`
	Source      string    `json:"source"`
	URL         string    `json:"url,omitempty"`
	Title       string    `json:"title,omitempty"`
	Author      string    `json:"author,omitempty"`
	Language    string    `json:"language,omitempty"`
	Published   Day       `json:"published,omitzero"`
	Text        string    `json:"text"`
	ContentHash string    `json:"content_hash"`
	IngestedAt  time.Time `json:"ingested_at"`
}

// Store keeps documents and the events extracted from them. The
// implementations live under store/ and pass the conformance suite of
// store/storetest; store.Open chooses one by the form of its address.
type Store interface {
	// PutDocument stores doc and replaces all events previously stored for
	// it with events, in one transaction. It returns the document's id.
	// An event id stored for another document is an error wrapping
	// ErrInvalid, and nothing is written.
	PutDocument(ctx context.Context, doc *Document, events []Event) (string, error)
	// Document returns the stored document whose id or, failing that,
	// whose source is id; ErrNotFound when there is none.
	Document(ctx context.Context, id string) (*StoredDocument, error)
	// HasDocument reports whether a document with this content hash is stored.
	HasDocument(ctx context.Context, contentHash string) (bool, error)
	// Event returns one event; ErrNotFound when there is none.
	Event(ctx context.Context, id string) (*Event, error)
	// Events returns a page of events matching f, in (event_date desc,
	// event_id) order, and the cursor of the next page ("" at the end). A
	// filter that fails f.Validate, or a cursor the store did not hand
	// out, is an error wrapping ErrInvalid.
	Events(ctx context.Context, f EventFilter) ([]Event, string, error)
	Close() error
}

// The interfaces below are optional capabilities of a Store. Callers test
// for them with a type assertion and fall back to the methods of Store.

// DocumentEvents is a document and its events, for BatchPutter.
type DocumentEvents struct {
	Doc    *Document
	Events []Event
}

// BatchPutter is implemented by stores that can write many documents in
// one transaction.
type BatchPutter interface {
	// PutDocuments does what PutDocument does for each document in turn,
	// in a single transaction: on error nothing is written. It returns the
	// documents' ids.
	PutDocuments(ctx context.Context, docs []DocumentEvents) ([]string, error)
}

// StoreStats counts what a store holds.
type StoreStats struct {
	Documents int `json:"documents"`
	Events    int `json:"events"`
}

// StatsReader is implemented by stores that can count what they hold
// without listing it.
type StatsReader interface {
	Stats(ctx context.Context) (StoreStats, error)
}

// Versioner is implemented by stores that can tell cheaply whether their
// contents changed, so that a reader may keep what it computed from them.
type Versioner interface {
	// Version returns a number that differs after every committed change
	// to the store, by this process or by another.
	Version(ctx context.Context) (uint64, error)
}

// EventPoint is the least of an event that a map and a timeline need.
type EventPoint struct {
	ID   string // event_id
	Date string // event_date, YYYY-MM-DD, or "" when unknown
	Type string // event_type
	// Point is the event's place; Point.Valid is false when it has none.
	Point      Point
	Fatalities int
}

// PointOf returns the point of ev.
func PointOf(ev *Event) EventPoint {
	return EventPoint{ID: ev.EventID, Date: ev.EventDate, Type: ev.EventType, Point: ev.Point(), Fatalities: ev.Fatalities}
}

// PointLister is implemented by stores that can list the points of many
// events without building whole events.
type PointLister interface {
	// EventPoints calls fn with the point of every event matching f, in
	// the order of Store.Events. f.Cursor and f.Limit are ignored: every
	// match is passed. An error from fn stops the listing and is returned
	// as it is; a malformed filter is an error wrapping ErrInvalid, before
	// fn is called.
	EventPoints(ctx context.Context, f EventFilter, fn func(EventPoint) error) error
}

// PointRowLister is implemented by stores that keep, with each event, its
// row of the point list of package pointlist (pointlist.Row) ready-made,
// so that a whole list is read as the stored rows joined and nothing is
// decoded or encoded per event.
type PointRowLister interface {
	// PointRows appends to buf the stored rows of the events matching f,
	// in the order of Store.Events, separated by commas, at most max of
	// them. It returns the grown buffer, the number of rows appended and
	// whether more events than max matched. f.Cursor and f.Limit are
	// ignored; a malformed filter is an error wrapping ErrInvalid. When
	// a matching event has no stored row (its type is none of
	// EventTypes(), or an older program wrote it), it appends nothing and
	// returns an error wrapping errors.ErrUnsupported: list the points
	// (PointLister) instead.
	PointRows(ctx context.Context, f EventFilter, max int, buf []byte) (rows []byte, n int, more bool, err error)
}

// PointChunk is a run of consecutive rows of a point list: Rows joined by
// commas, N of them, and Deflate, the same bytes compressed ahead as a
// raw DEFLATE segment (RFC 1951): whole blocks, none final, the last
// ending on a byte boundary, none referring to bytes before the segment.
// Segments so made, concatenated and closed with a final block, are one
// DEFLATE stream of the rows.
type PointChunk struct {
	Rows    []byte
	N       int
	Deflate []byte
}

// PointChunkLister is implemented by stores that keep point-list rows
// joined and compressed in chunks (whole days), so that a server can send
// a compressed list without compressing it.
type PointChunkLister interface {
	// PointChunks returns the chunks of the events matching f, in the
	// order of Store.Events, when f selects by dates alone and the list
	// holds at most max rows. ok is false, with no chunk, when the chunks
	// cannot answer: another filter, more rows than max, an event without
	// a stored row, or chunks not yet made again after a write by an
	// older program. A malformed filter is an error wrapping ErrInvalid.
	PointChunks(ctx context.Context, f EventFilter, max int) (chunks []PointChunk, ok bool, err error)
}

// RawEventLister is implemented by stores that keep each event's JSON
// encoding and can hand it out without decoding it.
type RawEventLister interface {
	// EventsJSON is Store.Events that passes each event of the page to fn
	// as its JSON object (the encoding/json encoding of an Event, possibly
	// with HTML characters escaped) instead of building it. The slice is
	// valid only during the call. It returns the next page's cursor; an
	// error from fn stops the listing and is returned as it is.
	EventsJSON(ctx context.Context, f EventFilter, fn func(js []byte) error) (next string, err error)
}

// Invalidf returns an error that wraps ErrInvalid and whose text is the
// formatted message alone, with no package prefix and no "sitrep:
// invalid": what a user or an API client is shown of a bad request.
func Invalidf(format string, a ...any) error { return invalidf(format, a...) }
