package syntax

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// ownSentences are sentences of our own writing, as word forms.
func ownSentences() [][]string {
	var out [][]string
	for _, s := range strings.Split(benchText, "\n") {
		out = append(out, strings.Fields(s))
	}
	return out
}

const benchText = `Police arrested five men in the town on Monday , the district governor said .
Two soldiers were killed and three others wounded when a roadside bomb struck their vehicle near the border .
Residents said the gunmen, who arrived on motorcycles , set fire to several houses before fleeing into the forest .
The army denied the report and said its troops had only returned fire after coming under attack .`

// BenchmarkParse measures tagging and parsing: tokens per second.
func BenchmarkParse(b *testing.B) { benchParse(b, ownSentences()) }

// BenchmarkParseEWT measures tagging and parsing on the EWT dev file.
func BenchmarkParseEWT(b *testing.B) {
	var sents [][]string
	for _, s := range readEWT(b, "dev") {
		sents = append(sents, s.Forms())
	}
	benchParse(b, sents)
}

func benchParse(b *testing.B, sents [][]string) {
	p := mustDefault(b)
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	var out []Word
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			out = p.ParseTo(out[:0], s)
		}
	}
	reportSpeed(b, n*b.N, start, cpu)
}

// BenchmarkParseTokens measures the path the pipeline uses: sitrep's tokens in.
func BenchmarkParseTokens(b *testing.B) {
	p := mustDefault(b)
	text := strings.ReplaceAll(benchText, " ,", ",")
	text = strings.ReplaceAll(text, " .", ".")
	sents, toks := segment.Split(text, sitrep.Span{})
	var out []TokenWord
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	words := 0
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			out = p.ParseTokens(out[:0], text, toks[s.First:s.Last])
			words += len(out)
		}
	}
	reportSpeed(b, words, start, cpu)
}

// reportSpeed reports words per second of wall time and, where the
// process's CPU time is known, per CPU-second (the figure that holds on a
// busy machine).
func reportSpeed(b *testing.B, words int, start time.Time, cpu0 time.Duration) {
	b.ReportMetric(float64(words)/time.Since(start).Seconds(), "tokens/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(words)/cpu.Seconds(), "tokens/cpu-s")
	}
}
