package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is fixed so that inferred reference dates do not depend on the day
// the tests run.
var now = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// embeddedGazetteer is the embedded gazetteer without the user's imported
// places, so that tests do not depend on the machine they run on.
var embeddedGazetteer = sync.OnceValues(func() (*gazetteer.Gazetteer, error) { return gazetteer.Open("") })

func mustPipeline(tb testing.TB) *pipeline.Pipeline {
	tb.Helper()
	g, err := embeddedGazetteer()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestGolden compares the events of each testdata article with its golden
// file. Run `go test ./pipeline -update` and review the diff to accept a
// change.
func TestGolden(t *testing.T) {
	p := mustPipeline(t)
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := &sitrep.Document{ID: filepath.Base(f), Text: string(text)}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			for _, ev := range p.Extract(doc) {
				checkEvidence(t, doc.Text, ev)
				if err := enc.Encode(ev); err != nil {
					t.Fatal(err)
				}
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("events differ from %s; run go test ./pipeline -update and review the diff\ngot:\n%s", golden, buf.String())
			}
		})
	}
}

func checkEvidence(t *testing.T, text string, ev sitrep.Event) {
	t.Helper()
	for _, e := range ev.Evidence {
		if e.Start < 0 || e.End > len(text) || e.Start > e.End || text[e.Start:e.End] != e.Text {
			t.Errorf("event %s: evidence %q [%d,%d) does not point into the text", ev.EventID, e.Text, e.Start, e.End)
		}
	}
}

// TestDeterministic checks that the same input gives the same output and
// the same event ids.
func TestDeterministic(t *testing.T) {
	text, err := os.ReadFile("testdata/nangarhar-raid.txt")
	if err != nil {
		t.Fatal(err)
	}
	run := func() string {
		p := mustPipeline(t)
		b, _ := json.Marshal(p.Extract(&sitrep.Document{ID: "x", Text: string(text)}))
		return string(b)
	}
	a, b := run(), run()
	if a != b {
		t.Fatal("two runs differ")
	}
}

// TestNoEvents lists texts that report no event ACLED codes.
func TestNoEvents(t *testing.T) {
	p := mustPipeline(t)
	for _, text := range []string{
		"",
		"At least 40 people died after flash floods hit the north of the country on Tuesday.",
		"ISIS has increased attacks in the region ever since the group lost its last stronghold in 2019.",
		"The detainees had also carried out attacks in the capital, officials said.",
		"The ministers met in Geneva for talks on new sanctions.",
		"Militants were planning to attack the base, the police said.",
	} {
		if evs := p.Extract(&sitrep.Document{ID: "x", Text: text}); len(evs) != 0 {
			t.Errorf("%q: got %d events, want none: %+v", text, len(evs), evs[0])
		}
	}
}

// TestSeedGold runs the accuracy evaluation on the seed article's gold and
// requires every event and every field right.
func TestSeedGold(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "gold", "seed.json")
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared is absent:", err)
	}
	gf, err := eval.LoadGold(path)
	if err != nil {
		t.Fatal(err)
	}
	p := mustPipeline(t)
	r, err := eval.Run(context.Background(), p, []*eval.GoldFile{gf}, eval.Options{Details: true})
	if err != nil {
		t.Fatal(err)
	}
	f := r.Files[0]
	if f.Events == nil || f.Events.TP != 5 || f.Events.FP != 0 || f.Events.FN != 0 {
		t.Errorf("events: %+v, want 5 found and nothing spurious", f.Events)
	}
	for _, fs := range f.Fields {
		if fs.Right != fs.Total {
			t.Errorf("field %s: %d/%d right", fs.Field, fs.Right, fs.Total)
		}
	}
	if f.Evidence.Violations != 0 {
		t.Errorf("%d evidence spans do not point into the text", f.Evidence.Violations)
	}
}

// TestBadInput feeds junk that must not crash the pipeline.
func TestBadInput(t *testing.T) {
	p := mustPipeline(t)
	for name, text := range map[string]string{
		"binary":       "\x00\x01\x02\xff\xfe killed \x00 in Kabul",
		"invalid utf8": "Gunmen \xc3\x28 killed 5 \xa0\xa1 people in Kabul.",
		"long line":    strings.Repeat("Gunmen killed 5 people in Kabul and ", 20000),
		"only punct":   strings.Repeat(".,;:!?", 1000),
	} {
		t.Run(name, func(t *testing.T) {
			doc := &sitrep.Document{ID: "x", Text: text}
			for _, ev := range p.Extract(doc) {
				checkEvidence(t, text, ev)
			}
			for _, m := range p.Annotate(doc) {
				if m.Start < 0 || m.End > len(text) || m.Start > m.End {
					t.Errorf("mention out of range: %+v", m)
				}
			}
		})
	}
}

// FuzzPipeline checks the invariants of the whole text pipeline: no panic,
// mentions inside the text on rune boundaries, evidence that points back.
func FuzzPipeline(f *testing.F) {
	for _, s := range []string{
		"Taliban security forces killed four IS militants in Jalalabad on Sunday, police said.",
		"At least 12 soldiers were killed when jihadists ambushed a convoy near Mopti, the army said.",
		"Hundreds protested in Herat; police fired tear gas.",
		"“three important ISIS members” – killed",
	} {
		f.Add(s)
	}
	p := mustPipeline(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := &sitrep.Document{ID: "fuzz", Text: text}
		for _, ev := range p.Extract(doc) {
			checkEvidence(t, text, ev)
		}
		ms := p.Annotate(doc)
		for i, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End {
				t.Fatalf("mention out of range: %+v", m)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) && m.Start < len(text) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
				t.Fatalf("mention cuts a rune: %+v", m)
			}
			if i > 0 && ms[i-1].Start > m.Start {
				t.Fatalf("mentions not sorted")
			}
		}
	})
}

// BenchmarkExtract measures the whole pipeline on the testdata articles.
func BenchmarkExtract(b *testing.B) {
	p := mustPipeline(b)
	files, _ := filepath.Glob("testdata/*.txt")
	var docs []*sitrep.Document
	size := 0
	for _, f := range files {
		text, _ := os.ReadFile(f)
		docs = append(docs, &sitrep.Document{ID: f, Text: string(text)})
		size += len(text)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Extract(docs[i%len(docs)])
	}
}

// TestSeedFurniture checks that the seed's page furniture ("+ posts",
// "Leave a Reply", ...) yields no mention and no evidence.
func TestSeedFurniture(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "seed", "taliban-isis-balkh.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip("../shared is absent:", err)
	}
	docs, err := ingest.Parse(context.Background(), path, data, ingest.Options{})
	if err != nil || len(docs) != 1 {
		t.Fatalf("parse: %v (%d documents)", err, len(docs))
	}
	doc := docs[0]
	cut := strings.Index(doc.Text, "+ posts")
	if cut < 0 {
		t.Fatal("no furniture in the seed?")
	}
	p := mustPipeline(t)
	for _, m := range p.Annotate(doc) {
		if m.End > cut {
			t.Errorf("mention in the page furniture: %+v", m)
		}
	}
	for _, ev := range p.Extract(doc) {
		for _, e := range ev.Evidence {
			if e.End > cut {
				t.Errorf("evidence in the page furniture: %+v", e)
			}
		}
	}
}

// BenchmarkHTMLToEvents measures a news page from its HTML to its events:
// article extraction (go-trafilatura) and the whole pipeline.
func BenchmarkHTMLToEvents(b *testing.B) {
	files, _ := filepath.Glob("../ingest/testdata/*.html")
	if len(files) == 0 {
		b.Skip("no HTML fixtures")
	}
	var pages [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
	}
	p := mustPipeline(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		docs, err := ingest.Parse(ctx, "page.html", pages[i%len(pages)], ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			p.Extract(d)
		}
	}
}

// TestSeedAfghanImport imports the Afghan village and district lists (an
// outside gazetteer; never shipped) and checks that the Kabul raid is then
// placed in Butkhak, Kabul's Bagrami district.
func TestSeedAfghanImport(t *testing.T) {
	shared := filepath.Join("..", "..", "shared")
	seed, err := os.ReadFile(filepath.Join(shared, "seed", "taliban-isis-balkh.txt"))
	if err != nil {
		t.Skip("../shared is absent:", err)
	}
	dir := t.TempDir()
	g, err := gazetteer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"villages.json", "provinces-and-districts.json"} {
		if _, _, err := g.Import(dir, filepath.Join(shared, "data", "afghanistan", f), gazetteer.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if g, err = gazetteer.Open(dir); err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Now: now, Gazetteer: g})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ev := range p.Extract(&sitrep.Document{ID: "seed", Text: string(seed)}) {
		if ev.Admin1 == "Kabul" {
			found = true
			if ev.Admin2 != "Bagrami" {
				t.Errorf("Kabul raid placed in %q (%s), want Butkhak in Bagrami", ev.Location, ev.Admin2)
			}
		}
	}
	if !found {
		t.Error("no event in Kabul")
	}
}
