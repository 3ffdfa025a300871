package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/sitrep-dev/sitrep"
)

// maxHTMLDepth is the deepest element nesting parseHTML accepts; deeper
// pages are refused before parsing, since every tree walk is recursive.
const maxHTMLDepth = 2000

// ErrTooDeep means an HTML page nests its elements deeper than the parser
// accepts.
var ErrTooDeep = errors.New("HTML nested too deeply")

// parseHTML turns an HTML page into one document: the article text as
// go-trafilatura finds it, with paragraph and list boundaries kept, and the
// page's metadata. pageURL is where the page came from ("" when unknown);
// the document's URL is the page's canonical URL when it declares one.
func parseHTML(ctx context.Context, name string, data []byte, pageURL string, opts *Options) (*sitrep.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkDepth(data); err != nil {
		return nil, err
	}
	utf8Data, err := toUTF8(data, "")
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(bytes.NewReader(utf8Data))
	if err != nil {
		return nil, fmt.Errorf("parsing HTML: %w", err)
	}
	topts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		IncludeLinks:    false,
		IncludeImages:   false,
		Focus:           trafilatura.Balanced,
	}
	if u, err := url.Parse(pageURL); err == nil && u.Scheme != "" && u.Host != "" {
		topts.OriginalURL = u
	}
	doc := &sitrep.Document{ID: name, URL: pageURL}
	res, terr := trafilatura.ExtractDocument(root, topts)
	if terr == nil && res != nil && res.ContentNode != nil {
		doc.Text = nodeText(res.ContentNode)
		md := res.Metadata
		doc.Title = strings.TrimSpace(md.Title)
		doc.Author = strings.TrimSpace(md.Author)
		doc.Language = md.Language
		if md.URL != "" {
			if u, err := url.Parse(md.URL); err == nil && u.Scheme != "" && u.Host != "" {
				doc.URL = canonicalURL(u)
			}
		}
		if !md.Date.IsZero() {
			doc.Published, doc.PublishedBasis = md.Date, sitrep.BasisMetadata
		}
	}
	if strings.TrimSpace(doc.Text) == "" {
		// Too little for trafilatura (a short page, a feed summary): take
		// the visible text of the body.
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

// toUTF8 converts an HTML page to UTF-8, using the Content-Type header's
// charset when given, else the page's BOM or <meta charset>, else a
// UTF-8 validity check with Windows-1252 as the fallback (the HTML5
// sniffing algorithm of golang.org/x/net/html/charset).
func toUTF8(data []byte, contentType string) ([]byte, error) {
	enc, name, _ := charset.DetermineEncoding(data, contentType)
	if name == "utf-8" {
		return bytes.ToValidUTF8(bytes.TrimPrefix(data, []byte("\uFEFF")), []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", name, err)
	}
	return out, nil
}

// checkDepth scans the page's tags and refuses pages nested deeper than
// maxHTMLDepth. Void and self-closing elements do not nest; unclosed
// elements are counted as open, which overestimates depth only for
// malformed pages.
func checkDepth(data []byte) error {
	z := html.NewTokenizer(bytes.NewReader(data))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[atom.Lookup(name)] {
				depth++
				if depth > maxHTMLDepth {
					return fmt.Errorf("%w: more than %d levels", ErrTooDeep, maxHTMLDepth)
				}
			}
		case html.EndTagToken:
			if depth > 0 {
				depth--
			}
		}
	}
}

var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true, atom.P: false,
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

// canonicalURL normalises u for output and duplicate detection: lower-case
// scheme and host, no fragment, no default port, no trailing slash on a
// non-root path, and no tracking parameters (utm_*, fbclid, gclid).
func canonicalURL(u *url.URL) string {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	c.Fragment, c.RawFragment = "", ""
	if h, p, ok := strings.Cut(c.Host, ":"); ok && (c.Scheme == "http" && p == "80" || c.Scheme == "https" && p == "443") {
		c.Host = h
	}
	if len(c.Path) > 1 {
		c.Path = strings.TrimSuffix(c.Path, "/")
		c.RawPath = ""
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
