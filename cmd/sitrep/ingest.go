package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
)

func init() { commands = append(commands, newIngestCmd) }

// extractor turns a document into events.
type extractor interface {
	Extract(doc *sitrep.Document) []sitrep.Event
}

// newIngestExtractor builds the extractor ingest uses; tests replace it.
var newIngestExtractor = func(logger *slog.Logger) (extractor, error) {
	return pipeline.New(pipeline.Options{Logger: logger})
}

// ingestStats counts what an ingest did.
type ingestStats struct {
	docs, events, skipped, failed atomic.Int64
}

func (s *ingestStats) String() string {
	return fmt.Sprintf("%d documents, %d events stored; %d skipped (already stored); %d failed",
		s.docs.Load(), s.events.Load(), s.skipped.Load(), s.failed.Load())
}

func newIngestCmd(a *app) *cobra.Command {
	var (
		dbPath, published string
		force             bool
	)
	cmd := &cobra.Command{
		Use:   "ingest [--db PATH] [--published YYYY-MM-DD] [--force] INPUT...",
		Short: "Extract events from articles and store them in the database",
		Long: `Read every input (files, directories, globs, URLs, RSS/Atom feeds, .jsonl
batches, - for stdin), extract its events and store each document with its
events in one transaction. Re-ingesting a document replaces its events.

A document whose source, date and text are already stored is skipped, so an
interrupted ingest resumes where it stopped when run again; --force
re-extracts and replaces them all. A progress line is shown on a terminal
and a summary is printed at the end.`,
		Example: `  sitrep ingest articles/
  sitrep ingest --db ./events.db --published 2023-03-27 report.txt
  sitrep ingest feed.xml https://example.org/news/article.html`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var pub time.Time
			if published != "" {
				t, err := time.Parse("2006-01-02", published)
				if err != nil {
					return fmt.Errorf("--published %q: want a date YYYY-MM-DD", published)
				}
				pub = t
			}
			ex, err := newIngestExtractor(a.logger)
			if err != nil {
				return fmt.Errorf("ingest: %w", err)
			}
			db, err := openEventDB(ctx, dbPath, a)
			if err != nil {
				return err
			}
			defer db.Close()

			var stats ingestStats
			bar := newIngestBar(ctx, a.stderr, &stats)
			logf := func(format string, args ...any) {
				bar.printf(format, args...)
			}
			err = ingest.Read(ctx, args, ingest.Options{Published: pub, Logger: a.logger, Stdin: a.stdin},
				func(r ingest.Result) error {
					defer bar.update()
					if r.Err != nil {
						stats.failed.Add(1)
						logf("sitrep ingest: %v\n", r.Err)
						return nil
					}
					if !force {
						has, err := db.HasDocument(ctx, sitrep.ContentHash(r.Doc))
						if err != nil {
							return err
						}
						if has {
							stats.skipped.Add(1)
							return nil
						}
					}
					evs, err := safeExtract(ex, r.Doc)
					if err != nil {
						stats.failed.Add(1)
						logf("sitrep ingest: %s: %v\n", r.Doc.ID, err)
						return nil
					}
					if _, err := db.PutDocument(ctx, r.Doc, evs); err != nil {
						if ctx.Err() != nil {
							return ctx.Err()
						}
						stats.failed.Add(1)
						logf("sitrep ingest: %s: %v\n", r.Doc.ID, err)
						return nil
					}
					stats.docs.Add(1)
					stats.events.Add(int64(len(evs)))
					return nil
				})
			bar.close()
			fmt.Fprintf(a.stderr, "sitrep ingest: %s (%s)\n", &stats, db.Path())
			if err != nil {
				return fmt.Errorf("ingest: %w", err)
			}
			if stats.failed.Load() > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().StringVar(&published, "published", "", "reference date YYYY-MM-DD for relative dates in every input")
	cmd.Flags().BoolVar(&force, "force", false, "re-extract documents that are already stored")
	return cmd
}

// safeExtract runs ex on doc, turning a panic into an error so that one bad
// document does not stop an ingest.
func safeExtract(ex extractor, doc *sitrep.Document) (evs []sitrep.Event, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract: internal error: %v", r)
		}
	}()
	return ex.Extract(doc), nil
}

// ingestBar is a progress line on a terminal and nothing elsewhere.
type ingestBar struct {
	p   *mpb.Progress
	bar *mpb.Bar
	w   io.Writer
}

func newIngestBar(ctx context.Context, w *os.File, stats *ingestStats) *ingestBar {
	b := &ingestBar{w: w}
	if !isTerminal(w) {
		return b
	}
	b.p = mpb.NewWithContext(ctx, mpb.WithOutput(w), mpb.WithWidth(24), mpb.WithRefreshRate(150*time.Millisecond))
	b.bar = b.p.New(0, mpb.SpinnerStyle(),
		mpb.PrependDecorators(decor.Name("ingest "), decor.Elapsed(decor.ET_STYLE_GO)),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string {
			return fmt.Sprintf("%d docs, %d events, %d skipped, %d failed",
				stats.docs.Load(), stats.events.Load(), stats.skipped.Load(), stats.failed.Load())
		})),
	)
	return b
}

func (b *ingestBar) update() {
	if b.bar != nil {
		b.bar.Increment()
	}
}

// printf writes a message above the bar.
func (b *ingestBar) printf(format string, args ...any) {
	if b.p != nil {
		fmt.Fprintf(b.p, format, args...)
		return
	}
	fmt.Fprintf(b.w, format, args...)
}

func (b *ingestBar) close() {
	if b.p == nil {
		return
	}
	b.bar.SetTotal(-1, true)
	b.p.Wait()
}
