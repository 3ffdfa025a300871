package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"

	"github.com/sitrep-dev/sitrep"
)

// The point-list rows of each day joined (migration 0008): the map's
// whole list, or a window of dates, is a join of a few hundred days'
// rows rather than an aggregate over every event, which costs SQLite a
// copy and an append per event.

// allRows is a LIMIT that keeps a subquery's order for the aggregate
// over it (a subquery with LIMIT is not flattened) without limiting.
const (
	allRows    = 1 << 62
	allRowsSQL = "4611686018427387904"
)

// joinDaysSQL are the statements of joinDays, in this order.
var joinDaysSQL = []string{
	// 0: each dirty day's events joined (rows NULL when one has no row)
	`SELECT d.event_date,
		(SELECT count(*) FROM events e WHERE e.event_date = d.event_date),
		(SELECT CASE WHEN count(*) = count(p) THEN group_concat(p, ',') END FROM (
			SELECT e.points AS p FROM events e WHERE e.event_date = d.event_date
			ORDER BY e.event_id LIMIT ` + allRowsSQL + `))
	FROM points_days_dirty d`,
	// 1: a day that has them, each row written once
	`INSERT OR REPLACE INTO points_days (event_date, n, rows, deflate) VALUES (?, ?, ?, ?)`,
	// 2: a day that has none left
	`DELETE FROM points_days WHERE event_date = ?`,
	// 3
	`DELETE FROM points_days_dirty`,
}

// deflateLevel is the compression of the days' segments, the API's own
// for large bodies: on the 20,000 events of the load test the 365 days'
// segments take 290 kB, against 284 kB for the whole list compressed at
// once, and level 6 would save 2% for a dearer write of every day.
const deflateLevel = 2

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, deflateLevel)
	return w
}}

// deflateSegment returns rows as a sitrep.PointChunk's Deflate segment:
// a compressor of its own, flushed (which ends it with an empty stored
// block, on a byte boundary) and not closed (no final block).
func deflateSegment(rows []byte) []byte {
	var b bytes.Buffer
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&b)
	w.Write(rows)
	w.Flush()
	return b.Bytes()
}

// joinDays joins again the point-list rows of every day noted dirty,
// compresses them, and clears the notes. Every write transaction calls
// it last, before it commits, so that readers find the table clean.
// stmts are the prepared joinDaysSQL, nil to prepare them in tx.
func joinDays(ctx context.Context, tx *sql.Tx, stmts []*sql.Stmt) error {
	if stmts == nil {
		for _, q := range joinDaysSQL {
			st, err := tx.PrepareContext(ctx, q)
			if err != nil {
				return fmt.Errorf("join days: %w", err)
			}
			defer st.Close()
			stmts = append(stmts, st)
		}
	}
	st := func(i int) *sql.Stmt { return tx.StmtContext(ctx, stmts[i]) }
	rows, err := st(0).QueryContext(ctx)
	if err != nil {
		return fmt.Errorf("join days: %w", err)
	}
	type day struct {
		date    string
		n       int
		rows    sql.NullString
		deflate []byte
	}
	var days []day
	for rows.Next() {
		var d day
		if err := rows.Scan(&d.date, &d.n, &d.rows); err != nil {
			rows.Close()
			return fmt.Errorf("join days: %w", err)
		}
		if d.rows.Valid {
			d.deflate = deflateSegment([]byte(d.rows.String))
		}
		days = append(days, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("join days: %w", err)
	}
	for _, d := range days {
		if d.n == 0 {
			_, err = st(2).ExecContext(ctx, d.date)
		} else {
			_, err = st(1).ExecContext(ctx, d.date, d.n, d.rows, d.deflate)
		}
		if err != nil {
			return fmt.Errorf("join days: %w", err)
		}
	}
	if _, err := st(3).ExecContext(ctx); err != nil {
		return fmt.Errorf("join days: %w", err)
	}
	return nil
}

// datesOnly reports whether f selects by dates alone (or not at all), as
// the joined days can answer. Any other field set, one added later
// included, sends the listing to the events.
func datesOnly(f sitrep.EventFilter) bool {
	f.From, f.To, f.Cursor, f.Limit = sitrep.Day{}, sitrep.Day{}, "", 0
	return reflect.ValueOf(f).IsZero()
}

// dayRows appends the joined rows of the days f selects by date. ok is
// false, and nothing is appended, when the days cannot answer: an older
// program wrote since they were joined, an event has no row, or limit
// would cut the list (the events then answer, with whether there are
// more).
func (db *DB) dayRows(ctx context.Context, f sitrep.EventFilter, limit int, buf []byte) (_ []byte, n int, ok bool, err error) {
	var sb strings.Builder
	var args []any
	sb.WriteString(`SELECT (SELECT count(*) FROM points_days_dirty), count(*), coalesce(sum(n), 0), count(r), group_concat(r, ',')
		FROM (SELECT n, rows AS r FROM points_days`)
	var where []string
	if !f.From.IsZero() {
		where, args = append(where, "event_date >= ?"), append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where, args = append(where, "event_date <= ?"), append(args, f.To.String())
	}
	if len(where) > 0 {
		sb.WriteString(" WHERE " + strings.Join(where, " AND "))
	}
	sb.WriteString(" ORDER BY event_date DESC LIMIT ?)")
	var (
		dirty, days, joined int
		rows                sql.NullString
	)
	err = db.queryRow(ctx, sb.String(), append(args, allRows)...).Scan(&dirty, &days, &n, &joined, &rows)
	if err != nil {
		return buf, 0, false, fmt.Errorf("sqlite: point rows: %w", err)
	}
	if dirty > 0 || joined < days || n >= limit {
		return buf, 0, false, nil
	}
	return append(buf, rows.String...), n, true, nil
}

var _ sitrep.PointChunkLister = (*DB)(nil)

// PointChunks returns the joined days f selects, each with its rows
// compressed ahead (migration 0009). It implements
// sitrep.PointChunkLister.
func (db *DB) PointChunks(ctx context.Context, f sitrep.EventFilter, limit int) ([]sitrep.PointChunk, bool, error) {
	f.Cursor, f.Limit = "", 0
	if err := f.Validate(); err != nil {
		return nil, false, fmt.Errorf("sqlite: point chunks: %w", err)
	}
	if !datesOnly(f) {
		return nil, false, nil
	}
	var sb strings.Builder
	var args []any
	sb.WriteString(`SELECT (SELECT count(*) FROM points_days_dirty), n, rows, deflate FROM points_days`)
	var where []string
	if !f.From.IsZero() {
		where, args = append(where, "event_date >= ?"), append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where, args = append(where, "event_date <= ?"), append(args, f.To.String())
	}
	if len(where) > 0 {
		sb.WriteString(" WHERE " + strings.Join(where, " AND "))
	}
	sb.WriteString(" ORDER BY event_date DESC")
	rows, err := db.query(ctx, sb.String(), args...)
	if err != nil {
		return nil, false, fmt.Errorf("sqlite: point chunks: %w", err)
	}
	defer rows.Close()
	var (
		chunks []sitrep.PointChunk
		total  int
	)
	for rows.Next() {
		var (
			dirty int
			c     sitrep.PointChunk
		)
		if err := rows.Scan(&dirty, &c.N, &c.Rows, &c.Deflate); err != nil {
			return nil, false, fmt.Errorf("sqlite: point chunks: %w", err)
		}
		total += c.N
		if dirty > 0 || c.Rows == nil || c.Deflate == nil || total >= limit {
			return nil, false, nil
		}
		chunks = append(chunks, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("sqlite: point chunks: %w", err)
	}
	if len(chunks) == 0 {
		// No day: the dirty count was not read, and an older program
		// may have written the first events. The events answer.
		return nil, false, nil
	}
	return chunks, true, nil
}
