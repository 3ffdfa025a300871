package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ledger"
)

var _ sitrep.LedgerStore = (*DB)(nil)

// The ledger's tables (migration 0002) hold the state of a ledger.Ledger,
// as the SQLite store's do: a put loads the part of it that it touches
// (the events of the document's old reports and of the reports in the
// blocks its new reports look in), runs the ledger on that part in memory
// and writes back the events that changed. The ledger's result depends
// only on the reports, not on their order, so the part gives what the
// whole would.
//
// Concurrency: PutDocuments holds a transaction-level advisory lock on
// every block key of the new reports (Options.MergeKeys, by default the
// ledger's) before it reads anything, so two puts whose reports could
// join run one after the other, and the second, reading after the
// first's commit (READ COMMITTED takes a snapshot per statement), joins
// its report to the first's event instead of making a second one.

// querier is what the ledger's SQL runs on.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// reportsOf returns the document's reports of events, prepared: claims
// read from the text, which is then dropped.
func reportsOf(doc *sitrep.Document, events []sitrep.Event) []ledger.Report {
	pub := doc.Published.String()
	rs := make([]ledger.Report, 0, len(events))
	for _, ev := range events {
		ev.Source = doc.ID
		r := ledger.Report{Event: ev, Published: pub, Text: doc.Text}
		ledger.Prepare(&r)
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Event.EventID < rs[j].Event.EventID })
	return rs
}

// loadEvent loads a stored event of the ledger with its reports.
func loadEvent(ctx context.Context, q querier, id string) (*ledger.Stored, error) {
	rows, err := q.Query(ctx, `SELECT json FROM ledger_reports WHERE event = $1`, id)
	if err != nil {
		return nil, err
	}
	jsons, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	st := &ledger.Stored{}
	for _, js := range jsons {
		var r ledger.Report
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			return nil, fmt.Errorf("report of %s: %w", id, err)
		}
		st.Reports = append(st.Reports, r)
	}
	if len(st.Reports) == 0 {
		return nil, sitrep.ErrNotFound
	}
	var ms, hs string
	err = q.QueryRow(ctx, `SELECT merges, history FROM ledger_events WHERE event = $1`, id).Scan(&ms, &hs)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, err
	}
	if err == nil {
		if err := json.Unmarshal([]byte(ms), &st.Merges); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(hs), &st.History); err != nil {
			return nil, err
		}
	}
	ev, _ := ledger.Derive(st.Reports, ledger.DefaultOptions())
	st.Event = ev
	return st, nil
}

// neighbourhood returns the ids of the stored events that a put of
// source with reports touches.
func neighbourhood(ctx context.Context, q querier, source string, reports []ledger.Report) ([]string, error) {
	var keys []string
	for i := range reports {
		_, qk := ledger.Blocks(&reports[i].Event)
		keys = append(keys, qk...)
	}
	if keys == nil {
		keys = []string{}
	}
	rows, err := q.Query(ctx, `SELECT event FROM ledger_reports WHERE source = $1
		UNION SELECT r.event FROM ledger_blocks b JOIN ledger_reports r ON r.source = b.source AND r.event_id = b.event_id
		WHERE b.block = ANY($2::text[])
		ORDER BY 1`, clean(source), keys)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// loadLedger builds an in-memory ledger of the stored events ids, with
// the pairs split apart among their reports.
func (db *DB) loadLedger(ctx context.Context, q querier, ids []string) (*ledger.Ledger, error) {
	l := ledger.New(ledger.DefaultOptions())
	l.Now = db.now
	var keys [][]byte
	for _, id := range ids {
		st, err := loadEvent(ctx, q, id)
		if err != nil {
			return nil, fmt.Errorf("load event %s: %w", id, err)
		}
		l.Restore(st)
		l.TakeChanges()
		for _, r := range st.Reports {
			keys = append(keys, []byte(r.Key()))
		}
	}
	if len(keys) > 0 {
		rows, err := q.Query(ctx, `SELECT a, b FROM ledger_apart WHERE a = ANY($1::bytea[])`, keys)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var a, b []byte
			if err := rows.Scan(&a, &b); err != nil {
				return nil, err
			}
			l.KeepApart(string(a), string(b))
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// sameReports reports whether source's stored reports are reports.
func sameReports(ctx context.Context, q querier, source string, reports []ledger.Report) (bool, error) {
	rows, err := q.Query(ctx, `SELECT json FROM ledger_reports WHERE source = $1 ORDER BY event_id`, clean(source))
	if err != nil {
		return false, err
	}
	old, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return false, err
	}
	if len(old) != len(reports) || len(old) == 0 {
		return false, nil
	}
	for i := range reports {
		b, err := json.Marshal(&reports[i])
		if err != nil {
			return false, err
		}
		if string(b) != old[i] {
			return false, nil
		}
	}
	return true, nil
}

// writeChanges replaces the rows of the events ids with the events now
// (those of ids that still exist).
func writeChanges(ctx context.Context, tx pgx.Tx, ids []string, now []*ledger.Stored) error {
	if ids == nil {
		ids = []string{}
	}
	for _, q := range []string{
		`DELETE FROM ledger_blocks WHERE (source, event_id) IN (SELECT source, event_id FROM ledger_reports WHERE event = ANY($1::text[]))`,
		`DELETE FROM ledger_reports WHERE event = ANY($1::text[])`,
		`DELETE FROM ledger_events WHERE event = ANY($1::text[])`,
		`DELETE FROM events WHERE event_id = ANY($1::text[])`,
	} {
		if _, err := tx.Exec(ctx, q, ids); err != nil {
			return err
		}
	}
	for _, st := range now {
		ev := st.Event
		b := &pgx.Batch{}
		for _, r := range st.Reports {
			js, err := json.Marshal(&r)
			if err != nil {
				return err
			}
			b.Queue(`INSERT INTO ledger_reports (source, event_id, event, json) VALUES ($1, $2, $3, $4)`,
				clean(r.Event.Source), clean(r.Event.EventID), clean(ev.EventID), string(js))
			idx, _ := ledger.Blocks(&r.Event)
			for _, k := range idx {
				b.Queue(`INSERT INTO ledger_blocks (block, source, event_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
					clean(k), clean(r.Event.Source), clean(r.Event.EventID))
			}
		}
		ms, _ := json.Marshal(nonNil(st.Merges))
		hs, _ := json.Marshal(nonNil(st.History))
		b.Queue(`INSERT INTO ledger_events (event, merges, history) VALUES ($1, $2, $3)`, clean(ev.EventID), string(ms), string(hs))
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		var docRID int64
		if err := tx.QueryRow(ctx, `SELECT rid FROM documents WHERE source = $1`, clean(ev.Source)).Scan(&docRID); err != nil {
			return fmt.Errorf("document of event %s: %w", ev.EventID, err)
		}
		js, err := json.Marshal(&ev)
		if err != nil {
			return err
		}
		if err := insertEvents(ctx, tx, docRID, ev.Source, []sitrep.Event{ev}, encoded{jsons: []string{string(js)}}); err != nil {
			return err
		}
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// putLedger joins the reports of doc (its events) to the stored events
// and writes what changed. Putting the same reports again writes nothing.
func (db *DB) putLedger(ctx context.Context, tx pgx.Tx, doc *sitrep.Document, events []sitrep.Event) error {
	reports := reportsOf(doc, events)
	same, err := sameReports(ctx, tx, doc.ID, reports)
	if err != nil || same {
		return err
	}
	ids, err := neighbourhood(ctx, tx, doc.ID, reports)
	if err != nil {
		return err
	}
	l, err := db.loadLedger(ctx, tx, ids)
	if err != nil {
		return err
	}
	if _, err := l.Put(doc.ID, reports); err != nil {
		return err
	}
	changed, now := l.TakeChanges()
	return writeChanges(ctx, tx, changed, now)
}

// resolveEvent returns the stored event an id names: an event's own id or
// the id of one of its reports.
func resolveEvent(ctx context.Context, q querier, id string) (string, error) {
	var ev string
	err := q.QueryRow(ctx, `SELECT event FROM ledger_events WHERE event = $1
		UNION ALL (SELECT event FROM ledger_reports WHERE event_id = $1 ORDER BY source LIMIT 1) LIMIT 1`, clean(id)).Scan(&ev)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("postgres: event %s: %w", id, sitrep.ErrNotFound)
	}
	return ev, err
}

// EventLedger returns an event with its merges and history. It
// implements sitrep.LedgerStore.
func (db *DB) EventLedger(ctx context.Context, id string) (*sitrep.EventLedger, error) {
	ev, err := resolveEvent(ctx, db.pool, id)
	if err != nil {
		return nil, err
	}
	st, err := loadEvent(ctx, db.pool, ev)
	if err != nil {
		return nil, fmt.Errorf("postgres: event %s: %w", id, err)
	}
	stored, err := db.Event(ctx, ev)
	if err != nil {
		return nil, err
	}
	return &sitrep.EventLedger{Event: *stored, Merges: nonNil(st.Merges), History: nonNil(st.History)}, nil
}

// SplitEvent takes a document's reports out of an event and keeps them
// apart from its other reports. It implements sitrep.LedgerStore.
func (db *DB) SplitEvent(ctx context.Context, id, source string) ([]string, error) {
	var out []string
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		ev, err := resolveEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		l, err := db.loadLedger(ctx, tx, []string{ev})
		if err != nil {
			return err
		}
		// The event's blocks, as a put of its reports would lock them;
		// then the ledger again, as it is once they are ours.
		st, _ := l.Event(ev)
		var locks []int64
		for _, r := range st.Reports {
			for _, k := range db.opts.MergeKeys(&r.Event) {
				locks = append(locks, LockKey(k))
			}
		}
		if err := lockAll(ctx, tx, locks); err != nil {
			return err
		}
		if l, err = db.loadLedger(ctx, tx, []string{ev}); err != nil {
			return err
		}
		st, ok := l.Event(ev)
		if !ok {
			return fmt.Errorf("event %s: %w", id, sitrep.ErrNotFound)
		}
		var mine, rest []string
		for _, r := range st.Reports {
			if r.Event.Source == source {
				mine = append(mine, r.Key())
			} else {
				rest = append(rest, r.Key())
			}
		}
		if out, err = l.Split(ev, source); err != nil {
			return err
		}
		for _, a := range mine {
			for _, b := range rest {
				for _, p := range [][2]string{{a, b}, {b, a}} {
					if _, err := tx.Exec(ctx, `INSERT INTO ledger_apart (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
						[]byte(p[0]), []byte(p[1])); err != nil {
						return err
					}
				}
			}
		}
		changed, now := l.TakeChanges()
		return writeChanges(ctx, tx, changed, now)
	})
	if err != nil {
		if errors.Is(err, sitrep.ErrNotFound) {
			return nil, err
		}
		return nil, fmt.Errorf("postgres: split: %w", err)
	}
	return out, nil
}

// now is the clock of the ledger's history.
func (db *DB) now() time.Time {
	if db.opts.Now != nil {
		return db.opts.Now()
	}
	return time.Now()
}
