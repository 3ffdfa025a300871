package place

import (
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// People's names. A word that names a small town somewhere is, in a news
// story, far more often a person's name when the story itself uses it as
// one. findPersons reads the whole document before any place is
// accepted, so that the evidence counts wherever the name stands, before
// or after: one sense per name within a document.
//
// A word is a person's name in the document (st.people) when it is:
//   - the last word of a run of capitalised words that begins with a
//     given name ("Christian Smith", "Mary Ann Wells": Smith and Wells);
//   - the last word of a run after a title ("Deputy Paul Oberholtzer",
//     "Lt. Seth Finman");
//   - the last word of a run followed by an age in commas ("Akielah
//     Solomon, 20, and ...", "Benson, 23, was ..."): American news
//     gives a named person's age that way;
//   - a capitalised word in apposition to a noun of a person ("his
//     father, Alan, ...", "the victim, Marcus, was ..."): an appositive
//     renames its noun, and a person's noun is renamed by a name.
//
// Strong places (countries, regions, capitals, cities of 100,000) stay
// places whatever the story does with the word ("George Washington").

// personNouns returns the lower-case nouns of people that lexicon's
// count_nouns.tsv counts as civilians ("father", "victim", "neighbor"):
// nouns that a personal name may stand in apposition to.
func personNouns() map[string]bool {
	m := map[string]bool{}
	_ = lexicon.ReadTSV(lexicon.FS(), "data/count_nouns.tsv", func(r lexicon.Row) error {
		if r.Get("kind") == "civilian" {
			m[strings.ToLower(r.Get("noun"))] = true
		}
		return nil
	}) // the embedded file is tested (TestPersonNouns)
	return m
}

// nameWord reports whether token k may be a word of a person's name: a
// capitalised word that no word list makes something else.
func (st *state) nameWord(k int) bool {
	t := &st.toks[k]
	return t.kind == segment.Word && t.upper && t.class&(wStop|wTitle|wAdm1|wAdm2|wCity|wSub|wOrg|wFeat|wCue|wNear|wDir|wConn|wPerson) == 0
}

// nameRun returns the end (exclusive) of the run of name words that
// starts at token i, at most three words, each one space from the last
// ("Mary Ann Smith"); an initial with its dot may stand inside ("John F.
// Kennedy").
func (st *state) nameRun(text string, i int) int {
	j, words := i, 0
	for j < len(st.toks) && words < 3 {
		if j > i {
			gap := st.toks[j].start - st.toks[j-1].end
			if st.toks[j].lineBreak || gap > 1 {
				break
			}
		}
		if !st.nameWord(j) {
			break
		}
		if st.toks[j].caps && !st.toks[i].caps {
			break // "Christian Smith RIP", an acronym after a name
		}
		j++
		words++
		// An initial: one letter and a dot written against it.
		if j+1 < len(st.toks) && st.toks[j-1].end-st.toks[j-1].start == 1 && text[st.toks[j].start:st.toks[j].end] == "." && st.toks[j].start == st.toks[j-1].end {
			j++
		}
	}
	for j > i && st.toks[j-1].kind == segment.Punct {
		j--
	}
	return j
}

// findPersons fills st.people with the keys of the words the document
// uses as people's names (see above).
func (r *Resolver) findPersons(st *state, text string) {
	clear(st.people)
	if st.people == nil {
		st.people = map[string]bool{}
	}
	n := len(st.toks)
	word := func(k int) string {
		if k < 0 || k >= n {
			return ""
		}
		return text[st.toks[k].start:st.toks[k].end]
	}
	mark := func(k int) {
		if st.nameWord(k) && st.toks[k].end-st.toks[k].start > 1 {
			st.people[string(st.tkey(k))] = true
		}
	}
	for i := 0; i < n; i++ {
		t := &st.toks[i]
		if t.kind != segment.Word || !t.upper {
			continue
		}
		// A title, with or without its dot, before a run of names.
		if t.class&wTitle != 0 {
			k := i + 1
			if word(k) == "." && st.toks[k].start == t.end {
				k++
			}
			if k < n && st.toks[k].start-st.toks[k-1].end <= 1 && !st.toks[k].lineBreak {
				if j := st.nameRun(text, k); j > k {
					mark(j - 1)
					i = j - 1
				}
			}
			continue
		}
		if !st.nameWord(i) {
			continue
		}
		j := st.nameRun(text, i)
		if j <= i {
			continue
		}
		// A given name before another name: the last word is a surname.
		if j-i >= 2 && r.given[string(st.tkey(i))] {
			mark(j - 1)
		}
		// A name and an age in commas: "Solomon, 20, and".
		if word(j) == "," && isAge(word(j+1)) {
			switch word(j + 2) {
			case ",", ".", ";", "and", ")":
				mark(j - 1)
			}
		}
		// A name in apposition to a noun of a person: "his father,
		// Alan, ...".
		if j-i == 1 && i >= 2 && word(i-1) == "," && r.personNouns[word(i-2)] {
			switch word(j) {
			case ",", ".", ";", ")", "and", "who":
				mark(i)
			}
		}
		i = j - 1
	}
}

// isAge reports whether w is a number that may be a person's age.
func isAge(w string) bool {
	n, err := strconv.Atoi(w)
	return err == nil && n > 0 && n < 120 && len(w) <= 3
}

// personName reports whether candidate c, one word, is a word the
// document uses as a person's name (st.people) or a given name alone, and
// no cue puts a place there: a region after a comma ("Clarence, New
// York"), a word of nearness ("near Marion"), or for a given name a
// preposition of place ("in Marion"). A strong place (a country, a
// region, a capital, a city of 100,000: "Charlotte", "Indianapolis")
// stays a place: a reader takes it for the place first.
func (r *Resolver) personName(st *state, text string, c *cand, major, strong bool) bool {
	if c.j-c.i != 1 || major || strong {
		return false
	}
	key := string(st.tkey(c.i))
	people, given := st.people[key], r.given[key]
	if !people && !given {
		return false
	}
	if r.inRegionAfter(st, text, c) {
		return false
	}
	if c.i > 0 {
		p := &st.toks[c.i-1]
		if p.class&wNear != 0 && !p.upper {
			return false
		}
		if given && !people && r.cuedBefore(st, text, c.i) {
			return false
		}
	}
	return true
}

// dropPeople drops the one-word candidates that recognition kept before
// it met the same word as a person's name further on ("Benson fired
// twice. ... named him as Illya Benson"): the names accept recorded in
// st.persons (a surname after a first name, a name after a title) are
// people for the whole document, under the cues personName reads. A
// strong place stays ("St. Vincent Indianapolis Hospital" is no surname).
func (r *Resolver) dropPeople(st *state, text string) {
	if len(st.persons) == 0 {
		return
	}
	out := st.cands[:0]
	for k := range st.cands {
		c := st.cands[k]
		if c.j-c.i == 1 && !c.adjective && !r.strongBare(c.refs) && st.persons[string(st.tkey(c.i))] {
			if !r.inRegionAfter(st, text, &c) && !(c.i > 0 && st.toks[c.i-1].class&wNear != 0 && !st.toks[c.i-1].upper) {
				continue
			}
		}
		out = append(out, c)
	}
	st.cands = out
}

// strongBare reports whether refs hold a strong place (see strong) that a
// bare name means: not a county or district, which news names with its
// word ("Smith County"), so that a bare "Smith" or "Scott" is no evidence
// of one.
func (r *Resolver) strongBare(refs []gazetteer.Ref) bool {
	for _, ref := range refs {
		if r.g.Code(ref) != "ADM2" && r.strong([]gazetteer.Ref{ref}) {
			return true
		}
	}
	return false
}
