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
)

// StoredDocument is a document as the store keeps it.
type StoredDocument struct {
	ID          string    `json:"id"`
	Source      string    `json:"source"`
	URL         string    `json:"url,omitempty"`
	Title       string    `json:"title,omitempty"`
	Author      string    `json:"author,omitempty"`
	Language    string    `json:"language,omitempty"`
	Published   string    `json:"published,omitempty"` // YYYY-MM-DD or ""
	Text        string    `json:"text"`
	ContentHash string    `json:"content_hash"`
	IngestedAt  time.Time `json:"ingested_at"`
}

// EventFilter selects events. The zero value selects all events.
type EventFilter struct {
	From, To     string      // event_date range, YYYY-MM-DD, inclusive; "" for open
	EventType    []string    // any of these event types
	SubEventType []string    // any of these sub-event types
	Actor        string      // actor1, actor2 or an associated actor (exact canonical name)
	Country      string      // exact
	Admin1       string      // exact
	BBox         *[4]float64 // min lon, min lat, max lon, max lat
	Verification []string    // any of these states
	ClaimedBy    string      // exact canonical claimant
	Query        string      // full-text query over article text and notes
	Source       string      // exact document source
	Cursor       string      // opaque pagination cursor from a previous page; "" for the first
	Limit        int         // page size; 0 for the store's default
}

// Store keeps documents and the events extracted from them.
type Store interface {
	// PutDocument stores doc and replaces all events previously stored for
	// it with events, in one transaction. It returns the document's id.
	PutDocument(ctx context.Context, doc *Document, events []Event) (string, error)
	// Document returns a stored document; ErrNotFound when there is none.
	Document(ctx context.Context, id string) (*StoredDocument, error)
	// HasDocument reports whether a document with this content hash is stored.
	HasDocument(ctx context.Context, contentHash string) (bool, error)
	// Event returns one event; ErrNotFound when there is none.
	Event(ctx context.Context, id string) (*Event, error)
	// Events returns a page of events matching f, in (event_date desc,
	// event_id) order, and the cursor of the next page ("" at the end).
	Events(ctx context.Context, f EventFilter) ([]Event, string, error)
	Close() error
}
