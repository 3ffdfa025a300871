package pipeline_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
)

// filler returns about n bytes of paragraphs of our own writing that
// report no event: the body of a long report between its news.
func filler(n int) string {
	paras := []string{
		"The council met on a rainy morning to discuss the budget for the town's schools, roads and the public library.",
		"Farmers in the valley said the harvest had been good this year, though the price of fertiliser kept rising.",
		"The ministry published a plan to repair the bridges along the northern highway before the winter.",
		"Teachers asked for more books and desks, and the mayor promised to visit every school in the spring.",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(paras[i%len(paras)])
		b.WriteString("\n\n")
	}
	return b.String()
}

// TestExtract_LongDocument: a document longer than a window is annotated
// window by window. Its head's date line dates the whole document (no
// publication date is given), so an event told in a later window is
// dated against it, as the same paragraph alone, published that day, is
// dated; every evidence offset is an offset into the whole document.
func TestExtract_LongDocument(t *testing.T) {
	p := mustPipeline(t)
	head := "Posted: Tuesday, March 5, 2024\n\nGunmen killed two policemen at a checkpoint in Kunduz on Monday, provincial officials said.\n\n"
	later := "On Sunday, militants attacked an army post in Herat province, killing three soldiers, the defence ministry said.\n\n"
	text := head + filler(2*pipeline.WindowBytes) + later + filler(pipeline.WindowBytes/4)
	evs := p.Extract(&sitrep.Document{ID: "long", Text: text})
	for _, e := range evs {
		checkEvidence(t, text, e)
	}

	at := strings.Index(text, later)
	var got *sitrep.Event
	for i := range evs {
		for _, e := range evs[i].Evidence {
			if e.Start >= at && e.End <= at+len(later) {
				got = &evs[i]
			}
		}
	}
	if got == nil {
		t.Fatalf("no event from the paragraph at byte %d; events: %+v", at, evs)
	}
	day, err := sitrep.ParseDay("2024-03-05")
	if err != nil {
		t.Fatal(err)
	}
	alone := p.Extract(&sitrep.Document{ID: "alone", Text: later, Published: day, PublishedBasis: sitrep.BasisInferred})
	if len(alone) != 1 {
		t.Fatalf("the paragraph alone: %d events, want 1", len(alone))
	}
	want := alone[0]
	if got.EventDate != want.EventDate || got.EventDate != "2024-03-03" || got.DateBasis != sitrep.BasisInferred ||
		got.SubEventType != want.SubEventType || got.Location != want.Location || got.Fatalities != want.Fatalities || got.Actor1 != want.Actor1 {
		t.Errorf("later window: %s %s %s %q %d %q (basis %s), alone: %s %s %q %d %q",
			got.EventDate, got.SubEventType, got.Location, got.Actor1, got.Fatalities, got.Actor2, got.DateBasis,
			want.EventDate, want.SubEventType, want.Location, want.Fatalities, want.Actor1)
	}
}

// TestExtract_LongDocumentJoined: a long report of our own articles, told
// again and again, is one document: an event told in several windows
// is one event (same type, day, place and actors), IDs are unique, and
// the evidence of a later telling points into the later window.
func TestExtract_LongDocumentJoined(t *testing.T) {
	p := mustPipeline(t)
	text := bigText(t, 3*pipeline.WindowBytes)
	evs := p.Extract(&sitrep.Document{ID: "big", Text: text})
	if len(evs) == 0 {
		t.Fatal("no events")
	}
	for _, e := range evs {
		checkEvidence(t, text, e)
	}
	ids := map[string]bool{}
	keys := map[string]int{}
	late := 0
	for i, e := range evs {
		if ids[e.EventID] {
			t.Errorf("event ID %s twice", e.EventID)
		}
		ids[e.EventID] = true
		if e.TimePrecision == 1 && e.EventDate != "" && e.Location != "" {
			k := strings.Join([]string{e.SubEventType, e.EventDate, e.Location, e.Actor1, e.Actor2, e.OutsideScope}, "|")
			if j, ok := keys[k]; ok && !sameWindowSpan(evs[j], e) {
				t.Errorf("events %d and %d are one event told in two windows: %s", j, i, k)
			}
			keys[k] = i
		}
		for k, ev := range e.Evidence {
			if ev.Start >= pipeline.WindowBytes {
				late++
			}
			if k > 0 && ev.Start < e.Evidence[k-1].Start {
				t.Errorf("event %s: evidence out of text order at %d", e.EventID, ev.Start)
			}
		}
	}
	if late == 0 {
		t.Error("no evidence past the first window")
	}
}

// sameWindowSpan reports whether two events' evidence lies within one
// window's length: Build keeps events of one window apart on evidence
// the join does not look at, and the join leaves them so.
func sameWindowSpan(a, b sitrep.Event) bool {
	lo, hi := a.Evidence[0].Start, a.Evidence[0].End
	for _, e := range append(a.Evidence, b.Evidence...) {
		lo, hi = min(lo, e.Start), max(hi, e.End)
	}
	return hi-lo <= pipeline.WindowBytes
}

// TestAnnotate_LongDocument: the mentions of a long document are in text
// order, at offsets of the whole document, from every window.
func TestAnnotate_LongDocument(t *testing.T) {
	p := mustPipeline(t)
	text := bigText(t, 2*pipeline.WindowBytes+pipeline.WindowBytes/2)
	ms := p.Annotate(&sitrep.Document{ID: "big", Text: text})
	last := sitrep.Span{}
	for i, m := range ms {
		if m.Text != text[m.Start:m.End] {
			t.Fatalf("mention %d %q at %d-%d, the text there is %q", i, m.Text, m.Start, m.End, text[m.Start:m.End])
		}
		if m.Start < last.Start || m.Start == last.Start && m.End < last.End {
			t.Fatalf("mention %d at %d-%d after one at %d-%d", i, m.Start, m.End, last.Start, last.End)
		}
		last = sitrep.Span{Start: m.Start, End: m.End}
	}
	if last.Start < 2*pipeline.WindowBytes {
		t.Errorf("last mention at %d: the last window was not annotated", last.Start)
	}
}

// TestExtractContext_LongDocumentCancelled: a cancelled context stops a
// long document's extraction with its error.
func TestExtractContext_LongDocumentCancelled(t *testing.T) {
	p := mustPipeline(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	text := filler(2 * pipeline.WindowBytes)
	if evs, err := p.ExtractContext(ctx, &sitrep.Document{ID: "long", Text: text}); !errors.Is(err, context.Canceled) || evs != nil {
		t.Errorf("ExtractContext = %d events, %v; want none and context.Canceled", len(evs), err)
	}
}
