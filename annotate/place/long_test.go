package place_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// BenchmarkAnnotateLong runs Annotate over a long repetitive text at two
// sizes: time per byte should stay flat as the text grows tenfold.
func BenchmarkAnnotateLong(b *testing.B) {
	for _, n := range []int{200, 2000} {
		text := strings.Repeat("Gunmen killed 5 people in Kabul and ", n)
		sents, toks := segment.Split(text, sitrep.Span{})
		b.Run(strconv.Itoa(len(text)/1000)+"KB", func(b *testing.B) {
			r := resolver(b)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				r.Annotate(text, sents, toks)
			}
		})
	}
}
