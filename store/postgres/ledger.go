package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ledger"
	"github.com/sitrep-dev/sitrep/store/internal/ledgerstore"
)

var _ sitrep.LedgerStore = (*DB)(nil)

// The ledger's tables (migration 0002) hold the state of a ledger.Ledger,
// as the SQLite store's do; package ledgerstore runs the ledger on them
// through ledgerTx, which holds this store's SQL of it.
//
// Concurrency: PutDocuments holds a transaction-level advisory lock on
// every block key of the new reports (Options.MergeKeys, by default the
// ledger's) before it reads anything, so two puts whose reports could
// join run one after the other, and the second, reading after the
// first's commit (READ COMMITTED takes a snapshot per statement), joins
// its report to the first's event instead of making a second one. A
// split takes the same locks (ledgerTx.Lock).

// querier is what the ledger's SQL runs on.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// ledgerTx is a ledgerstore.Tx and Locker (a ledgerstore.Reader when q
// is the pool and tx nil).
type ledgerTx struct {
	db *DB
	q  querier
	tx pgx.Tx
}

var _ ledgerstore.Locker = ledgerTx{}

func (t ledgerTx) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := t.q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func (t ledgerTx) EventReports(ctx context.Context, id string) ([]string, error) {
	return t.strings(ctx, `SELECT json FROM ledger_reports WHERE event = $1`, id)
}

func (t ledgerTx) EventState(ctx context.Context, id string) (ms, hs string, ok bool, err error) {
	err = t.q.QueryRow(ctx, `SELECT merges, history FROM ledger_events WHERE event = $1`, id).Scan(&ms, &hs)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", "", false, nil
	}
	return ms, hs, err == nil, err
}

func (t ledgerTx) Resolve(ctx context.Context, id string) (string, error) {
	return resolveEvent(ctx, t.q, id)
}

func (t ledgerTx) SourceReports(ctx context.Context, source string) ([]string, error) {
	return t.strings(ctx, `SELECT json FROM ledger_reports WHERE source = $1 ORDER BY event_id`, clean(source))
}

func (t ledgerTx) Touched(ctx context.Context, source string, keys []string) ([]string, error) {
	return t.strings(ctx, `SELECT event FROM ledger_reports WHERE source = $1
		UNION SELECT r.event FROM ledger_blocks b JOIN ledger_reports r ON r.source = b.source AND r.event_id = b.event_id
		WHERE b.block = ANY($2::text[])
		ORDER BY 1`, clean(source), keys)
}

func (t ledgerTx) Apart(ctx context.Context, keys []string) ([][2]string, error) {
	bs := make([][]byte, len(keys))
	for i, k := range keys {
		bs[i] = []byte(k)
	}
	rows, err := t.q.Query(ctx, `SELECT a, b FROM ledger_apart WHERE a = ANY($1::bytea[])`, bs)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var a, b []byte
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		out = append(out, [2]string{string(a), string(b)})
	}
	return out, rows.Err()
}

func (t ledgerTx) KeepApart(ctx context.Context, pairs [][2]string) error {
	for _, p := range pairs {
		if _, err := t.tx.Exec(ctx, `INSERT INTO ledger_apart (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
			[]byte(p[0]), []byte(p[1])); err != nil {
			return err
		}
	}
	return nil
}

func (t ledgerTx) Replace(ctx context.Context, ids []string, now []*ledger.Stored) error {
	if ids == nil {
		ids = []string{}
	}
	for _, q := range []string{
		`DELETE FROM ledger_blocks WHERE (source, event_id) IN (SELECT source, event_id FROM ledger_reports WHERE event = ANY($1::text[]))`,
		`DELETE FROM ledger_reports WHERE event = ANY($1::text[])`,
		`DELETE FROM ledger_events WHERE event = ANY($1::text[])`,
		`DELETE FROM events WHERE event_id = ANY($1::text[])`,
	} {
		if _, err := t.tx.Exec(ctx, q, ids); err != nil {
			return err
		}
	}
	for _, st := range now {
		ev := st.Event
		rs, err := ledgerstore.Encode(st)
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		for _, r := range rs.Reports {
			b.Queue(`INSERT INTO ledger_reports (source, event_id, event, json) VALUES ($1, $2, $3, $4)`,
				clean(r.Source), clean(r.EventID), clean(ev.EventID), r.JSON)
			for _, k := range r.Blocks {
				b.Queue(`INSERT INTO ledger_blocks (block, source, event_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
					clean(k), clean(r.Source), clean(r.EventID))
			}
		}
		b.Queue(`INSERT INTO ledger_events (event, merges, history) VALUES ($1, $2, $3)`, clean(ev.EventID), rs.Merges, rs.History)
		if err := t.tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		var docRID int64
		if err := t.tx.QueryRow(ctx, `SELECT rid FROM documents WHERE source = $1`, clean(ev.Source)).Scan(&docRID); err != nil {
			return fmt.Errorf("document of event %s: %w", ev.EventID, err)
		}
		if err := insertEvents(ctx, t.tx, docRID, ev.Source, []sitrep.Event{ev}, encoded{jsons: []string{rs.Event}}); err != nil {
			return err
		}
	}
	return nil
}

// Lock takes the advisory locks of the merge keys of reports, as a put
// of them would.
func (t ledgerTx) Lock(ctx context.Context, reports []ledger.Report) error {
	var locks []int64
	for _, r := range reports {
		for _, k := range t.db.opts.MergeKeys(&r.Event) {
			locks = append(locks, LockKey(k))
		}
	}
	return lockAll(ctx, t.tx, locks)
}

// putLedger joins the reports of doc (its events) to the stored events
// and writes what changed. Putting the same reports again writes nothing.
func (db *DB) putLedger(ctx context.Context, tx pgx.Tx, doc *sitrep.Document, events []sitrep.Event) error {
	return ledgerstore.Put(ctx, ledgerTx{db: db, q: tx, tx: tx}, db.opts.Now, doc, events)
}

// resolveEvent returns the stored event an id names: an event's own id or
// the id of one of its reports.
func resolveEvent(ctx context.Context, q querier, id string) (string, error) {
	var ev string
	err := q.QueryRow(ctx, `SELECT event FROM ledger_events WHERE event = $1
		UNION ALL (SELECT event FROM ledger_reports WHERE event_id = $1 ORDER BY source LIMIT 1) LIMIT 1`, clean(id)).Scan(&ev)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", sitrep.ErrNotFound
	}
	return ev, err
}

// EventLedger returns an event with its merges and history. It
// implements sitrep.LedgerStore.
func (db *DB) EventLedger(ctx context.Context, id string) (*sitrep.EventLedger, error) {
	evID, st, err := ledgerstore.Named(ctx, ledgerTx{db: db, q: db.pool}, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
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
	var out []string
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var err error
		out, err = ledgerstore.Split(ctx, ledgerTx{db: db, q: tx, tx: tx}, db.opts.Now, id, source)
		if err != nil {
			return err
		}
		return bumpVersion(ctx, tx)
	})
	if errors.Is(err, sitrep.ErrNotFound) {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: split: %w", err)
	}
	return out, nil
}
