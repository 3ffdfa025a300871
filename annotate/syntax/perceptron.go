package syntax

import (
	"math"
	"slices"
)

// table is a frozen, quantised averaged perceptron: for each feature a
// short list of (class, weight) entries. Lookup is open addressing over
// slots of 16 bytes, about 1.4 times the number of features. A slot holds
// the feature's key in its top 28 bits and a shift in its low 4, and up to
// six entries inline, so that most lookups touch one cache line; an entry
// is cls<<8 | uint8(m), its int16 weight m << shift (a mantissa of 7 bits
// for the feature's largest weight: the weights of a feature are of one
// magnitude, and the parser loses nothing by it). A feature with more
// entries keeps them in ent (count first), and its slot holds the marker
// spill and the offset.
type table struct {
	slots []tslot
	ent   []uint16 // count, then entries, of the features with more than inline
}

type tslot struct {
	key uint32 // key28 | shift
	e   [inline]uint16
}

const (
	inline = 6
	spill  = 0xffff // e[0] of a slot whose entries are in ent, at e[1] | e[2]<<16
)

// key turns a feature hash into a table key: its top 28 bits (never 0).
func key(h uint64) uint32 {
	k := uint32(h>>32) &^ 0xf
	if k == 0 {
		k = 0x10
	}
	return k
}

// split marks in every spilled feature's slot the first of its entries
// whose class is at least c1 (e[3]) and the first at least c2 (e[4]):
// the entries are sorted by class, so that a caller that knows the
// classes c1 to c2-1 cannot win can skip their weights (add). The marks
// are not part of the model file (writer.table writes them as 0).
func (t *table) split(c1, c2 int) {
	for i := range t.slots {
		sl := &t.slots[i]
		if sl.key == 0 || sl.e[0] != spill {
			continue
		}
		k1, k2 := 0, 0
		for j, e := range t.stored(i) {
			if c := int(e >> 8); c < c1 {
				k1 = j + 1
			}
			if c := int(e >> 8); c < c2 {
				k2 = j + 1
			}
		}
		sl.e[3], sl.e[4] = uint16(k1), uint16(k2)
	}
}

// build makes the table of the sorted feature keys, whose feature f has
// the int16 weights cls/w[start[f]:start[f+1]]. Keys may be any 32 bits:
// those of one key (top 28 bits) are merged.
func build(keys, start []uint32, cls []uint8, w []int16) *table {
	t := &table{}
	n := len(keys)*7/5 + 1
	t.slots = make([]tslot, n)
	var acc [256]int32
	var used []uint8
	var es []uint16
	for f := 0; f < len(keys); {
		k := keys[f] &^ 0xf
		if k == 0 {
			k = 0x10
		}
		used = used[:0]
		for ; f < len(keys) && max(keys[f]&^0xf, 0x10) == k; f++ {
			for j := start[f]; j < start[f+1]; j++ {
				c := cls[j]
				if acc[c] == 0 {
					used = append(used, c)
				}
				acc[c] += int32(w[j])
			}
		}
		slices.Sort(used)
		m := int32(0)
		for _, c := range used {
			m = max(m, acc[c], -acc[c])
		}
		shift := uint32(0)
		for m>>shift > 127 {
			shift++
		}
		es = es[:0]
		for _, c := range used {
			v := acc[c]
			acc[c] = 0
			if shift > 0 {
				v = (v + 1<<(shift-1)) >> shift
			}
			v = max(-127, min(127, v))
			if v != 0 {
				es = append(es, uint16(c)<<8|uint16(uint8(int8(v))))
			}
		}
		if len(es) == 0 {
			continue
		}
		sl := tslot{key: k | shift}
		if len(es) <= inline {
			copy(sl.e[:], es)
		} else {
			off := uint32(len(t.ent))
			sl.e[0], sl.e[1], sl.e[2] = spill, uint16(off), uint16(off>>16)
			t.ent = append(t.ent, uint16(len(es)))
			t.ent = append(t.ent, es...)
		}
		i := slot(k, n)
		for t.slots[i].key != 0 {
			i++
			if i == n {
				i = 0
			}
		}
		t.slots[i] = sl
	}
	return t
}

// slot maps a key to its home slot in a table of n slots.
func slot(k uint32, n int) int {
	return int(uint64(k*0x9e3779b1) * uint64(n) >> 32)
}

// find returns the slot of key k, or -1.
func (t *table) find(k uint32) int {
	n := len(t.slots)
	if n == 0 {
		return -1
	}
	i := slot(k, n)
	for {
		switch sk := t.slots[i].key; {
		case sk&^0xf == k:
			return i
		case sk == 0:
			return -1
		}
		i++
		if i == n {
			i = 0
		}
	}
}

// stored returns the stored entries of slot i (cls<<8 | uint8(m)).
func (t *table) stored(i int) []uint16 {
	sl := &t.slots[i]
	if sl.e[0] == spill {
		off := uint32(sl.e[1]) | uint32(sl.e[2])<<16
		return t.ent[off+1 : off+1+uint32(t.ent[off])]
	}
	es := sl.e[:]
	for j, e := range es {
		if e == 0 {
			return es[:j]
		}
	}
	return es
}

// entries appends to tmp[:0] the entries of the feature in slot i as
// cls<<16 | uint16(w), w its int16 weight, and returns it.
func (t *table) entries(i int, tmp []uint32) []uint32 {
	tmp = tmp[:0]
	s := t.slots[i].key & 0xf
	for _, e := range t.stored(i) {
		w := int32(int8(e)) << s
		tmp = append(tmp, uint32(e>>8)<<16|uint32(uint16(int16(w))))
	}
	return tmp
}

// addAll adds the weights of the feature hashes hs, each xor salt, to
// scores. It finds every feature's slot first and adds after, so that the
// memory loads of different features overlap; idx is scratch space.
func (t *table) addAll(hs []uint64, salt uint64, idx []int32, scores *[256]int32) []int32 {
	idx = t.lookup(hs, salt, idx)
	t.add(idx, false, scores)
	return idx
}

// lookup appends to idx[:0] the slots of the features hs (each xor salt)
// that t has, and returns it.
func (t *table) lookup(hs []uint64, salt uint64, idx []int32) []int32 {
	idx = idx[:0]
	n := len(t.slots)
	if n == 0 {
		return idx
	}
	slots := t.slots
	// Touch the home slots first, in loads that do not wait on each other,
	// so that their cache misses overlap (see table4.addAll).
	var touch uint32
	for _, h := range hs {
		touch ^= slots[slot(key(h^salt), n)].key
	}
	if touch == 1 {
		idx = append(idx, -1)[:0] // uses touch, so that the loads above are kept
	}
	for _, h := range hs {
		k := key(h ^ salt)
		i := slot(k, n)
		for {
			sk := slots[i].key
			if sk&^0xf == k {
				idx = append(idx, int32(i))
				break
			}
			if sk == 0 {
				break
			}
			i++
			if i == n {
				i = 0
			}
		}
	}
	// Touch the entries of the spilled features the same way: their list
	// lies apart from the slot, another cache miss each (two for a list
	// of more than a cache line), and those features, of seven classes
	// and more, are the frequent ones. This made tagging and parsing 1.2
	// times as fast (BenchmarkParseEWT, alternating, load 20).
	ent := t.ent
	var etouch uint16
	for _, i := range idx {
		if sl := &slots[i]; sl.e[0] == spill {
			off := uint32(sl.e[1]) | uint32(sl.e[2])<<16
			if off < uint32(len(ent)) {
				etouch ^= ent[off]
			}
			// A long list spans cache lines: touch its second.
			if off+32 < uint32(len(ent)) {
				etouch ^= ent[off+32]
			}
		}
	}
	if etouch == 1 && len(idx) > 0 {
		idx = append(idx, idx[len(idx)-1])[:len(idx)] // uses etouch, so that the loads above are kept
	}
	return idx
}

// add adds the weights of the features in slots idx to scores; with
// skip, not those of the classes that split marked in spilled features.
func (t *table) add(idx []int32, skip bool, scores *[256]int32) {
	slots, ent := t.slots, t.ent
	for _, i := range idx {
		sl := &slots[i]
		s := sl.key & 0xf
		if sl.e[0] == spill {
			off := uint32(sl.e[1]) | uint32(sl.e[2])<<16
			es := ent[off+1 : off+1+uint32(ent[off])]
			if skip && sl.e[4] > 0 {
				addEntries(es[min(int(sl.e[4]), len(es)):], s, scores)
				es = es[:min(int(sl.e[3]), len(es))]
			}
			addEntries(es, s, scores)
			continue
		}
		for _, e := range sl.e {
			if e == 0 {
				break
			}
			scores[uint8(e>>8)] += int32(int8(e)) << s
		}
	}
}

// addEntries adds the weights of entries es (cls<<8 | uint8(m), the
// weight m << s) to scores. It is a function of its own, not inlined, so
// that its loop keeps its values in registers: inlined into the caller's
// loop it spills them to the stack.
//
//go:noinline
func addEntries(es []uint16, s uint32, scores *[256]int32) {
	s &= 15
	for ; len(es) >= 4; es = es[4:] {
		e0, e1, e2, e3 := es[0], es[1], es[2], es[3]
		scores[uint8(e0>>8)] += int32(int8(e0)) << s
		scores[uint8(e1>>8)] += int32(int8(e1)) << s
		scores[uint8(e2>>8)] += int32(int8(e2)) << s
		scores[uint8(e3>>8)] += int32(int8(e3)) << s
	}
	for _, e := range es {
		scores[uint8(e>>8)] += int32(int8(e)) << s
	}
}

// table4 is a frozen perceptron of at most four classes (the parser's
// transitions). A slot of 8 bytes holds the feature's key in its top 28
// bits, a shift in its low 4, and the four weights as int8 mantissas: the
// int16 weight of class c is w[c] << shift. Eight slots share a cache
// line, and a lookup adds without branching.
type table4 struct {
	slots []slot4
}

type slot4 struct {
	key uint32 // key28 | shift
	w   [4]int8
}

// quantise4 returns the shift and int8 mantissas of four int16 weights:
// the smallest shift that fits the largest.
func quantise4(w [4]int16) (uint32, [4]int8) {
	m := int32(0)
	for _, x := range w {
		m = max(m, int32(x), -int32(x))
	}
	shift := uint32(0)
	for m>>shift > 127 {
		shift++
	}
	var q [4]int8
	for c, x := range w {
		v := int32(x)
		if shift > 0 {
			v = (v + 1<<(shift-1)) >> shift // round half up
		}
		q[c] = int8(max(-127, min(127, v)))
	}
	return shift, q
}

// build4 makes the table of features whose keys (key28, sorted and
// distinct) have the weights cls/w[start[f]:start[f+1]].
func build4(keys, start []uint32, cls []uint8, w []int16) *table4 {
	t := &table4{}
	n := len(keys)*7/5 + 1
	t.slots = make([]slot4, n)
	for f, k := range keys {
		var ws [4]int16
		for j := start[f]; j < start[f+1]; j++ {
			ws[cls[j]&3] = w[j]
		}
		shift, q := quantise4(ws)
		sl := slot4{key: k | shift, w: q}
		i := slot(k, n)
		for t.slots[i].key != 0 {
			i++
			if i == n {
				i = 0
			}
		}
		t.slots[i] = sl
	}
	return t
}

// find returns the slot of key28 k, or -1.
func (t *table4) find(k uint32) int {
	n := len(t.slots)
	if n == 0 {
		return -1
	}
	i := slot(k, n)
	for {
		switch sk := t.slots[i].key; {
		case sk&^0xf == k:
			return i
		case sk == 0:
			return -1
		}
		i++
		if i == n {
			i = 0
		}
	}
}

// addAll adds the weights of the feature hashes hs to scores; home is
// scratch space. The home slots of all features are loaded first, in a
// loop whose loads do not wait on each other, so that their cache misses
// overlap; the probes that follow find them in cache.
func (t *table4) addAll(hs []uint64, home []int32, scores *[4]int32) []int32 {
	n := len(t.slots)
	if n == 0 {
		return home
	}
	slots := t.slots
	home = home[:0]
	var touch uint32
	for _, h := range hs {
		i := slot(key(h), n)
		home = append(home, int32(i))
		touch ^= slots[i].key
	}
	if touch == 1 {
		scores[0] += 0 // uses touch, so that the loads above are kept
	}
	for j, h := range hs {
		k := key(h)
		i := int(home[j])
		for {
			sl := &slots[i]
			if sl.key&^0xf == k {
				s := sl.key & 0xf
				scores[0] += int32(sl.w[0]) << s
				scores[1] += int32(sl.w[1]) << s
				scores[2] += int32(sl.w[2]) << s
				scores[3] += int32(sl.w[3]) << s
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
	return home
}

// weights returns the int16 weights of slot i.
func (t *table4) weights(i int) [4]int16 {
	sl := &t.slots[i]
	var w [4]int16
	for c, q := range sl.w {
		w[c] = int16(int32(q) << (sl.key & 0xf))
	}
	return w
}

// generic returns t as a table of entries (for pruning), keyed by key28.
func (t *table4) generic() *table {
	start := []uint32{0}
	var cls []uint8
	var ws []int16
	keys := t.keyList()
	for _, k := range keys {
		for c, w := range t.weights(t.find(k)) {
			if w != 0 {
				cls = append(cls, uint8(c))
				ws = append(ws, w)
			}
		}
		start = append(start, uint32(len(cls)))
	}
	return build(keys, start, cls, ws)
}

// table4Of returns the four-class table of t's entries.
func table4Of(t *table) *table4 {
	// Keys that agree in their top 28 bits are merged.
	merged := map[uint32][4]int16{}
	var tmp []uint32
	for _, k := range t.keyList() {
		k28 := k &^ 0xf
		if k28 == 0 {
			k28 = 0x10
		}
		w := merged[k28]
		for _, e := range t.entries(t.find(k), tmp) {
			c := e >> 16 & 3
			w[c] = int16(max(-32767, min(32767, int32(w[c])+int32(int16(uint16(e))))))
		}
		merged[k28] = w
	}
	keys := make([]uint32, 0, len(merged))
	for k := range merged {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	start := []uint32{0}
	var cls []uint8
	var ws []int16
	for _, k := range keys {
		for c, w := range merged[k] {
			if w != 0 {
				cls = append(cls, uint8(c))
				ws = append(ws, w)
			}
		}
		start = append(start, uint32(len(cls)))
	}
	return build4(keys, start, cls, ws)
}

// keyList returns the keys of t's features in increasing order.
func (t *table4) keyList() []uint32 {
	var ks []uint32
	for _, sl := range t.slots {
		if sl.key != 0 {
			ks = append(ks, sl.key&^0xf)
		}
	}
	slices.Sort(ks)
	return ks
}

// features returns the number of features of t.
func (t *table) features() int {
	n := 0
	for _, sl := range t.slots {
		if sl.key != 0 {
			n++
		}
	}
	return n
}

// features returns the number of features of t.
func (t *table4) features() int {
	n := 0
	for _, sl := range t.slots {
		if sl.key != 0 {
			n++
		}
	}
	return n
}

// keyList returns the keys of t's features in increasing order.
func (t *table) keyList() []uint32 {
	var ks []uint32
	for _, sl := range t.slots {
		if sl.key != 0 {
			ks = append(ks, sl.key&^0xf)
		}
	}
	slices.Sort(ks)
	return ks
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
	now      int  // number of examples seen
	closed   bool // only the features of index get weights
}

func newPerceptron(nClasses int) *perceptron {
	return &perceptron{nClasses: nClasses, index: map[uint64]int32{}}
}

// restrict limits the features that may get weights to those counted at
// least min times (a frequency cut-off: a rare feature's weight is mostly
// noise, and costs memory and cache misses at run time). min < 2 leaves p
// open to every feature.
func (p *perceptron) restrict(counts map[uint64]int32, min int) {
	if min < 2 {
		return
	}
	for _, h := range sortedKeys(counts) {
		if int(counts[h]) >= min {
			p.index[h] = int32(len(p.params))
			p.params = append(p.params, nil)
		}
	}
	p.closed = true
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
			if p.closed {
				continue
			}
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
	var tmp []uint32
	start = append(start, 0)
	for _, k := range t.keyList() {
		kept := false
		for _, e := range t.entries(t.find(k), tmp) {
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
	}
	return build(keys, start, cls, ws)
}
