package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

// readAll runs Read and collects its results.
func readAll(t *testing.T, inputs []string, opts ingest.Options) []ingest.Result {
	t.Helper()
	var out []ingest.Result
	err := ingest.Read(context.Background(), inputs, opts, func(r ingest.Result) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return out
}

func body(d *sitrep.Document) string {
	b := d.BodySpan()
	return d.Text[b.Start:b.End]
}

func TestRead_PlainText(t *testing.T) {
	data, err := os.ReadFile("testdata/furniture.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := readAll(t, []string{"testdata/furniture.txt"}, ingest.Options{})
	if len(res) != 1 || res[0].Err != nil {
		t.Fatalf("got %+v", res)
	}
	d := res[0].Doc
	if d.ID != "testdata/furniture.txt" {
		t.Errorf("ID = %q", d.ID)
	}
	if d.Text != string(data) {
		t.Errorf("Text is not the input as given")
	}
	b := body(d)
	if !strings.HasPrefix(b, "Army Says Five Militants") {
		t.Errorf("body starts %q", b[:min(40, len(b))])
	}
	if !strings.HasSuffix(b, "since the start of the spring.") {
		t.Errorf("body ends %q", b[max(0, len(b)-60):])
	}
	for _, furniture := range []string{"Leave a Reply", "+ posts", "Related Posts", "Floods Cut Road", "Tags:"} {
		if strings.Contains(b, furniture) {
			t.Errorf("body holds furniture %q", furniture)
		}
	}
	for _, kept := range []string{"Share this article", "Go deeper:", "Kunduz–Takhar"} {
		if !strings.Contains(b, kept) {
			t.Errorf("body lost %q", kept)
		}
	}
	if !d.Published.IsZero() || d.PublishedBasis != "" {
		t.Errorf("Published = %v %q, want none", d.Published, d.PublishedBasis)
	}
}

func TestRead_Seed(t *testing.T) {
	const seed = "../../shared/seed/taliban-isis-balkh.txt"
	if _, err := os.Stat(seed); err != nil {
		t.Skip("../shared is absent")
	}
	res := readAll(t, []string{seed}, ingest.Options{})
	if len(res) != 1 || res[0].Err != nil {
		t.Fatalf("got %+v", res)
	}
	b := body(res[0].Doc)
	if !strings.HasPrefix(b, "Taliban Claims Killing 3") {
		t.Errorf("body starts %q", b[:40])
	}
	if !strings.HasSuffix(b, "their plot had been foiled.") {
		t.Errorf("body ends %q", b[len(b)-60:])
	}
	for _, furniture := range []string{"+ posts", "Leave a Reply", "Your email address", "Latest from"} {
		if strings.Contains(b, furniture) {
			t.Errorf("body holds furniture %q", furniture)
		}
	}
}

func TestRead_PublishedAndID(t *testing.T) {
	pub := sitrep.NewDay(2023, 3, 27)
	res := readAll(t, []string{"-"}, ingest.Options{
		Stdin: strings.NewReader("Five people were killed on Sunday."), Published: pub, ID: "doc-1",
	})
	if len(res) != 1 || res[0].Err != nil {
		t.Fatalf("got %+v", res)
	}
	d := res[0].Doc
	if d.ID != "doc-1" || d.Published != pub || d.PublishedBasis != sitrep.BasisGiven {
		t.Errorf("got ID %q Published %v basis %q", d.ID, d.Published, d.PublishedBasis)
	}
	if d.Text != "Five people were killed on Sunday." {
		t.Errorf("Text = %q", d.Text)
	}
}

func TestRead_Batch(t *testing.T) {
	res := readAll(t, []string{"testdata/batch.jsonl"}, ingest.Options{})
	type want struct {
		id, err, published, basis, url string
	}
	wants := []want{
		{id: "a1", published: "2024-05-13", basis: "given"},
		{id: "a2", url: "https://example.org/news/clash"},
		{err: "testdata/batch.jsonl:3: bad JSON"},
		{err: `testdata/batch.jsonl:4: no "text" or "html"`},
		{id: "testdata/batch.jsonl:6", published: "2024-05-12", basis: "given"},
		{err: "testdata/batch.jsonl:7: published: date"},
	}
	if len(res) != len(wants) {
		for _, r := range res {
			t.Logf("%+v", r)
		}
		t.Fatalf("got %d results, want %d", len(res), len(wants))
	}
	for i, w := range wants {
		r := res[i]
		if w.err != "" {
			if r.Err == nil || !strings.HasPrefix(r.Err.Error(), w.err) {
				t.Errorf("result %d: err %v, want prefix %q", i, r.Err, w.err)
			}
			continue
		}
		if r.Err != nil {
			t.Errorf("result %d: %v", i, r.Err)
			continue
		}
		if r.Doc.ID != w.id {
			t.Errorf("result %d: ID %q, want %q", i, r.Doc.ID, w.id)
		}
		if got := r.Doc.Published; w.published != "" && (got.String() != w.published || r.Doc.PublishedBasis != w.basis) {
			t.Errorf("result %d: published %v %q", i, got, r.Doc.PublishedBasis)
		}
		if w.url != "" && r.Doc.URL != w.url {
			t.Errorf("result %d: URL %q", i, r.Doc.URL)
		}
	}
	if res[1].Doc != nil && !strings.Contains(res[1].Doc.Text, "Two soldiers were killed") {
		t.Errorf("HTML line text = %q", res[1].Doc.Text)
	}
}

func TestRead_BadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Police said three people were arrested."))
	empty := write("empty.txt", nil)
	binary := write("junk.bin", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00"))
	big := write("big.txt", bytes.Repeat([]byte("a"), 2048))
	missing := filepath.Join(dir, "missing.txt")

	res := readAll(t, []string{missing, empty, binary, big, good}, ingest.Options{MaxBytes: 1024})
	if len(res) != 5 {
		t.Fatalf("got %d results: %+v", len(res), res)
	}
	checks := []struct {
		name string
		is   error
		msg  string
	}{
		{"Missing", os.ErrNotExist, "no such file"},
		{"Empty", nil, ""},
		{"Binary", ingest.ErrNotText, "not text"},
		{"TooLarge", ingest.ErrTooLarge, "too large"},
		{"Good", nil, ""},
	}
	for i, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			r := res[i]
			if c.msg == "" {
				if r.Err != nil || r.Doc == nil {
					t.Fatalf("got %+v", r)
				}
				return
			}
			if r.Err == nil {
				t.Fatalf("no error")
			}
			if !errors.Is(r.Err, c.is) || !strings.Contains(r.Err.Error(), c.msg) {
				t.Errorf("err = %v", r.Err)
			}
			if !strings.HasPrefix(r.Err.Error(), r.Input+": ") {
				t.Errorf("err %q does not name the input", r.Err)
			}
		})
	}
}

func TestParse_Encodings(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"UTF8", []byte("Kabul – 3 killed"), "Kabul – 3 killed"},
		{"UTF8BOM", []byte("\uFEFFKabul"), "\uFEFFKabul"},
		{"Windows1252", []byte("Caf\xe9 attack \x93quoted\x94"), "Café attack “quoted”"},
		{"DamagedUTF8", []byte("Kabul – 3 \xffkilled"), "Kabul – 3 \uFFFDkilled"},
		{"UTF16LE", []byte("\xff\xfeK\x00a\x00b\x00u\x00l\x00"), "Kabul"},
		{"UTF16BE", []byte("\xfe\xff\x00K\x00a\x00b\x00u\x00l"), "Kabul"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := ingest.Parse(context.Background(), "x.txt", tc.in, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 || docs[0].Text != tc.want {
				t.Fatalf("got %+v", docs)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             ingest.Kind
	}{
		{"Text", "a.txt", "Taliban claim killing", ingest.KindText},
		{"TextStartingWithTag", "a.txt", "<b>not a page", ingest.KindText},
		{"HTMLDoctype", "a", "<!DOCTYPE html><html>", ingest.KindHTML},
		{"HTMLComment", "a", "<!-- x --><html lang=en>", ingest.KindHTML},
		{"HTMLByName", "a.html", "<span>x</span>", ingest.KindHTML},
		{"RSS", "a", `<?xml version="1.0"?><rss version="2.0">`, ingest.KindFeed},
		{"Atom", "a", `<?xml version="1.0" encoding="utf-8"?>` + "\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", ingest.KindFeed},
		{"RDF", "a", `<rdf:RDF xmlns:rdf="x">`, ingest.KindFeed},
		{"BatchByName", "a.jsonl", `{}`, ingest.KindBatch},
		{"BatchByContent", "-", `{"id":"x","text":"y"}` + "\n", ingest.KindBatch},
		{"JSONNotBatch", "-", `{"a":1}`, ingest.KindText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ingest.Sniff(tc.file, []byte(tc.data)); got != tc.want {
				t.Errorf("Sniff = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRead_DirectoriesGlobsDuplicates(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":        "Police said three people were arrested in the market.",
		"b.txt":        "Soldiers repelled an attack on a checkpoint, the army said.",
		"copy.txt":     "POLICE said three people were arrested in the market!", // same normalised text as a.txt
		"sub/c.txt":    "Protesters gathered outside the ministry on Monday.",
		".hidden.txt":  "not read",
		"sub/d.jsonl":  `{"id":"d1","text":"Rebels seized a town in the north."}` + "\n",
		"other/e.text": "Another text.",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(res []ingest.Result) []string {
		var out []string
		for _, r := range res {
			if r.Err != nil {
				out = append(out, "ERR "+r.Err.Error())
				continue
			}
			out = append(out, strings.TrimPrefix(r.Doc.ID, dir+"/"))
		}
		return out
	}
	t.Run("Directory", func(t *testing.T) {
		got := ids(readAll(t, []string{dir}, ingest.Options{}))
		want := []string{"a.txt", "b.txt", "other/e.text", "sub/c.txt", "d1"}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("KeepDuplicates", func(t *testing.T) {
		got := ids(readAll(t, []string{dir + "/*.txt"}, ingest.Options{KeepDuplicates: true}))
		want := []string{"a.txt", "b.txt", "copy.txt"}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("GlobWithoutMatch", func(t *testing.T) {
		got := ids(readAll(t, []string{dir + "/*.none", dir + "/b.txt"}, ingest.Options{}))
		if len(got) != 2 || !strings.Contains(got[0], "no file matches") || got[1] != "b.txt" {
			t.Errorf("got %v", got)
		}
	})
	t.Run("StopsOnCallbackError", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := ingest.Read(context.Background(), []string{dir}, ingest.Options{}, func(ingest.Result) error {
			n++
			return stop
		})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("got %v after %d calls", err, n)
		}
	})
}
