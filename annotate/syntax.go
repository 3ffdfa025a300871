package annotate

import (
	"context"

	"github.com/sitrep-dev/sitrep/annotate/syntax"
)

// Syntax adds the syntactic words of the sentences that can carry an
// event or its roles (those with a trigger, an actor or a place): UPOS,
// lemma, head and Universal Dependencies relation (package syntax). With
// All it parses every sentence; with Events only those with an event
// trigger that is not set aside and an actor: the sentences whose roles
// the event builder can read from the arcs (a role is always an actor
// mention), a fraction of the text that keeps parsing cheap. Parser nil
// means syntax.Default().
type Syntax struct {
	Parser *syntax.Parser
	All    bool
	Events bool
}

// wanted reports whether sentence si is to be parsed.
func (s Syntax) wanted(d *Doc, si int) bool {
	if s.All {
		return true
	}
	if s.Events {
		return EventSentence(d, si)
	}
	return len(d.Triggers.In(si)) > 0 || len(d.Actors.In(si)) > 0 || len(d.Places.In(si)) > 0
}

// EventSentence reports whether sentence si has an event trigger that is
// not set aside and an actor: a sentence whose roles the event builder
// can read from the arcs (a role is always an actor mention). It reads
// the triggers as the context stage leaves them.
func EventSentence(d *Doc, si int) bool {
	if len(d.Actors.In(si)) == 0 {
		return false
	}
	for _, t := range d.Triggers.In(si) {
		if t.Live() && !t.Class.Context() {
			return true
		}
	}
	return false
}

// Name implements Stage.
func (Syntax) Name() string { return "syntax" }

// Annotate implements Stage.
func (s Syntax) Annotate(_ context.Context, d *Doc) error {
	p := s.Parser
	for si, sent := range d.Sents {
		if s.wanted(d, si) {
			// The model is read on the first sentence to parse: a text
			// with none never loads it.
			if p == nil {
				var err error
				if p, err = syntax.Default(); err != nil {
					return err
				}
			}
			first := len(d.Words.All)
			d.Words.All = p.ParseTokens(d.Words.All, d.Text, d.Toks[sent.First:sent.Last])
			for i := first; i < len(d.Words.All); i++ {
				d.Words.All[i].Token += sent.First
			}
		}
		d.Words.Close(si, len(d.Sents))
	}
	return nil
}
