package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// bigText returns about n bytes of our own testdata articles, repeated
// paragraph by paragraph: a long report with many places, dates and
// numbers, as a 60 MB upload or a scraped archive page would have.
func bigText(tb testing.TB, n int) string {
	tb.Helper()
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		tb.Fatal("no testdata")
	}
	var paras []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range strings.Split(string(data), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	var b strings.Builder
	b.Grow(n + 4096)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(paras[i%len(paras)])
		b.WriteString("\n\n")
	}
	return b.String()
}

// BenchmarkExtractSize measures the whole pipeline on one long document of
// 0.5, 2 and 8 MB. The time per MB (ns/op over SetBytes) must stay flat:
// every stage is linear in the length of the text.
func BenchmarkExtractSize(b *testing.B) {
	p := mustPipeline(b)
	for _, mb := range []float64{0.5, 2, 8} {
		text := bigText(b, int(mb*(1<<20)))
		b.Run(fmt.Sprintf("%gMB", mb), func(b *testing.B) {
			doc := &sitrep.Document{ID: "big", Text: text}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				p.Extract(doc)
			}
			mbs := float64(len(text)) / (1 << 20)
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/mbs, "s/MB")
		})
	}
}
