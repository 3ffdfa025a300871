package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep-dev/sitrep"
)

// Extractor turns a document into its events (pipeline.Pipeline is one).
type Extractor interface {
	Extract(doc *sitrep.Document) []sitrep.Event
}

// Worker takes documents from the queue, extracts their events and stores
// them. Several Workers, in one process or many, share the consumer.
type Worker struct {
	Queue   *Queue
	Store   sitrep.Store
	Extract Extractor
	// Concurrency is the number of documents handled at once; 1 if 0.
	Concurrency int
	// Grace is how long a document in flight may finish after Run's
	// context is cancelled; past it the document's work is cancelled and
	// it is handed back (nak) for another worker. 0 means 10 seconds.
	Grace time.Duration
	// Stats, if set, counts what the worker did.
	Stats *Stats

	// afterStore, in tests, runs between the store's commit and the ack.
	afterStore func(doc *sitrep.Document)
}

// Stats counts a worker's documents.
type Stats struct {
	Stored, Events, Retried, Dead, Handed atomic.Int64
}

func (s *Stats) String() string {
	return fmt.Sprintf("%d documents stored (%d events extracted, before any merging), %d retried, %d dead, %d handed back",
		s.Stored.Load(), s.Events.Load(), s.Retried.Load(), s.Dead.Load(), s.Handed.Load())
}

// Run handles documents until ctx is cancelled, then lets the documents
// in flight finish (or hands them back after Grace) and returns nil. It
// also turns the server's max-deliveries advisories into dead letters.
func (w *Worker) Run(ctx context.Context) error {
	q := w.Queue
	if w.Stats == nil {
		w.Stats = &Stats{}
	}
	grace := w.Grace
	if grace <= 0 {
		grace = 10 * time.Second
	}
	cons, err := q.consumer(ctx)
	if err != nil {
		return err
	}
	// One worker of a queue group gets each advisory.
	advisory := "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES." + q.cfg.Stream + "." + q.cfg.Consumer
	sub, err := q.nc.QueueSubscribe(advisory, "sitrep-dead-letters", func(m *nats.Msg) { w.deadFromAdvisory(ctx, m.Data) })
	if err != nil {
		return fmt.Errorf("queue: subscribe to %s: %w", advisory, err)
	}
	defer sub.Unsubscribe()

	// work is cancelled Grace after ctx: documents in flight finish in
	// that time or are handed back.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancelWork) })
	defer stop()

	var wg sync.WaitGroup
	for range max(1, w.Concurrency) {
		wg.Go(func() {
			for ctx.Err() == nil {
				// One message per fetch: nothing is buffered in this
				// process that another worker could have had.
				batch, err := cons.Fetch(1, jetstream.FetchMaxWait(time.Second))
				if err != nil {
					if ctx.Err() == nil {
						q.logger.Warn("queue: fetch", "err", err)
						sleep(ctx, time.Second)
					}
					continue
				}
				for m := range batch.Messages() {
					w.handle(ctx, work, m)
				}
				if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && ctx.Err() == nil {
					q.logger.Warn("queue: fetch", "err", err)
					sleep(ctx, time.Second)
				}
			}
		})
	}
	wg.Wait()
	return nil
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// handle processes one message: decode, extract, store, then ack.
func (w *Worker) handle(ctx, work context.Context, m jetstream.Msg) {
	q := w.Queue
	meta, err := m.Metadata()
	if err != nil {
		q.logger.Error("queue: message without metadata", "err", err)
		m.Term()
		return
	}
	// Tell the server the work goes on while it does, so that a long
	// document is not redelivered to another worker meanwhile.
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(max(q.cfg.AckWait/3, 100*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				m.InProgress()
			}
		}
	}()

	doc, err := w.process(work, m.Data())
	log := q.logger.With("seq", meta.Sequence.Stream, "delivery", meta.NumDelivered)
	switch {
	case err == nil:
		if w.afterStore != nil {
			w.afterStore(doc)
		}
		// The ack after the commit: a worker that dies in between leaves
		// the message to be redelivered, and the store takes it again
		// without a change.
		actx, cancel := context.WithTimeout(context.WithoutCancel(work), 10*time.Second)
		defer cancel()
		if err := m.DoubleAck(actx); err != nil {
			log.Warn("queue: ack failed; the document will be redelivered and stored again unchanged", "source", doc.ID, "err", err)
		}
	case work.Err() != nil && ctx.Err() != nil:
		// Shut down past the grace period: hand the document back now
		// rather than after AckWait.
		w.Stats.Handed.Add(1)
		log.Info("queue: handing back a document at shutdown")
		m.Nak()
	case errors.Is(err, errPermanent) || int(meta.NumDelivered) >= q.cfg.MaxDeliver:
		w.Stats.Dead.Add(1)
		log.Error("queue: dead letter", "err", err)
		if derr := w.dead(work, m.Headers(), m.Data(), meta.Sequence.Stream, meta.NumDelivered, err.Error()); derr != nil {
			// Not dead-lettered: leave it to redelivery and the advisory.
			log.Error("queue: publishing a dead letter", "err", derr)
			m.Nak()
			return
		}
		m.Term()
	default:
		w.Stats.Retried.Add(1)
		delay := time.Duration(meta.NumDelivered) * time.Second
		log.Warn("queue: document failed; retrying", "err", err, "in", delay)
		m.NakWithDelay(delay)
	}
}

// process decodes, extracts and stores one document.
func (w *Worker) process(ctx context.Context, data []byte) (*sitrep.Document, error) {
	doc, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errPermanent, err)
	}
	evs, err := w.extract(doc)
	if err != nil {
		return doc, fmt.Errorf("%w: %s: %w", errPermanent, doc.ID, err)
	}
	if _, err := w.Store.PutDocument(ctx, doc, evs); err != nil {
		if errors.Is(err, sitrep.ErrInvalid) {
			err = fmt.Errorf("%w: %w", errPermanent, err)
		}
		return doc, err
	}
	w.Stats.Stored.Add(1)
	w.Stats.Events.Add(int64(len(evs)))
	return doc, nil
}

// extract runs the extractor; a panic is an error, the same every time.
func (w *Worker) extract(doc *sitrep.Document) (evs []sitrep.Event, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract: internal error: %v", r)
		}
	}()
	return w.Extract.Extract(doc), nil
}

// dead publishes a dead letter: the document as it came, with why. The
// message id makes a letter published twice (by a worker and from the
// advisory) one.
func (w *Worker) dead(ctx context.Context, h nats.Header, data []byte, seq, deliveries uint64, reason string) error {
	q := w.Queue
	msg := nats.NewMsg(q.cfg.DeadSubject)
	for k, v := range h {
		msg.Header[k] = v
	}
	msg.Header.Set(HeaderError, reason)
	msg.Header.Set(HeaderStreamSeq, strconv.FormatUint(seq, 10))
	msg.Header.Set(HeaderDeliveries, strconv.FormatUint(deliveries, 10))
	msg.Header.Set(jetstream.MsgIDHeader, "dead-"+q.cfg.Stream+"-"+strconv.FormatUint(seq, 10))
	msg.Data = data
	_, err := q.js.PublishMsg(ctx, msg)
	return err
}

// deadFromAdvisory dead-letters the message of a max-deliveries advisory:
// one whose last delivery ran out its AckWait (its worker died or hung).
// The message stays in the work stream until then; it is copied to the
// dead letters and deleted.
func (w *Worker) deadFromAdvisory(ctx context.Context, data []byte) {
	q := w.Queue
	var adv struct {
		StreamSeq  uint64 `json:"stream_seq"`
		Deliveries uint64 `json:"deliveries"`
	}
	if err := json.Unmarshal(data, &adv); err != nil {
		q.logger.Error("queue: bad max-deliveries advisory", "err", err)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	s, err := q.js.Stream(ctx, q.cfg.Stream)
	if err != nil {
		q.logger.Error("queue: dead letter from advisory", "err", err)
		return
	}
	raw, err := s.GetMsg(ctx, adv.StreamSeq)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return // a worker dead-lettered it already
	}
	if err != nil {
		q.logger.Error("queue: dead letter from advisory", "seq", adv.StreamSeq, "err", err)
		return
	}
	reason := fmt.Sprintf("no worker acknowledged it in %d deliveries (each worker died or hung past AckWait %s)", adv.Deliveries, q.cfg.AckWait)
	if err := w.dead(ctx, raw.Header, raw.Data, adv.StreamSeq, adv.Deliveries, reason); err != nil {
		q.logger.Error("queue: dead letter from advisory", "seq", adv.StreamSeq, "err", err)
		return
	}
	w.Stats.Dead.Add(1)
	q.logger.Error("queue: dead letter", "seq", adv.StreamSeq, "err", reason)
	if err := s.DeleteMsg(ctx, adv.StreamSeq); err != nil {
		q.logger.Warn("queue: deleting a dead message", "seq", adv.StreamSeq, "err", err)
	}
}
