package syntax

// The parser is a greedy arc-eager transition system (Nivre 2003) whose
// transitions are scored by an averaged perceptron over the feature
// templates of Zhang & Nivre (2011), trained with the dynamic oracle of
// Goldberg & Nivre (2012). Transition and label are predicted together:
// class 0 is SHIFT, 1 REDUCE, 2+l LEFT-ARC with label l, 2+L+l RIGHT-ARC
// with label l.

const (
	trShift = iota
	trReduce
	trLeft
	trRight
)

// state is a parser configuration over words 1..n with the root at 0.
type state struct {
	n       int
	stack   []int
	b       int // front of the buffer; the buffer is b..n
	head    []int
	label   []int
	lc1     []int // leftmost child, or -1
	lc2     []int // second leftmost child, or -1
	rc1     []int // rightmost child, or -1
	rc2     []int // second rightmost child, or -1
	nl, nr  []int // number of left and right children
	ls, rs  []uint64
	inStack []bool
	rootKid int // the one child of the root, or -1
}

func growN(s []int, n int, v int) []int {
	if cap(s) < n {
		s = make([]int, n, n+n/2)
	}
	s = s[:n]
	for i := range s {
		s[i] = v
	}
	return s
}

// growN32 returns s with length n, every entry -1.
func growN32(s []int32, n int) []int32 {
	if cap(s) < n {
		s = make([]int32, n, n+n/2)
	}
	s = s[:n]
	for i := range s {
		s[i] = -1
	}
	return s
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	m := n + 1
	s.head = growN(s.head, m, -1)
	s.label = growN(s.label, m, -1)
	s.lc1 = growN(s.lc1, m, -1)
	s.lc2 = growN(s.lc2, m, -1)
	s.rc1 = growN(s.rc1, m, -1)
	s.rc2 = growN(s.rc2, m, -1)
	s.nl = growN(s.nl, m, 0)
	s.nr = growN(s.nr, m, 0)
	if cap(s.ls) < m {
		s.ls = make([]uint64, m)
		s.rs = make([]uint64, m)
		s.inStack = make([]bool, m)
	}
	s.ls, s.rs, s.inStack = s.ls[:m], s.rs[:m], s.inStack[:m]
	clear(s.ls)
	clear(s.rs)
	clear(s.inStack)
	s.inStack[0] = true
	s.rootKid = -1
}

func (s *state) terminal() bool { return s.b > s.n }

func (s *state) s0() int { return s.stack[len(s.stack)-1] }

// addArc records h -> d with label l.
func (s *state) addArc(h, d, l int) {
	s.head[d] = h
	s.label[d] = l
	if d < h {
		s.nl[h]++
		s.ls[h] |= 1 << (uint(l) & 63)
		if s.lc1[h] < 0 || d < s.lc1[h] {
			s.lc2[h] = s.lc1[h]
			s.lc1[h] = d
		} else if s.lc2[h] < 0 || d < s.lc2[h] {
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		s.rs[h] |= 1 << (uint(l) & 63)
		if s.rc1[h] < 0 || d > s.rc1[h] {
			s.rc2[h] = s.rc1[h]
			s.rc1[h] = d
		} else if s.rc2[h] < 0 || d > s.rc2[h] {
			s.rc2[h] = d
		}
	}
	if h == 0 {
		s.rootKid = d
	}
}

// can reports whether transition tr is allowed.
func (s *state) can(tr int) bool {
	s0 := s.s0()
	switch tr {
	case trShift:
		return s.b <= s.n
	case trReduce:
		return s0 != 0 && s.head[s0] >= 0
	case trLeft:
		return s.b <= s.n && s0 != 0 && s.head[s0] < 0
	case trRight:
		return s.b <= s.n && (s0 != 0 || s.rootKid < 0)
	}
	return false
}

// apply performs transition tr with label l.
func (s *state) apply(tr, l int) {
	switch tr {
	case trShift:
		s.stack = append(s.stack, s.b)
		s.inStack[s.b] = true
		s.b++
	case trReduce:
		s0 := s.s0()
		s.stack = s.stack[:len(s.stack)-1]
		s.inStack[s0] = false
	case trLeft:
		s0 := s.s0()
		s.addArc(s.b, s0, l)
		s.stack = s.stack[:len(s.stack)-1]
		s.inStack[s0] = false
	case trRight:
		s.addArc(s.s0(), s.b, l)
		s.stack = append(s.stack, s.b)
		s.inStack[s.b] = true
		s.b++
	}
}

// finish attaches the words left without a head: to the root's child,
// or, when the root has none, the first of them becomes it. It returns
// the label numbers used for the root and for leftovers.
func (s *state) finish(rootLabel, leftLabel int) {
	for d := 1; d <= s.n; d++ {
		if s.head[d] >= 0 {
			continue
		}
		if s.rootKid < 0 {
			s.addArc(0, d, rootLabel)
			continue
		}
		s.addArc(s.rootKid, d, leftLabel)
	}
}

// Parser feature templates.
const (
	pfS0w = iota + 100
	pfS0p
	pfS0wp
	pfN0w
	pfN0p
	pfN0wp
	pfN1w
	pfN1p
	pfN1wp
	pfN2w
	pfN2p
	pfN2wp
	pfS0wpN0wp
	pfS0wpN0w
	pfS0wN0wp
	pfS0wpN0p
	pfS0pN0wp
	pfS0wN0w
	pfS0pN0p
	pfN0pN1p
	pfN0pN1pN2p
	pfS0pN0pN1p
	pfS0hpS0pN0p
	pfS0pS0lpN0p
	pfS0pS0rpN0p
	pfS0pN0pN0lp
	pfS0wd
	pfS0pd
	pfN0wd
	pfN0pd
	pfS0wN0wd
	pfS0pN0pd
	pfS0wvr
	pfS0pvr
	pfS0wvl
	pfS0pvl
	pfN0wvl
	pfN0pvl
	pfS0hw
	pfS0hp
	pfS0L
	pfS0lw
	pfS0lp
	pfS0lL
	pfS0rw
	pfS0rp
	pfS0rL
	pfN0lw
	pfN0lp
	pfN0lL
	pfS0h2w
	pfS0h2p
	pfS0hL
	pfS0l2w
	pfS0l2p
	pfS0l2L
	pfS0r2w
	pfS0r2p
	pfS0r2L
	pfN0l2w
	pfN0l2p
	pfN0l2L
	pfS0pS0lpS0l2p
	pfS0pS0rpS0r2p
	pfS0pS0hpS0h2p
	pfN0pN0lpN0l2p
	pfS0wsr
	pfS0psr
	pfS0wsl
	pfS0psl
	pfN0wnl
	pfN0pnl
	pfS1p
	pfS1w
	pfS1pS0pN0p
	pfS1wp
	pfS0pS1p
	pfN0suf3
	pfN0shape
	pfS0pN0pRootKid
	pfBias
	pfN0wN1w
	pfS0wN0pN1p
	pfN0wpN1p
	pfN3p
	pfN0pN1pN2pN3p
	pfS0pN0pHasHead
	pfS0uN0u
	pfS0uN0uN1u
	pfN0uN1uN2u
	pfS0wN0u
	pfS0uN0w
	pfS1uS0uN0u
	pfS0uN0ud
	pfS0uS0luN0u
	pfS0uS0ruN0u
	pfS0uN0uN0lu
	pfS0huS0uN0u
	pfS0m
	pfN0m
	pfS0mN0m
	pfS0mN0p
	pfS0pN0m
	pfN1m
	pfS0hm
	pfS0pN0pPunct
	pfS0mN0mPunct
)

// Atoms of word i for the parser's features: i < 0 is none, 0 the root.

func (a *atoms) pw(i int) uint64 {
	if i < 0 {
		return atomNone
	}
	return a.word[i]
}

func (a *atoms) pp(i int) uint64 {
	switch {
	case i < 0:
		return 1
	case i == 0:
		return 2
	}
	return uint64(a.tag[i] + 3)
}

func (a *atoms) pu(i int) uint64 {
	switch {
	case i < 0:
		return 1
	case i == 0:
		return 2
	}
	return uint64(a.upos[i] + 3)
}

func (a *atoms) pm(i int) uint64 {
	if i < 0 {
		return atomNone
	}
	return a.lem[i]
}

// parseFeats appends the parser features of state s to dst: those of
// the buffer's front (bufFeats), of the top of the stack (stackFeats) and
// of the rest of the state (stepFeats). (The order of features does not matter: a perceptron sums
// their weights.)
func (a *atoms) parseFeats(dst []uint64, s *state) []uint64 {
	return a.stepFeats(a.stackFeats(a.bufFeats(dst, s.b, s.n), s), s)
}

// bufFeats appends the parser features that depend only on the front of
// the buffer, b..b+3 of words 1..n (and the bias): they are the same in
// every state with that front, so a parser scores them once per word.
func (a *atoms) bufFeats(dst []uint64, b, n int) []uint64 {
	n0, n1, n2, n3 := -1, -1, -1, -1
	if b <= n {
		n0 = b
	}
	if b+1 <= n {
		n1 = b + 1
	}
	if b+2 <= n {
		n2 = b + 2
	}
	if b+3 <= n {
		n3 = b + 3
	}
	n0w, n0p, n1w, n1p, n2w, n2p := a.pw(n0), a.pp(n0), a.pw(n1), a.pp(n1), a.pw(n2), a.pp(n2)
	n0wp := f2(0, n0w, n0p)
	n0suf := uint64(atomNone)
	n0shape := uint64(atomNone)
	if n0 > 0 {
		n0suf, n0shape = a.suf[2][n0], a.shape[n0]
	}
	n3p := uint64(1)
	if n3 > 0 {
		n3p = a.pp(n3)
	}
	return append(dst,
		f1(pfBias, 0),
		f1(pfN0w, n0w), f1(pfN0p, n0p), f1(pfN0wp, n0wp),
		f1(pfN1w, n1w), f1(pfN1p, n1p), f2(pfN1wp, n1w, n1p),
		f1(pfN2w, n2w), f1(pfN2p, n2p), f2(pfN2wp, n2w, n2p),
		f2(pfN0pN1p, n0p, n1p), f3(pfN0pN1pN2p, n0p, n1p, n2p),
		f2(pfN0suf3, n0suf, n0p), f1(pfN0shape, n0shape),
		f2(pfN0wN1w, n0w, n1w), f2(pfN0wpN1p, n0wp, n1p),
		f1(pfN3p, n3p), f3(pfN0pN1pN2pN3p, n0p, f2(0, n1p, n2p), n3p),
		f3(pfN0uN1uN2u, a.pu(n0), a.pu(n1), a.pu(n2)),
		f1(pfN0m, a.pm(n0)), f1(pfN1m, a.pm(n1)),
	)
}

// stackFeats appends the parser features that depend only on the top of
// the stack s0 and the arcs at it: they stay the same while s0 is on the
// stack and gets no new child, so a parser can keep their scores.
func (a *atoms) stackFeats(dst []uint64, s *state) []uint64 {
	w, p, lem := a.pw, a.pp, a.pm
	lab := s.labelAtom
	s0 := s.s0()
	s0h := s.head[s0]
	s0h2 := -1
	if s0h >= 0 {
		s0h2 = s.head[s0h]
	}
	s0l, s0l2, s0r, s0r2 := s.lc1[s0], s.lc2[s0], s.rc1[s0], s.rc2[s0]
	s0w, s0p := w(s0), p(s0)
	vr, vl := uint64(s.nr[s0]), uint64(s.nl[s0])
	return append(dst,
		f1(pfS0w, s0w), f1(pfS0p, s0p), f1(pfS0wp, f2(0, s0w, s0p)),
		f2(pfS0wvr, s0w, vr), f2(pfS0pvr, s0p, vr), f2(pfS0wvl, s0w, vl), f2(pfS0pvl, s0p, vl),
		f1(pfS0hw, w(s0h)), f1(pfS0hp, p(s0h)), f1(pfS0L, lab(s0)),
		f1(pfS0lw, w(s0l)), f1(pfS0lp, p(s0l)), f1(pfS0lL, lab(s0l)),
		f1(pfS0rw, w(s0r)), f1(pfS0rp, p(s0r)), f1(pfS0rL, lab(s0r)),
		f1(pfS0h2w, w(s0h2)), f1(pfS0h2p, p(s0h2)), f1(pfS0hL, lab(s0h)),
		f1(pfS0l2w, w(s0l2)), f1(pfS0l2p, p(s0l2)), f1(pfS0l2L, lab(s0l2)),
		f1(pfS0r2w, w(s0r2)), f1(pfS0r2p, p(s0r2)), f1(pfS0r2L, lab(s0r2)),
		f3(pfS0pS0lpS0l2p, s0p, p(s0l), p(s0l2)), f3(pfS0pS0rpS0r2p, s0p, p(s0r), p(s0r2)),
		f3(pfS0pS0hpS0h2p, s0p, p(s0h), p(s0h2)),
		f2(pfS0wsr, s0w, s.rs[s0]), f2(pfS0psr, s0p, s.rs[s0]),
		f2(pfS0wsl, s0w, s.ls[s0]), f2(pfS0psl, s0p, s.ls[s0]),
		f1(pfS0m, lem(s0)), f1(pfS0hm, lem(s0h)),
	)
}

// labelAtom is the atom of word i's label: 1 for none.
func (s *state) labelAtom(i int) uint64 {
	if i < 0 || s.label[i] < 0 {
		return 1
	}
	return uint64(s.label[i] + 2)
}

// stepFeats appends the parser features of state s that are neither
// bufFeats nor stackFeats: those of the stack and buffer together, of
// the second word on the stack, and of the arcs at the buffer's front.
func (a *atoms) stepFeats(dst []uint64, s *state) []uint64 {
	w, p, u, lem := a.pw, a.pp, a.pu, a.pm
	lab := s.labelAtom
	s0 := s.s0()
	s1 := -1
	if len(s.stack) > 1 {
		s1 = s.stack[len(s.stack)-2]
	}
	n0, n1 := -1, -1
	if s.b <= s.n {
		n0 = s.b
	}
	if s.b+1 <= s.n {
		n1 = s.b + 1
	}
	s0h := s.head[s0]
	s0l, s0r := s.lc1[s0], s.rc1[s0]
	n0l, n0l2 := -1, -1
	var n0vl, n0ls uint64
	if n0 >= 0 {
		n0l, n0l2 = s.lc1[n0], s.lc2[n0]
		n0vl, n0ls = uint64(s.nl[n0]), s.ls[n0]
	}
	var d uint64
	if n0 >= 0 {
		d = uint64(min(n0-s0, 10))
		if s0 == 0 {
			d = 11
		}
	}
	s0w, s0p, n0w, n0p := w(s0), p(s0), w(n0), p(n0)
	n1p := p(n1)
	s0wp := f2(0, s0w, s0p)
	n0wp := f2(0, n0w, n0p)
	s0m, n0m := lem(s0), lem(n0)
	var pu uint64 // punctuation between s0 and n0, up to 2
	if n0 > 0 {
		pu = uint64(min(a.punct[n0-1]-a.punct[s0], 2))
	}
	hasHead := uint64(0)
	if s0h >= 0 {
		hasHead = 1
	}
	rk := uint64(0)
	if s.rootKid >= 0 {
		rk = 1
	}
	return append(dst,
		f2(pfS0wpN0wp, s0wp, n0wp), f2(pfS0wpN0w, s0wp, n0w), f2(pfS0wN0wp, s0w, n0wp),
		f2(pfS0wpN0p, s0wp, n0p), f2(pfS0pN0wp, s0p, n0wp), f2(pfS0wN0w, s0w, n0w),
		f2(pfS0pN0p, s0p, n0p),
		f3(pfS0pN0pN1p, s0p, n0p, n1p),
		f3(pfS0hpS0pN0p, p(s0h), s0p, n0p), f3(pfS0pS0lpN0p, s0p, p(s0l), n0p),
		f3(pfS0pS0rpN0p, s0p, p(s0r), n0p), f3(pfS0pN0pN0lp, s0p, n0p, p(n0l)),
		f2(pfS0wd, s0w, d), f2(pfS0pd, s0p, d), f2(pfN0wd, n0w, d), f2(pfN0pd, n0p, d),
		f3(pfS0wN0wd, s0w, n0w, d), f3(pfS0pN0pd, s0p, n0p, d),
		f2(pfN0wvl, n0w, n0vl), f2(pfN0pvl, n0p, n0vl),
		f1(pfN0lw, w(n0l)), f1(pfN0lp, p(n0l)), f1(pfN0lL, lab(n0l)),
		f1(pfN0l2w, w(n0l2)), f1(pfN0l2p, p(n0l2)), f1(pfN0l2L, lab(n0l2)),
		f3(pfN0pN0lpN0l2p, n0p, p(n0l), p(n0l2)),
		f2(pfN0wnl, n0w, n0ls), f2(pfN0pnl, n0p, n0ls),
		f1(pfS1p, p(s1)), f1(pfS1w, w(s1)), f3(pfS1pS0pN0p, p(s1), s0p, n0p),
		f2(pfS1wp, w(s1), p(s1)), f2(pfS0pS1p, s0p, p(s1)),
		f3(pfS0pN0pRootKid, s0p, n0p, rk),
		f3(pfS0wN0pN1p, s0w, n0p, n1p),
		f3(pfS0pN0pHasHead, s0p, n0p, hasHead),
		f2(pfS0uN0u, u(s0), u(n0)), f3(pfS0uN0uN1u, u(s0), u(n0), u(n1)),
		f2(pfS0wN0u, s0w, u(n0)), f2(pfS0uN0w, u(s0), n0w), f3(pfS1uS0uN0u, u(s1), u(s0), u(n0)),
		f3(pfS0uN0ud, u(s0), u(n0), d), f3(pfS0uS0luN0u, u(s0), u(s0l), u(n0)), f3(pfS0uS0ruN0u, u(s0), u(s0r), u(n0)),
		f3(pfS0uN0uN0lu, u(s0), u(n0), u(n0l)), f3(pfS0huS0uN0u, u(s0h), u(s0), u(n0)),
		f2(pfS0mN0m, s0m, n0m), f2(pfS0mN0p, s0m, n0p), f2(pfS0pN0m, s0p, n0m),
		f3(pfS0pN0pPunct, s0p, n0p, pu), f3(pfS0mN0mPunct, s0m, n0m, pu),
	)
}

// classOf returns the class of transition tr with label l among nLabels.
func classOf(tr, l, nLabels int) int {
	switch tr {
	case trShift:
		return 0
	case trReduce:
		return 1
	case trLeft:
		return 2 + l
	}
	return 2 + nLabels + l
}

// transOf splits a class into transition and label.
func transOf(c, nLabels int) (tr, l int) {
	switch {
	case c == 0:
		return trShift, -1
	case c == 1:
		return trReduce, -1
	case c < 2+nLabels:
		return trLeft, c - 2
	}
	return trRight, c - 2 - nLabels
}

// validClass reports whether class c is allowed in s; rootLabel is the
// number of the label "root", which only the arc from the root may carry.
func (s *state) validClass(c, nLabels, rootLabel int) bool {
	tr, l := transOf(c, nLabels)
	if !s.can(tr) {
		return false
	}
	switch tr {
	case trLeft:
		return l != rootLabel
	case trRight:
		return (s.s0() == 0) == (l == rootLabel)
	}
	return true
}

// cost returns the number of gold arcs that transition tr makes
// unreachable (Goldberg & Nivre 2012, arc-eager), given gold heads gh
// (gh[0] = -1) and the gold children kids of every word.
func (s *state) cost(tr int, gh []int, kids [][]int) int {
	s0, b := s.s0(), s.b
	c := 0
	switch tr {
	case trLeft:
		for _, d := range kids[s0] {
			if d >= b {
				c++
			}
		}
		if gh[s0] > b {
			c++
		}
	case trRight:
		if h := gh[b]; h != s0 && h >= 0 && (s.inStack[h] || h > b) {
			c++
		}
		for _, d := range kids[b] {
			if s.inStack[d] && s.head[d] < 0 {
				c++
			}
		}
	case trReduce:
		for _, d := range kids[s0] {
			if d >= b {
				c++
			}
		}
	case trShift:
		if h := gh[b]; h >= 0 && s.inStack[h] {
			c++
		}
		for _, d := range kids[b] {
			if s.inStack[d] && s.head[d] < 0 {
				c++
			}
		}
	}
	return c
}
