// Package actor finds who acts in a text: named groups (Islamic State,
// al-Shabaab), the powers that rule a country in a period (the Taliban after
// August 2021), generic agents (police, soldiers, gunmen, protesters,
// civilians) and the countries that qualify them ("Turkish soldiers"). It
// resolves each mention to ACLED's canonical actor name for a country and a
// day.
package actor

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/internal/phrase"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Kind says what a mention names.
type Kind uint8

// Kinds of actor mentions.
const (
	Named   Kind = iota + 1 // a named group from actors.tsv
	Regime                  // a name of a country's ruling power (state_forces.tsv aliases)
	Agent                   // a generic agent: police, soldiers, gunmen, protesters ...
	Country                 // a country name or demonym alone
)

// ACLED inter codes.
const (
	InterState      = 1
	InterRebel      = 2
	InterPolitical  = 3
	InterIdentity   = 4
	InterRioters    = 5
	InterProtesters = 6
	InterCivilians  = 7
	InterExternal   = 8
)

// Mention is an actor noun phrase found in text, such as "Taliban security
// forces" or "IS-affiliated militants".
type Mention struct {
	sitrep.Span     // byte offsets into text, End exclusive
	First, Last int // token indices, Last exclusive
	Kind        Kind
	// Named holds the named actors the phrase may denote (one alias may
	// name a group in several periods); Regimes the ruling powers.
	Named   []*lexicon.Actor
	Regimes []*lexicon.StateForces
	// Agent is the generic agent the phrase's head denotes, if any.
	Agent *lexicon.Agent
	// Country is the ISO2 code of the country named by or qualifying the
	// phrase ("Turkish soldiers" -> TR), "" when none.
	Country string
	// Demonym is true when Country comes from an adjective ("Afghan").
	Demonym bool
}

// Armed reports whether the mention denotes an armed, organised actor.
func (m *Mention) Armed() bool {
	switch m.Kind {
	case Named, Regime:
		return true
	case Agent:
		return m.Agent.Inter >= 1 && m.Agent.Inter <= 4 || m.Agent.Inter == InterExternal
	}
	return false
}

// Civilian reports whether the mention denotes unarmed people.
func (m *Mention) Civilian() bool {
	return m.Kind == Agent && m.Agent.Inter == InterCivilians
}

// Protesters reports whether the mention denotes protesters or rioters.
func (m *Mention) Protesters() bool {
	return m.Kind == Agent && (m.Agent.Inter == InterProtesters || m.Agent.Inter == InterRioters)
}

// State reports whether the mention denotes state forces.
func (m *Mention) State() bool {
	if m.Kind == Regime {
		return true
	}
	if m.Kind == Agent && m.Agent.Inter == InterState {
		return true
	}
	return false
}

type cand struct {
	named   *lexicon.Actor
	regime  *lexicon.StateForces
	agent   *lexicon.Agent
	country string // ISO2
	demonym bool
	// caps is true for a name of two capitalised words or more ("Sinai
	// Province"): the text must capitalise them too, so "North Sinai
	// province" (a place) is not the group.
	caps bool
}

// Matcher finds actor mentions. It is safe for concurrent use.
type Matcher struct {
	dict      phrase.Dict[*cand]
	countries map[string]lexicon.Country // by ISO2
	forces    map[string][]*lexicon.StateForces
	// bounds are the days on which some period of a named actor or of
	// state forces starts or ends, sorted: between two of them, Resolve
	// answers alike for every day.
	bounds []time.Time
}

// memberSuffixes are what follows a hyphen to make a group's member out of
// its name: "IS-affiliated militants".
var memberSuffixes = map[string]bool{
	"affiliated": true, "linked": true, "aligned": true, "inspired": true,
	"led": true, "loyal": true, "allied": true,
}

// New builds a Matcher from the embedded lexicon.
func New() (*Matcher, error) {
	countries, err := lexicon.Countries()
	if err != nil {
		return nil, err
	}
	actors, err := lexicon.Actors()
	if err != nil {
		return nil, err
	}
	forces, err := lexicon.Forces()
	if err != nil {
		return nil, err
	}
	agents, err := lexicon.Agents()
	if err != nil {
		return nil, err
	}
	return build(countries, actors, forces, agents)
}

func build(countries []lexicon.Country, actors []lexicon.Actor, forces []lexicon.StateForces, agents []lexicon.Agent) (*Matcher, error) {
	m := &Matcher{
		countries: make(map[string]lexicon.Country, len(countries)),
		forces:    make(map[string][]*lexicon.StateForces),
	}
	add := func(p string, c *cand) error {
		// "the Taliban" is "Taliban": the article is not part of the name.
		if len(p) > 4 && strings.EqualFold(p[:4], "the ") {
			p = p[4:]
		}
		if c.named != nil || c.regime != nil {
			cc := *c
			cc.caps = capitalisedName(p)
			c = &cc
		}
		if err := m.dict.Add(p, c, exactAlias(p)); err != nil {
			return fmt.Errorf("actor: %w", err)
		}
		return nil
	}
	for _, c := range countries {
		m.countries[c.ISO2] = c
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if err := add(n, &cand{country: c.ISO2}); err != nil {
				return nil, err
			}
		}
		for _, d := range c.Demonyms {
			if err := add(d, &cand{country: c.ISO2, demonym: true}); err != nil {
				return nil, err
			}
		}
	}
	for i := range actors {
		a := &actors[i]
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if err := add(n, &cand{named: a, country: a.Country}); err != nil {
				return nil, err
			}
		}
	}
	for i := range forces {
		f := &forces[i]
		m.forces[f.Country] = append(m.forces[f.Country], f)
		for _, n := range f.Aliases {
			if err := add(n, &cand{regime: f, country: f.Country}); err != nil {
				return nil, err
			}
		}
	}
	for i := range agents {
		a := &agents[i]
		for _, t := range a.Terms {
			if err := add(t, &cand{agent: a}); err != nil {
				return nil, err
			}
		}
	}
	for _, a := range actors {
		m.bounds = append(m.bounds, a.From, a.To)
	}
	for _, f := range forces {
		m.bounds = append(m.bounds, f.From, f.To)
	}
	m.bounds = slices.DeleteFunc(m.bounds, time.Time.IsZero)
	slices.SortFunc(m.bounds, time.Time.Compare)
	m.bounds = slices.CompactFunc(m.bounds, time.Time.Equal)
	return m, nil
}

// Epoch returns the period of the lexicon that day falls in: Resolve
// gives the same answer for two days of the same epoch, whatever the
// mention and country. The zero day is today, as in Resolve.
func (mt *Matcher) Epoch(day time.Time) int {
	if day.IsZero() {
		day = time.Now()
	}
	// The number of bounds on or before day: within(day, from, to) only
	// changes on a bound.
	return sort.Search(len(mt.bounds), func(i int) bool { return day.Before(mt.bounds[i]) })
}

// exactAlias reports whether an alias must match as written: acronyms and
// short names that are ordinary words in lower case ("IS", "US", "IEA").
func exactAlias(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && (letters <= 3 && upper > 0 || upper == letters && letters <= 6)
}

// Find returns the actor mentions in toks[from:to] (typically a sentence),
// adjacent parts joined into one phrase ("Taliban" + "security forces").
func (m *Matcher) Find(text string, toks []segment.Token, from, to int) []Mention {
	return m.AppendFind(nil, text, toks, from, to)
}

// scratch holds the buffers of one AppendFind call.
type scratch struct {
	raw     []phrase.Match[*cand]
	longest phrase.Chooser[*cand]
	groups  []group
	cands   []*cand
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// AppendFind appends the mentions Find returns to dst and returns the
// extended slice. Calling it once per sentence with one dst saves an
// allocation per sentence.
func (m *Matcher) AppendFind(dst []Mention, text string, toks []segment.Token, from, to int) []Mention {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	raw := m.dict.AppendFind(sc.raw[:0], text, toks, from, to)
	// Hyphenated membership: "IS-affiliated".
	for i := from; i < to; i++ {
		if toks[i].Kind != segment.Word {
			continue
		}
		t := toks[i].Text(text)
		if k := strings.LastIndexByte(t, '-'); k > 0 && memberSuffix(t[k+1:]) {
			for _, c := range m.dict.Lookup(t[:k]) {
				if c.named != nil || c.regime != nil {
					raw = append(raw, phrase.Match[*cand]{First: i, Last: i + 1, Value: c, Len: 1})
				}
			}
		}
	}
	// A capitalised name must stand capitalised in the text.
	kept := raw[:0]
	for _, x := range raw {
		if x.Value.caps && !allUpper(text, toks, x.First, x.Last) {
			continue
		}
		kept = append(kept, x)
	}
	raw = kept
	sc.raw = raw
	base := len(dst)
	for _, g := range sc.keepAll(raw) {
		mm := Mention{First: g.First, Last: g.Last}
		for _, c := range sc.cands[g.from:g.to] {
			mm.add(c)
		}
		if mm.Kind == 0 {
			continue
		}
		// Join with the previous phrase when adjacent, or separated by a
		// possessive: "ISIS's militants", "Taliban security forces".
		if n := len(dst); n > base && joinable(text, toks, dst[n-1].Last, mm.First) {
			prev := &dst[n-1]
			prev.merge(&mm)
			prev.Last = mm.Last
			continue
		}
		dst = append(dst, mm)
	}
	for i := base; i < len(dst); i++ {
		dst[i].Start = toks[dst[i].First].Start
		dst[i].End = toks[dst[i].Last-1].End
	}
	return dst
}

// memberSuffix reports whether s, lower-cased, is one of memberSuffixes.
func memberSuffix(s string) bool {
	var buf [16]byte
	if len(s) > len(buf) {
		return memberSuffixes[strings.ToLower(s)]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return memberSuffixes[strings.ToLower(s)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return memberSuffixes[string(buf[:len(s)])]
}

// group is the set of candidates of one span: cands[from:to] of the
// scratch.
type group struct {
	First, Last int
	from, to    int
}

// keepAll keeps the longest non-overlapping spans, with every candidate
// that matched exactly that span.
func (sc *scratch) keepAll(ms []phrase.Match[*cand]) []group {
	best := sc.longest.Longest(ms)
	out := sc.groups[:0]
	cands := sc.cands[:0]
	for _, b := range best {
		g := group{First: b.First, Last: b.Last, from: len(cands)}
		// Every candidate of the span, and of the spans it ends with:
		// "Taliban" in "Taliban security forces" may name a regime.
		for _, x := range ms {
			if x.First >= b.First && x.Last == b.Last {
				cands = append(cands, x.Value)
			}
		}
		g.to = len(cands)
		out = append(out, g)
	}
	sc.groups, sc.cands = out, cands
	return out
}

func joinable(text string, toks []segment.Token, prevLast, first int) bool {
	if prevLast == first {
		return true
	}
	if first == prevLast+1 {
		t := toks[prevLast].Text(text)
		return t == "'s" || t == "’s"
	}
	return false
}

func (m *Mention) add(c *cand) {
	switch {
	case c.named != nil:
		m.Named = append(m.Named, c.named)
		if m.Kind != Named && m.Kind != Regime {
			m.Kind = Named
		}
		if m.Country == "" {
			m.Country = c.country
		}
	case c.regime != nil:
		m.Regimes = append(m.Regimes, c.regime)
		if m.Kind != Regime {
			m.Kind = Regime
		}
		m.Country = c.country
	case c.agent != nil:
		if m.Agent == nil {
			m.Agent = c.agent
		}
		if m.Kind == 0 || m.Kind == Country {
			m.Kind = Agent
		}
	case c.country != "":
		if m.Country == "" {
			m.Country, m.Demonym = c.country, c.demonym
		}
		if m.Kind == 0 {
			m.Kind = Country
		}
	}
}

// merge folds o, which follows m, into m: a named group or regime wins
// over an agent, whose head still says what kind of force it is.
func (m *Mention) merge(o *Mention) {
	m.Named = append(m.Named, o.Named...)
	m.Regimes = append(m.Regimes, o.Regimes...)
	if o.Agent != nil {
		m.Agent = o.Agent
	}
	if m.Country == "" || (m.Kind == Country && o.Kind != Country && o.Country != "") {
		if o.Country != "" {
			m.Country, m.Demonym = o.Country, o.Demonym
		}
	}
	rank := func(k Kind) int {
		switch k {
		case Regime:
			return 4
		case Named:
			return 3
		case Agent:
			return 2
		case Country:
			return 1
		}
		return 0
	}
	if rank(o.Kind) > rank(m.Kind) {
		m.Kind = o.Kind
	}
}

// Resolved is a mention resolved to ACLED's naming.
type Resolved struct {
	Name    string // canonical actor name: "Military Forces of Afghanistan (2021-)"
	Inter   int    // ACLED inter code
	Country string // ISO2 of the actor's country, "" when transnational or unknown
	State   bool   // state forces of Country
	Base    string // the named group without country qualification ("Islamic State")
	Assoc   string // ACLED's associated actor of a generic agent ("Students (Kenya)"), "" when none
}

// Resolve names the actor of m for an event in country (ISO2, "" when
// unknown) on day (zero when unknown).
//
// Without a day, which group a name means is read as of today (the
// Taliban rule Afghanistan now), but state forces are named without the
// period of a government: ACLED's period names whose forces they were on
// the event's day, and a report that gives no day does not say that (a
// 2009 report read today is no report on today's forces).
func (mt *Matcher) Resolve(m *Mention, country string, day time.Time) Resolved {
	if !day.IsZero() {
		return mt.resolve(m, country, day)
	}
	r := mt.resolve(m, country, time.Now())
	if r.State {
		r.Name, r.Base = stripPeriod(r.Name), stripPeriod(r.Base)
	}
	return r
}

func (mt *Matcher) resolve(m *Mention, country string, day time.Time) Resolved {
	if country == "" {
		country = m.Country
	}
	// A ruling power valid on the day wins: the Taliban after August 2021.
	for _, f := range m.Regimes {
		if within(day, f.From, f.To) {
			return mt.stateForces(f, m.Agent)
		}
	}
	if a := pickNamed(m.Named, day); a != nil {
		r := Resolved{Name: a.ACLEDName(""), Inter: a.Inter, Country: a.Country, Base: a.ACLEDName("")}
		if a.QualifyByCountry && country != "" {
			if c, ok := mt.countries[country]; ok {
				r.Name = a.ACLEDName(c.Name)
				r.Country = country
			}
		}
		return r
	}
	if len(m.Regimes) > 0 { // a regime name out of its period: the latest one, or before them all none
		earliest := m.Regimes[0]
		for _, f := range m.Regimes[1:] {
			if f.From.Before(earliest.From) {
				earliest = f
			}
		}
		if !earliest.From.IsZero() && day.Before(earliest.From) {
			return mt.stateForces(withoutPeriod(earliest), m.Agent)
		}
		return mt.stateForces(m.Regimes[len(m.Regimes)-1], m.Agent)
	}
	c := m.Country
	if c == "" {
		c = country
	}
	if m.Agent != nil {
		return mt.agent(m.Agent, c, day)
	}
	if m.Kind == Country && c != "" {
		// A country acting: its state forces.
		if f, ok := mt.forcesAt(c, day); ok {
			return mt.stateForces(f, nil)
		}
	}
	return Resolved{}
}

func (mt *Matcher) stateForces(f *lexicon.StateForces, head *lexicon.Agent) Resolved {
	name := f.Military
	if head != nil && head.Kind == "police" && f.Police != "" {
		name = f.Police
	}
	return Resolved{Name: name, Inter: InterState, Country: f.Country, State: true, Base: name}
}

func (mt *Matcher) agent(a *lexicon.Agent, country string, day time.Time) Resolved {
	name := a.Template
	r := Resolved{Inter: a.Inter, Country: country}
	if strings.Contains(name, "{military}") || strings.Contains(name, "{police}") {
		f, ok := mt.forcesAt(country, day)
		if !ok {
			return Resolved{}
		}
		res := mt.stateForces(f, a)
		if strings.Contains(name, "{military}") {
			res = mt.stateForces(f, nil)
		}
		return res
	}
	cname := ""
	if c, ok := mt.countries[country]; ok {
		cname = c.Name
	}
	if a.Assoc != "" && cname != "" {
		r.Assoc = strings.ReplaceAll(a.Assoc, "{country}", cname)
	}
	if cname == "" {
		name = strings.TrimSpace(strings.ReplaceAll(name, "({country})", ""))
		name = strings.TrimSpace(strings.ReplaceAll(name, "{country}", ""))
	} else {
		name = strings.ReplaceAll(name, "{country}", cname)
	}
	r.Name, r.Base = name, name
	return r
}

func (mt *Matcher) forcesAt(country string, day time.Time) (*lexicon.StateForces, bool) {
	fs := mt.forces[country]
	for _, f := range fs {
		if within(day, f.From, f.To) {
			return f, true
		}
	}
	if len(fs) > 0 {
		latest, earliest := fs[0], fs[0]
		for _, f := range fs[1:] {
			if f.From.After(latest.From) {
				latest = f
			}
			if f.From.Before(earliest.From) {
				earliest = f
			}
		}
		// ACLED names state forces by the government they serve on the
		// event's day. A day before every period we know has a government
		// we cannot name: the forces without a period ("Police Forces of
		// India"), not a later government's.
		if !day.IsZero() && !earliest.From.IsZero() && day.Before(earliest.From) {
			return withoutPeriod(earliest), true
		}
		return latest, true
	}
	return nil, false
}

// withoutPeriod returns f with the period suffix dropped from its names:
// "Military Forces of India (2014-)" -> "Military Forces of India".
func withoutPeriod(f *lexicon.StateForces) *lexicon.StateForces {
	g := *f
	g.From, g.To = time.Time{}, f.From
	g.Military, g.Police = stripPeriod(f.Military), stripPeriod(f.Police)
	return &g
}

// stripPeriod drops a trailing parenthesised period of years: " (2014-)",
// " (2009-2017)".
func stripPeriod(name string) string {
	i := strings.LastIndex(name, " (")
	if i < 0 || !strings.HasSuffix(name, ")") {
		return name
	}
	for _, r := range name[i+2 : len(name)-1] {
		if (r < '0' || r > '9') && r != '-' {
			return name
		}
	}
	return name[:i]
}

// CountryName returns the ACLED name of the country with code iso2.
func (mt *Matcher) CountryName(iso2 string) string {
	return mt.countries[iso2].Name
}

func pickNamed(as []*lexicon.Actor, day time.Time) *lexicon.Actor {
	var fallback *lexicon.Actor
	for _, a := range as {
		if within(day, a.From, a.To) {
			return a
		}
		if fallback == nil {
			fallback = a
		}
	}
	return fallback
}

func within(day, from, to time.Time) bool {
	return (from.IsZero() || !day.Before(from)) && (to.IsZero() || day.Before(to))
}

// capitalisedName reports whether every word of name starts with a
// capital and there are two words or more.
func capitalisedName(name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// allUpper reports whether every word token of toks[first:last] starts
// with a capital.
func allUpper(text string, toks []segment.Token, first, last int) bool {
	for k := first; k < last; k++ {
		if toks[k].Kind == segment.Word && !toks[k].Upper {
			if w := toks[k].Text(text); w == "'s" || w == "’s" {
				continue
			}
			return false
		}
	}
	return true
}
