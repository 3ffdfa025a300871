package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/queue"
	"github.com/sitrep-dev/sitrep/scope"
	"github.com/sitrep-dev/sitrep/store"
)

func init() { commands = append(commands, newWorkerCmd) }

// envQueue is the default of --queue.
const envQueue = "SITREP_QUEUE"

// queueFlags are the flags of the work queue.
type queueFlags struct {
	addr       string
	stream     string
	consumer   string
	ackWait    time.Duration
	maxDeliver int
}

func (f *queueFlags) register(cmd *cobra.Command, consumer bool) {
	cmd.Flags().StringVar(&f.addr, "queue", "", "NATS server of the work queue, nats://host:4222 (default $"+envQueue+")")
	cmd.Flags().StringVar(&f.stream, "queue-stream", "SITREP", "JetStream stream of the work queue (subjects <stream in lower case>.docs and .dead)")
	if consumer {
		cmd.Flags().StringVar(&f.consumer, "consumer", "sitrep-workers", "durable consumer the workers share")
		cmd.Flags().DurationVar(&f.ackWait, "ack-wait", time.Minute, "redeliver a document whose worker is silent this long")
		cmd.Flags().IntVar(&f.maxDeliver, "max-deliver", 5, "deliveries before a failing document goes to the dead letters")
	}
}

// address returns --queue, else $SITREP_QUEUE, else "".
func (f *queueFlags) address() string {
	if f.addr != "" {
		return f.addr
	}
	return os.Getenv(envQueue)
}

// connect connects to the queue the flags name.
func (f *queueFlags) connect(ctx context.Context, a *app) (*queue.Queue, error) {
	addr := f.address()
	if addr == "" {
		return nil, fmt.Errorf("no work queue: give --queue nats://host:4222 or set $%s", envQueue)
	}
	cfg := queue.Config{Stream: f.stream, AckWait: f.ackWait, MaxDeliver: f.maxDeliver, Consumer: f.consumer}
	if f.stream != "" {
		lower := []byte(f.stream)
		for i, c := range lower {
			if 'A' <= c && c <= 'Z' {
				lower[i] = c + 'a' - 'A'
			}
		}
		cfg.Subject, cfg.DeadStream, cfg.DeadSubject = string(lower)+".docs", f.stream+"_DEAD", string(lower)+".dead"
	}
	return queue.Connect(ctx, addr, cfg, a.logger)
}

func newWorkerCmd(a *app) *cobra.Command {
	var (
		qf          queueFlags
		dbAddr      string
		concurrency int
		syn         bool
		grace       time.Duration
		scopeName   string
		merge       bool
	)
	cmd := &cobra.Command{
		Use:   "worker --queue nats://HOST:4222 --db postgres://... [--concurrency N]",
		Short: "Take documents from the work queue, extract their events and store them",
		Long: `Take documents that sitrep ingest --queue and sitrep watch --queue published
from the NATS JetStream work queue, extract their events and store them in
the store --db names (for many workers, a postgres:// URL). Any number of
workers, on any number of machines, share one durable consumer.

A document is acknowledged only after the store committed it; a worker that
dies leaves its document to be redelivered after --ack-wait, and storing it
again changes nothing. A document that fails --max-deliver times, or can
never succeed, goes to the dead-letter subject with the reason in its
Sitrep-Error header. On Ctrl-C or SIGTERM the worker takes no new document,
lets the ones in flight finish for --grace and hands back the rest.

As with sitrep ingest, the reports of one event told by several documents
are joined into one stored event (the claim ledger) unless --merge=false
is given. On PostgreSQL each put holds an
advisory lock on the ledger's block keys of its reports, so two workers
storing reports of one event at the same moment end with one event.`,
		Example: `  sitrep worker --queue nats://127.0.0.1:4222 --db postgres://sitrep@db/sitrep
  SITREP_QUEUE=nats://nats:4222 SITREP_DB=postgres://sitrep@db/sitrep sitrep worker --concurrency 4`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if concurrency < 1 {
				return fmt.Errorf("--concurrency %d: want 1 or more", concurrency)
			}
			sc, err := scope.Parse(scopeName)
			if err != nil {
				return err
			}
			p, err := newIngestExtractor(a.logger, sc, syn)
			if err != nil {
				return fmt.Errorf("worker: %w", err)
			}
			db, where, err := openStoreWith(ctx, dbAddr, a, store.Options{Ledger: merge})
			if err != nil {
				return err
			}
			defer db.Close()
			// The connection outlives ctx: at shutdown the documents in
			// flight still need their acks.
			q, err := qf.connect(context.WithoutCancel(ctx), a)
			if err != nil {
				return err
			}
			defer q.Close()
			var stats queue.Stats
			w := &queue.Worker{Queue: q, Store: db, Extract: p, Concurrency: concurrency, Grace: grace, Stats: &stats}
			a.logger.Info("worker started", "queue", qf.address(), "store", where, "concurrency", concurrency)
			start := time.Now()
			err = w.Run(ctx)
			fmt.Fprintf(a.stderr, "sitrep worker: %s in %s\n", &stats, time.Since(start).Round(time.Millisecond))
			return err
		},
	}
	qf.register(cmd, true)
	addDBFlag(cmd, &dbAddr)
	cmd.Flags().IntVar(&concurrency, "concurrency", 1, "documents handled at once by this process")
	cmd.Flags().BoolVar(&syn, "syntax", false, syntaxUsage)
	cmd.Flags().StringVar(&scopeName, "scope", "acled", scopeUsage)
	addMergeFlag(cmd, &merge)
	cmd.Flags().DurationVar(&grace, "grace", 10*time.Second, "at shutdown, how long documents in flight may finish before they are handed back")
	return cmd
}

// publishAll publishes the documents read to the queue and counts them.
type publishStats struct {
	published, duplicates, failed int
}

func (s *publishStats) String() string {
	return fmt.Sprintf("%d documents published, %d already queued, %d failed", s.published, s.duplicates, s.failed)
}

// publish puts doc on q, counting it in s.
func (s *publishStats) publish(ctx context.Context, a *app, q *queue.Queue, doc *sitrep.Document) {
	dup, err := q.Publish(ctx, doc)
	switch {
	case err != nil:
		s.failed++
		fmt.Fprintln(a.stderr, "sitrep:", err)
	case dup:
		s.duplicates++
	default:
		s.published++
	}
}
