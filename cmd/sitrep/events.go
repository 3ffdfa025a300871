package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/store"
)

func init() { commands = append(commands, newEventsCmd) }

// openStore opens the store at addr (--db), or at store.DefaultAddr when
// addr is "". readOnly is for commands that only read: they open an
// existing store and fail clearly when there is none, rather than create
// an empty one where a mistyped path points. It returns the store and its
// address for messages (without a password).
func openStore(ctx context.Context, addr string, a *app, readOnly bool) (sitrep.Store, string, error) {
	return openStoreWith(ctx, addr, a, store.Options{ReadOnly: readOnly})
}

// openStoreWith is openStore with more options (the logger is a's).
func openStoreWith(ctx context.Context, addr string, a *app, opts store.Options) (sitrep.Store, string, error) {
	if addr == "" {
		d, err := store.DefaultAddr()
		if err != nil {
			return nil, "", err
		}
		addr = d
	}
	opts.Logger = a.logger
	st, err := store.Open(ctx, addr, opts)
	if errors.Is(err, sitrep.ErrNoStore) {
		return nil, "", fmt.Errorf("no event store at %s (sitrep ingest creates one; --db chooses another)", store.Redact(addr))
	}
	if err != nil {
		return nil, "", err
	}
	return st, store.Redact(addr), nil
}

// addDBFlag adds --db to cmd.
func addDBFlag(cmd *cobra.Command, addr *string) {
	cmd.Flags().StringVar(addr, "db", "", "event store: a database file, or an address such as sqlite:PATH or postgres://USER@HOST/DB (default $SITREP_DB, else $SITREP_DATA_DIR/sitrep.db, else $XDG_DATA_HOME/sitrep/sitrep.db, else ~/.local/share/sitrep/sitrep.db)")
}

// addMergeFlag adds --merge to a command that stores documents. Merging is
// the default: a report of an event already stored by another document
// attaches to that event (package ledger) rather than counting it twice.
func addMergeFlag(cmd *cobra.Command, merge *bool) {
	cmd.Flags().BoolVar(merge, "merge", true, "join a report of an event already stored from another document to that event, with each source's claims side by side; --merge=false stores each document's events apart (a store that has joined reports keeps joining them)")
}

// eventFilterFlags are the filter flags of events and export.
type eventFilterFlags struct {
	from, to, actor, country, admin1, bbox, claimedBy, query, source string
	types, subTypes, verification                                    []string
	limit                                                            int
}

func (ff *eventFilterFlags) add(fs *pflag.FlagSet, defaultLimit int) {
	fs.StringVar(&ff.from, "from", "", "first event date, YYYY-MM-DD")
	fs.StringVar(&ff.to, "to", "", "last event date, YYYY-MM-DD")
	fs.StringSliceVar(&ff.types, "type", nil, "event type (repeat or comma-separate): "+strings.Join(sitrep.EventTypes(), ", "))
	fs.StringSliceVar(&ff.subTypes, "sub-type", nil, "sub-event type, e.g. \"Armed clash\" (repeat the flag; commas separate values)")
	fs.StringVar(&ff.actor, "actor", "", "actor1, actor2 or an associated actor (canonical name)")
	fs.StringVar(&ff.country, "country", "", "country")
	fs.StringVar(&ff.admin1, "admin1", "", "first-level administrative division")
	fs.StringVar(&ff.bbox, "bbox", "", "bounding box minlon,minlat,maxlon,maxlat")
	fs.StringSliceVar(&ff.verification, "verification", nil, "verification state: "+strings.Join(sitrep.VerificationStates(), ", "))
	fs.StringVar(&ff.claimedBy, "claimed-by", "", "claimant (canonical actor name)")
	fs.StringVar(&ff.query, "q", "", "full-text query over article text and notes: words and \"quoted phrases\", all must match; word* for a prefix")
	fs.StringVar(&ff.source, "source", "", "document source (file name, URL or id given at ingest)")
	fs.IntVar(&ff.limit, "limit", defaultLimit, "most events to print; 0 for all")
}

// canonical returns the entry of vocab that v names, ignoring case, or an
// error listing vocab.
func canonical(flag, v string, vocab []string) (string, error) {
	v = strings.TrimSpace(v)
	for _, w := range vocab {
		if strings.EqualFold(v, w) {
			return w, nil
		}
	}
	return "", fmt.Errorf("--%s %q: want one of %s", flag, v, strings.Join(vocab, ", "))
}

// filter validates the flags and returns the store filter.
func (ff *eventFilterFlags) filter() (sitrep.EventFilter, error) {
	f := sitrep.EventFilter{
		Actor: strings.TrimSpace(ff.actor), Country: strings.TrimSpace(ff.country),
		Admin1: strings.TrimSpace(ff.admin1), ClaimedBy: strings.TrimSpace(ff.claimedBy),
		Query: ff.query, Source: ff.source,
	}
	var err error
	if f.From, err = sitrep.ParseDay(strings.TrimSpace(ff.from)); err != nil {
		return f, fmt.Errorf("--from: %v", err)
	}
	if f.To, err = sitrep.ParseDay(strings.TrimSpace(ff.to)); err != nil {
		return f, fmt.Errorf("--to: %v", err)
	}
	for _, t := range ff.types {
		c, err := canonical("type", t, sitrep.EventTypes())
		if err != nil {
			return f, err
		}
		f.EventType = append(f.EventType, c)
	}
	for _, t := range ff.subTypes {
		if t = strings.TrimSpace(t); t != "" {
			f.SubEventType = append(f.SubEventType, t)
		}
	}
	for _, v := range ff.verification {
		c, err := canonical("verification", v, sitrep.VerificationStates())
		if err != nil {
			return f, err
		}
		f.Verification = append(f.Verification, c)
	}
	if ff.bbox != "" {
		if f.BBox, err = sitrep.ParseBBox(ff.bbox); err != nil {
			return f, fmt.Errorf("--bbox: %v", err)
		}
	}
	if ff.limit < 0 {
		return f, fmt.Errorf("--limit %d: want 0 (all) or more", ff.limit)
	}
	if err := f.Validate(); err != nil {
		return f, fmt.Errorf("filter: %v", err)
	}
	return f, nil
}

// eachEvent calls fn for every event matching f, up to limit (0: all),
// reading the store a page at a time.
func eachEvent(ctx context.Context, st sitrep.Store, f sitrep.EventFilter, limit int, fn func(*sitrep.Event) error) error {
	n := 0
	for {
		f.Limit = 1000
		if limit > 0 {
			f.Limit = min(1000, limit-n)
		}
		page, next, err := st.Events(ctx, f)
		if err != nil {
			return err
		}
		for i := range page {
			if err := fn(&page[i]); err != nil {
				return err
			}
		}
		n += len(page)
		if next == "" || (limit > 0 && n >= limit) {
			return nil
		}
		f.Cursor = next
	}
}

// isTerminal reports whether f is a character device.
// isTerminal reports whether f is a terminal (not a pipe, a file or
// /dev/null, which is a character device too).
func isTerminal(f *os.File) bool {
	return f != nil && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

const formatTable = "table"

func newEventsCmd(a *app) *cobra.Command {
	var (
		dbPath, format string
		ff             eventFilterFlags
	)
	cmd := &cobra.Command{
		Use:   "events [--db PATH] [filters] [--format table|jsonl|json|csv|geojson]",
		Short: "List stored events, newest first",
		Long: `List the events in the database that match every filter given, newest
first. The default format is a table on a terminal and JSON lines
otherwise; --limit 0 lists every match.`,
		Example: `  sitrep events --country Afghanistan --from 2023-03-01 --type battles
  sitrep events --bbox 60,29,75,39 --verification claimed,unconfirmed --format csv
  sitrep events --q "drone strike" --limit 0 --format jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format == "" {
				format = export.JSONL
				if isTerminal(a.stdout) {
					format = formatTable
				}
			}
			if format != formatTable {
				if _, err := export.NewWriter(io.Discard, format); err != nil {
					return fmt.Errorf("--format %q: want table, %s", format, strings.Join(export.Formats, ", "))
				}
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			db, _, err := openStore(cmd.Context(), dbPath, a, true)
			if err != nil {
				return err
			}
			defer db.Close()
			if format == formatTable {
				return writeTable(cmd.Context(), a.stdout, db, f, ff.limit)
			}
			return writeEvents(cmd.Context(), a.stdout, db, f, ff.limit, format)
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().StringVar(&format, "format", "", "output format: table, "+strings.Join(export.Formats, ", ")+" (default table on a terminal, else jsonl)")
	ff.add(cmd.Flags(), 100)
	cmd.AddCommand(newEventsLedgerCmd(a), newEventsSplitCmd(a))
	return cmd
}

// ledgerStore opens the store at addr as a sitrep.LedgerStore.
func ledgerStore(ctx context.Context, addr string, a *app, readOnly bool) (sitrep.Store, sitrep.LedgerStore, error) {
	db, where, err := openStore(ctx, addr, a, readOnly)
	if err != nil {
		return nil, nil, err
	}
	ls, ok := db.(sitrep.LedgerStore)
	if !ok {
		db.Close()
		return nil, nil, fmt.Errorf("the store at %s keeps no ledger of events told by several documents", where)
	}
	return db, ls, nil
}

func newEventsLedgerCmd(a *app) *cobra.Command {
	var dbPath string
	cmd := &cobra.Command{
		Use:   "ledger [--db PATH] EVENT",
		Short: "Show an event's sources, claims, merges and history as JSON",
		Long: `Print, as one JSON object, an event of a store that joins reports (as
ingest does unless --merge=false): the event with every source and claim side by side and the derived figures
(fatalities, fatalities_low/best/high, claimed_by, verification), why each
report was joined (the features and score of every merge) and the history
of its derived fields. EVENT is the event's id or the id of any of its
reports.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, ls, err := ledgerStore(cmd.Context(), dbPath, a, true)
			if err != nil {
				return err
			}
			defer db.Close()
			led, err := ls.EventLedger(cmd.Context(), args[0])
			if errors.Is(err, sitrep.ErrNotFound) {
				return fmt.Errorf("no event %s", args[0])
			}
			if err != nil {
				return err
			}
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(led)
		},
	}
	addDBFlag(cmd, &dbPath)
	return cmd
}

func newEventsSplitCmd(a *app) *cobra.Command {
	var dbPath string
	cmd := &cobra.Command{
		Use:   "split [--db PATH] EVENT SOURCE",
		Short: "Undo a merge: take a document's reports out of an event",
		Long: `Take the reports of the document SOURCE out of the event EVENT and keep
them apart from its other reports from then on, re-ingests included: the
reversal of a wrong merge. The events that result are printed, one id a
line; the event's history records the split.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, ls, err := ledgerStore(cmd.Context(), dbPath, a, false)
			if err != nil {
				return err
			}
			defer db.Close()
			ids, err := ls.SplitEvent(cmd.Context(), args[0], args[1])
			if errors.Is(err, sitrep.ErrNotFound) {
				return fmt.Errorf("split: no event %s reported by %s", args[0], args[1])
			}
			if err != nil {
				return err
			}
			for _, id := range ids {
				fmt.Fprintln(a.stdout, id)
			}
			return nil
		},
	}
	addDBFlag(cmd, &dbPath)
	return cmd
}

// writeEvents writes the matching events to w in format.
func writeEvents(ctx context.Context, w io.Writer, st sitrep.Store, f sitrep.EventFilter, limit int, format string) error {
	ew, err := export.NewWriter(w, format)
	if err != nil {
		return err
	}
	if err := eachEvent(ctx, st, f, limit, ew.Write); err != nil {
		ew.Close()
		return err
	}
	return ew.Close()
}

// writeTable writes one line per event for reading on a terminal.
func writeTable(ctx context.Context, w io.Writer, st sitrep.Store, f sitrep.EventFilter, limit int) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tTYPE\tLOCATION\tACTOR1\tACTOR2\tFATAL\tVERIFICATION\tID")
	n := 0
	err := eachEvent(ctx, st, f, limit, func(e *sitrep.Event) error {
		n++
		loc := e.Location
		if e.Country != "" && e.Country != loc {
			loc = strings.TrimPrefix(loc+", "+e.Country, ", ")
		}
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", e.EventDate, clip(e.SubEventType, 28),
			clip(loc, 32), clip(e.Actor1, 32), clip(e.Actor2, 32), e.Fatalities, e.Verification, e.EventID)
		return err
	})
	if err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(w, "no events match")
	}
	return nil
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
