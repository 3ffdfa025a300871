package number

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// NumbersFile is the data file a Finder reads.
const NumbersFile = "numbers.tsv"

// flag is a role a word or phrase plays; see the kinds in NumbersFile.
type flag uint16

const (
	fCard flag = 1 << iota
	fScale
	fOrd
	fVague
	fBound
	fBoundAfter
	fRange
	fBetween
	fMonth
	fCountNoun
	fNotAfter
	fNotBefore
	fPronoun
	fArticle
	fConj
)

var kinds = map[string]flag{
	"cardinal":    fCard,
	"scale":       fScale,
	"ordinal":     fOrd,
	"vague":       fVague,
	"bound":       fBound,
	"boundafter":  fBoundAfter,
	"range":       fRange,
	"between":     fBetween,
	"month":       fMonth,
	"countnoun":   fCountNoun,
	"notafter":    fNotAfter,
	"notbefore":   fNotBefore,
	"pronoun":     fPronoun,
	"article":     fArticle,
	"conjunction": fConj,
}

// valued kinds carry a value column.
const valued = fCard | fScale | fOrd | fVague

// cased kinds match only with the entry's exact case.
const cased = fMonth | fNotBefore

// entry is what one word means; a word may have several roles.
type entry struct {
	flags  flag
	starts flag // roles of the phrases that begin with this word
	value  int  // for the valued kinds; a word has at most one of them
}

// phrase is a multi-word entry.
type phrase struct {
	words []string // lower-case
	flags flag
	value int
}

// maxWord is the longest single word looked up; longer tokens are no number words.
const maxWord = 24

// Finder finds count expressions with a given number lexicon. It is safe
// for concurrent use.
type Finder struct {
	words   map[string]entry    // lower-case word -> roles
	exact   map[string]flag     // exact-case word -> cased roles
	phrases map[string][]phrase // lower-case first word -> phrases, longest first
	// table holds words again, open-addressed by wordHash, for lookups
	// that lower-case and hash a token in one pass.
	table []slot
}

// New reads NumbersFile (columns entry, kind, value) from the data
// directory fsys and returns a Finder that uses it. Errors name the file
// and line.
func New(fsys fs.FS) (*Finder, error) {
	f := &Finder{words: map[string]entry{}, exact: map[string]flag{}, phrases: map[string][]phrase{}}
	err := lexicon.ReadTSV(fsys, NumbersFile, func(r lexicon.Row) error {
		text, kind := r.Get("entry"), r.Get("kind")
		fl, ok := kinds[kind]
		if !ok {
			return r.Errorf("unknown kind %q", kind)
		}
		words := strings.Fields(text)
		if len(words) == 0 {
			return r.Errorf("empty entry")
		}
		value := 0
		if fl&valued != 0 {
			v, err := strconv.Atoi(r.Get("value"))
			if err != nil || v < 0 {
				return r.Errorf("%s %q: bad value %q", kind, text, r.Get("value"))
			}
			value = v
		}
		if fl&cased != 0 {
			if len(words) > 1 {
				return r.Errorf("%s %q must be one word", kind, text)
			}
			f.exact[text] |= fl
			return nil
		}
		if len(words) > 1 {
			for i := range words {
				words[i] = strings.ToLower(words[i])
			}
			f.phrases[words[0]] = append(f.phrases[words[0]], phrase{words: words, flags: fl, value: value})
			return nil
		}
		key := strings.ToLower(text)
		if len(key) > maxWord {
			return r.Errorf("%q is longer than %d bytes", text, maxWord)
		}
		e := f.words[key]
		if fl&valued != 0 && e.flags&valued != 0 {
			return r.Errorf("%q has two values", text)
		}
		e.flags |= fl
		if fl&valued != 0 {
			e.value = value
		}
		f.words[key] = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("number: %w", err)
	}
	for k, ps := range f.phrases {
		// Longest first, so "hundreds of thousands" wins over "hundreds".
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		f.phrases[k] = ps
		e := f.words[k]
		for _, p := range ps {
			e.starts |= p.flags
		}
		f.words[k] = e
	}
	f.buildTable()
	return f, nil
}

// slot is one cell of Finder.table; key "" is empty.
type slot struct {
	key string
	e   entry
}

// wordHash is FNV-1a over the bytes of a lower-case word.
func wordHash(h uint32, c byte) uint32 { return (h ^ uint32(c)) * 16777619 }

const hashSeed uint32 = 2166136261

// buildTable fills f.table from f.words, at most half full.
func (f *Finder) buildTable() {
	n := 16
	for n < 2*len(f.words) {
		n *= 2
	}
	f.table = make([]slot, n)
	for k, e := range f.words {
		if k == "" || len(k) > maxWord {
			continue // lookup never finds these in the table
		}
		h := hashSeed
		for i := 0; i < len(k); i++ {
			h = wordHash(h, k[i])
		}
		i := int(h) & (n - 1)
		for f.table[i].key != "" {
			i = (i + 1) & (n - 1)
		}
		f.table[i] = slot{key: k, e: e}
	}
}

// Default returns the Finder built from the embedded data files.
var Default = sync.OnceValues(func() (*Finder, error) { return New(dataFS()) })

// dataFS returns the directory of embedded data files, whether
// lexicon.FS holds them at its root or under "data/".
func dataFS() fs.FS {
	fsys := lexicon.FS()
	if _, err := fs.Stat(fsys, "data/"+NumbersFile); err == nil {
		if sub, err := fs.Sub(fsys, "data"); err == nil {
			return sub
		}
	}
	return fsys
}

// lookup returns the roles of word s, case-insensitively (ASCII), without
// allocating.
func (f *Finder) lookup(s string) entry {
	if len(s) > maxWord {
		return entry{}
	}
	if s == "" {
		return f.words[s]
	}
	var buf [maxWord]byte
	h := hashSeed
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
		h = wordHash(h, c)
	}
	key := buf[:len(s)]
	mask := len(f.table) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		sl := &f.table[i]
		if sl.key == "" {
			return entry{}
		}
		if sl.key == string(key) {
			return sl.e
		}
	}
}
