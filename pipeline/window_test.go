package pipeline

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// TestWindows checks the structure that bounds a long document's memory:
// the windows tile the body, none is longer than the window size, none
// but the last is shorter than half of it (so their number is linear in
// the body's length), and each is cut at the best boundary the text has.
func TestWindows(t *testing.T) {
	para := "Gunmen attacked a police post near the market on Monday, officials said. Two officers were wounded.\n\n"
	line := "The council met on Tuesday to discuss the budget of the town's schools and roads.\n"
	words := "the river rose slowly over the fields of the valley while the farmers waited "
	runes := "ملخصالتقريرالأسبوعي" // no space, no line break: cut between characters
	cases := []struct {
		name string
		text string
		body sitrep.Span
		size int
		// after is what every cut but the body's end follows.
		after string
	}{
		{"short", para, sitrep.Span{End: len(para)}, 1 << 10, ""},
		{"paragraphs", strings.Repeat(para, 200), sitrep.Span{End: 200 * len(para)}, 1 << 10, "\n\n"},
		{"lines", strings.Repeat(line, 200), sitrep.Span{End: 200 * len(line)}, 1 << 10, "\n"},
		{"words", strings.Repeat(words, 200), sitrep.Span{End: 200 * len(words)}, 1 << 10, " "},
		{"runes", strings.Repeat(runes, 200), sitrep.Span{End: 200 * len(runes)}, 1 << 10, ""},
		{"body", "Menu Home Sections\n\n" + strings.Repeat(para, 50) + "Share this",
			sitrep.Span{Start: len("Menu Home Sections\n\n"), End: len("Menu Home Sections\n\n") + 50*len(para)}, 1 << 10, "\n\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ws := windows(tc.text, tc.body, tc.size)
			if tc.body.Len() <= tc.size && len(ws) != 1 {
				t.Fatalf("a body of %d bytes in %d windows", tc.body.Len(), len(ws))
			}
			if ws[0].Start != tc.body.Start || ws[len(ws)-1].End != tc.body.End {
				t.Fatalf("windows %v do not cover body %v", ws, tc.body)
			}
			for i, w := range ws {
				if w.Len() > tc.size || w.Len() <= 0 {
					t.Errorf("window %d %v: %d bytes, size %d", i, w, w.Len(), tc.size)
				}
				if i+1 == len(ws) {
					continue
				}
				if ws[i+1].Start != w.End {
					t.Errorf("window %d ends at %d, the next starts at %d", i, w.End, ws[i+1].Start)
				}
				if w.Len() < tc.size/2 {
					t.Errorf("window %d %v: %d bytes, under half the size", i, w, w.Len())
				}
				if !strings.HasSuffix(tc.text[:w.End], tc.after) {
					t.Errorf("window %d ends with %q, want a cut after %q", i, tc.text[w.End-8:w.End], tc.after)
				}
				if !utf8.RuneStart(tc.text[w.End]) {
					t.Errorf("window %d ends inside a character", i)
				}
			}
		})
	}
}

// TestEach_WindowsBounded: a long document is annotated as Docs of one
// window each (Body the window, tokens inside it, the head's evidence
// carried after the first), so what a Doc holds per token is bounded by
// the window; a short document is annotated whole, as the Document it is.
func TestEach_WindowsBounded(t *testing.T) {
	g, err := gazetteer.Open("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{Gazetteer: g})
	if err != nil {
		t.Fatal(err)
	}
	para := "Published: March 5, 2024. Gunmen attacked a police post near the market in Kunduz on Monday, officials said.\n\n"
	short := &sitrep.Document{ID: "short", Text: para}
	n := 0
	if err := p.each(context.Background(), short, p.stages, func(d *annotate.Doc) {
		n++
		if d.Document != short || d.Head != nil {
			t.Errorf("a short document is not annotated whole")
		}
	}); err != nil || n != 1 {
		t.Fatalf("short document: %d Docs, %v", n, err)
	}

	long := &sitrep.Document{ID: "long", Text: strings.Repeat(para, 3*WindowBytes/len(para)+1)}
	var docs []*annotate.Doc
	if err := p.each(context.Background(), long, p.stages, func(d *annotate.Doc) { docs = append(docs, d) }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 {
		t.Fatalf("%d bytes in %d windows, want 4", len(long.Text), len(docs))
	}
	end := 0
	for i, d := range docs {
		body := d.BodySpan()
		if body.Start != end || body.Len() > WindowBytes || d.Text != long.Text {
			t.Errorf("window %d: body %v after %d, of %d bytes", i, body, end, body.Len())
		}
		end = body.End
		if first, last := d.Toks[0], d.Toks[len(d.Toks)-1]; first.Start < body.Start || last.End > body.End {
			t.Errorf("window %d: tokens %d-%d outside its body %v", i, first.Start, last.End, body)
		}
		if (i == 0) != (d.Head == nil) {
			t.Errorf("window %d: head %v", i, d.Head)
		}
		if i > 0 && (d.Ref.IsZero() || !d.Ref.Equal(docs[0].Ref)) {
			t.Errorf("window %d: reference date %v, the head's %v", i, d.Ref, docs[0].Ref)
		}
	}
	if end != len(long.Text) {
		t.Errorf("windows end at %d of %d", end, len(long.Text))
	}
}
