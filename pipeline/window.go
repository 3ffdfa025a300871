package pipeline

import (
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// WindowBytes is the most text one annotation holds at once. A document
// whose body is longer (a book, a report of hundreds of pages, a scraped
// archive) is annotated window by window, each window cut at a paragraph
// boundary, so that what the stages keep per token (tokens, the place
// resolver's state, the layers of mentions) is bounded by the window, not
// by the document. A news article is a few kilobytes (the longest gold
// web page is 100 KB): it is one window and is annotated exactly as
// before.
const WindowBytes = 256 << 10

// windows cuts body, a span of text, into consecutive spans of at most
// size bytes that cover it. A body of size bytes or less is one window.
// Each cut is made, by preference, after a blank line (a paragraph
// boundary: no sentence runs across it, so every window holds whole
// sentences), else after a line break, else after the end of a sentence
// or a space, else at a character boundary; never in the first half of
// the window, so that windows stay near size and their number linear in
// the length of the body.
func windows(text string, body sitrep.Span, size int) []sitrep.Span {
	if body.End-body.Start <= size {
		return []sitrep.Span{body}
	}
	var out []sitrep.Span
	for start := body.Start; start < body.End; {
		end := body.End
		if end-start > size {
			end = cut(text, start+size/2, start+size)
		}
		out = append(out, sitrep.Span{Start: start, End: end})
		start = end
	}
	return out
}

// cut returns the best offset in (lo, hi] to end a window at: after the
// last blank line, line break, sentence end or space of text[lo:hi], else
// the last character boundary at or before hi.
func cut(text string, lo, hi int) int {
	part := text[lo:hi]
	for _, sep := range []string{"\n\n", "\n \n", "\r\n\r\n", "\n", ". ", " "} {
		if i := strings.LastIndex(part, sep); i >= 0 {
			return lo + i + len(sep)
		}
	}
	for hi > lo && !utf8.RuneStart(text[hi]) {
		hi--
	}
	return hi
}
