package place

import (
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// patterns applies the phrase patterns of news to the candidates: suffixes
// ("Balkh province"), directions ("northern Faryab"), nearness ("near
// Kabul"), containment ("X district of Y", "X, Y", "Y's X", "X, the capital
// of Y"), numbered city districts ("the 5th and 8th districts of Balkh",
// "PD 12 of Kabul") and unknown parts of known places ("Sakhi Abad village
// of Shiberghan").
func (r *Resolver) patterns(st *state, text string) {
	tw := func(i int) string {
		if i < 0 || i >= len(st.toks) {
			return ""
		}
		return text[st.toks[i].start:st.toks[i].end]
	}
	is := func(i int, words ...string) bool {
		w := tw(i)
		for _, x := range words {
			if strings.EqualFold(w, x) {
				return true
			}
		}
		return false
	}
	startAt := make(map[int]int, len(st.cands)) // first token -> candidate
	for k := range st.cands {
		if _, ok := startAt[st.cands[k].i]; !ok {
			startAt[st.cands[k].i] = k
		}
	}
	candAt := func(i int) int {
		if i >= 0 && i < len(st.toks) && st.toks[i].class&wDir != 0 {
			i++ // "in northeast Missouri"
		}
		if k, ok := startAt[i]; ok && !st.cands[k].adjective {
			return k
		}
		return -1
	}
	for k := range st.cands {
		c := &st.cands[k]
		if c.adjective || c.start != st.toks[c.i].start {
			continue // demonyms and parts of hyphenated words
		}
		j := c.j
		// Suffix: "Balkh province", "Kabul city", "X village".
		if j < len(st.toks) {
			switch cl := st.toks[j].class; {
			case cl&wAdm1 != 0:
				c.want, c.end, j = "ADM1", st.toks[j].end, j+1
				r.addSeatRegion(st, c)
			case cl&wAdm2 != 0:
				c.want, c.end, j = "ADM2", st.toks[j].end, j+1
			case cl&wCity != 0:
				c.want, c.end, j = "P", st.toks[j].end, j+1
			case cl&wSub != 0:
				c.want, c.end, j = "P", st.toks[j].end, j+1
			}
		}
		// "Kabul city PD 9", "Kandahar District 6": a numbered police
		// district or zone written after its city's name is a part of
		// the city (ACLED's precision 2), as "PD 12 of Kabul" is.
		if (c.want == "P" || c.want == "") && j+1 < len(st.toks) && st.toks[j+1].kind == segment.Number &&
			is(j, "PD", "District", "Nahia", "Zone", "Sector", "Precinct") && candAt(j) < 0 {
			c.end, c.near, j = st.toks[j+1].end, true, j+2
		}
		// Direction: "northern Faryab".
		if p := c.i - 1; p >= 0 && st.toks[p].class&wDir != 0 {
			c.start = st.toks[p].start
			if c.want != "ADM1" && c.want != "ADM2" {
				c.near = true
			}
		}
		// Nearness: "near X", "outside X", "the outskirts of X", "north of X".
		p := c.i - 1
		if is(p, "the") {
			p--
		}
		if is(p, "of", "to", "from") && (st.toks[max(p-1, 0)].class&wNear != 0 || is(p-1, "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "km", "kilometres", "kilometers", "miles")) {
			c.near = true
		} else if p >= 0 && st.toks[p].class&wNear != 0 && !st.toks[p].upper {
			c.near = true
		}
		// "X-based": the token runs on past the name.
		// Containment: "X district of Y", "X in Y", "X, Y".
		if is(j, "of", "in") || (is(j, ",") && !is(j+1, "the")) {
			d := candAt(j + 1)
			if d < 0 {
				// "Abay village, Chahar Bolak district, Balkh province":
				// a described name the gazetteer lacks stands between a
				// place and the region that holds both.
				if e := st.describedEnd(text, j+1); e > j+1 && (is(e, ",") || is(e, "of", "in")) {
					d = candAt(e + 1)
				}
			}
			if d >= 0 {
				// "Iraq, Iran, and Syria" is a list, not Iraq in Iran.
				e := st.cands[d].j
				list := is(j, ",") && (is(e, "and", "or", "&") || (is(e, ",") && (candAt(e+1) >= 0 || is(e+1, "and", "or"))) || is(j-2, ",") && c.i >= 2)
				if !list {
					c.parent = d
					c.linkOf = !is(j, ",")
				}
			}
		}
		// "Edmonton, south of Cairns", "X, 30 km north of Y".
		if is(j, ",") {
			q := j + 1
			if q < len(st.toks) && st.toks[q].kind == segment.Number {
				q += 2 // "30 km"
			}
			if is(q, "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west", "outside", "near") {
				if is(q+1, "of") {
					q++
				}
				if d := candAt(q + 1); d >= 0 {
					c.parent = d
				}
			}
		}
		// "X, the capital of Y", "X, the provincial capital of Y".
		if is(j, ",") && is(j+1, "the") {
			q := j + 2
			for q < len(st.toks) && q < j+5 && !is(q, "capital") {
				q++
			}
			if is(q, "capital") && is(q+1, "of") {
				q += 2
				// "capital of Afghanistan's northern Jawzjan province"
				if d := candAt(q); d >= 0 {
					if is(st.cands[d].j, "'s", "’s") {
						if d2 := candAt(st.cands[d].j + 1); d2 >= 0 {
							d = d2
						} else if d2 := candAt(st.cands[d].j + 2); d2 >= 0 && st.toks[st.cands[d].j+1].class&wDir != 0 {
							d = d2
						}
					}
					c.parent, c.capitalOf = d, true
				} else if d := candAt(q + 1); d >= 0 && st.toks[q].class&wDir != 0 {
					c.parent, c.capitalOf = d, true
				}
			}
		}
		// "Afghanistan's northern Jawzjan province": Y's X.
		if is(j, "'s", "’s") {
			q := j + 1
			if q < len(st.toks) && st.toks[q].class&wDir != 0 {
				q++
			}
			if d := candAt(q); d >= 0 && st.cands[d].parent < 0 {
				st.cands[d].parent = k
				st.cands[d].linkOf = true
			}
		}
	}
	// Numbered districts and unknown parts: these extend a candidate
	// leftwards over words that are not in the gazetteer.
	st.markCovered()
	for k := range st.cands {
		c := &st.cands[k]
		if c.adjective {
			continue
		}
		q := c.i - 1
		if is(q, ",") {
			r.cityPart(st, text, c)
			continue
		}
		if !is(q, "of", "in") {
			continue
		}
		q--
		switch {
		case q >= 0 && st.toks[q].class&(wAdm2|wSub) != 0 && (is(q, "districts", "district") || true):
			// "the 5th, 8th and 10th districts of Balkh"
			s := q - 1
			first := -1
			for s >= 0 && (isOrdinal(tw(s)) || is(s, ",", "and", "&")) {
				if isOrdinal(tw(s)) {
					first = s
				}
				s--
			}
			if first >= 0 && st.toks[q].class&wAdm2 != 0 {
				c.start, c.useSeat, c.near, c.viaParent = st.toks[first].start, true, true, true
				if is(first-1, "the") {
					c.start = st.toks[first-1].start
				}
				continue
			}
			// "Sakhi Abad village of Shiberghan": capitalised words
			// before the suffix that are no candidate of their own.
			s = q - 1
			u := -1
			for s >= 0 && q-s <= 4 && st.toks[s].kind == segment.Word && st.toks[s].upper && st.toks[s].class&(wStop|wTitle) == 0 {
				u = s
				s--
			}
			if u >= 0 && !r.coveredBy(st, u, q) && st.toks[q].class&wSub != 0 {
				c.start, c.near, c.viaParent = st.toks[u].start, true, true
			}

		case q >= 1 && st.toks[q].kind == segment.Number && (is(q-1, "PD", "District", "Nahia", "Zone", "Sector", "Precinct") || (is(q-1, "district") && is(q-2, "police", "Police"))):
			// "PD 12 of Kabul", "District 12 of Kabul", "police district 12 of Kabul"
			if !r.coveredBy(st, q-1, q+1) {
				c.start, c.near, c.viaParent = st.toks[q-1].start, true, true
				if is(q-2, "police", "Police") {
					c.start = st.toks[q-2].start
				}
			}
		}
	}
	// Lists: "Arizona, California, Colorado and Georgia" are of a kind.
	for k := range st.cands {
		st.cands[k].list = -1
	}
	for k := 1; k < len(st.cands); k++ {
		a, b := &st.cands[k-1], &st.cands[k]
		if a.adjective || b.adjective || b.i <= a.j {
			continue
		}
		ok := b.i-a.j <= 2
		for q := a.j; q < b.i && ok; q++ {
			ok = is(q, ",", "and", "or", "&")
		}
		if ok && b.i > a.j {
			if a.list < 0 {
				a.list = k - 1
			}
			b.list = a.list
		}
	}
	// A part whose parent is known takes the place of the parent's own
	// phrase: drop candidates swallowed by an extension.
	st.dropSwallowed()
}

// dropSwallowed drops the candidates that lie inside an extended
// candidate's phrase (a viaParent one) without being all of it.
func (st *state) dropSwallowed() {
	st.byStart = st.byStart[:0]
	for k := range st.cands {
		st.byStart = append(st.byStart, k)
	}
	slices.SortStableFunc(st.byStart, func(a, b int) int { return st.cands[a].start - st.cands[b].start })
	for k := range st.cands {
		c := &st.cands[k]
		if !c.viaParent {
			continue
		}
		// Candidates starting inside c's phrase: a few tokens.
		x, _ := slices.BinarySearchFunc(st.byStart, c.start, func(m, start int) int { return st.cands[m].start - start })
		for ; x < len(st.byStart) && st.cands[st.byStart[x]].start < c.end; x++ {
			m := st.byStart[x]
			if m != k && !st.cands[m].dropped && st.cands[m].end <= c.end &&
				(st.cands[m].start > c.start || st.cands[m].end < c.end) {
				st.cands[m].dropped = true
			}
		}
	}
}

// markCovered records, per token, how many candidates cover it: after it,
// coveredSum[t] counts the covered tokens before token t.
func (st *state) markCovered() {
	n := len(st.toks)
	if cap(st.coveredSum) < n+1 {
		st.coveredSum = make([]int32, n+1)
	}
	sum := st.coveredSum[:n+1]
	st.coveredSum = sum
	clear(sum)
	// A difference array, whose prefix sums count the candidates that
	// span each token, turned in place into the count of covered tokens
	// before each (one array of a long text's length, not two).
	for _, c := range st.cands {
		sum[c.i]++
		sum[c.j]--
	}
	var spanning, covered int32
	for t := range n {
		spanning += sum[t]
		sum[t] = covered
		if spanning > 0 {
			covered++
		}
	}
	sum[n] = covered
}

// coveredBy reports whether some candidate covers a token in [i, j)
// (after markCovered).
func (r *Resolver) coveredBy(st *state, i, j int) bool {
	i, j = max(i, 0), min(j, len(st.toks))
	return i < j && st.coveredSum[j] > st.coveredSum[i]
}

// isOrdinal reports whether w is "5th", "1st", "22nd", "3rd", or an
// ordinal word.
func isOrdinal(w string) bool {
	lw := strings.ToLower(w)
	switch lw {
	case "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
		"nineteenth", "twentieth", "twenty-first", "twenty-second":
		return true
	}
	n := 0
	for n < len(lw) && lw[n] >= '0' && lw[n] <= '9' {
		n++
	}
	if n == 0 {
		return false
	}
	switch lw[n:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// addSeatRegion adds to c's features the first-level region named after a
// seat among them, whose bare name the gazetteer leaves to the seat:
// "Volgograd region" is the region of Volgograd.
func (r *Resolver) addSeatRegion(st *state, c *cand) {
	for _, ref := range c.refs {
		if in := r.g.Info(ref); in.Code == "ADM1" || in.Code == "ADM1H" {
			return
		}
	}
	n := len(c.refs)
	for x := 0; x < n; x++ {
		ref := c.refs[x]
		a1 := r.g.Info(ref).Admin1
		if a1 < 0 || r.g.Info(a1).Seat != ref || gazetteer.Fold(r.g.Name(a1)) != gazetteer.Fold(r.g.Name(ref)) {
			continue
		}
		refs := append(st.refs, c.refs...)
		c.refs = st.keep(append(refs, a1))
		c.base = nil
		return
	}
}

// cityPart extends candidate c, a city, over a name the gazetteer lacks
// written before it with a comma after a preposition of place: "in
// Karrada, Baghdad", "at Balintawak, Quezon City". News names a
// neighbourhood or a suburb so, by its city: a part of the city (ACLED's
// precision 2), as "Sakhi Abad village of Shiberghan" is.
func (r *Resolver) cityPart(st *state, text string, c *cand) {
	comma := c.i - 1
	if comma < 2 || r.hasCode(c.refs, "PCLI") {
		return // "Pailin, Cambodia": the comma names a country
	}
	city := false // a city of 100,000 or a seat of a region ("Holliday, Missouri" names a state: commaPart)
	for _, ref := range c.refs {
		switch code := r.g.Code(ref); {
		case r.g.Class(ref) != 'P':
		case code == "PPLC", code == "PPLA", r.g.Population(ref) >= 100_000:
			city = true
		}
	}
	if !city {
		return
	}
	// The name: one to three capitalised words, none of which steers
	// recognition, right before the comma.
	u := -1
	for s := comma - 1; s >= 0 && comma-s <= 3; s-- {
		t := &st.toks[s]
		if t.kind != segment.Word || !t.upper || t.caps || t.sentStart || t.class&(wStop|wTitle|wOrg|wCommon|wPerson|wFeat|wAgency|wDir|wCue|wNear|wAdm1|wAdm2|wCity|wSub|wStreet) != 0 {
			break
		}
		if s+1 < comma && st.toks[s+1].start-t.end > 1 {
			break
		}
		u = s
	}
	if u < 1 || r.coveredBy(st, u, comma) || r.given[string(st.tkey(u))] {
		return
	}
	p := &st.toks[u-1]
	if p.kind != segment.Word || p.upper || p.class&(wCue|wNear) == 0 {
		return
	}
	c.start, c.near, c.viaParent = st.toks[u].start, true, true
}
