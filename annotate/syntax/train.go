package syntax

import (
	"cmp"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// TrainOptions controls Train. The zero value trains with the defaults.
type TrainOptions struct {
	TagEpochs   int  // tagger passes over the training set (default 8)
	ParseEpochs int  // parser passes (default 10)
	Folds       int  // jackknife folds for the parser's training tags (default 4; 1: gold tags)
	XPOS        bool // tag classes are UPOS and XPOS pairs, so the parser sees XPOS distinctions
	// TagMinCount and ParseMinCount are frequency cut-offs: a feature gets
	// weights only if it occurs at least so often in the training data
	// (tagger: with gold tags before the word; parser: in the states of
	// the gold transition sequence). 0 or 1: no cut-off.
	TagMinCount, ParseMinCount int
	// Joint trains one perceptron over transitions and labels together
	// (the format 2 parser) instead of one for transitions and one for
	// the labels of arcs.
	Joint bool
	Seed  uint64
	// Dev, when set, is scored after parser epochs and logged, and the
	// parser keeps the weights of the best of the last third of the epochs.
	Dev    []*Sentence
	Logger *slog.Logger
}

func (o *TrainOptions) defaults() {
	if o.TagEpochs == 0 {
		o.TagEpochs = 8
	}
	if o.ParseEpochs == 0 {
		o.ParseEpochs = 10
	}
	if o.Folds == 0 {
		o.Folds = 4
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// tagClass returns the tag class name of w.
func (o *TrainOptions) tagClass(w *Word) string {
	if o.XPOS {
		return w.UPOS + "\t" + w.XPOS
	}
	return w.UPOS
}

// Train trains a Model on the sentences of a treebank. Training is
// deterministic: the same sentences and options give the same model.
func Train(train []*Sentence, opt TrainOptions) (*Model, error) {
	opt.defaults()
	log := opt.Logger
	if len(train) == 0 {
		return nil, fmt.Errorf("syntax: no training sentences")
	}
	m := &Model{}
	tagSet, labelSet := map[string]bool{}, map[string]bool{}
	for _, s := range train {
		for i := range s.Words {
			w := &s.Words[i]
			if w.Head < 0 || w.Head > len(s.Words) {
				return nil, fmt.Errorf("syntax: word %q has no head", w.Form)
			}
			tagSet[opt.tagClass(w)] = true
			labelSet[w.Deprel] = true
		}
	}
	m.tags = sortedSet(tagSet)
	m.labels = sortedSet(labelSet)
	if len(m.tags) > 255 || 2+2*len(m.labels) > 256 {
		return nil, fmt.Errorf("syntax: %d tags and %d labels: too many", len(m.tags), len(m.labels))
	}
	if err := m.init(); err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	tagNum := map[string]int{}
	for i, t := range m.tags {
		tagNum[t] = i
	}
	labelNum := map[string]int{}
	for i, l := range m.labels {
		labelNum[l] = i
	}

	// Gold tag classes and atoms of every sentence, computed once.
	ex := make([]*example, len(train))
	for i, s := range train {
		e := &example{s: s, gold: make([]int, len(s.Words)+1), gh: make([]int, len(s.Words)+1), gl: make([]int, len(s.Words)+1)}
		e.a.reset(s.Forms())
		e.gold[0], e.gh[0], e.gl[0] = -1, -1, -1
		e.kids = make([][]int, len(s.Words)+1)
		for j := range s.Words {
			w := &s.Words[j]
			e.gold[j+1] = tagNum[opt.tagClass(w)]
			e.gh[j+1] = w.Head
			e.gl[j+1] = labelNum[w.Deprel]
			e.kids[w.Head] = append(e.kids[w.Head], j+1)
		}
		ex[i] = e
	}
	m.tagDict = buildTagDict(ex, len(m.tags))
	m.amb = buildAmb(ex, m)
	for _, e := range ex {
		m.setAmb(&e.a)
	}

	// Jackknifed tags for the parser's training data.
	start := time.Now()
	if opt.Folds > 1 {
		for k := 0; k < opt.Folds; k++ {
			var in, out []*example
			for i, e := range ex {
				if i%opt.Folds == k {
					out = append(out, e)
				} else {
					in = append(in, e)
				}
			}
			fm := *m
			fm.tagger = freeze(trainTagger(&fm, in, opt.TagEpochs, opt.Seed+uint64(k)+1, opt.TagMinCount).averaged(), len(m.tags))
			sc := &scratch{}
			for _, e := range out {
				sc.a.reset(e.s.Forms())
				fm.setAmb(&sc.a)
				fm.tag(sc)
				e.pred = append([]int(nil), sc.a.tag...)
			}
			log.Info("jackknife fold", "fold", k+1, "of", opt.Folds, "elapsed", time.Since(start).Round(time.Second))
		}
	} else {
		for _, e := range ex {
			e.pred = e.gold
		}
	}
	m.tagger = freeze(trainTagger(m, ex, opt.TagEpochs, opt.Seed, opt.TagMinCount).averaged(), len(m.tags))
	log.Info("tagger trained", "elapsed", time.Since(start).Round(time.Second))
	m.lem = buildLemmatiser(train, m, &opt)
	m.words = learnWordRules(train)
	if len(opt.Dev) > 0 {
		sc := Evaluate(NewParser(m), opt.Dev, true)
		log.Info("dev tagging", "upos", fmt.Sprintf("%.2f", sc.UPOS), "lemma", fmt.Sprintf("%.2f", sc.Lemma))
	}

	if opt.ParseEpochs < 0 {
		return m, nil
	}
	for _, e := range ex {
		copy(e.a.tag, e.pred)
		m.setUPOS(&e.a)
		_, _ = m.lemmatise(&e.a, e.s.Forms(), nil, nil)
	}
	if opt.Joint {
		trainJoint(m, ex, &opt, start)
	} else {
		trainSplit(m, ex, &opt, start)
	}
	return m, nil
}

// trainJoint trains the parser of joint transition and label classes
// (format 2) on ex, whose atoms carry jackknifed tags.
func trainJoint(m *Model, ex []*example, opt *TrainOptions, start time.Time) {
	log := opt.Logger
	nl := len(m.labels)
	nc := 2 + 2*nl
	pc := newPerceptron(nc)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	var st state
	var feats []uint64
	scores := make([]float64, nc)
	if opt.ParseMinCount > 1 {
		counts := map[uint64]int32{}
		for _, e := range ex {
			st.reset(len(e.s.Words))
			for !st.terminal() {
				feats = e.a.parseFeats(feats[:0], &st)
				for _, h := range feats {
					counts[h]++
				}
				_, gold := m.oracle(&st, e, scores)
				tr, l := transOf(gold, nl)
				st.apply(tr, l)
			}
		}
		pc.restrict(counts, opt.ParseMinCount)
		log.Info("parser features", "seen", len(counts), "kept", len(pc.index), "min_count", opt.ParseMinCount)
	}
	var best *table
	bestLAS, bestEpoch := -1.0, 0
	for ep := 0; ep < opt.ParseEpochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, steps := 0, 0
		for _, i := range order {
			e := ex[i]
			st.reset(len(e.s.Words))
			for !st.terminal() {
				feats = e.a.parseFeats(feats[:0], &st)
				pc.score(feats, scores)
				best, gold := m.oracle(&st, e, scores)
				pc.tick()
				steps++
				if gold != best {
					pc.update(feats, gold, best)
					errs++
				}
				next := gold
				if ep > 0 {
					next = best
				}
				tr, l := transOf(next, nl)
				st.apply(tr, l)
			}
		}
		msg := []any{"epoch", ep + 1, "errors", fmt.Sprintf("%.2f%%", 100*float64(errs)/float64(max(steps, 1))), "features", len(pc.index), "elapsed", time.Since(start).Round(time.Second)}
		if len(opt.Dev) > 0 && (ep >= opt.ParseEpochs*2/3 || ep%4 == 3) {
			// The epochs are chosen on dev: the model keeps the weights of
			// the epoch with the best dev LAS among the last third.
			m.parser = freeze(pc.averaged(), nc)
			sc := Evaluate(NewParser(m), opt.Dev, false)
			msg = append(msg, "dev_uas", fmt.Sprintf("%.2f", sc.UAS), "dev_las", fmt.Sprintf("%.2f", sc.LAS))
			if ep >= opt.ParseEpochs*2/3 && sc.LAS > bestLAS {
				best, bestLAS, bestEpoch = m.parser, sc.LAS, ep+1
			}
		}
		log.Info("parser epoch", msg...)
	}
	if best != nil {
		m.parser = best
		log.Info("parser chosen on dev", "epoch", bestEpoch, "dev_las", fmt.Sprintf("%.2f", bestLAS))
		return
	}
	m.parser = freeze(pc.averaged(), nc)
}

// trainSplit trains the parser's two perceptrons on ex, whose atoms carry
// jackknifed tags: one scores the four transitions, the other the label of
// the arc a left or right transition makes, on the same features salted by
// the arc's direction. Transitions are learned from the dynamic oracle
// (Goldberg & Nivre 2012), exploring the parser's own predictions after
// the first epoch; labels from the gold label of the arc's dependent.
func trainSplit(m *Model, ex []*example, opt *TrainOptions, start time.Time) {
	log := opt.Logger
	nl := len(m.labels)
	pt, pl := newPerceptron(4), newPerceptron(nl)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	var st state
	var feats, salted []uint64
	ts, ls := make([]float64, 4), make([]float64, nl)
	salt := func(tr int) []uint64 {
		s := uint64(saltRight)
		if tr == trLeft {
			s = saltLeft
		}
		salted = salted[:0]
		for _, h := range feats {
			salted = append(salted, h^s)
		}
		return salted
	}
	// labelled reports whether transition tr makes an arc whose label is
	// learned, and the gold label: only arcs of the gold tree teach labels
	// (the label of a wrong arc counts for nothing).
	labelled := func(e *example, tr int) (int, bool) {
		var h, d int
		switch {
		case tr == trLeft:
			h, d = st.b, st.s0()
		case tr == trRight && st.s0() != 0:
			h, d = st.s0(), st.b
		default:
			return -1, false
		}
		g := e.gl[d]
		return g, g != m.rootLabel && e.gh[d] == h
	}
	if opt.ParseMinCount > 1 {
		tc, lc := map[uint64]int32{}, map[uint64]int32{}
		for _, e := range ex {
			st.reset(len(e.s.Words))
			for !st.terminal() {
				feats = e.a.parseFeats(feats[:0], &st)
				for _, h := range feats {
					tc[h]++
				}
				_, gold := m.transOracle(&st, e, ts)
				l := m.fallbackLabel(&st, gold)
				if g, ok := labelled(e, gold); ok {
					for _, h := range salt(gold) {
						lc[h]++
					}
					l = g
				}
				st.apply(gold, l)
			}
		}
		pt.restrict(tc, opt.ParseMinCount)
		pl.restrict(lc, opt.ParseMinCount)
		log.Info("parser features", "transition_seen", len(tc), "kept", len(pt.index), "label_seen", len(lc), "kept", len(pl.index), "min_count", opt.ParseMinCount)
	}
	type frozen struct {
		t *table4
		l *table
	}
	var best frozen
	bestLAS, bestEpoch := -1.0, 0
	for ep := 0; ep < opt.ParseEpochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, steps, lerrs, lsteps := 0, 0, 0, 0
		for _, i := range order {
			e := ex[i]
			st.reset(len(e.s.Words))
			for !st.terminal() {
				feats = e.a.parseFeats(feats[:0], &st)
				pt.score(feats, ts)
				bt, gt := m.transOracle(&st, e, ts)
				pt.tick()
				steps++
				if gt != bt {
					pt.update(feats, gt, bt)
					errs++
				}
				next := gt
				if ep > 0 {
					next = bt
				}
				l := m.fallbackLabel(&st, next)
				if g, ok := labelled(e, next); ok {
					sf := salt(next)
					pl.score(sf, ls)
					bl := -1
					for c := range ls {
						if c != m.rootLabel && (bl < 0 || ls[c] > ls[bl]) {
							bl = c
						}
					}
					pl.tick()
					lsteps++
					if bl != g {
						pl.update(sf, g, bl)
						lerrs++
					}
					l = g
					if ep > 0 {
						l = bl
					}
				}
				st.apply(next, l)
			}
		}
		msg := []any{"epoch", ep + 1, "transition_errors", fmt.Sprintf("%.2f%%", 100*float64(errs)/float64(max(steps, 1))),
			"label_errors", fmt.Sprintf("%.2f%%", 100*float64(lerrs)/float64(max(lsteps, 1))), "elapsed", time.Since(start).Round(time.Second)}
		if len(opt.Dev) > 0 && (ep >= opt.ParseEpochs*2/3 || ep%4 == 3) {
			// The epochs are chosen on dev: the model keeps the weights of
			// the epoch with the best dev LAS among the last third.
			m.trans = table4Of(freeze(pt.averaged(), 4))
			m.labeler = freeze(pl.averaged(), nl)
			sc := Evaluate(NewParser(m), opt.Dev, false)
			msg = append(msg, "dev_uas", fmt.Sprintf("%.2f", sc.UAS), "dev_las", fmt.Sprintf("%.2f", sc.LAS))
			if ep >= opt.ParseEpochs*2/3 && sc.LAS > bestLAS {
				best, bestLAS, bestEpoch = frozen{m.trans, m.labeler}, sc.LAS, ep+1
			}
		}
		log.Info("parser epoch", msg...)
	}
	if best.t != nil {
		m.trans, m.labeler = best.t, best.l
		log.Info("parser chosen on dev", "epoch", bestEpoch, "dev_las", fmt.Sprintf("%.2f", bestLAS))
		return
	}
	m.trans = table4Of(freeze(pt.averaged(), 4))
	m.labeler = freeze(pl.averaged(), nl)
}

// fallbackLabel is the label of the arc tr makes in st when no label is
// learned for it: root from the root, else the leftover label (a gold
// root attached elsewhere); -1 when tr makes no arc.
func (m *Model) fallbackLabel(st *state, tr int) int {
	switch {
	case tr == trRight && st.s0() == 0:
		return m.rootLabel
	case tr == trRight || tr == trLeft:
		return m.leftLabel
	}
	return -1
}

// transOracle returns the best-scoring possible transition of st and the
// best-scoring one among those that lose the fewest reachable gold arcs
// (the dynamic oracle of Goldberg & Nivre 2012).
func (m *Model) transOracle(st *state, e *example, scores []float64) (best, gold int) {
	best, gold = -1, -1
	minCost := 1 << 30
	var costs [4]int
	for tr := 0; tr < 4; tr++ {
		costs[tr] = 1 << 30
		if st.can(tr) {
			costs[tr] = st.cost(tr, e.gh, e.kids)
			minCost = min(minCost, costs[tr])
			if best < 0 || scores[tr] > scores[best] {
				best = tr
			}
		}
	}
	for tr := 0; tr < 4; tr++ {
		if costs[tr] == minCost && (gold < 0 || scores[tr] > scores[gold]) {
			gold = tr
		}
	}
	return best, gold
}

// oracle returns the best-scoring valid class of st and the best-scoring
// class among those that lose no more reachable gold arcs than any other
// and carry the gold label (Goldberg & Nivre 2012's dynamic oracle).
func (m *Model) oracle(st *state, e *example, scores []float64) (best, gold int) {
	nl := len(m.labels)
	best, gold = -1, -1
	minCost := 1 << 30
	var costs [4]int
	for tr := 0; tr < 4; tr++ {
		costs[tr] = 1 << 30
		if st.can(tr) {
			costs[tr] = st.cost(tr, e.gh, e.kids)
			minCost = min(minCost, costs[tr])
		}
	}
	for c := 0; c < 2+2*nl; c++ {
		if !st.validClass(c, nl, m.rootLabel) {
			continue
		}
		if best < 0 || scores[c] > scores[best] {
			best = c
		}
		tr, l := transOf(c, nl)
		if costs[tr] != minCost {
			continue
		}
		switch tr {
		case trLeft:
			if l != e.gl[st.s0()] && e.gl[st.s0()] != m.rootLabel {
				continue
			}
		case trRight:
			if l != e.gl[st.b] && (st.s0() == 0) == (e.gl[st.b] == m.rootLabel) {
				continue
			}
		}
		if gold < 0 || scores[c] > scores[gold] {
			gold = c
		}
	}
	if gold < 0 {
		gold = best
	}
	return best, gold
}

// example is a training sentence with its gold classes and atoms.
type example struct {
	s    *Sentence
	a    atoms
	gold []int   // gold tag class per word (index 0: root, -1)
	pred []int   // jackknifed tag class per word
	gh   []int   // gold head per word, gh[0] = -1
	gl   []int   // gold label number per word
	kids [][]int // gold children per word
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// buildTagDict returns the words seen at least 20 times with one tag class
// 97% of the time or more (Honnibal's tag dictionary).
func buildTagDict(ex []*example, nTags int) map[uint64]int {
	counts := map[uint64][]int{}
	for _, e := range ex {
		for j := 1; j < len(e.a.word); j++ {
			c := counts[e.a.word[j]]
			if c == nil {
				c = make([]int, nTags)
				counts[e.a.word[j]] = c
			}
			c[e.gold[j]]++
		}
	}
	dict := map[uint64]int{}
	for w, c := range counts {
		total, best := 0, 0
		for t, n := range c {
			total += n
			if n > c[best] {
				best = t
			}
		}
		if total >= 20 && float64(c[best])/float64(total) >= 0.97 {
			dict[w] = best
		}
	}
	return dict
}

// buildAmb returns the ambiguity classes of the words seen at least 3
// times: the UPOS tags of at least 5% of their occurrences.
func buildAmb(ex []*example, m *Model) map[uint64]uint64 {
	counts := map[uint64][]int{}
	for _, e := range ex {
		for j := 1; j < len(e.a.word); j++ {
			c := counts[e.a.word[j]]
			if c == nil {
				c = make([]int, len(m.uposNames))
				counts[e.a.word[j]] = c
			}
			c[m.uposNum[e.gold[j]]]++
		}
	}
	amb := map[uint64]uint64{}
	for w, c := range counts {
		total := 0
		for _, n := range c {
			total += n
		}
		if total < 3 {
			continue
		}
		var mask uint64
		for u, n := range c {
			if n*20 >= total {
				mask |= 1 << uint(u)
			}
		}
		amb[w] = mask
	}
	return amb
}

// trainTagger trains the tagger's perceptron on ex, predicting tags left to
// right as at run time.
func trainTagger(m *Model, ex []*example, epochs int, seed uint64, minCount int) *perceptron {
	nc := len(m.tags)
	pc := newPerceptron(nc)
	rng := rand.New(rand.NewPCG(seed, 0x7a66))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	var feats []uint64
	if minCount > 1 {
		counts := map[uint64]int32{}
		for _, e := range ex {
			for j := 1; j < len(e.a.word); j++ {
				if _, ok := m.tagDict[e.a.word[j]]; ok {
					continue
				}
				t1, t2 := -1, -1
				if j > 1 {
					t1 = e.gold[j-1]
				}
				if j > 2 {
					t2 = e.gold[j-2]
				}
				feats = e.a.tagFeats(feats[:0], j, t1, t2)
				for _, h := range feats {
					counts[h]++
				}
			}
		}
		pc.restrict(counts, minCount)
	}
	scores := make([]float64, nc)
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			e := ex[i]
			a := &e.a
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
				feats = a.tagFeats(feats[:0], j, t1, t2)
				pc.score(feats, scores)
				best := 0
				for c := 1; c < nc; c++ {
					if scores[c] > scores[best] {
						best = c
					}
				}
				pc.tick()
				pc.update(feats, e.gold[j], best)
				a.tag[j] = best
			}
		}
	}
	return pc
}

// buildLemmatiser learns the lemma table and ending rules from train.
func buildLemmatiser(train []*Sentence, m *Model, opt *TrainOptions) lemmatiser {
	uposNum := map[string]int{}
	for i, u := range m.uposNames {
		uposNum[u] = i
	}
	type fk struct{ form, upos string }
	seen := map[fk]map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" {
				continue
			}
			k := fk{string(appendLower(nil, w.Form)), w.UPOS}
			if seen[k] == nil {
				seen[k] = map[string]int{}
			}
			seen[k][w.Lemma]++
		}
	}
	lm := lemmatiser{table: map[uint64]string{}, rules: map[uint64]lemmaRule{}}
	ruleCounts := map[uint64]map[lemmaRule]int{}
	keys := make([]fk, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b fk) int { return cmp.Or(cmp.Compare(a.form, b.form), cmp.Compare(a.upos, b.upos)) })
	for _, k := range keys {
		lemmas := seen[k]
		best, bestN := "", -1
		for _, l := range sortedSetInt(lemmas) {
			if lemmas[l] > bestN {
				best, bestN = l, lemmas[l]
			}
		}
		u, ok := uposNum[k.upos]
		if !ok {
			continue
		}
		lform := []byte(k.form)
		if k.upos != "PROPN" {
			lm.table[lemmaKey(lform, u)] = best
		}
		// Rules rewrite lower-case forms into lower-case lemmas.
		r := ruleOf(k.form, strings.ToLower(best))
		for n := 1; n <= maxRuleSuffix; n++ {
			st := suffixStart(lform, n)
			if n > 1 && st == 0 {
				break
			}
			if len(lform)-st < r.cut {
				continue
			}
			rk := ruleKey(lform[st:], u)
			if ruleCounts[rk] == nil {
				ruleCounts[rk] = map[lemmaRule]int{}
			}
			ruleCounts[rk][r]++
		}
	}
	for rk, rs := range ruleCounts {
		var best lemmaRule
		bestN := -1
		for r, n := range rs {
			if n > bestN || n == bestN && (r.cut < best.cut || r.cut == best.cut && r.add < best.add) {
				best, bestN = r, n
			}
		}
		lm.rules[rk] = best
	}
	return lm
}

// learnWordRules learns from the treebank's tokens the words it writes as
// two without an apostrophe (a two-word multiword token whose words spell
// it, in at least 90% of its 3 or more occurrences: "cannot", "gonna",
// the web's "dont"), and the bound prefixes that stay joined to their stem
// by a hyphen (a lower-case prefix of letters joined at least 3 times and
// split by spaces or as "prefix - stem" at most a quarter as often).
func learnWordRules(train []*Sentence) wordRules {
	r := wordRules{fused: map[string]int{}, prefixes: map[string]bool{}}
	fusedN, tokenN := map[string]int{}, map[string]int{}
	cuts := map[string]int{}
	joinedN, splitN := map[string]int{}, map[string]int{}
	isLetters := func(s string) bool {
		if s == "" || len(s) > maxPrefix {
			return false
		}
		for i := 0; i < len(s); i++ {
			if c := s[i] | 0x20; c < 'a' || c > 'z' {
				return false
			}
		}
		return true
	}
	for _, s := range train {
		inMulti := make([]bool, len(s.Words))
		for _, mw := range s.Multiwords {
			f := string(appendLower(nil, mw.Form))
			tokenN[f]++
			for k := mw.First - 1; k < mw.Last && k < len(s.Words); k++ {
				inMulti[k] = true
			}
			if mw.Last != mw.First+1 || mw.Last > len(s.Words) || strings.ContainsAny(f, "'") {
				continue
			}
			a := string(appendLower(nil, s.Words[mw.First-1].Form))
			b := string(appendLower(nil, s.Words[mw.Last-1].Form))
			if a+b == f && a != "" && b != "" {
				fusedN[f]++
				cuts[f] = len(a)
			}
		}
		for i, w := range s.Words {
			if inMulti[i] {
				continue
			}
			f := string(appendLower(nil, w.Form))
			tokenN[f]++
			if p, rest, ok := strings.Cut(f, "-"); ok && isLetters(p) && rest != "" && isLetters(rest[:1]) {
				joinedN[p]++
			}
			if f == "-" && i > 0 && i+1 < len(s.Words) && s.Words[i+1].Form != "" && isLetters(s.Words[i+1].Form[:1]) {
				if p := string(appendLower(nil, s.Words[i-1].Form)); isLetters(p) {
					splitN[p]++
				}
			}
		}
	}
	for f, n := range fusedN {
		if n >= 3 && n*10 >= tokenN[f]*9 {
			r.fused[f] = cuts[f]
		}
	}
	for p, n := range joinedN {
		if n >= 3 && splitN[p]*4 <= n {
			r.prefixes[p] = true
		}
	}
	return r
}

func sortedSetInt(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Scores are accuracies in percent over words, punctuation included.
type Scores struct {
	Words            int
	UPOS, XPOS       float64
	Lemma            float64
	UAS, LAS         float64 // LAS with full relations ("nsubj:pass")
	LASUniversal     float64 // LAS with relation subtypes ignored (CoNLL 2018)
	Sentences, Trees int     // sentences, and outputs that were well-formed trees
}

// Evaluate parses the words of gold (gold tokens) with p and scores the
// result. With tagsOnly it skips parsing.
func Evaluate(p *Parser, gold []*Sentence, tagsOnly bool) Scores {
	var sc Scores
	var upos, xpos, lemma, uas, las, ulas int
	var out []Word
	scr := &scratch{}
	for _, s := range gold {
		forms := s.Forms()
		if tagsOnly {
			scr.a.reset(forms)
			p.m.setAmb(&scr.a)
			p.m.tag(scr)
			out = out[:0]
			for j := range forms {
				t := scr.a.tag[j+1]
				w := Word{Form: forms[j], UPOS: p.m.upos[t], XPOS: p.m.xpos[t]}
				w.Lemma, scr.buf = p.m.lem.lemma(forms[j], w.UPOS, p.m.uposNum[t], scr.buf)
				out = append(out, w)
			}
		} else {
			out = p.ParseTo(out[:0], forms)
			sc.Sentences++
			if IsTree(out) {
				sc.Trees++
			}
		}
		for j, g := range s.Words {
			o := out[j]
			sc.Words++
			if o.UPOS == g.UPOS {
				upos++
			}
			if o.XPOS == g.XPOS {
				xpos++
			}
			if o.Lemma == g.Lemma {
				lemma++
			}
			if o.Head == g.Head {
				uas++
				if o.Deprel == g.Deprel {
					las++
				}
				if universal(o.Deprel) == universal(g.Deprel) {
					ulas++
				}
			}
		}
	}
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(sc.Words, 1)) }
	sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS, sc.LASUniversal = pct(upos), pct(xpos), pct(lemma), pct(uas), pct(las), pct(ulas)
	return sc
}

// universal returns a relation without its subtype ("nsubj:pass" -> "nsubj").
func universal(rel string) string {
	u, _, _ := strings.Cut(rel, ":")
	return u
}

// IsTree reports whether the heads of words form a tree: every head in
// range, exactly one word attached to the root, and no cycles.
func IsTree(words []Word) bool {
	roots := 0
	for _, w := range words {
		if w.Head < 0 || w.Head > len(words) {
			return false
		}
		if w.Head == 0 {
			roots++
		}
	}
	if roots != 1 {
		return false
	}
	for i := range words {
		j, steps := i+1, 0
		for j != 0 {
			j = words[j-1].Head
			steps++
			if steps > len(words) {
				return false
			}
		}
	}
	return true
}
