package eval

import (
	"context"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ledger"
)

// RunMerge extracts the events of every document of docs that has an
// incident and lies in half ("tune", "check", or "" for all; see HalfOf),
// joins them across documents
// with an in-memory ledger (the logic the store runs), and scores the
// result with ScoreMerge. Documents are put in file order; the ledger's
// result does not depend on it.
func RunMerge(ctx context.Context, ex Extractor, docs []*GoldDoc, half string, o ledger.Options) (MergeScore, error) {
	l := ledger.New(o)
	var scored []*GoldDoc
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return MergeScore{}, err
		}
		if d.Incident == "" || d.Unscored || !inHalf(d, half) {
			continue
		}
		scored = append(scored, d)
		doc := d.Document()
		pub := doc.Published.String()
		var rs []ledger.Report
		seen := map[string]bool{}
		for _, ev := range ex.Extract(doc) {
			if seen[ev.EventID] {
				continue
			}
			seen[ev.EventID] = true
			rs = append(rs, ledger.Report{Event: ev, Published: pub, Text: doc.Text})
		}
		if _, err := l.Put(d.ID, rs); err != nil {
			return MergeScore{}, err
		}
	}
	var events []sitrep.Event
	for _, st := range l.Events() {
		events = append(events, st.Event)
	}
	return ScoreMerge(scored, events), nil
}

// HalfDocs returns the documents of docs in half ("" for all).
func HalfDocs(docs []*GoldDoc, half string) []*GoldDoc {
	var out []*GoldDoc
	for _, d := range docs {
		if inHalf(d, half) {
			out = append(out, d)
		}
	}
	return out
}
