package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
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
// 0.5, 2 and 8 MB. The time per MB (s/MB, and cpu-s/MB, the process's
// CPU time, steadier on a busy machine) must stay flat: every stage is
// linear in the length of the text. Memory is reported per
// byte of input: alloc-B/B, all that one extraction allocates; peak-B/B,
// the most heap in use at once above what was in use before it (sampled
// every millisecond, garbage not yet collected included: what the
// process's size follows; the collector lets garbage grow to about the
// live heap, some 40 MB of gazetteer and lexicons, before it collects, so
// at 0.5 and 2 MB this is mostly that headroom); and live-B/B, the most
// heap the collector found live at the end of a cycle during the
// extraction, above the live heap before it: what the extraction holds,
// which a long document's windows bound (pipeline.WindowBytes).
func BenchmarkExtractSize(b *testing.B) {
	p := mustPipeline(b)
	for _, mb := range []float64{0.5, 2, 8} {
		text := bigText(b, int(mb*(1<<20)))
		b.Run(fmt.Sprintf("%gMB", mb), func(b *testing.B) {
			doc := &sitrep.Document{ID: "big", Text: text}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				p.Extract(doc)
			}
			mbs := float64(len(text)) / (1 << 20)
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/mbs, "s/MB")
			if cpu := cpuTime() - cpu0; cpu > 0 {
				// The collector's work on the other core included.
				b.ReportMetric(cpu.Seconds()/float64(b.N)/mbs, "cpu-s/MB")
			}
			b.StopTimer()
			alloc, peak, live := extractMemory(p, doc)
			b.ReportMetric(float64(alloc)/float64(len(text)), "alloc-B/B")
			b.ReportMetric(float64(peak)/float64(len(text)), "peak-B/B")
			b.ReportMetric(float64(live)/float64(len(text)), "live-B/B")
		})
	}
}

// extractMemory extracts doc once and returns the bytes it allocated, the
// most heap in use at once during it and the most heap a collection found
// live during it, each above the same before it.
func extractMemory(p *pipeline.Pipeline, doc *sitrep.Document) (alloc, peak, live uint64) {
	runtime.GC()
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(samples)
	base, allocs0, live0 := samples[0].Value.Uint64(), samples[1].Value.Uint64(), samples[2].Value.Uint64()
	stop, done := make(chan struct{}), make(chan [2]uint64)
	go func() {
		var top, topLive uint64
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			top = max(top, s[0].Value.Uint64())
			topLive = max(topLive, s[1].Value.Uint64())
			select {
			case <-stop:
				done <- [2]uint64{top, topLive}
				return
			case <-t.C:
			}
		}
	}()
	p.Extract(doc)
	close(stop)
	tops := <-done
	metrics.Read(samples)
	return samples[1].Value.Uint64() - allocs0, max(tops[0], base) - base, max(tops[1], live0) - live0
}
