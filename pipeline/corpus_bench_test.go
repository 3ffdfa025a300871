package pipeline_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
)

// loadCorpus reads the texts of a .jsonl file of {"id","text"} records
// under ../shared, skipping the benchmark when it is absent.
func loadCorpus(b *testing.B, rel string) []*sitrep.Document {
	b.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", rel))
	if err != nil {
		b.Skip("../shared is absent:", err)
	}
	defer f.Close()
	var docs []*sitrep.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Text != "" {
			docs = append(docs, &sitrep.Document{ID: r.ID, Text: r.Text})
		}
	}
	if len(docs) == 0 {
		b.Skip("no documents in", rel)
	}
	return docs
}

// BenchmarkExtractCorpus measures the whole pipeline on the real texts
// in ../shared: short event snippets (case2021) and longer news articles
// (geovirus, trnews). Each op is one article.
func BenchmarkExtractCorpus(b *testing.B) {
	for _, c := range []struct{ name, path string }{
		{"case2021", "gold/case2021-dev.jsonl"},
		{"geovirus", "gold/places/geovirus.jsonl"},
		{"trnews", "gold/places/trnews.jsonl"},
	} {
		b.Run(c.name, func(b *testing.B) {
			docs := loadCorpus(b, c.path)
			p := mustPipeline(b)
			size := 0
			for _, d := range docs {
				size += len(d.Text)
			}
			b.SetBytes(int64(size / len(docs)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				p.Extract(docs[i%len(docs)])
				i++
			}
		})
	}
}

// BenchmarkExtractCorpusSyntax is BenchmarkExtractCorpus with Syntax:
// the sentences with an event trigger and an actor whose roles the arcs
// may change are tagged and parsed, and roles read from their arcs. The
// model is read before the timer starts. The "all" runs parse every
// sentence with an event trigger and an actor (Options.SyntaxAll), for
// the cost of that choice.
func BenchmarkExtractCorpusSyntax(b *testing.B) {
	for _, c := range []struct {
		name, path string
		all        bool
	}{
		{"geovirus", "gold/places/geovirus.jsonl", false},
		{"trnews", "gold/places/trnews.jsonl", false},
		{"geovirus/all", "gold/places/geovirus.jsonl", true},
		{"trnews/all", "gold/places/trnews.jsonl", true},
	} {
		b.Run(c.name, func(b *testing.B) {
			docs := loadCorpus(b, c.path)
			g, err := embeddedGazetteer()
			if err != nil {
				b.Fatal(err)
			}
			p, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g, Syntax: true, SyntaxAll: c.all})
			if err != nil {
				b.Fatal(err)
			}
			size := 0
			for _, d := range docs {
				size += len(d.Text)
				p.Extract(d)
			}
			b.SetBytes(int64(size / len(docs)))
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				p.Extract(docs[i%len(docs)])
				i++
			}
		})
	}
}
