// Package pipeline wires the annotation stages together: text -> sentences
// and tokens -> numbers, dates, actors, places, people, claims, triggers ->
// events. It holds no stage logic of its own.
package pipeline

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"io"
	"log/slog"
	"sort"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/number"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/event"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// Options configure a Pipeline.
type Options struct {
	// Logger receives warnings; nil discards them.
	Logger *slog.Logger
	// Gazetteer resolves places; nil uses gazetteer.Default() (the
	// embedded gazetteer and the user's imported places).
	Gazetteer *gazetteer.Gazetteer
	// Explain, when set, receives a trace of how events were built.
	Explain io.Writer
	// Now bounds inferred reference dates (an article is not from the
	// future); the zero time means time.Now().
	Now time.Time
}

// Pipeline turns documents into mentions and events. It is safe for
// concurrent use.
type Pipeline struct {
	opts    Options
	dates   *date.Finder
	numbers *number.Finder
	actors  *actor.Matcher
	places  *place.Resolver
	people  *person.Finder
	cues    *claim.Finder
	events  *event.Builder
}

// New returns a Pipeline with the embedded data.
func New(opts Options) (*Pipeline, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	p := &Pipeline{opts: opts}
	var err error
	if p.dates, err = date.Default(); err != nil {
		return nil, err
	}
	if p.numbers, err = number.Default(); err != nil {
		return nil, err
	}
	if p.actors, err = actor.New(); err != nil {
		return nil, err
	}
	g := opts.Gazetteer
	if g == nil {
		if g, err = gazetteer.Default(); err != nil {
			return nil, err
		}
	}
	p.places = place.New(g)
	if p.people, err = person.New(); err != nil {
		return nil, err
	}
	if p.cues, err = claim.New(); err != nil {
		return nil, err
	}
	if p.events, err = event.New(p.actors); err != nil {
		return nil, err
	}
	p.events.Explain = opts.Explain
	return p, nil
}

// annotate runs every stage but the event builder.
func (p *Pipeline) annotate(doc *sitrep.Document) *event.Input {
	text := doc.Text
	body := doc.BodySpan()
	in := &event.Input{Doc: doc}
	in.Sents, in.Toks = segment.Split(text, body)
	in.Sents = capSentences(text, in.Sents, in.Toks)

	// The reference date: given, from metadata, else inferred (from the
	// same reading of the text that finds the dates).
	switch {
	case !doc.Published.IsZero():
		in.Ref, in.Basis = truncDay(doc.Published), doc.PublishedBasis
		if in.Basis == "" {
			in.Basis = sitrep.BasisGiven
		}
		in.Dates = p.dates.Find(text, body, in.Ref)
	default:
		now := p.opts.Now
		if now.IsZero() {
			now = time.Now()
		}
		var ref time.Time
		var ok bool
		if in.Dates, ref, ok = p.dates.FindInferred(text, body, now); ok {
			in.Ref, in.Basis = ref, sitrep.BasisInferred
		}
	}
	in.Numbers = p.numbers.Find(text, in.Toks)

	pms := p.places.Annotate(text, in.Sents, in.Toks)
	for _, m := range pms {
		if m.Adjective {
			// "Afghan", "Turkish": names a country, is no event's place.
			in.Adjectives = append(in.Adjectives, toEventPlace(m))
			continue
		}
		in.Places = append(in.Places, event.Place{
			Start: m.Start, End: m.End, Text: m.Text, Name: locationName(m.Text, m.Name),
			GeonameID: m.Place.ID, Lat: m.Place.Lat, Lon: m.Place.Lon,
			CountryCode: m.Place.CountryCode, Country: m.Place.Country,
			Admin1: m.Place.Admin1, Admin2: m.Place.Admin2, FeatureCode: m.Place.FeatureCode,
			Precision: m.Precision,
		})
	}

	n := len(in.Sents)
	// Each stage appends the mentions of every sentence to one slice;
	// ends[si] marks where sentence si's end, and perSentence cuts the
	// slice up afterwards.
	ends := make([]int, n)
	var actors []actor.Mention
	for si, s := range in.Sents {
		actors = p.actors.AppendFind(actors, text, in.Toks, s.First, s.Last)
		ends[si] = len(actors)
	}
	in.Actors = perSentence(actors, ends)
	// A named group wins over a place inside it: "the Khorasan branch".
	in.Places = dropInsideActors(in)
	taken := make([]bool, len(in.Toks))
	markBytes := func(start, end int) {
		i := sort.Search(len(in.Toks), func(i int) bool { return in.Toks[i].End > start })
		for ; i < len(in.Toks) && in.Toks[i].Start < end; i++ {
			taken[i] = true
		}
	}
	for _, pl := range in.Places {
		markBytes(pl.Start, pl.End)
	}
	for _, d := range in.Dates {
		markBytes(d.Start, d.End)
	}
	// A country or demonym ends a name where it would start one ("Russian
	// President Vladimir Putin") but may close one ("Ustad Salman
	// Tajikistani").
	country := make([]bool, len(in.Toks))
	isTaken := func(i int) bool {
		if taken[i] {
			return true
		}
		if !country[i] {
			return false
		}
		return i == 0 || !in.Toks[i-1].Upper || in.Toks[i-1].Kind != segment.Word || taken[i-1] || country[i-1]
	}
	var people []person.Mention
	for si, s := range in.Sents {
		for _, a := range in.Actors[si] {
			for k := a.First; k < a.Last; k++ {
				if a.Kind != actor.Country {
					taken[k] = true
				} else {
					country[k] = true
				}
			}
		}
		people = p.people.AppendFind(people, text, in.Toks, s.First, s.Last, isTaken)
		ends[si] = len(people)
	}
	in.People = perSentence(people, ends)
	var cues []claim.Cue
	for si, s := range in.Sents {
		cues = p.cues.AppendFind(cues, text, in.Toks, s.First, s.Last)
		ends[si] = len(cues)
	}
	in.Cues = perSentence(cues, ends)
	// A person's alias is not a place: "Asad Laghmani, known as ‘Qais’".
	in.Places = dropPersonAliases(in)
	return in
}

// perSentence cuts all into the mentions of each sentence: sentence si
// has all[ends[si-1]:ends[si]], nil when it has none. Each part's capacity
// ends where it does.
func perSentence[T any](all []T, ends []int) [][]T {
	out := make([][]T, len(ends))
	start := 0
	for si, end := range ends {
		if end > start {
			out[si] = all[start:end:end]
		}
		start = end
	}
	return out
}

func dropPersonAliases(in *event.Input) []event.Place {
	out := in.Places[:0]
	for _, pl := range in.Places {
		keep := true
		for _, ps := range in.People {
			for _, pm := range ps {
				for _, a := range pm.AliasSpans {
					if a.Overlaps(sitrep.Span{Start: pl.Start, End: pl.End}) {
						keep = false
					}
				}
			}
		}
		if keep {
			out = append(out, pl)
		}
	}
	return out
}

// asciiName spells a place name as ACLED does, without diacritics:
// "Mazār-e Sharīf" -> "Mazar-e Sharif".
func asciiName(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ʿ', 'ʾ', '‘', '’', '`':
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func truncDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Extract returns the events of doc.
func (p *Pipeline) Extract(doc *sitrep.Document) []sitrep.Event {
	in := p.annotate(doc)
	return p.events.Build(in)
}

// Annotate returns every mention found in doc, sorted by (Start, End).
func (p *Pipeline) Annotate(doc *sitrep.Document) []sitrep.Mention {
	in := p.annotate(doc)
	text := doc.Text
	src := doc.ID
	var out []sitrep.Mention
	add := func(m sitrep.Mention) {
		m.Source = src
		m.Text = text[m.Start:m.End]
		out = append(out, m)
	}
	for _, d := range in.Dates {
		m := sitrep.Mention{Kind: sitrep.KindDate, Start: d.Start, End: d.End}
		if d.Value != "" {
			m.Value = d.Value
		}
		add(m)
	}
	for _, n := range in.Numbers {
		m := sitrep.Mention{Kind: sitrep.KindNumber, Start: n.Start, End: n.End, Value: n.Value}
		if n.Ordinal {
			m.Label = "ordinal"
		}
		add(m)
	}
	for _, list := range [][]event.Place{in.Places, in.Adjectives} {
		for _, pl := range list {
			lat, lon := pl.Lat, pl.Lon
			m := sitrep.Mention{Kind: sitrep.KindPlace, Start: pl.Start, End: pl.End, Name: pl.Name,
				GeonameID: pl.GeonameID, Latitude: &lat, Longitude: &lon, Country: pl.Country,
				Admin1: pl.Admin1, Admin2: pl.Admin2, FeatureCode: pl.FeatureCode}
			if pl.Adjective {
				m.Label = "adjective"
			}
			add(m)
		}
	}
	country := ""
	for _, pl := range in.Places {
		if pl.CountryCode != "" {
			country = pl.CountryCode
			break
		}
	}
	triggers := p.events.Triggers(in)
	for si := range in.Sents {
		for _, a := range in.Actors[si] {
			if a.Kind == actor.Country && a.Demonym {
				continue
			}
			r := p.actors.Resolve(&a, country, in.Ref)
			if r.Name == "" {
				continue
			}
			add(sitrep.Mention{Kind: sitrep.KindActor, Start: a.Start, End: a.End, Name: r.Name})
		}
		for _, pm := range in.People[si] {
			add(sitrep.Mention{Kind: sitrep.KindPerson, Start: pm.Start, End: pm.End, Name: pm.Name, Label: pm.Role})
		}
		for _, c := range in.Cues[si] {
			add(sitrep.Mention{Kind: sitrep.KindClaim, Start: c.Start, End: c.End, Label: c.Stance})
		}
		for _, t := range triggers[si] {
			if t.Class[:min(4, len(t.Class))] == "ctx:" {
				continue
			}
			m := sitrep.Mention{Kind: sitrep.KindTrigger, Start: t.Start, End: t.End, Name: t.Class}
			if t.Suppressed != "" {
				m.Label = t.Suppressed
			}
			add(m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out
}

func dropInsideActors(in *event.Input) []event.Place {
	out := in.Places[:0]
	for _, pl := range in.Places {
		keep := true
		si := sort.Search(len(in.Sents), func(i int) bool { return in.Sents[i].End > pl.Start })
		if si < len(in.Sents) {
			for _, a := range in.Actors[si] {
				if (a.Kind == actor.Named || a.Kind == actor.Regime) && a.Start <= pl.Start && pl.End <= a.End {
					keep = false
				}
			}
		}
		if keep {
			out = append(out, pl)
		} else if pl.Admin1 == "" && strings.HasPrefix(pl.FeatureCode, "PCL") {
			// "US Army", "U.S. military base": the country still names a
			// place for annotation, never an event's location.
			pl.Adjective = true
			in.Adjectives = append(in.Adjectives, pl)
		}
	}
	return out
}

// maxSentenceTokens bounds a sentence: text with no sentence ends (a
// table, a list without punctuation, junk) is cut into pieces this long,
// so that the per-sentence stages stay linear in the document's length.
const maxSentenceTokens = 200

func capSentences(text string, sents []segment.Sentence, toks []segment.Token) []segment.Sentence {
	long := false
	for _, s := range sents {
		if s.Last-s.First > maxSentenceTokens {
			long = true
			break
		}
	}
	if !long {
		return sents
	}
	out := make([]segment.Sentence, 0, len(sents)+len(toks)/maxSentenceTokens)
	for _, s := range sents {
		for s.Last-s.First > maxSentenceTokens {
			cut := s.First + maxSentenceTokens
			// Prefer to cut after a comma or semicolon in the last quarter.
			for k := cut - 1; k > s.First+maxSentenceTokens*3/4; k-- {
				if t := toks[k]; t.Kind == segment.Punct && (text[t.Start] == ',' || text[t.Start] == ';') {
					cut = k + 1
					break
				}
			}
			out = append(out, segment.Sentence{Start: toks[s.First].Start, End: toks[cut-1].End, First: s.First, Last: cut})
			s.First = cut
			s.Start = toks[cut].Start
		}
		out = append(out, s)
	}
	return out
}

// placeAffixes are words around a place name in text that are not part of
// the name: "northern Jawzjan province", "Kabul city".
var placePrefixes = []string{"the ", "northern ", "southern ", "eastern ", "western ", "central ",
	"north ", "south ", "east ", "west ", "northeastern ", "northwestern ", "southeastern ", "southwestern "}
var placeSuffixes = []string{" province", " city", " district", " village", " town", " governorate",
	" region", " state", " county", " Province", " City", " District", " Governorate", " Region", " State"}

// locationName is how an event's location is written: as the article
// spells the place when the mention is the bare name ("Raqqa", "Tal
// Rifaat", as ACLED's coders write them), else the gazetteer's name
// without diacritics ("Mazar-e Sharif" for "the 5th, 8th and 10th
// districts of Balkh province").
func locationName(text, name string) string {
	t := text
	for _, p := range placePrefixes {
		if len(t) > len(p) && strings.EqualFold(t[:len(p)], p) {
			t = t[len(p):]
		}
	}
	for _, sfx := range placeSuffixes {
		t = strings.TrimSuffix(t, sfx)
	}
	plain := t != "" && len(strings.Fields(t)) <= 3
	caps := true
	for i, r := range t {
		switch {
		case unicode.IsLetter(r):
			if i == 0 && !unicode.IsUpper(r) {
				plain = false
			}
			if unicode.IsLower(r) {
				caps = false
			}
		case r == ' ' || r == '-' || r == '\'':
		default:
			plain = false
		}
	}
	if plain && !caps && !strings.Contains(t, " of ") {
		return asciiName(t)
	}
	return asciiName(name)
}

func toEventPlace(m place.Mention) event.Place {
	return event.Place{
		Start: m.Start, End: m.End, Text: m.Text, Name: locationName(m.Text, m.Name),
		GeonameID: m.Place.ID, Lat: m.Place.Lat, Lon: m.Place.Lon,
		CountryCode: m.Place.CountryCode, Country: m.Place.Country,
		Admin1: m.Place.Admin1, Admin2: m.Place.Admin2, FeatureCode: m.Place.FeatureCode,
		Precision: m.Precision, Adjective: m.Adjective,
	}
}
