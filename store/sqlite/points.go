package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pointlist"
)

var (
	_ sitrep.PointLister    = (*DB)(nil)
	_ sitrep.PointRowLister = (*DB)(nil)
	_ sitrep.RawEventLister = (*DB)(nil)
)

// pointColumns are the columns of an event's point, in scanPoint's order.
const pointColumns = "e.event_id, e.event_date, e.event_type, e.latitude, e.longitude, e.fatalities"

// pointScanner scans the rows of pointColumns into an EventPoint.
type pointScanner struct {
	p        sitrep.EventPoint
	lat, lon sql.NullFloat64
	// Most events share a handful of dates and types: reusing the
	// previous string saves an allocation per row.
	date, typ sql.RawBytes
}

// scan reads the point of the current row; extra receives any columns
// after pointColumns.
func (s *pointScanner) scan(rows *sql.Rows, extra ...any) (*sitrep.EventPoint, error) {
	dest := append([]any{&s.p.ID, &s.date, &s.typ, &s.lat, &s.lon, &s.p.Fatalities}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	if string(s.date) != s.p.Date {
		s.p.Date = string(s.date)
	}
	if string(s.typ) != s.p.Type {
		s.p.Type = string(s.typ)
	}
	s.p.Point = sitrep.Point{}
	if s.lat.Valid && s.lon.Valid {
		s.p.Point = sitrep.PointAt(s.lat.Float64, s.lon.Float64)
	}
	return &s.p, nil
}

// EventPoints calls fn with the point of every event matching f, in the
// order of Events, reading only the events table (no event JSON). f.Cursor
// and f.Limit are ignored. It implements sitrep.PointLister.
func (db *DB) EventPoints(ctx context.Context, f sitrep.EventFilter, fn func(sitrep.EventPoint) error) error {
	f.Cursor, f.Limit = "", 0
	q, _, err := buildQuery(f)
	if err != nil {
		return err
	}
	// Every match is wanted: a side index drives whenever it selects
	// fewer than the largest page would.
	if err := db.chooseForms(ctx, q, MaxLimit); err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("SELECT " + pointColumns + " FROM events e")
	q.writeWhere(&sb)
	sb.WriteString(" ORDER BY e.event_date DESC, e.event_id")

	rows, err := db.query(ctx, sb.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqlite: event points: %w", err)
	}
	defer rows.Close()
	var s pointScanner
	for rows.Next() {
		p, err := s.scan(rows)
		if err != nil {
			return fmt.Errorf("sqlite: event points: %w", err)
		}
		if err := fn(*p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: event points: %w", err)
	}
	return nil
}

// PointRows appends the stored point-list rows of the events matching f
// (column points, migration 0006). It implements sitrep.PointRowLister.
//
// SQLite joins the rows itself, in one statement that returns one value:
// the Go side costs the same for 20 events as for 20,000, where reading
// a row at a time costs a driver call (and its mutex) per column and row.
// The rows are joined in the order the subquery gives them: a subquery
// with LIMIT is not flattened into an aggregate, and a simple aggregate
// consumes its source's rows in their order (TestPointRows holds it
// to that). An ORDER BY inside group_concat would sort again, several
// times slower.
func (db *DB) PointRows(ctx context.Context, f sitrep.EventFilter, limit int, buf []byte) ([]byte, int, bool, error) {
	f.Cursor, f.Limit = "", 0
	q, _, err := buildQuery(f)
	if err != nil {
		return buf, 0, false, err
	}
	limit = max(limit, 0)
	if datesOnly(f) {
		buf, n, ok, err := db.dayRows(ctx, f, limit, buf)
		if ok || err != nil {
			return buf, n, false, err
		}
	}
	if err := db.chooseForms(ctx, q, MaxLimit); err != nil {
		return buf, 0, false, err
	}
	var sb strings.Builder
	sb.WriteString("SELECT count(*), count(p), group_concat(p, ',') FROM (SELECT e.points AS p FROM events e")
	q.writeWhere(&sb)
	sb.WriteString(" ORDER BY e.event_date DESC, e.event_id LIMIT ?)")
	rows, err := db.query(ctx, sb.String(), append(q.args, limit)...)
	if err != nil {
		return buf, 0, false, fmt.Errorf("sqlite: point rows: %w", err)
	}
	defer rows.Close()
	var (
		n, made int
		// A string takes the driver's value as it is; RawBytes would
		// copy it.
		joined sql.NullString
	)
	if rows.Next() {
		err = rows.Scan(&n, &made, &joined)
	}
	if err == nil {
		err = rows.Err()
	}
	if err != nil {
		return buf, 0, false, fmt.Errorf("sqlite: point rows: %w", err)
	}
	if made != n {
		return buf, 0, false, fmt.Errorf("sqlite: point rows: %d of %d events have no stored row: %w", n-made, n, errors.ErrUnsupported)
	}
	buf = append(buf, joined.String...)
	rows.Close()
	more := false
	if n == limit {
		sb.Reset()
		sb.WriteString("SELECT EXISTS (SELECT 1 FROM events e")
		q.writeWhere(&sb)
		sb.WriteString(" LIMIT 1 OFFSET ?)")
		if err := db.queryRow(ctx, sb.String(), append(q.args, limit)...).Scan(&more); err != nil {
			return buf[:len(buf)-len(joined.String)], 0, false, fmt.Errorf("sqlite: point rows: %w", err)
		}
	}
	return buf, n, more, nil
}

// pointRow returns the stored point-list row of ev, nil (SQL NULL) when
// it has none: pointlist.Row of its point as the events table gives it
// back. SQLite stores a REAL with no fraction as an integer, so a
// coordinate of -0 comes back as 0.
func pointRow(ev *sitrep.Event) any {
	p := sitrep.PointOf(ev)
	if p.Point.Lat == 0 {
		p.Point.Lat = 0 // +0 for -0
	}
	if p.Point.Lon == 0 {
		p.Point.Lon = 0
	}
	return nullString(pointlist.Row(p))
}

// nullString maps "" to SQL NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// fillBatch is how many events' rows fillPoints computes per statement
// round.
const fillBatch = 10_000

// missingPoints selects the events of ACLED's types without a stored
// point-list row, through the partial index events_points_missing.
var missingPoints = "e.points IS NULL AND e.event_type IN ('" + strings.Join(pointlist.Types(), "', '") + "')"

// fillPoints computes, in tx, the point-list row of every event of
// ACLED's types that has none (points IS NULL): all of them when
// migration 0006 adds the column, and afterwards those an older program
// wrote. The rows are made from the columns as stored, read as
// EventPoints reads them. It returns how many it filled.
func fillPoints(ctx context.Context, tx *sql.Tx, log *slog.Logger) (int, error) {
	upd, err := tx.PrepareContext(ctx, `UPDATE events SET points = ? WHERE rid = ?`)
	if err != nil {
		return 0, fmt.Errorf("fill point rows: %w", err)
	}
	defer upd.Close()
	type fill struct {
		rid int64
		row string
	}
	total := 0
	for {
		rows, err := tx.QueryContext(ctx, `SELECT `+pointColumns+`, e.rid FROM events e WHERE `+missingPoints+` LIMIT ?`, fillBatch)
		if err != nil {
			return total, fmt.Errorf("fill point rows: %w", err)
		}
		var fills []fill
		var s pointScanner
		for rows.Next() {
			var rid int64
			p, err := s.scan(rows, &rid)
			if err != nil {
				rows.Close()
				return total, fmt.Errorf("fill point rows: %w", err)
			}
			row := pointlist.Row(*p)
			if row == "" { // not of ACLED's types: missingPoints is wrong
				rows.Close()
				return total, fmt.Errorf("fill point rows: event %s of type %q has none", p.ID, p.Type)
			}
			fills = append(fills, fill{rid, row})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, fmt.Errorf("fill point rows: %w", err)
		}
		for _, f := range fills {
			if _, err := upd.ExecContext(ctx, f.row, f.rid); err != nil {
				return total, fmt.Errorf("fill point rows: %w", err)
			}
		}
		total += len(fills)
		if len(fills) < fillBatch {
			break
		}
		log.Info("computing the point-list rows of stored events", "done", total)
	}
	if total > 0 {
		log.Debug("computed point-list rows", "events", total)
	}
	return total, nil
}

// fillPoints fills the point-list rows that are missing and joins the
// days whose events changed, in a transaction of its own: the work an
// older program's writes leave. When there is none, it costs a probe of
// the partial index (which holds only the events of other types) and of
// an empty table.
func (db *DB) fillPoints(ctx context.Context) error {
	var missing bool
	if err := db.writer.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events e WHERE `+missingPoints+`)
		OR EXISTS (SELECT 1 FROM points_days_dirty)`).Scan(&missing); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	if !missing {
		return nil
	}
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer tx.Rollback()
	n, err := fillPoints(ctx, tx, db.opts.Logger)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	if err := joinDays(ctx, tx, nil); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: fill point rows: %w", err)
	}
	db.opts.Logger.Info("computed the point-list rows of events an older program stored", "rows", n, "db", db.path)
	return nil
}
