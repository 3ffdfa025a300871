package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// ModelFile is the embedded model, built by `go generate ./annotate/syntax`
// from the UD English Web Treebank (CC BY-SA 4.0).
const ModelFile = "model/en_ewt.model"

//go:generate go run ./internal/train -data ../../../shared/data/ud-english-ewt -o model/en_ewt.model

//go:embed model/en_ewt.model
var embedded []byte

// magic starts a model file; magic2 is the format before the word rules
// (read with none).
const (
	magic  = "sitrep-syntax 3\n"
	magic2 = "sitrep-syntax 2\n"
)

// Model is a trained tagger, parser and lemmatiser. It is read-only and
// safe for concurrent use.
type Model struct {
	tags      []string // tagger classes: "UPOS" or "UPOS\tXPOS"
	upos      []string // per tag class
	xpos      []string // per tag class ("" when the classes carry no XPOS)
	uposNum   []int    // per tag class: the number of its UPOS in uposNames
	uposNames []string
	tagDict   map[uint64]int    // word atom -> tag class, for frequent unambiguous words
	amb       map[uint64]uint64 // word atom -> bit set of UPOS numbers seen with it
	tagger    *table
	labels    []string
	rootLabel int
	leftLabel int     // label of words the parser left headless
	parser    *table  // joint transition and label classes (format 2); nil when trans is set
	trans     *table4 // transitions (trShift ...)
	labeler   *table  // labels of the arc a transition makes, features salted by its direction
	lem       lemmatiser
	words     wordRules
}

// Labels returns the dependency relations the model predicts.
func (m *Model) Labels() []string { return m.labels }

// Tags returns the UPOS tags the model predicts.
func (m *Model) Tags() []string { return m.uposNames }

// Parser tags, lemmatises and parses sentences with a Model. It is safe for
// concurrent use.
type Parser struct {
	m    *Model
	pool sync.Pool
}

// NewParser returns a Parser that uses m.
func NewParser(m *Model) *Parser {
	p := &Parser{m: m}
	p.pool.New = func() any { return new(scratch) }
	return p
}

// Model returns the parser's model.
func (p *Parser) Model() *Model { return p.m }

// Default returns the Parser of the embedded model, reading it on the
// first call.
var Default = sync.OnceValues(func() (*Parser, error) {
	m, err := ReadModel(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("syntax: embedded model %s: %w", ModelFile, err)
	}
	return NewParser(m), nil
})

// scratch is the per-call working memory of a Parser.
type scratch struct {
	a      atoms
	s      state
	feats  []uint64
	scores [256]int32 // class scores; 256 covers any class byte, so adds need no bounds checks
	front  [256]int32 // the scores of the buffer front's features (bufFeats), kept while it stays
	top    []int32    // per word, the scores of its stackFeats as s0 (nc each), valid while its stamp holds
	stamp  []int32    // per word, the number of right children it had when top was filled; -1 for none
	buf    []byte
	lemmas []string
	idx    []int32
	spans  []wordSpan
	forms  []string
	words  []Word
}

// Parse tags, lemmatises and parses a sentence given as word forms. Word i
// of the result is forms[i]; heads are 1-based word numbers, 0 for the
// root. The result is always a tree with one root.
func (p *Parser) Parse(forms []string) []Word {
	return p.ParseTo(make([]Word, 0, len(forms)), forms)
}

// ParseTo is Parse appending to dst.
func (p *Parser) ParseTo(dst []Word, forms []string) []Word {
	sc := p.pool.Get().(*scratch)
	defer p.pool.Put(sc)
	base := len(dst)
	for _, f := range forms {
		dst = append(dst, Word{Form: f})
	}
	p.annotate(sc, forms, dst[base:])
	return dst
}

// Annotate fills in the lemma, UPOS, XPOS, head and relation of every word
// of s, keeping its forms, comments and multiword tokens.
func (p *Parser) Annotate(s *Sentence) {
	sc := p.pool.Get().(*scratch)
	defer p.pool.Put(sc)
	forms := make([]string, len(s.Words))
	for i := range s.Words {
		forms[i] = s.Words[i].Form
	}
	p.annotate(sc, forms, s.Words)
}

func (p *Parser) annotate(sc *scratch, forms []string, out []Word) {
	m := p.m
	sc.a.reset(forms)
	m.setAmb(&sc.a)
	m.tag(sc)
	n := len(forms)
	sc.lemmas, sc.buf = m.lemmatise(&sc.a, forms, sc.lemmas[:0], sc.buf)
	m.parse(sc)
	for i := range out {
		if i >= n {
			break
		}
		t := sc.a.tag[i+1]
		w := &out[i]
		w.UPOS = m.upos[t]
		w.XPOS = m.xpos[t]
		w.Lemma = sc.lemmas[i]
		w.Head = sc.s.head[i+1]
		w.Deprel = m.labels[sc.s.label[i+1]]
	}
}

// lemmatise appends the lemmas of the tagged words of a to dst, and sets
// the lemma atoms and punctuation counts the parser reads.
func (m *Model) lemmatise(a *atoms, forms []string, dst []string, buf []byte) ([]string, []byte) {
	a.punct[0] = 0
	for j := 1; j < len(a.word); j++ {
		t := a.tag[j]
		var l string
		l, buf = m.lem.lemma(forms[j-1], m.upos[t], m.uposNum[t], buf)
		dst = append(dst, l)
		a.lem[j] = hashString(l) ^ 0x1e3a
		a.punct[j] = a.punct[j-1]
		if m.upos[t] == "PUNCT" {
			a.punct[j]++
		}
	}
	return dst, buf
}

// setAmb sets the ambiguity classes of a's words.
func (m *Model) setAmb(a *atoms) {
	for j := 1; j < len(a.word); j++ {
		a.amb[j] = m.amb[a.word[j]]
	}
}

// tag sets sc.a.tag greedily left to right.
func (m *Model) tag(sc *scratch) {
	a := &sc.a
	nc := len(m.tags)
	for j := 1; j < len(a.word); j++ {
		if t, ok := m.tagDict[a.word[j]]; ok {
			a.tag[j] = t
			continue
		}
		t1, t2 := -1, -1
		if j > 1 {
			t1 = a.tag[j-1]
		}
		if j > 2 {
			t2 = a.tag[j-2]
		}
		sc.feats = a.tagFeats(sc.feats[:0], j, t1, t2)
		clear(sc.scores[:nc])
		sc.idx = m.tagger.addAll(sc.feats, 0, sc.idx, &sc.scores)
		scores := sc.scores[:nc]
		best := 0
		for c := 1; c < nc; c++ {
			if scores[c] > scores[best] {
				best = c
			}
		}
		a.tag[j] = best
	}
	m.setUPOS(a)
}

// setUPOS sets a.upos from a.tag.
func (m *Model) setUPOS(a *atoms) {
	a.upos[0] = -1
	for j := 1; j < len(a.word); j++ {
		a.upos[j] = m.uposNum[a.tag[j]]
	}
}

// Salts of the label features of left and right arcs.
const (
	saltLeft  = 0x6a09e667f3bcc908
	saltRight = 0xbb67ae8584caa73b
)

// parse runs the transition system on the tagged words of sc.
func (m *Model) parse(sc *scratch) {
	if m.trans == nil {
		m.parseJoint(sc)
		return
	}
	a := &sc.a
	s := &sc.s
	s.reset(len(a.word) - 1)
	nl := len(m.labels)
	for !s.terminal() {
		sc.feats = a.parseFeats(sc.feats[:0], s)
		var ts [4]int32
		sc.idx = m.trans.addAll(sc.feats, sc.idx, &ts)
		best := -1
		for tr := range ts {
			if (best < 0 || ts[tr] > ts[best]) && s.can(tr) {
				best = tr
			}
		}
		s.apply(best, m.label(sc, s, best, nl))
	}
	s.finish(m.rootLabel, m.leftLabel)
}

// label returns the label of the arc that transition tr makes in s (-1
// for none), scored on the features in sc.feats.
func (m *Model) label(sc *scratch, s *state, tr, nl int) int {
	salt := uint64(saltRight)
	switch {
	case tr == trRight && s.s0() == 0:
		return m.rootLabel
	case tr == trLeft:
		salt = saltLeft
	case tr != trRight:
		return -1
	}
	clear(sc.scores[:nl])
	sc.idx = m.labeler.addAll(sc.feats, salt, sc.idx, &sc.scores)
	scores := sc.scores[:nl]
	best := -1
	for l := range scores {
		if l != m.rootLabel && (best < 0 || scores[l] > scores[best]) {
			best = l
		}
	}
	return best
}

// parseJoint runs the transition system with the joint classes of a
// format 2 model.
func (m *Model) parseJoint(sc *scratch) {
	a := &sc.a
	s := &sc.s
	s.reset(len(a.word) - 1)
	nl := len(m.labels)
	nc := 2 + 2*nl
	n := len(a.word)
	if cap(sc.top) < n*nc {
		sc.top = make([]int32, n*nc, (n+n/2)*nc)
	}
	sc.top = sc.top[:n*nc]
	sc.stamp = growN32(sc.stamp, n)
	front := -1
	for !s.terminal() {
		// The buffer front's features are scored once for all the states
		// that share it (a word stays at the front for about two steps).
		if s.b != front {
			front = s.b
			sc.feats = a.bufFeats(sc.feats[:0], s.b, s.n)
			clear(sc.front[:nc])
			sc.idx = m.parser.addAll(sc.feats, 0, sc.idx, &sc.front)
		}
		// Where no left arc is allowed (the top of the stack has its
		// head, or is the root), the weights of the left-arc classes are
		// not added: those classes cannot win.
		s0 := s.s0()
		skip := s0 == 0 || s.head[s0] >= 0
		// The top of the stack's own features are scored once for as
		// long as it stays there without a new child: a word is on top
		// again when the words pushed over it are gone. (Its head and
		// left children do not change while it is on the stack.)
		top := sc.top[s0*nc : s0*nc+nc]
		if sc.stamp[s0] != int32(s.nr[s0]) {
			sc.stamp[s0] = int32(s.nr[s0])
			sc.feats = a.stackFeats(sc.feats[:0], s)
			clear(sc.scores[:nc])
			sc.idx = m.parser.lookup(sc.feats, 0, sc.idx)
			m.parser.add(sc.idx, skip, &sc.scores)
			copy(top, sc.scores[:nc])
		}
		for c := range top {
			sc.scores[c] = sc.front[c] + top[c]
		}
		sc.feats = a.stepFeats(sc.feats[:0], s)
		sc.idx = m.parser.lookup(sc.feats, 0, sc.idx)
		m.parser.add(sc.idx, skip, &sc.scores)
		scores := sc.scores[:nc]
		best := -1
		for c := 0; c < nc; c++ {
			if (best < 0 || scores[c] > scores[best]) && s.validClass(c, nl, m.rootLabel) {
				best = c
			}
		}
		tr, l := transOf(best, nl)
		s.apply(tr, l)
	}
	s.finish(m.rootLabel, m.leftLabel)
}

// Serialisation: magic, then sections of uvarints, length-prefixed strings
// and tables of little-endian words.

type writer struct {
	w   *bufio.Writer
	tmp [binary.MaxVarintLen64]byte
	err error
}

func (w *writer) uvarint(x uint64) {
	n := binary.PutUvarint(w.tmp[:], x)
	if _, err := w.w.Write(w.tmp[:n]); err != nil && w.err == nil {
		w.err = err
	}
}

func (w *writer) varint(x int64) {
	n := binary.PutVarint(w.tmp[:], x)
	if _, err := w.w.Write(w.tmp[:n]); err != nil && w.err == nil {
		w.err = err
	}
}

func (w *writer) str(s string) {
	w.uvarint(uint64(len(s)))
	if _, err := w.w.WriteString(s); err != nil && w.err == nil {
		w.err = err
	}
}

func (w *writer) strs(ss []string) {
	w.uvarint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

// u32s writes a length and then xs as little-endian words.
func (w *writer) u32s(xs []uint32) {
	w.uvarint(uint64(len(xs)))
	var b [4]byte
	for _, x := range xs {
		binary.LittleEndian.PutUint32(b[:], x)
		if _, err := w.w.Write(b[:]); err != nil && w.err == nil {
			w.err = err
		}
	}
}

// table writes t as it lies in memory, so that reading it is a copy: its
// slots, four words each (key|shift, then the six entries two by two),
// then its spilled entries, two to a word.
func (w *writer) table(t *table) {
	flat := make([]uint32, 0, 4*len(t.slots))
	for _, sl := range t.slots {
		if sl.e[0] == spill {
			sl.e[3], sl.e[4], sl.e[5] = 0, 0, 0 // table.split's marks
		}
		flat = append(flat, sl.key, uint32(sl.e[0])|uint32(sl.e[1])<<16, uint32(sl.e[2])|uint32(sl.e[3])<<16, uint32(sl.e[4])|uint32(sl.e[5])<<16)
	}
	w.u32s(flat)
	w.uvarint(uint64(len(t.ent)))
	ent := make([]uint32, (len(t.ent)+1)/2)
	for i, e := range t.ent {
		ent[i/2] |= uint32(e) << (16 * (i % 2))
	}
	w.u32s(ent)
}

// table4 writes t's slots, two words each: key28|shift, then the four
// int8 weights.
func (w *writer) table4(t *table4) {
	flat := make([]uint32, 0, 2*len(t.slots))
	for _, sl := range t.slots {
		flat = append(flat, sl.key, uint32(uint8(sl.w[0]))|uint32(uint8(sl.w[1]))<<8|uint32(uint8(sl.w[2]))<<16|uint32(uint8(sl.w[3]))<<24)
	}
	w.u32s(flat)
}

// WriteTo writes m in the model format. The format is not compressed:
// the weight tables are written as they lie in memory, so that the model
// loads in milliseconds (a cold start of the command line reads it).
func (m *Model) WriteTo(out io.Writer) (int64, error) {
	cw := &countWriter{w: out}
	w := &writer{w: bufio.NewWriterSize(cw, 1<<16)}
	w.str(magic)
	w.strs(m.tags)
	// Tag dictionary, sorted by atom for a reproducible file.
	w.uvarint(uint64(len(m.tagDict)))
	for _, k := range sortedKeys(m.tagDict) {
		w.uvarint(k)
		w.uvarint(uint64(m.tagDict[k]))
	}
	w.uvarint(uint64(len(m.amb)))
	for _, k := range sortedKeys(m.amb) {
		w.uvarint(k)
		w.uvarint(m.amb[k])
	}
	w.table(m.tagger)
	w.strs(m.labels)
	if m.trans != nil {
		w.uvarint(1)
		w.table4(m.trans)
		w.table(m.labeler)
	} else {
		w.uvarint(0)
		w.table(m.parser)
	}
	w.uvarint(uint64(len(m.lem.table)))
	for _, k := range sortedKeys(m.lem.table) {
		w.uvarint(k)
		w.str(m.lem.table[k])
	}
	w.uvarint(uint64(len(m.lem.rules)))
	for _, k := range sortedKeys(m.lem.rules) {
		r := m.lem.rules[k]
		w.uvarint(k)
		w.uvarint(uint64(r.cut))
		w.str(r.add)
	}
	w.uvarint(uint64(len(m.words.fused)))
	for _, k := range sortedStrings(m.words.fused) {
		w.str(k)
		w.uvarint(uint64(m.words.fused[k]))
	}
	w.uvarint(uint64(len(m.words.prefixes)))
	for _, k := range sortedStrings(m.words.prefixes) {
		w.str(k)
	}
	if w.err != nil {
		return cw.n, w.err
	}
	if err := w.w.Flush(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

type reader struct {
	r   *bufio.Reader
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	x, err := binary.ReadUvarint(r.r)
	if err != nil {
		r.err = err
	}
	return x
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	x, err := binary.ReadVarint(r.r)
	if err != nil {
		r.err = err
	}
	return x
}

// count reads a length and checks it against limit.
func (r *reader) count(limit int) int {
	n := r.uvarint()
	if n > uint64(limit) {
		if r.err == nil {
			r.err = fmt.Errorf("count %d over limit %d", n, limit)
		}
		return 0
	}
	return int(n)
}

func (r *reader) str() string {
	n := r.count(1 << 20)
	if r.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.err = err
		return ""
	}
	return string(b)
}

func (r *reader) strs() []string {
	n := r.count(1 << 16)
	ss := make([]string, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		ss = append(ss, r.str())
	}
	return ss
}

// u32s reads a length, at most limit, and that many little-endian words.
func (r *reader) u32s(limit int) []uint32 {
	n := r.count(limit)
	if r.err != nil {
		return nil
	}
	xs := make([]uint32, n)
	var buf [1 << 14]byte
	for i := 0; i < n; {
		k := min(n-i, len(buf)/4)
		if _, err := io.ReadFull(r.r, buf[:4*k]); err != nil {
			r.err = err
			return nil
		}
		for j := 0; j < k; j++ {
			xs[i+j] = binary.LittleEndian.Uint32(buf[4*j:])
		}
		i += k
	}
	return xs
}

// rawTable reads a table written by writer.table and checks it: every
// spilled entry list lies inside ent, every class is below nClasses and
// every shift at most 8.
func (r *reader) rawTable(nClasses int) *table {
	flat := r.u32s(1 << 30)
	nent := r.count(1 << 31)
	ent32 := r.u32s(1 << 30)
	if r.err != nil {
		return &table{}
	}
	if len(flat)%4 != 0 || len(ent32) != (nent+1)/2 {
		r.err = errors.New("table: cut short")
		return &table{}
	}
	t := &table{slots: make([]tslot, len(flat)/4), ent: make([]uint16, nent)}
	for i := range t.ent {
		t.ent[i] = uint16(ent32[i/2] >> (16 * (i % 2)))
	}
	bad := func(i int, what string) *table {
		r.err = fmt.Errorf("table: slot %d: %s", i, what)
		return &table{}
	}
	for i := range t.slots {
		f := flat[4*i:]
		sl := tslot{key: f[0], e: [inline]uint16{uint16(f[1]), uint16(f[1] >> 16), uint16(f[2]), uint16(f[2] >> 16), uint16(f[3]), uint16(f[3] >> 16)}}
		t.slots[i] = sl
		if sl.key == 0 {
			continue
		}
		if sl.key&0xf > 8 || sl.key&^0xf == 0 {
			return bad(i, "bad key")
		}
		if sl.e[0] == spill {
			off := int(sl.e[1]) | int(sl.e[2])<<16
			if off >= len(t.ent) || off+1+int(t.ent[off]) > len(t.ent) {
				return bad(i, "entries out of range")
			}
			t.slots[i].e[3], t.slots[i].e[4], t.slots[i].e[5] = 0, 0, 0
		}
		for _, e := range t.stored(i) {
			if int(e>>8) >= nClasses || int8(e) == 0 {
				return bad(i, "bad entry")
			}
		}
	}
	return t
}

// rawTable4 reads a table written by writer.table4.
func (r *reader) rawTable4() *table4 {
	flat := r.u32s(1 << 30)
	if r.err != nil {
		return &table4{}
	}
	if len(flat)%2 != 0 {
		r.err = errors.New("table: slots cut short")
		return &table4{}
	}
	t := &table4{slots: make([]slot4, len(flat)/2)}
	for i := range t.slots {
		k, w := flat[2*i], flat[2*i+1]
		if k != 0 && (k&0xf > 8 || k&^0xf == 0) {
			r.err = fmt.Errorf("table: slot %d: bad key", i)
			return &table4{}
		}
		t.slots[i] = slot4{key: k, w: [4]int8{int8(w), int8(w >> 8), int8(w >> 16), int8(w >> 24)}}
	}
	return t
}

// table reads a table of the varint format 2.
func (r *reader) table(nClasses int) *table {
	n := r.count(1 << 28)
	keys, start := make([]uint32, 0, n), make([]uint32, 1, n+1)
	var cls []uint8
	var ws []int16
	prev := uint64(0)
	for f := 0; f < n && r.err == nil; f++ {
		k := prev + r.uvarint()
		if k > 1<<32-1 || (f > 0 && k == prev) || k == 0 {
			r.err = fmt.Errorf("feature %d: bad key", f)
			break
		}
		prev = k
		keys = append(keys, uint32(k))
		m := r.count(nClasses)
		for j := 0; j < m; j++ {
			c := r.uvarint()
			v := r.varint()
			if c >= uint64(nClasses) || v == 0 || v < -32767 || v > 32767 {
				r.err = fmt.Errorf("feature %d: bad weight", f)
				break
			}
			cls = append(cls, uint8(c))
			ws = append(ws, int16(v))
		}
		start = append(start, uint32(len(cls)))
	}
	if r.err != nil {
		return &table{}
	}
	return build(keys, start, cls, ws)
}

// ReadModel reads a model written by Model.WriteTo, or a gzip'd one of
// format 2.
func ReadModel(in io.Reader) (*Model, error) {
	br := bufio.NewReaderSize(in, 1<<16)
	// A gzip'd model has its tables as varints (format 2 and the first
	// models of format 3).
	varints := false
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		varints = true
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	r := &reader{r: br}
	got := r.str()
	if got != magic && got != magic2 {
		if r.err != nil {
			return nil, r.err
		}
		return nil, errors.New("not a sitrep syntax model")
	}
	m := &Model{}
	m.tags = r.strs()
	if len(m.tags) == 0 || len(m.tags) > 255 {
		return nil, fmt.Errorf("%d tags", len(m.tags))
	}
	nd := r.count(1 << 24)
	m.tagDict = make(map[uint64]int, nd)
	for i := 0; i < nd && r.err == nil; i++ {
		k := r.uvarint()
		t := r.count(len(m.tags) - 1)
		m.tagDict[k] = t
	}
	na := r.count(1 << 24)
	m.amb = make(map[uint64]uint64, na)
	for i := 0; i < na && r.err == nil; i++ {
		k := r.uvarint()
		m.amb[k] = r.uvarint()
	}
	if varints {
		m.tagger = r.table(len(m.tags))
	} else {
		m.tagger = r.rawTable(len(m.tags))
	}
	m.labels = r.strs()
	if len(m.labels) == 0 || 2+2*len(m.labels) > 256 {
		return nil, fmt.Errorf("%d labels", len(m.labels))
	}
	switch {
	case got == magic2:
		m.parser = r.table(2 + 2*len(m.labels))
	case r.uvarint() == 0:
		if varints {
			m.parser = r.table(2 + 2*len(m.labels))
		} else {
			m.parser = r.rawTable(2 + 2*len(m.labels))
		}
	case varints:
		m.trans = table4Of(r.table(4))
		m.labeler = r.table(len(m.labels))
	default:
		m.trans = r.rawTable4()
		m.labeler = r.rawTable(len(m.labels))
	}
	nl := r.count(1 << 24)
	m.lem.table = make(map[uint64]string, nl)
	for i := 0; i < nl && r.err == nil; i++ {
		k := r.uvarint()
		m.lem.table[k] = r.str()
	}
	nr := r.count(1 << 24)
	m.lem.rules = make(map[uint64]lemmaRule, nr)
	for i := 0; i < nr && r.err == nil; i++ {
		k := r.uvarint()
		cut := r.count(64)
		m.lem.rules[k] = lemmaRule{cut: cut, add: r.str()}
	}
	nf := 0
	if got != magic2 {
		nf = r.count(1 << 20)
	}
	m.words.fused = make(map[string]int, nf)
	for i := 0; i < nf && r.err == nil; i++ {
		k := r.str()
		cut := r.count(len(k))
		if cut == 0 || cut == len(k) {
			r.err = fmt.Errorf("fused word %q: bad cut", k)
		}
		m.words.fused[k] = cut
	}
	np := 0
	if got != magic2 {
		np = r.count(1 << 20)
	}
	m.words.prefixes = make(map[string]bool, np)
	for i := 0; i < np && r.err == nil; i++ {
		m.words.prefixes[r.str()] = true
	}
	if r.err != nil {
		return nil, r.err
	}
	if err := m.init(); err != nil {
		return nil, err
	}
	return m, nil
}

// init derives the lookup fields from tags and labels.
func (m *Model) init() error {
	m.upos = make([]string, len(m.tags))
	m.xpos = make([]string, len(m.tags))
	m.uposNum = make([]int, len(m.tags))
	m.uposNames = nil
	idx := map[string]int{}
	for i, t := range m.tags {
		u, x, _ := strings.Cut(t, "\t")
		m.upos[i], m.xpos[i] = u, x
		n, ok := idx[u]
		if !ok {
			n = len(m.uposNames)
			idx[u] = n
			m.uposNames = append(m.uposNames, u)
		}
		m.uposNum[i] = n
	}
	m.rootLabel, m.leftLabel = -1, -1
	for i, l := range m.labels {
		switch l {
		case "root":
			m.rootLabel = i
		case "parataxis":
			m.leftLabel = i
		}
	}
	if m.rootLabel < 0 {
		return errors.New("no root label")
	}
	m.split()
	if m.leftLabel < 0 {
		m.leftLabel = m.rootLabel
		for i, l := range m.labels {
			if l != "root" {
				m.leftLabel = i
				break
			}
		}
	}
	return nil
}

// Pruned returns a copy of m without the tagger and parser weights whose
// magnitude is below min (weights are int16, scaled to the largest).
func (m *Model) Pruned(min int16) *Model {
	c := *m
	c.tagger = m.tagger.pruned(min)
	if m.trans != nil {
		c.trans = table4Of(m.trans.generic().pruned(min))
		c.labeler = m.labeler.pruned(min)
	} else {
		c.parser = m.parser.pruned(min)
		c.split()
	}
	return &c
}

// split marks in the joint parser table where each feature's LEFT-ARC
// classes begin and end (table.split), so that scoring can skip them in
// a state where no left arc is allowed.
func (m *Model) split() {
	if m.parser != nil {
		m.parser.split(2, 2+len(m.labels))
	}
}

// Features returns the number of tagger and parser features (transition
// and label features added).
func (m *Model) Features() (tagger, parser int) {
	if m.trans != nil {
		return m.tagger.features(), m.trans.features() + m.labeler.features()
	}
	return m.tagger.features(), m.parser.features()
}
