package annotate

import (
	"context"

	"github.com/sitrep-dev/sitrep/annotate/syntax"
)

// Syntax adds the syntactic words of the sentences that can carry an
// event or its roles (those with a trigger, an actor or a place): UPOS,
// lemma, head and Universal Dependencies relation (package syntax). With
// All it parses every sentence. Parser nil means syntax.Default().
type Syntax struct {
	Parser *syntax.Parser
	All    bool
}

// Name implements Stage.
func (Syntax) Name() string { return "syntax" }

// Annotate implements Stage.
func (s Syntax) Annotate(_ context.Context, d *Doc) error {
	p := s.Parser
	if p == nil {
		var err error
		if p, err = syntax.Default(); err != nil {
			return err
		}
	}
	for si, sent := range d.Sents {
		if s.All || len(d.Triggers.In(si)) > 0 || len(d.Actors.In(si)) > 0 || len(d.Places.In(si)) > 0 {
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
