package ingest

import (
	"context"
	"errors"
)

func parseFeed(ctx context.Context, name string, data []byte, pageURL string, opts *Options, f *fetcher, emit func(Result) error) error {
	return emit(Result{Input: name, Err: &InputError{Input: name, Err: errors.New("feeds are not supported yet")}})
}
