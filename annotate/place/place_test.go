package place_test

import (
	"sync"
	"testing"

	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

var (
	resOnce sync.Once
	res     *place.Resolver
)

func resolver(tb testing.TB) *place.Resolver {
	tb.Helper()
	resOnce.Do(func() {
		g, err := gazetteer.Open("")
		if err != nil {
			tb.Fatal(err)
		}
		res = place.New(g)
	})
	return res
}
