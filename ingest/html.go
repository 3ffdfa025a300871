package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"github.com/sitrep-dev/sitrep"
)

// maxHTMLDepth is the deepest element nesting parseHTML accepts; deeper
// pages are refused before parsing, since every tree walk is recursive.
const maxHTMLDepth = 2000

// MaxHTMLBytes is the largest HTML page (after decoding to UTF-8) that is
// parsed; larger pages fail with ErrTooLarge. Extraction time grows faster
// than the page (a 5 MB page takes seconds), and real article pages are far
// smaller, so a 50 MB page is refused at once instead of taking minutes.
const MaxHTMLBytes = 8 << 20

// fallbackBytes is the page size above which go-trafilatura's fallback
// extractors (readability, dom-distiller) are skipped, for speed.
const fallbackBytes = 1 << 20

// minArticleRunes is the shortest article text (in runes) taken from
// go-trafilatura; below it (its own MinExtractedSize) the page is short
// and its visible body text is used instead.
const minArticleRunes = 250

// ErrTooDeep means an HTML page nests its elements deeper than the parser
// accepts.
var ErrTooDeep = errors.New("HTML nested too deeply")

// parseHTML turns an HTML page into one document: the article text as
// go-trafilatura finds it, with paragraph and list boundaries kept, and the
// page's metadata. pageURL is where the page came from ("" when unknown),
// contentType its Content-Type header (its charset wins over the page's);
// the document's URL is the page's canonical URL when it declares one.
func parseHTML(ctx context.Context, name string, data []byte, pageURL, contentType string, opts *Options) (*sitrep.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkDepth(data); err != nil {
		return nil, err
	}
	if len(data) > 2*MaxHTMLBytes {
		return nil, fmt.Errorf("%w: HTML page of %d bytes, the limit is %d", ErrTooLarge, len(data), MaxHTMLBytes)
	}
	utf8Data, err := toUTF8(data, contentType)
	if err != nil {
		return nil, err
	}
	if len(utf8Data) > MaxHTMLBytes {
		return nil, fmt.Errorf("%w: HTML page of %d bytes, the limit is %d", ErrTooLarge, len(utf8Data), MaxHTMLBytes)
	}
	root, err := html.Parse(bytes.NewReader(utf8Data))
	if err != nil {
		return nil, fmt.Errorf("parsing HTML: %w", err)
	}
	topts := trafilatura.Options{
		EnableFallback:  len(utf8Data) <= fallbackBytes,
		ExcludeComments: true,
		IncludeLinks:    false,
		IncludeImages:   false,
		Focus:           trafilatura.Balanced,
	}
	if u, err := url.Parse(pageURL); err == nil && u.Scheme != "" && u.Host != "" {
		topts.OriginalURL = u
	}
	doc := &sitrep.Document{ID: name}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		doc.URL = canonicalURL(u)
	}
	res, terr := trafilatura.ExtractDocument(root, topts)
	if terr == nil && res != nil && res.ContentNode != nil {
		if utf8.RuneCountInString(res.ContentText) >= minArticleRunes {
			doc.Text = extractedText(res.ContentNode)
		}
		md := res.Metadata
		doc.Title = strings.TrimSpace(md.Title)
		doc.Author = strings.TrimSpace(md.Author)
		doc.Language = md.Language
		for _, cand := range []string{md.URL, jsonLDURL(root)} {
			if u, err := url.Parse(cand); err == nil && u.Scheme != "" && u.Host != "" {
				doc.URL = canonicalURL(u)
				break
			}
		}
		if !md.Date.IsZero() {
			doc.Published, doc.PublishedBasis = sitrep.DayOf(md.Date), sitrep.BasisMetadata
		}
	}
	if strings.TrimSpace(doc.Text) == "" {
		// Too little for trafilatura (a short page, a feed summary): its
		// rescue path repeats the title and the text, so take the visible
		// text of the body instead.
		opts.logger().Debug("trafilatura found no article; using the page's visible text",
			"input", name, "reason", terr)
		doc.Text = nodeText(findBody(root))
		if doc.Title == "" {
			doc.Title = pageTitle(root)
		}
	}
	if err := finishDoc(doc, opts); err != nil {
		return nil, err
	}
	return doc, nil
}

// toUTF8 converts an HTML page to UTF-8. The Content-Type header's charset
// and a byte order mark are taken as given. Otherwise valid UTF-8 that
// holds a multi-byte sequence is UTF-8 whatever the page declares: legacy
// 8-bit text is almost never valid UTF-8 by accident (it would take a
// letter from 0xC0-0xF4 followed by the right number of bytes from
// 0x80-0xBF, every time), while pages that declare ISO-8859-1 and are
// UTF-8 are common. Then the page's <meta charset> or http-equiv
// Content-Type, searched in its head (not only the first 1,024 bytes that
// HTML5's prescan reads: CMS templates put scripts and styles first), and
// last the charset the bytes' statistics point to (see detectCharset),
// Windows-1252 by default.
func toUTF8(data []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	if !certain {
		switch {
		case utf8.Valid(data):
			enc, name = nil, "utf-8"
		default:
			if e, n := metaCharset(data); e != nil {
				enc, name = e, n
			} else {
				enc, name = detectCharset(data, true)
			}
		}
	}
	if name == "utf-8" {
		return bytes.ToValidUTF8(bytes.TrimPrefix(data, []byte("\uFEFF")), []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", name, err)
	}
	return out, nil
}

// metaScanBytes bounds the search for a <meta> charset declaration.
const metaScanBytes = 64 << 10

// metaCharset returns the encoding a <meta charset> or <meta
// http-equiv="Content-Type"> element declares before the page's body, nil
// when none does (or names an encoding it does not know). A declared
// UTF-16 means UTF-8, as in HTML5: the bytes were read as ASCII to find it.
func metaCharset(data []byte) (encoding.Encoding, string) {
	if len(data) > metaScanBytes {
		data = data[:metaScanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			switch string(tag) {
			case "body":
				return nil, ""
			case "meta":
			default:
				continue
			}
			var label, httpEquiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					label = string(v)
				case "http-equiv":
					httpEquiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
			}
			if label == "" && httpEquiv == "content-type" {
				if _, params, err := mime.ParseMediaType(content); err == nil {
					label = params["charset"]
				}
			}
			if label == "" {
				continue
			}
			if e, name := charset.Lookup(label); e != nil {
				if strings.HasPrefix(name, "utf-16") {
					return unicode.UTF8, "utf-8"
				}
				return e, name
			}
		}
	}
}

// checkDepth scans the page's tags and refuses pages nested deeper than
// maxHTMLDepth. It keeps a stack of open elements as the parser would, in
// short: void elements do not nest, a block start closes an open <p>, a
// list item, table cell or row closes an open sibling of its kind, and an
// end tag closes everything above its element. It can overestimate the
// depth of malformed pages, never underestimate it much.
func checkDepth(data []byte) error {
	z := html.NewTokenizer(bytes.NewReader(data))
	var stack []atom.Atom
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if voidElements[a] {
				continue
			}
			if n := len(stack); n > 0 {
				top := stack[n-1]
				if top == atom.P && closesP[a] || top == a && siblingCloses[a] ||
					(top == atom.Dt || top == atom.Dd) && (a == atom.Dt || a == atom.Dd) ||
					(top == atom.Td || top == atom.Th) && (a == atom.Td || a == atom.Th || a == atom.Tr) {
					stack = stack[:n-1]
				}
			}
			stack = append(stack, a)
			if len(stack) > maxHTMLDepth {
				return fmt.Errorf("%w: more than %d levels", ErrTooDeep, maxHTMLDepth)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == a {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// closesP are the elements whose start tag closes an open <p>.
var closesP = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Details: true, atom.Div: true, atom.Dl: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Table: true, atom.Ul: true,
}

// siblingCloses are the elements whose start tag closes an open element of
// the same kind.
var siblingCloses = map[atom.Atom]bool{
	atom.Li: true, atom.Option: true, atom.Tr: true, atom.Td: true, atom.Th: true,
}

var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true, atom.Param: true,
	atom.Keygen: true,
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	if n.Parent == nil {
		return n
	}
	return nil
}

func pageTitle(n *html.Node) string {
	var title string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Title {
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			title = strings.Join(strings.Fields(b.String()), " ")
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(n)
	return title
}

// canonicalURL normalises u for output: lower-case scheme and host, no
// fragment, no default port, and no tracking parameters (utm_*, fbclid,
// gclid, mc_*).
func canonicalURL(u *url.URL) string {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	c.Fragment, c.RawFragment = "", ""
	if h, p, ok := strings.Cut(c.Host, ":"); ok && (c.Scheme == "http" && p == "80" || c.Scheme == "https" && p == "443") {
		c.Host = h
	}
	if c.RawQuery != "" {
		q := c.Query()
		for k := range q {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "mc_cid" || lk == "mc_eid" {
				q.Del(k)
			}
		}
		c.RawQuery = q.Encode()
	}
	return c.String()
}

// jsonLDURL returns the url (or mainEntityOfPage) of the first article
// object in the page's JSON-LD, "" when none.
func jsonLDURL(root *html.Node) string {
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Script && n.FirstChild != nil {
			for _, a := range n.Attr {
				if a.Key == "type" && strings.EqualFold(strings.TrimSpace(a.Val), "application/ld+json") {
					var v any
					if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil {
						found = ldURL(v, 0)
					}
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}

func ldURL(v any, depth int) string {
	if depth > 8 {
		return ""
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if u := ldURL(e, depth+1); u != "" {
				return u
			}
		}
	case map[string]any:
		if g, ok := v["@graph"]; ok {
			return ldURL(g, depth+1)
		}
		t := fmt.Sprint(v["@type"])
		if !strings.Contains(t, "Article") && !strings.Contains(t, "Posting") && !strings.Contains(t, "Report") {
			return ""
		}
		if u, ok := v["url"].(string); ok && u != "" {
			return u
		}
		switch m := v["mainEntityOfPage"].(type) {
		case string:
			return m
		case map[string]any:
			if id, ok := m["@id"].(string); ok {
				return id
			}
		}
	}
	return ""
}

// urlKey is the key of a canonical URL for duplicate detection: the scheme
// is dropped (http and https copies are the same page), as are a leading
// "www." and a trailing slash.
func urlKey(canonical string) string {
	u, err := url.Parse(canonical)
	if err != nil || u.Host == "" {
		return canonical
	}
	host := strings.TrimPrefix(u.Host, "www.")
	path := u.EscapedPath()
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	key := host + path
	if u.RawQuery != "" {
		key += "?" + u.RawQuery
	}
	return key
}
