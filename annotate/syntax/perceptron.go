package syntax

import (
	"math"
	"slices"
)

// table is a frozen, quantised averaged perceptron: for each feature key
// (the top 32 bits of a feature hash) a short list of (class, weight)
// pairs. Lookup is open addressing over a slot array about 1.5 times the
// number of features.
type table struct {
	keys    []uint32 // sorted feature keys; feature f has key keys[f]
	slotKey []uint32 // 0: empty
	slotOrd []uint32 // feature ordinal of the slot
	start   []uint32 // entries of feature f: cls/w[start[f]:start[f+1]]
	cls     []uint8
	w       []int16
}

// key turns a feature hash into a table key (never 0).
func key(h uint64) uint32 {
	k := uint32(h >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

// build fills the slots from start/cls/w and the sorted feature keys.
func (t *table) build(keys []uint32) {
	n := len(keys)*3/2 + 1
	t.slotKey = make([]uint32, n)
	t.slotOrd = make([]uint32, n)
	for f, k := range keys {
		i := slot(k, n)
		for t.slotKey[i] != 0 {
			i++
			if i == n {
				i = 0
			}
		}
		t.slotKey[i] = k
		t.slotOrd[i] = uint32(f)
	}
}

// slot maps a key to its home slot in a table of n slots.
func slot(k uint32, n int) int {
	return int(uint64(uint32(mix(uint64(k)))) * uint64(n) >> 32)
}

// add adds the weights of feature hash h to scores.
func (t *table) add(h uint64, scores []int32) {
	n := len(t.slotKey)
	if n == 0 {
		return
	}
	k := key(h)
	i := slot(k, n)
	for {
		sk := t.slotKey[i]
		if sk == k {
			f := t.slotOrd[i]
			lo, hi := t.start[f], t.start[f+1]
			cls, w := t.cls[lo:hi], t.w[lo:hi]
			for j, c := range cls {
				scores[c] += int32(w[j])
			}
			return
		}
		if sk == 0 {
			return
		}
		i++
		if i == n {
			i = 0
		}
	}
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
	t := &table{start: make([]uint32, 1, len(keys)+1)}
	for _, k := range keys {
		for c, x := range byKey[k] {
			q := math.Round(x * scale)
			if q == 0 {
				continue
			}
			q = max(-32767, min(32767, q))
			t.cls = append(t.cls, uint8(c))
			t.w = append(t.w, int16(q))
		}
		t.start = append(t.start, uint32(len(t.cls)))
	}
	t.build(keys)
	t.keys = keys
	return t
}
