// Package cell is the spatial index key of the SQLite store: the Z-order
// (Morton) code of a point on a 65,536 × 65,536 grid over longitude and
// latitude, and the ranges of codes that cover a bounding box. It is a
// package of its own so that its fuzz target runs without the SQLite
// engine in the binary: instrumented for fuzzing, modernc.org/sqlite made
// each exec cost a millisecond of coverage bookkeeping, and a short
// -fuzztime could end before the baseline was gathered ("context deadline
// exceeded").
package cell

import (
	"cmp"
	"math"
	"slices"
)

// Events with coordinates carry a cell: the Z-order (Morton) code of
// their point on a 65,536 × 65,536 grid over longitude and latitude, with
// longitude in the even bits and latitude in the odd ones. A B-tree index
// on cells is the spatial index: a bounding box is a few ranges of codes.
// It costs an insert about what any index costs, where an R*Tree costs
// several times that.
const Bits = 16

// gridX and gridY return the grid column of lon and row of lat. The
// arithmetic matches the SQL of migration 0003 operation for operation.
func gridX(lon float64) int64 { return gridCoord((lon + 180.0) / 360.0 * 65536.0) }
func gridY(lat float64) int64 { return gridCoord((lat + 90.0) / 180.0 * 65536.0) }

func gridCoord(v float64) int64 {
	if math.IsNaN(v) || v < 0 {
		return 0
	}
	return min(1<<Bits-1, int64(v))
}

// spread moves bit i of a 16-bit x to bit 2i.
func spread(x int64) int64 {
	x = (x | x<<8) & 0x00FF00FF
	x = (x | x<<4) & 0x0F0F0F0F
	x = (x | x<<2) & 0x33333333
	x = (x | x<<1) & 0x55555555
	return x
}

// Of returns the cell of the point (lon, lat).
func Of(lon, lat float64) int64 { return spread(gridX(lon)) | spread(gridY(lat))<<1 }

// Range is an inclusive range of cell codes.
type Range struct{ Lo, Hi int64 }

// MaxRanges bounds the ranges a bounding box becomes; past it, the
// ranges grow coarser and take in cells just outside the box, which the
// exact coordinate test then drops.
const MaxRanges = 24

// Ranges returns sorted, disjoint ranges of cells that hold every
// point of the box minLon, minLat, maxLon, maxLat (a valid box).
func Ranges(minLon, minLat, maxLon, maxLat float64) []Range {
	x0, x1, y0, y1 := gridX(minLon), gridX(maxLon), gridY(minLat), gridY(maxLat)
	// A quadtree node: its lower-left grid corner and its level (0 is the
	// whole grid, Bits a single cell).
	type node struct{ x, y, level int64 }
	rangeOf := func(n node) Range {
		lo := spread(n.x) | spread(n.y)<<1
		return Range{lo, lo + 1<<(2*(Bits-n.level)) - 1}
	}
	var out []Range
	frontier := []node{{0, 0, 0}}
	for len(frontier) > 0 {
		var partial []node
		for _, n := range frontier {
			size := int64(1) << (Bits - n.level)
			nx1, ny1 := n.x+size-1, n.y+size-1
			switch {
			case nx1 < x0 || n.x > x1 || ny1 < y0 || n.y > y1: // outside
			case n.x >= x0 && nx1 <= x1 && n.y >= y0 && ny1 <= y1 || n.level == Bits: // inside
				out = append(out, rangeOf(n))
			default:
				partial = append(partial, n)
			}
		}
		if len(out)+4*len(partial) > MaxRanges {
			for _, n := range partial {
				out = append(out, rangeOf(n))
			}
			break
		}
		frontier = frontier[:0]
		for _, n := range partial {
			half := int64(1) << (Bits - n.level - 1)
			for _, d := range [4][2]int64{{0, 0}, {half, 0}, {0, half}, {half, half}} {
				frontier = append(frontier, node{n.x + d[0], n.y + d[1], n.level + 1})
			}
		}
	}
	slices.SortFunc(out, func(a, b Range) int { return cmp.Compare(a.Lo, b.Lo) })
	merged := out[:0]
	for _, r := range out {
		if k := len(merged); k > 0 && merged[k-1].Hi+1 >= r.Lo {
			merged[k-1].Hi = max(merged[k-1].Hi, r.Hi)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}
