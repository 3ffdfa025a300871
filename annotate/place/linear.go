package place

import (
	"math"

	"github.com/sitrep-dev/sitrep/gazetteer"
)

// This file holds what keeps resolution linearithmic in the number of
// candidates: context terms computed once per name, list counts kept up
// to date instead of rescanned, and a grid over the document's points.

// groupCache holds, for one pass, what the mentions of one name share:
// the context terms of their features, and what the name's own mentions
// added to the context (left out when scoring them).
type groupCache struct {
	valid bool
	refs  []gazetteer.Ref
	terms [][nCtx]float64 // per feature of refs: its context features
	aggOK bool
	ownCC []ccWeight
	ownA1 []a1Weight
}

type ccWeight struct {
	cc string
	w  float64
}

type a1Weight struct {
	a1 gazetteer.Ref
	w  float64
}

// pointKey identifies a point of the context: a name group and a feature.
type pointKey struct {
	group int
	ref   gazetteer.Ref
}

func (st *state) resetGroupCache() {
	n := len(st.group)
	if cap(st.gcache) < n {
		st.gcache = append(st.gcache[:cap(st.gcache)], make([]groupCache, n-cap(st.gcache))...)
	}
	st.gcache = st.gcache[:n]
	for i := range st.gcache {
		gc := &st.gcache[i]
		gc.valid, gc.aggOK, gc.refs = false, false, nil
		gc.terms, gc.ownCC, gc.ownA1 = gc.terms[:0], gc.ownCC[:0], gc.ownA1[:0]
	}
}

// own aggregates what the members of group g added to ctx, summing in
// member order.
func (st *state) own(ctx *docContext, g int) *groupCache {
	gc := &st.gcache[g]
	if gc.aggOK {
		return gc
	}
	gc.aggOK = true
	for _, m := range st.group[g] {
		o := ctx.own[m]
		found := false
		for x := range gc.ownCC {
			if gc.ownCC[x].cc == o.cc {
				gc.ownCC[x].w += o.w
				found = true
				break
			}
		}
		if !found {
			gc.ownCC = append(gc.ownCC, ccWeight{o.cc, 0 + o.w})
		}
		found = false
		for x := range gc.ownA1 {
			if gc.ownA1[x].a1 == o.a1 {
				gc.ownA1[x].w += o.wa1
				found = true
				break
			}
		}
		if !found {
			gc.ownA1 = append(gc.ownA1, a1Weight{o.a1, 0 + o.wa1})
		}
	}
	return gc
}

// contextTerms returns, per feature of candidate self, the terms the
// document's context adds to its score. Every mention of a name with the
// same features shares them, so they are computed once per name and pass.
func (r *Resolver) contextTerms(st *state, ctx *docContext, self int) [][nCtx]float64 {
	c := &st.cands[self]
	g := st.groupOf[self]
	gc := st.own(ctx, g)
	if gc.valid && sameRefs(gc.refs, c.refs) {
		return gc.terms
	}
	var dst [][nCtx]float64
	if !gc.valid {
		dst = gc.terms[:0]
	} else {
		dst = st.scratch[:0]
	}
	for _, ref := range c.refs {
		in := r.g.Info(ref)
		var t [nCtx]float64
		// Leave out what this name's own mentions added: one sense per
		// name must come from other names.
		ownCC, ownA1 := 0.0, 0.0
		for _, o := range gc.ownCC {
			if o.cc == in.CC {
				ownCC = o.w
				break
			}
		}
		for _, o := range gc.ownA1 {
			if o.a1 == in.Admin1 {
				ownA1 = o.w
				break
			}
		}
		if w := ctx.cc[in.CC] - ownCC; w > 0.3 {
			t[fCountryNamed-nBase] = math.Min(1, w)
			t[fCountryMore-nBase] = math.Min(2, math.Max(0, w-1))
		}
		if in.Admin1 >= 0 && ctx.admin1[in.Admin1]-ownA1 > 0.3 {
			// In a region the document names, or a region that holds
			// places the document names.
			t[fRegionNamed-nBase] = 1
			if in.Code == "ADM2" {
				// A county of a state the document keeps naming.
				t[fCountyMore-nBase] = math.Min(2, math.Max(0, ctx.named[in.Admin1]-ownA1-1))
			}
		}
		if ctx.nearOther(st, g, in.Lat, in.Lon) {
			t[fNearby-nBase] = 1
		}
		// The dateline's place, unless this is its name, and the
		// story's focus.
		if st.anchor.dlGroup != g && st.anchor.dlCC != "" && in.CC == st.anchor.dlCC {
			t[fDatelineCC-nBase] = 1
			if a1 := st.anchor.dlA1; a1 != gazetteer.NoRef && (in.Admin1 == a1 || ref == a1) {
				t[fDatelineA1-nBase] = 1
			}
		}
		if st.anchor.focusCC != "" && in.CC == st.anchor.focusCC {
			t[fFocusCC-nBase] = 1
			if a1 := st.anchor.focusA1; a1 != gazetteer.NoRef && (in.Admin1 == a1 || ref == a1) {
				t[fFocusA1-nBase] = 1
			}
		}
		dst = append(dst, t)
	}
	if !gc.valid {
		gc.valid, gc.refs, gc.terms = true, c.refs, dst
	} else {
		st.scratch = dst
	}
	return dst
}

func sameRefs(a, b []gazetteer.Ref) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Grid of the context's points: cells of gridDeg degrees, so that a point
// within nearbyKm lies in the cell's row or the rows next to it.
const (
	gridDeg    = 1.5
	gridCols   = int(360 / gridDeg)
	gridLinear = 32 // below this many points a scan is cheaper
)

func gridCell(lat, lon float64) (row, col int) {
	row = int(math.Floor((lat + 90) / gridDeg))
	col = int(math.Floor((lon+180)/gridDeg)) % gridCols
	if col < 0 {
		col += gridCols
	}
	return row, col
}

// index builds the grid over ctx.points when there are many.
func (ctx *docContext) index(st *state) {
	if len(ctx.points) <= gridLinear {
		return
	}
	ctx.grid = make(map[int][]int32, len(ctx.points))
	for k, p := range ctx.points {
		row, col := gridCell(p.lat, p.lon)
		key := row*gridCols + col
		ctx.grid[key] = append(ctx.grid[key], int32(k))
	}
}

// nearOther reports whether a point of a name group other than g lies
// within nearbyKm of lat, lon.
func (ctx *docContext) nearOther(st *state, g int, lat, lon float64) bool {
	if ctx.grid == nil {
		for _, p := range ctx.points {
			if st.groupOf[p.cand] != g && within(lat, lon, p.lat, p.lon, nearbyKm) {
				return true
			}
		}
		return false
	}
	row, col := gridCell(lat, lon)
	// Columns to search: nearbyKm in longitude at the band's widest.
	maxLat := math.Min(90, math.Abs(lat)+2*gridDeg)
	span := gridCols
	if cos := math.Cos(maxLat * math.Pi / 180); cos > 0.01 {
		span = int(math.Ceil(nearbyKm/111.2/cos/gridDeg)) + 1
	}
	if 2*span+1 >= gridCols {
		span = gridCols / 2
	}
	for dr := -1; dr <= 1; dr++ {
		for dc := -span; dc <= span; dc++ {
			if span == gridCols/2 && dc == span {
				break // every column once
			}
			cc := ((col+dc)%gridCols + gridCols) % gridCols
			for _, k := range ctx.grid[(row+dr)*gridCols+cc] {
				p := ctx.points[k]
				if st.groupOf[p.cand] != g && within(lat, lon, p.lat, p.lon, nearbyKm) {
					return true
				}
			}
		}
	}
	return false
}

// countLists counts, per list, the feature codes of its members' current
// choices.
func (st *state) countLists() {
	if st.listCounts == nil {
		st.listCounts = map[listCode]int{}
	}
	clear(st.listCounts)
	if cap(st.listTotal) < len(st.cands) {
		st.listTotal = make([]int, len(st.cands))
	}
	st.listTotal = st.listTotal[:len(st.cands)]
	clear(st.listTotal)
	for k := range st.cands {
		st.countIn(k, +1)
	}
}

// countIn adds (d = +1) or removes (d = -1) candidate k's choice from its
// list's counts.
func (st *state) countIn(k, d int) {
	c := &st.cands[k]
	if c.list < 0 || c.dropped || c.best == gazetteer.NoRef {
		return
	}
	st.listTotal[c.list] += d
	st.listCounts[listCode{c.list, st.r.g.Code(c.best)}] += d
}

func (st *state) listCount(list int, code string) int { return st.listCounts[listCode{list, code}] }

// setBest sets candidate k's choice, keeping the list counts.
func (st *state) setBest(k int, ref gazetteer.Ref, conf float64) {
	c := &st.cands[k]
	if c.best != ref {
		st.countIn(k, -1)
		c.best = ref
		st.countIn(k, +1)
	}
	c.conf = conf
}

type listCode struct {
	list int
	code string
}
