package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bullet starts each list item in the text of an HTML page.
const Bullet = "• "

// nodeText renders the text of an HTML subtree with its block structure
// kept: blocks (paragraphs, headings, lists, quotes, tables) are separated
// by a blank line, list items and table rows each take one line, list
// items start with Bullet, <br> is a line break, table cells are separated
// by " | ", and runs of white space inside a block collapse to one space
// (except inside <pre>).
func nodeText(n *html.Node) string {
	return renderText(n, false)
}

// extractedText is nodeText for the tree go-trafilatura extracted. Its
// tree keeps the text after an element the way lxml keeps an element's
// tail, trimmed: "in your <code>Dockerfile</code> to" comes back as
// "<code>Dockerfile</code>to", and the words would run together. So the
// boundary of an inline element separates words, as go-trafilatura's own
// ContentText does (its IterText puts a space wherever the nesting level
// changes), except before closing punctuation and after opening
// punctuation ("<b>Kabul</b>, Sunday" stays "Kabul, Sunday").
func extractedText(n *html.Node) string {
	return renderText(n, true)
}

func renderText(n *html.Node, inlineBreaks bool) string {
	if n == nil {
		return ""
	}
	w := &textWriter{inlineBreaks: inlineBreaks}
	w.walk(n, 0)
	return strings.TrimRightFunc(w.b.String(), unicode.IsSpace)
}

type brk int

const (
	brkNone brk = iota
	brkSoft     // an inline element's edge: a space unless punctuation follows or precedes
	brkSpace
	brkLine
	brkPara
)

type textWriter struct {
	b       strings.Builder
	pending brk
	pre     int  // depth inside <pre>
	last    rune // the last rune written
	cells   int  // cells written in the current row
	// inlineBreaks: an inline element's start and end separate words
	// (see extractedText).
	inlineBreaks bool
}

func (w *textWriter) want(k brk) {
	if k > w.pending {
		w.pending = k
	}
}

func (w *textWriter) text(s string) {
	if w.pre > 0 {
		w.flush()
		w.b.WriteString(s)
		return
	}
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) {
			w.want(brkSpace)
		} else {
			if w.pending == brkSoft && !softSpace(w.last, r) {
				w.pending = brkNone
			}
			w.flush()
			w.b.WriteString(s[:n])
			w.last = r
		}
		s = s[n:]
	}
}

// softSpace reports whether an inline element's edge between the runes
// prev and next is a space: not before closing punctuation (. , ; : ! ? )
// ] } and closing quotes, apostrophes included) nor after opening
// punctuation (( [ { and opening quotes).
func softSpace(prev, next rune) bool {
	switch {
	case unicode.Is(unicode.Pe, next), unicode.Is(unicode.Pf, next),
		strings.ContainsRune(".,;:!?%'’”»", next):
		return false
	case unicode.Is(unicode.Ps, prev), unicode.Is(unicode.Pi, prev),
		strings.ContainsRune("'‘“«/-", prev):
		return false
	}
	return true
}

// flush writes the pending break before the next visible text.
func (w *textWriter) flush() {
	if w.b.Len() > 0 {
		switch w.pending {
		case brkSpace, brkSoft:
			w.b.WriteByte(' ')
		case brkLine:
			w.b.WriteByte('\n')
		case brkPara:
			w.b.WriteString("\n\n")
		}
	}
	w.pending = brkNone
}

var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Select: true,
	atom.Button: true, atom.Form: false, atom.Nav: true, atom.Object: true,
}

var paraElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Section: true,
	atom.Article: true, atom.Figure: true, atom.Figcaption: true, atom.Header: true,
	atom.Footer: true, atom.Main: true, atom.Aside: true, atom.Details: true,
	atom.Summary: true, atom.Address: true, atom.Hr: true, atom.Form: true, atom.Fieldset: true,
	atom.Caption: true,
}

func (w *textWriter) walk(n *html.Node, listDepth int) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, listDepth)
		}
		return
	default:
		return
	}
	a := n.DataAtom
	if a == 0 || a.String() != n.Data {
		// go-trafilatura renames elements without updating DataAtom.
		a = atom.Lookup([]byte(n.Data))
	}
	if skipElements[a] {
		return
	}
	switch {
	case a == atom.Br:
		w.want(brkLine)
		return
	case a == atom.Li || a == atom.Dt || a == atom.Dd:
		w.want(brkLine)
		w.flush()
		if a != atom.Dd {
			w.b.WriteString(Bullet)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, listDepth+1)
		}
		w.want(brkLine)
		return
	case a == atom.Tr:
		w.want(brkLine)
		w.cells = 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, listDepth)
		}
		w.want(brkLine)
		return
	case a == atom.Td || a == atom.Th:
		if w.cells > 0 {
			w.flush()
			w.b.WriteString(" | ")
		}
		w.cells++
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, listDepth)
		}
		return
	}
	block := paraElements[a]
	if block {
		if listDepth > 0 {
			w.want(brkLine)
		} else {
			w.want(brkPara)
		}
	}
	if a == atom.Pre {
		w.pre++
	}
	soft := !block && w.inlineBreaks && w.pre == 0
	if soft {
		w.want(brkSoft)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, listDepth)
	}
	if soft {
		w.want(brkSoft)
	}
	if a == atom.Pre {
		w.pre--
	}
	if block {
		if listDepth > 0 {
			w.want(brkLine)
		} else {
			w.want(brkPara)
		}
	}
}
