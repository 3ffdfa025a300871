// Package place finds the places named in a text and resolves them to
// gazetteer features: recognition by n-gram lookups of the tokens in the
// gazetteer's name index, with capitalisation, word-list and phrase cues
// ("X district of Y province", "the 5th and 8th districts of Balkh", "PD 12
// of Kabul city", "Sakhi Abad village of Shiberghan", "near X"); then
// resolution among homonyms by the document's context (countries and
// regions named, containment, nearby places), population and feature class.
package place

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// ACLED geo_precision values.
const (
	PrecisionPlace  = 1 // the place itself
	PrecisionNear   = 2 // near it, a part of it, or an unknown place inside it
	PrecisionRegion = 3 // only a region (province, country) is known
)

// Mention is a toponym found in text and resolved.
type Mention struct {
	sitrep.Span        // byte offsets into text, End exclusive (the whole phrase, e.g. "Sakhi Abad village of Shiberghan")
	Text        string // text[Start:End]
	// Name is the name to print as ACLED's location ("Shiberghan",
	// "Mazar-e Sharif", "Kabul").
	Name            string
	gazetteer.Place // the resolved place; its Name is the gazetteer's, Mention.Name the one to print
	// Precision is ACLED's geo_precision if an event happened here: 1 the
	// place itself, 2 near it / a part of it / an unknown village of it, 3
	// a region (province, country).
	Precision  int
	Confidence float64 // 0..1
	// Adjective is true for a demonym or adjective ("Afghan", "Turkish"):
	// it names a country but is not where something happened.
	Adjective bool
	// Region is true when Place is a country, a first-level region or a
	// world region.
	Region bool
}

// Resolver finds and resolves places. It is safe for concurrent use.
type Resolver struct {
	g     *gazetteer.Gazetteer
	words map[string]wordClass
	// fw maps the words of the place classes of lexicon/data/stage_words.tsv
	// to their classes; lookups use the word as the rule reads it.
	fw map[string]fwClass
	// agencies maps the folded names of news agencies to whether the
	// name alone is the agency (data/agencies.tsv).
	agencies map[string]bool
	// given holds the keys of given names (data/given_names.tsv): a
	// sentence's first word that is one begins a person's name.
	given map[string]bool
	// personNouns are the nouns of people a name may stand in
	// apposition to ("his father, Alan").
	personNouns map[string]bool
	// past holds the irregular past tenses of English verbs (nounAdjunct).
	past map[string]bool
	// agentHeads are the first words of the generic agents of
	// lexicon/data/agents.tsv ("forces", "troops", "police"), lower case.
	agentHeads map[string]bool
	// w are the ranker's weights (rank.go).
	w Weights
	// noRefocus leaves the focus to the ranker's features (refocus).
	noRefocus bool
	// skel indexes the gazetteer's regions by the skeleton of their
	// names and its places by region (described.go), built on first use.
	skel func() *regionIndex
	pool sync.Pool
}

// New returns a Resolver over g (gazetteer.Default() when nil; a Resolver
// whose gazetteer cannot load finds nothing).
func New(g *gazetteer.Gazetteer) *Resolver {
	if g == nil {
		g, _ = gazetteer.Default()
	}
	w, ag, err := loadWords()
	if err != nil {
		w, ag = map[string]wordClass{}, map[string]bool{} // the embedded files are tested
	}
	fw, err := lexicon.WordClasses("place", fwClassNames)
	if err != nil {
		fw = map[string]fwClass{} // the embedded file is tested
	}
	given, err := loadGivenNames()
	if err != nil {
		given = map[string]bool{} // the embedded file is tested
	}
	r := &Resolver{g: g, words: w, fw: fw, agencies: ag, given: given, personNouns: personNouns(), past: pastForms(), agentHeads: agentHeads(), w: defaultWeights}
	r.pool.New = func() any { return new(state) }
	r.skel = sync.OnceValue(func() *regionIndex { return buildRegionIndex(g) })
	return r
}

// tok is a token with what recognition needs.
type tok struct {
	start, end int
	kind       segment.Kind
	upper      bool  // first rune upper-case
	caps       bool  // every letter upper-case (and at least two letters)
	sentStart  bool  // first word of its sentence
	k0, k1     int32 // key is state.keys[k0:k1] (int32: a token costs 32 bytes, not 48)
	class      wordClass
	lineBreak  bool // a newline lies between this token and the previous
}

// cand is a candidate mention.
type cand struct {
	i, j       int // tokens [i, j)
	start, end int // the phrase's bytes
	refs       []gazetteer.Ref
	want       string // feature code the phrase asks for ("ADM1", "ADM2", "P")
	near       bool
	adjective  bool
	parent     int // index of a candidate that contains this one, -1
	viaParent  bool
	linkOf     bool // the parent link is "of", "in" or a possessive, not a comma
	list       int  // index of the first candidate of the list this one is in, -1 when none
	useSeat    bool // resolve to the parent's seat (numbered city districts)
	capitalOf  bool // "X, the capital of Y"
	cued       bool
	strong     bool
	fold       string    // the name as written, folded (gazetteer.Fold), for candidates with homonyms
	base       []float64 // per feature: the score without context
	best       gazetteer.Ref
	conf       float64
	dropped    bool
	// weakStart marks a common word that is capitalised only because it
	// begins its sentence ("Among the dead"): kept only when the document
	// names the place elsewhere.
	weakStart bool
	// attrib marks a name used as an adjective ("a Tikri official").
	attrib bool
	// dateline marks a name that opens a dateline ("DETROIT —").
	dateline bool
	// fuzzy marks a described name matched by its skeleton only
	// (described.go), loose one whose skeleton is short: a loose one is
	// kept only when its phrase names the region it lies in, a fuzzy one
	// only when it agrees with the document's other places.
	fuzzy, loose bool
}

type state struct {
	text  string
	toks  []tok
	keys  []byte
	key   []byte
	cands []cand
	refs  []gazetteer.Ref
	// persons holds the keys of names seen as a person's first name, or
	// after an honorific.
	persons map[string]bool
	// people holds the keys of the words the whole document uses as
	// people's names (findPersons).
	people map[string]bool
	// titleEnd is the byte end of a title-case headline, 0 when none.
	titleEnd int
	// groupOf[k] is candidate k's name group; group[g] its members.
	groupOf []int
	group   [][]int

	r          *Resolver
	order      []int
	gcache     []groupCache
	scratch    [][nCtx]float64
	seenPoint  map[pointKey]bool
	listCounts map[listCode]int
	listTotal  []int
	byStart    []int
	coveredSum []int32
	starts     []bool
	tmp        []gazetteer.Ref
	bases      []float64
	ctx        docContext
	ids        map[string]int
	// tally is the focus's count of names per country (nameTally).
	tally map[string]float64
	// anchor is the dateline's and the focus's place of the pass.
	anchor anchors
	// recording asks the last pass to keep each mention's candidates
	// and features in examples (record is set during that pass).
	recording, record bool
	examples          []Example
	// memo maps words (token texts) seen in this and earlier documents
	// to their keys and classes, which depend on the word alone.
	memo     map[string]memoTok
	memoKeys []byte
}

const maxGram = 6

// maxPooledToks is the most tokens of a document whose state is pooled
// for the next one (a news article has a few thousand).
const maxPooledToks = 1 << 16

// Annotate finds and resolves the places in text; sents/toks come from
// segment.Split. Mentions are sorted by Start.
func (r *Resolver) Annotate(text string, sents []segment.Sentence, toks []segment.Token) []Mention {
	if r.g == nil || len(toks) == 0 {
		return nil
	}
	st := r.pool.Get().(*state)
	defer func() {
		// A long document's buffers are not kept for the next one: they
		// would hold its size in memory for as long as the pool lives.
		if len(toks) <= maxPooledToks {
			r.pool.Put(st)
		}
	}()
	r.prepare(st, text, sents, toks)
	r.recognise(st, text)
	r.describedNames(st, text)
	if len(st.cands) == 0 {
		return nil
	}
	r.patterns(st, text)
	r.resolve(st)
	return r.output(st, text)
}

// Examples resolves the places of text as Annotate does and returns, for
// every mention with two candidates or more, the candidates and their
// features as the last pass scored them: what the ranker is trained on.
// It also returns the mentions Annotate returns.
func (r *Resolver) Examples(text string, sents []segment.Sentence, toks []segment.Token) ([]Mention, []Example) {
	if r.g == nil || len(toks) == 0 {
		return nil, nil
	}
	st := r.pool.Get().(*state)
	defer r.pool.Put(st)
	st.recording, st.examples = true, nil
	defer func() { st.recording, st.examples = false, nil }()
	r.prepare(st, text, sents, toks)
	r.recognise(st, text)
	r.describedNames(st, text)
	if len(st.cands) == 0 {
		return nil, nil
	}
	r.patterns(st, text)
	r.resolve(st)
	return r.output(st, text), st.examples
}

func (r *Resolver) prepare(st *state, text string, sents []segment.Sentence, toks []segment.Token) {
	st.text = text
	st.r = r
	st.titleEnd = titleLineEnd(text)
	clear(st.persons)
	if st.persons == nil {
		st.persons = map[string]bool{}
	}
	st.toks = st.toks[:0]
	if cap(st.toks) < len(toks) {
		st.toks = make([]tok, 0, len(toks))
	}
	st.keys = st.keys[:0]
	st.cands = st.cands[:0]
	st.refs = st.refs[:0]
	st.bases = st.bases[:0]
	// The first word of each sentence.
	if cap(st.starts) < len(toks) {
		st.starts = make([]bool, len(toks))
	}
	starts := st.starts[:len(toks)]
	clear(starts)
	for _, s := range sents {
		for k := max(s.First, 0); k < s.Last && k < len(toks); k++ {
			if toks[k].Kind != segment.Punct {
				starts[k] = true
				break
			}
		}
	}
	prevEnd := 0
	for k, t := range toks {
		if t.Start < 0 || t.End > len(text) || t.Start > t.End {
			continue
		}
		w := text[t.Start:t.End]
		x := tok{start: t.Start, end: t.End, kind: t.Kind, upper: t.Upper, sentStart: starts[k] || len(sents) == 0 && k == 0}
		x.lineBreak = strings.IndexByte(text[min(prevEnd, t.Start):t.Start], '\n') >= 0
		prevEnd = t.End
		if t.Kind != segment.Punct {
			x.caps = allCaps(w)
			x.k0 = int32(len(st.keys))
			if m, ok := st.memo[w]; ok {
				st.keys = append(st.keys, st.memoKeys[m.k0:m.k1]...)
				x.k1 = int32(len(st.keys))
				x.class = m.class
			} else {
				st.keys = gazetteer.AppendKey(st.keys, w)
				x.k1 = int32(len(st.keys))
				x.class = r.words[string(st.keys[x.k0:x.k1])]
				st.remember(w, st.keys[x.k0:x.k1], x.class)
			}
		}
		// A colon may open a sentence ("Question: Will the ..."), whose
		// first word is capitalised whatever it is: a common word
		// capitalised after one is read as a sentence's first word.
		if n := len(st.toks); n > 0 && x.upper && x.class&wCommon != 0 && text[st.toks[n-1].start:st.toks[n-1].end] == ":" {
			x.sentStart = true
		}
		st.toks = append(st.toks, x)
	}
}

// maxMemo bounds the number of words a state remembers the keys of.
const maxMemo = 1 << 14

// memoTok is a remembered word: its key is state.memoKeys[k0:k1].
type memoTok struct {
	k0, k1 int32
	class  wordClass
}

// remember records the key and class of word w, starting over when the
// memo is full.
func (st *state) remember(w string, key []byte, class wordClass) {
	if st.memo == nil || len(st.memo) >= maxMemo {
		if st.memo == nil {
			st.memo = make(map[string]memoTok, 512)
		}
		clear(st.memo)
		st.memoKeys = st.memoKeys[:0]
	}
	k0 := len(st.memoKeys)
	st.memoKeys = append(st.memoKeys, key...)
	st.memo[strings.Clone(w)] = memoTok{k0: int32(k0), k1: int32(len(st.memoKeys)), class: class}
}

func allCaps(w string) bool {
	n := 0
	for _, c := range w {
		if unicode.IsLower(c) {
			return false
		}
		if unicode.IsLetter(c) {
			n++
		}
	}
	return n >= 2
}

func (st *state) tkey(i int) []byte { return st.keys[st.toks[i].k0:st.toks[i].k1] }

// gram builds the key of tokens [i, j) into st.key, folding a letter
// doubled across a word boundary as Normalize does. It reports false when
// the tokens cannot form one name.
func (st *state) gram(text string, i, j int) bool {
	st.key = st.key[:0]
	for k := i; k < j; k++ {
		t := &st.toks[k]
		if t.kind == segment.Punct {
			if k > i && k < j-1 && abbrevDot(text, st.toks[k-1], *t) {
				continue // "St. Thomas" split by a sentence end
			}
			return false
		}
		if k > i {
			if t.lineBreak || t.start-st.toks[k-1].end > 1 {
				return false
			}
		}
		kk := st.tkey(k)
		if len(st.key) > 0 && len(kk) > 0 && st.key[len(st.key)-1] == kk[0] && kk[0] < utf8.RuneSelf {
			kk = kk[1:]
		}
		st.key = append(st.key, kk...)
	}
	return len(st.key) > 0
}

// keep takes the features appended to st.refs past its length as the
// arena's next slice, and returns them with their capacity cut so that no
// later append can overwrite them.
func (st *state) keep(grown []gazetteer.Ref) []gazetteer.Ref {
	n := len(st.refs)
	st.refs = grown
	return grown[n:len(grown):len(grown)]
}

// nameAbbrev reports whether w is an abbreviation that only begins names:
// "St.", "Ft.", "Mt.".
func nameAbbrev(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "St", "Ste", "Ft", "Mt", "Pt":
		return true
	}
	return false
}

// abbrevDot reports whether t is the dot of an abbreviation that begins
// place names ("St.", "Ft.", "Mt.") written right after it as prev.
func abbrevDot(text string, prev, t tok) bool {
	if text[t.start:t.end] != "." || t.start != prev.end {
		return false
	}
	switch text[prev.start:prev.end] {
	case "St", "Ste", "Ft", "Mt", "Pt":
		return true
	}
	return false
}

// nameStart reports whether token i may begin a place name: a
// capitalised word, or a name written with the Arabic article in lower
// case and a hyphen ("al-Hilla", "ar-Raqqah"): English keeps the article
// in lower case inside a name, and the name with it is the place's
// (gazetteer keys drop the hyphen: "al-Hilla" is "Al Hilla").
func (st *state) nameStart(i int) bool {
	t := &st.toks[i]
	return t.kind == segment.Word && (t.upper || st.r.articled(st.text[t.start:t.end]))
}

// articled reports whether w is a name after the Arabic article in lower
// case and a hyphen: "al-Hilla", "ash-Shaddadi" (stage_words.tsv's
// arabic_article), the name capitalised.
func (r *Resolver) articled(w string) bool {
	art, rest, ok := strings.Cut(w, "-")
	if !ok || rest == "" || art == "" || art != strings.ToLower(art) || r.fw[art]&fwArabicArticle == 0 {
		return false
	}
	c, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(c) && !strings.Contains(rest, "-")
}

func (r *Resolver) recognise(st *state, text string) {
	r.findPersons(st, text)
	n := len(st.toks)
	for i := 0; i < n; i++ {
		if !st.nameStart(i) {
			if st.toks[i].kind == segment.Word {
				r.hyphenParts(st, text, i) // "trans-Pacific", "pro-Russian"
			}
			continue
		}
		// "(Xinhua) --", "Fars news agency": a credit, not a place.
		if st.toks[i].class&wAgency != 0 && r.credit(st, text, i) {
			continue
		}
		found := false
		// "Barrie, Ont.": region abbreviations that only follow a comma.
		if i > 0 && text[st.toks[i-1].start:st.toks[i-1].end] == "," && (st.toks[i].caps ||
			strings.HasSuffix(text[st.toks[i].start:st.toks[i].end], ".") || st.toks[i].end < len(text) && text[st.toks[i].end] == '.') {
			if refs := st.keep(r.g.AppendCommaRefs(st.refs, st.tkey(i))); len(refs) > 0 {
				st.cands = append(st.cands, cand{i: i, j: i + 1, start: st.toks[i].start, end: st.toks[i].end,
					refs: refs, strong: true, cued: true, parent: -1, best: gazetteer.NoRef})
				continue
			}
		}
		// Demonyms of two and three words: "South African", "North
		// Korean", "South East Asian".
		if w := r.longDemonym(st, text, i); w > 0 {
			i += w - 1
			continue
		}
		// Demonyms and adjectives first: "Afghan", "Turkish", "Cuban"
		// (not Cobán), unless a longer name starts here ("Afghan
		// Hills" is not a demonym).
		// The adjective of a world region begins a described name
		// instead when a kind word closes the capitalised run it opens
		// ("Arab Khana village", "Arab village, Zari district"): Dari
		// and Pashto village names hold the word.
		if ref, ok := r.g.DemonymKey(text[st.toks[i].start:st.toks[i].end], st.tkey(i)); ok && st.toks[i].class&wStop == 0 && !r.longerName(st, text, i) &&
			(r.g.Class(ref) != 'L' || st.describedEnd(text, i) == i) {
			st.cands = append(st.cands, cand{i: i, j: i + 1, start: st.toks[i].start, end: st.toks[i].end,
				refs: st.keep(append(st.refs, ref)), adjective: true, parent: -1, best: gazetteer.NoRef})
			continue
		}
		for j := min(n, i+maxGram); j > i; j-- {
			last := &st.toks[j-1]
			if j-1 > i && !(last.upper || last.kind == segment.Number || elided(text[last.start:last.end])) {
				continue
			}
			// Inner lower-case words must be connectors, or the Arabic
			// article in its assimilated forms ("Salah ad Din", "Dayr
			// az Zawr", "Ras al Ain").
			ok := true
			for k := i + 1; k < j-1; k++ {
				if !st.toks[k].upper && st.toks[k].kind == segment.Word && st.toks[k].class&wConn == 0 && !isPossessive(text[st.toks[k].start:st.toks[k].end]) &&
					r.fw[text[st.toks[k].start:st.toks[k].end]]&fwArabicArticle == 0 {
					ok = false
					break
				}
			}
			if !ok || !st.gram(text, i, j) {
				continue
			}
			mark := len(st.refs)
			refs := st.keep(r.g.AppendRefs(st.refs, st.key))
			if len(refs) == 0 {
				continue
			}
			if j-i >= 2 && !r.strong(refs) && r.majorPrefix(st, text, i, j) {
				st.refs = st.refs[:mark]
				continue // "University of Michigan Center": Michigan, not Michigan Center
			}
			c := cand{i: i, j: j, start: st.toks[i].start, end: st.toks[j-1].end, refs: refs, parent: -1, best: gazetteer.NoRef}
			if r.accept(st, text, &c) {
				st.cands = append(st.cands, c)
				i = j - 1
				found = true
				break
			}
			st.refs = st.refs[:mark]
		}
		if found {
			continue
		}
		// "Kabul-based", "US-led", "Syria-Turkey": the parts of a
		// hyphenated word; but a name with the Arabic article is one
		// name, already looked up whole ("al-Mansurah" of a group's
		// name is not Mansurah).
		if !st.toks[i].upper {
			continue
		}
		r.hyphenParts(st, text, i)
	}
	r.dropWeakStarts(st)
	r.dropPeople(st, text)
}

// dropWeakStarts drops the common words taken for places only at the start
// of a sentence, unless another mention of the same name is no such word.
func (r *Resolver) dropWeakStarts(st *state) {
	weak := false
	for k := range st.cands {
		weak = weak || st.cands[k].weakStart
	}
	if !weak {
		return
	}
	out := st.cands[:0]
	for k := range st.cands {
		c := st.cands[k]
		if c.weakStart {
			keep := false
			key := st.candKey(&c)
			for m := range st.cands {
				o := &st.cands[m]
				if !o.weakStart && string(st.candKey(o)) == string(key) {
					keep = true
					break
				}
			}
			if !keep {
				continue
			}
		}
		out = append(out, c)
	}
	st.cands = out
}

// credit reports whether token i, a news agency's name, is a credit or a
// source rather than a place: always for names that are mostly the
// agency, else in brackets ("(AP) --", "(AFP/Anadolu)"), before "news
// agency" or "agency", or after "told", "according to", "quoted by",
// "citing".
func (r *Resolver) credit(st *state, text string, i int) bool {
	t := &st.toks[i]
	var buf [32]byte
	always, ok := r.agencies[string(gazetteer.AppendFold(buf[:0], text[t.start:t.end]))]
	if !ok {
		return false
	}
	if always {
		return true
	}
	tw := func(k int) string {
		if k < 0 || k >= len(st.toks) {
			return ""
		}
		return text[st.toks[k].start:st.toks[k].end]
	}
	switch tw(i - 1) {
	case "(", "[", "/":
		switch tw(i + 1) {
		case ")", "]", "/", ",":
			return true
		}
	}
	n1, n2 := strings.ToLower(tw(i+1)), strings.ToLower(tw(i+2))
	if r.fw[n1]&fwAgencyHead != 0 || r.fw[n1]&fwNewsHead != 0 && r.fw[n2]&fwOutletNoun != 0 {
		return true
	}
	switch c := r.fw[strings.ToLower(tw(i-1))]; {
	case c&fwCiteBefore != 0:
		return true
	case c&fwAccordingTo != 0:
		return r.isFold(tw(i-2), fwAccordingHead)
	case c&fwBy != 0:
		return r.fw[strings.ToLower(tw(i-2))]&fwReportBy != 0
	}
	return false
}

// aliasQuoted reports whether token i is a one-word name in quotes after
// "known as", "alias", "nicknamed", "dubbed", "called" or "named": a
// person's or a group's name (known as "Qais").
func (r *Resolver) aliasQuoted(st *state, text string, i int) bool {
	if i < 2 || i+1 >= len(st.toks) {
		return false
	}
	isQuote := func(w string) bool {
		switch w {
		case "\"", "“", "”", "'", "‘", "’":
			return true
		}
		return false
	}
	if !isQuote(text[st.toks[i-1].start:st.toks[i-1].end]) || !isQuote(text[st.toks[i+1].start:st.toks[i+1].end]) {
		return false
	}
	return r.fw[strings.ToLower(text[st.toks[i-2].start:st.toks[i-2].end])]&fwAliasWord != 0
}

// elided reports whether w is a French or Italian elision before a name:
// "d'Ivoire", "l'Aquila".
func elided(w string) bool {
	return len(w) > 3 && (w[1] == '\'' || strings.HasPrefix(w[1:], "’")) && (w[0] == 'd' || w[0] == 'l')
}

func isPossessive(w string) bool { return w == "'s" || w == "’s" }

// majorPrefix reports whether a shorter prefix of tokens [i, j) names a
// major place.
func (r *Resolver) majorPrefix(st *state, text string, i, j int) bool {
	for k := j - 1; k > i; k-- {
		if k == i+1 && st.toks[i].class&(wDir|wStop|wCommon) != 0 {
			continue // "Eastern Creek" is not in Kenya's Eastern province
		}
		if st.gram(text, i, k) {
			st.tmp = r.g.AppendRefs(st.tmp[:0], st.key)
			if len(st.tmp) > 0 && r.major(st.tmp) {
				return true
			}
		}
	}
	return false
}

// longerName reports whether tokens from i on form a place name of two or
// more tokens.
func (r *Resolver) longerName(st *state, text string, i int) bool {
	for j := min(len(st.toks), i+maxGram); j > i+1; j-- {
		if st.toks[j-1].upper && st.gram(text, i, j) && r.g.Has(st.key) {
			return true
		}
	}
	return false
}

// hyphenParts adds the capitalised parts of hyphenated token i that are
// strong places.
func (r *Resolver) hyphenParts(st *state, text string, i int) {
	t := st.toks[i]
	w := text[t.start:t.end]
	if strings.IndexByte(w, '-') < 0 {
		return
	}
	off := t.start
	for rest, more := w, true; more; {
		var part string
		part, rest, more = strings.Cut(rest, "-")
		start := off
		off += len(part) + 1
		if part == "" || !unicode.IsUpper(rune(part[0])) {
			continue
		}
		st.key = gazetteer.AppendKey(st.key[:0], part)
		if r.words[string(st.key)]&wStop != 0 {
			continue
		}
		c := cand{i: i, j: i + 1, start: start, end: start + len(part), parent: -1, best: gazetteer.NoRef}
		if ref, ok := r.g.DemonymKey(part, st.key); ok {
			c.refs, c.adjective = st.keep(append(st.refs, ref)), true
			st.cands = append(st.cands, c)
			continue
		}
		mark := len(st.refs)
		if refs := st.keep(r.g.AppendRefs(st.refs, st.key)); len(refs) > 0 && r.strong(refs) && r.ownStrong(refs, part) {
			c.refs, c.strong = refs, true
			st.cands = append(st.cands, c)
		} else {
			st.refs = st.refs[:mark]
		}
	}
}

// strong reports whether the best-known feature among refs is one a
// reader would take for a place without help: a country, a region, a
// capital or a city of 100,000.
func (r *Resolver) strong(refs []gazetteer.Ref) bool {
	for _, ref := range refs {
		pop := r.g.Population(ref)
		switch r.g.Code(ref) {
		case "ADM1":
			// Not the parishes of Jersey or the atolls of the Marshall
			// Islands, regions without a place of 500 people.
			if pop > 0 {
				return true
			}
		case "PCLI", "PCLH", "PPLC", "CONT", "RGN":
			return true
		}
		if pop >= 100_000 {
			return true
		}
	}
	return false
}

func (r *Resolver) maxPop(refs []gazetteer.Ref) int {
	m := 0
	for _, ref := range refs {
		m = max(m, r.g.Population(ref))
	}
	return m
}

// namedRegion reports whether c, a direction that is no stop word, is the
// name of a region because a region's suffix follows it: "the Southwest
// state of Somalia".
func (r *Resolver) namedRegion(st *state, c *cand) bool {
	first := &st.toks[c.i]
	if first.class&wDir == 0 || first.class&wStop != 0 || c.j >= len(st.toks) {
		return false
	}
	return st.toks[c.j].class&(wAdm1|wAdm2) != 0
}

// clockTime reports whether w is a time of day in digits ("8:18", "21:00").
func clockTime(w string) bool {
	h, m, ok := strings.Cut(w, ":")
	if !ok || len(h) == 0 || len(h) > 2 || len(m) != 2 {
		return false
	}
	for _, s := range []string{h, m} {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
	}
	return true
}

// accept decides whether candidate c is a place mention, from
// capitalisation and the words around it.
func (r *Resolver) accept(st *state, text string, c *cand) bool {
	first := &st.toks[c.i]
	single := c.j-c.i == 1
	if single && first.class&(wStop|wTitle|wDir|wAdm1|wAdm2|wCity|wSub|wFeat) != 0 && !r.namedRegion(st, c) {
		return false // "Police", "Valley", "Creek" alone; "Southwest" alone is a direction or a part of a city ("Southwest D.C.", "16th Street, Southeast")
	}
	// Short names ("US", "UK") only in capitals, or abbreviations of
	// regions ("Ky.", "B.C.").
	abbrev := (text[c.end-1] == '.' || c.end < len(text) && text[c.end] == '.') && r.hasCode(c.refs, "ADM1")
	if single && c.end-c.start <= 3 && !first.caps && !abbrev && !r.cuedBefore(st, text, c.i) && !r.inRegionAfter(st, text, c) {
		return false
	}
	// Initials: "A.", "J.".
	if single && c.end-c.start <= 2 && !first.caps && !abbrev {
		return false
	}
	c.strong = r.strong(c.refs)
	prev, next := c.i-1, c.j
	if single && r.aliasQuoted(st, text, c.i) {
		return false
	}
	// "8:18 PM EST", "10 a.m. GMT": capitals right after a clock time
	// name its time zone, not a place; on a line of its own after the
	// time they open a dateline ("5:40 PM\n\nPITTSBURGH (KDKA) –").
	if single && first.caps && prev >= 0 && !first.lineBreak && (r.isFold(text[st.toks[prev].start:st.toks[prev].end], fwMeridiem) || clockTime(text[st.toks[prev].start:st.toks[prev].end])) {
		return false
	}
	// "a Tikri official's car", "a Danbury mason": a name used as an
	// adjective before a noun; kept only where the document's countries
	// allow it (see dropForeign).
	if single && !c.strong && prev >= 0 && next < len(st.toks) && st.toks[next].kind == segment.Word && !st.toks[next].upper &&
		st.toks[next].class&(wConn|wCue|wAdm1|wAdm2|wCity|wSub|wNear) == 0 {
		switch text[st.toks[prev].start:st.toks[prev].end] {
		case "a", "an", "A", "An":
			c.attrib = true
		}
	}
	if single && first.sentStart && first.class&wCommon != 0 && !first.caps {
		c.weakStart = true
	}
	// "the 300 block of Madrid", "the 2900 block of Garnet": US police
	// reports give an address as a block of a street; the name is the
	// street's.
	if prev >= 1 && r.fw[text[st.toks[prev].start:st.toks[prev].end]]&fwOf != 0 && st.toks[prev-1].class&wStreet != 0 && !st.toks[prev-1].upper {
		return false
	}
	if st.intersection(text, c.i, c.j) {
		return false
	}
	// After a title: a person ("President Kabul", "Gen. Paris", "Mr.
	// Booker"); the name alone later is the person too.
	if prev >= 0 && st.toks[prev].class&wTitle != 0 && st.toks[prev].upper {
		if single {
			st.persons[string(st.tkey(c.i))] = true
		}
		return false
	}
	if prev >= 1 && text[st.toks[prev].start:st.toks[prev].end] == "." && st.toks[prev-1].class&wTitle != 0 && st.toks[prev-1].upper && st.toks[prev].end == c.start-1 {
		if single {
			st.persons[string(st.tkey(c.i))] = true
		}
		return false
	}
	// "Brig. Gen. Coe", "Lt. Col. Smith": military ranks compound, and an
	// abbreviation right before an abbreviated title is the first part of
	// the rank, not a place ("Brig" is also a Swiss town).
	if single && !c.strong && st.rankPart(text, c) {
		return false
	}
	// "Mosul Dam", "Kabul River": another feature, not the place; but a
	// valley is named after the place or region it holds ("Swat
	// Valley", "Salinas Valley"): near it.
	// A facility is named after the place it stands at or by ("Mosul
	// Dam", "Samarra Barrage", "Bagram Air Base", "Rafah Crossing"): near
	// it, as a valley is.
	if next < len(st.toks) && st.toks[next].upper && st.toks[next].start-c.end <= 1 {
		feat := next
		if r.isFold(text[st.toks[next].start:st.toks[next].end], fwAirPrefix) && next+1 < len(st.toks) && st.toks[next+1].upper &&
			r.isFold(text[st.toks[next+1].start:st.toks[next+1].end], fwFacility) {
			feat = next + 1 // "Air Base"
		}
		if st.toks[feat].class&wFeat != 0 {
			w := text[st.toks[feat].start:st.toks[feat].end]
			if !r.isFold(w, fwValley) && !r.isFold(w, fwFacility) || feat+1 < len(st.toks) && st.toks[feat+1].upper && st.toks[feat+1].kind == segment.Word {
				return false
			}
			c.end, c.near, c.cued = st.toks[feat].end, true, true
			next = feat + 1 // the valley or facility is part of the phrase
		}
	}
	// "Air Force", "Naval Forces", "U.S. Air Forces": a common English
	// word capitalised before a military body's head noun is a word of
	// the body's name (stage_words.tsv's military_head).
	if last := &st.toks[c.j-1]; next < len(st.toks) && last.class&wCommon != 0 && !r.g.IsCountryName(gazetteer.Fold(text[last.start:last.end])) &&
		st.toks[next].upper && st.toks[next].start-c.end <= 1 && r.isFold(text[st.toks[next].start:st.toks[next].end], fwMilitaryHead) {
		return false
	}
	// "Glasgow Police", "Winnipeg Free Press": an institution of the place.
	institution := false
	for k := next; k < len(st.toks) && k < next+3 && st.toks[k].upper && st.toks[k].kind == segment.Word; k++ {
		if st.toks[k].class&wOrg != 0 {
			institution = true
			break
		}
	}
	// A dateline: "DETROIT —", "LONDON, Ky.". Some wires run the
	// story on after the place with no dash ("DETROIT The ministry
	// said", "WASHINGTON Christopher Steele, who ..."): a name in
	// capitals that opens the text or a line, before a word in mixed
	// case, is one too; so is a name in mixed case that opens a line
	// before an agency in brackets ("Washington (CNN)").
	if next < len(st.toks) {
		lineStart := c.i == 0 || first.lineBreak
		nt := &st.toks[next]
		switch {
		case first.caps && first.sentStart:
			switch text[nt.start:nt.end] {
			case "—", "–", "-", ",", "(":
				c.cued, c.dateline = true, true
			default:
				if lineStart && nt.kind == segment.Word && nt.upper && !nt.caps && !nt.lineBreak && c.end-c.start >= 4 {
					c.cued, c.dateline = true, true
				}
			}
		case lineStart && text[nt.start:nt.end] == "(" && next+2 < len(st.toks) && st.toks[next+1].caps && text[st.toks[next+2].start:st.toks[next+2].end] == ")":
			c.cued, c.dateline = true, true
		}
	}
	// "St. Vincent Indianapolis Hospital", "Holy Cross Hospital": an
	// institution named after a saint or a name that only an alternate
	// spelling of a place shares is no mention of that place; one named
	// after a place under the place's own name is ("St. Louis Police").
	if institution && !c.dateline {
		fold := gazetteer.Fold(text[c.start:c.end])
		if w := text[first.start:first.end]; nameAbbrev(w) || strings.EqualFold(w, "saint") {
			// A saint's name before an institution is its patron ("St.
			// Vincent Hospital", "St. Joseph School"), unless it is a
			// city's own name ("St. Louis Police", "St. Paul Police").
			long := fold
			if rest, ok := strings.CutPrefix(fold, "st "); ok {
				long = "saint " + rest
			}
			city := false
			for _, ref := range c.refs {
				if r.g.Class(ref) == 'P' && r.g.Population(ref) >= 100_000 && (r.ownName(ref, fold) || r.ownName(ref, long)) {
					city = true
				}
			}
			if !city {
				return false
			}
		} else if !r.g.IsCountryName(fold) && !r.ownAny(c.refs, fold) {
			return false
		}
	}
	if st.weakName(c, institution) && !c.dateline {
		c.weakStart = true
	}
	// A preposition cues a place whether lower case or opening its
	// sentence ("Near Ayn Isa, strikes hit ...").
	if prev >= 0 && st.toks[prev].class&(wCue|wNear|wDir) != 0 && (!st.toks[prev].upper || st.toks[prev].sentStart && !st.toks[prev].caps) {
		c.cued = true
	}
	// "out of X": a compound preposition of place.
	if prev >= 1 && r.fw[text[st.toks[prev].start:st.toks[prev].end]]&fwOf != 0 && r.fw[text[st.toks[prev-1].start:st.toks[prev-1].end]]&fwOutOfHead != 0 {
		c.cued = true
	}
	if next < len(st.toks) && st.toks[next].class&(wAdm1|wAdm2|wCity|wSub) != 0 {
		c.cued = true
	}
	if prev >= 0 && text[st.toks[prev].start:st.toks[prev].end] == "," {
		c.cued = true
	}
	// "village of X", "the outskirts of X", "the capital of X".
	if prev >= 1 && st.toks[prev].class&wConn != 0 && r.fw[text[st.toks[prev].start:st.toks[prev].end]]&fwOf != 0 &&
		(st.toks[prev-1].class&(wAdm1|wAdm2|wCity|wSub|wNear) != 0 || r.isFold(text[st.toks[prev-1].start:st.toks[prev-1].end], fwCapital)) {
		c.cued = true
	}
	if next < len(st.toks) && text[st.toks[next].start:st.toks[next].end] == "," {
		c.cued = c.cued || next+1 < len(st.toks) && st.toks[next+1].upper || r.placeAppositive(st, text, next+1)
	}
	// Inside a run of capitalised words: part of a name.
	// An acronym next to a name that is not one is an organisation
	// beside its place ("CDC Atlanta", "Brant OPP"), not one name.
	// A sentence's first word may be any word, unless it is a given name
	// ("Philip Hammond visited ...": Hammond is his surname).
	// A name with the Arabic article in lower case ("al-Jihad") is a
	// capitalised word of the run ("Saray al-Jihad Group").
	prevName := prev >= 0 && st.toks[prev].kind == segment.Word && st.nameStart(prev) && (!st.toks[prev].sentStart || nameAbbrev(text[st.toks[prev].start:st.toks[prev].end]) || r.given[string(st.tkey(prev))]) &&
		st.toks[prev].class&(wStop|wCue|wDir) == 0 && c.start-st.toks[prev].end <= 1 && (!st.toks[prev].caps || first.caps)
	nextName := next < len(st.toks) && st.toks[next].kind == segment.Word && st.nameStart(next) && !institution &&
		st.toks[next].class&(wAdm1|wAdm2|wCity|wSub|wStop|wTitle) == 0 && st.toks[next].start-c.end <= 1 && (!st.toks[next].caps || first.caps)
	fold := gazetteer.Fold(text[c.start:c.end])
	major := false // a major place under its own name
	for _, ref := range c.refs {
		if r.major([]gazetteer.Ref{ref}) && (r.ownName(ref, fold) || r.g.Code(ref) == "PCLI") {
			major = true
			break
		}
	}
	if r.personName(st, text, c, major, r.strongBare(c.refs)) {
		return false
	}
	if (prevName || nextName) && !major {
		// "Officer Tim Webb", "Jerome Webb": the last word of a run of
		// capitalised words that is no place is a surname; the name
		// alone later ("Webb said") is the person too.
		if prevName && !nextName && single && !c.cued && st.toks[prev].class&(wTitle|wOrg|wFeat|wAdm1|wAdm2|wCity|wSub) == 0 {
			st.persons[string(st.tkey(c.i))] = true
		}
		return false
	}
	majorAny := c.strong && r.major(c.refs)
	// "Georgia Stevens", "Paris Hilton": a first name, even of a major
	// place, when no preposition puts it somewhere; later mentions of the
	// name alone are the person too.
	if nextName && single && !c.cued && !first.caps && st.toks[next].class&(wConn|wTitle|wOrg) == 0 &&
		(next+1 >= len(st.toks) || !st.toks[next+1].upper) && text[c.end-1] != '.' && (!r.hasRegionCode(c.refs) || r.ageBefore(st, text, c.i)) {
		st.persons[string(st.tkey(c.i))] = true
		return false
	}
	if single && !c.cued && st.persons[string(st.tkey(c.i))] {
		return false
	}
	// "Smith told": a person; but "a resident of Lubbock told" is not.
	if single && !major && next < len(st.toks) && st.toks[next].class&wPerson != 0 && !r.cuedBefore(st, text, c.i) &&
		!(prev >= 1 && r.fw[text[st.toks[prev].start:st.toks[prev].end]]&fwOf != 0 && st.toks[prev-1].kind == segment.Word && !st.toks[prev-1].upper) {
		return false
	}
	exact := false
	for _, ref := range c.refs {
		if r.strong([]gazetteer.Ref{ref}) && r.ownName(ref, fold) {
			exact = true // a strong place under its own name
			break
		}
	}
	// A name written in capitals inside a line in mixed case, past the
	// line's first word, is an acronym or a shouted word that spells a
	// place's name ("a SWAT team", "PREVIOUS STORY:", "RANDALL SMITH:"),
	// unless it is a country's name or code ("UK", "USA") or a
	// preposition puts it there ("in NYC"). An abbreviation in capitals
	// ("NSW", "B.C.", "EU") is how the region is written.
	if single && first.caps && !c.dateline && c.i > 0 && !first.lineBreak && st.shouted(c.i) {
		fold := gazetteer.Fold(text[c.start:c.end])
		if r.ownAny(c.refs, fold) && !r.g.IsCountryName(fold) && !r.cuedBefore(st, text, c.i) && !r.hasClass(c.refs, 'L') {
			return false
		}
	}
	if c.strong && (c.cued || majorAny || !single || exact) {
		return true
	}
	// A sentence's first word is capitalised whatever it is: a name
	// there that is no well-known place is one only when the document
	// names the place elsewhere where its capital tells (one sense per
	// discourse: "Sinjar is free ..." after "near Sinjar"; dropWeakStarts).
	if first.sentStart && !c.cued && (single || !nameAbbrev(text[first.start:first.end])) {
		if !single || first.class&wCommon != 0 || r.given[string(st.tkey(c.i))] {
			return false // a longer name: its first word alone may be cued ("Lamar County")
		}
		c.weakStart = true
	}
	if single && first.caps && !c.cued && c.end-c.start <= 4 {
		return false // an acronym
	}
	if c.cued {
		return true
	}
	// Uncued places that are not major: only under their own name, not
	// an alternate or a sound-alike ("Qais" is not Kayes).
	for _, ref := range c.refs {
		if r.g.Population(ref) >= 1000 && r.ownName(ref, fold) {
			return true
		}
	}
	return false
}

// placeAppositive reports whether the tokens from i are an appositive that
// says what kind of place the name before the comma is: "the provincial
// capital of Helmand", "a village in Ghazni", "capital of Logar": an
// article or none, at most two modifiers, and a place noun.
func (r *Resolver) placeAppositive(st *state, text string, i int) bool {
	if i >= len(st.toks) {
		return false
	}
	switch strings.ToLower(text[st.toks[i].start:st.toks[i].end]) {
	case "the", "a", "an":
		i++
	}
	for q := i; q < len(st.toks) && q <= i+2; q++ {
		t := &st.toks[q]
		if t.kind != segment.Word || t.upper {
			return false
		}
		if t.class&(wAdm1|wAdm2|wCity|wSub) != 0 || r.isFold(text[t.start:t.end], fwCapital) {
			return true
		}
	}
	return false
}

// major reports whether refs hold a country, a first-level region, a
// capital or a city of a million: names that stay places even next to
// other capitalised words.
func (r *Resolver) major(refs []gazetteer.Ref) bool {
	for _, ref := range refs {
		pop := r.g.Population(ref)
		switch r.g.Code(ref) {
		case "ADM1":
			if pop > 0 {
				return true
			}
		case "PCLI", "PCLH", "PPLC", "CONT", "RGN":
			return true
		}
		if pop >= 1_000_000 && r.g.Class(ref) == 'P' {
			return true
		}
	}
	return false
}

// cuedBefore reports whether token i follows a preposition that puts a
// place next ("in Van", "near Tyler", "54, of Tyler").
func (r *Resolver) cuedBefore(st *state, text string, i int) bool {
	if i == 0 {
		return false
	}
	p := &st.toks[i-1]
	if p.class&(wCue|wNear) != 0 && (!p.upper || p.sentStart && !p.caps) {
		return true
	}
	if i >= 2 && r.fw[text[p.start:p.end]]&fwOf != 0 {
		pp := text[st.toks[i-2].start:st.toks[i-2].end]
		return pp == "," || st.toks[i-2].class&(wAdm1|wAdm2|wCity|wSub|wNear) != 0 || r.isFold(pp, fwCapital)
	}
	return false
}

// intersection reports whether the name of tokens [i, j) is one of two
// streets that name a crossing, as US local news gives a place: two names
// joined by "and" before a plural street noun ("at Dale and Walnut
// streets"), or after a noun of a crossing and "of" ("the corner of
// Gratiot and Mack", "the intersection of Main and Elm").
func (st *state) intersection(text string, i, j int) bool {
	r := st.r
	word := func(k int) string {
		if k < 0 || k >= len(st.toks) {
			return ""
		}
		return strings.ToLower(text[st.toks[k].start:st.toks[k].end])
	}
	name := func(k int) bool {
		return k >= 0 && k < len(st.toks) && st.toks[k].kind == segment.Word && st.toks[k].upper
	}
	// The run of capitalised words after the pair's "and" ends before
	// the plural street noun: "Dale and Walnut streets".
	runEnd := func(k int) int {
		for n := 0; n < 3 && name(k); n++ {
			k++
		}
		return k
	}
	runStart := func(k int) int { // k is the last word of a run
		for n := 0; n < 3 && name(k-1); n++ {
			k--
		}
		return k
	}
	if r.fw[word(j)]&fwConjunction != 0 && name(j+1) {
		// The first of the pair.
		if r.fw[word(runEnd(j+1))]&fwStreetPlural != 0 {
			return true
		}
		if a := i - 1; r.fw[word(a)]&fwOf != 0 && r.fw[word(a-1)]&fwCrossing != 0 {
			return true
		}
	}
	if r.fw[word(i-1)]&fwConjunction != 0 && name(i-2) {
		// The second of the pair.
		if r.fw[word(j)]&fwStreetPlural != 0 {
			return true
		}
		if a := runStart(i-2) - 1; r.fw[word(a)]&fwOf != 0 && r.fw[word(a-1)]&fwCrossing != 0 {
			return true
		}
	}
	return false
}

// shouted reports whether token i, in capitals, stands in a line that is
// mostly in mixed case: fewer than half its words of two letters or more
// are in capitals.
func (st *state) shouted(i int) bool {
	a := i
	for a > 0 && !st.toks[a].lineBreak {
		a--
	}
	words, caps := 0, 0
	for k := a; k < len(st.toks); k++ {
		if k > a && st.toks[k].lineBreak {
			break
		}
		t := &st.toks[k]
		if t.kind != segment.Word || t.end-t.start < 2 {
			continue
		}
		words++
		if t.caps {
			caps++
		}
	}
	return 2*caps < words
}

// hasClass reports whether refs hold a feature of class class ('L': a
// world region, named by its curated aliases such as "EU").
func (r *Resolver) hasClass(refs []gazetteer.Ref, class byte) bool {
	for _, ref := range refs {
		if r.g.Class(ref) == class {
			return true
		}
	}
	return false
}

// hasRegionCode reports whether refs hold a country or a first-level region.
func (r *Resolver) hasRegionCode(refs []gazetteer.Ref) bool {
	return r.hasCode(refs, "PCLI") || r.hasCode(refs, "ADM1")
}

// ageBefore reports whether token i follows an age ("Nine-year-old
// Georgia", "a 34-year-old"), which puts a person's name next.
func (r *Resolver) ageBefore(st *state, text string, i int) bool {
	return i > 0 && strings.HasSuffix(strings.ToLower(text[st.toks[i-1].start:st.toks[i-1].end]), "-old")
}

func (r *Resolver) hasCode(refs []gazetteer.Ref, code string) bool {
	for _, ref := range refs {
		if r.g.Code(ref) == code {
			return true
		}
	}
	return false
}

// ownName reports whether fold (a Fold result of the text) is feature
// ref's own name rather than an alternate or a sound-alike: the name
// itself, the name with a generic word after it ("Saint Bernard Parish"
// for Saint Bernard), or the name's head before a connector ("Acapulco"
// for Acapulco de Juárez, "Frankfurt" for Frankfurt am Main).
func (r *Resolver) ownName(ref gazetteer.Ref, fold string) bool {
	var buf [96]byte
	nf := gazetteer.AppendFold(buf[:0], r.g.Name(ref))
	if string(nf) == fold || string(r.stripArticle(nf)) == fold || string(nf) == string(r.stripArticle([]byte(fold))) {
		return true
	}
	if len(fold) > len(nf)+1 && fold[len(nf)] == ' ' && fold[:len(nf)] == string(nf) {
		rest := fold[len(nf)+1:]
		var kb [32]byte
		return strings.IndexByte(rest, ' ') < 0 && r.words[string(gazetteer.AppendKey(kb[:0], rest))]&(wAdm1|wAdm2|wCity) != 0
	}
	if len(nf) > len(fold)+1 && nf[len(fold)] == ' ' && string(nf[:len(fold)]) == fold {
		rest := string(nf[len(fold)+1:])
		conn, _, _ := strings.Cut(rest, " ")
		var kb [32]byte
		return strings.IndexByte(fold, ' ') < 0 && r.words[string(gazetteer.AppendKey(kb[:0], conn))]&wConn != 0 && r.fw[conn]&fwConjunction == 0
	}
	return false
}

// ownAny reports whether fold is the own name of a feature of refs.
func (r *Resolver) ownAny(refs []gazetteer.Ref, fold string) bool {
	for _, ref := range refs {
		if r.ownName(ref, fold) {
			return true
		}
	}
	return false
}

// ownStrong reports whether word names a strong feature of refs under
// its own name, or a country under one of its names: "Kabul-based",
// "US-led", but not "al-Hessi" as Hesse.
func (r *Resolver) ownStrong(refs []gazetteer.Ref, word string) bool {
	var buf [64]byte
	fold := string(gazetteer.AppendFold(buf[:0], word))
	if r.g.IsCountryName(fold) {
		return true
	}
	for _, ref := range refs {
		// World regions are named by their curated aliases ("EU").
		if r.strong([]gazetteer.Ref{ref}) && (r.ownName(ref, fold) || r.g.Class(ref) == 'L') {
			return true
		}
	}
	return false
}

// stripArticle drops an Arabic article from the start of a folded name:
// "al fallujah" -> "fallujah", "ar raqqah" -> "raqqah".
func (r *Resolver) stripArticle(fold []byte) []byte {
	sp := bytes.IndexByte(fold, ' ')
	if sp < 0 || sp+1 >= len(fold) {
		return fold
	}
	if r.fw[string(fold[:sp])]&fwArabicArticle != 0 {
		return fold[sp+1:]
	}
	return fold
}

// longDemonym adds a demonym of three or two capitalised words starting
// at token i ("South East Asian", "South African") and returns its length
// in tokens, or 0.
func (r *Resolver) longDemonym(st *state, text string, i int) int {
	for w := 3; w >= 2; w-- {
		j := i + w
		if j > len(st.toks) {
			continue
		}
		ok := true
		for k := i + 1; k < j && ok; k++ {
			ok = st.toks[k].upper && st.toks[k].kind == segment.Word && st.toks[k].start == st.toks[k-1].end+1
		}
		if !ok {
			continue
		}
		// The gram's key is the key of the words' text, which they join
		// with single spaces; where gram refuses, the text's own key.
		word := text[st.toks[i].start:st.toks[j-1].end]
		var ref gazetteer.Ref
		var found bool
		if st.gram(text, i, j) {
			ref, found = r.g.DemonymKey(word, st.key)
		} else {
			ref, found = r.g.Demonym(word)
		}
		if found {
			st.cands = append(st.cands, cand{i: i, j: j, start: st.toks[i].start, end: st.toks[j-1].end,
				refs: st.keep(append(st.refs, ref)), adjective: true, parent: -1, best: gazetteer.NoRef})
			return w
		}
	}
	return 0
}

// inRegionAfter reports whether a comma and the name of a first-level
// region or a country that holds one of c's features follow c ("Ada,
// Oklahoma").
func (r *Resolver) inRegionAfter(st *state, text string, c *cand) bool {
	k := c.j
	if k+1 >= len(st.toks) || text[st.toks[k].start:st.toks[k].end] != "," || !st.toks[k+1].upper {
		return false
	}
	for j := min(len(st.toks), k+3); j > k+1; j-- {
		if !st.gram(text, k+1, j) {
			continue
		}
		st.tmp = r.g.AppendRefs(st.tmp[:0], st.key)
		for _, reg := range st.tmp {
			if code := r.g.Code(reg); code != "ADM1" && code != "PCLI" {
				continue
			}
			for _, ref := range c.refs {
				if r.inside(ref, reg) {
					return true
				}
			}
		}
	}
	return false
}

// Specificity ranks GeoNames feature codes from a part of a town (0) to a
// country (7).
func Specificity(code string) int {
	switch {
	case code == "PPLX":
		return 0
	case code == "PPL" || code == "PPLL" || code == "PPLF":
		return 1
	case code == "PPLA4" || code == "PPLA3":
		return 2
	case code == "PPLA2":
		return 3
	case code == "PPLA":
		return 4
	case code == "PPLC":
		return 5
	case strings.HasPrefix(code, "ADM"):
		return 6
	case strings.HasPrefix(code, "PCL"):
		return 7
	}
	return 3
}

// rankPart reports whether candidate c is an abbreviation that a title
// abbreviation follows: "Brig." of "Brig. Gen.", written as the word, its
// dot, the title and the title's dot.
func (st *state) rankPart(text string, c *cand) bool {
	j := c.j
	if text[c.end-1] != '.' {
		if j >= len(st.toks) || text[st.toks[j].start:st.toks[j].end] != "." || st.toks[j].start != c.end {
			return false
		}
		j++
	}
	if j >= len(st.toks) {
		return false
	}
	t := &st.toks[j]
	if !t.upper || t.class&wTitle == 0 {
		return false
	}
	if text[t.end-1] == '.' {
		return true // "Gen." as one token
	}
	return j+1 < len(st.toks) && text[st.toks[j+1].start:st.toks[j+1].end] == "." && st.toks[j+1].start == t.end
}
