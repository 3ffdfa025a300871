package syntax

import (
	"strings"
)

// Scoring through a tokeniser, after the CoNLL 2018 shared task
// (Zeman et al. 2018): system and gold words are aligned by their
// character spans; words of a multiword token, which share one span, are
// aligned inside it by the longest common subsequence of their forms.
// Every figure is an F1 over gold and system words.

// SpanWord is a word of a whole document with its span in the document's
// text. Words of a multiword token (Multi) carry the token's span.
type SpanWord struct {
	Start, End int // byte offsets into the document text; -1 when unknown
	Form, UPOS string
	Head       int // index of the head word in the same slice, -1 for the root
	Deprel     string
	Multi      bool
}

// AlignedScores are F1 percentages of a system against gold through
// alignment. LAS compares universal relations (subtypes ignored), as the
// CoNLL 2018 scorer does; LASFull compares whole relations.
type AlignedScores struct {
	Tokens, Words, UPOS, UAS, LAS, LASFull float64
	GoldWords, SystemWords, Aligned        int
}

// ScoreAligned aligns sys to gold and scores it. Both slices are in text
// order.
func ScoreAligned(gold, sys []SpanWord) AlignedScores {
	align := alignWords(gold, sys) // gold index -> sys index or -1
	var sc AlignedScores
	sc.GoldWords, sc.SystemWords = len(gold), len(sys)
	var upos, uas, las, lasFull int
	for g, s := range align {
		if s < 0 {
			continue
		}
		sc.Aligned++
		if gold[g].UPOS == sys[s].UPOS {
			upos++
		}
		gh, sh := gold[g].Head, sys[s].Head
		headOK := gh < 0 && sh < 0 || gh >= 0 && sh >= 0 && align[gh] == sh
		if headOK {
			uas++
			if universal(gold[g].Deprel) == universal(sys[s].Deprel) {
				las++
			}
			if gold[g].Deprel == sys[s].Deprel {
				lasFull++
			}
		}
	}
	f1 := func(n, g, s int) float64 {
		if g+s == 0 {
			return 0
		}
		return 200 * float64(n) / float64(g+s)
	}
	gt, st, tm := tokenSpans(gold), tokenSpans(sys), 0
	for k := range st {
		if gt[k] {
			tm++
		}
	}
	sc.Tokens = f1(tm, len(gt), len(st))
	sc.Words = f1(sc.Aligned, len(gold), len(sys))
	sc.UPOS = f1(upos, len(gold), len(sys))
	sc.UAS = f1(uas, len(gold), len(sys))
	sc.LAS = f1(las, len(gold), len(sys))
	sc.LASFull = f1(lasFull, len(gold), len(sys))
	return sc
}

func tokenSpans(ws []SpanWord) map[[2]int]bool {
	m := make(map[[2]int]bool, len(ws))
	for _, w := range ws {
		if w.Start >= 0 {
			m[[2]int{w.Start, w.End}] = true
		}
	}
	return m
}

// alignWords returns, for every gold word, the index of its system word or -1.
func alignWords(gold, sys []SpanWord) []int {
	align := make([]int, len(gold))
	for i := range align {
		align[i] = -1
	}
	i, j := 0, 0
	for i < len(gold) && j < len(sys) {
		g, s := gold[i], sys[j]
		switch {
		case g.Start < 0:
			i++
		case s.Start < 0:
			j++
		case !g.Multi && !s.Multi && g.Start == s.Start && g.End == s.End:
			align[i] = j
			i++
			j++
		case g.End <= s.Start:
			i++
		case s.End <= g.Start:
			j++
		default:
			// An overlap: the region of all words that overlap it.
			end := max(g.End, s.End)
			gi, sj := i, j
			multi := false
			for {
				grew := false
				for gi < len(gold) && (gold[gi].Start < 0 || gold[gi].Start < end) {
					end = max(end, gold[gi].End)
					multi = multi || gold[gi].Multi
					gi++
					grew = true
				}
				for sj < len(sys) && (sys[sj].Start < 0 || sys[sj].Start < end) {
					end = max(end, sys[sj].End)
					multi = multi || sys[sj].Multi
					sj++
					grew = true
				}
				if !grew {
					break
				}
			}
			if multi {
				lcsAlign(gold[i:gi], sys[j:sj], i, j, align)
			}
			i, j = gi, sj
		}
	}
	return align
}

// lcsAlign aligns the words of two regions by the longest common
// subsequence of their lower-case forms.
func lcsAlign(gold, sys []SpanWord, gi0, sj0 int, align []int) {
	n, m := len(gold), len(sys)
	eq := func(a, b int) bool { return strings.EqualFold(gold[a].Form, sys[b].Form) }
	t := make([][]int, n+1)
	for a := range t {
		t[a] = make([]int, m+1)
	}
	for a := n - 1; a >= 0; a-- {
		for b := m - 1; b >= 0; b-- {
			if eq(a, b) {
				t[a][b] = 1 + t[a+1][b+1]
			} else {
				t[a][b] = max(t[a+1][b], t[a][b+1])
			}
		}
	}
	for a, b := 0, 0; a < n && b < m; {
		switch {
		case eq(a, b):
			align[gi0+a] = sj0 + b
			a++
			b++
		case t[a+1][b] >= t[a][b+1]:
			a++
		default:
			b++
		}
	}
}
