package annotate

import (
	"context"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/number"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// Segment adds sentences and tokens.
type Segment struct{}

// Name implements Stage.
func (Segment) Name() string { return "segment" }

// Annotate implements Stage.
func (Segment) Annotate(_ context.Context, d *Doc) error {
	d.Sents, d.Toks = segment.Split(d.Text, d.BodySpan())
	d.Sents = capSentences(d.Text, d.Sents, d.Toks)
	return nil
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

// Dates adds the reference date and the dates: the publication date when
// the document has one, else the date inferred from the text (never after
// Now; the zero Now means time.Now()).
type Dates struct {
	Finder *date.Finder
	Now    time.Time
}

// Name implements Stage.
func (Dates) Name() string { return "date" }

// Annotate implements Stage.
func (s Dates) Annotate(_ context.Context, d *Doc) error {
	body := d.BodySpan()
	switch {
	case d.Head != nil && !d.Head.Ref.IsZero():
		// A later window of a long document: the document's date.
		d.Ref, d.Basis = d.Head.Ref, d.Head.Basis
		d.Dates.All = s.Finder.Find(d.Text, body, d.Ref)
	case !d.Published.IsZero():
		d.Ref, d.Basis = d.Published.Time(), d.PublishedBasis
		if d.Basis == "" {
			d.Basis = sitrep.BasisGiven
		}
		d.Dates.All = s.Finder.Find(d.Text, body, d.Ref)
	default:
		now := s.Now
		if now.IsZero() {
			now = time.Now()
		}
		exprs, ref, ok := s.Finder.FindInferred(d.Text, body, now)
		d.Dates.All = exprs
		if ok {
			d.Ref, d.Basis = ref, sitrep.BasisInferred
		}
	}
	// Durations, sets and references date no event: they leave the
	// layer the event stage reads.
	kept := d.Dates.All[:0]
	d.Timexes = nil
	for _, e := range d.Dates.All {
		if e.NoEventDate {
			d.Timexes = append(d.Timexes, e)
		} else {
			kept = append(kept, e)
		}
	}
	d.Dates.All = kept
	d.Dates.Index(d.Sents, dateSpan)
	return nil
}

// Numbers adds the numbers.
type Numbers struct{ Finder *number.Finder }

// Name implements Stage.
func (Numbers) Name() string { return "number" }

// Annotate implements Stage.
func (s Numbers) Annotate(_ context.Context, d *Doc) error {
	d.Numbers.All = s.Finder.Find(d.Text, d.Toks)
	d.Numbers.Index(d.Sents, numberSpan)
	return nil
}

// Places adds the places, each with the location name to print, and the
// adjectives that name a country.
type Places struct{ Resolver *place.Resolver }

// Name implements Stage.
func (Places) Name() string { return "place" }

// Annotate implements Stage.
func (s Places) Annotate(_ context.Context, d *Doc) error {
	for _, m := range s.Resolver.Annotate(d.Text, d.Sents, d.Toks) {
		m.Name = place.LocationName(m.Text, m.Name)
		if m.Adjective {
			// "Afghan", "Turkish": names a country, is no event's place.
			d.Adjectives = append(d.Adjectives, m)
			continue
		}
		d.Places.All = append(d.Places.All, m)
	}
	d.Places.Index(d.Sents, placeSpan)
	return nil
}

// Actors adds the actors of every sentence. A named group wins over a
// place inside it ("the Khorasan branch"): such a place becomes an
// adjective.
type Actors struct{ Matcher *actor.Matcher }

// Name implements Stage.
func (Actors) Name() string { return "actor" }

// Annotate implements Stage.
func (s Actors) Annotate(_ context.Context, d *Doc) error {
	for si, sent := range d.Sents {
		d.Actors.All = s.Matcher.AppendFind(d.Actors.All, d.Text, d.Toks, sent.First, sent.Last)
		d.Actors.Close(si, len(d.Sents))
	}
	d.Places.Filter(d.Sents, placeSpan, func(pl *place.Mention) bool {
		si := d.SentenceAt(pl.Start)
		for _, a := range d.Actors.In(si) {
			if (a.Kind == actor.Named || a.Kind == actor.Regime) && a.Start <= pl.Start && pl.End <= a.End {
				if pl.Admin1 == "" && len(pl.FeatureCode) >= 3 && pl.FeatureCode[:3] == "PCL" {
					// "US Army", "U.S. military base": the country still
					// names a place for annotation, never an event's
					// location.
					adj := *pl
					adj.Adjective = true
					d.Adjectives = append(d.Adjectives, adj)
				}
				return false
			}
		}
		return true
	})
	return nil
}

// People adds the named people of every sentence. Tokens already taken by
// a place, a date or an actor start no name; a country or demonym ends a
// name where it would start one ("Russian President Vladimir Putin") but
// may close one ("Ustad Salman Tajikistani").
type People struct{ Finder *person.Finder }

// Name implements Stage.
func (People) Name() string { return "person" }

// Annotate implements Stage.
func (s People) Annotate(_ context.Context, d *Doc) error {
	toks := d.Toks
	taken := make([]bool, len(toks))
	markBytes := func(sp sitrep.Span) {
		for i := d.TokenAt(sp.Start); i < len(toks) && toks[i].Start < sp.End; i++ {
			taken[i] = true
		}
	}
	for _, pl := range d.Places.All {
		markBytes(pl.Span)
	}
	for _, e := range d.Dates.All {
		markBytes(e.Span)
	}
	// blocked: tokens no organisation's name holds (dates, people);
	// group: tokens of the actors found, whose names are theirs.
	blocked := make([]bool, len(toks))
	group := make([]bool, len(toks))
	for _, e := range d.Dates.All {
		for i := d.TokenAt(e.Start); i < len(toks) && toks[i].Start < e.End; i++ {
			blocked[i] = true
		}
	}
	country := make([]bool, len(toks))
	isTaken := func(i int) bool {
		if taken[i] {
			return true
		}
		if !country[i] {
			return false
		}
		return i == 0 || !toks[i-1].Upper || toks[i-1].Kind != segment.Word || taken[i-1] || country[i-1]
	}
	// The pre-pass also skips demonyms: "the Kurdish administration".
	adjective := make([]bool, len(toks))
	for _, pl := range d.Adjectives {
		for i := d.TokenAt(pl.Start); i < len(toks) && toks[i].Start < pl.End; i++ {
			adjective[i] = true
		}
	}
	doc := s.Finder.NewDocument(d.Text, toks, func(i int) bool { return taken[i] || adjective[i] })
	for si, sent := range d.Sents {
		for _, a := range d.Actors.In(si) {
			for k := a.First; k < a.Last; k++ {
				if doc.Ruler(toks[k].Text(d.Text)) {
					continue // "the Haddad regime": Haddad is a person too
				}
				if a.Kind != actor.Country {
					taken[k] = true
					group[k] = true
				} else {
					country[k] = true
				}
			}
		}
		d.People.All = s.Finder.AppendFindDoc(d.People.All, d.Text, toks, sent.First, sent.Last, isTaken, doc)
		d.People.Close(si, len(d.Sents))
		d.Offices = s.Finder.AppendOffices(d.Offices, d.Text, toks, sent.First, sent.Last, isTaken, d.People.In(si))
		for _, pm := range d.People.In(si) {
			for k := pm.First; k < pm.Last; k++ {
				blocked[k] = true
			}
		}
		d.Bodies = s.Finder.AppendBodies(d.Bodies, d.Text, toks, sent.First, sent.Last,
			func(i int) bool { return blocked[i] }, func(i int) bool { return group[i] }, doc)
	}
	// A person's alias is not a place: "Asad Laghmani, known as ‘Qais’".
	d.Places.Filter(d.Sents, placeSpan, func(pl *place.Mention) bool {
		for _, pm := range d.People.In(d.SentenceAt(pl.Start)) {
			for _, a := range pm.AliasSpans {
				if a.Overlaps(pl.Span) {
					return false
				}
			}
		}
		return true
	})
	return nil
}

// Claims adds the reporting cues of every sentence: who says so, doubts,
// denials.
type Claims struct{ Finder *claim.Finder }

// Name implements Stage.
func (Claims) Name() string { return "claim" }

// Annotate implements Stage.
func (s Claims) Annotate(_ context.Context, d *Doc) error {
	for si, sent := range d.Sents {
		d.Cues.All = s.Finder.AppendFind(d.Cues.All, d.Text, d.Toks, sent.First, sent.Last)
		d.Cues.Close(si, len(d.Sents))
	}
	return nil
}

// Triggers adds the event triggers of every sentence, with the context
// words of their clause applied, and marks the sentences that open a new
// incident.
type Triggers struct{ Finder *trigger.Finder }

// Name implements Stage.
func (Triggers) Name() string { return "trigger" }

// Annotate implements Stage.
func (s Triggers) Annotate(_ context.Context, d *Doc) error {
	for si, sent := range d.Sents {
		var sep bool
		d.Triggers.All, sep = s.Finder.AppendFind(d.Triggers.All, d.Text, d.Toks, sent.First, sent.Last)
		d.Triggers.Close(si, len(d.Sents))
		if sep {
			if d.Separate == nil {
				d.Separate = make([]bool, len(d.Sents))
			}
			d.Separate[si] = true
		}
	}
	for _, t := range d.Triggers.All {
		if t.Class == trigger.Disaster {
			d.Disaster = true
		}
	}
	return nil
}
