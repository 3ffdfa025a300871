package cell

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// checkCover checks that ranges are sorted and disjoint and hold the cell
// of every point of the box that the test tries.
func checkCover(t *testing.T, b [4]float64, r *rand.Rand) {
	t.Helper()
	rs := Ranges(b[0], b[1], b[2], b[3])
	if len(rs) == 0 || len(rs) > 4*MaxRanges {
		t.Fatalf("box %v: %d ranges", b, len(rs))
	}
	for i := 1; i < len(rs); i++ {
		if rs[i-1].Hi >= rs[i].Lo || rs[i].Lo > rs[i].Hi {
			t.Fatalf("box %v: ranges %v and %v overlap or are out of order", b, rs[i-1], rs[i])
		}
	}
	pts := [][2]float64{{b[0], b[1]}, {b[2], b[3]}, {b[0], b[3]}, {b[2], b[1]}}
	for range 200 {
		pts = append(pts, [2]float64{b[0] + r.Float64()*(b[2]-b[0]), b[1] + r.Float64()*(b[3]-b[1])})
	}
	for _, p := range pts {
		c := Of(p[0], p[1])
		found := false
		for _, x := range rs {
			found = found || (c >= x.Lo && c <= x.Hi)
		}
		if !found {
			t.Fatalf("box %v: point %v (cell %d) in no range of %v", b, p, c, rs)
		}
	}
}

func TestCellRanges(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	boxes := [][4]float64{
		{-180, -90, 180, 90}, {60, 29, 75, 39}, {-8, 12.65, -8, 12.65}, {179.9, 89.9, 180, 90},
		{-180, -90, -180, -90}, {-0.001, -0.001, 0.001, 0.001}, {-10, 10, 0, 15},
	}
	for range 300 {
		lon0, lat0 := r.Float64()*360-180, r.Float64()*180-90
		boxes = append(boxes, [4]float64{lon0, lat0, lon0 + r.Float64()*(180-lon0), lat0 + r.Float64()*(90-lat0)})
	}
	for _, b := range boxes {
		t.Run(fmt.Sprint(b), func(t *testing.T) { checkCover(t, b, r) })
	}
}

func FuzzCellRanges(f *testing.F) {
	f.Add(60.0, 29.0, 75.0, 39.0)
	f.Add(-180.0, -90.0, 180.0, 90.0)
	f.Add(0.0, 0.0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, a, b, c, d float64) {
		if !(a >= -180 && c <= 180 && a <= c && b >= -90 && d <= 90 && b <= d) {
			return
		}
		checkCover(t, [4]float64{a, b, c, d}, rand.New(rand.NewPCG(3, 4)))
	})
}
