// Package annotate holds the annotation layer: one Doc that the stages
// fill in order, and the Stage interface they share.
//
// A Doc starts as a sitrep.Document. Each stage reads the layers before it
// and adds its own: sentences and tokens (segment), the reference date and
// dates (date), numbers (number), places (place), actors (actor), people
// (person), claims (claim), triggers (trigger). Every mention embeds
// sitrep.Span, and every layer is indexed by sentence, so that "the
// mentions of sentence i" costs O(1) and "the mention at byte k" O(log n):
// the stages and the event builder after them stay linear in the length of
// the text.
//
// The pipeline is a loop over stages, as an analyzer in a search engine is
// a chain of tokenizer and filters:
//
//	for _, s := range stages { s.Annotate(ctx, doc) }
package annotate

import (
	"context"
	"fmt"
	"slices"
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
	"github.com/sitrep-dev/sitrep/annotate/syntax"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
)

// Stage adds one layer to a Doc. Stages are safe for concurrent use on
// different Docs.
type Stage interface {
	// Name is the layer the stage adds: "segment", "date", ...
	Name() string
	// Annotate reads the layers of d before its own and adds its own.
	Annotate(ctx context.Context, d *Doc) error
}

// Run runs the stages on d in order; it stops at the first error or when
// ctx is done.
func Run(ctx context.Context, d *Doc, stages []Stage) error {
	for _, s := range stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Annotate(ctx, d); err != nil {
			return fmt.Errorf("annotate %s: %w", s.Name(), err)
		}
	}
	return nil
}

// Doc is a document and its layers of annotation, in the order the stages
// add them.
type Doc struct {
	*sitrep.Document

	// Sents and Toks are the sentences and tokens (segment).
	Sents []segment.Sentence
	Toks  []segment.Token
	// Ref is the reference date (zero when unknown) and Basis how it was
	// obtained (sitrep.BasisGiven ...).
	Ref   time.Time
	Basis string

	// Dates are the expressions that can date an event: days, weeks,
	// months, years, windows back from the reference.
	Dates Layer[date.Expr]
	// Timexes are the other TimeML expressions: durations ("for three
	// years"), sets ("every Monday"), references ("now", "recently") and
	// clock times told without their day: annotated, never an event's date.
	Timexes []date.Expr
	Numbers Layer[number.Number]
	// Places are the toponyms that can be an event's location.
	Places Layer[place.Mention]
	// Adjectives are the places named only as a demonym ("Afghan") or
	// inside an actor's name ("US Army"): annotated, never an event's
	// location.
	Adjectives []place.Mention
	Actors     Layer[actor.Mention]
	People     Layer[person.Mention]
	// Offices are the people named by the office they hold ("the Foreign
	// Secretary"): annotated as persons, never an event's named people.
	Offices []person.Office
	// Bodies are the organisations named that no actor list holds ("the
	// Syrian Computer Society"): annotated as actors, never an event's.
	Bodies   []person.Body
	Cues     Layer[claim.Cue]
	Triggers Layer[trigger.Trigger]
	// Separate marks the sentences that open a new incident ("In another
	// incident, ..."); nil when none does.
	Separate []bool
	// Disaster is true when the text names a disaster or an accident.
	Disaster bool
	// Words are the syntactic words of the sentences the syntax stage
	// parsed, when it runs: UPOS, lemma, and head and relation, the head
	// numbered from 1 within the sentence (d.Words.In(si)[w.Head-1], 0 for
	// the root). Token indexes Toks.
	Words Layer[syntax.TokenWord]

	// Head is what the first window of a long document told of the whole
	// document, carried into each later window: a document longer than a
	// window (package pipeline) is annotated window by window, each a Doc
	// whose Body is the window. Nil for a document annotated whole and for
	// its first window.
	Head *Head
}

// Head is the evidence about a whole document that its head (the first
// window of a long document) gives and a later window cannot: when it
// was written, and where its story is.
type Head struct {
	// Ref and Basis are the head's reference date and how it was
	// obtained: a document is written on one day, however long it is.
	// The zero Ref when the head gives none; a later window then infers
	// its own, as a document with no date does.
	Ref   time.Time
	Basis string
	// FirstCountry is the country code of the document's first place
	// (Mentions names actors by it); Country the one the head's places
	// lie in most (MainCountry). "" when none.
	FirstCountry string
	Country      string
}

// HeadOf returns the document-level evidence of d, the first window of a
// long document.
func HeadOf(d *Doc) *Head {
	return &Head{Ref: d.Ref, Basis: d.Basis, FirstCountry: d.firstCountry(), Country: d.MainCountry()}
}

// firstCountry is the country code of d's first place, "" when none; for a
// later window of a long document, the document's (Head).
func (d *Doc) firstCountry() string {
	if d.Head != nil {
		return d.Head.FirstCountry
	}
	for _, pl := range d.Places.All {
		if pl.CountryCode != "" {
			return pl.CountryCode
		}
	}
	return ""
}

// MainCountry is the country most places of the text lie in, else the
// country of its first actor that has one; for a later window of a long
// document that names neither, the country of the document's head: the
// evidence nearest a passage tells where it is, the head where the
// document is.
func (d *Doc) MainCountry() string {
	n := map[string]int{}
	best := ""
	for _, p := range d.Places.All {
		if p.CountryCode == "" {
			continue
		}
		n[p.CountryCode]++
		if best == "" || n[p.CountryCode] > n[best] {
			best = p.CountryCode
		}
	}
	if best != "" {
		return best
	}
	for _, m := range d.Actors.All {
		if m.Country != "" {
			return m.Country
		}
	}
	if d.Head != nil {
		return d.Head.Country
	}
	return ""
}

// New returns the Doc of d, with no layers yet.
func New(d *sitrep.Document) *Doc { return &Doc{Document: d} }

// SentenceAt returns the index of the sentence that holds byte off, or
// ends after it; len(d.Sents) when none does.
func (d *Doc) SentenceAt(off int) int {
	return sort.Search(len(d.Sents), func(i int) bool { return d.Sents[i].End > off })
}

// TokenAt returns the index of the first token that ends after byte off.
func (d *Doc) TokenAt(off int) int {
	return sort.Search(len(d.Toks), func(i int) bool { return d.Toks[i].End > off })
}

// Layer is one kind of mention of a Doc, in text order, indexed by
// sentence.
type Layer[T any] struct {
	// All are the mentions of the whole text.
	All []T
	// bounds[2*si] and bounds[2*si+1] delimit the mentions of sentence
	// si in All; nil while All is empty, which saves short texts an
	// allocation per empty layer.
	bounds []int32
	n      int // sentences
	closed int // sentences closed so far (Close)
}

// In returns the mentions of sentence si: those that lie inside it. The
// slice shares All's memory.
func (l *Layer[T]) In(si int) []T {
	if si < 0 || 2*si+1 >= len(l.bounds) {
		return nil
	}
	lo, hi := l.bounds[2*si], l.bounds[2*si+1]
	return l.All[lo:hi:hi]
}

// Offset returns the index in All of the first mention of sentence si.
func (l *Layer[T]) Offset(si int) int {
	if 2*si >= len(l.bounds) {
		return len(l.All)
	}
	return int(l.bounds[2*si])
}

// Sentences returns how many sentences the layer is indexed over.
func (l *Layer[T]) Sentences() int { return l.n }

// Close ends sentence si of a layer built sentence by sentence over n
// sentences: the mentions appended to All since the previous Close belong
// to si. Sentences must be closed in order, each once.
func (l *Layer[T]) Close(si, n int) {
	l.n = n
	if len(l.All) == 0 {
		l.closed = si + 1
		return
	}
	if l.bounds == nil {
		l.bounds = make([]int32, 2*n)
	}
	start := int32(0)
	if l.closed > 0 {
		start = l.bounds[2*l.closed-1]
	}
	for ; l.closed < si; l.closed++ {
		l.bounds[2*l.closed], l.bounds[2*l.closed+1] = start, start
	}
	l.bounds[2*si], l.bounds[2*si+1] = start, int32(len(l.All))
	l.closed = si + 1
	if l.closed == n {
		l.All = fit(l.All)
	}
}

// fit returns all with no more capacity than a sixteenth over its length:
// a layer lives as long as its document, and growing it by append left up
// to a quarter of a long document's mentions' room unused.
func fit[T any](all []T) []T {
	if cap(all)-len(all) <= len(all)/16+64 {
		return all
	}
	return append(make([]T, 0, len(all)), all...)
}

// Index indexes a layer found over the whole text by the sentences sents:
// sentence si gets the mentions that lie inside it. span returns a
// mention's byte range. All is sorted by start first if it is not sorted.
// It costs O(len(All) + len(sents)).
func (l *Layer[T]) Index(sents []segment.Sentence, span func(*T) sitrep.Span) {
	for i := 1; i < len(l.All); i++ {
		if span(&l.All[i]).Start < span(&l.All[i-1]).Start {
			slices.SortStableFunc(l.All, func(a, b T) int { return span(&a).Start - span(&b).Start })
			break
		}
	}
	l.n, l.bounds = len(sents), nil
	if len(l.All) == 0 {
		return
	}
	l.All = fit(l.All)
	l.bounds = make([]int32, 2*len(sents))
	i := 0
	for si, s := range sents {
		for i < len(l.All) && span(&l.All[i]).Start < s.Start {
			i++
		}
		lo := i
		for i < len(l.All) && span(&l.All[i]).Start < s.End {
			i++
		}
		hi := i
		// Mentions do not overlap: only the last can run past the end.
		for hi > lo && span(&l.All[hi-1]).End > s.End {
			hi--
		}
		l.bounds[2*si], l.bounds[2*si+1] = int32(lo), int32(hi)
	}
}

// Filter keeps the mentions for which keep is true, in order, and indexes
// the layer again.
func (l *Layer[T]) Filter(sents []segment.Sentence, span func(*T) sitrep.Span, keep func(*T) bool) {
	out := l.All[:0]
	for i := range l.All {
		if keep(&l.All[i]) {
			out = append(out, l.All[i])
		}
	}
	if len(out) == len(l.All) {
		return
	}
	clear(l.All[len(out):])
	l.All = out
	l.Index(sents, span)
}

// Span functions of the layers indexed over the whole text.
func dateSpan(e *date.Expr) sitrep.Span       { return e.Span }
func numberSpan(n *number.Number) sitrep.Span { return n.Span }
func placeSpan(m *place.Mention) sitrep.Span  { return m.Span }
