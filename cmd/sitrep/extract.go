package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/scope"
)

func init() { commands = append(commands, newExtractCmd, newAnnotateCmd) }

// eachDocument reads inputs and calls fn for each document, printing a
// one-line error for each input that cannot be read. It returns an
// exitCode error when any input failed, after processing all the others.
func eachDocument(cmd *cobra.Command, a *app, inputs []string, opts ingest.Options, fn func(*sitrep.Document) error) error {
	failed := 0
	ctx := cmd.Context()
	err := ingest.Read(ctx, inputs, opts, func(r ingest.Result) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if r.Err != nil {
			failed++
			fmt.Fprintf(a.stderr, "sitrep: %v\n", r.Err)
			return nil
		}
		return fn(r.Doc)
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return exitCode(1)
	}
	return nil
}

func newExtractCmd(a *app) *cobra.Command {
	var (
		rf      ingestFlags
		format  string
		explain bool
		scopeN  string
		syn     bool
	)
	cmd := &cobra.Command{
		Use:   "extract [--published YYYY-MM-DD] [--format jsonl|json|csv|geojson] [--id ID] INPUT...",
		Short: "Write the events of articles as ACLED-style records",
		Long: `Read every input (a file or URL holding plain text, an HTML page or an RSS/Atom
feed; - for stdin; a .jsonl batch of {"id","text"|"html","url","published"}) and
write its events: what happened (ACLED's event and sub-event types), who did it
to whom, where, when, how many were killed, who claims it and whether anyone
confirmed it, with the text behind each field.

An input that cannot be read gets a one-line error on stderr and a non-zero
exit status; every other input is still processed.

By default only what ACLED codes is written: political violence,
demonstrations and strategic developments, not ordinary crime, accidents or
violence in the home (--explain says why an incident was left out). --scope
all also writes those, each with "outside_acled_scope" giving the reason.`,
		Example: `  sitrep extract examples/nangarhar-raid.txt
  sitrep extract --published 2023-03-27 --format csv article.txt > events.csv
  sitrep extract --format geojson batch.jsonl > events.geojson`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := rf.options(a, len(args))
			if err != nil {
				return err
			}
			if format == "" {
				format = export.JSONL
				if isTerminal(a.stdout) {
					format = export.JSON
				}
			}
			w, err := export.NewWriter(a.stdout, format)
			if err != nil {
				return err
			}
			sc, err := scope.Parse(scopeN)
			if err != nil {
				return err
			}
			po := pipeline.Options{Logger: a.logger, Scope: sc, Syntax: syn}
			if explain {
				po.Explain = a.stderr
			}
			p, err := pipeline.New(po)
			if err != nil {
				return err
			}
			runErr := eachDocument(cmd, a, args, opts, func(doc *sitrep.Document) error {
				events, err := p.ExtractContext(cmd.Context(), doc)
				if err != nil {
					return err
				}
				for _, ev := range events {
					if err := w.Write(&ev); err != nil {
						return err
					}
				}
				return nil
			})
			if err := w.Close(); err != nil {
				return err
			}
			return runErr
		},
	}
	rf.register(cmd, true)
	cmd.Flags().StringVarP(&format, "format", "f", "", "output format: jsonl, json, csv or geojson (default jsonl, json on a terminal)")
	cmd.Flags().StringVar(&scopeN, "scope", "acled", scopeUsage)
	cmd.Flags().BoolVar(&explain, "explain", false, "trace on stderr which sentences became events and how they were merged")
	cmd.Flags().BoolVar(&syn, "syntax", false, syntaxUsage)
	return cmd
}

func newAnnotateCmd(a *app) *cobra.Command {
	var (
		rf        ingestFlags
		withWords bool
	)
	cmd := &cobra.Command{
		Use:   "annotate [--published YYYY-MM-DD] [--id ID] INPUT...",
		Short: "Write every mention found in articles, one JSON object per line",
		Long: `Print the mentions the pipeline found (places, dates, actors, people, numbers,
event triggers and reporting cues), each with its byte offsets into the article
text: {source, kind, start, end, text, ...}.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := rf.options(a, len(args))
			if err != nil {
				return err
			}
			p, err := pipeline.New(pipeline.Options{Syntax: withWords, Logger: a.logger})
			if err != nil {
				return err
			}
			enc := json.NewEncoder(a.stdout)
			enc.SetEscapeHTML(false)
			return eachDocument(cmd, a, args, opts, func(doc *sitrep.Document) error {
				for _, m := range p.Annotate(doc) {
					if err := enc.Encode(m); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&withWords, "syntax", false, "also write the syntactic words (kind \"word\": lemma, UPOS, relation and head) of the sentences with an event trigger and an actor, from which roles are read")
	rf.register(cmd, true)
	return cmd
}

// scopeUsage is the help of every --scope flag.
const scopeUsage = `what to write: "acled" (what ACLED codes) or "all" (also every violent incident of any motive, marked outside_acled_scope)`

const syntaxUsage = `parse the sentences that can carry an event (tags and dependency arcs) and read who did what to whom from the arcs: the agent of a passive, the doer inside "police firing", a shared or relative subject (only sentences whose roles the arcs may read otherwise than the word windows are parsed)`
