package date_test

import (
	"os"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

func benchFind(b *testing.B, text string) {
	ref := time.Date(2023, 3, 27, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		date.Find(text, sitrep.Span{}, ref)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkFind(b *testing.B) {
	b.Run("Seed", func(b *testing.B) { benchFind(b, readSeed(b)) })
	b.Run("Fixture", func(b *testing.B) {
		t, err := os.ReadFile("testdata/kunduz-raid.txt")
		if err != nil {
			b.Fatal(err)
		}
		benchFind(b, string(t))
	})
}

func BenchmarkInferReference(b *testing.B) {
	text := readSeed(b)
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		date.InferReference(text, sitrep.Span{}, now)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
