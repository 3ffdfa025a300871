// Package person finds the named people of a news text: runs of
// capitalised words that are not places, groups or dates, told apart by
// honorifics ("Mawlawi Ziauddin"), offices ("spokesman Zabihullah
// Mujahid", "Deputy Secretary of State"), appositives ("Abu Omar Afridi,
// a member of the Khorasan branch"), aliases ("Asad Laghmani, known as
// ‘Qais’"), quotative inversion ("…,” said Marsh."), the surnames of
// people named before and the rulers regimes are named after ("the
// Haddad regime"). A run that ends in a common noun (counted in the UD
// English treebank, or written in lower case by the document itself)
// names a thing, not a person ("Recovery Trust Fund").
//
// It also finds the people named only by their office (Office: "the
// Foreign Secretary") and the organisations named by the head noun of
// their kind that no actor list holds (Body: "the Syrian Computer
// Society"); these are annotated, not read by events.
package person

import (
	"embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/internal/phrase"
	"github.com/sitrep-dev/sitrep/lexicon"
)

//go:generate go run ./internal/commonwords -data ../../../shared/data/ud-english-ewt -o data/common_words.tsv

//go:embed data/common_words.tsv
var dataFS embed.FS

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
	titleLower
	quotative
	rulerHead
	domainPrep
)

var fwClassNames = map[string]fwClass{
	"alias_particle": aliasParticle, "article": article, "relative": relative, "conjunction": conjunction,
	"title_lower": titleLower, "quotative": quotative, "ruler_head": rulerHead, "domain_prep": domainPrep,
}

// Finder finds person mentions. It is safe for concurrent use.
type Finder struct {
	fw     map[string]fwClass // function words by folded word
	words  map[string]wordKind
	titles map[string]string // folded title words, space-separated, without periods -> kind
	// titleLen is the most words a title has ("Deputy Secretary of State").
	titleLen int
	// prefix holds the classifier nouns written before the name of a
	// place or occasion ("Lake", "Mount", "Exercise").
	prefix map[string]bool
	// body holds the head nouns of organisations' names ("Council",
	// "Ministry", "Society").
	body map[string]bool
	// groups holds the one-word names of groups, ruling powers and
	// countries (lexicon's actors, state forces and countries), folded:
	// "the Taliban regime" is named after a group, not a ruler.
	groups map[string]bool
	// common holds the words English writes in lower case
	// (data/common_words.tsv), true for nouns.
	common map[string]bool
}

// New builds a Finder from the embedded lexicon.
func New() (*Finder, error) {
	f := &Finder{words: make(map[string]wordKind), titles: make(map[string]string)}
	kinds := map[string]wordKind{"stop": stopWord, "place": placeWord, "role": roleWord, "alias": aliasWord, "particle": particleWord, "locative": locativeWord}
	f.prefix = map[string]bool{}
	f.body = map[string]bool{}
	err := lexicon.ReadTSV(lexicon.FS(), "data/name_words.tsv", func(r lexicon.Row) error {
		w := phrase.Fold(r.Get("word"))
		switch r.Get("kind") {
		case "prefix":
			f.prefix[w] = true
			return nil
		case "body":
			f.body[w] = true
			return nil
		}
		k, ok := kinds[r.Get("kind")]
		if !ok {
			return r.Errorf("unknown kind %q", r.Get("kind"))
		}
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
		ws := strings.Fields(strings.ReplaceAll(phrase.Fold(t.Title), ".", " "))
		f.titles[strings.Join(ws, " ")] = t.Kind
		f.titleLen = max(f.titleLen, len(ws))
	}
	if f.groups, err = groupWords(); err != nil {
		return nil, err
	}
	f.common = map[string]bool{}
	err = lexicon.ReadTSV(dataFS, "data/common_words.tsv", func(r lexicon.Row) error {
		f.common[r.Get("word")] = r.Get("noun") == "yes"
		return nil
	})
	if err != nil {
		return nil, err
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

// title returns the longest title written from token i ("Secretary of
// State", "Lt. Gen.", "Minister"): the token after it and its kind. A
// title's words after the first may be lower case ("of"), its first is
// capitalised; periods of abbreviations are skipped.
func (f *Finder) title(text string, toks []segment.Token, i, to int, taken func(int) bool) (end int, kind string, ok bool) {
	if !toks[i].Upper {
		return 0, "", false
	}
	var b strings.Builder
	words := 0
	for j := i; j < to && words < f.titleLen && toks[j].Kind == segment.Word && !taken(j); j++ {
		if words > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimSuffix(toks[j].Key(text), "."))
		words++
		if k, hit := f.titles[b.String()]; hit {
			end, kind, ok = j+1, k, true
		}
		// "Lt . Gen": a period written apart from its abbreviation.
		if j+1 < to && toks[j+1].Kind == segment.Punct && text[toks[j+1].Start] == '.' && toks[j+1].Start == toks[j].End {
			if ok && end == j+1 {
				end = j + 2
			}
			j++
		}
	}
	return end, kind, ok
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
	return f.AppendFindDoc(dst, text, toks, from, to, taken, &Document{Surnames: known})
}

// Document is what a Finder keeps of one document read sentence by
// sentence: the surnames of its people and the words it writes in lower
// case. NewDocument makes one.
type Document struct {
	Surnames Surnames
	// lower holds the folded words the document writes in lower case,
	// and their singulars.
	lower map[string]bool
	// rulers holds the names its regimes are called by (Rulers).
	rulers Surnames
	// acronyms holds the short names of its bodies (AppendBodies).
	acronyms map[string]bool
}

// Ruler reports whether w names a ruler of the document's regimes
// ("Haddad" of "the Haddad regime"): the word is a person's name even
// inside the name of the regime, which the actor stage takes whole.
func (d *Document) Ruler(w string) bool { return d != nil && d.rulers[w] }

// NewDocument reads what the whole document tells before its first
// sentence is searched: the words it writes in lower case (one sense per
// discourse: "the barrage" and "the Samarra Barrage" use one noun) and
// the rulers its regimes are named after (Rulers). taken reports the
// tokens of places and dates.
func (f *Finder) NewDocument(text string, toks []segment.Token, taken func(int) bool) *Document {
	d := &Document{Surnames: Surnames{}, lower: map[string]bool{}, acronyms: map[string]bool{}}
	for _, t := range toks {
		if t.Kind != segment.Word || t.Upper {
			continue
		}
		if w := t.Text(text); strings.IndexFunc(w, unicode.IsUpper) >= 0 || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			continue // "al-Assad" is no lower-case word
		}
		k := t.Key(text)
		d.lower[k] = true
		if s, ok := strings.CutSuffix(k, "s"); ok && len(s) > 2 {
			d.lower[s] = true
		}
	}
	d.rulers = Surnames{}
	f.Rulers(text, toks, taken, d.rulers)
	for w := range d.rulers {
		d.Surnames[w] = true
	}
	return d
}

// thing reports whether a word of a name without a title or role is a
// common noun, which makes the run the name of a thing ("Recovery Trust
// Fund", "the Ishtar Gate"): English names a thing by a head noun at the
// end, a person by a surname. A noun is common when English writes it
// in lower case (data/common_words.tsv) or the document itself does.
func (f *Finder) thing(text string, t segment.Token, d *Document) bool {
	k := strings.TrimSuffix(t.Key(text), ".")
	if d != nil && d.lower[k] {
		return true
	}
	noun, ok := f.common[k]
	return ok && noun
}

// AppendFindDoc is AppendFind with what d keeps of the document: its
// surnames (extended as people are found; a nil d.Surnames scans dst
// instead) and its lower-case words.
func (f *Finder) AppendFindDoc(dst []Mention, text string, toks []segment.Token, from, to int, taken func(i int) bool, d *Document) []Mention {
	known := d.Surnames
	headline := f.isHeadline(text, toks, from, to)
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
			e, k, ok := f.title(text, toks, i, to, taken)
			// "Deputy Secretary of State", "Acting Governor": a
			// modifier of an office opens the office.
			if !ok && modifiers[toks[i].Key(text)] && i+1 < to {
				if e2, k2, ok2 := f.title(text, toks, i+1, to, taken); ok2 && !inName(k2) {
					e, k, ok = e2, k2, true
				}
			}
			if !ok {
				break
			}
			titled = true
			if !inName(k) {
				office = i
				start = e
			}
			i = e
		}
		j := i
		names := 0
		for j < to {
			tj := toks[j]
			if taken(j) || tj.Kind != segment.Word {
				break
			}
			// "Lucy_Hale_35.jpg", "@AnnHale": a word glued into a file
			// name, address or handle is no word of prose.
			if glued(text, toks, j, "_/@") {
				break
			}
			k := f.kind(text, tj)
			if tj.Upper && k != stopWord && k != placeWord && k != locativeWord && k != roleWord && !allCaps(tj.Text(text)) {
				names++
				j++
				continue
			}
			// The Arabic article and the patronymic particles join a
			// name: "Bashar al-Assad", "Osama bin Laden", and "al- Jaafari"
			// with the hyphen set apart. A particle glued to a
			// capitalised word is a word of the name itself.
			if w := tj.Text(text); k == particleWord || strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-") {
				if p, glued := particleName(w); glued {
					if p {
						names++
					}
					j++
					continue
				}
				if j+1 < to && toks[j+1].Upper {
					j++
					continue
				}
				if j+2 < to && toks[j+1].Kind == segment.Punct && text[toks[j+1].Start:toks[j+1].End] == "-" && toks[j+1].Start == tj.End && toks[j+2].Upper && !taken(j+2) {
					j += 2
					continue
				}
			}
			break
		}
		end := j
		// The first word of a sentence is capitalised whatever it is: a
		// common word there opens the sentence, not a name ("Later Varek
		// spoke", "Security Minister ..."), unless a title went before.
		if !titled && start == i && start < end-1 && f.opensSentence(text, toks, from, start) && toks[start].Upper {
			if _, ok := f.common[strings.TrimSuffix(toks[start].Key(text), ".")]; ok {
				start++
				names--
			}
		}
		if names == 0 || start >= end {
			i = max(i, j)
			continue
		}
		// A name is two words or more, or one word with a title, or the
		// surname of a person named in full before ("Tobias Ellwood ...
		// Ellwood said"): later mentions by surname are the person.
		if names < 2 && !titled && !(names == 1 && !headline && (known != nil && known[toks[start].Text(text)] || known == nil && surnameOf(text, toks, out, start))) &&
			!(names == 1 && end == start+1 && f.inverted(text, toks, from, to, start)) {
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
		// "Lake Tharthar", "Exercise Eager Lion": a classifier noun
		// before the name, or opening it, makes it a place's or an
		// occasion's.
		if !titled && (f.prefix[strings.TrimSuffix(toks[start].Key(text), ".")] ||
			start > from && toks[start-1].Upper && f.prefix[strings.TrimSuffix(toks[start-1].Key(text), ".")]) {
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
		// A run that ends in a common noun, with nothing that makes
		// it a person's (a title, a role, a known surname, a reporting
		// verb), names a thing.
		if !titled && m.RoleFirst < 0 && f.thing(text, toks[end-1], d) && !(known != nil && known[toks[end-1].Text(text)]) &&
			!f.inverted(text, toks, from, to, start) && !(next < to && f.fw[toks[next].Key(text)]&quotative != 0) {
			i = j
			continue
		}
		m.Next = next
		if m.RoleFirst >= 0 && m.RoleLast > m.RoleFirst {
			m.Role = strings.TrimSpace(text[toks[m.RoleFirst].Start:toks[m.RoleLast-1].End])
		}
		out = append(out, m)
		if known != nil && (m.Last-m.First >= 2 || titled) {
			known.add(toks[m.Last-1].Text(text))
		}
		i = max(end, next) - 1
	}
	return out
}

// add keeps a surname, and without its article the form it is also
// written in: "al-Assad" and "Assad".
func (s Surnames) add(w string) {
	s[w] = true
	if p, glued := particleName(w); p && glued {
		_, rest, _ := strings.Cut(w, "-")
		s[rest] = true
	}
}

// opensSentence reports whether token k stands where any word is
// capitalised: first in the sentence, or after a quotation mark, colon
// or opening bracket.
func (f *Finder) opensSentence(text string, toks []segment.Token, from, k int) bool {
	if k == from {
		return true
	}
	p := toks[k-1]
	if p.Kind != segment.Punct {
		return false
	}
	c := text[p.Start:p.End]
	return isQuote(c) || c == ":" || c == "(" || c == "-" || c == "–" || c == "—"
}

// inverted reports whether the one word at k is the subject of a
// reporting verb set before it, as quotations are closed ("“We held the
// bridge,” said Marsh."): the speaker is a person, or an organisation,
// which the actor stage has taken before. The verb follows a quotation
// mark or comma, and the name ends the clause.
func (f *Finder) inverted(text string, toks []segment.Token, from, to, k int) bool {
	if k-2 < from || k+1 > to || f.fw[toks[k-1].Key(text)]&quotative == 0 || toks[k-1].Upper {
		return false
	}
	if p := toks[k-2]; p.Kind != segment.Punct || !isQuote(text[p.Start:p.End]) && text[p.Start] != ',' {
		return false
	}
	if k+1 == to {
		return true
	}
	n := toks[k+1]
	return n.Kind == segment.Punct && strings.ContainsAny(text[n.Start:n.End], ".,;:")
}

// Rulers adds to known the names a ruling power is called by in toks: a
// single capitalised word before "regime" or "administration", owned
// ("Haddad's regime") or as the attribute of "the" ("the Haddad
// regime"). Such a word names the ruler, whose name later stands alone
// ("Haddad has no part in it"). taken reports the words of places and
// dates, which name a country's government instead ("Syria's regime").
func (f *Finder) Rulers(text string, toks []segment.Token, taken func(int) bool, known Surnames) {
	for i := 2; i < len(toks); i++ {
		if f.fw[toks[i].Key(text)]&rulerHead == 0 {
			continue
		}
		k := i - 1
		if w := toks[k].Text(text); w == "’s" || w == "'s" {
			k--
		} else if f.fw[toks[k-1].Key(text)]&article == 0 {
			continue
		}
		t := toks[k]
		w := t.Text(text)
		if t.Kind != segment.Word || !t.Upper || taken(k) || f.kind(text, t) != 0 || allCaps(w) ||
			k > 0 && toks[k-1].Upper && toks[k-1].Kind == segment.Word && f.fw[toks[k-1].Key(text)]&article == 0 {
			continue
		}
		if _, _, ok := f.title(text, toks, k, k+1, taken); ok || f.groups[t.Key(text)] || adjectival(t.Key(text)) {
			continue
		}
		known.add(w)
	}
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

// particleName reports whether w is a particle glued by a hyphen to the
// rest of a name ("al-Assad", "el-Sisi"), and whether that rest is
// capitalised, so that the word names someone on its own.
func particleName(w string) (upper, glued bool) {
	_, rest, ok := strings.Cut(w, "-")
	if !ok || rest == "" {
		return false, false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r), true
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

// isHeadline reports whether a sentence is written in title case, where
// capitals say nothing about names: most words capitalised, and no word
// of content left in lower case. Title case lowers only short function
// words (articles, prepositions, conjunctions: "Killed In Raid on the
// Road"); a lower-case verb or noun ("Marsh, the envoy, said:", "Haddad
// was assigned to ...") shows a sentence whose capitals are names.
func (f *Finder) isHeadline(text string, toks []segment.Token, from, to int) bool {
	words, upper := 0, 0
	content := false
	for i := from; i < to; i++ {
		if toks[i].Kind != segment.Word {
			continue
		}
		w := toks[i].Text(text)
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if toks[i].Upper {
			upper++
		} else if f.fw[toks[i].Key(text)]&titleLower == 0 && !glued(text, toks, i, "_/@.") {
			content = true
		}
	}
	return words >= 4 && upper*10 >= words*7 && !content
}

// groupWords returns the folded one-word names of the lexicon's groups,
// ruling powers and countries, with their plurals and demonyms.
func groupWords() (map[string]bool, error) {
	m := map[string]bool{}
	add := func(names ...string) {
		for _, n := range names {
			if !strings.ContainsAny(n, " ") {
				m[phrase.Fold(n)] = true
			}
		}
	}
	actors, err := lexicon.Actors()
	if err != nil {
		return nil, err
	}
	for _, a := range actors {
		add(a.Name)
		add(a.Aliases...)
	}
	forces, err := lexicon.Forces()
	if err != nil {
		return nil, err
	}
	for _, f := range forces {
		add(f.Aliases...)
	}
	countries, err := lexicon.Countries()
	if err != nil {
		return nil, err
	}
	for _, c := range countries {
		add(c.Name)
		add(c.Aliases...)
		add(c.Demonyms...)
	}
	return m, nil
}

// adjectival reports whether a folded word ends in a suffix that makes
// English adjectives and demonyms of a people, creed or party ("Kurdish",
// "Baathist", "Alawite", "Sudanese", "Syrian"): "the Baathist regime" is
// described, not named after a ruler.
func adjectival(w string) bool {
	for _, suf := range [...]string{"ish", "ist", "ite", "ese", "ian", "ean"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// glued reports whether token k touches, with no space, one of the
// punctuation characters in marks: the token is part of a file name
// ("Hale_35.jpg"), a web address or a handle, not a word of prose.
func glued(text string, toks []segment.Token, k int, marks string) bool {
	touch := func(p segment.Token) bool {
		return p.Kind == segment.Punct && p.End-p.Start == 1 && strings.IndexByte(marks, text[p.Start]) >= 0
	}
	return k > 0 && toks[k-1].End == toks[k].Start && touch(toks[k-1]) ||
		k+1 < len(toks) && toks[k+1].Start == toks[k].End && touch(toks[k+1])
}
