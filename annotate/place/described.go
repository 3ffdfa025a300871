package place

import (
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// A described name is a name followed by the word of its kind: "Chahar
// Kint district", "Tarin Kowt district", "Abe Barak village", "Zabul
// province". The kind word closes the name, and English puts no other
// capitalised word between a name and its kind word: every capitalised
// word run up to it is the name. So a candidate that covers only the end
// of the run ("Kint" of "Chahar Kint district", "Barak" of "Abe Barak
// village") is another place that happens to share a word, not the place
// described; the run as a whole is looked up, with the spelling tolerance
// of romanised Dari and Pashto (gazetteer.Skeleton), and when it is not
// found the name is an unknown place, which the containment of its phrase
// ("..., Y district, Z province") places (patterns, resolve).

// maxRun is the most words of a described name.
const maxRun = 4

// describedKind is the kind of feature a kind word asks for, for the
// words of describedWords: 'A' for first-level regions, '2' for
// districts, 'P' for populated places.
var describedWords = map[string]byte{
	"province": 'A', "provinces": 'A',
	"district": '2', "districts": '2',
	"village": 'P', "villages": 'P', "town": 'P',
}

// runWord reports whether token i may be a word of a described name: a
// capitalised word of no class of words.tsv that steers recognition. A
// common English word counts inside a sentence, where only a name
// capitalises it ("Let Yet Kone village"), and at its start only before
// another word of the name ("Dur Baba district").
func (st *state) runWord(i int) bool {
	t := &st.toks[i]
	if t.kind != segment.Word || !t.upper || t.caps || t.class&wCommon != 0 && t.sentStart && !st.nameNext(i) {
		return false
	}
	return t.class&(wStop|wTitle|wDir|wNear|wCue|wAdm1|wAdm2|wCity|wSub|wOrg|wPerson|wFeat|wAgency|wStreet) == 0
}

// nameNext reports whether the word after token i is capitalised too and
// no kind word: a sentence's first word followed by a name and a kind word
// ("Dur Baba district") is the name's, a common word or not.
func (st *state) nameNext(i int) bool {
	if i+1 >= len(st.toks) {
		return false
	}
	t := &st.toks[i+1]
	return t.kind == segment.Word && t.upper && t.class&(wAdm1|wAdm2|wCity|wSub) == 0
}

// runStart returns the first token of the described name that ends
// before token s, s when there is none. Lower-case connectors of Dari and
// Pashto names ("Khost wa Firing", "Lash wa Juwayn", "Dahana i Ghuri")
// may stand inside it.
func (st *state) runStart(text string, s int) int {
	a := s
	for q := s - 1; q >= 0 && s-q <= maxRun+1; q-- {
		t := &st.toks[q]
		if t.lineBreak && q+1 < len(st.toks) || st.toks[q+1].start-t.end > 1 {
			if q+1 != s {
				break
			}
		}
		if st.runWord(q) {
			a = q
			continue
		}
		if q < s-1 && q > 0 && st.runWord(q-1) {
			switch strings.ToLower(text[t.start:t.end]) {
			case "wa", "e", "i", "o", "ye":
				continue
			}
		}
		break
	}
	return a
}

// describedEnd returns the token after the kind word of the described name
// that starts at token i ("Chahar Bolak district"), i when none does.
func (st *state) describedEnd(text string, i int) int {
	for s := i + 1; s < len(st.toks) && s <= i+maxRun+1; s++ {
		t := &st.toks[s]
		if t.kind != segment.Word {
			return i
		}
		if _, ok := describedWords[strings.ToLower(text[t.start:t.end])]; ok {
			if st.runStart(text, s) == i {
				return s + 1
			}
			return i
		}
	}
	return i
}

// describedNames applies the described-name rule to the candidates: it
// drops the candidates that cover only a part of a described name and
// adds one for the whole name when a spelling of it is known.
func (r *Resolver) describedNames(st *state, text string) {
	n := len(st.toks)
	changed := false
	for s := 1; s < n; s++ {
		t := &st.toks[s]
		if t.kind != segment.Word || t.class&(wAdm1|wAdm2|wSub|wCity) == 0 {
			continue
		}
		kind, ok := describedWords[strings.ToLower(text[t.start:t.end])]
		if !ok {
			continue
		}
		a := st.runStart(text, s)
		if a == s {
			continue
		}
		// A strong place written before the name is no part of it:
		// "Helmand's Nad Ali district" is written so, but "Helmand Nad
		// Ali district" is not unknown either.
		exact, partial := false, false
		// A demonym is no part of a name either ("Afghan Nad Ali
		// district").
		for k := range st.cands {
			if c := &st.cands[k]; c.adjective && !c.dropped && c.j > a && c.i < s {
				a = max(a, c.j)
			}
		}
		for k := range st.cands {
			c := &st.cands[k]
			if c.dropped || c.adjective || c.j <= a || c.i >= s {
				continue
			}
			switch {
			case c.i == a && c.j == s:
				exact = true
			case c.i < a || c.j > s:
				// A candidate reaching out of the run: not this rule's.
				exact = true
			case r.strong(c.refs) && c.i == a:
				a = c.j
			default:
				partial = true
			}
		}
		if exact || a >= s {
			continue
		}
		if partial && st.titleEnd > t.start {
			continue // a title-case headline capitalises every word
		}
		name := text[st.toks[a].start:st.toks[s-1].end]
		mark := len(st.refs)
		refs := st.keep(r.fuzzyRefs(st.refs, name, kind))
		if !partial && len(refs) == 0 {
			st.refs = st.refs[:mark]
			continue
		}
		for k := range st.cands {
			c := &st.cands[k]
			if !c.adjective && c.i >= a && c.j <= s {
				c.dropped = true
			}
		}
		changed = true
		if len(refs) > 0 {
			fuzzy := !r.exactName(refs, name)
			st.cands = append(st.cands, cand{i: a, j: s, start: st.toks[a].start, end: st.toks[s-1].end, refs: refs,
				parent: -1, best: gazetteer.NoRef, cued: true, fuzzy: fuzzy, loose: fuzzy && len(gazetteer.Skeleton(name)) < minFreeSkeleton})
		}
	}
	if !changed {
		return
	}
	kept := st.cands[:0]
	for _, c := range st.cands {
		if !c.dropped {
			kept = append(kept, c)
		}
	}
	st.cands = kept
	slices.SortStableFunc(st.cands, func(x, y cand) int { return x.i - y.i })
}

// fuzzyRefs appends to dst the features of the kind ('A' first-level
// region, '2' district, 'P' populated place) one of whose names is name
// exactly (gazetteer.Normalize) or, failing that, by its consonant
// skeleton (gazetteer.Skeleton), when the skeleton is long enough to tell
// places apart and names few of them.
func (r *Resolver) fuzzyRefs(dst []gazetteer.Ref, name string, kind byte) []gazetteer.Ref {
	mark := len(dst)
	for _, ref := range r.g.AppendRefs(nil, gazetteer.AppendKey(nil, name)) {
		if r.ofKind(ref, kind) {
			dst = append(dst, ref)
		}
	}
	if len(dst) > mark {
		return dst
	}
	// A village's skeleton is matched only inside the region its
	// phrase names (skeletonIn): the world has too many villages.
	// A region's by skeleton; a short skeleton is kept only where the
	// phrase names the region it lies in (loose, see describedNames).
	sk := gazetteer.Skeleton(name)
	if kind == 'P' || len(sk) < 3 {
		return dst
	}
	refs := r.skeletons()[sk]
	if len(refs) > maxSkeletonRefs {
		return dst
	}
	for _, ref := range refs {
		if r.ofKind(ref, kind) {
			dst = append(dst, ref)
		}
	}
	return dst
}

// minFreeSkeleton is the shortest skeleton that may name a region without
// the region it lies in ("Tarin Kowt district" alone): shorter ones
// ("Maruf", "Zharai") name too many regions of the world.
const minFreeSkeleton = 5

// exactName reports whether some feature of refs has name's key.
func (r *Resolver) exactName(refs []gazetteer.Ref, name string) bool {
	key := gazetteer.Normalize(name)
	for _, ref := range refs {
		if gazetteer.Normalize(r.g.Name(ref)) == key {
			return true
		}
	}
	return false
}

// maxSkeletonRefs is the most features a skeleton may name and still be
// matched: more, and it tells nothing.
const maxSkeletonRefs = 12

func (r *Resolver) ofKind(ref gazetteer.Ref, kind byte) bool {
	code := r.g.Code(ref)
	switch kind {
	case 'A':
		return code == "ADM1" || code == "ADM1H"
	case '2':
		return code == "ADM2"
	case 'P':
		return r.g.Class(ref) == 'P'
	}
	return false
}

// skeletons returns the index of the gazetteer's regions by the skeleton
// of their names, built on first use.
func (r *Resolver) skeletons() map[string][]gazetteer.Ref {
	if r.skel == nil {
		return nil
	}
	return r.skel().bySkeleton
}

// members returns the populated places of the first-level region a1.
func (r *Resolver) members(a1 gazetteer.Ref) []gazetteer.Ref {
	if r.skel == nil {
		return nil
	}
	return r.skel().members[a1]
}

// regionIndex is what matching described names needs beyond the name
// index: the regions by skeleton, and the places of each first-level
// region.
type regionIndex struct {
	bySkeleton map[string][]gazetteer.Ref
	members    map[gazetteer.Ref][]gazetteer.Ref
}

func buildRegionIndex(g *gazetteer.Gazetteer) *regionIndex {
	x := &regionIndex{bySkeleton: map[string][]gazetteer.Ref{}, members: map[gazetteer.Ref][]gazetteer.Ref{}}
	for ref := gazetteer.Ref(0); int(ref) < g.Len(); ref++ {
		switch g.Class(ref) {
		case 'A':
			if sk := gazetteer.Skeleton(g.Name(ref)); len(sk) >= 3 {
				x.bySkeleton[sk] = append(x.bySkeleton[sk], ref)
			}
		case 'P':
			if a1 := g.Info(ref).Admin1; a1 != gazetteer.NoRef {
				x.members[a1] = append(x.members[a1], ref)
			}
		}
	}
	return x
}

// skeletonIn returns the feature of the kind want ("P", "ADM2", "ADM1")
// inside region whose name has the skeleton of name, NoRef when there is
// none or more than one.
func (r *Resolver) skeletonIn(name, want string, region gazetteer.Ref) gazetteer.Ref {
	sk := gazetteer.Skeleton(name)
	if len(sk) < 3 {
		return gazetteer.NoRef
	}
	refs := r.skeletons()[sk]
	if want == "P" {
		in := r.g.Info(region)
		switch in.Code {
		case "ADM1":
			refs = r.members(region)
		case "ADM2":
			refs = r.members(in.Admin1)
		default:
			return gazetteer.NoRef // a country has too many places
		}
	}
	found := gazetteer.NoRef
	for _, ref := range refs {
		if !r.inside(ref, region) {
			continue
		}
		switch code := r.g.Code(ref); {
		case want == "P" && r.g.Class(ref) == 'P' && gazetteer.Skeleton(r.g.Name(ref)) == sk, want == code:
		default:
			continue
		}
		if found != gazetteer.NoRef {
			return gazetteer.NoRef
		}
		found = ref
	}
	return found
}

// dropStrayFuzzy drops the names matched by skeleton alone, with no region
// in their phrase, that lie in a country no other place of the document
// lies in while other places do: a spelling tolerance that finds a
// region abroad has found another name.
func (r *Resolver) dropStrayFuzzy(st *state) {
	for k := range st.cands {
		c := &st.cands[k]
		if !c.fuzzy || c.dropped || c.parent >= 0 || c.best == gazetteer.NoRef {
			continue
		}
		cc := r.g.Info(c.best).CC
		same, other := false, false
		for m := range st.cands {
			d := &st.cands[m]
			if m == k || d.dropped || d.best == gazetteer.NoRef || d.parent == k {
				continue
			}
			switch dc := r.g.Info(d.best).CC; {
			case dc == cc:
				same = true
			case dc != "":
				other = true
			}
		}
		if other && !same {
			c.dropped = true
		}
	}
}
