package ingest_test

import (
	"context"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep/ingest"
)

func benchParse(b *testing.B, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ingest.Parse(ctx, file, data, ingest.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkParseHTML measures HTML -> article (go-trafilatura with its
// fallbacks, block text, metadata, body span): pages/s on one core.
func BenchmarkParseHTML(b *testing.B) {
	for _, f := range []string{"wordpress.html", "jsonld.html", "windows1252.html"} {
		b.Run(f, func(b *testing.B) { benchParse(b, "testdata/"+f) })
	}
}

// BenchmarkParseText measures plain text -> document (decoding checks and
// the furniture finder).
func BenchmarkParseText(b *testing.B) {
	const seed = "../../shared/seed/taliban-isis-balkh.txt"
	if _, err := os.Stat(seed); err == nil {
		b.Run("seed", func(b *testing.B) { benchParse(b, seed) })
	}
	b.Run("furniture.txt", func(b *testing.B) { benchParse(b, "testdata/furniture.txt") })
}

// BenchmarkParseFeed measures an Atom feed with full content.
func BenchmarkParseFeed(b *testing.B) {
	benchParse(b, "testdata/atom-full.xml")
}
