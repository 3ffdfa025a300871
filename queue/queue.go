// Package queue is sitrep's work queue on NATS JetStream: ingest and
// watch publish documents, and any number of workers, in any number of
// processes, take them from one durable consumer, run the pipeline and
// store the results.
//
// Delivery is at least once. A worker acknowledges a document only after
// its store committed it, and the store's PutDocument is idempotent, so a
// document delivered twice (a worker killed before its ack, an ack lost)
// is stored once. A document that fails MaxDeliver times, or that can
// never succeed (undecodable, refused by the store as invalid, a panic
// of the pipeline), goes to the dead-letter subject with the reason in a
// header; deliveries exhausted by workers that died are caught from
// JetStream's max-deliveries advisory. Publishing sets the document's
// content hash as the message id, so JetStream drops a document published
// twice within its duplicate window.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep-dev/sitrep"
)

// Config names the streams, subjects and consumer, and sets the delivery
// policy. The zero value of each field takes the default below.
type Config struct {
	Stream      string        // work stream; "SITREP"
	Subject     string        // subject documents are published on; "sitrep.docs"
	DeadStream  string        // dead-letter stream; "SITREP_DEAD"
	DeadSubject string        // dead-letter subject; "sitrep.dead"
	Consumer    string        // durable consumer all workers share; "sitrep-workers"
	AckWait     time.Duration // redelivery after a worker goes silent; 60s
	MaxDeliver  int           // deliveries before a document is dead; 5
	// DeadMaxAge is how long dead letters are kept; 30 days.
	DeadMaxAge time.Duration
	// Replicas of each stream on a clustered server; 1.
	Replicas int
}

func (c *Config) defaults() {
	set := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	set(&c.Stream, "SITREP")
	set(&c.Subject, "sitrep.docs")
	set(&c.DeadStream, "SITREP_DEAD")
	set(&c.DeadSubject, "sitrep.dead")
	set(&c.Consumer, "sitrep-workers")
	if c.AckWait <= 0 {
		c.AckWait = time.Minute
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = 5
	}
	if c.DeadMaxAge <= 0 {
		c.DeadMaxAge = 30 * 24 * time.Hour
	}
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
}

// Headers of a dead letter.
const (
	HeaderError      = "Sitrep-Error"      // why the document is dead
	HeaderStreamSeq  = "Sitrep-Stream-Seq" // its sequence in the work stream
	HeaderDeliveries = "Sitrep-Deliveries" // how often it was delivered
)

// Queue is a connection to the work queue.
type Queue struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	cfg    Config
	logger *slog.Logger
}

// Connect connects to the NATS server at addr (nats://host:port, several
// separated by commas; credentials in the URL) and creates or updates the
// streams cfg names; workers create or update the consumer (Worker.Run),
// so that publishers never change its settings. The connection
// reconnects on its own for as long as it lives.
func Connect(ctx context.Context, addr string, cfg Config, logger *slog.Logger) (*Queue, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg.defaults()
	nc, err := nats.Connect(addr, nats.Name("sitrep"), nats.MaxReconnects(-1),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				logger.Warn("queue: disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { logger.Info("queue: reconnected", "server", redact(c.ConnectedUrl())) }))
	if err != nil {
		return nil, fmt.Errorf("queue: connect to %s: %w", redact(addr), err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: %w", err)
	}
	q := &Queue{nc: nc, js: js, cfg: cfg, logger: logger}
	if err := q.setup(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return q, nil
}

// redact returns a server address without its password.
func redact(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.User != nil {
		return u.Redacted()
	}
	return addr
}

// setup creates or updates the work stream (work-queue retention: a
// message goes when it is acknowledged) and the dead-letter stream (kept
// DeadMaxAge).
func (q *Queue) setup(ctx context.Context) error {
	c := q.cfg
	_, err := q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: c.Stream, Subjects: []string{c.Subject}, Retention: jetstream.WorkQueuePolicy,
		Storage: jetstream.FileStorage, Replicas: c.Replicas, Duplicates: 10 * time.Minute,
		Description: "sitrep documents waiting for a worker",
	})
	if err != nil {
		return fmt.Errorf("queue: stream %s: %w", c.Stream, err)
	}
	_, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: c.DeadStream, Subjects: []string{c.DeadSubject}, Retention: jetstream.LimitsPolicy,
		Storage: jetstream.FileStorage, Replicas: c.Replicas, MaxAge: c.DeadMaxAge, Duplicates: 10 * time.Minute,
		Description: "sitrep documents that failed repeatedly (header " + HeaderError + ")",
	})
	if err != nil {
		return fmt.Errorf("queue: stream %s: %w", c.DeadStream, err)
	}
	return nil
}

// consumer creates or updates the durable consumer the workers share.
func (q *Queue) consumer(ctx context.Context) (jetstream.Consumer, error) {
	c := q.cfg
	cons, err := q.js.CreateOrUpdateConsumer(ctx, c.Stream, jetstream.ConsumerConfig{
		Durable: c.Consumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: c.AckWait,
		MaxDeliver: c.MaxDeliver, FilterSubject: c.Subject, MaxAckPending: 10000,
		Description: "sitrep workers",
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", c.Consumer, err)
	}
	return cons, nil
}

// Close drains and closes the connection.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil {
		q.nc.Close()
		return err
	}
	return nil
}

// Config returns the configuration in force.
func (q *Queue) Config() Config { return q.cfg }

// message is a document on the wire: sitrep.Document with the fields its
// own JSON leaves out.
type message struct {
	Source         string      `json:"source"`
	URL            string      `json:"url,omitempty"`
	Title          string      `json:"title,omitempty"`
	Author         string      `json:"author,omitempty"`
	Language       string      `json:"language,omitempty"`
	Published      sitrep.Day  `json:"published,omitzero"`
	PublishedBasis string      `json:"published_basis,omitempty"`
	Text           string      `json:"text"`
	Body           sitrep.Span `json:"body,omitzero"`
}

// Encode returns the message body of doc.
func Encode(doc *sitrep.Document) ([]byte, error) {
	return json.Marshal(message{Source: doc.ID, URL: doc.URL, Title: doc.Title, Author: doc.Author,
		Language: doc.Language, Published: doc.Published, PublishedBasis: doc.PublishedBasis,
		Text: doc.Text, Body: doc.Body})
}

// Decode reads a message body; a body that is not a document is an error
// wrapping sitrep.ErrInvalid.
func Decode(b []byte) (*sitrep.Document, error) {
	var m message
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("queue: message is not a document: %v: %w", err, sitrep.ErrInvalid)
	}
	if m.Source == "" {
		return nil, fmt.Errorf("queue: message has no source: %w", sitrep.ErrInvalid)
	}
	return &sitrep.Document{ID: m.Source, URL: m.URL, Title: m.Title, Author: m.Author, Language: m.Language,
		Published: m.Published, PublishedBasis: m.PublishedBasis, Text: m.Text, Body: m.Body}, nil
}

// Publish puts doc on the queue and waits for JetStream to store it. It
// reports duplicate when the server already had a message with the
// document's content hash within its duplicate window (ten minutes).
func (q *Queue) Publish(ctx context.Context, doc *sitrep.Document) (duplicate bool, err error) {
	b, err := Encode(doc)
	if err != nil {
		return false, fmt.Errorf("queue: publish %s: %w", doc.ID, err)
	}
	ack, err := q.js.Publish(ctx, q.cfg.Subject, b, jetstream.WithMsgID(sitrep.ContentHash(doc)))
	if err != nil {
		return false, fmt.Errorf("queue: publish %s: %w", doc.ID, err)
	}
	return ack.Duplicate, nil
}

// Pending returns the number of documents waiting for a worker and the
// number delivered but not yet acknowledged.
func (q *Queue) Pending(ctx context.Context) (waiting uint64, inFlight int, err error) {
	c, err := q.js.Consumer(ctx, q.cfg.Stream, q.cfg.Consumer)
	if err != nil {
		return 0, 0, fmt.Errorf("queue: %w", err)
	}
	info, err := c.Info(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("queue: %w", err)
	}
	return info.NumPending, info.NumAckPending, nil
}

// DeadLetters returns the number of dead letters kept.
func (q *Queue) DeadLetters(ctx context.Context) (uint64, error) {
	s, err := q.js.Stream(ctx, q.cfg.DeadStream)
	if err != nil {
		return 0, fmt.Errorf("queue: %w", err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue: %w", err)
	}
	return info.State.Msgs, nil
}

// errPermanent marks a failure that no redelivery can mend.
var errPermanent = errors.New("permanent failure")
