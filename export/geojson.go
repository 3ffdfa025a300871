package export

import (
	"bufio"
	"fmt"

	"github.com/sitrep-dev/sitrep"
)

// feature is one GeoJSON Feature (RFC 7946 section 3.2).
type feature struct {
	Type     string        `json:"type"`
	ID       string        `json:"id,omitempty"`
	Geometry *point        `json:"geometry"` // null when the event has no coordinates
	Props    *sitrep.Event `json:"properties"`
}

// point is a GeoJSON Point; RFC 7946 section 3.1.1: longitude first.
type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// geoJSONWriter writes a FeatureCollection, one feature per line.
type geoJSONWriter struct {
	w    *bufio.Writer
	line *lineEncoder
	n    int
}

// geometry returns the event's point, or nil when it has no valid
// coordinates: RFC 7946 allows a null geometry, not an invalid one.
func geometry(ev *sitrep.Event) *point {
	p := ev.Point()
	if !p.Valid {
		return nil
	}
	return &point{Type: "Point", Coordinates: [2]float64{p.Lon, p.Lat}}
}

func (g *geoJSONWriter) Write(ev *sitrep.Event) error {
	f := feature{Type: "Feature", ID: ev.EventID, Geometry: geometry(ev), Props: normalized(ev)}
	b, err := g.line.encode(&f)
	if err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	sep := ",\n"
	if g.n == 0 {
		sep = `{"type":"FeatureCollection","features":[` + "\n"
	}
	g.n++
	g.w.WriteString(sep)
	if _, err := g.w.Write(b); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	return nil
}

func (g *geoJSONWriter) Close() error {
	end := "\n]}\n"
	if g.n == 0 {
		end = `{"type":"FeatureCollection","features":[]}` + "\n"
	}
	g.w.WriteString(end)
	if err := g.w.Flush(); err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	return nil
}
