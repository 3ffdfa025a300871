package ingest

import (
	"context"
	"errors"
)

type fetcher struct{ opts *Options }

func newFetcher(opts *Options) *fetcher { return &fetcher{opts: opts} }

func (f *fetcher) readURL(ctx context.Context, u string, emit func(Result) error) error {
	return emit(Result{Input: u, Err: &InputError{Input: u, Err: errors.New("URLs are not supported yet")}})
}
