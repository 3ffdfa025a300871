package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

// checkDocs checks the invariants of parsed documents: valid UTF-8 text, a
// body span inside the text on rune boundaries.
func checkDocs(t *testing.T, docs []*sitrep.Document) {
	t.Helper()
	for _, d := range docs {
		if d == nil {
			t.Fatal("nil document")
		}
		if !utf8.ValidString(d.Text) {
			t.Fatalf("text is not valid UTF-8: %q", d.Text)
		}
		b := d.BodySpan()
		if b.Start < 0 || b.Start > b.End || b.End > len(d.Text) {
			t.Fatalf("body %v outside text of %d bytes", b, len(d.Text))
		}
		if !utf8.RuneStart(at(d.Text, b.Start)) || !utf8.RuneStart(at(d.Text, b.End)) {
			t.Fatalf("body %v not on rune boundaries", b)
		}
	}
}

func at(s string, i int) byte {
	if i >= len(s) {
		return 'x'
	}
	return s[i]
}

func addSeeds(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join("testdata", p))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
}

// FuzzParse feeds arbitrary bytes to Parse, which sniffs text, HTML, feeds
// and batches.
func FuzzParse(f *testing.F) {
	addSeeds(f, "*.txt", "*.html", "*.xml", "*.jsonl")
	f.Add([]byte("<rss><channel><item><link>http://x</link></item></channel></rss>"))
	f.Add([]byte(`{"text":"a"}` + "\n" + `{"html":"<p>b"}`))
	f.Add([]byte("\xff\xfeK\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := ingest.Parse(context.Background(), "-", data, ingest.Options{})
		checkDocs(t, docs)
	})
}

// FuzzParseHTML feeds arbitrary bytes to the HTML path.
func FuzzParseHTML(f *testing.F) {
	addSeeds(f, "*.html")
	f.Add([]byte("<ul><li>a<li>b</ul><table><tr><td>1<td>2</table><pre>  x\n y</pre>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := ingest.Parse(context.Background(), "page.html", append([]byte("<!doctype html>"), data...), ingest.Options{})
		checkDocs(t, docs)
	})
}

// FuzzBody checks the furniture finder on arbitrary text.
func FuzzBody(f *testing.F) {
	addSeeds(f, "*.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := ingest.Parse(context.Background(), "a.txt", data, ingest.Options{})
		checkDocs(t, docs)
	})
}
