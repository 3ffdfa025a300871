// Package ingest turns outside input into *sitrep.Document: plain-text
// files, HTML pages, RSS/Atom feeds, URLs, directories, globs, stdin ("-")
// and .jsonl batches of documents.
//
// Plain text is kept exactly as given, so that every offset computed later
// indexes the input file; Document.Body marks the part of it that holds the
// article, without leading or trailing page furniture (the line patterns of
// lexicon/data/boilerplate.tsv). Text that is not valid UTF-8 is converted
// (UTF-16 by its BOM, legacy 8-bit text from Windows-1252, damaged UTF-8 by
// replacing each bad byte with U+FFFD); offsets then index the converted
// text. HTML is reduced to its article text by go-trafilatura, with
// paragraph and list boundaries kept as blank lines and "• " bullets;
// offsets then index that text. Feed items are documents of their own.
//
// Limits: 64 MiB per file or stdin (MaxBytes), 16 MiB per URL body, 8 MiB
// per HTML page (MaxHTMLBytes), 2000 levels of element nesting; larger or
// deeper inputs fail at once with ErrTooLarge or ErrTooDeep. URLs are
// fetched by a client that refuses non-public addresses (NewClient).
package ingest

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Default size caps; Options.MaxBytes overrides both.
const (
	DefaultMaxFileBytes = 64 << 20 // 64 MiB per file (and per .jsonl line)
	DefaultMaxURLBytes  = 16 << 20 // 16 MiB per HTTP response body
)

// Errors that callers may test with errors.Is.
var (
	// ErrNotText means the input looks like binary data.
	ErrNotText = errors.New("not text")
	// ErrTooLarge means the input is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("input too large")
	// ErrPrivateAddress means a URL resolved to a loopback, private,
	// link-local or metadata address and Options.AllowPrivate is off.
	ErrPrivateAddress = errors.New("refusing to connect to a non-public address")
	// ErrTimeout means an HTTP request took longer than Options.Timeout.
	ErrTimeout = errors.New("timed out")
	// ErrDuplicate means the document was already read from another input
	// (same canonical URL or same normalised text). Read skips duplicates
	// silently and logs them; it never reports this error to fn.
	ErrDuplicate = errors.New("duplicate document")
)

// Options configure Read and Parse. The zero value is ready to use.
type Options struct {
	// Published is the reference date for every document (BasisGiven); it
	// overrides batch and page metadata. The zero time means none.
	Published sitrep.Day
	// ID is the document id for a single input that yields one document
	// (plain text or HTML). It is ignored for feeds and batches, whose
	// items carry their own ids.
	ID string
	// AllowPrivate allows URLs that resolve to loopback, private,
	// link-local and cloud metadata addresses. Off by default.
	AllowPrivate bool
	// Client fetches URLs; nil means the package's safe client (see
	// NewClient), built once per Read call.
	Client *http.Client
	// Stdin is what the input "-" reads; nil means no stdin (an error).
	Stdin io.Reader
	// Logger receives debug and warning messages; nil discards them.
	Logger *slog.Logger
	// Progress is where a progress bar goes when it is a terminal; nil or a
	// non-terminal writer means no bar.
	Progress io.Writer
	// MaxBytes caps the size of one input (one file, one URL body, one
	// .jsonl line); 0 means DefaultMaxFileBytes for files and stdin and
	// DefaultMaxURLBytes for URLs. Larger inputs fail with ErrTooLarge.
	MaxBytes int64
	// Timeout bounds one HTTP attempt, body included; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// KeepDuplicates turns off duplicate detection in Read.
	KeepDuplicates bool
	// InputDone, when set, is called by Read after each input (a file, a
	// URL, stdin; directories and globs count as the files they hold),
	// with the number of inputs done and their total: a progress line can
	// show how far Read is and when it should end.
	InputDone func(done, total int)
	// FeedArticles caps how many linked articles of summary-only items one
	// feed fetches (a few at a time); later items keep their summaries. 0
	// means DefaultFeedArticles; a negative value fetches none.
	FeedArticles int
}

func (o *Options) feedArticles() int {
	switch {
	case o.FeedArticles < 0:
		return 0
	case o.FeedArticles == 0:
		return DefaultFeedArticles
	}
	return o.FeedArticles
}

func (o *Options) logger() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Logger
}

func (o *Options) maxFile() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxFileBytes
}

func (o *Options) maxURL() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxURLBytes
}

// Result is one document read from an input, or the error for an input
// (or one line of a batch) that could not be read.
type Result struct {
	Input string           // the input as given (file name, URL, "-")
	Doc   *sitrep.Document // nil when Err != nil
	Err   error
}

// InputError is the error of one input, or of one line of a batch.
type InputError struct {
	Input string // the input as given
	Line  int    // line number in a .jsonl batch, starting at 1; 0 for the whole input
	Err   error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Input, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Input, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }
