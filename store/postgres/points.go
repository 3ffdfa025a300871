package postgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pointlist"
)

var _ sitrep.PointRowLister = (*DB)(nil)

// pointColumns are the columns of an event's point, in pointScanner's
// order.
const pointColumns = "e.event_id, e.event_date, e.event_type, e.latitude, e.longitude, e.fatalities"

// pointScanner scans the rows of pointColumns into an EventPoint.
type pointScanner struct {
	p        sitrep.EventPoint
	lat, lon *float64
	fat      int32
	date     []byte
	typ      []byte
}

// scan reads the point of the current row; extra receives any columns
// after pointColumns.
func (s *pointScanner) scan(rows pgx.Rows, extra ...any) (*sitrep.EventPoint, error) {
	dest := append([]any{&s.p.ID, &s.date, &s.typ, &s.lat, &s.lon, &s.fat}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	// Most events share a handful of dates and types: reusing the
	// previous string saves an allocation per row.
	if string(s.date) != s.p.Date {
		s.p.Date = string(s.date)
	}
	if string(s.typ) != s.p.Type {
		s.p.Type = string(s.typ)
	}
	s.p.Point = sitrep.Point{}
	if s.lat != nil && s.lon != nil {
		s.p.Point = sitrep.PointAt(*s.lat, *s.lon)
	}
	s.p.Fatalities = int(s.fat)
	return &s.p, nil
}

// EventPoints calls fn with the point of every event matching f, in the
// order of Events, without reading the events' JSON. f.Cursor and f.Limit
// are ignored. It implements sitrep.PointLister.
func (db *DB) EventPoints(ctx context.Context, f sitrep.EventFilter, fn func(sitrep.EventPoint) error) error {
	f.Cursor, f.Limit = "", 0
	q, _, err := db.buildQuery(f)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("SELECT " + pointColumns + " FROM events e")
	q.writeWhere(&sb)
	sb.WriteString(" ORDER BY e.event_date DESC, e.event_id")
	rows, err := db.pool.Query(ctx, sb.String(), q.args...)
	if err != nil {
		return fmt.Errorf("postgres: event points: %w", err)
	}
	defer rows.Close()
	var s pointScanner
	for rows.Next() {
		p, err := s.scan(rows)
		if err != nil {
			return fmt.Errorf("postgres: event points: %w", err)
		}
		if err := fn(*p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: event points: %w", err)
	}
	return nil
}

// PointRows appends the stored point-list rows of the events matching f
// (column points, migration 0004), joined by the server in the listing
// order. It implements sitrep.PointRowLister.
func (db *DB) PointRows(ctx context.Context, f sitrep.EventFilter, limit int, buf []byte) ([]byte, int, bool, error) {
	f.Cursor, f.Limit = "", 0
	q, _, err := db.buildQuery(f)
	if err != nil {
		return buf, 0, false, err
	}
	limit = max(limit, 0)
	var sb strings.Builder
	sb.WriteString("SELECT count(*), count(p), string_agg(p, ',' ORDER BY d DESC, id) FROM (" +
		"SELECT e.points AS p, e.event_date AS d, e.event_id AS id FROM events e")
	q.writeWhere(&sb)
	sb.WriteString(" ORDER BY e.event_date DESC, e.event_id LIMIT " + q.arg(limit) + ") s")
	var (
		n, made int
		joined  []byte
	)
	if err := db.pool.QueryRow(ctx, sb.String(), q.args...).Scan(&n, &made, &joined); err != nil {
		return buf, 0, false, fmt.Errorf("postgres: point rows: %w", err)
	}
	if made != n {
		return buf, 0, false, fmt.Errorf("postgres: point rows: %d of %d events have no stored row: %w", n-made, n, errors.ErrUnsupported)
	}
	more := false
	if n == limit {
		q.args = q.args[:len(q.args)-1] // the limit's
		sb.Reset()
		sb.WriteString("SELECT EXISTS (SELECT 1 FROM events e")
		q.writeWhere(&sb)
		sb.WriteString(" OFFSET " + q.arg(limit) + ")")
		if err := db.pool.QueryRow(ctx, sb.String(), q.args...).Scan(&more); err != nil {
			return buf, 0, false, fmt.Errorf("postgres: point rows: %w", err)
		}
	}
	return append(buf, joined...), n, more, nil
}

// pointRow returns the stored point-list row of ev, "" when it has none:
// pointlist.Row of its point as the events table holds it (text cleaned,
// fatalities in 32 bits).
func pointRow(ev *sitrep.Event) string {
	p := sitrep.PointOf(ev)
	p.ID, p.Date, p.Type = clean(p.ID), clean(p.Date), clean(p.Type)
	p.Fatalities = int(int32(p.Fatalities))
	return clean(pointlist.Row(p))
}

// missingPoints selects the events of ACLED's types without a stored
// point-list row, through the partial index events_points_missing.
var missingPoints = "e.points IS NULL AND e.event_type IN ('" + strings.Join(pointlist.Types(), "', '") + "')"

// fillBatch is how many events' rows fillPoints computes per round.
const fillBatch = 10_000

// fillPoints computes, in tx, the point-list row of every event of
// ACLED's types that has none (points IS NULL): all of them when
// migration 0004 adds the column, and afterwards those an older program
// wrote. The rows are made from the columns as stored, read as
// EventPoints reads them. It returns how many it filled.
func fillPoints(ctx context.Context, tx pgx.Tx, log *slog.Logger) (int, error) {
	total := 0
	for {
		rows, err := tx.Query(ctx, `SELECT `+pointColumns+`, e.rid FROM events e WHERE `+missingPoints+` LIMIT $1`, fillBatch)
		if err != nil {
			return total, fmt.Errorf("fill point rows: %w", err)
		}
		var (
			rids  []int64
			fills []string
			s     pointScanner
		)
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
			rids, fills = append(rids, rid), append(fills, row)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, fmt.Errorf("fill point rows: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE events e SET points = u.points
			FROM unnest($1::bigint[], $2::text[]) AS u(rid, points) WHERE e.rid = u.rid`, rids, fills); err != nil {
			return total, fmt.Errorf("fill point rows: %w", err)
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

// fillPoints fills the point-list rows that are missing, in a
// transaction of its own; when none is, it costs a probe of the partial
// index, which holds only the events of other types.
func (db *DB) fillPoints(ctx context.Context, conn *pgx.Conn) error {
	var missing bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events e WHERE `+missingPoints+`)`).Scan(&missing); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if !missing {
		return nil
	}
	var n int
	err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var err error
		n, err = fillPoints(ctx, tx, db.opts.Logger)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	db.opts.Logger.Info("computed the point-list rows of events an older program stored", "events", n)
	return nil
}
