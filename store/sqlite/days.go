package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"

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

// joinDaysSQL joins again the point-list rows of every day noted dirty
// and clears the notes: three statements whatever the number of days.
var joinDaysSQL = []string{
	`DELETE FROM points_days WHERE event_date IN (SELECT event_date FROM points_days_dirty)`,
	`INSERT INTO points_days (event_date, n, rows)
	SELECT event_date, n, rows FROM (
		SELECT d.event_date,
			(SELECT count(*) FROM events e WHERE e.event_date = d.event_date) AS n,
			(SELECT CASE WHEN count(*) = count(p) THEN group_concat(p, ',') END FROM (
				SELECT e.points AS p FROM events e WHERE e.event_date = d.event_date
				ORDER BY e.event_id LIMIT ` + allRowsSQL + `)) AS rows
		FROM points_days_dirty d)
	WHERE n > 0`,
	`DELETE FROM points_days_dirty`,
}

// joinDays joins again the point-list rows of every day noted dirty and
// clears the notes. Every write transaction calls it last, before it
// commits, so that readers find the table clean. stmts are the prepared
// joinDaysSQL, nil to prepare them in tx.
func joinDays(ctx context.Context, tx *sql.Tx, stmts []*sql.Stmt) error {
	for i, q := range joinDaysSQL {
		var err error
		if stmts != nil {
			_, err = tx.StmtContext(ctx, stmts[i]).ExecContext(ctx)
		} else {
			_, err = tx.ExecContext(ctx, q)
		}
		if err != nil {
			return fmt.Errorf("join days: %w", err)
		}
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
