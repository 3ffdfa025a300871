package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// topology is the part of a TopoJSON file that gen reads.
type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// countryCentroids reads Natural Earth country outlines (world-atlas
// countries-50m.json, public domain) and returns, by country name, the
// area centroid of each country's largest polygon (lat, lon): the
// mainland, without overseas islands.
func countryCentroids(path string) (map[string][2]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Decode the delta-encoded, quantised arcs.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(a))
		for j, p := range a {
			if t.Transform != nil {
				x, y = x+p[0], y+p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) [][2]float64 {
		var out [][2]float64
		for _, i := range idx {
			var a [][2]float64
			if i < 0 {
				src := arcs[^i]
				a = make([][2]float64, len(src))
				for j := range src {
					a[j] = src[len(src)-1-j]
				}
			} else {
				a = arcs[i]
			}
			if len(out) > 0 && len(a) > 0 {
				a = a[1:]
			}
			out = append(out, a...)
		}
		return out
	}
	out := map[string][2]float64{}
	for _, g := range t.Objects["countries"].Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, err
			}
		default:
			continue
		}
		best, bestArea := [2]float64{}, 0.0
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			r := ring(p[0])
			// Unwrap longitudes across the antimeridian (Russia, Fiji).
			for i := 1; i < len(r); i++ {
				for r[i][0]-r[i-1][0] > 180 {
					r[i][0] -= 360
				}
				for r[i][0]-r[i-1][0] < -180 {
					r[i][0] += 360
				}
			}
			var a, cx, cy float64
			for i := range r {
				x0, y0 := r[i][0], r[i][1]
				x1, y1 := r[(i+1)%len(r)][0], r[(i+1)%len(r)][1]
				k := x0*y1 - x1*y0
				a += k
				cx += (x0 + x1) * k
				cy += (y0 + y1) * k
			}
			if math.Abs(a) > bestArea && a != 0 {
				bestArea = math.Abs(a)
				lon := cx / (3 * a)
				for lon > 180 {
					lon -= 360
				}
				for lon < -180 {
					lon += 360
				}
				best = [2]float64{cy / (3 * a), lon}
			}
		}
		if bestArea > 0 {
			out[g.Properties.Name] = best
		}
	}
	return out, nil
}

// distKm is the great-circle distance between two points in km.
func distKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
