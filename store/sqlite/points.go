package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

var (
	_ sitrep.PointLister    = (*DB)(nil)
	_ sitrep.RawEventLister = (*DB)(nil)
)

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
	sb.WriteString("SELECT e.event_id, e.event_date, e.event_type, e.latitude, e.longitude, e.fatalities FROM events e")
	q.writeWhere(&sb)
	sb.WriteString(" ORDER BY e.event_date DESC, e.event_id")

	rows, err := db.query(ctx, sb.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqlite: event points: %w", err)
	}
	defer rows.Close()
	var (
		p        sitrep.EventPoint
		lat, lon sql.NullFloat64
		// Most events share a handful of dates and types: reusing the
		// previous string saves an allocation per row.
		date, typ sql.RawBytes
	)
	for rows.Next() {
		if err := rows.Scan(&p.ID, &date, &typ, &lat, &lon, &p.Fatalities); err != nil {
			return fmt.Errorf("sqlite: event points: %w", err)
		}
		if string(date) != p.Date {
			p.Date = string(date)
		}
		if string(typ) != p.Type {
			p.Type = string(typ)
		}
		p.Point = sitrep.Point{}
		if lat.Valid && lon.Valid {
			p.Point = sitrep.PointAt(lat.Float64, lon.Float64)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: event points: %w", err)
	}
	return nil
}
