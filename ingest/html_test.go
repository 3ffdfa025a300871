package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// article is the golden form of a document: what `sitrep article` prints,
// plus the body span.
type article struct {
	Source         string      `json:"source"`
	URL            string      `json:"url"`
	Title          string      `json:"title"`
	Author         string      `json:"author"`
	Published      string      `json:"published"`
	PublishedBasis string      `json:"published_basis"`
	Language       string      `json:"language"`
	Body           sitrep.Span `json:"body"`
	Text           string      `json:"text"`
}

func toArticle(d *sitrep.Document) article {
	a := article{Source: d.ID, URL: d.URL, Title: d.Title, Author: d.Author, Language: d.Language,
		PublishedBasis: d.PublishedBasis, Body: d.BodySpan(), Text: d.Text}
	if !d.Published.IsZero() {
		a.Published = d.Published.String()
	}
	return a
}

// TestParse_Golden parses every page and feed in testdata and compares the
// documents with testdata/<name>.golden.json (rewrite with -update).
func TestParse_Golden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.html")
	more, _ := filepath.Glob("testdata/*.xml")
	files = append(files, more...)
	files = append(files, "testdata/furniture.txt")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := ingest.Parse(context.Background(), file, data, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []article
			for _, d := range docs {
				got = append(got, toArticle(d))
			}
			out, _ := json.MarshalIndent(got, "", "  ")
			out = append(out, '\n')
			golden := strings.TrimSuffix(file, filepath.Ext(file)) + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", golden, out)
			}
		})
	}
}

// TestParse_HTMLFixtures checks what matters in each fixture, independently
// of the golden files.
func TestParse_HTMLFixtures(t *testing.T) {
	tests := []struct {
		file, title, author, date, url, lang string
		contains, lacks                      []string
		bodyLacks                            []string // in the text, outside the body
	}{
		{
			file: "wordpress.html", title: "Militants Attack Border Post in Nangarhar, Four Guards Killed",
			author: "Farida Noori", date: "2024-04-09", lang: "en",
			url:      "https://frontier-dispatch.example/2024/04/militants-attack-border-post-nangarhar/",
			contains: []string{"killing four guards", "\n\nClaims and denials\n\n", "\n• The attackers withdrew towards the border, officials said.\n", "wounding five people."},
			lacks:    []string{"Leave a Reply", "Your email address", "Latest from", "+ posts", "Related Articles", "Prayers for the families", "Kabul Traffic Police", "Copyright", "About Us"},
		},
		{
			file: "jsonld.html", title: "Protesters rally in Sirte over fuel shortages", author: "Yusuf Benali",
			date: "2023-11-18", lang: "en", url: "https://coastline-herald.example/news/2023/11/sirte-fuel-protest",
			contains: []string{"Several hundred people gathered", "closed their shops for a day."},
			lacks:    []string{"Storm warning", "Central bank", "All rights reserved", "Sign in"},
		},
		{
			file: "windows1252.html", title: "Affrontements à Kidal : trois soldats tués", author: "Amadou Traoré",
			date: "2023-10-07", lang: "fr", url: "http://courrier-sahel.example/actualite/affrontements-kidal.html",
			contains: []string{"Trois soldats ont été tués", "l’armée", "« repoussé »", "au mois d’août."},
			lacks:    []string{"Accueil", "Tous droits réservés", "\uFFFD"},
		},
		{
			// A news page whose charset is declared after 2 KB of style
			// and script (past HTML5's 1,024-byte prescan), with inline
			// elements whose following space go-trafilatura trims, a
			// photo credit in a caption and at the end of the article,
			// related stories, comments and a footer.
			file: "newsroom.html", title: "Curfew extended in Gao after market blast", author: "Mariam Coulibaly",
			date: "2024-02-19", lang: "en", url: "https://sahel-ledger.example/news/2024/02/gao-market-blast-curfew",
			contains: []string{"GAO, Feb 19 — Authorities in Gao", "the regional governor’s office said.", "selling millet and dried fish,",
				"Update: The governor’s office", "• the curfew order applies", "the start of the year, according to a count by a regional monitoring group."},
			lacks:     []string{"â€", "Update:The", "curfeworder", "Home", "Related stories", "Timbuktu road", "Comments", "Stay safe", "Leave a Reply", "All rights reserved"},
			bodyLacks: []string{"© Sahel Ledger"},
		},
		{
			// A UTF-8 page that declares ISO-8859-1.
			file: "latin1-declared-utf8.html", title: "Niamey : une patrouille attaquée près de Tillabéri", author: "Issa Maïga",
			date: "2024-03-04", lang: "fr",
			contains: []string{"Une patrouille de l’armée nigérienne a été attaquée dimanche matin près de Tillabéri", "l’état d’urgence y est prolongé"},
			lacks:    []string{"Ã", "Accueil", "Tous droits réservés"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := ingest.Parse(context.Background(), tc.file, data, ingest.Options{})
			if err != nil || len(docs) != 1 {
				t.Fatalf("got %d docs, %v", len(docs), err)
			}
			d := docs[0]
			if d.Title != tc.title || d.Author != tc.author || d.Language != tc.lang || d.URL != tc.url {
				t.Errorf("metadata: title %q author %q lang %q url %q", d.Title, d.Author, d.Language, d.URL)
			}
			if got := d.Published.String(); got != tc.date || d.PublishedBasis != sitrep.BasisMetadata {
				t.Errorf("published %s (%s), want %s", got, d.PublishedBasis, tc.date)
			}
			b := body(d)
			for _, s := range tc.contains {
				if !strings.Contains(b, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(d.Text, s) {
					t.Errorf("text holds furniture %q", s)
				}
			}
			for _, s := range tc.bodyLacks {
				if strings.Contains(b, s) {
					t.Errorf("body holds furniture %q", s)
				}
			}
		})
	}
}

func TestParse_Feeds(t *testing.T) {
	data, err := os.ReadFile("testdata/atom-full.xml")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ingest.Parse(context.Background(), "atom-full.xml", data, ingest.Options{})
	if err != nil || len(docs) != 2 {
		t.Fatalf("got %d docs, %v", len(docs), err)
	}
	d := docs[0]
	if d.ID != "https://sahel-monitor.example/2024/02/gao-depot" || d.Author != "Mariam Cissé" ||
		d.Published.String() != "2024-02-02" || d.PublishedBasis != sitrep.BasisMetadata {
		t.Errorf("item 1: %+v", d)
	}
	if !strings.Contains(d.Text, "Witnesses reported:\n\n• two explosions") {
		t.Errorf("item 1 text: %q", d.Text)
	}
	if docs[1].Published.String() != "2024-02-01" {
		t.Errorf("item 2 falls back to updated: %v", docs[1].Published)
	}
	t.Run("PublishedFlagWins", func(t *testing.T) {
		pub := sitrep.NewDay(2024, 2, 5)
		docs, _ := ingest.Parse(context.Background(), "atom-full.xml", data, ingest.Options{Published: pub})
		if docs[0].Published != pub || docs[0].PublishedBasis != sitrep.BasisGiven {
			t.Errorf("got %v %s", docs[0].Published, docs[0].PublishedBasis)
		}
	})
	t.Run("SummaryOnlyWithoutFetcher", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/feed-summaries.xml")
		docs, err := ingest.Parse(context.Background(), "feed.xml", data, ingest.Options{})
		if err != nil || len(docs) != 3 {
			t.Fatalf("got %d docs, %v", len(docs), err)
		}
		if !strings.HasPrefix(docs[0].Text, "Gunmen attacked a border police post") || docs[0].Author != "Farida Noori" {
			t.Errorf("got %+v", docs[0])
		}
	})
}

func TestParse_Hostile(t *testing.T) {
	ctx := context.Background()
	t.Run("BillionLaughs", func(t *testing.T) {
		data, _ := os.ReadFile("testdata/billion-laughs.xml")
		docs, err := ingest.Parse(ctx, "laughs.xml", data, ingest.Options{})
		if err != nil {
			t.Logf("error (fine): %v", err)
		}
		for _, d := range docs {
			if len(d.Text) > 10000 || len(d.Title) > 10000 {
				t.Errorf("entity expanded: %d bytes", len(d.Text))
			}
		}
	})
	t.Run("DeeplyNested", func(t *testing.T) {
		page := "<html><body>" + strings.Repeat("<div>", 100000) + "deep" + strings.Repeat("</div>", 100000) + "</body></html>"
		_, err := ingest.Parse(ctx, "deep.html", []byte(page), ingest.Options{})
		if !errors.Is(err, ingest.ErrTooDeep) {
			t.Errorf("err = %v, want ErrTooDeep", err)
		}
	})
	t.Run("NestedButFine", func(t *testing.T) {
		page := "<html><body>" + strings.Repeat("<div>", 300) + "<p>Officials said the road was closed after the attack on the convoy.</p>" + strings.Repeat("</div>", 300) + "</body></html>"
		docs, err := ingest.Parse(ctx, "nested.html", []byte(page), ingest.Options{})
		if err != nil || len(docs) != 1 || !strings.Contains(docs[0].Text, "road was closed") {
			t.Errorf("got %v %v", docs, err)
		}
	})
	t.Run("UnclosedParagraphs", func(t *testing.T) {
		page := "<html><body>" + strings.Repeat("<p>Police said the market was closed. ", 5000) + "</body></html>"
		docs, err := ingest.Parse(ctx, "unclosed.html", []byte(page), ingest.Options{})
		if err != nil || len(docs) != 1 {
			t.Errorf("got %d docs, %v", len(docs), err)
		}
	})
	t.Run("Page50MB", func(t *testing.T) {
		if testing.Short() {
			t.Skip("slow")
		}
		var b bytes.Buffer
		b.WriteString("<html><head><title>Huge</title></head><body>")
		para := "<p>Residents said the fighting lasted for hours and that several houses were damaged in the shelling.</p>\n"
		for b.Len() < 50<<20 {
			b.WriteString(para)
		}
		b.WriteString("</body></html>")
		dir := t.TempDir()
		p := filepath.Join(dir, "huge.html")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// The file cap (64 MiB) admits it, the HTML cap refuses it at once.
		res := readAll(t, []string{p}, ingest.Options{})
		if len(res) != 1 || !errors.Is(res[0].Err, ingest.ErrTooLarge) {
			t.Fatalf("got %+v", res)
		}
	})
	t.Run("Line100MB", func(t *testing.T) {
		if testing.Short() {
			t.Skip("slow")
		}
		dir := t.TempDir()
		p := filepath.Join(dir, "line.txt")
		fh, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := fh.Truncate(100 << 20); err != nil { // a sparse file: no disk or time spent
			t.Fatal(err)
		}
		fh.Close()
		res := readAll(t, []string{p}, ingest.Options{})
		if len(res) != 1 || !errors.Is(res[0].Err, ingest.ErrTooLarge) {
			t.Fatalf("got %+v", res)
		}
	})
}
