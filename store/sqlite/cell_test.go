package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/sqlite/internal/cell"
)

// TestMigration0003 builds a database at version 2 with events, opens it
// (which applies 0003) and checks that the SQL of the migration gave each
// event the cell cell.Of gives, and that the rebuilt full-text indexes
// agree with their tables.
func TestMigration0003(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:2] {
		if _, err := raw.Exec(m.SQL); err != nil {
			t.Fatal(m.Name, err)
		}
		if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '')`, m.Version, m.Name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO documents (rid, id, source, text, content_hash, ingested_at) VALUES (1, 'd', 's', 'old text about ravens', 'h', '2024-01-01T00:00:00Z');
		INSERT INTO documents_fts(rowid, title, text) VALUES (1, '', 'old text about ravens')`); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	pts := [][2]float64{{-180, -90}, {180, 90}, {0, 0}, {67.11, 36.709}, {-8, 12.65}, {179.99999, -89.99999}}
	for range 100 {
		pts = append(pts, [2]float64{r.Float64()*360 - 180, r.Float64()*180 - 90})
	}
	for i, p := range pts {
		_, err := raw.Exec(`INSERT INTO events VALUES (?, ?, 1, '2024-01-01', 1, 'Battles', 'Armed clash', 'a', '', '', '', 'X', '', '', '', '',
			?, ?, 1, 0, 'notes', 's', '', 'claimed', 'given', '', 0, 0, 0, 0, 0)`, i+1, fmt.Sprint("e", i), p[1], p[0])
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO events (rid, event_id, document_rid, event_date, time_precision, event_type, sub_event_type,
		actor1, assoc_actor_1, actor2, assoc_actor_2, country, admin1, admin2, admin3, location, geo_precision, fatalities, notes,
		source, claimed_by, verification, date_basis, date_from, inter1, inter2, injuries, arrests, geonameid)
		SELECT 1000, 'nowhere', 1, '2024-01-01', 1, 'Battles', 'Armed clash', 'a', '', '', '', 'X', '', '', '', '', 0, 0, 'notes',
		's', '', 'claimed', 'given', '', 0, 0, 0, 0, 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO events_fts(rowid, notes) SELECT rid, notes FROM events; INSERT INTO event_json SELECT rid, '{}' FROM events`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, p := range pts {
		var got sql.NullInt64
		if err := db.reader.QueryRow(`SELECT cell FROM events WHERE rid = ?`, i+1).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := cell.Of(p[0], p[1]); !got.Valid || got.Int64 != want {
			t.Errorf("point %v: migrated cell %v, want %d", p, got, want)
		}
	}
	var none sql.NullInt64
	if err := db.reader.QueryRow(`SELECT cell FROM events WHERE rid = 1000`).Scan(&none); err != nil || none.Valid {
		t.Errorf("event without coordinates: cell %v, %v", none, err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"ravens": len(pts) + 1, "notes": len(pts) + 1} {
		if evs, _, err := db.Events(ctx, sitrep.EventFilter{Query: q, Limit: MaxLimit}); err != nil || len(evs) != want {
			t.Errorf("query %q after migration: %d events, %v", q, len(evs), err)
		}
	}
	if evs, _, err := db.Events(ctx, sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: 67, MinLat: 36, MaxLon: 68, MaxLat: 37}}); err != nil || len(evs) != 1 {
		t.Errorf("bbox after migration: %d events, %v", len(evs), err)
	}
}
