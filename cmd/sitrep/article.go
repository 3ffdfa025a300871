package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

func init() { commands = append(commands, newArticleCmd) }

// ingestFlags are the flags of every command that reads inputs through
// package ingest.
type ingestFlags struct {
	published    string
	id           string
	allowPrivate bool
	timeout      time.Duration
	maxBytes     int64
}

func (f *ingestFlags) register(cmd *cobra.Command, withID bool) {
	cmd.Flags().StringVar(&f.published, "published", "", "reference date of every document, YYYY-MM-DD")
	if withID {
		cmd.Flags().StringVar(&f.id, "id", "", "document id of a single input (default: the file name or URL)")
	}
	cmd.Flags().BoolVar(&f.allowPrivate, "allow-private", false, "allow URLs on loopback, private and link-local addresses")
	cmd.Flags().DurationVar(&f.timeout, "timeout", ingest.DefaultTimeout, "timeout of one HTTP request, body included")
	cmd.Flags().Int64Var(&f.maxBytes, "max-bytes", 0, "size limit of one input in bytes (default 64 MiB for files, 16 MiB for URLs)")
}

// options turns the flags into ingest.Options.
func (f *ingestFlags) options(a *app, nInputs int) (ingest.Options, error) {
	opts := ingest.Options{
		ID:           f.id,
		AllowPrivate: f.allowPrivate,
		Stdin:        a.stdin,
		Logger:       a.logger,
		Progress:     a.stderr,
		MaxBytes:     f.maxBytes,
		Timeout:      f.timeout,
	}
	var err error
	if opts.Published, err = sitrep.ParseDay(strings.TrimSpace(f.published)); err != nil {
		return opts, fmt.Errorf("--published: %v", err)
	}
	if f.id != "" && nInputs > 1 {
		return opts, fmt.Errorf("--id names one input; %d given", nInputs)
	}
	return opts, nil
}

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
