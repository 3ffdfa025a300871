package sitrep

import "context"

// EventPoint is the least of an event that a map and a timeline need.
type EventPoint struct {
	ID   string // event_id
	Date string // event_date, YYYY-MM-DD, or "" when unknown
	Type string // event_type
	// Lat and Lon are the event's coordinates; both are NaN when the event
	// has no place (a consumer must test with math.IsNaN before writing
	// them out).
	Lat, Lon   float64
	Fatalities int
}

// PointLister is implemented by stores that can list the points of many
// events without building whole events. Callers test for it with a type
// assertion and fall back to Store.Events.
type PointLister interface {
	// EventPoints calls fn with the point of every event matching f, in
	// the order of Store.Events. f.Cursor and f.Limit are ignored: every
	// match is passed. An error from fn stops the listing and is returned
	// as it is; a malformed filter is an error wrapping ErrInvalid, before
	// fn is called.
	EventPoints(ctx context.Context, f EventFilter, fn func(EventPoint) error) error
}

// RawEventLister is implemented by stores that keep each event's JSON
// encoding and can hand it out without decoding it. Callers test for it
// with a type assertion and fall back to Store.Events.
type RawEventLister interface {
	// EventsJSON is Store.Events that passes each event of the page to fn
	// as its JSON object (the encoding/json encoding of an Event, possibly
	// with HTML characters escaped) instead of building it. The slice is
	// valid only during the call. It returns the next page's cursor; an
	// error from fn stops the listing and is returned as it is.
	EventsJSON(ctx context.Context, f EventFilter, fn func(js []byte) error) (next string, err error)
}
