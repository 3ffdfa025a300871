package sitrep

import (
	"math"
	"strconv"
	"strings"
)

// Point is a place on the globe in WGS 84 degrees, or no place: Valid is
// false when the coordinates are unknown, and then Lat and Lon are 0 and
// mean nothing. The zero Point has no coordinates.
//
// An Event keeps its coordinates as the spec's nullable latitude and
// longitude columns; Event.Point reads them as one Point.
type Point struct {
	Lat, Lon float64
	Valid    bool
}

// PointAt returns the point at lat, lon; a point without coordinates when
// either is not a finite number in range (latitude -90..90, longitude
// -180..180).
func PointAt(lat, lon float64) Point {
	if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return Point{}
	}
	return Point{Lat: lat, Lon: lon, Valid: true}
}

// Point returns the event's coordinates; a Point without coordinates when
// the event has no latitude or no longitude.
func (e *Event) Point() Point {
	if e.Latitude == nil || e.Longitude == nil {
		return Point{}
	}
	return PointAt(*e.Latitude, *e.Longitude)
}

// SetPoint sets the event's latitude and longitude to p, or to null when p
// has no coordinates.
func (e *Event) SetPoint(p Point) {
	if !p.Valid {
		e.Latitude, e.Longitude = nil, nil
		return
	}
	lat, lon := p.Lat, p.Lon
	e.Latitude, e.Longitude = &lat, &lon
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

// Contains reports whether p lies in b, edges included; a point with no
// coordinates lies in no box.
func (b *BBox) Contains(p Point) bool {
	return p.Valid && b.MinLon <= p.Lon && p.Lon <= b.MaxLon && b.MinLat <= p.Lat && p.Lat <= b.MaxLat
}

// String returns b as ParseBBox reads it.
func (b *BBox) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return f(b.MinLon) + "," + f(b.MinLat) + "," + f(b.MaxLon) + "," + f(b.MaxLat)
}
