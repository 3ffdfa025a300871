package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

func init() { commands = append(commands, newArticleCmd) }

// articleRecord is what `sitrep article` prints for one document
// (../shared/spec/events.md, "The article"), plus where the text starts in
// the document's full text and how the date was obtained.
type articleRecord struct {
	Source         string `json:"source"`
	URL            string `json:"url"`
	Title          string `json:"title"`
	Author         string `json:"author"`
	Published      string `json:"published"`
	Language       string `json:"language"`
	Text           string `json:"text"`
	PublishedBasis string `json:"published_basis,omitempty"`
	// BodyStart is the byte offset of Text in the document's full text
	// (which event and mention offsets index): 0 unless leading page
	// furniture was left out.
	BodyStart int `json:"body_start"`
}

func newArticleRecord(d *sitrep.Document) articleRecord {
	b := d.BodySpan()
	r := articleRecord{
		Source: d.ID, URL: d.URL, Title: d.Title, Author: d.Author, Language: d.Language,
		Text: d.Text[b.Start:b.End], BodyStart: b.Start,
	}
	if !d.Published.IsZero() {
		r.Published = d.Published.String()
		r.PublishedBasis = d.PublishedBasis
	}
	return r
}

func newArticleCmd(a *app) *cobra.Command {
	var (
		rf     ingestFlags
		format string
	)
	cmd := &cobra.Command{
		Use:   "article [--format json|text] INPUT...",
		Short: "Print the article text and metadata read from each input",
		Long: `Read each INPUT (a file, a directory, a glob, a URL, "-" for stdin; plain
text, HTML, an RSS/Atom feed or a .jsonl batch) and print what sitrep reads
from it: {source, url, title, author, published, language, text}, the main
text only, without navigation, comment forms or related-story lists.

--format json prints one JSON object per line (the default when stdout is
not a terminal); --format text prints a readable block per document.
Exits 1 when an input could not be read, after printing the others.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" {
				format = "json"
				if isTerminal(a.stdout) {
					format = "text"
				}
			}
			if format != "json" && format != "text" {
				return fmt.Errorf("--format %q: want json or text", format)
			}
			opts, err := rf.options(a, len(args))
			if err != nil {
				return err
			}
			enc := json.NewEncoder(a.stdout)
			enc.SetEscapeHTML(false)
			failed := 0
			err = ingest.Read(cmd.Context(), args, opts, func(r ingest.Result) error {
				if r.Err != nil {
					failed++
					fmt.Fprintln(a.stderr, "sitrep article:", r.Err)
					return nil
				}
				rec := newArticleRecord(r.Doc)
				if format == "json" {
					return enc.Encode(rec)
				}
				return writeArticleText(a.stdout, rec)
			})
			if err != nil {
				return err
			}
			if failed > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: json or text (default json, text on a terminal)")
	rf.register(cmd, true)
	return cmd
}

func writeArticleText(w io.Writer, r articleRecord) error {
	var b strings.Builder
	b.WriteString("=== ")
	b.WriteString(r.Source)
	b.WriteString("\n")
	for _, kv := range [][2]string{
		{"url", r.URL}, {"title", r.Title}, {"author", r.Author},
		{"published", r.Published}, {"language", r.Language},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "%-10s %s\n", kv[0]+":", kv[1])
		}
	}
	b.WriteString("\n")
	b.WriteString(r.Text)
	b.WriteString("\n\n")
	_, err := io.WriteString(w, b.String())
	return err
}
