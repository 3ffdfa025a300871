package person

import (
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// Office is a person named by the office they hold instead of by name:
// "the Foreign Secretary", "Minister for the Middle East", "a Border
// Police spokesman". A capitalised office with a determiner, or with the
// domain it is held over ("of Defence", "for the Middle East"), refers to
// the one person who holds it (a definite description), as a name does;
// an office written before a name is that name's title instead
// ("Foreign Secretary Ann Hale"), part of the person's Mention.
type Office struct {
	sitrep.Span     // byte offsets, with the determiner
	First, Last int // token indices, Last exclusive
}

// AppendOffices appends the offices named in place of a person in
// toks[from:to] (one sentence) to dst. people are the sentence's person
// mentions: an office that titles one of them is no separate person.
// taken reports the tokens of places, groups and dates, which may stand
// inside an office ("the Iraqi Foreign Minister") but do not begin one.
func (f *Finder) AppendOffices(dst []Office, text string, toks []segment.Token, from, to int, taken func(int) bool, people []Mention) []Office {
	inPerson := func(k int) bool {
		for _, m := range people {
			if k >= m.First && k < m.Last || m.RoleFirst >= 0 && k >= m.RoleFirst && k < m.RoleLast {
				return true
			}
		}
		return false
	}
	none := func(int) bool { return false }
	for i := from; i < to; i++ {
		t := toks[i]
		if t.Kind != segment.Word || inPerson(i) {
			continue
		}
		var e int
		switch {
		case t.Upper && !taken(i):
			end, kind, ok := f.title(text, toks, i, to, none)
			if !ok && modifiers[t.Key(text)] && i+1 < to {
				end, kind, ok = f.title(text, toks, i+1, to, none)
			}
			if !ok || inName(kind) {
				continue
			}
			e = end
		case !t.Upper && f.kind(text, t) == roleWord && !strings.HasSuffix(t.Key(text), "s") && i > from && toks[i-1].Upper && toks[i-1].Kind == segment.Word &&
			f.fw[toks[i-1].Key(text)]&article == 0 && !(f.opensSentence(text, toks, from, i-1) && f.isCommon(text, toks[i-1])):
			// "a Border Police spokesman": a lower-case office after
			// the capitalised name of the body it serves.
			e = i + 1
		default:
			continue
		}
		// A capitalised word right after the office is a name it
		// titles ("Minister Hale") or the rest of an organisation's
		// name ("the General Assembly"): no office alone.
		if e < to && toks[e].Kind == segment.Word && toks[e].Upper {
			i = e - 1
			continue
		}
		// An office held over a domain: "of Defence", "for the Middle East".
		domain := false
		for e+1 < to && toks[e].Kind == segment.Word && f.fw[toks[e].Key(text)]&domainPrep != 0 {
			k := e + 1
			if f.fw[toks[k].Key(text)]&article != 0 {
				k++
			}
			n := k
			for n < to && toks[n].Kind == segment.Word && toks[n].Upper && !inPerson(n) {
				n++
			}
			if n == k {
				break
			}
			e, domain = n, true
		}
		// What stands before it: the body or country the office
		// serves ("Iraqi Foreign", "U.S."), then a determiner.
		s := i
		for s-1 >= from && s > i-4 && toks[s-1].Kind == segment.Word && toks[s-1].Upper && !inPerson(s-1) &&
			f.fw[toks[s-1].Key(text)]&article == 0 && !(f.opensSentence(text, toks, from, s-1) && f.isCommon(text, toks[s-1])) {
			s--
		}
		if s-1 >= from && toks[s-1].Kind == segment.Word && f.fw[toks[s-1].Key(text)]&article != 0 {
			s--
		} else if !domain && !f.apposed(text, toks, from, to, s, e, people) {
			// Without a determiner, a domain or a name in apposition,
			// a capitalised office is a heading or part of a name.
			i = e - 1
			continue
		}
		// "of Justice", "for Security": an office word after a preposition
		// is the domain of something else ("the Department of Justice").
		if s == i && s-1 >= from && f.fw[toks[s-1].Key(text)]&domainPrep != 0 {
			i = e - 1
			continue
		}
		dst = append(dst, Office{Span: sitrep.Span{Start: toks[s].Start, End: toks[e-1].End}, First: s, Last: e})
		i = e - 1
	}
	return dst
}

// apposed reports whether the office toks[s:e] stands in apposition to a
// person named beside it, set off by a comma: "Minister for Trade, Ann
// Hale, said" or "Ann Hale, Minister for Trade, said".
func (f *Finder) apposed(text string, toks []segment.Token, from, to, s, e int, people []Mention) bool {
	comma := func(k int) bool {
		return k >= from && k < to && toks[k].Kind == segment.Punct && text[toks[k].Start] == ','
	}
	for _, m := range people {
		if comma(e) && m.First == e+1 || comma(s-1) && m.Last == s-1 {
			return true
		}
	}
	return false
}

// isCommon reports whether English writes the word of t in lower case
// (data/common_words.tsv).
func (f *Finder) isCommon(text string, t segment.Token) bool {
	_, ok := f.common[strings.TrimSuffix(t.Key(text), ".")]
	return ok
}
