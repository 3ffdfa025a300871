package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/queue"
	"github.com/sitrep-dev/sitrep/scope"
	"github.com/sitrep-dev/sitrep/store"
)

func init() { commands = append(commands, newWatchCmd) }

func newWatchCmd(a *app) *cobra.Command {
	var (
		scopeN   string
		syn      bool
		rf       ingestFlags
		interval time.Duration
		once     bool
		format   string
		dbPath   string
		keep     bool
		merge    bool
		qf       queueFlags
	)
	cmd := &cobra.Command{
		Use:   "watch [--interval 5m] [--once] FEED_OR_URL...",
		Short: "Poll feeds and pages, and write the events of new articles as they come",
		Long: `Poll each RSS/Atom feed or page (a URL, or a file that is re-read) every
--interval with conditional requests (ETag, If-Modified-Since), read the items
not seen before (fetching the article when a feed item carries only a
summary), extract their events and write them to stdout as they come, one
JSON object per line. With --store (or --db PATH) each new document is also
stored with its events in the database, one transaction per document, as
sitrep ingest does (a report of an event already stored joins it unless
--merge=false). With --queue (or $SITREP_QUEUE) each new document is
published to the NATS JetStream work queue instead, for sitrep worker
processes to extract and store, and nothing is written to stdout. The first poll processes everything the feeds hold.
--once polls once and exits. Errors of one feed are printed and the feed is
polled again next time. Stops cleanly on Ctrl-C.`,
		Example: `  sitrep watch https://example.org/feed/ --interval 10m
  sitrep watch --once feeds/*.xml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := rf.options(a, len(args))
			if err != nil {
				return err
			}
			opts.Progress = nil
			sc, err := scope.Parse(scopeN)
			if err != nil {
				return err
			}
			p, err := pipeline.New(pipeline.Options{Logger: a.logger, Scope: sc, Syntax: syn})
			if err != nil {
				return fmt.Errorf("watch: %w", err)
			}
			if format != export.JSONL {
				return fmt.Errorf("--format %q: watch writes jsonl only", format)
			}
			var q *queue.Queue
			if qf.address() != "" {
				// The connection outlives Ctrl-C: the last publish ends.
				if q, err = qf.connect(context.WithoutCancel(cmd.Context()), a); err != nil {
					return err
				}
				defer q.Close()
			}
			var pubStats publishStats
			var db sitrep.Store
			if q == nil && (keep || dbPath != "") {
				sdb, _, err := openStoreWith(cmd.Context(), dbPath, a, store.Options{Ledger: merge})
				if err != nil {
					return err
				}
				defer sdb.Close()
				db = sdb
			}
			failed := 0
			err = ingest.Watch(cmd.Context(), args, opts, ingest.WatchOptions{Interval: interval, Once: once},
				func(r ingest.Result) error {
					if r.Err != nil {
						failed++
						fmt.Fprintln(a.stderr, "sitrep watch:", r.Err)
						return nil
					}
					if q != nil {
						pubStats.publish(cmd.Context(), a, q, r.Doc)
						a.logger.Info("queued document", "source", r.Doc.ID)
						return nil
					}
					events := p.Extract(r.Doc)
					a.logger.Info("new document", "source", r.Doc.ID, "events", len(events))
					if db != nil {
						if _, err := db.PutDocument(cmd.Context(), r.Doc, events); err != nil {
							failed++
							fmt.Fprintf(a.stderr, "sitrep watch: storing %s: %v\n", r.Doc.ID, err)
						}
					}
					if len(events) == 0 {
						return nil
					}
					// One writer per document: Close flushes, so events
					// reach stdout as soon as their article is read.
					w, err := export.NewWriter(a.stdout, format)
					if err != nil {
						return err
					}
					for i := range events {
						if err := w.Write(&events[i]); err != nil {
							return fmt.Errorf("writing events: %w", err)
						}
					}
					return w.Close()
				})
			if q != nil {
				fmt.Fprintf(a.stderr, "sitrep watch: %s\n", &pubStats)
				failed += pubStats.failed
			}
			if errors.Is(err, context.Canceled) {
				return nil // Ctrl-C
			}
			if err != nil {
				return err
			}
			if once && failed > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	cmd.Flags().DurationVar(&interval, "interval", ingest.DefaultInterval, "time between polls")
	cmd.Flags().BoolVar(&once, "once", false, "poll once and exit")
	cmd.Flags().StringVar(&scopeN, "scope", "acled", scopeUsage)
	cmd.Flags().BoolVar(&syn, "syntax", false, syntaxUsage)
	cmd.Flags().StringVar(&format, "format", export.JSONL, "output format (jsonl only: events are written as they come)")
	cmd.Flags().BoolVar(&keep, "store", false, "also store documents and events in the database")
	addDBFlag(cmd, &dbPath)
	addMergeFlag(cmd, &merge)
	qf.register(cmd, false)
	rf.register(cmd, false)
	return cmd
}
