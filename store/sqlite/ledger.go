package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ledger"
	"github.com/sitrep-dev/sitrep/store/internal/ledgerstore"
)

var _ sitrep.LedgerStore = (*DB)(nil)

// The ledger's tables (migration 0005) hold the state of a ledger.Ledger;
// package ledgerstore runs the ledger on them through ledgerTx, which
// holds this store's SQL of it.

// execer is what the ledger's SQL runs on: the reader or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func reportKey(source, eventID string) string { return source + "\x00" + eventID }

// ledgerTx is a ledgerstore.Tx (a ledgerstore.Reader when q is the
// reader): tx and nextRID are those of a write, the rid its next event
// row takes.
type ledgerTx struct {
	db      *DB
	q       execer
	tx      *sql.Tx
	nextRID *int64
}

var _ ledgerstore.Tx = ledgerTx{}

// strings returns the one text column of the rows of a query.
func (t ledgerTx) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := t.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (t ledgerTx) EventReports(ctx context.Context, id string) ([]string, error) {
	return t.strings(ctx, `SELECT json FROM ledger_reports WHERE event = ?`, id)
}

func (t ledgerTx) EventState(ctx context.Context, id string) (ms, hs string, ok bool, err error) {
	err = t.q.QueryRowContext(ctx, `SELECT merges, history FROM ledger_events WHERE event = ?`, id).Scan(&ms, &hs)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	return ms, hs, err == nil, err
}

func (t ledgerTx) Resolve(ctx context.Context, id string) (string, error) {
	return resolveEvent(ctx, t.q, id)
}

func (t ledgerTx) SourceReports(ctx context.Context, source string) ([]string, error) {
	return t.strings(ctx, `SELECT json FROM ledger_reports WHERE source = ? ORDER BY event_id`, source)
}

func (t ledgerTx) Touched(ctx context.Context, source string, keys []string) ([]string, error) {
	ids, err := t.strings(ctx, `SELECT DISTINCT event FROM ledger_reports WHERE source = ?`, source)
	if err != nil || len(keys) == 0 {
		return ids, err
	}
	kj, _ := json.Marshal(keys)
	more, err := t.strings(ctx, `SELECT DISTINCT r.event FROM ledger_blocks b JOIN ledger_reports r ON r.source = b.source AND r.event_id = b.event_id
		WHERE b.block IN (SELECT value FROM json_each(?))`, string(kj))
	return append(ids, more...), err
}

func (t ledgerTx) Apart(ctx context.Context, keys []string) ([][2]string, error) {
	kj, _ := json.Marshal(keys)
	rows, err := t.q.QueryContext(ctx, `SELECT a, b FROM ledger_apart WHERE a IN (SELECT value FROM json_each(?))`, string(kj))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (t ledgerTx) KeepApart(ctx context.Context, pairs [][2]string) error {
	for _, p := range pairs {
		if _, err := t.tx.ExecContext(ctx, `INSERT OR IGNORE INTO ledger_apart (a, b) VALUES (?, ?)`, p[0], p[1]); err != nil {
			return err
		}
	}
	return nil
}

func (t ledgerTx) Replace(ctx context.Context, ids []string, now []*ledger.Stored) error {
	idj, _ := json.Marshal(ids)
	for _, q := range []string{
		`DELETE FROM ledger_blocks WHERE (source, event_id) IN (SELECT source, event_id FROM ledger_reports WHERE event IN (SELECT value FROM json_each(?1)))`,
		`DELETE FROM ledger_reports WHERE event IN (SELECT value FROM json_each(?1))`,
		`DELETE FROM ledger_events WHERE event IN (SELECT value FROM json_each(?1))`,
		`DELETE FROM events WHERE event_id IN (SELECT value FROM json_each(?1))`,
	} {
		if _, err := t.tx.ExecContext(ctx, q, string(idj)); err != nil {
			return err
		}
	}
	w := newEventWriter()
	for _, st := range now {
		ev := st.Event
		rs, err := ledgerstore.Encode(st)
		if err != nil {
			return err
		}
		for _, r := range rs.Reports {
			if _, err := t.tx.ExecContext(ctx, `INSERT INTO ledger_reports (source, event_id, event, json) VALUES (?, ?, ?, ?)`,
				r.Source, r.EventID, ev.EventID, r.JSON); err != nil {
				return err
			}
			for _, b := range r.Blocks {
				if _, err := t.tx.ExecContext(ctx, `INSERT OR IGNORE INTO ledger_blocks (block, source, event_id) VALUES (?, ?, ?)`,
					b, r.Source, r.EventID); err != nil {
					return err
				}
			}
		}
		if _, err := t.tx.ExecContext(ctx, `INSERT INTO ledger_events (event, merges, history) VALUES (?, ?, ?)`,
			ev.EventID, rs.Merges, rs.History); err != nil {
			return err
		}
		var docRID int64
		if err := t.tx.QueryRowContext(ctx, `SELECT rid FROM documents WHERE source = ?`, ev.Source).Scan(&docRID); err != nil {
			return fmt.Errorf("document of event %s: %w", ev.EventID, err)
		}
		w.add(docRID, ev.Source, *t.nextRID, []sitrep.Event{ev}, []string{rs.Event})
		*t.nextRID++
	}
	return w.flush(ctx, t.tx, t.db.stmts)
}

// putLedger joins the reports of doc (its events) to the stored events
// and writes what changed. Putting the same reports again writes nothing.
func (db *DB) putLedger(ctx context.Context, tx *sql.Tx, doc *sitrep.Document, events []sitrep.Event, nextRID *int64) error {
	return ledgerstore.Put(ctx, ledgerTx{db: db, q: tx, tx: tx, nextRID: nextRID}, db.opts.Now, doc, events)
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
		return "", sitrep.ErrNotFound
	}
	return ev, err
}

// EventLedger returns an event with its merges and history. It
// implements sitrep.LedgerStore.
func (db *DB) EventLedger(ctx context.Context, id string) (*sitrep.EventLedger, error) {
	evID, st, err := ledgerstore.Named(ctx, ledgerTx{db: db, q: db.reader}, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	ev, err := db.Event(ctx, evID)
	if err != nil {
		return nil, err
	}
	return ledgerstore.EventLedger(ev, st), nil
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
	var nextRID int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rid), 0) + 1 FROM events`).Scan(&nextRID); err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	first := nextRID - 1
	out, err := ledgerstore.Split(ctx, ledgerTx{db: db, q: tx, tx: tx, nextRID: &nextRID}, db.opts.Now, id, source)
	if errors.Is(err, sitrep.ErrNotFound) {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts(rowid, notes) SELECT rid, notes FROM events WHERE rid > ?`, first); err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	if err := joinDays(ctx, tx, db.stmts.joinDays); err != nil {
		return nil, fmt.Errorf("sqlite: split: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: split: commit: %w", err)
	}
	db.version.commits.Add(1)
	return out, nil
}
