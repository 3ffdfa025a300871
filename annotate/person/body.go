package person

import (
	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// Body is the proper name of an organisation that no actor list holds:
// a run of capitalised words ending in a noun of bodies ("Syrian
// Computer Society", "UN Security Council", "Kurdistan Regional
// Government"), or such a noun with the domain it serves ("Ministry of
// Culture"), or one alone after "the" ("the Coalition"). English names a
// body by its kind, the head noun, written last or followed by "of": the
// head says what the name denotes, as it does for the things a person's
// name is told apart from (Finder.thing).
type Body struct {
	sitrep.Span     // byte offsets, with the determiner
	First, Last int // token indices, Last exclusive
}

// AppendBodies appends the bodies named in toks[from:to] (one sentence)
// to dst. blocked reports tokens a body may not hold: those of people,
// named groups and dates. Places may stand inside a body's name
// ("Kurdistan Regional Government"); found reports tokens of actors
// already known, whose bodies are left to them.
//
// An acronym set in brackets right after a body's name ("the Valley
// Farmers Association (VFA)") is that body's short name, and names it
// wherever the document uses it after; d keeps the acronyms (nil keeps
// none).
func (f *Finder) AppendBodies(dst []Body, text string, toks []segment.Token, from, to int, blocked, found func(int) bool, d *Document) []Body {
	for i := from; i < to; i++ {
		t := toks[i]
		if t.Kind == segment.Word && d != nil && d.acronyms[t.Text(text)] && !blocked(i) && !found(i) {
			dst = append(dst, Body{Span: t.Span(), First: i, Last: i + 1})
			continue
		}
		if t.Kind != segment.Word || !t.Upper || blocked(i) || !f.body[t.Key(text)] || allCaps(t.Text(text)) {
			continue
		}
		e := i + 1
		// A capitalised word after the head goes on with a longer name
		// ("Security Council Resolution"): the head is not its end.
		if e < to && toks[e].Kind == segment.Word && toks[e].Upper {
			continue
		}
		// The domain the body serves: "Ministry of Culture", "Office of
		// the Prosecutor".
		domain := false
		for e+1 < to && toks[e].Kind == segment.Word && f.fw[toks[e].Key(text)]&domainPrep != 0 {
			k := e + 1
			if f.fw[toks[k].Key(text)]&article != 0 {
				k++
			}
			n := k
			for n < to && toks[n].Kind == segment.Word && toks[n].Upper && !blocked(n) {
				n++
			}
			if n == k {
				break
			}
			e, domain = n, true
		}
		s := i
		for s-1 >= from && s > i-5 && toks[s-1].Kind == segment.Word && toks[s-1].Upper && !blocked(s-1) &&
			f.fw[toks[s-1].Key(text)]&article == 0 && !(f.opensSentence(text, toks, from, s-1) && f.isCommon(text, toks[s-1])) {
			s--
		}
		det := s-1 >= from && toks[s-1].Kind == segment.Word && f.fw[toks[s-1].Key(text)]&article != 0
		if s == i && !domain && !det {
			continue // "Government forces", a heading: a kind, not a name
		}
		// An actor already found holds the name ("the Iraqi Army").
		held := false
		for k := s; k < e; k++ {
			held = held || found(k)
		}
		if held {
			i = e - 1
			continue
		}
		if det {
			s--
		}
		dst = append(dst, Body{Span: sitrep.Span{Start: toks[s].Start, End: toks[e-1].End}, First: s, Last: e})
		i = e - 1
		if a := acronymAfter(text, toks, e, to); a >= 0 && d != nil {
			d.acronyms[toks[a].Text(text)] = true
			dst = append(dst, Body{Span: toks[a].Span(), First: a, Last: a + 1})
			i = a
		}
	}
	return dst
}

// acronymAfter returns the token of an acronym in brackets at toks[e]
// (after a possessive, "Command's (NAVCENT)"), or -1.
func acronymAfter(text string, toks []segment.Token, e, to int) int {
	if e < to && toks[e].Kind == segment.Word && (toks[e].Text(text) == "’s" || toks[e].Text(text) == "'s") {
		e++
	}
	if e+2 >= to || text[toks[e].Start:toks[e].End] != "(" || text[toks[e+2].Start:toks[e+2].End] != ")" {
		return -1
	}
	a := toks[e+1]
	if w := a.Text(text); a.Kind != segment.Word || !allCaps(w) || len(w) > 10 {
		return -1
	}
	return e + 1
}
