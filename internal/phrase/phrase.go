// Package phrase matches multi-word phrases from a word list against the
// tokens of a text. It is the one matcher behind actor aliases, event
// triggers and reporting cues.
//
// A phrase is a space-separated list of items. An item is a word, matched
// case-insensitively (apostrophes ’ and ' are the same); a word ending in
// "*" matches any token starting with it; "~" skips up to three tokens.
// A phrase added with Exact matches only tokens spelled exactly as written,
// for acronyms such as "IS" that are ordinary words in lower case.
package phrase

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// maxGap is how many tokens "~" may skip.
const maxGap = 3

// Match is one phrase found in the tokens: toks[First:Last].
type Match[T any] struct {
	First, Last int // token indices, Last exclusive
	Value       T
	Len         int // number of items in the phrase; longer phrases are more specific
}

type item struct {
	word string // folded; "" for a gap
	stem bool
	gap  bool
	raw  string // as written, for exact phrases
}

type entry[T any] struct {
	items []item
	exact bool
	value T
	// next is the second item when it is a word, for a quick test of the
	// token after the first before the whole phrase is tried.
	next *item
}

// quickNext reports whether e may match given the token after its first
// one: next is that token's text, nextKey its fold, ok false at the end.
func (e *entry[T]) quickNext(next, nextKey string, ok bool) bool {
	it := e.next
	if it == nil {
		return true
	}
	if !ok {
		return false
	}
	switch {
	case e.exact && it.stem:
		return strings.HasPrefix(next, it.raw)
	case e.exact:
		return next == it.raw
	case it.stem:
		return strings.HasPrefix(nextKey, it.word)
	}
	return nextKey == it.word
}

// Dict is a set of phrases with values. The zero value is empty and ready
// to use; a Dict is safe for concurrent Find once no more phrases are added.
type Dict[T any] struct {
	words map[string][]*entry[T] // by first item's folded word
	stems map[string][]*entry[T] // by first item's stem
	lens  []int                  // distinct stem lengths, for lookup
	n     int
}

// Len returns the number of phrases in d.
func (d *Dict[T]) Len() int { return d.n }

// Add adds phrase with value v. With exact set, words must match as
// written (case and all).
func (d *Dict[T]) Add(phrase string, v T, exact bool) error {
	fields := strings.Fields(phrase)
	if len(fields) == 0 {
		return fmt.Errorf("phrase: empty phrase")
	}
	e := &entry[T]{exact: exact, value: v}
	for i, f := range fields {
		switch {
		case f == "~":
			if i == 0 || i == len(fields)-1 {
				return fmt.Errorf("phrase %q: a gap must stand between words", phrase)
			}
			e.items = append(e.items, item{gap: true})
		case strings.HasSuffix(f, "*") && len(f) > 1:
			e.items = append(e.items, item{word: Fold(f[:len(f)-1]), stem: true, raw: f[:len(f)-1]})
		default:
			// A word is cut into tokens as texts are: "People's" is
			// "People" and "'s", "Tal-Afar" stays one word.
			_, toks := segment.Split(f, sitrep.Span{})
			if len(toks) < 2 || toks[0].Kind != segment.Word {
				// One token, or one that stands alone ("'s"): as written.
				e.items = append(e.items, item{word: Fold(f), raw: f})
				continue
			}
			for _, t := range toks {
				w := f[t.Start:t.End]
				e.items = append(e.items, item{word: Fold(w), raw: w})
			}
		}
	}
	if len(e.items) == 0 {
		return fmt.Errorf("phrase %q: no words", phrase)
	}
	if d.words == nil {
		d.words = make(map[string][]*entry[T])
		d.stems = make(map[string][]*entry[T])
	}
	if len(e.items) > 1 && !e.items[1].gap {
		e.next = &e.items[1]
	}
	first := e.items[0]
	if first.stem {
		d.stems[first.word] = append(d.stems[first.word], e)
		n := len(first.word)
		found := false
		for _, l := range d.lens {
			found = found || l == n
		}
		if !found {
			d.lens = append(d.lens, n)
		}
	} else {
		d.words[first.word] = append(d.words[first.word], e)
	}
	d.n++
	return nil
}

// Find calls fn for every phrase that starts at a token in toks[from:to]
// and ends by to. It reads each token's Fold (computed by segment.Split)
// and folds a token itself only when its Fold is unset.
func (d *Dict[T]) Find(text string, toks []segment.Token, from, to int, fn func(Match[T])) {
	if d.n == 0 {
		return
	}
	for i := from; i < to; i++ {
		d.findAt(text, toks, i, to, fn, nil)
	}
}

// AppendFind appends to dst the matches Find would report, in the same
// order, and returns the extended slice.
func (d *Dict[T]) AppendFind(dst []Match[T], text string, toks []segment.Token, from, to int) []Match[T] {
	if d.n == 0 {
		return dst
	}
	for i := from; i < to; i++ {
		dst = d.findAt(text, toks, i, to, nil, dst)
	}
	return dst
}

// findAt reports the phrases starting at token i to fn, or appends them
// to dst when fn is nil.
func (d *Dict[T]) findAt(text string, toks []segment.Token, i, to int, fn func(Match[T]), dst []Match[T]) []Match[T] {
	t := &toks[i]
	if t.Kind == segment.Punct && t.End-t.Start == 1 && text[t.Start] != '&' {
		return dst
	}
	key := t.Key(text)
	// The token after, for entries' quick test.
	var next, nextKey string
	hasNext := i+1 < to
	if hasNext {
		n := &toks[i+1]
		next, nextKey = text[n.Start:n.End], n.Key(text)
	}
	if es, ok := d.words[key]; ok {
		for _, e := range es {
			if !e.quickNext(next, nextKey, hasNext) {
				continue
			}
			if last, ok := d.match(text, toks, i, to, e); ok {
				m := Match[T]{First: i, Last: last, Value: e.value, Len: len(e.items)}
				if fn != nil {
					fn(m)
				} else {
					dst = append(dst, m)
				}
			}
		}
	}
	for _, l := range d.lens {
		if len(key) < l {
			continue
		}
		if es, ok := d.stems[key[:l]]; ok {
			for _, e := range es {
				if !e.quickNext(next, nextKey, hasNext) {
					continue
				}
				if last, ok := d.match(text, toks, i, to, e); ok {
					m := Match[T]{First: i, Last: last, Value: e.value, Len: len(e.items)}
					if fn != nil {
						fn(m)
					} else {
						dst = append(dst, m)
					}
				}
			}
		}
	}
	return dst
}

// match tries e at toks[i:] and returns the end token index. The first
// item of an entry that is not exact matched already: it is the key under
// which e was found.
func (d *Dict[T]) match(text string, toks []segment.Token, i, to int, e *entry[T]) (int, bool) {
	if !e.exact {
		return matchItems(text, toks, i+1, to, e.items[1:], false)
	}
	return matchItems(text, toks, i, to, e.items, e.exact)
}

func matchItems(text string, toks []segment.Token, i, to int, items []item, exact bool) (int, bool) {
	if len(items) == 0 {
		return i, true
	}
	it := items[0]
	if it.gap {
		for skip := 0; skip <= maxGap && i+skip < to; skip++ {
			if last, ok := matchItems(text, toks, i+skip, to, items[1:], exact); ok {
				return last, true
			}
		}
		return 0, false
	}
	if i >= to {
		return 0, false
	}
	if exact {
		tok := text[toks[i].Start:toks[i].End]
		if it.stem && !strings.HasPrefix(tok, it.raw) || !it.stem && tok != it.raw {
			return 0, false
		}
	} else if key := toks[i].Key(text); it.stem && !strings.HasPrefix(key, it.word) || !it.stem && key != it.word {
		return 0, false
	}
	return matchItems(text, toks, i+1, to, items[1:], exact)
}

// Fold returns the matching key of a word: lower case, with curly
// apostrophes and quotes made straight. It does not allocate when s is
// already folded; see segment.Fold.
func Fold(s string) string { return segment.Fold(s) }

// Longest keeps, among overlapping matches, the one that covers the most
// tokens (then the most phrase items, then the earliest). The result is
// sorted by First.
func Longest[T any](ms []Match[T]) []Match[T] {
	if len(ms) < 2 {
		return ms
	}
	var c Chooser[T]
	return c.Longest(ms)
}

// Chooser runs Longest with buffers that it keeps from call to call. The
// zero value is ready to use; a Chooser is not safe for concurrent use.
type Chooser[T any] struct {
	order  []int32
	used   []bool
	chosen []Match[T]
}

// Longest is the package function Longest. It does not modify ms; the
// result (unless it is ms itself) is valid until the next call.
func (c *Chooser[T]) Longest(ms []Match[T]) []Match[T] {
	if len(ms) < 2 {
		return ms
	}
	order := c.order[:0]
	lo, hi := ms[0].First, ms[0].Last
	for i, m := range ms {
		order = append(order, int32(i))
		lo, hi = min(lo, m.First), max(hi, m.Last)
	}
	// The same comparisons as sort.Slice made before, so that ties break
	// the same way.
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &ms[i], &ms[j]
		if la, lb := a.Last-a.First, b.Last-b.First; la != lb {
			return cmpDesc(la, lb)
		}
		if a.Len != b.Len {
			return cmpDesc(a.Len, b.Len)
		}
		if a.First != b.First {
			return cmpDesc(b.First, a.First)
		}
		return 0
	})
	used := c.used[:0]
	used = append(used, make([]bool, hi-lo)...)
	chosen := c.chosen[:0]
	for _, i := range order {
		m := ms[i]
		free := true
		for k := m.First; k < m.Last; k++ {
			if used[k-lo] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for k := m.First; k < m.Last; k++ {
			used[k-lo] = true
		}
		chosen = append(chosen, m)
	}
	slices.SortFunc(chosen, func(a, b Match[T]) int { return a.First - b.First })
	c.order, c.used, c.chosen = order, used, chosen
	return chosen
}

// cmpDesc orders larger values first.
func cmpDesc(a, b int) int {
	if a > b {
		return -1
	}
	return 1
}

// Lookup returns the values of the one-word phrases that match word.
func (d *Dict[T]) Lookup(word string) []T {
	var buf [64]byte
	key := segment.AppendFold(buf[:0], word)
	var out []T
	for _, e := range d.words[string(key)] {
		if len(e.items) != 1 || e.items[0].stem {
			continue
		}
		if e.exact && word != e.items[0].raw {
			continue
		}
		out = append(out, e.value)
	}
	return out
}
