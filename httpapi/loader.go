package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

// IngestLoader returns a LoadFunc that reads documents with package
// ingest, as `sitrep ingest` does: plain text is kept exactly as given,
// HTML goes through the article extractor, and a URL is fetched with
// ingest's safe client (no private addresses unless base.AllowPrivate).
// base supplies the shared settings (Logger, Client, MaxBytes ...); each
// request sets ID and Published.
func IngestLoader(base ingest.Options) LoadFunc {
	return func(ctx context.Context, in Input) ([]*sitrep.Document, error) {
		opts := base
		opts.ID = in.ID
		opts.Published = in.Published
		opts.Stdin = nil
		opts.Progress = nil
		switch {
		case in.URL != "":
			var docs []*sitrep.Document
			var firstErr error
			err := ingest.Read(ctx, []string{in.URL}, opts, func(r ingest.Result) error {
				if r.Err != nil {
					if firstErr == nil {
						firstErr = r.Err
					}
					return nil
				}
				docs = append(docs, r.Doc)
				return nil
			})
			if err != nil {
				return nil, err
			}
			if len(docs) == 0 && firstErr != nil {
				return nil, firstErr
			}
			return docs, nil
		case in.HTML != "":
			name := in.ID
			if name == "" {
				name = "api:" + shortHash(in.HTML)
			}
			return ingest.Parse(ctx, name+".html", []byte(in.HTML), withID(opts, name))
		default:
			if !utf8.ValidString(in.Text) {
				return nil, Errorf(EInvalid, "text is not valid UTF-8")
			}
			name := in.ID
			if name == "" {
				name = "api:" + shortHash(in.Text)
			}
			// Text that looks like HTML or a batch is still text here:
			// the client said so.
			if ingest.Sniff(name, []byte(in.Text)) != ingest.KindText {
				return []*sitrep.Document{plainDocument(name, in)}, nil
			}
			docs, err := ingest.Parse(ctx, name, []byte(in.Text), withID(opts, name))
			if err != nil {
				return nil, fmt.Errorf("reading text: %w", err)
			}
			return docs, nil
		}
	}
}

func withID(opts ingest.Options, id string) ingest.Options {
	opts.ID = id
	return opts
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// plainDocument builds a Document from text as given.
func plainDocument(id string, in Input) *sitrep.Document {
	doc := &sitrep.Document{ID: id, Text: in.Text}
	if !in.Published.IsZero() {
		doc.Published, doc.PublishedBasis = in.Published, sitrep.BasisGiven
	}
	return doc
}
