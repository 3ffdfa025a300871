package event

// Where and when: the places and dates that belong to an event.

import (
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// eventPlaces returns the places of sentence s that belong to the event:
// not those that follow a trigger of a background event ("the attack on
// the governor in Balkh"), nor those inside a speaker ("the police chief of
// Jawzjan said").
func eventPlaces(in *docState, si int, ts []trigger.Trigger, cues []claim.Cue, main *trigger.Trigger) []place.Mention {
	s := in.Sents[si]
	var out []place.Mention
	for _, p := range in.Places.In(si) {
		if p.Start < s.Start || p.End > s.End {
			continue
		}
		owner := -1
		for i := range ts {
			t := &ts[i]
			if t.End <= p.Start && !t.Context() && (owner < 0 || t.End > ts[owner].End) {
				owner = i
			}
		}
		if owner >= 0 && ts[owner].Suppressed != "" && &ts[owner] != main {
			continue
		}
		// A dateline ("NEW DELHI, March 7 (Xinhua) --") says where the
		// report was filed, not where the event happened.
		if dateline(in.Text, p.Start, p.End) || credit(in.Text, p.Start, p.End) {
			continue
		}
		// The site's name after a headline ("... dies - KSLA News 12
		// Shreveport, Louisiana") says where the outlet is, not the
		// event, unless the story names that place too.
		if ss, se := place.SiteSuffix(in.Text); p.Start >= ss && p.End <= se && !namedElsewhere(in, p, ss, se) {
			continue
		}
		inSpeaker := false
		for _, c := range cues {
			if c.HasSpeaker() {
				// Speaker token span to bytes.
				if p.Start >= in.Toks[c.SpeakerFirst].Start && p.End <= in.Toks[c.SpeakerLast-1].End {
					inSpeaker = true
				}
			}
		}
		if inSpeaker {
			continue
		}
		out = append(out, p)
	}
	return out
}

// placeChain returns the run of places around p that follow each other
// closely (", ", " of ", " in ") within one region, or within the country
// the run ends with: "Butkhaak, PD 12 of Kabul city", "near Djibo in
// northern Burkina Faso".
func placeChain(ps []place.Mention, p place.Mention) []place.Mention {
	i := 0
	for i < len(ps) && ps[i].Start != p.Start {
		i++
	}
	if i == len(ps) {
		return []place.Mention{p}
	}
	linked := func(a, b place.Mention) bool {
		if b.Start-a.End > 5 || a.CountryCode != b.CountryCode {
			return false
		}
		// A country named after one of its places holds it.
		return a.Admin1 == b.Admin1 || b.Region && b.Admin1 == "" && !b.Adjective
	}
	lo, hi := i, i
	for lo > 0 && linked(ps[lo-1], ps[lo]) {
		lo--
	}
	for hi+1 < len(ps) && linked(ps[hi], ps[hi+1]) {
		hi++
	}
	return ps[lo : hi+1]
}

// dateline reports whether text[start:end] is a dateline: a place in
// capitals opening a line, followed by a comma, a dash or a bracket.
func dateline(text string, start, end int) bool {
	i := start - 1
	for i >= 0 && (text[i] == ' ' || text[i] == '\t') {
		i--
	}
	if i >= 0 && text[i] != '\n' {
		return false
	}
	letters := 0
	for _, r := range text[start:end] {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	rest := strings.TrimLeft(text[end:], " ")
	for _, p := range []string{",", "—", "–", "-", "("} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// namedElsewhere reports whether the text names p's place outside the
// span [start, end).
func namedElsewhere(in *docState, p place.Mention, start, end int) bool {
	for _, m := range in.Places.All {
		if (m.End <= start || m.Start >= end) && m.ID == p.ID && m.Name == p.Name && m.CountryCode == p.CountryCode {
			return true
		}
	}
	return false
}

// credit reports whether text[start:end] stands alone in brackets, as a
// news agency's credit does: "March 7 (Xinhua) --".
func credit(text string, start, end int) bool {
	return start > 0 && end < len(text) && text[start-1] == '(' && text[end] == ')'
}

func nearestDate(dates []date.Expr, s segment.Sentence, t *trigger.Trigger) (date.Expr, bool) {
	best, bestDist := -1, 0
	for i, de := range dates {
		// The article's own date line dates no event of it.
		if de.Start < s.Start || de.End > s.End || de.Precision > 3 || de.From.IsZero() && !de.Absolute || de.Stamp {
			continue
		}
		dist := de.Start - t.End
		if de.End <= t.Start {
			dist = t.Start - de.End
		}
		if dist < 0 {
			dist = -dist
		}
		if best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return date.Expr{}, false
	}
	return dates[best], true
}

// passive reports whether a verb trigger is in the passive voice ("were
// killed", "have been arrested", "killed by").
func tokenAt(toks []segment.Token, off int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
}

// storyTown returns, for an event placed only at a state or a county
// (p, a first- or second-level region), the place inside that region the
// report is about: of the region's towns and (for a state) counties, the
// one the report names most, at least as often as the region itself (a
// county told three times is not moved to a town told once); a county so
// chosen gives way to its town the report names as often. A local report
// that says "a Texas road rage shooting" and "Houston police said" tells
// a shooting in Houston: the town is the most precise place the text
// gives for it (ACLED's geo_precision 2: near the town, in its region).
// The first told wins a tie of two; a report of three places or more
// keeps the region unless one is told more than every other.
func storyTown(in *docState, p place.Mention) (place.Mention, bool) {
	if p.Adjective || p.FeatureClass != "A" || p.CountryCode == "" || p.Admin1 == "" {
		return place.Mention{}, false
	}
	county := p.FeatureCode == "ADM2"
	if !county && p.FeatureCode != "ADM1" {
		return place.Mention{}, false
	}
	inRegion := func(m place.Mention) bool {
		return !m.Adjective && m.CountryCode == p.CountryCode && m.Admin1 == p.Admin1 && (!county || m.Admin2 == p.Admin2)
	}
	// How often the region itself is told, not counting it where it
	// places the name before it ("Dayton, Ohio").
	self := 0
	for i, m := range in.Places.All {
		if m.Adjective || m.Name != p.Name || m.FeatureCode != p.FeatureCode || m.CountryCode != p.CountryCode {
			continue
		}
		if i > 0 && strings.TrimSpace(in.Text[min(in.Places.All[i-1].End, m.Start):m.Start]) == "," {
			continue
		}
		self++
	}
	t, n, ok := mostTold(in.Places.All, func(m place.Mention) bool {
		return inRegion(m) && (m.FeatureClass == "P" || !county && m.FeatureCode == "ADM2")
	})
	if !ok || n < self {
		return place.Mention{}, false
	}
	if t.FeatureCode == "ADM2" {
		if town, tn, ok := mostTold(in.Places.All, func(m place.Mention) bool {
			return inRegion(m) && m.FeatureClass == "P" && m.Admin2 == t.Admin2
		}); ok && tn >= n {
			return town, true
		}
	}
	return t, true
}

// mostTold returns the place told most often among the mentions that keep
// holds and how often: the first told on a tie of two places; of three or
// more, one told more than every other.
func mostTold(ps []place.Mention, keep func(place.Mention) bool) (place.Mention, int, bool) {
	type told struct {
		first place.Mention
		n     int
	}
	var seen []told
	for _, m := range ps {
		if !keep(m) {
			continue
		}
		i := 0
		for i < len(seen) && (seen[i].first.ID != m.ID || seen[i].first.Name != m.Name) {
			i++
		}
		if i == len(seen) {
			seen = append(seen, told{first: m})
		}
		seen[i].n++
	}
	if len(seen) == 0 {
		return place.Mention{}, 0, false
	}
	best, tie := seen[0], false
	for _, s := range seen[1:] {
		switch {
		case s.n > best.n:
			best, tie = s, false
		case s.n == best.n:
			tie = true
		}
	}
	if tie && len(seen) > 2 {
		return place.Mention{}, 0, false
	}
	return best.first, best.n, true
}
