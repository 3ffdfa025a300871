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
const allRows = 1 << 62

// joinDays joins again the point-list rows of every day noted dirty and
// clears the notes. Every write transaction calls it last, before it
// commits, so that readers find the table clean.
func joinDays(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT event_date FROM points_days_dirty`)
	if err != nil {
		return fmt.Errorf("join days: %w", err)
	}
	var dates []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return fmt.Errorf("join days: %w", err)
		}
		dates = append(dates, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("join days: %w", err)
	}
	if len(dates) == 0 {
		return nil
	}
	join, err := tx.PrepareContext(ctx, `SELECT count(*), count(p), group_concat(p, ',') FROM (
		SELECT points AS p FROM events WHERE event_date = ? ORDER BY event_id LIMIT ?)`)
	if err != nil {
		return fmt.Errorf("join days: %w", err)
	}
	defer join.Close()
	put, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO points_days (event_date, n, rows) VALUES (?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("join days: %w", err)
	}
	defer put.Close()
	del, err := tx.PrepareContext(ctx, `DELETE FROM points_days WHERE event_date = ?`)
	if err != nil {
		return fmt.Errorf("join days: %w", err)
	}
	defer del.Close()
	for _, d := range dates {
		var (
			n, made int
			joined  sql.NullString
		)
		if err := join.QueryRowContext(ctx, d, allRows).Scan(&n, &made, &joined); err != nil {
			return fmt.Errorf("join days: %w", err)
		}
		switch {
		case n == 0:
			_, err = del.ExecContext(ctx, d)
		case made < n: // an event of the day has no row
			_, err = put.ExecContext(ctx, d, n, nil)
		default:
			_, err = put.ExecContext(ctx, d, n, joined.String)
		}
		if err != nil {
			return fmt.Errorf("join days: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM points_days_dirty`); err != nil {
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
