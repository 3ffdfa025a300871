package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

// ingestFlags are the input and fetch flags of every command that reads
// inputs through package ingest (extract, annotate, article, ingest,
// watch): one set, so that --allow-private, --timeout, --max-bytes and
// --feed-articles mean the same everywhere.
type ingestFlags struct {
	published    string
	id           string
	allowPrivate bool
	timeout      time.Duration
	maxBytes     int64
	feedArticles int
}

func (f *ingestFlags) register(cmd *cobra.Command, withID bool) {
	cmd.Flags().StringVar(&f.published, "published", "", "reference date `YYYY-MM-DD` of every document, for relative dates (default: page or feed metadata, else inferred from the text)")
	if withID {
		cmd.Flags().StringVar(&f.id, "id", "", "document id of a single input (default: the file name or URL)")
	}
	cmd.Flags().BoolVar(&f.allowPrivate, "allow-private", false, "allow URLs on loopback, private and link-local addresses")
	cmd.Flags().DurationVar(&f.timeout, "timeout", ingest.DefaultTimeout, "timeout of one HTTP request, body included")
	cmd.Flags().Int64Var(&f.maxBytes, "max-bytes", 0, "size limit of one input in bytes (default 64 MiB for files, 16 MiB for URLs)")
	cmd.Flags().IntVar(&f.feedArticles, "feed-articles", ingest.DefaultFeedArticles, "most linked articles fetched per feed for items that carry only a summary, a few at a time (0: none)")
}

// options turns the flags into ingest.Options.
func (f *ingestFlags) options(a *app, nInputs int) (ingest.Options, error) {
	opts := ingest.Options{
		ID:           f.id,
		AllowPrivate: f.allowPrivate,
		Stdin:        a.stdin,
		Logger:       a.logger,
		Progress:     a.stderr,
		MaxBytes:     f.maxBytes,
		Timeout:      f.timeout,
		FeedArticles: f.feedArticles,
	}
	if f.feedArticles == 0 {
		opts.FeedArticles = -1 // none
	}
	if f.feedArticles < 0 {
		return opts, fmt.Errorf("--feed-articles %d: want 0 or more", f.feedArticles)
	}
	if f.maxBytes < 0 {
		return opts, fmt.Errorf("--max-bytes %d: want 0 (the defaults) or more", f.maxBytes)
	}
	if f.timeout <= 0 {
		return opts, fmt.Errorf("--timeout %v: want a positive duration", f.timeout)
	}
	var err error
	if opts.Published, err = sitrep.ParseDay(strings.TrimSpace(f.published)); err != nil {
		return opts, fmt.Errorf("--published: %v", err)
	}
	if f.id != "" && nInputs > 1 {
		return opts, fmt.Errorf("--id names one input; %d given", nInputs)
	}
	return opts, nil
}
