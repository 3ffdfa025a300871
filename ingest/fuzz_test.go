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

// maxFuzzHTML is the largest input the HTML fuzz targets try. An input
// that reaches new code is minimised before the fuzzer goes on, about one
// try per byte, and each try of an HTML page runs go-trafilatura (10 ms to
// 0.5 s instrumented): seeded with the 1.8-7.6 KB pages of testdata, the
// fuzzer spent its time minimising them (8 execs counted in 20 s). Parser
// bugs show on small inputs; size limits have their own tests.
const maxFuzzHTML = 512

// htmlSeeds are small pages of our own writing for the HTML fuzz targets.
var htmlSeeds = []string{
	"<ul><li>a<li>b</ul><table><tr><td>1<td>2</table><pre>  x\n y</pre>",
	`<html><head><meta charset="utf-8"><title>Clash near Kunduz</title><meta property="article:published_time" content="2024-05-07"></head>` +
		`<body><nav>Home | World</nav><article><h1>Clash near Kunduz</h1><p>Gunmen attacked a checkpoint on Sunday, killing two guards, police said.</p>` +
		`<p>No group said it carried out the attack.</p></article><footer>© News</footer></body></html>`,
	`<head><meta charset="windows-1251"><title>t</title></head><body><article><h1>h</h1><p>\xcf\xee\xeb\xe8\xf6\xe8\xff</p></article>`,
	`<body><div><div><p>One<br>two<p>three<blockquote>four</blockquote><script>x()</script><style>p{}</style></div></div>`,
}

func addSeeds(f *testing.F, max int, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join("testdata", p))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) <= max {
				f.Add(data)
			}
		}
	}
}

// FuzzParse feeds arbitrary bytes to Parse, which sniffs text, HTML, feeds
// and batches.
func FuzzParse(f *testing.F) {
	addSeeds(f, maxFuzzHTML, "*.txt", "*.html", "*.xml", "*.jsonl")
	for _, s := range htmlSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("<rss><channel><item><link>http://x</link></item></channel></rss>"))
	f.Add([]byte(`{"text":"a"}` + "\n" + `{"html":"<p>b"}`))
	f.Add([]byte("\xff\xfeK\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzHTML {
			return
		}
		docs, _ := ingest.Parse(context.Background(), "-", data, ingest.Options{})
		checkDocs(t, docs)
	})
}

// FuzzParseHTML feeds arbitrary bytes to the HTML path.
func FuzzParseHTML(f *testing.F) {
	for _, s := range htmlSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzHTML {
			return
		}
		docs, _ := ingest.Parse(context.Background(), "page.html", append([]byte("<!doctype html>"), data...), ingest.Options{})
		checkDocs(t, docs)
	})
}

// FuzzBody checks the furniture finder on arbitrary text.
func FuzzBody(f *testing.F) {
	addSeeds(f, 64<<10, "*.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := ingest.Parse(context.Background(), "a.txt", data, ingest.Options{})
		checkDocs(t, docs)
	})
}
