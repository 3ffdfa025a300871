package place

import (
	"math"
	"slices"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// Resolution: the radius of "near another place of the document", and
// the passes that feed the choices back as context. The weights of the
// score are the ranker's (rank.go).
const (
	nearbyKm      = 150.0
	contextPasses = 2
)

// resolve picks each candidate's feature, in passes that feed the choices
// back as context.
func (r *Resolver) resolve(st *state) {
	cands := st.cands
	// Group the candidates by name.
	st.groupOf = st.groupOf[:0]
	st.group = st.group[:0]
	if st.ids == nil {
		st.ids = map[string]int{}
	}
	clear(st.ids)
	for k := range cands {
		c := &cands[k]
		key := st.keys[st.toks[c.i].k0:st.toks[c.j-1].k1]
		if c.start > st.toks[c.i].start || c.end < st.toks[c.j-1].end {
			// A part of a hyphenated word ("Middlesex-London"): the
			// part as written. A phrase around the name ("Athens
			// County", "northern Faryab") keeps the name's group: one
			// name's mentions do not vouch for each other.
			st.key = gazetteer.AppendKey(st.key[:0], st.text[c.start:c.end])
			key = st.key
		}
		g, ok := 0, false
		if c.adjective {
			g = len(st.group) // a group of its own
		} else if g, ok = st.ids[string(key)]; !ok {
			g = len(st.group)
			st.ids[string(key)] = g
		}
		if g == len(st.group) {
			if cap(st.group) > g {
				st.group = st.group[:g+1]
				st.group[g] = st.group[g][:0]
			} else {
				st.group = append(st.group, nil)
			}
		}
		st.groupOf = append(st.groupOf, g)
		st.group[g] = append(st.group[g], k)
	}
	for k := range cands {
		if c := &cands[k]; c.loose && c.parent < 0 {
			c.dropped = true
		}
	}
	// Pass 0: the prior alone (with the phrase's wanted kind).
	for k := range cands {
		c := &cands[k]
		if c.dropped {
			continue
		}
		if len(c.refs) > 1 {
			c.fold = gazetteer.Fold(st.text[st.toks[c.i].start:st.toks[c.j-1].end])
		}
		c.best, c.conf = r.pick(st, k, nil)
	}
	for pass := 0; pass < contextPasses; pass++ {
		ctx := r.context(st)
		r.anchors(st)
		st.countLists()
		st.record = st.recording && pass == contextPasses-1
		if st.record {
			st.examples = st.examples[:0]
		}
		// Parents first: a part's choice depends on its parent's.
		st.order = st.order[:0]
		for k := range cands {
			if !cands[k].dropped && cands[k].parent < 0 {
				st.order = append(st.order, k)
			}
		}
		for k := range cands {
			if !cands[k].dropped && cands[k].parent >= 0 {
				st.order = append(st.order, k)
			}
		}
		for _, k := range st.order {
			ref, conf := r.pick(st, k, ctx)
			st.setBest(k, ref, conf)
		}
		r.oneSense(st)
	}
	st.record = false
	r.dropStrayFuzzy(st) // before a part is placed in a stray region
	if r.commaParts(st) {
		r.context(st) // the focus reads the parts' new places
	}
	r.dropForeign(st)
	if !r.noRefocus {
		r.refocus(st)
	}
	r.dropOutOfFocus(st)
	if !r.noRefocus {
		r.dropOutOfState(st)
		r.countyHomonyms(st)
	}
	// A part that lies in none of its parent's features is an unknown
	// place inside the parent: "Sakhi Abad village of Shiberghan".
	// Parents first: in "X village, Y district, Z province" Y is placed
	// in Z before X in Y.
	for k := len(cands) - 1; k >= 0; k-- {
		c := &cands[k]
		if c.dropped || c.parent < 0 || c.adjective || c.capitalOf {
			continue
		}
		p := &cands[c.parent]
		if p.dropped || p.best == gazetteer.NoRef {
			continue
		}
		if p.want == "" && c.linkOf {
			// "Andar district of Ghazni": the province, not the town.
			p.best = r.districtRegion(c, p.best)
		}
		if c.best != gazetteer.NoRef && r.inside(c.best, p.best) {
			continue
		}
		// A place described by its kind and its region ("Tarin Kowt
		// district, Uruzgan province", "Abay village, Malistan district")
		// lies in that region: a spelling of the name there is the
		// place, and failing one the place is an unknown one of the
		// region, however well known a homonym elsewhere.
		// ("the Cincinnati suburb of West Chester" names the suburb after
		// "of": a well-known place before "of" and a bare name after it
		// are read the other way.)
		region := p.best
		if c.want != "" && r.g.Class(region) == 'A' && !r.hasCode(c.refs, "PCLI") && (!c.linkOf || p.want != "" || !c.strong) {
			if cr, pr, ok := r.insidePair(c.refs, p.refs, p.best); ok && !c.viaParent {
				c.best, p.best = cr, pr
				continue
			}
			if c.strong && p.fuzzy && !p.viaParent {
				goto linked // a well-known place: the region may be misread
			}
			name := st.text[st.toks[c.i].start:st.toks[c.j-1].end]
			if ref := r.skeletonIn(name, c.want, region); ref != gazetteer.NoRef {
				c.best = ref
				continue
			}
			// A district the gazetteer lacks is placed at its seat, a
			// town of its name in the region ("Sholgara district,
			// Balkh province": Sholgara), near it.
			if c.want == "ADM2" {
				if ref := r.skeletonIn(name, "P", region); ref != gazetteer.NoRef {
					c.best, c.near = ref, true
					continue
				}
			}
			c.best, c.conf = region, p.conf*0.9
			c.near, c.viaParent = true, true
			if c.linkOf {
				c.start, c.end = min(c.start, p.start), max(c.end, p.end)
				p.dropped = true
			}
			continue
		}
	linked:
		if !c.linkOf {
			// "Holliday, Missouri", "Hamilton Township, New Jersey": a
			// name after which a comma names the state it lies in, with
			// no feature there, is an unknown place of that state (the
			// comma puts it there even when the name is a city's
			// elsewhere). "Dorchester, Boston police said": a weak name
			// after which a comma names a city, with no feature in it,
			// is a part of the city (a neighbourhood).
			r.commaPart(st, k)
			continue
		}
		{
			// "the Southwest state of Somalia": a region the phrase
			// asks for that is not the parent's is an unknown one of it.
			if !c.strong || c.want != "" && r.g.Class(p.best) == 'A' && c.best != gazetteer.NoRef && r.foreignRegion(c.best, p.best) {
				c.best, c.conf = p.best, p.conf*0.9
				c.start, c.end = min(c.start, p.start), max(c.end, p.end)
				c.near, c.viaParent = true, true
				p.dropped = true
			}
		}
	}
}

// commaPart resolves candidate k, which a comma links to its parent, to
// the parent when none of its features lies in it and the parent is a
// first-level region, or a city of a country k has a feature in and k is
// weak: "Holliday, Missouri",
// "Hamilton Township, New Jersey" (the comma puts it there even when the
// name is a city's elsewhere), "Dorchester, Boston police said" (a part of
// the city: a neighbourhood). It reports whether k changed.
func (r *Resolver) commaPart(st *state, k int) bool {
	c := &st.cands[k]
	if c.dropped || c.parent < 0 || c.adjective || c.capitalOf || c.linkOf || c.viaParent {
		return false
	}
	p := &st.cands[c.parent]
	if p.dropped || p.best == gazetteer.NoRef {
		return false
	}
	pi := r.g.Info(p.best)
	region := pi.Code == "ADM1"
	city := pi.Class == 'P' && !c.strong && p.parent < 0 && r.anyInside(c.refs, r.g.CountryRef(pi.CC))
	if !region && !city || r.anyInside(c.refs, p.best) {
		return false
	}
	c.best, c.conf = p.best, p.conf*0.9
	c.near, c.viaParent = true, true
	return true
}

// commaParts applies commaPart to every candidate, and gives the other
// mentions of a name that became a part of a city the same place
// ("Two shot in Dorchester ... in Dorchester, Boston police said"). It
// reports whether anything changed.
func (r *Resolver) commaParts(st *state) bool {
	changed := false
	for k := range st.cands {
		if !r.commaPart(st, k) {
			continue
		}
		changed = true
		c := &st.cands[k]
		if r.g.Class(c.best) != 'P' {
			continue
		}
		for _, m := range st.group[st.groupOf[k]] {
			o := &st.cands[m]
			if m == k || o.dropped || o.parent >= 0 || o.adjective || o.want != "" || o.strong || o.best == c.best {
				continue
			}
			o.best, o.conf = c.best, c.conf
			o.near, o.viaParent = true, true
		}
	}
	return changed
}

// anyInside reports whether a feature of refs lies in feature b.
func (r *Resolver) anyInside(refs []gazetteer.Ref, b gazetteer.Ref) bool {
	for _, ref := range refs {
		if r.inside(ref, b) {
			return true
		}
	}
	return false
}

// districtRegion returns the region a district lies in when its phrase
// names parent: a second-level district is part of a province, not of a
// town, so "Andar district of Ghazni" names the province whose seat
// Ghazni is when Andar is a district of it. A district of a city that is
// none ("the Karrada district of Baghdad") stays in the city.
func (r *Resolver) districtRegion(c *cand, parent gazetteer.Ref) gazetteer.Ref {
	if c.want != "ADM2" || r.g.Class(parent) != 'P' {
		return parent
	}
	a1 := r.g.Info(parent).Admin1
	if a1 == gazetteer.NoRef || r.g.Info(a1).Seat != parent {
		return parent
	}
	for _, ref := range c.refs {
		if in := r.g.Info(ref); in.Code == "ADM2" && in.Admin1 == a1 {
			return a1
		}
	}
	return parent
}

// insidePair returns a feature of refs inside one of parents, preferring
// the parent best: a part and its region read together.
func (r *Resolver) insidePair(refs, parents []gazetteer.Ref, best gazetteer.Ref) (gazetteer.Ref, gazetteer.Ref, bool) {
	for _, cr := range refs {
		if r.inside(cr, best) {
			return cr, best, true
		}
	}
	for _, pr := range parents {
		for _, cr := range refs {
			if r.inside(cr, pr) {
				return cr, pr, true
			}
		}
	}
	return gazetteer.NoRef, gazetteer.NoRef, false
}

// foreignRegion reports whether a is a first- or second-level region of
// another country than b's.
func (r *Resolver) foreignRegion(a, b gazetteer.Ref) bool {
	ia, ib := r.g.Info(a), r.g.Info(b)
	return (ia.Code == "ADM1" || ia.Code == "ADM2" || ia.Code == "ADM1H") && ia.CC != "" && ib.CC != "" && ia.CC != ib.CC
}

// dropForeign drops the weak mentions that put a place in a country the
// rest of the document does not name while it names another: a name
// used as an adjective ("a Tikri official's car" in a report from Iraq
// is not Tikri, India), or a name that is only an alternate or a
// sound-alike of its feature ("Hessi" is not Hesse in a report on Anbar).
func (r *Resolver) dropForeign(st *state) {
	ctx := &st.ctx
	if ctx.main == "" {
		return
	}
	for k := range st.cands {
		c := &st.cands[k]
		if c.dropped || c.best == gazetteer.NoRef || c.adjective || c.parent >= 0 || c.viaParent {
			continue
		}
		weak := c.attrib
		if !weak && !c.cued {
			fold := c.fold
			if fold == "" {
				fold = gazetteer.Fold(st.text[st.toks[c.i].start:st.toks[c.j-1].end])
			}
			in := r.g.Info(c.best)
			weak = !r.ownName(c.best, fold) && in.Code != "PCLI" && in.Class != 'L' && !r.g.IsCountryName(fold)
		}
		if !weak {
			continue
		}
		cc := r.g.Info(c.best).CC
		if cc == "" {
			continue // a world region or a landmark
		}
		gc := st.own(ctx, st.groupOf[k])
		own, other := 0.0, 0.0
		for _, o := range gc.ownCC {
			if o.cc == cc {
				own = o.w
			}
		}
		for x, w := range ctx.cc {
			if x != cc && x != "" {
				other = math.Max(other, w)
			}
		}
		if ctx.cc[cc]-own < 0.3 && other >= 1 {
			c.dropped = true
		}
	}
}

// oneSense gives every mention of a name the sense of the mention that
// its phrase puts in a region ("COLUMBIA, Ky." fixes the later
// "Columbia"), else of its most confident mention, unless the mention has
// a parent or a wanted kind of its own.
func (r *Resolver) oneSense(st *state) {
	for _, members := range st.group {
		if len(members) < 2 {
			continue
		}
		// The lead is a mention its phrase places ("FRANKLIN, La.",
		// "Paris, Texas": in the region after the comma), else the
		// most confident.
		lead, placed := -1, false
		for _, m := range members {
			c := &st.cands[m]
			if c.dropped || c.best == gazetteer.NoRef {
				continue
			}
			p := c.parent >= 0 && !st.cands[c.parent].dropped && st.cands[c.parent].best != gazetteer.NoRef &&
				r.g.Code(st.cands[c.parent].best) == "ADM1" && r.inside(c.best, st.cands[c.parent].best)
			if lead < 0 || p && !placed || p == placed && c.conf > st.cands[lead].conf {
				lead, placed = m, p
			}
		}
		if lead < 0 {
			continue
		}
		l := &st.cands[lead]
		for _, m := range members {
			c := &st.cands[m]
			// A bare name takes the sense of its phrase that asks for a
			// town ("Hamilton Township ... Hamilton police"), not of
			// one that asks for a region ("Balkh province ... Balkh").
			if m == lead || c.dropped || c.parent >= 0 || c.want != l.want && !(c.want == "" && l.want == "P") || c.best == l.best {
				continue
			}
			if slices.Contains(c.refs, l.best) {
				c.best, c.conf = l.best, l.conf
			}
		}
	}
}

// docContext is what the document says about where it is.
type docContext struct {
	cc     map[string]float64        // country code -> weight of mentions
	admin1 map[gazetteer.Ref]float64 // region -> weight of mentions of it and of places in it
	named  map[gazetteer.Ref]float64 // region -> weight of mentions of it by name
	points []point                   // chosen points of confident mentions, one per name and feature
	grid   map[int][]int32           // cell -> indexes of points, when there are many
	own    []contribution            // per candidate: what it added
	main   string                    // the country named most
}

// contribution is what one candidate added to the context, so that it can
// be left out when that candidate is scored.
type contribution struct {
	cc  string
	w   float64
	a1  gazetteer.Ref
	wa1 float64
}

type point struct {
	lat, lon float64
	cand     int
}

func (r *Resolver) context(st *state) *docContext {
	ctx := &st.ctx
	if ctx.cc == nil {
		ctx.cc, ctx.admin1, ctx.named = map[string]float64{}, map[gazetteer.Ref]float64{}, map[gazetteer.Ref]float64{}
	}
	clear(ctx.cc)
	clear(ctx.admin1)
	clear(ctx.named)
	ctx.points, ctx.grid, ctx.main = ctx.points[:0], nil, ""
	if cap(ctx.own) < len(st.cands) {
		ctx.own = make([]contribution, len(st.cands))
	}
	ctx.own = ctx.own[:len(st.cands)]
	clear(ctx.own)
	if st.seenPoint == nil {
		st.seenPoint = map[pointKey]bool{}
	}
	clear(st.seenPoint)
	st.resetGroupCache()
	for k, c := range st.cands {
		ctx.own[k].a1 = gazetteer.NoRef
		if c.dropped || c.best == gazetteer.NoRef {
			continue
		}
		_ = k
		in := r.g.Info(c.best)
		w := c.conf
		if c.adjective {
			w *= 0.5
		}
		if in.CC != "" {
			ctx.cc[in.CC] += w
			ctx.own[k].cc, ctx.own[k].w = in.CC, w
		}
		switch {
		case in.Code == "ADM1":
			ctx.admin1[c.best] += w
			ctx.named[c.best] += w
			ctx.own[k].a1, ctx.own[k].wa1 = c.best, w
		case in.Admin1 >= 0:
			ctx.admin1[in.Admin1] += w * 0.5
			ctx.own[k].a1, ctx.own[k].wa1 = in.Admin1, w*0.5
		}
		if !c.adjective && in.Class == 'P' && c.conf >= 0.6 {
			// One point per name and feature: the nearby test asks
			// only whether another name lies near.
			pk := pointKey{st.groupOf[k], c.best}
			if !st.seenPoint[pk] {
				st.seenPoint[pk] = true
				ctx.points = append(ctx.points, point{in.Lat, in.Lon, k})
			}
		}
	}
	ctx.index(st)
	best := 0.0
	for cc, w := range ctx.cc {
		if w > best || (w == best && cc < ctx.main) {
			ctx.main, best = cc, w
		}
	}
	return ctx
}

// pick scores the features of c and returns the best with a confidence.
func (r *Resolver) pick(st *state, self int, ctx *docContext) (gazetteer.Ref, float64) {
	c := &st.cands[self]
	if len(c.refs) == 0 {
		return gazetteer.NoRef, 0
	}
	best, second := math.Inf(-1), math.Inf(-1)
	bestRef := gazetteer.NoRef
	var parent gazetteer.Ref = gazetteer.NoRef
	if c.parent >= 0 && !st.cands[c.parent].dropped {
		parent = st.cands[c.parent].best
	}
	if len(c.base) != len(c.refs) {
		n := len(st.bases)
		st.bases = r.baseScores(c, st.bases)
		c.base = st.bases[n:len(st.bases):len(st.bases)]
	}
	var ctxTerms [][nCtx]float64
	if ctx != nil {
		ctxTerms = r.contextTerms(st, ctx, self)
	}
	var ex *Example
	if st.record && ctx != nil && len(c.refs) > 1 {
		st.examples = append(st.examples, Example{Start: c.start, End: c.end})
		ex = &st.examples[len(st.examples)-1]
	}
	for x, ref := range c.refs {
		in := r.g.Info(ref)
		s := c.base[x]
		var phrase [NumFeatures - nCtxEnd]float64
		if ctx != nil {
			s += dot(r.w[nBase:nCtxEnd], ctxTerms[x][:])
		}
		if c.list >= 0 && ctx != nil {
			// Of the kind of the other items of its list.
			same, total := st.listCount(c.list, in.Code), st.listTotal[c.list]
			if c.best != gazetteer.NoRef && !c.dropped {
				total--
				if r.g.Code(c.best) == in.Code {
					same--
				}
			}
			if same > total-same {
				phrase[fList-nCtxEnd] = 1
			}
		}
		if parent != gazetteer.NoRef {
			if c.capitalOf && r.g.Info(parent).Seat == ref {
				phrase[fCapital-nCtxEnd] = 1
			}
			if r.inside(ref, parent) && (c.linkOf || !r.sameKind(c.refs, parent)) {
				phrase[fContain-nCtxEnd] = 1
			}
		}
		s += dot(r.w[nCtxEnd:], phrase[:])
		if ex != nil {
			var f [NumFeatures]float64
			var bf [nBase]float64
			r.baseFeatures(c, ref, &bf, true)
			copy(f[:nBase], bf[:])
			copy(f[nBase:nCtxEnd], ctxTerms[x][:])
			copy(f[nCtxEnd:], phrase[:])
			ex.Features = append(ex.Features, f)
			ex.Points = append(ex.Points, r.g.Place(ref))
		}
		switch {
		case s > best:
			second, best, bestRef = best, s, ref
		case s > second:
			second = s
		}
	}
	conf := 1.0
	if !math.IsInf(second, -1) {
		conf = 1 / (1 + math.Exp(-(best - second)))
	}
	if !c.strong && !c.cued {
		conf *= 0.8
	}
	if c.adjective {
		conf *= 0.7
	}
	return bestRef, conf
}

// baseScores appends the context-free score of each feature of c: prior,
// spelling, the phrase's wanted kind, seat before region.
func (r *Resolver) baseScores(c *cand, dst []float64) []float64 {
	var f [nBase]float64
	for _, ref := range c.refs {
		r.baseFeatures(c, ref, &f, false)
		dst = append(dst, dot(r.w[:nBase], f[:]))
	}
	return dst
}

// cityOfRegion reports whether refs hold a city of region (whose Info is
// in) that a bare name more likely means: its seat when the seat holds
// half its people, or a city of a million in it under the same name.
func (r *Resolver) cityOfRegion(refs []gazetteer.Ref, region gazetteer.Ref, in gazetteer.Info) bool {
	if in.Seat >= 0 && slices.Contains(refs, in.Seat) && float64(r.g.Population(in.Seat)) >= 0.5*float64(in.Population) {
		return true
	}
	if in.Code != "ADM1" {
		return false
	}
	name := r.g.Name(region)
	for _, x := range refs {
		xi := r.g.Info(x)
		if xi.Class == 'P' && xi.Population >= 1_000_000 && xi.Admin1 == region && r.g.Name(x) == name {
			return true
		}
	}
	return false
}

// sameNameCode reports whether refs hold a feature of code code with the
// name of feature ref.
func (r *Resolver) sameNameCode(refs []gazetteer.Ref, ref gazetteer.Ref, code string) bool {
	name := r.g.Name(ref)
	for _, x := range refs {
		if x != ref && r.g.Code(x) == code && r.g.Name(x) == name {
			return true
		}
	}
	return false
}

// sameKind reports whether some feature of refs has the feature code of
// parent: then "X, Y" more likely lists two of a kind than puts X in Y.
func (r *Resolver) sameKind(refs []gazetteer.Ref, parent gazetteer.Ref) bool {
	code := r.g.Code(parent)
	for _, ref := range refs {
		// A region without people (a parish of Bermuda named
		// Hamilton) makes no peer.
		if r.g.Code(ref) == code && r.g.Population(ref) > 0 {
			return true
		}
	}
	return false
}

// inside reports whether feature a lies in feature b: in its region, or
// near it when b is a place.
func (r *Resolver) inside(a, b gazetteer.Ref) bool {
	if a == b {
		return false
	}
	ia, ib := r.g.Info(a), r.g.Info(b)
	switch {
	case ib.Code == "PCLI":
		return ia.CC == ib.CC
	case ib.Code == "ADM1":
		return ia.Admin1 == b
	case ib.Code == "ADM2":
		return ia.Admin2 == b
	case ib.Class == 'L':
		return distKm(ia.Lat, ia.Lon, ib.Lat, ib.Lon) < 2500
	case ib.Class == 'P':
		return ia.CC == ib.CC && distKm(ia.Lat, ia.Lon, ib.Lat, ib.Lon) < 40
	}
	return false
}

// distKm is the great-circle distance between two points in km.
func distKm(lat1, lon1, lat2, lon2 float64) float64 {
	const earth = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * earth * math.Asin(math.Min(1, math.Sqrt(a)))
}

// within reports whether two points lie within km of each other, with a
// cheap test of the latitudes first.
func within(lat1, lon1, lat2, lon2, km float64) bool {
	if d := (lat1 - lat2) * 111.2; d > km || d < -km {
		return false
	}
	return distKm(lat1, lon1, lat2, lon2) < km
}

// DistanceKm returns the great-circle distance between two points in km.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 { return distKm(lat1, lon1, lat2, lon2) }

// output turns the resolved candidates into Mentions.
func (r *Resolver) output(st *state, text string) []Mention {
	n := 0
	for _, c := range st.cands {
		if !c.dropped && c.best != gazetteer.NoRef {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Mention, 0, n)
	for _, c := range st.cands {
		if c.dropped || c.best == gazetteer.NoRef {
			continue
		}
		ref := c.best
		in := r.g.Info(ref)
		prec := PrecisionPlace
		region := in.Class == 'A' || in.Class == 'L'
		switch {
		case in.Code == "ADM2":
			prec = PrecisionNear
		case region:
			prec = PrecisionRegion
		case c.near || c.viaParent:
			prec = PrecisionNear
		case c.want == "ADM2":
			// A district placed at its seat: the district, not the town.
			prec = PrecisionNear
		}
		if c.useSeat {
			if in.Seat >= 0 {
				ref, region = in.Seat, false
			}
			prec = PrecisionNear
		}
		if !c.adjective && (r.attributiveCountry(st, &c) || r.nounAdjunct(st, &c)) {
			c.adjective = true
		}
		p := r.g.Place(ref)
		m := Mention{Span: sitrep.Span{Start: c.start, End: c.end}, Text: text[c.start:c.end], Name: p.Name, Place: p,
			Precision: prec, Confidence: math.Round(c.conf*1000) / 1000, Adjective: c.adjective, Region: region}
		if c.adjective {
			m.Precision = PrecisionRegion
		}
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b Mention) int { return a.Start - b.Start })
	return out
}
