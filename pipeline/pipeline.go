// Package pipeline wires the annotation stages together: a loop over the
// stages of package annotate (sentences and tokens -> dates, numbers,
// places, actors, people, claims, triggers -> context), then the event
// builder. It holds no stage logic of its own.
package pipeline

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/number"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/syntax"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
	"github.com/sitrep-dev/sitrep/event"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/scope"
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
	// Scope is what Extract writes: scope.ACLED (the default, also for
	// "") leaves out what ACLED does not code, with a line on Explain;
	// scope.All writes it too, marked with Event.OutsideScope.
	Scope scope.Scope
	// Syntax reads who did what to whom from dependency arcs: Extract's
	// event builder parses the sentences with an event trigger and an
	// actor whose roles the arcs may read otherwise than the window
	// rules (event.Builder.Parser), when it first asks for their roles;
	// Annotate adds the syntax stage (tags, lemmas and arcs of every
	// sentence with an event trigger and an actor, annotate.Syntax with
	// Events).
	Syntax bool
	// SyntaxAll, with Syntax, has Extract parse every sentence with an
	// event trigger and an actor whose roles it asks for, not only those
	// whose roles the arcs may change (event.Builder.ParseAll): slower,
	// the reference the choice is measured against.
	SyntaxAll bool
}

// Pipeline turns documents into mentions and events. It is safe for
// concurrent use.
type Pipeline struct {
	opts   Options
	stages []annotate.Stage
	// annotating are the stages of Annotate: stages and, with
	// Options.Syntax, the syntax stage.
	annotating []annotate.Stage
	actors     *actor.Matcher
	events     *event.Builder
}

// New returns a Pipeline with the embedded data.
func New(opts Options) (*Pipeline, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	p := &Pipeline{opts: opts}
	dates, err := date.Default()
	if err != nil {
		return nil, err
	}
	numbers, err := number.Default()
	if err != nil {
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
	people, err := person.New()
	if err != nil {
		return nil, err
	}
	cues, err := claim.New()
	if err != nil {
		return nil, err
	}
	triggers, err := trigger.Default()
	if err != nil {
		return nil, err
	}
	if p.events, err = event.New(p.actors); err != nil {
		return nil, err
	}
	p.events.Explain = opts.Explain
	// The order matters: each stage reads the layers of those before it.
	p.stages = []annotate.Stage{
		annotate.Segment{},
		annotate.Dates{Finder: dates, Now: opts.Now},
		annotate.Numbers{Finder: numbers},
		annotate.Places{Resolver: place.New(g)},
		annotate.Actors{Matcher: p.actors},
		annotate.People{Finder: people},
		annotate.Claims{Finder: cues},
		annotate.Triggers{Finder: triggers},
		p.events.Context(),
	}
	p.annotating = p.stages
	if opts.Syntax {
		// The parser's model is read when a text first needs it
		// (syntax.Default, once per process).
		p.events.Parser = syntax.Default
		p.events.ParseAll = opts.SyntaxAll
		p.annotating = append(slices.Clip(p.stages), annotate.Syntax{Events: true})
	}
	return p, nil
}

// each annotates doc and calls f with its annotation: a document whose
// body is longer than WindowBytes window by window (windows), each window
// a Doc of its own whose Body is the window and whose Head is the
// evidence the first window gave of the whole document; any other
// document whole, as one Doc. Offsets are the document's either way. It
// stops between stages and windows once ctx is done and returns ctx's
// error.
func (p *Pipeline) each(ctx context.Context, doc *sitrep.Document, stages []annotate.Stage, f func(*annotate.Doc)) error {
	ws := windows(doc.Text, doc.BodySpan(), WindowBytes)
	if len(ws) == 1 {
		d := annotate.New(doc)
		if err := annotate.Run(ctx, d, stages); err != nil {
			return err
		}
		f(d)
		return nil
	}
	var head *annotate.Head
	for i, w := range ws {
		if err := ctx.Err(); err != nil {
			return err
		}
		part := *doc
		part.Body = w
		d := annotate.New(&part)
		d.Head = head
		if err := annotate.Run(ctx, d, stages); err != nil {
			return err
		}
		if i == 0 {
			head = annotate.HeadOf(d)
		}
		f(d)
	}
	return nil
}

// Extract returns the events of doc in the pipeline's scope.
func (p *Pipeline) Extract(doc *sitrep.Document) []sitrep.Event {
	events, err := p.ExtractContext(context.Background(), doc)
	if err != nil {
		// No stage fails on text; only a cancelled context stops them.
		p.opts.Logger.Warn("annotate", "source", doc.ID, "err", err)
	}
	return events
}

// scope leaves out, or marks in the wide scope, the events ACLED does not
// code (package scope).
func (p *Pipeline) scope(doc *sitrep.Document, events []sitrep.Event) []sitrep.Event {
	if len(events) == 0 {
		return events
	}
	rep, err := scope.Read(doc.Text)
	if err != nil {
		p.opts.Logger.Warn("scope", "err", err)
		return events
	}
	out := events[:0]
	for _, e := range events {
		// The builder marks what is outside ACLED's coding of this report
		// (history it recalls); the others are judged by their kind.
		why := e.OutsideScope
		if why == "" {
			why = scope.Judge(rep, &e)
		}
		switch {
		case why == "":
		case p.opts.Scope == scope.All:
			e.OutsideScope = why
		default:
			if p.opts.Explain != nil {
				fmt.Fprintf(p.opts.Explain, "scope: left out %s / %s at %q on %s: %s (--scope all writes it)\n",
					e.EventType, e.SubEventType, e.Location, e.EventDate, why)
			}
			continue
		}
		out = append(out, e)
	}
	return out
}

// ExtractContext is Extract that stops between stages (and between the
// windows of a long document) once ctx is done and then returns ctx's
// error and no events.
func (p *Pipeline) ExtractContext(ctx context.Context, doc *sitrep.Document) ([]sitrep.Event, error) {
	var j event.Joiner
	err := p.each(ctx, doc, p.stages, func(d *annotate.Doc) { j.Add(p.events.Build(d)) })
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return p.scope(doc, j.Events()), nil
}

// Annotate returns every mention found in doc, sorted by (Start, End).
func (p *Pipeline) Annotate(doc *sitrep.Document) []sitrep.Mention {
	var out []sitrep.Mention
	err := p.each(context.Background(), doc, p.annotating, func(d *annotate.Doc) {
		// Windows are in text order and do not overlap: their sorted
		// mentions, one after the other, are sorted.
		out = append(out, annotate.Mentions(d, p.actors)...)
	})
	if err != nil {
		p.opts.Logger.Warn("annotate", "source", doc.ID, "err", err)
	}
	return out
}
