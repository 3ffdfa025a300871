package ingest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sitrep-dev/sitrep"
)

// summaryOnly is the length (in runes of text) under which a feed item
// without full content is taken for a summary, and its link is fetched.
const summaryOnly = 600

// Defaults of the fetching of summary-only feed items' articles.
const (
	// DefaultFeedArticles is how many linked articles of summary-only items
	// one feed may fetch (Options.FeedArticles); the items past it keep
	// their summaries.
	DefaultFeedArticles = 50
	// feedFetchers is how many articles of one feed are fetched at once.
	feedFetchers = 4
)

// parseFeed turns an RSS, Atom or JSON feed into one document per item.
// An item's text is its full content (content:encoded, Atom content) or,
// when it carries only a short summary and a link, the article at the link,
// fetched with f (nil: no fetching; the summary is used). At most
// Options.FeedArticles articles are fetched per feed, feedFetchers at a
// time; documents are emitted in the feed's order. The item's own
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
	limit := opts.feedArticles()
	fetches, capped := 0, 0
	var batch []feedJob
	nFetch := 0
	flush := func() error {
		fetchArticles(ctx, f, batch)
		for _, j := range batch {
			if err := ctx.Err(); err != nil {
				return err
			}
			doc, err := feedItem(j, feed, base, opts)
			if err != nil {
				err = emit(Result{Input: name, Err: &InputError{Input: name, Err: fmt.Errorf("item %d: %w", j.i+1, err)}})
			} else {
				err = emit(Result{Input: name, Doc: doc})
			}
			if err != nil {
				return err
			}
		}
		batch, nFetch = batch[:0], 0
		return nil
	}
	for i, it := range feed.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		id := itemID(name, i, it, base)
		if skip != nil && skip(id) {
			continue
		}
		j := feedJob{i: i, id: id, it: it, link: itemLink(it, base)}
		if f != nil && summaryItem(it, base) {
			if fetches < limit {
				j.fetch = true
				fetches++
				nFetch++
			} else {
				capped++
			}
		}
		batch = append(batch, j)
		if nFetch == feedFetchers {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if capped > 0 {
		opts.logger().Warn("feed: summary-only items past the limit keep their summaries",
			"feed", name, "fetched", fetches, "not_fetched", capped, "limit", limit)
	}
	return nil
}

// feedJob is one feed item on its way to a document.
type feedJob struct {
	i     int // position in the feed, from 0
	id    string
	it    *gofeed.Item
	link  string // the item's link, resolved
	fetch bool   // the item's article is to be fetched
	// doc and err are the fetched article, or why it could not be had.
	doc *sitrep.Document
	err error
}

// fetchArticles fetches the articles of the jobs marked fetch, all at
// once (parseFeed hands at most feedFetchers of them).
func fetchArticles(ctx context.Context, f *Fetcher, jobs []feedJob) {
	var wg sync.WaitGroup
	for k := range jobs {
		if !jobs[k].fetch {
			continue
		}
		wg.Add(1)
		go func(j *feedJob) {
			defer wg.Done()
			j.doc, j.err = f.fetchArticle(ctx, j.link)
		}(&jobs[k])
	}
	wg.Wait()
}

// summaryItem reports whether a feed item carries only a short summary and
// a link to its article.
func summaryItem(it *gofeed.Item, base *url.URL) bool {
	if strings.TrimSpace(it.Content) != "" {
		return false
	}
	return isURL(itemLink(it, base)) && utf8.RuneCountInString(fragmentText(it.Description)) < summaryOnly
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

func feedItem(j feedJob, feed *gofeed.Feed, base *url.URL, opts *Options) (*sitrep.Document, error) {
	it, id := j.it, j.id
	link := itemLink(it, base)
	content := it.Content
	if strings.TrimSpace(content) == "" {
		content = it.Description
	}
	text := fragmentText(content)
	var doc *sitrep.Document
	if j.fetch {
		if j.err != nil {
			opts.logger().Warn("cannot fetch the article of a summary-only feed item; using the summary",
				"item", id, "err", j.err)
		} else {
			doc = j.doc
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
