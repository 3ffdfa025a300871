package eval

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestBench(t *testing.T) {
	docs := []*sitrep.Document{{ID: "a", Text: "Gunmen killed two guards."}, {ID: "b", Text: "Police dispersed a protest."}}
	built := 0
	build := func() (Extractor, error) { built++; return fakeFromGold{}, nil }
	r, err := Bench(t.Context(), build, docs, BenchOptions{Repeat: 2, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if built != 1 || r.Articles != 2 || len(r.Rounds) != 2 || r.Events != 2 || r.Bytes != int64(len(docs[0].Text)+len(docs[1].Text)) {
		t.Errorf("result %+v", r)
	}
	var buf bytes.Buffer
	if err := WriteBench(&buf, r); err != nil || !strings.Contains(buf.String(), "articles/s") {
		t.Errorf("WriteBench: %v\n%s", err, buf.String())
	}
}

// sharedDocs returns the documents of every shared gold file, skipping the
// benchmark when ../shared is absent.
func sharedDocs(b *testing.B) []*sitrep.Document {
	b.Helper()
	paths, _ := filepath.Glob("../../shared/gold/*.json*")
	more, _ := filepath.Glob("../../shared/gold/places/*.jsonl")
	paths = append(paths, more...)
	if len(paths) == 0 {
		b.Skip("../shared/gold not present")
	}
	var docs []*sitrep.Document
	for _, p := range paths {
		gf, err := LoadGold(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, gf.Documents()...)
	}
	return docs
}

// BenchmarkPipeline runs the whole pipeline (Extract) over the shared gold
// texts, one article per iteration; it reports articles/s, and bytes/s
// from the mean article size.
func BenchmarkPipeline(b *testing.B) {
	docs := sharedDocs(b)
	p := newRealPipeline(b)
	var total int64
	for _, d := range docs {
		total += int64(len(d.Text))
	}
	b.SetBytes(total / int64(len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p.Extract(docs[i%len(docs)])
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAnnotate runs Annotate over the shared gold texts.
func BenchmarkAnnotate(b *testing.B) {
	docs := sharedDocs(b)
	p := newRealPipeline(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p.Annotate(docs[i%len(docs)])
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkPipelineNew measures building the pipeline (data files and
// gazetteer).
func BenchmarkPipelineNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		newRealPipeline(b)
	}
}

// BenchmarkRun measures scoring itself, with a fake pipeline, on the
// shared gold files.
func BenchmarkRun(b *testing.B) {
	sharedDocs(b)
	paths, _ := filepath.Glob("../../shared/gold/*.json*")
	more, _ := filepath.Glob("../../shared/gold/places/*.jsonl")
	var files []*GoldFile
	for _, p := range append(paths, more...) {
		gf, err := LoadGold(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, gf)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(b.Context(), fakeFromGold{}, files, Options{Details: true}); err != nil {
			b.Fatal(err)
		}
	}
}
