// Package person finds the named people of a news text: runs of
// capitalised words that are not places, groups or dates, told apart by
// honorifics ("Mawlawi Ziauddin"), offices ("spokesman Zabihullah
// Mujahid"), appositives ("Abu Omar Afridi, a member of the Khorasan
// branch") and aliases ("Asad Laghmani, known as ‘Qais’").
package person

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/internal/phrase"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Mention is a person named in text.
type Mention struct {
	sitrep.Span     // byte offsets of the name (with honorifics) into text, End exclusive
	First, Last int // token indices of the name, Last exclusive
	Name        string
	Aliases     []string
	// AliasSpans are the byte spans of the aliases in text.
	AliasSpans []sitrep.Span
	// Role is the office or description given with the name: a title
	// before it ("Taliban spokesman") or an appositive after it ("an ISIS
	// military trainer and specialist"); RoleFirst/RoleLast are its tokens.
	Role                string
	RoleFirst, RoleLast int
	// Next is the token index just after the name and its appositive and
	// alias, where the clause about the person goes on.
	Next int
}

type wordKind uint8

const (
	stopWord wordKind = iota + 1
	placeWord
	roleWord
	aliasWord
	particleWord
	locativeWord
)

// fwClass is a bit set of the person classes of lexicon/data/stage_words.tsv.
type fwClass uint8

const (
	aliasParticle fwClass = 1 << iota
	article
	relative
	conjunction
)

var fwClassNames = map[string]fwClass{
	"alias_particle": aliasParticle, "article": article, "relative": relative, "conjunction": conjunction,
}

// Finder finds person mentions. It is safe for concurrent use.
type Finder struct {
	fw     map[string]fwClass // function words by folded word
	words  map[string]wordKind
	titles map[string]string // folded title -> kind
}

// New builds a Finder from the embedded lexicon.
func New() (*Finder, error) {
	f := &Finder{words: make(map[string]wordKind), titles: make(map[string]string)}
	kinds := map[string]wordKind{"stop": stopWord, "place": placeWord, "role": roleWord, "alias": aliasWord, "particle": particleWord, "locative": locativeWord}
	err := lexicon.ReadTSV(lexicon.FS(), "data/name_words.tsv", func(r lexicon.Row) error {
		k, ok := kinds[r.Get("kind")]
		if !ok {
			return r.Errorf("unknown kind %q", r.Get("kind"))
		}
		w := phrase.Fold(r.Get("word"))
		// A word listed as a stop word and as a place noun is a place noun:
		// both end a name, only the second makes it a place.
		if old, dup := f.words[w]; !dup || old == stopWord && k == placeWord {
			f.words[w] = k
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if f.fw, err = lexicon.WordClasses("person", fwClassNames); err != nil {
		return nil, err
	}
	titles, err := lexicon.PersonTitles()
	if err != nil {
		return nil, err
	}
	for _, t := range titles {
		f.titles[phrase.Fold(strings.TrimSuffix(t.Title, "."))] = t.Kind
	}
	return f, nil
}

// inName reports whether a title kind is part of how the person is named
// (Mawlawi, Ustad, Abu) rather than an office (General, President).
func inName(kind string) bool {
	switch kind {
	case "religious", "honorific", "kunya":
		return true
	}
	return false
}

// kind and title look up the token without a final period; the fold of
// a word less its final period is the fold less its period.
func (f *Finder) kind(text string, t segment.Token) wordKind {
	return f.words[strings.TrimSuffix(t.Key(text), ".")]
}

func (f *Finder) title(text string, t segment.Token) (string, bool) {
	k, ok := f.titles[strings.TrimSuffix(t.Key(text), ".")]
	return k, ok
}

// Find returns the people named in toks[from:to] (one sentence). taken
// reports tokens already claimed by places, groups or dates.
func (f *Finder) Find(text string, toks []segment.Token, from, to int, taken func(i int) bool) []Mention {
	return f.AppendFind(nil, text, toks, from, to, taken)
}

// AppendFind appends the mentions Find returns to dst and returns the
// extended slice.
func (f *Finder) AppendFind(dst []Mention, text string, toks []segment.Token, from, to int, taken func(i int) bool) []Mention {
	return f.AppendFindKnown(dst, text, toks, from, to, taken, nil)
}

// Surnames are the last words of the people named in full so far in a
// document: a later mention by surname alone is one of them. A caller
// that finds the people of a document sentence by sentence keeps one, so
// that the lookup costs O(1) rather than a scan of every mention before.
type Surnames map[string]bool

// AppendFindKnown is AppendFind with the surnames of the people of dst
// kept in known, which it extends; a nil known scans dst instead.
func (f *Finder) AppendFindKnown(dst []Mention, text string, toks []segment.Token, from, to int, taken func(i int) bool, known Surnames) []Mention {
	headline := isHeadline(text, toks, from, to)
	out := dst
	for i := from; i < to; i++ {
		t := toks[i]
		if t.Kind != segment.Word || !t.Upper || taken(i) {
			continue
		}
		// Titles: honorifics belong to the name, offices do not.
		start := i
		titled := false
		office := -1
		for i < to && toks[i].Kind == segment.Word && toks[i].Upper && !taken(i) {
			k, ok := f.title(text, toks[i])
			if !ok {
				break
			}
			titled = true
			if !inName(k) {
				office = i
				start = i + 1
			}
			i++
			if i < to && toks[i].Kind == segment.Punct && text[toks[i].Start] == '.' {
				i++
				if !inName(k) {
					start = i
				}
			}
		}
		j := i
		names := 0
		for j < to {
			tj := toks[j]
			if taken(j) || tj.Kind != segment.Word {
				break
			}
			k := f.kind(text, tj)
			if tj.Upper && k != stopWord && k != placeWord && k != locativeWord && !allCaps(tj.Text(text)) {
				names++
				j++
				continue
			}
			if k == particleWord || strings.HasPrefix(tj.Text(text), "al-") || strings.HasPrefix(tj.Text(text), "el-") {
				if j+1 < to && toks[j+1].Upper || strings.Contains(tj.Text(text), "-") {
					j++
					continue
				}
			}
			break
		}
		end := j
		if names == 0 || start >= end {
			i = max(i, j)
			continue
		}
		// A name is two words or more, or one word with a title, or the
		// surname of a person named in full before ("Tobias Ellwood ...
		// Ellwood said"): later mentions by surname are the person.
		if names < 2 && !titled && !(names == 1 && !headline && (known != nil && known[toks[start].Text(text)] || known == nil && surnameOf(text, toks, out, start))) {
			i = j
			continue
		}
		if headline && !titled {
			i = j
			continue
		}
		// "Sakhi Abad village": a place, not a person.
		if end < to && f.kind(text, toks[end]) == placeWord {
			i = j
			continue
		}
		// "in Tal Hamis", "Near Tal Hamis": after a locative preposition,
		// a place.
		if !titled && start > from && f.kind(text, toks[start-1]) == locativeWord {
			i = j
			continue
		}
		// "the Air Refueling Wing": a run that a capitalised noun of
		// units, bodies or occasions goes on from is the front of that
		// organisation's name.
		if end < to && toks[end].Kind == segment.Word && toks[end].Upper && f.kind(text, toks[end]) == stopWord &&
			toks[end].Start-toks[end-1].End == 1 && len(toks[end].Text(text)) > 3 {
			i = j
			continue
		}
		m := Mention{First: start, Last: end, Span: sitrep.Span{Start: toks[start].Start, End: toks[end-1].End}, RoleFirst: -1, RoleLast: -1}
		m.Name = text[m.Start:m.End]
		// Office before the name: "former Taliban governor X".
		if rf := f.roleBefore(text, toks, from, start, office, taken); rf >= 0 {
			m.RoleFirst, m.RoleLast = rf, start
			if office >= 0 && office < start {
				m.RoleLast = start
			}
		}
		next := f.appositive(text, toks, end, to, &m)
		m.Next = next
		if m.RoleFirst >= 0 && m.RoleLast > m.RoleFirst {
			m.Role = strings.TrimSpace(text[toks[m.RoleFirst].Start:toks[m.RoleLast-1].End])
		}
		out = append(out, m)
		if known != nil && m.Last-m.First >= 2 {
			known[toks[m.Last-1].Text(text)] = true
		}
		i = max(end, next) - 1
	}
	return out
}

// surnameOf reports whether token k is the last word of a person named
// in full (two words or more) among the earlier mentions ms.
func surnameOf(text string, toks []segment.Token, ms []Mention, k int) bool {
	w := toks[k].Text(text)
	for _, m := range ms {
		if m.Last-m.First >= 2 && m.Last-1 != k && toks[m.Last-1].Text(text) == w {
			return true
		}
	}
	return false
}

// roleBefore returns the first token of an office written before a name,
// or -1: "Taliban spokesman", "the provincial police chief".
func (f *Finder) roleBefore(text string, toks []segment.Token, from, start, office int, taken func(int) bool) int {
	i := start - 1
	if office >= 0 {
		i = office
	}
	if i < from {
		return -1
	}
	if office < 0 && f.kind(text, toks[i]) != roleWord {
		return -1
	}
	first := i
	for k := i - 1; k >= from && k >= i-4; k-- {
		w := toks[k].Key(text)
		if taken(k) || f.words[w] == roleWord || modifiers[w] {
			first = k
			continue
		}
		break
	}
	return first
}

// modifiers may stand in an office before a name.
var modifiers = map[string]bool{
	"former": true, "deputy": true, "acting": true, "provincial": true, "local": true,
	"senior": true, "top": true, "key": true, "military": true, "police": true,
	"district": true, "regional": true, "army": true, "security": true, "intelligence": true,
	"group's": true, "vice": true, "prime": true, "foreign": true, "interior": true, "defence": true, "defense": true,
}

// appositive reads ", known as ‘Qais’" and ", a member of the Khorasan
// branch," after a name, filling m, and returns the token after them.
func (f *Finder) appositive(text string, toks []segment.Token, i, to int, m *Mention) int {
	for round := 0; round < 2 && i < to; round++ {
		j := i
		if toks[j].Kind == segment.Punct && (text[toks[j].Start] == ',' || text[toks[j].Start] == '(') {
			j++
		}
		if j >= to {
			return i
		}
		// Alias: "known as X", "alias X", "aka X".
		if f.kind(text, toks[j]) == aliasWord {
			k := j + 1
			if k < to && f.fw[toks[k].Key(text)]&aliasParticle != 0 {
				k++
			}
			for k < to && toks[k].Kind == segment.Punct && isQuote(text[toks[k].Start:toks[k].End]) {
				k++
			}
			a := k
			for k < to && toks[k].Kind == segment.Word && toks[k].Upper {
				k++
			}
			if k > a {
				m.Aliases = append(m.Aliases, text[toks[a].Start:toks[k-1].End])
				m.AliasSpans = append(m.AliasSpans, sitrep.Span{Start: toks[a].Start, End: toks[k-1].End})
				for k < to && toks[k].Kind == segment.Punct && (isQuote(text[toks[k].Start:toks[k].End]) || text[toks[k].Start] == ')') {
					k++
				}
				i = k
				continue
			}
			return i
		}
		if j == i || m.RoleFirst >= 0 {
			return i
		}
		// Appositive: ", a member of ...", ", ISIS's second in command;".
		w := toks[j].Key(text)
		possessive := j+1 < to && (toks[j+1].Text(text) == "’s" || toks[j+1].Text(text) == "'s")
		if f.fw[w]&article == 0 && !modifiers[w] && f.words[w] != roleWord && !possessive {
			return i
		}
		k := j
		for k < to && k < j+10 {
			tk := toks[k]
			if tk.Kind == segment.Punct {
				c := text[tk.Start]
				if c == ',' || c == ';' || c == '.' || c == ')' || c == ':' {
					break
				}
			}
			if c := f.fw[tk.Key(text)]; c&relative != 0 || c&conjunction != 0 && k+1 < to && toks[k+1].Upper && f.kind(text, toks[k+1]) != stopWord {
				break
			}
			k++
		}
		if k == j || k == j+10 {
			return i
		}
		m.RoleFirst, m.RoleLast = j, k
		i = k
		if i < to && toks[i].Kind == segment.Punct && (text[toks[i].Start] == ',' || text[toks[i].Start] == ';' || text[toks[i].Start] == ')') {
			i++
		}
	}
	return i
}

func isQuote(s string) bool {
	switch s {
	case "‘", "’", "'", "\"", "“", "”":
		return true
	}
	return false
}

func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 1
}

// isHeadline reports whether most words of a sentence are capitalised, as
// in a title, where capitals say nothing about names.
func isHeadline(text string, toks []segment.Token, from, to int) bool {
	words, upper := 0, 0
	for i := from; i < to; i++ {
		if toks[i].Kind != segment.Word {
			continue
		}
		r, _ := utf8.DecodeRuneInString(toks[i].Text(text))
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if toks[i].Upper {
			upper++
		}
	}
	return words >= 4 && upper*10 >= words*7
}
