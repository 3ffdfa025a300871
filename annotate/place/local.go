package place

import (
	"slices"

	"github.com/sitrep-dev/sitrep/gazetteer"
)

// A US local story and the places of other states.
//
// The wire style of US news (the AP Stylebook's rule for datelines and
// places) names a town of another state with its state ("Brainerd,
// Minnesota", "Homewood, Ala."); a town the story leaves bare is a town
// of the story's own state, or no town at all: a neighbourhood the
// gazetteer lacks ("Homewood" in a Pittsburgh story, "Dorchester" in a
// Boston one), a street ("South Loomis"), a hospital ("Mount Sinai"), a
// word capitalised after a colon ("More: Trial dates set"). Only the
// large cities the style lets stand alone ("Chicago", "Houston") and the
// towns across a nearby state line (a Memphis story's suburb in
// Mississippi) go bare.

// localCountry is the country whose news follows that style.
const localCountry = "US"

// Thresholds of the rule: a town of this many people stands alone in
// the style; a place this close to another place of the story is across
// a nearby state line.
const (
	standAlonePop = 250_000
	cityPop       = 100_000
	acrossLineKm  = nearbyKm
)

// stateSupport is what the story says for one first-level region: how
// many different names it places there, whether it names the region
// itself, a city that stands alone in it, or its dateline there.
type stateSupport struct {
	names    int
	named    bool
	strong   bool
	dateline bool
	// city: a city of 100,000 told twice or more ("Birmingham Mayor
	// ... Birmingham police"), the state's support when no state has a
	// clear one.
	city   bool
	groups []int // the name groups placed there
}

// clear reports whether the support makes the region the story's own.
func (s *stateSupport) clear() bool {
	return s.named || s.dateline || s.strong || s.names >= 2
}

// dropOutOfState resolves, in a story focused on a US state, the bare
// names that the resolution put in another state with no other support:
// a homonym in the story's state is the place (the largest), failing
// one the name is no place the gazetteer knows and is left out, so the
// event keeps the story's other places. A name stays when its state is
// named or holds another of the story's names, when it lies near
// another of the story's places (across a nearby state line), when its
// phrase places it ("Reno, Nevada"), and when it stands alone in the
// style (a city of 100,000, a state capital, a state itself).
func (r *Resolver) dropOutOfState(st *state) {
	if r.focusCountry(st) != localCountry {
		return
	}
	// The surest mention of each name group and its region.
	gp := make([]groupPlace, len(st.group))
	support := map[gazetteer.Ref]*stateSupport{}
	for g, members := range st.group {
		gp[g] = groupPlace{ref: gazetteer.NoRef, a1: gazetteer.NoRef}
		for _, m := range members {
			c := &st.cands[m]
			if c.dropped || c.best == gazetteer.NoRef || c.conf <= gp[g].conf {
				continue
			}
			in := r.g.Info(c.best)
			if in.CC != localCountry {
				continue
			}
			a1 := in.Admin1
			if in.Code == "ADM1" {
				a1 = c.best
			}
			gp[g] = groupPlace{ref: c.best, a1: a1, conf: c.conf}
		}
		if gp[g].a1 == gazetteer.NoRef {
			continue
		}
		s := support[gp[g].a1]
		if s == nil {
			s = &stateSupport{}
			support[gp[g].a1] = s
		}
		s.names++
		s.groups = append(s.groups, g)
		in := r.g.Info(gp[g].ref)
		if in.Code == "ADM1" {
			for _, m := range st.group[g] {
				if c := &st.cands[m]; !c.dropped && c.best == gp[g].ref && !st.qualifier(c) {
					s.named = true
				}
			}
		}
		if in.Code != "ADM1" && r.standsAlone(gp[g].ref) {
			s.strong = true
		}
		if in.Class == 'P' && in.Population >= cityPop && st.told(g, gp[g].ref) >= 2 {
			s.city = true
		}
		for _, m := range st.group[g] {
			c := &st.cands[m]
			if c.dateline && !c.dropped && c.best == gp[g].ref && r.datelineSure(st, c) {
				s.dateline = true
			}
		}
	}
	// The story's state: the one region with clear support.
	home := gazetteer.NoRef
	for a1, s := range support {
		if !s.clear() {
			continue
		}
		if home != gazetteer.NoRef {
			return // two states with clear support: a story of several
		}
		home = a1
	}
	if home == gazetteer.NoRef {
		for a1, s := range support {
			if !s.city {
				continue
			}
			if home != gazetteer.NoRef {
				return
			}
			home = a1
		}
	}
	if home == gazetteer.NoRef {
		return
	}
	for a1, s := range support {
		if a1 == home || s.names != 1 {
			continue
		}
		g := s.groups[0]
		if r.standsAlone(gp[g].ref) || r.nearOther(gp, g) {
			continue
		}
		for _, m := range st.group[g] {
			c := &st.cands[m]
			if c.dropped || c.best == gazetteer.NoRef || r.g.Info(c.best).CC != localCountry || c.adjective || c.parent >= 0 || c.viaParent || r.inRegionAfter(st, st.text, c) {
				continue
			}
			alt, altPop := gazetteer.NoRef, -1
			for _, ref := range c.refs {
				ri := r.g.Info(ref)
				if ri.Admin1 != home || ri.Class != 'P' && ri.Code != "ADM2" {
					continue
				}
				if ri.Population > altPop {
					alt, altPop = ref, ri.Population
				}
			}
			if alt != gazetteer.NoRef {
				c.best = alt
			} else {
				c.dropped = true
			}
		}
	}
}

// standsAlone reports whether ref is a place the wire style names without
// its state: a state, a state capital, a city of 250,000.
func (r *Resolver) standsAlone(ref gazetteer.Ref) bool {
	in := r.g.Info(ref)
	switch in.Code {
	case "ADM1", "PPLA", "PPLC", "PCLI":
		return true
	}
	return in.Class == 'P' && in.Population >= standAlonePop
}

// datelineSure reports whether dateline candidate c is placed by more
// than its name: a state after it ("RENO, Nev."), a name that stands
// alone ("CHICAGO —"), or a name with one feature only. A small town's
// name in capitals has homonyms in many states ("HOMEWOOD (KDKA) –").
func (r *Resolver) datelineSure(st *state, c *cand) bool {
	if r.standsAlone(c.best) || len(c.refs) == 1 {
		return true
	}
	for k := range st.cands {
		p := &st.cands[k]
		if !p.dropped && p.best != gazetteer.NoRef && p.start >= c.end && p.start-c.end <= 2 && r.g.Code(p.best) == "ADM1" {
			return true
		}
	}
	return false
}

// told returns how many mentions of name group g resolve to ref.
func (st *state) told(g int, ref gazetteer.Ref) int {
	n := 0
	for _, m := range st.group[g] {
		if c := &st.cands[m]; !c.dropped && c.best == ref {
			n++
		}
	}
	return n
}

// qualifier reports whether candidate c follows a comma after a
// capitalised word: the state that places the name before it ("visiting
// from Fort Riley, Kan."), which the style writes for a place outside
// the story's state; it says nothing of where the story is.
func (st *state) qualifier(c *cand) bool {
	return c.i >= 2 && st.text[st.toks[c.i-1].start:st.toks[c.i-1].end] == "," && st.toks[c.i-2].upper
}

// groupPlace is the place of a name group's surest mention in the
// focus country and its first-level region.
type groupPlace struct {
	ref  gazetteer.Ref
	a1   gazetteer.Ref
	conf float64
}

// nearOther reports whether group g's place lies within acrossLineKm of
// the place of another group of the story (a place, not a region).
func (r *Resolver) nearOther(gp []groupPlace, g int) bool {
	in := r.g.Info(gp[g].ref)
	for x := range gp {
		if x == g || gp[x].ref == gazetteer.NoRef {
			continue
		}
		o := r.g.Info(gp[x].ref)
		if o.Class != 'P' && o.Code != "ADM2" {
			continue
		}
		if within(in.Lat, in.Lon, o.Lat, o.Lon, acrossLineKm) {
			return true
		}
	}
	return false
}

// countyHomonyms resolves a town's name that several places share to the
// one in a county the story names ("Clinton Township ... the Macomb County
// prosecutor"): a story that names a county expects its towns, as one
// that names a state expects the state's (namesRegion). A name its phrase
// places ("X, Ohio") keeps its place.
func (r *Resolver) countyHomonyms(st *state) {
	var counties []gazetteer.Ref
	for k := range st.cands {
		c := &st.cands[k]
		if !c.dropped && !c.adjective && c.best != gazetteer.NoRef && r.g.Code(c.best) == "ADM2" && !slices.Contains(counties, c.best) {
			counties = append(counties, c.best)
		}
	}
	if len(counties) == 0 {
		return
	}
	for k := range st.cands {
		c := &st.cands[k]
		if c.dropped || c.best == gazetteer.NoRef || c.adjective || c.parent >= 0 || c.viaParent || len(c.refs) < 2 && c.want == "" || r.g.Class(c.best) != 'P' {
			continue
		}
		if slices.Contains(counties, r.g.Info(c.best).Admin2) || r.inRegionAfter(st, st.text, c) {
			continue
		}
		// The features of the name, and of the whole phrase when a
		// suffix was read off it ("Clinton Township": the township
		// itself may be a feature).
		refs := c.refs
		if c.want != "" {
			st.key = gazetteer.AppendKey(st.key[:0], st.text[c.start:c.end])
			refs = r.g.AppendRefs(slices.Clip(refs), st.key)
		}
		alt, n := gazetteer.NoRef, 0
		for _, ref := range refs {
			if in := r.g.Info(ref); in.Class == 'P' && slices.Contains(counties, in.Admin2) && ref != alt {
				alt, n = ref, n+1
			}
		}
		if n == 1 {
			c.best = alt
		}
	}
}
