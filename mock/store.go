// Package mock holds test doubles of sitrep's interfaces, built from
// function fields (after wtf's mock package): a test sets the functions it
// expects to be called, and a call to any other panics.
package mock

import (
	"context"

	"github.com/sitrep-dev/sitrep"
)

var _ sitrep.Store = (*Store)(nil)

// Store is a sitrep.Store whose methods call the function fields.
type Store struct {
	PutDocumentFn func(ctx context.Context, doc *sitrep.Document, events []sitrep.Event) (string, error)
	DocumentFn    func(ctx context.Context, id string) (*sitrep.StoredDocument, error)
	HasDocumentFn func(ctx context.Context, contentHash string) (bool, error)
	EventFn       func(ctx context.Context, id string) (*sitrep.Event, error)
	EventsFn      func(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, string, error)
	CloseFn       func() error
}

// PutDocument calls PutDocumentFn.
func (s *Store) PutDocument(ctx context.Context, doc *sitrep.Document, events []sitrep.Event) (string, error) {
	return s.PutDocumentFn(ctx, doc, events)
}

// Document calls DocumentFn.
func (s *Store) Document(ctx context.Context, id string) (*sitrep.StoredDocument, error) {
	return s.DocumentFn(ctx, id)
}

// HasDocument calls HasDocumentFn.
func (s *Store) HasDocument(ctx context.Context, contentHash string) (bool, error) {
	return s.HasDocumentFn(ctx, contentHash)
}

// Event calls EventFn.
func (s *Store) Event(ctx context.Context, id string) (*sitrep.Event, error) {
	return s.EventFn(ctx, id)
}

// Events calls EventsFn.
func (s *Store) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, string, error) {
	return s.EventsFn(ctx, f)
}

// Close calls CloseFn, or does nothing when it is nil.
func (s *Store) Close() error {
	if s.CloseFn == nil {
		return nil
	}
	return s.CloseFn()
}
