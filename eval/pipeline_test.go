package eval

import (
	"testing"

	"github.com/sitrep-dev/sitrep/pipeline"
)

// newRealPipeline builds sitrep's pipeline.
func newRealPipeline(tb testing.TB) Pipeline {
	tb.Helper()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}
