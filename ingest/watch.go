package ingest

import (
	"context"
	"crypto/sha256"
	"os"
	"time"
)

// DefaultInterval is how often Watch polls when WatchOptions.Interval is 0.
const DefaultInterval = 5 * time.Minute

// WatchOptions configure Watch.
type WatchOptions struct {
	// Interval is the time between the starts of two polls of every
	// input; 0 means DefaultInterval.
	Interval time.Duration
	// Once polls every input once and returns.
	Once bool
	// OnPoll, when set, is called after each round of polls with the
	// number of new documents it found (tests and logs use it).
	OnPoll func(newDocs int)
}

// watched is the state Watch keeps for one input.
type watched struct {
	cond Conditional
	seen map[string]bool // feed item ids, or page id + text hash
}

// Watch polls inputs (feed or page URLs; files are re-read) every
// interval and calls fn for each document not seen in an earlier poll, and
// for each input that fails (Err set; the input is polled again next
// time). URLs are fetched with conditional requests (If-None-Match,
// If-Modified-Since), so an unchanged feed costs one 304. A feed item is
// new when its id (link, else GUID) was not seen; the article of a
// summary-only item is fetched only when the item is new. A page or file
// is new when its text changed. The first poll yields everything there is.
// Watch returns fn's first error, or ctx's error when ctx ends.
func Watch(ctx context.Context, inputs []string, opts Options, wopts WatchOptions, fn func(Result) error) error {
	interval := wopts.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	log := opts.logger()
	f := newFetcher(&opts)
	state := make(map[string]*watched, len(inputs))
	for _, in := range inputs {
		state[in] = &watched{seen: map[string]bool{}}
	}
	for {
		start := time.Now()
		found := 0
		for _, in := range inputs {
			if err := ctx.Err(); err != nil {
				return err
			}
			n, err := pollOne(ctx, in, state[in], f, &opts, fn)
			found += n
			if err != nil {
				return err
			}
		}
		log.Debug("poll done", "inputs", len(inputs), "new_documents", found, "took", time.Since(start))
		if wopts.OnPoll != nil {
			wopts.OnPoll(found)
		}
		if wopts.Once {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(max(interval-time.Since(start), 0)):
		}
	}
}

// pollOne polls one input and emits its new documents; it returns how many
// there were, and fn's error.
func pollOne(ctx context.Context, in string, w *watched, f *Fetcher, opts *Options, fn func(Result) error) (int, error) {
	var (
		data        []byte
		pageURL, ct string
	)
	if isURL(in) {
		resp, err := f.Fetch(ctx, in, &w.cond)
		if err != nil {
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			return 0, fn(Result{Input: in, Err: &InputError{Input: in, Err: err}})
		}
		if resp.NotModified {
			opts.logger().Debug("not modified", "input", in)
			return 0, nil
		}
		w.cond = resp.Conditional
		data, pageURL, ct = resp.Body, resp.URL, resp.ContentType
	} else {
		fi, err := os.Stat(in)
		if err == nil && fi.Size() > opts.maxFile() {
			err = ErrTooLarge
		}
		if err == nil {
			data, err = os.ReadFile(in)
		}
		if err != nil {
			return 0, fn(Result{Input: in, Err: &InputError{Input: in, Err: unwrapPathError(err)}})
		}
	}
	n := 0
	isFeed := Sniff(in, data) == KindFeed
	emit := func(r Result) error {
		if r.Err == nil {
			key := r.Doc.ID
			if !isFeed {
				h := sha256.Sum256([]byte(normaliseText(r.Doc.Text)))
				key += "\x00" + string(h[:])
			}
			if w.seen[key] {
				return nil
			}
			w.seen[key] = true
			n++
		}
		return fn(r)
	}
	var err error
	if isFeed {
		err = parseFeed(ctx, in, data, pageURL, opts, f, func(id string) bool { return w.seen[id] }, emit)
	} else {
		err = parseInto(ctx, in, data, pageURL, ct, opts, f, emit)
	}
	return n, err
}
