package place

import (
	"math/rand/v2"
	"testing"
)

// TestGridMatchesScan checks that the grid over the context's points finds
// a near point of another name exactly when a scan of all points does,
// including near the poles and across the antimeridian.
func TestGridMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 50; trial++ {
		st := &state{}
		ctx := &docContext{}
		n := 40 + rng.IntN(200)
		for k := 0; k < n; k++ {
			lat := rng.Float64()*180 - 90
			if trial%3 == 0 {
				lat = 80 + rng.Float64()*10 // crowd the pole
			}
			lon := rng.Float64()*360 - 180
			if trial%3 == 1 {
				lon = 178 + rng.Float64()*4 // straddle the antimeridian
				if lon > 180 {
					lon -= 360
				}
			}
			ctx.points = append(ctx.points, point{lat, lon, k})
			st.groupOf = append(st.groupOf, rng.IntN(5))
		}
		scan := &docContext{points: ctx.points}
		ctx.index(st)
		if ctx.grid == nil {
			t.Fatal("no grid")
		}
		for q := 0; q < 200; q++ {
			p := ctx.points[rng.IntN(n)]
			lat, lon := p.lat+rng.Float64()*3-1.5, p.lon+rng.Float64()*3-1.5
			lat = max(-90, min(90, lat))
			if lon > 180 {
				lon -= 360
			} else if lon < -180 {
				lon += 360
			}
			g := rng.IntN(5)
			if got, want := ctx.nearOther(st, g, lat, lon), scan.nearOther(st, g, lat, lon); got != want {
				t.Fatalf("trial %d: nearOther(%d, %.3f, %.3f) = %v, scan says %v", trial, g, lat, lon, got, want)
			}
		}
	}
}
