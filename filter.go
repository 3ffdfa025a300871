package sitrep

import (
	"strings"
)

// EventFilter selects events. The zero value selects all events. Every
// field but Cursor means the same to every Store; Validate checks it.
type EventFilter struct {
	From, To     Day      // event_date range, inclusive; the zero Day for open
	EventType    []string // any of these event types
	SubEventType []string // any of these sub-event types
	Actor        string   // actor1, actor2 or an associated actor (exact canonical name)
	Country      string   // exact
	Admin1       string   // exact
	BBox         *BBox    // events whose coordinates lie in the box (edges included); nil for any
	Verification []string // any of these states
	ClaimedBy    string   // exact canonical claimant
	// Query is free text matched against the article text and the event
	// notes; the syntax is ParseQuery's (words, "quoted phrases", word*
	// prefixes, all of which must match).
	Query  string
	Source string // exact document source
	Cursor string // opaque pagination cursor from a previous page of the same store; "" for the first
	Limit  int    // page size; 0 for the store's default
}

// Validate reports the first malformed field of f as an error wrapping
// ErrInvalid: From after To, a bounding box
// out of range or inverted, a query without words, a negative limit. The
// cursor is the store's to check.
func (f *EventFilter) Validate() error {
	if !f.From.IsZero() && !f.To.IsZero() && f.From.After(f.To) {
		return invalidf("from (%s) is after to (%s)", f.From, f.To)
	}
	if f.BBox != nil {
		if err := f.BBox.Validate(); err != nil {
			return err
		}
	}
	if strings.TrimSpace(f.Query) != "" {
		if _, err := ParseQuery(f.Query); err != nil {
			return err
		}
	}
	if f.Limit < 0 {
		return invalidf("limit %d is negative", f.Limit)
	}
	return nil
}
