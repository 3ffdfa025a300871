package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
)

func init() { commands = append(commands, newBenchCmd) }

func newBenchCmd(a *app) *cobra.Command {
	var (
		opts   eval.BenchOptions
		asJSON bool
		syn    bool
	)
	cmd := &cobra.Command{
		Use:   "bench [--repeat N] CORPUS...",
		Short: "Measure the speed and allocations of the whole pipeline",
		Long: `Read a corpus (files, directories, globs, .jsonl batches; a .json gold file
contributes its documents' texts), build the pipeline, and run extraction
over the corpus repeatedly. Prints articles/s, MB/s, per-core throughput,
allocations and bytes allocated per article, and the time to build the
pipeline (data files and gazetteer) on its own.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			failed := false
			var docs []*sitrep.Document
			var plain []string
			for _, in := range args {
				if !strings.HasSuffix(strings.ToLower(in), ".json") {
					plain = append(plain, in)
					continue
				}
				gf, err := eval.LoadGold(in)
				if err != nil {
					fmt.Fprintln(a.stderr, "sitrep bench:", err)
					failed = true
				}
				if gf != nil {
					docs = append(docs, gf.Documents()...)
				}
			}
			if len(plain) > 0 {
				err := ingest.Read(ctx, plain, ingest.Options{Logger: a.logger, Stdin: a.stdin, KeepDuplicates: true}, func(r ingest.Result) error {
					if r.Err != nil {
						fmt.Fprintln(a.stderr, "sitrep bench:", r.Err)
						failed = true
						return nil
					}
					docs = append(docs, r.Doc)
					return nil
				})
				if err != nil {
					return fmt.Errorf("bench: %w", err)
				}
			}
			if len(docs) == 0 {
				fmt.Fprintln(a.stderr, "sitrep bench: no documents")
				return exitCode(1)
			}
			build := func() (eval.Extractor, error) { return pipeline.New(pipeline.Options{Logger: a.logger, Syntax: syn}) }
			r, err := eval.Bench(ctx, build, docs, opts)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				err = enc.Encode(r)
			} else {
				err = eval.WriteBench(a.stdout, r)
			}
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			if failed {
				return exitCode(1)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Repeat, "repeat", 3, "rounds over the corpus")
	f.IntVar(&opts.Workers, "workers", 0, "documents run at once (0: GOMAXPROCS)")
	f.BoolVar(&asJSON, "json", false, "print the figures as JSON")
	f.BoolVar(&syn, "syntax", false, syntaxUsage)
	return cmd
}
