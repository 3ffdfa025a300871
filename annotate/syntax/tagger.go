package syntax

// Atoms of a sentence's words, computed once per sentence and shared by
// the tagger and the parser. Word i of the sentence is at index i+1 (index
// 0 is the parser's root); the slices have n+1 entries.
type atoms struct {
	word  []uint64 // lower case, digits as 0
	suf   [4][]uint64
	pre   [2][]uint64
	shape []uint64
	tag   []int    // predicted tag class, -1 for none
	upos  []int    // the UPOS number of tag, for features that back off from XPOS
	lem   []uint64 // lemma (from the predicted tag)
	punct []int    // number of PUNCT words up to and including this one
	amb   []uint64 // ambiguity class: the UPOS tags seen with the word in training (0: unknown word)
	buf   []byte
}

// Sentinels for positions outside the sentence.
const (
	atomNone  = 0x1f3d5b79a2c4e6f8
	atomStart = 0x2b4d6f8091a3c5e7
	atomEnd   = 0x3c5e7f9102b4d6f8
	atomRoot  = 0x4d6f8091a3c5e7f9
)

// reset computes the atoms of forms.
func (a *atoms) reset(forms []string) {
	n := len(forms) + 1
	a.word = grow(a.word, n)
	for k := range a.suf {
		a.suf[k] = grow(a.suf[k], n)
	}
	for k := range a.pre {
		a.pre[k] = grow(a.pre[k], n)
	}
	a.shape = grow(a.shape, n)
	a.tag = growInt(a.tag, n)
	a.upos = growInt(a.upos, n)
	a.lem = grow(a.lem, n)
	a.punct = growInt(a.punct, n)
	a.lem[0] = atomRoot
	a.upos = growInt(a.upos, n)
	a.lem = grow(a.lem, n)
	a.punct = growInt(a.punct, n)
	a.lem[0] = atomRoot
	a.amb = grow(a.amb, n)
	a.amb[0] = atomRoot
	a.word[0] = atomRoot
	a.shape[0] = atomRoot
	a.tag[0] = -1
	for i, f := range forms {
		j := i + 1
		b := appendLower(a.buf[:0], f)
		normDigits(b)
		a.word[j] = hashBytes(b)
		for k := range a.suf {
			a.suf[k][j] = hashBytes(b[suffixStart(b, k+1):]) + uint64(k)
		}
		for k := range a.pre {
			a.pre[k][j] = hashBytes(b[:prefixEnd(b, k+1)]) + uint64(k)
		}
		mark := len(b)
		b = appendShape(b, f)
		a.shape[j] = hashBytes(b[mark:])
		a.buf = b[:0]
		a.tag[j] = -1
	}
}

func grow(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n, n+n/2)
	}
	return s[:n]
}

func growInt(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n, n+n/2)
	}
	return s[:n]
}

// Tagger feature templates.
const (
	tfBias = iota + 1
	tfWord
	tfSuf1
	tfSuf2
	tfSuf3
	tfSuf4
	tfPre1
	tfPre2
	tfShape
	tfT1
	tfT2
	tfT1T2
	tfT1Word
	tfW1
	tfW1Suf3
	tfW2
	tfN1
	tfN1Suf3
	tfN2
	tfW1Word
	tfWordN1
	tfN1Shape
	tfW1Shape
	tfFirstShape
	tfT1N1
	tfN1Suf2
	tfN1N2
	tfT1Suf3
	tfN2Suf3
	tfAmb
	tfN1Amb
	tfN2Amb
	tfT1N1Amb
	tfAmbN1Amb
	tfW1Amb
)

// tagFeats appends the tagger features of word j (1-based) to dst, given
// the tag classes of the two words before it (-1 for none).
func (a *atoms) tagFeats(dst []uint64, j int, t1, t2 int) []uint64 {
	n := len(a.word) - 1
	at := func(s []uint64, i int) uint64 {
		if i < 1 {
			return atomStart + uint64(i)
		}
		if i > n {
			return atomEnd + uint64(i-n)
		}
		return s[i]
	}
	w := a.word[j]
	p1, p2 := uint64(t1+2), uint64(t2+2)
	w1, wn1 := at(a.word, j-1), at(a.word, j+1)
	dst = append(dst,
		f1(tfBias, 0),
		f1(tfWord, w),
		f1(tfSuf1, a.suf[0][j]),
		f1(tfSuf2, a.suf[1][j]),
		f1(tfSuf3, a.suf[2][j]),
		f1(tfSuf4, a.suf[3][j]),
		f1(tfPre1, a.pre[0][j]),
		f1(tfPre2, a.pre[1][j]),
		f1(tfShape, a.shape[j]),
		f1(tfT1, p1),
		f1(tfT2, p2),
		f2(tfT1T2, p1, p2),
		f2(tfT1Word, p1, w),
		f1(tfW1, w1),
		f1(tfW1Suf3, at(a.suf[2], j-1)),
		f1(tfW2, at(a.word, j-2)),
		f1(tfN1, wn1),
		f1(tfN1Suf3, at(a.suf[2], j+1)),
		f1(tfN2, at(a.word, j+2)),
		f2(tfW1Word, w1, w),
		f2(tfWordN1, w, wn1),
		f1(tfN1Shape, at(a.shape, j+1)),
		f1(tfW1Shape, at(a.shape, j-1)),
		f2(tfT1N1, p1, wn1),
		f1(tfN1Suf2, at(a.suf[1], j+1)),
		f2(tfN1N2, wn1, at(a.word, j+2)),
		f2(tfT1Suf3, p1, a.suf[2][j]),
		f1(tfN2Suf3, at(a.suf[2], j+2)),
		f1(tfAmb, a.amb[j]),
		f1(tfN1Amb, at(a.amb, j+1)),
		f1(tfN2Amb, at(a.amb, j+2)),
		f2(tfT1N1Amb, p1, at(a.amb, j+1)),
		f2(tfAmbN1Amb, a.amb[j], at(a.amb, j+1)),
		f2(tfW1Amb, w, at(a.amb, j+1)),
	)
	if j == 1 {
		dst = append(dst, f1(tfFirstShape, a.shape[j]))
	}
	return dst
}
