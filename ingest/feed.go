package ingest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sitrep-dev/sitrep"
)

// summaryOnly is the length (in runes of text) under which a feed item
// without full content is taken for a summary, and its link is fetched.
const summaryOnly = 600

// parseFeed turns an RSS, Atom or JSON feed into one document per item.
// An item's text is its full content (content:encoded, Atom content) or,
// when it carries only a short summary and a link, the article at the link,
// fetched with f (nil: no fetching; the summary is used). The item's own
// published (else updated) time is the document's date, basis metadata;
// it wins over the linked page's metadata.
//
// skip, when set, is asked for each item's id before anything is fetched
// for it; skipped items are not emitted (Watch uses it to read new items
// only).
func parseFeed(ctx context.Context, name string, data []byte, feedURL string, opts *Options, f *Fetcher, skip func(id string) bool, emit func(Result) error) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return emit(Result{Input: name, Err: &InputError{Input: name, Err: fmt.Errorf("parsing feed: %w", err)}})
	}
	base, _ := url.Parse(feedURL)
	for i, it := range feed.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		id := itemID(name, i, it, base)
		if skip != nil && skip(id) {
			continue
		}
		doc, err := feedItem(ctx, id, feed, it, base, opts, f)
		if err != nil {
			err = emit(Result{Input: name, Err: &InputError{Input: name, Err: fmt.Errorf("item %d: %w", i+1, err)}})
		} else {
			err = emit(Result{Input: name, Doc: doc})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// itemLink returns the item's link, resolved against the feed's URL.
func itemLink(it *gofeed.Item, base *url.URL) string {
	link := strings.TrimSpace(it.Link)
	if link != "" && base != nil {
		if u, err := base.Parse(link); err == nil {
			link = u.String()
		}
	}
	return link
}

// itemID is the document id of a feed item: its link, else its GUID, else
// the feed's name and the item's position ("feed.xml#3", from 1).
func itemID(name string, i int, it *gofeed.Item, base *url.URL) string {
	if id := itemLink(it, base); id != "" {
		return id
	}
	if id := strings.TrimSpace(it.GUID); id != "" {
		return id
	}
	return fmt.Sprintf("%s#%d", name, i+1)
}

func feedItem(ctx context.Context, id string, feed *gofeed.Feed, it *gofeed.Item, base *url.URL, opts *Options, f *Fetcher) (*sitrep.Document, error) {
	link := itemLink(it, base)
	content := it.Content
	if strings.TrimSpace(content) == "" {
		content = it.Description
	}
	text := fragmentText(content)
	var doc *sitrep.Document
	if strings.TrimSpace(it.Content) == "" && isURL(link) && utf8.RuneCountInString(text) < summaryOnly && f != nil {
		d, err := f.fetchArticle(ctx, link)
		if err != nil {
			opts.logger().Warn("cannot fetch the article of a summary-only feed item; using the summary",
				"item", id, "err", err)
		} else {
			doc = d
		}
	}
	if doc == nil {
		if strings.TrimSpace(text) == "" {
			text = strings.TrimSpace(it.Title)
		}
		if text == "" {
			return nil, fmt.Errorf("no text")
		}
		doc = &sitrep.Document{Text: text}
		if err := finishDoc(doc, opts); err != nil {
			return nil, err
		}
	}
	doc.ID = id
	if u, err := url.Parse(link); err == nil && link != "" && doc.URL == "" {
		doc.URL = canonicalURL(u)
	}
	if t := strings.TrimSpace(it.Title); t != "" {
		doc.Title = strings.Join(strings.Fields(html.UnescapeString(t)), " ")
	}
	if doc.Author == "" {
		if a := itemAuthor(it); a != "" {
			doc.Author = a
		}
	}
	if doc.Language == "" {
		doc.Language = feed.Language
	}
	if opts.Published.IsZero() {
		switch {
		case it.PublishedParsed != nil:
			doc.Published, doc.PublishedBasis = sitrep.DayOf(*it.PublishedParsed), sitrep.BasisMetadata
		case it.UpdatedParsed != nil:
			doc.Published, doc.PublishedBasis = sitrep.DayOf(*it.UpdatedParsed), sitrep.BasisMetadata
		}
	}
	return doc, nil
}

func itemAuthor(it *gofeed.Item) string {
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, strings.TrimSpace(p.Name))
		}
	}
	if len(names) == 0 && it.Author != nil {
		names = append(names, strings.TrimSpace(it.Author.Name))
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		names = append(names, it.DublinCoreExt.Creator...)
	}
	return strings.Join(names, "; ")
}

// fragmentText renders an HTML fragment (a feed item's content) as text
// with its block structure kept; plain text passes through with its
// white space normalised per paragraph.
func fragmentText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return strings.TrimSpace(s)
	}
	root := &html.Node{Type: html.DocumentNode}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return nodeText(root)
}

// fetchArticle fetches the page a feed item links to and reads it as an
// article (HTML or plain text; a feed there is an error).
func (f *Fetcher) fetchArticle(ctx context.Context, link string) (*sitrep.Document, error) {
	resp, err := f.Fetch(ctx, link, nil)
	if err != nil {
		return nil, err
	}
	switch Sniff(link, resp.Body) {
	case KindHTML:
		return parseHTML(ctx, link, resp.Body, resp.URL, resp.ContentType, f.opts)
	case KindText:
		doc, err := parseText(link, resp.Body, f.opts)
		if err != nil {
			return nil, err
		}
		return doc, nil
	}
	return nil, fmt.Errorf("the link holds no article")
}
