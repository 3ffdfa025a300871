// Package pipeline wires the annotation stages together: text -> sentences
// and tokens -> numbers, dates, actors, places, triggers, claims -> events.
package pipeline

import (
	"log/slog"

	"github.com/sitrep-dev/sitrep"
)

// Options configure a Pipeline.
type Options struct {
	// Logger receives warnings; nil discards them.
	Logger *slog.Logger
}

// Pipeline turns documents into mentions and events. It is safe for
// concurrent use.
type Pipeline struct {
	opts Options
}

// New returns a Pipeline with the embedded data.
func New(opts Options) (*Pipeline, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Pipeline{opts: opts}, nil
}

// Extract returns the events of doc.
func (p *Pipeline) Extract(doc *sitrep.Document) []sitrep.Event {
	return nil // TODO(spine): being written
}

// Annotate returns every mention found in doc, sorted by (Start, End).
func (p *Pipeline) Annotate(doc *sitrep.Document) []sitrep.Mention {
	return nil // TODO(spine): being written
}
