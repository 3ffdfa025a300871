package place

import (
	"strings"

	"github.com/sitrep-dev/sitrep/lexicon"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// agentHeads returns the first words of lexicon's generic agents, lower
// case: "soldiers", "security", "police". An empty set when the lexicon
// cannot load (it is tested).
func agentHeads() map[string]bool {
	m := map[string]bool{}
	as, err := lexicon.Agents()
	if err != nil {
		return m
	}
	for _, a := range as {
		for _, t := range a.Terms {
			if w, _, _ := strings.Cut(t, " "); w != "" && strings.ToLower(w) == w {
				m[w] = true
			}
		}
	}
	return m
}

// attributiveCountry reports whether candidate c, a country, is used as
// the modifier of a generic agent right after it ("U.S. forces", "Iraq
// police"): it says whose the agent is, as a demonym does, not where
// anything happened.
func (r *Resolver) attributiveCountry(st *state, c *cand) bool {
	if c.best == gazetteer.NoRef || r.g.Info(c.best).Code != "PCLI" || c.j >= len(st.toks) {
		return false
	}
	j := c.j
	if st.text[st.toks[j].start:st.toks[j].end] == "." && st.toks[j].start == c.end && j+1 < len(st.toks) {
		j++ // "U.S. forces"
	}
	t := st.toks[j]
	if t.upper || t.start-max(c.end, st.toks[j-1].end) > 1 {
		return false
	}
	return r.agentHeads[strings.ToLower(st.text[t.start:t.end])]
}

// nounAdjunct reports whether candidate c, a country, modifies what
// follows it rather than naming where anything is: a noun adjunct. News
// style writes a country's short form ("U.S.", "US", "UK") as the
// modifier and its full name as the noun; so the short form before a
// word that is no verb ("U.S. officials", "U.S. strikes", "US federal
// agencies"), before a name that is no place ("U.S. Central Command"),
// joined by a hyphen ("U.S.-led", "US-Iraq") or listed with demonyms
// ("U.S., French and British ships") is a modifier. (re3d marks these
// inside the organisation or person they modify, not as locations.)
func (r *Resolver) nounAdjunct(st *state, c *cand) bool {
	if c.best == gazetteer.NoRef || r.g.Info(c.best).Code != "PCLI" {
		return false
	}
	text := st.text
	if c.j-c.i != 1 || !allCaps(st.text[c.start:c.end]) || c.end-c.start > 4 {
		return false // a country's name is a noun ("the United States has", "Iraq has")
	}
	if c.end+1 < len(text) && text[c.end] == '-' && unicode.IsLetter(rune(text[c.end+1])) {
		return true // "U.S.-led", "US-Iraq"
	}
	j := c.j
	if j < len(st.toks) && text[st.toks[j].start:st.toks[j].end] == "." && st.toks[j].start == c.end {
		j++ // "U.S. forces": the dot is a token
	}
	if j >= len(st.toks) {
		return false
	}
	t := &st.toks[j]
	prevEnd := c.end
	if j > c.j {
		prevEnd = st.toks[j-1].end
	}
	if t.lineBreak || t.start-prevEnd > 1 {
		return false
	}
	w := text[t.start:t.end]
	if isPossessive(w) {
		return false // "the UK's commitment": a possessor is a noun phrase
	}
	if st.subjectAfterArticle(c, j) {
		return false // "The UK stands by its allies"
	}
	if w == "," && j+1 < len(st.toks) {
		// "U.S., French and Royal Navy ships": a list of modifiers.
		n := st.toks[j+1]
		_, dem := r.g.Demonym(text[n.start:n.end])
		return dem
	}
	if t.kind != segment.Word {
		return false
	}
	if t.upper {
		// "U.S. Central Command", "United States Army": a name that
		// is no place begins after the country.
		for k := range st.cands {
			if st.cands[k].i == j {
				return false
			}
		}
		return t.class&(wCue|wConn) == 0
	}
	lw := strings.ToLower(w)
	return t.class&(wConn|wCue|wNear|wPerson) == 0 && r.fw[lw]&(fwVerbal|fwOf|fwConjunction|fwBy) == 0 && !r.pastForm(lw)
}

// subjectAfterArticle reports whether the country's short name of c, whose
// next word is token j, is the subject of a verb in the present tense: the
// article before it ("The UK continues to ...", "the US stands by ...")
// makes it a noun phrase of its own when the word after it ends in -s and
// is followed by what follows a verb and not a plural noun: "to" of an
// infinitive, a preposition that a verb governs ("stands by", "works
// with"), an object's determiner ("welcomes the ..."), or an adverb in
// -ly; or when an adverb in -ly comes between ("The UK strongly
// condemns"). A plural noun after the short name ("the U.S. strikes on ...",
// "the UK forces in ...") is followed by a locative preposition instead.
func (st *state) subjectAfterArticle(c *cand, j int) bool {
	if c.i == 0 || j+1 >= len(st.toks) {
		return false
	}
	text := st.text
	if !strings.EqualFold(text[st.toks[c.i-1].start:st.toks[c.i-1].end], "the") {
		return false
	}
	t, n := &st.toks[j], &st.toks[j+1]
	w := text[t.start:t.end]
	if len(w) > 4 && strings.HasSuffix(w, "ly") && t.kind == segment.Word && n.kind == segment.Word && !n.upper {
		// "The UK strongly condemns": an adverb before the verb.
		nw := text[n.start:n.end]
		return len(nw) >= 4 && strings.HasSuffix(nw, "s") && !strings.HasSuffix(nw, "ss") && !st.r.agentHeads[nw]
	}
	if t.kind != segment.Word || t.upper || len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") {
		return false
	}
	if st.r.agentHeads[w] {
		return false // "the U.S. forces"
	}
	nw := strings.ToLower(text[n.start:n.end])
	switch nw {
	case "to", "by", "with", "that", "the", "a", "an", "its", "their", "his", "her", "all", "every":
		return true
	}
	return len(nw) > 4 && strings.HasSuffix(nw, "ly") && n.kind == segment.Word
}

// pastForm reports whether w, lower case, is a verb's past tense: an
// irregular one (lexicon's irregular_verbs.tsv: "met", "sent") or a word
// of five letters or more in -ed ("warned", "struck" is irregular).
func (r *Resolver) pastForm(w string) bool {
	return r.past[w] || len(w) >= 5 && strings.HasSuffix(w, "ed")
}

// pastForms returns the irregular past tenses of lexicon's
// irregular_verbs.tsv.
func pastForms() map[string]bool {
	m := map[string]bool{}
	_ = lexicon.ReadTSV(lexicon.FS(), lexicon.IrregularVerbsFile, func(r lexicon.Row) error {
		for _, p := range r.List("past") {
			m[strings.ToLower(p)] = true
		}
		return nil
	}) // the embedded file is tested by package lexicon
	return m
}

// Headlines, institutions, honorifics and the document's focus: the
// classes of words that look like towns only because they are
// capitalised, and the country a story is about.

// titleLineEnd returns the byte end of text's headline when it is written
// in title case, else 0. The headline is the first line when a blank line
// or the end of the text follows it and it does not end a sentence; it is
// in title case when most of its words of four letters or more start with
// a capital ("Two Hurt In Overnight Shooting"). There capitals carry no
// evidence that a word is a name.
func titleLineEnd(text string) int {
	end := strings.IndexByte(text, '\n')
	if end < 0 || end > 200 {
		return 0
	}
	line := text[:end]
	if ss, _ := SiteSuffix(text); ss > 0 {
		line = line[:ss] // the site's name after the headline is no part of it
	}
	line = strings.TrimSpace(line)
	if line == "" || strings.ContainsAny(line[len(line)-1:], ".!?") {
		return 0
	}
	if rest := text[end+1:]; !strings.HasPrefix(strings.TrimLeft(rest, " \t\r"), "\n") && rest != "" {
		return 0
	}
	long, caps := 0, 0
	for _, w := range strings.Fields(line) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	if long < 2 || float64(caps) < 0.75*float64(long) {
		return 0
	}
	return end
}

// weakName reports whether candidate c's capitals are weak evidence that
// it names a place, so that it is kept only when the document names the
// place elsewhere (dropWeakStarts): a name in a title-case headline, or a
// name before a word that makes it an institution ("Fairview Hospital",
// "St. Agnes School": named after a place or a person). A strong place
// (a country, a region, a capital, a city of 100,000) stays: "Chicago
// Police" names Chicago.
func (st *state) weakName(c *cand, institution bool) bool {
	if c.strong {
		return false
	}
	return institution || c.start < st.titleEnd
}

// candKey returns the key of c's tokens as written.
func (st *state) candKey(c *cand) []byte {
	return st.keys[st.toks[c.i].k0:st.toks[c.j-1].k1]
}

// focusCountry returns the country the story is about, "" when unclear.
// Two tallies are read, each of the countries the document's places
// resolve in: one counts every mention, one counts each name once, with
// the confidence of its surest mention. A story says where it is by the
// different places it names: a local name told five times ("Lodi police
// ... Lodi Memorial Hospital"), its homonym abroad chosen before the
// story's other names were read, is one piece of evidence against the
// county and the town it also names; the names tally decides when it is
// clear. Else the mentions tally decides (a city told again and again
// outweighs a stray name). A tally is clear for its top country when a
// dateline ("PORTSMOUTH, Va. (WAVY) —", "KABUL, March 3 (Reuters) -")
// resolves there, or the country outweighs every other three times over
// with weight 2 or more. (A dateline alone is not enough: a small town's
// name in capitals has homonyms abroad.)
func (r *Resolver) focusCountry(st *state) string {
	if st.ctx.main == "" {
		return ""
	}
	if cc := r.clearTop(st, r.nameTally(st)); cc != "" {
		return cc
	}
	return r.clearTop(st, st.ctx.cc)
}

// clearTop returns the top country of tally when it is clear (see
// focusCountry), else "".
func (r *Resolver) clearTop(st *state, tally map[string]float64) string {
	main, top := "", 0.0
	for cc, w := range tally {
		if cc != "" && (w > top || w == top && cc < main) {
			main, top = cc, w
		}
	}
	if main == "" {
		return ""
	}
	for k := range st.cands {
		c := &st.cands[k]
		if c.dateline && !c.dropped && c.best != gazetteer.NoRef && r.g.Info(c.best).CC == main {
			return main
		}
	}
	for cc, w := range tally {
		if cc != main && cc != "" && 3*w > top {
			return ""
		}
	}
	if top < 2 {
		return ""
	}
	return main
}

// nameTally returns, per country, the sum over the document's names of
// the confidence of each name's surest mention resolved there (an
// adjective counts half).
func (r *Resolver) nameTally(st *state) map[string]float64 {
	if st.tally == nil {
		st.tally = map[string]float64{}
	}
	clear(st.tally)
	for _, members := range st.group {
		best, w := gazetteer.NoRef, 0.0
		for _, m := range members {
			c := &st.cands[m]
			if c.dropped || c.best == gazetteer.NoRef {
				continue
			}
			cw := c.conf
			if c.adjective {
				cw *= 0.5
			}
			if cw > w {
				best, w = c.best, cw
			}
		}
		if best != gazetteer.NoRef {
			if cc := r.g.Info(best).CC; cc != "" {
				st.tally[cc] += w
			}
		}
	}
	return st.tally
}

// dropOutOfFocus drops the weak mentions that put a place outside the
// country of a story that has a focus: a capitalised word nothing cues
// as a place ("Metro arrived", "Southwest", a surname) that names only a
// small town abroad, in a local story, is a word or a name, not the town.
// Even a preposition does not save it ("officers from Metro"), nor a
// city of 100,000 abroad. Major places (countries, regions, capitals,
// cities of a million), places with a feature in the focus country and places in a
// country the document names otherwise stay.
func (r *Resolver) dropOutOfFocus(st *state) {
	focus := r.focusCountry(st)
	if focus == "" {
		return
	}
	ctx := &st.ctx
	for k := range st.cands {
		c := &st.cands[k]
		if c.dropped || c.best == gazetteer.NoRef || c.adjective || c.parent >= 0 || c.viaParent || c.dateline || r.major(c.refs) {
			continue
		}
		cc := r.g.Info(c.best).CC
		if cc == focus || cc == "" {
			continue
		}
		own := 0.0
		if k < len(ctx.own) && ctx.own[k].cc == cc {
			own = ctx.own[k].w
		}
		if ctx.cc[cc]-own >= 0.3 {
			continue // the country is named otherwise
		}
		inFocus := false
		for _, ref := range c.refs {
			if r.g.Info(ref).CC == focus {
				inFocus = true
				break
			}
		}
		if !inFocus {
			c.dropped = true
		}
	}
}

// focusAdmin1 returns the first-level region of a story focused on
// country focus, NoRef when unclear: the region of a dateline in it, else
// the region most named (with its places) when it outweighs every other
// three times over with weight 2 or more.
func (r *Resolver) focusAdmin1(st *state, focus string) gazetteer.Ref {
	ctx := &st.ctx
	for k := range st.cands {
		c := &st.cands[k]
		if c.dateline && !c.dropped && c.best != gazetteer.NoRef {
			if in := r.g.Info(c.best); in.CC == focus && in.Admin1 != gazetteer.NoRef && ctx.admin1[in.Admin1] >= 1 {
				return in.Admin1
			}
		}
	}
	best, top, second := gazetteer.NoRef, 0.0, 0.0
	for a1, w := range ctx.admin1 {
		if r.g.Info(a1).CC != focus {
			continue
		}
		switch {
		case w > top || w == top && a1 < best:
			best, top, second = a1, w, top
		case w > second:
			second = w
		}
	}
	if top < 2 || 3*second > top {
		return gazetteer.NoRef
	}
	return best
}

// refocus resolves the homonyms of a story focused on one country (and
// one region of it) there: a reader of a local story from Florida takes
// "Naples" for Naples, Florida, and "Smyrna" for the town of the state,
// unless the story names the other country. A weak name that several
// places share (not strong, not followed by its region: "Homewood", a
// neighbourhood missing from the gazetteer), none of them in the focus
// region of a story whose region is clear, is left out: the event keeps
// the places around it.
func (r *Resolver) refocus(st *state) {
	focus := r.focusCountry(st)
	if focus == "" {
		return
	}
	a1 := r.focusAdmin1(st, focus)
	ctx := &st.ctx
	for k := range st.cands {
		c := &st.cands[k]
		if c.dropped || c.best == gazetteer.NoRef || c.adjective || c.parent >= 0 || c.viaParent || c.dateline || len(c.refs) == 0 {
			continue
		}
		in := r.g.Info(c.best)
		if in.CC == "" || in.Code == "PCLI" || in.Class == 'L' {
			continue
		}
		if in.CC == focus && (a1 == gazetteer.NoRef || in.Admin1 == a1 || in.Code == "ADM1" || c.strong || r.inRegionAfter(st, st.text, c) || namesRegion(st, k, in.Admin1) || r.nearStory(st, k)) {
			continue // another region's city, or a name its region places ("Richmond, Virginia", "in the Donetsk region ... in Kostiantynivka"), or a town across a nearby border
		}
		if in.CC != focus {
			// What the name's own mentions added does not count: a
			// homonym abroad told three times ("Hamilton police") is
			// not a country the story names.
			own := 0.0
			for _, o := range st.own(ctx, st.groupOf[k]).ownCC {
				if o.cc == in.CC {
					own = o.w
				}
			}
			if ctx.cc[in.CC]-own >= 0.3 {
				continue // the story names that country
			}
		}
		alt, altPop := gazetteer.NoRef, -1
		for _, ref := range c.refs {
			ri := r.g.Info(ref)
			if ri.CC != focus || ri.Class != 'P' && ri.Code != "ADM2" {
				continue
			}
			if a1 != gazetteer.NoRef && ri.Admin1 != a1 {
				continue
			}
			if ri.Population > altPop {
				alt, altPop = ref, ri.Population
			}
		}
		switch {
		case alt != gazetteer.NoRef:
			c.best = alt
		case in.CC == focus && len(c.refs) > 1:
			// A name several places share, none of them in the story's
			// region: a local sense the gazetteer lacks (a neighbourhood).
			c.dropped = true
		case in.CC == focus && a1 != gazetteer.NoRef && !c.cued && !c.strong && c.j-c.i == 1 && in.Population < 10_000:
			// A village of another region, of one word, that nothing
			// cues as a place, in a story whose region is clear: a local name
			// the gazetteer lacks ("Roxbury" in a Boston story is
			// Boston's, not a village in Wisconsin).
			c.dropped = true
		}
	}
}

// nearStory reports whether candidate k's place lies within nearbyKm of a
// place the story names under another name: a town across a nearby
// border (a Memphis story's "Southaven", in Mississippi) is no stray
// homonym.
func (r *Resolver) nearStory(st *state, k int) bool {
	in := r.g.Info(st.cands[k].best)
	if in.Class != 'P' {
		return false
	}
	g := st.groupOf[k]
	for _, p := range st.ctx.points {
		if c := &st.cands[p.cand]; st.groupOf[p.cand] != g && !c.dropped && within(in.Lat, in.Lon, p.lat, p.lon, nearbyKm) {
			return true
		}
	}
	return false
}

// namesRegion reports whether a candidate other than k names the
// first-level region a1 itself ("In the eastern Donetsk region, shelling
// killed two in Kostiantynivka"): a story that names a region expects its
// places, whatever region the story is mostly about.
func namesRegion(st *state, k int, a1 gazetteer.Ref) bool {
	if a1 == gazetteer.NoRef {
		return false
	}
	for x := range st.cands {
		if x != k && !st.cands[x].dropped && st.cands[x].best == a1 {
			return true
		}
	}
	return false
}

// anchors are the places a pass reads the story's location from: the
// dateline's place (its country and region, and the name group it
// belongs to) and the story's focus country and region.
type anchors struct {
	dlCC    string
	dlA1    gazetteer.Ref
	dlGroup int
	focusCC string
	focusA1 gazetteer.Ref
}

// anchors sets st.anchor from the current choices (only when the
// weights or training read them).
func (r *Resolver) anchors(st *state) {
	a := anchors{dlA1: gazetteer.NoRef, dlGroup: -1, focusA1: gazetteer.NoRef}
	if !st.recording && r.w[fDatelineCC] == 0 && r.w[fDatelineA1] == 0 && r.w[fFocusCC] == 0 && r.w[fFocusA1] == 0 {
		st.anchor = a
		return
	}
	for k := range st.cands {
		c := &st.cands[k]
		if c.dateline && !c.dropped && c.best != gazetteer.NoRef {
			in := r.g.Info(c.best)
			a.dlCC, a.dlGroup = in.CC, st.groupOf[k]
			a.dlA1 = in.Admin1
			if in.Code == "ADM1" {
				a.dlA1 = c.best
			}
			break
		}
	}
	if a.focusCC = r.focusCountry(st); a.focusCC != "" {
		a.focusA1 = r.focusAdmin1(st, a.focusCC)
	}
	st.anchor = a
}
