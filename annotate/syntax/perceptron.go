package syntax

import (
	"math"
	"slices"
)

// table is a frozen, quantised averaged perceptron: for each feature key
// (the top 32 bits of a feature hash) a short list of (class, weight)
// pairs. Lookup is open addressing over a slot array about 1.5 times the
// number of features; a slot holds the key and where the feature's entries
// start, and the entries hold their count first, so that a lookup touches
// two cache lines.
type table struct {
	keys  []uint32 // sorted feature keys; feature f has key keys[f]
	ent   []uint32 // per feature in key order: count, then count entries cls<<16 | uint16(w)
	slots []tslot
}

type tslot struct{ key, off uint32 }

// key turns a feature hash into a table key (never 0).
func key(h uint64) uint32 {
	k := uint32(h >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

// build makes the table of the sorted feature keys, whose feature f has
// the weights cls/w[start[f]:start[f+1]].
func build(keys, start []uint32, cls []uint8, w []int16) *table {
	t := &table{keys: keys}
	n := len(keys)*3/2 + 1
	t.slots = make([]tslot, n)
	t.ent = make([]uint32, 0, len(keys)+len(cls))
	for f, k := range keys {
		off := uint32(len(t.ent))
		lo, hi := start[f], start[f+1]
		t.ent = append(t.ent, hi-lo)
		for j := lo; j < hi; j++ {
			t.ent = append(t.ent, uint32(cls[j])<<16|uint32(uint16(w[j])))
		}
		i := slot(k, n)
		for t.slots[i].key != 0 {
			i++
			if i == n {
				i = 0
			}
		}
		t.slots[i] = tslot{k, off}
	}
	return t
}

// slot maps a key to its home slot in a table of n slots.
func slot(k uint32, n int) int {
	return int(uint64(k*0x9e3779b1) * uint64(n) >> 32)
}

// add adds the weights of feature hash h to scores.
func (t *table) add(h uint64, scores []int32) {
	n := len(t.slots)
	if n == 0 {
		return
	}
	k := key(h)
	i := slot(k, n)
	for {
		sl := t.slots[i]
		if sl.key == k {
			cnt := t.ent[sl.off]
			for _, e := range t.ent[sl.off+1 : sl.off+1+cnt] {
				scores[e>>16] += int32(int16(uint16(e)))
			}
			return
		}
		if sl.key == 0 {
			return
		}
		i++
		if i == n {
			i = 0
		}
	}
}

// addAll adds the weights of the feature hashes hs to scores. It finds
// every feature's entries first and adds them after, so that the memory
// loads of different features overlap; offs is scratch space.
func (t *table) addAll(hs []uint64, offs []uint32, scores []int32) []uint32 {
	n := len(t.slots)
	if n == 0 {
		return offs
	}
	offs = offs[:0]
	for _, h := range hs {
		k := key(h)
		i := slot(k, n)
		for {
			sl := t.slots[i]
			if sl.key == k {
				offs = append(offs, sl.off)
				break
			}
			if sl.key == 0 {
				break
			}
			i++
			if i == n {
				i = 0
			}
		}
	}
	for _, off := range offs {
		cnt := t.ent[off]
		for _, e := range t.ent[off+1 : off+1+cnt] {
			scores[e>>16] += int32(int16(uint16(e)))
		}
	}
	return offs
}

// param is one trained weight with what averaging needs.
type param struct {
	cls   uint16
	w     float64
	total float64 // sum of w over the updates seen so far, up to ts
	ts    int     // update count when total was last brought up to date
}

// perceptron is an averaged perceptron under training.
type perceptron struct {
	nClasses int
	index    map[uint64]int32
	params   [][]param
	now      int // number of examples seen
}

func newPerceptron(nClasses int) *perceptron {
	return &perceptron{nClasses: nClasses, index: map[uint64]int32{}}
}

// score adds the current weights of feats to scores (length nClasses).
func (p *perceptron) score(feats []uint64, scores []float64) {
	clear(scores)
	for _, h := range feats {
		i, ok := p.index[h]
		if !ok {
			continue
		}
		for _, q := range p.params[i] {
			scores[q.cls] += q.w
		}
	}
}

// update moves the weights of feats towards gold and away from guess.
func (p *perceptron) update(feats []uint64, gold, guess int) {
	if gold == guess {
		return
	}
	for _, h := range feats {
		i, ok := p.index[h]
		if !ok {
			i = int32(len(p.params))
			p.index[h] = i
			p.params = append(p.params, nil)
		}
		p.bump(i, gold, 1)
		p.bump(i, guess, -1)
	}
}

func (p *perceptron) bump(i int32, cls int, d float64) {
	ps := p.params[i]
	for j := range ps {
		q := &ps[j]
		if int(q.cls) == cls {
			q.total += float64(p.now-q.ts) * q.w
			q.ts = p.now
			q.w += d
			return
		}
	}
	p.params[i] = append(ps, param{cls: uint16(cls), w: d, ts: p.now})
}

// tick counts one example.
func (p *perceptron) tick() { p.now++ }

// averaged returns the averaged weights, keyed by feature hash.
func (p *perceptron) averaged() map[uint64][]param {
	out := make(map[uint64][]param, len(p.index))
	for h, i := range p.index {
		var avg []param
		for _, q := range p.params[i] {
			tot := q.total + float64(p.now-q.ts)*q.w
			a := tot / float64(max(p.now, 1))
			if a != 0 {
				avg = append(avg, param{cls: q.cls, w: a})
			}
		}
		if len(avg) > 0 {
			out[h] = avg
		}
	}
	return out
}

// freeze quantises averaged weights to int16 and builds a table. Weights
// that round to 0 are dropped. It returns the table and the scale used.
func freeze(avg map[uint64][]param, nClasses int) *table {
	maxAbs := 0.0
	for _, ps := range avg {
		for _, q := range ps {
			maxAbs = max(maxAbs, math.Abs(q.w))
		}
	}
	scale := 1.0
	if maxAbs > 0 {
		scale = 32000 / maxAbs
	}
	// Merge features whose keys collide.
	byKey := map[uint32][]float64{}
	for h, ps := range avg {
		k := key(h)
		v := byKey[k]
		if v == nil {
			v = make([]float64, nClasses)
			byKey[k] = v
		}
		for _, q := range ps {
			v[q.cls] += q.w
		}
	}
	keys := make([]uint32, 0, len(byKey))
	for k, v := range byKey {
		for _, x := range v {
			if math.Round(x*scale) != 0 {
				keys = append(keys, k)
				break
			}
		}
	}
	slices.Sort(keys)
	start := make([]uint32, 1, len(keys)+1)
	var cls []uint8
	var w []int16
	for _, k := range keys {
		for c, x := range byKey[k] {
			q := math.Round(x * scale)
			if q == 0 {
				continue
			}
			q = max(-32767, min(32767, q))
			cls = append(cls, uint8(c))
			w = append(w, int16(q))
		}
		start = append(start, uint32(len(cls)))
	}
	return build(keys, start, cls, w)
}

// pruned returns t without the weights whose magnitude is below min, and
// without the features left with none.
func (t *table) pruned(min int16) *table {
	var keys, start []uint32
	var cls []uint8
	var ws []int16
	start = append(start, 0)
	off := 0
	for _, k := range t.keys {
		n := int(t.ent[off])
		kept := false
		for _, e := range t.ent[off+1 : off+1+n] {
			if w := int16(uint16(e)); w >= min || w <= -min {
				cls = append(cls, uint8(e>>16))
				ws = append(ws, w)
				kept = true
			}
		}
		if kept {
			keys = append(keys, k)
			start = append(start, uint32(len(cls)))
		}
		off += 1 + n
	}
	return build(keys, start, cls, ws)
}
