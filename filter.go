package sitrep

import (
	"math"
	"strconv"
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

// BBox is a bounding box in degrees (WGS 84), edges included. A box
// across the antimeridian is two boxes.
type BBox struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// ParseBBox reads "minlon,minlat,maxlon,maxlat" and validates it; the
// error wraps ErrInvalid.
func ParseBBox(s string) (*BBox, error) {
	parts := strings.Split(strings.TrimSpace(s), ",")
	if len(parts) != 4 {
		return nil, invalidf("bbox must be minlon,minlat,maxlon,maxlat, not %q", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, invalidf("bbox value %q is not a number", p)
		}
		v[i] = f
	}
	b := &BBox{v[0], v[1], v[2], v[3]}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return b, nil
}

// Validate reports whether b is a box on the globe: finite, longitudes in
// [-180, 180], latitudes in [-90, 90], min not above max.
func (b *BBox) Validate() error {
	for _, v := range []float64{b.MinLon, b.MinLat, b.MaxLon, b.MaxLat} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return invalidf("bbox value %v is not a number", v)
		}
	}
	switch {
	case b.MinLon < -180 || b.MinLon > 180 || b.MaxLon < -180 || b.MaxLon > 180:
		return invalidf("bbox longitudes must lie in [-180, 180]")
	case b.MinLat < -90 || b.MinLat > 90 || b.MaxLat < -90 || b.MaxLat > 90:
		return invalidf("bbox latitudes must lie in [-90, 90]")
	case b.MinLon > b.MaxLon || b.MinLat > b.MaxLat:
		return invalidf("bbox minimum is above its maximum (a box across the antimeridian is two boxes)")
	}
	return nil
}

// Contains reports whether the point (lon, lat) lies in b, edges included.
func (b *BBox) Contains(lon, lat float64) bool {
	return b.MinLon <= lon && lon <= b.MaxLon && b.MinLat <= lat && lat <= b.MaxLat
}

// String returns b as ParseBBox reads it.
func (b *BBox) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return f(b.MinLon) + "," + f(b.MinLat) + "," + f(b.MaxLon) + "," + f(b.MaxLat)
}
