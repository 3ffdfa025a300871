package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/ledger"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/scope"
)

func init() { commands = append(commands, newEvalCmd) }

func newEvalCmd(a *app) *cobra.Command {
	var (
		asJSON  bool
		verbose bool
		workers int
		merge   bool
		dbPath  string
		half    string
		syn     bool
	)
	cmd := &cobra.Command{
		Use:   "eval [--json] [--verbose] [--half tune|check] GOLD...",
		Short: "Score the pipeline against gold files",
		Long: `Run the pipeline over gold files and print event precision, recall and F1,
per-field accuracy over matched events, the per-sub-event-type table of
labelled snippets (weighted F1) and place figures (within 161 km, mean
error, AUC). Gold formats: ../shared/spec/events.md, "Gold files".

--verbose lists, per document, the missed gold events with the check
that failed, the false positives with the gold event they came closest
to, the wrong fields of matched events, mislabelled snippets, place
errors and evidence spans that do not hold. (For eval, -v/--verbose is
this report flag; it does not change the log level.)

Every gold file splits in two fixed halves by the 32-bit FNV-1a hash of
each document's incident (when the gold groups articles by incident) or
id: even is "tune", odd is "check". Study errors on tune only; check is
the held-out gauge. --half scores one half; without it the report starts
with each headline figure over all documents, each half, and the
check-minus-tune gap.

GOLD is a gold file (.json, .jsonl) or a directory of entity gold in
re3d's layout (documents.json and entities.json per folder), scored as
Location, Person and Organisation recognition by place, person and actor
mentions. A file of incident records (every document partial with an
incident id, as gva-dev.jsonl) is scored in the wide scope, every violent
incident whatever its motive.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			failed := false
			var files []*eval.GoldFile
			for _, path := range args {
				gf, err := eval.LoadGold(path)
				if err != nil {
					fmt.Fprintln(a.stderr, "sitrep eval:", err)
					failed = true
				}
				if gf != nil {
					files = append(files, gf)
				}
			}
			if len(files) == 0 {
				return exitCode(1)
			}
			p, err := pipeline.New(pipeline.Options{Logger: a.logger, Syntax: syn})
			if err != nil {
				return fmt.Errorf("eval: %w", err)
			}
			wide, err := pipeline.New(pipeline.Options{Logger: a.logger, Scope: scope.All, Syntax: syn})
			if err != nil {
				return fmt.Errorf("eval: %w", err)
			}
			if merge {
				// Merging is scored on what a store ingested with
				// --scope all holds: every violent incident.
				halves := []string{"", "tune", "check"}
				switch half {
				case "":
				case "tune", "check":
					halves = []string{half}
				default:
					return fmt.Errorf("eval: --half: want tune or check, got %q", half)
				}
				var stored []sitrep.Event
				if dbPath != "" {
					// A store ingested with merging (the default) and --scope all.
					db, _, err := openStore(cmd.Context(), dbPath, a, true)
					if err != nil {
						return err
					}
					err = eachEvent(cmd.Context(), db, sitrep.EventFilter{}, 0, func(e *sitrep.Event) error {
						stored = append(stored, *e)
						return nil
					})
					db.Close()
					if err != nil {
						return fmt.Errorf("eval: %w", err)
					}
				}
				for _, gf := range files {
					for _, h := range halves {
						var s eval.MergeScore
						var err error
						if dbPath != "" {
							s = eval.ScoreMerge(eval.HalfDocs(gf.Docs, h), stored)
						} else {
							s, err = eval.RunMerge(cmd.Context(), wide, gf.Docs, h, ledger.DefaultOptions())
						}
						if err != nil {
							return fmt.Errorf("eval: %w", err)
						}
						name := gf.Path
						if h != "" {
							name += " (" + h + " half)"
						}
						if asJSON {
							if err := json.NewEncoder(a.stdout).Encode(s); err != nil {
								return fmt.Errorf("eval: %w", err)
							}
						} else if err := eval.WriteMerge(a.stdout, name, s); err != nil {
							return fmt.Errorf("eval: %w", err)
						}
					}
				}
				if failed {
					return exitCode(1)
				}
				return nil
			}
			rep, err := eval.Run(cmd.Context(), p, files, eval.Options{
				Workers: workers, Details: verbose || asJSON, Logger: a.logger,
				Half: half, BothHalves: half == "", ScopeAll: wide,
			})
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(rep); err != nil {
					return fmt.Errorf("eval: %w", err)
				}
			} else if err := eval.WriteText(a.stdout, rep, verbose); err != nil {
				return fmt.Errorf("eval: %w", err)
			}
			if failed {
				return exitCode(1)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print the report as JSON, per-document details included")
	f.BoolVarP(&verbose, "verbose", "v", false, "list misses, false positives and wrong fields per document")
	f.IntVar(&workers, "workers", 0, "documents run at once (0: GOMAXPROCS)")
	f.StringVar(&half, "half", "", `score one half of every gold file: "tune" or "check" (default: both, side by side)`)
	f.BoolVar(&merge, "merge", false, "score cross-document merging instead: B-cubed over the documents of each gold incident (ingested here through the ledger, or read from --db)")
	f.StringVar(&dbPath, "db", "", "with --merge: score the events of this store (ingested with --scope all, merging as by default) instead of ingesting the gold here")
	f.BoolVar(&syn, "syntax", false, syntaxUsage)
	return cmd
}
