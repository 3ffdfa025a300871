package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ledger"
)

var _ sitrep.LedgerStore = (*DB)(nil)

// The ledger's tables (migration 0005) hold the state of a ledger.Ledger;
// an operation loads the part of it that it touches (the events of the
// document's old reports and of the reports in the blocks its new reports
// look in), runs the ledger on that part in memory and writes back the
// events that changed. The ledger's result depends only on the reports,
// not on their order, so the part gives what the whole would.

// tx is what the ledger's SQL runs on: a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func reportKey(source, eventID string) string { return source + "\x00" + eventID }

// reportsOf returns the documents' reports of events, prepared: claims
// read from the text, which is then dropped.
func reportsOf(doc *sitrep.Document, events []sitrep.Event) []ledger.Report {
	pub := ""
	if !doc.Published.IsZero() {
		pub = doc.Published.String()
	}
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
func loadEvent(ctx context.Context, tx execer, id string) (*ledger.Stored, error) {
	rows, err := tx.QueryContext(ctx, `SELECT json FROM ledger_reports WHERE event = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	st := &ledger.Stored{}
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, err
		}
		var r ledger.Report
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			return nil, fmt.Errorf("report of %s: %w", id, err)
		}
		st.Reports = append(st.Reports, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(st.Reports) == 0 {
		return nil, sitrep.ErrNotFound
	}
	var ms, hs string
	err = tx.QueryRowContext(ctx, `SELECT merges, history FROM ledger_events WHERE event = ?`, id).Scan(&ms, &hs)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
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
func neighbourhood(ctx context.Context, tx execer, source string, reports []ledger.Report) ([]string, error) {
	ids := map[string]bool{}
	scan := func(q string, args ...any) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids[id] = true
		}
		return rows.Err()
	}
	if err := scan(`SELECT DISTINCT event FROM ledger_reports WHERE source = ?`, source); err != nil {
		return nil, err
	}
	var keys []string
	for i := range reports {
		_, q := ledger.Blocks(&reports[i].Event)
		keys = append(keys, q...)
	}
	if len(keys) > 0 {
		kj, _ := json.Marshal(keys)
		if err := scan(`SELECT DISTINCT r.event FROM ledger_blocks b JOIN ledger_reports r ON r.source = b.source AND r.event_id = b.event_id
			WHERE b.block IN (SELECT value FROM json_each(?))`, string(kj)); err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	sort.Strings(out)
	return out, nil
}

// loadLedger builds an in-memory ledger of the stored events ids, with
// the pairs split apart among their reports.
func (db *DB) loadLedger(ctx context.Context, tx execer, ids []string) (*ledger.Ledger, error) {
	l := ledger.New(ledger.DefaultOptions())
	l.Now = db.now
	var keys []string
	for _, id := range ids {
		st, err := loadEvent(ctx, tx, id)
		if err != nil {
			return nil, fmt.Errorf("load event %s: %w", id, err)
		}
		l.Restore(st)
		l.TakeChanges()
		for _, r := range st.Reports {
			keys = append(keys, r.Key())
		}
	}
	if len(keys) > 0 {
		kj, _ := json.Marshal(keys)
		rows, err := tx.QueryContext(ctx, `SELECT a, b FROM ledger_apart WHERE a IN (SELECT value FROM json_each(?))`, string(kj))
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var a, b string
			if err := rows.Scan(&a, &b); err != nil {
				return nil, err
			}
			l.KeepApart(a, b)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// sameReports reports whether source's stored reports are reports.
func sameReports(ctx context.Context, tx execer, source string, reports []ledger.Report) (bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT json FROM ledger_reports WHERE source = ? ORDER BY event_id`, source)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var old []string
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return false, err
		}
		old = append(old, js)
	}
	if err := rows.Err(); err != nil {
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
func (db *DB) writeChanges(ctx context.Context, tx *sql.Tx, ids []string, now []*ledger.Stored, nextRID *int64) error {
	idj, _ := json.Marshal(ids)
	for _, q := range []string{
		`DELETE FROM ledger_blocks WHERE (source, event_id) IN (SELECT source, event_id FROM ledger_reports WHERE event IN (SELECT value FROM json_each(?1)))`,
		`DELETE FROM ledger_reports WHERE event IN (SELECT value FROM json_each(?1))`,
		`DELETE FROM ledger_events WHERE event IN (SELECT value FROM json_each(?1))`,
		`DELETE FROM events WHERE event_id IN (SELECT value FROM json_each(?1))`,
	} {
		if _, err := tx.ExecContext(ctx, q, string(idj)); err != nil {
			return err
		}
	}
	w := newEventWriter()
	for _, st := range now {
		ev := st.Event
		for _, r := range st.Reports {
			js, err := json.Marshal(&r)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_reports (source, event_id, event, json) VALUES (?, ?, ?, ?)`,
				r.Event.Source, r.Event.EventID, ev.EventID, string(js)); err != nil {
				return err
			}
			idx, _ := ledger.Blocks(&r.Event)
			for _, b := range idx {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO ledger_blocks (block, source, event_id) VALUES (?, ?, ?)`,
					b, r.Event.Source, r.Event.EventID); err != nil {
					return err
				}
			}
		}
		ms, _ := json.Marshal(nonNil(st.Merges))
		hs, _ := json.Marshal(nonNil(st.History))
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_events (event, merges, history) VALUES (?, ?, ?)`,
			ev.EventID, string(ms), string(hs)); err != nil {
			return err
		}
		var docRID int64
		if err := tx.QueryRowContext(ctx, `SELECT rid FROM documents WHERE source = ?`, ev.Source).Scan(&docRID); err != nil {
			return fmt.Errorf("document of event %s: %w", ev.EventID, err)
		}
		js, err := json.Marshal(&ev)
		if err != nil {
			return err
		}
		w.add(docRID, ev.Source, *nextRID, []sitrep.Event{ev}, []string{string(js)})
		*nextRID++
	}
	return w.flush(ctx, tx, db.stmts)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// putLedger joins the reports of doc (its events) to the stored events
// and writes what changed. Putting the same reports again writes nothing.
func (db *DB) putLedger(ctx context.Context, tx *sql.Tx, doc *sitrep.Document, events []sitrep.Event, nextRID *int64) error {
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
	return db.writeChanges(ctx, tx, changed, now, nextRID)
}

// resolveEvent returns the stored event an id names: an event's own id or
// the id of one of its reports.
func resolveEvent(ctx context.Context, q execer, id string) (string, error) {
	var ev string
	err := q.QueryRowContext(ctx, `SELECT event FROM ledger_events WHERE event = ?`, id).Scan(&ev)
	if err == nil {
		return ev, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	err = q.QueryRowContext(ctx, `SELECT event FROM ledger_reports WHERE event_id = ? ORDER BY source LIMIT 1`, id).Scan(&ev)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("sqlite: event %s: %w", id, sitrep.ErrNotFound)
	}
	return ev, err
}

// EventLedger returns an event with its merges and history. It
// implements sitrep.LedgerStore.
func (db *DB) EventLedger(ctx context.Context, id string) (*sitrep.EventLedger, error) {
	ev, err := resolveEvent(ctx, db.reader, id)
	if err != nil {
		return nil, err
	}
	st, err := loadEvent(ctx, db.reader, ev)
	if err != nil {
		return nil, fmt.Errorf("sqlite: event %s: %w", id, err)
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
	if db.writer == nil {
		return nil, errReadOnly
	}
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	defer tx.Rollback()
	ev, err := resolveEvent(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	l, err := db.loadLedger(ctx, tx, []string{ev})
	if err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	st, _ := l.Event(ev)
	var mine, rest []string
	for _, r := range st.Reports {
		if r.Event.Source == source {
			mine = append(mine, r.Key())
		} else {
			rest = append(rest, r.Key())
		}
	}
	out, err := l.Split(ev, source)
	if err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	for _, a := range mine {
		for _, b := range rest {
			for _, p := range [][2]string{{a, b}, {b, a}} {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO ledger_apart (a, b) VALUES (?, ?)`, p[0], p[1]); err != nil {
					return nil, fmt.Errorf("sqlite: split: %w", err)
				}
			}
		}
	}
	var nextRID int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rid), 0) + 1 FROM events`).Scan(&nextRID); err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	first := nextRID - 1
	changed, now := l.TakeChanges()
	if err := db.writeChanges(ctx, tx, changed, now, &nextRID); err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts(rowid, notes) SELECT rid, notes FROM events WHERE rid > ?`, first); err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: split: commit: %w", err)
	}
	db.version.commits.Add(1)
	return out, nil
}

// now is the clock of the ledger's history.
func (db *DB) now() time.Time {
	if db.opts.Now != nil {
		return db.opts.Now()
	}
	return time.Now()
}
