package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/scope"
	"github.com/sitrep-dev/sitrep/store"
)

func init() { commands = append(commands, newIngestCmd) }

// extractor turns a document into events.
type extractor interface {
	Extract(doc *sitrep.Document) []sitrep.Event
}

// newIngestExtractor builds the extractor ingest uses; tests replace it.
// syn adds the syntax stage (--syntax).
var newIngestExtractor = func(logger *slog.Logger, sc scope.Scope, syn bool) (extractor, error) {
	return pipeline.New(pipeline.Options{Logger: logger, Scope: sc, Syntax: syn})
}

// ingestStats counts what an ingest did.
type ingestStats struct {
	// events counts the events extracted from the documents stored: with
	// merging, each is a report that joins a stored event or starts one.
	docs, events, skipped, failed atomic.Int64
	// merged: reports were joined across documents. before and after
	// count the store's events around the ingest (known: the store is a
	// sitrep.StatsReader).
	merged        bool
	known         bool
	before, after int64
}

// String is the ingest's summary. Without merging every event extracted
// is stored as it is; with merging the extracted events are reports, and
// the events they make are counted in the store: "3 documents, 9 reports
// stored, 7 new events after merging (the store holds 40)".
func (s *ingestStats) String() string {
	done := fmt.Sprintf("%s, %s stored", count(s.docs.Load(), "document"), count(s.events.Load(), "event"))
	if s.merged {
		done = fmt.Sprintf("%s, %s stored", count(s.docs.Load(), "document"), count(s.events.Load(), "report"))
		switch {
		case !s.known:
		case s.after >= s.before:
			done += fmt.Sprintf(", %s after merging (the store holds %d)", count(s.after-s.before, "new event"), s.after)
		default: // re-put documents tell fewer events than before
			done += fmt.Sprintf(", %d fewer events after merging (the store holds %d)", s.before-s.after, s.after)
		}
	}
	return fmt.Sprintf("%s; %d skipped (already stored); %d failed", done, s.skipped.Load(), s.failed.Load())
}

// storedEvents returns the number of events in db, and false when db
// cannot count them (or fails to).
func storedEvents(ctx context.Context, db sitrep.Store) (int64, bool) {
	sr, ok := db.(sitrep.StatsReader)
	if !ok {
		return 0, false
	}
	st, err := sr.Stats(ctx)
	if err != nil {
		return 0, false
	}
	return int64(st.Events), true
}

func newIngestCmd(a *app) *cobra.Command {
	var (
		scopeName      string
		merge          bool
		dbPath         string
		rf             ingestFlags
		force          bool
		workers, batch int
		qf             queueFlags
		syn            bool
	)
	cmd := &cobra.Command{
		Use:   "ingest [--db PATH] [--published YYYY-MM-DD] [--force] [--workers N] [--batch N] [--queue nats://...] INPUT...",
		Short: "Extract events from articles and store them in the database",
		Long: `Read every input (files, directories, globs, URLs, RSS/Atom feeds, .jsonl
batches, - for stdin), extract its events and store each document with its
events in one transaction. Re-ingesting a document replaces its events.

Extraction runs on --workers goroutines (default: one per CPU) while one
writer stores the documents in input order, so reading, extracting and
writing overlap. --batch N lets the writer commit up to N documents that
are ready in one transaction: faster for many small documents, and a crash
then loses the documents of the transaction in flight, each whole or
absent. A batch that fails is retried one document at a time.

A report of an event already stored from another document (same kind of
event, compatible date, place, actors and named people) is joined to that
event, which then lists each source and its claims side by side; --merge=false
stores every document's events apart.

A document whose source, date and text are already stored is skipped, so an
interrupted ingest resumes where it stopped when run again; --force
re-extracts and replaces them all. A progress line is shown on a terminal
and a summary is printed at the end.

With --queue (or $SITREP_QUEUE) the documents read are published to the
NATS JetStream work queue instead, for sitrep worker processes to extract
and store; a document already queued (same source, date and text) within
ten minutes is dropped by the server.`,
		Example: `  sitrep ingest articles/
  sitrep ingest --db ./events.db --published 2023-03-27 report.txt
  sitrep ingest --batch 100 archive.jsonl
  sitrep ingest feed.xml https://example.org/news/article.html
  sitrep ingest --queue nats://127.0.0.1:4222 archive.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			opts, err := rf.options(a, len(args))
			if err != nil {
				return err
			}
			opts.Progress = nil // ingest draws its own progress line
			if workers < 0 {
				return fmt.Errorf("--workers %d: want 0 (one per CPU) or more", workers)
			}
			if workers == 0 {
				workers = runtime.GOMAXPROCS(0)
			}
			if batch < 1 {
				return fmt.Errorf("--batch %d: want 1 or more documents per transaction", batch)
			}
			if qf.address() != "" {
				return publishInputs(ctx, a, &qf, args, opts)
			}
			sc, err := scope.Parse(scopeName)
			if err != nil {
				return err
			}
			ex, err := newIngestExtractor(a.logger, sc, syn)
			if err != nil {
				return fmt.Errorf("ingest: %w", err)
			}
			db, where, err := openStoreWith(ctx, dbPath, a, store.Options{Ledger: merge})
			if err != nil {
				return err
			}
			defer db.Close()

			stats := ingestStats{merged: merge}
			if merge {
				stats.before, stats.known = storedEvents(ctx, db)
			}
			bar := newIngestBar(ctx, a.stderr, &stats)
			opts.InputDone = bar.inputDone
			p := &ingestPipeline{db: db, ex: ex, force: force, workers: workers, batch: batch, stats: &stats, bar: bar}
			err = p.run(ctx, func(fn func(ingest.Result) error) error {
				return ingest.Read(ctx, args, opts, fn)
			})
			bar.close()
			if stats.known {
				stats.after, stats.known = storedEvents(context.WithoutCancel(ctx), db)
			}
			fmt.Fprintf(a.stderr, "sitrep ingest: %s (%s)\n", &stats, where)
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
	rf.register(cmd, false)
	cmd.Flags().BoolVar(&force, "force", false, "re-extract documents that are already stored")
	cmd.Flags().IntVar(&workers, "workers", 0, "extraction goroutines (0: one per CPU)")
	cmd.Flags().StringVar(&scopeName, "scope", "acled", scopeUsage)
	cmd.Flags().BoolVar(&syn, "syntax", false, syntaxUsage)
	addMergeFlag(cmd, &merge)
	cmd.Flags().IntVar(&batch, "batch", 1, "documents per transaction at most (1: one transaction per document)")
	qf.register(cmd, false)
	return cmd
}

// publishInputs reads the inputs and publishes each document to the work
// queue.
func publishInputs(ctx context.Context, a *app, qf *queueFlags, args []string, opts ingest.Options) error {
	q, err := qf.connect(ctx, a)
	if err != nil {
		return err
	}
	defer q.Close()
	var stats publishStats
	err = ingest.Read(ctx, args, opts, func(r ingest.Result) error {
		if r.Err != nil {
			stats.failed++
			fmt.Fprintln(a.stderr, "sitrep ingest:", r.Err)
			return nil
		}
		stats.publish(ctx, a, q, r.Doc)
		return nil
	})
	fmt.Fprintf(a.stderr, "sitrep ingest: %s (%s)\n", &stats, qf.address())
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if stats.failed > 0 {
		return exitCode(1)
	}
	return nil
}

// ingestStore is what an ingest needs of the store; a store that is also
// a sitrep.BatchPutter gets batches of documents in one transaction.
type ingestStore interface {
	HasDocument(ctx context.Context, contentHash string) (bool, error)
	PutDocument(ctx context.Context, doc *sitrep.Document, events []sitrep.Event) (string, error)
}

// ingestPipeline extracts on several goroutines and stores on one, in
// input order:
//
//	read (ingest.Read) -> jobs -> workers (skip check, extract) -> done -> writer
//
// A semaphore bounds the documents between reading and storing, so memory
// stays bounded however slow the writer or one document is.
type ingestPipeline struct {
	db      ingestStore
	ex      extractor
	force   bool
	workers int
	batch   int
	stats   *ingestStats
	bar     *ingestBar

	mu sync.Mutex // serialises messages
}

// ingestItem is one document on its way through the pipeline.
type ingestItem struct {
	seq  int
	doc  *sitrep.Document
	evs  []sitrep.Event
	skip bool  // already stored
	err  error // extraction failed
}

func (p *ingestPipeline) logf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.printf(format, args...)
}

// run reads with read, which calls its argument for every input read, and
// returns when every document read is stored or has failed.
func (p *ingestPipeline) run(ctx context.Context, read func(func(ingest.Result) error) error) error {
	inflight := make(chan struct{}, 4*p.workers+p.batch)
	jobs := make(chan ingestItem, p.workers)
	done := make(chan ingestItem, 2*p.workers+p.batch)

	var wg sync.WaitGroup
	for range p.workers {
		wg.Go(func() {
			for it := range jobs {
				p.extract(ctx, &it)
				done <- it
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	writeErr := make(chan error, 1)
	go func() { writeErr <- p.write(ctx, done, inflight) }()

	seq := 0
	err := read(func(r ingest.Result) error {
		if r.Err != nil {
			p.stats.failed.Add(1)
			p.logf("sitrep ingest: %v\n", r.Err)
			p.bar.update()
			return nil
		}
		select {
		case inflight <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		jobs <- ingestItem{seq: seq, doc: r.Doc}
		seq++
		return nil
	})
	close(jobs)
	if werr := <-writeErr; err == nil {
		err = werr
	}
	return err
}

// extract fills in it: skipped when stored already, else its events.
func (p *ingestPipeline) extract(ctx context.Context, it *ingestItem) {
	if ctx.Err() != nil {
		it.err = ctx.Err()
		return
	}
	if !p.force {
		has, err := p.db.HasDocument(ctx, sitrep.ContentHash(it.doc))
		if err != nil {
			it.err = err
			return
		}
		if has {
			it.skip = true
			return
		}
	}
	it.evs, it.err = safeExtract(p.ex, it.doc)
}

// write stores the items from done in sequence order, committing up to
// p.batch ready documents at a time, and frees an inflight slot for each.
func (p *ingestPipeline) write(ctx context.Context, done <-chan ingestItem, inflight <-chan struct{}) error {
	pending := map[int]ingestItem{}
	next := 0
	var batch []ingestItem
	var failed error
	flush := func() {
		if len(batch) == 0 {
			return
		}
		if failed == nil {
			failed = p.store(ctx, batch)
		}
		for range batch {
			<-inflight
			p.bar.update()
		}
		batch = batch[:0]
	}
	take := func(it ingestItem) {
		pending[it.seq] = it
		for {
			it, ok := pending[next]
			if !ok {
				return
			}
			delete(pending, next)
			next++
			switch {
			case it.skip:
				p.stats.skipped.Add(1)
			case it.err != nil:
				if ctx.Err() == nil {
					p.stats.failed.Add(1)
					p.logf("sitrep ingest: %s: %v\n", it.doc.ID, it.err)
				}
			default:
				batch = append(batch, it)
				if len(batch) >= p.batch {
					flush()
				}
				continue
			}
			<-inflight
			p.bar.update()
		}
	}
	for it := range done {
		take(it)
		// Commit what is ready rather than wait for a full batch.
	more:
		for len(batch) > 0 {
			select {
			case it, ok := <-done:
				if !ok {
					break more
				}
				take(it)
			default:
				flush()
			}
		}
	}
	flush()
	return failed
}

// store writes batch: one document per transaction, or all in one when
// there are several, retrying them one by one if that fails. Only a
// failure of the database itself (or a cancelled ctx) is returned; a
// document that cannot be stored is counted and reported.
func (p *ingestPipeline) store(ctx context.Context, batch []ingestItem) error {
	if bp, ok := p.db.(sitrep.BatchPutter); ok && len(batch) > 1 {
		des := make([]sitrep.DocumentEvents, len(batch))
		for i, it := range batch {
			des[i] = sitrep.DocumentEvents{Doc: it.doc, Events: it.evs}
		}
		if _, err := bp.PutDocuments(ctx, des); err == nil {
			for _, it := range batch {
				p.stats.docs.Add(1)
				p.stats.events.Add(int64(len(it.evs)))
			}
			return nil
		} else if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	for _, it := range batch {
		if _, err := p.db.PutDocument(ctx, it.doc, it.evs); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			p.stats.failed.Add(1)
			p.logf("sitrep ingest: %s: %v\n", it.doc.ID, err)
			continue
		}
		p.stats.docs.Add(1)
		p.stats.events.Add(int64(len(it.evs)))
	}
	return nil
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
	// done and total count the inputs read (see inputDone), from start.
	done, total atomic.Int64
	start       time.Time
}

func newIngestBar(ctx context.Context, w *os.File, stats *ingestStats) *ingestBar {
	b := &ingestBar{w: w, start: time.Now()}
	if !isTerminal(w) {
		return b
	}
	b.p = mpb.NewWithContext(ctx, mpb.WithOutput(w), mpb.WithWidth(24), mpb.WithRefreshRate(150*time.Millisecond))
	b.bar = b.p.New(0, mpb.SpinnerStyle(),
		mpb.PrependDecorators(decor.Name("ingest "), decor.Elapsed(decor.ET_STYLE_GO)),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string {
			noun := "event"
			if stats.merged {
				noun = "report"
			}
			s := fmt.Sprintf("%s, %s, %d skipped, %d failed",
				count(stats.docs.Load(), "doc"), count(stats.events.Load(), noun), stats.skipped.Load(), stats.failed.Load())
			if p := inputProgress(int(b.done.Load()), int(b.total.Load()), time.Since(b.start)); p != "" {
				s = p + "; " + s
			}
			return s
		})),
	)
	return b
}

// inputDone records that done of total inputs were read; it is
// ingest.Options.InputDone.
func (b *ingestBar) inputDone(done, total int) {
	b.done.Store(int64(done))
	b.total.Store(int64(total))
}

// inputProgress is the progress line's account of the inputs: "input 3/10,
// 42s left" (the time left from the average time per input so far), ""
// for a single input, whose progress is its documents.
func inputProgress(done, total int, elapsed time.Duration) string {
	if total < 2 {
		return ""
	}
	s := fmt.Sprintf("input %d/%d", done, total)
	if done > 0 && done < total {
		left := elapsed * time.Duration(total-done) / time.Duration(done)
		s += fmt.Sprintf(", %v left", left.Round(time.Second))
	}
	return s
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
