package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/sitrep-dev/sitrep"
)

var _ sitrep.Versioner = (*DB)(nil)

// versionConn answers Version. SQLite's PRAGMA data_version changes on a
// connection whenever another connection, of this process or another,
// has committed; so it is read on a connection of its own that never
// writes. Commits through this DB are counted as well, which is all an
// in-memory database (one connection) has.
type versionConn struct {
	commits atomic.Uint64

	mu   sync.Mutex
	db   *sql.DB // one connection, opened on first use; nil for :memory:
	stmt *sql.Stmt
}

// Version returns a number that changes after every commit to the
// database, by this process or another. It implements sitrep.Versioner.
func (db *DB) Version(ctx context.Context) (uint64, error) {
	v := &db.version
	commits := v.commits.Load()
	if db.path == ":memory:" {
		return commits, nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.db == nil {
		c, err := sql.Open("sqlite", dsn(db.path, Options{BusyTimeout: db.opts.BusyTimeout, ReadOnly: db.opts.ReadOnly}, false))
		if err != nil {
			return 0, fmt.Errorf("sqlite: version: %w", err)
		}
		c.SetMaxOpenConns(1)
		c.SetMaxIdleConns(1)
		c.SetConnMaxIdleTime(0)
		c.SetConnMaxLifetime(0)
		stmt, err := c.PrepareContext(ctx, `PRAGMA data_version`)
		if err != nil {
			c.Close()
			return 0, fmt.Errorf("sqlite: version: %w", err)
		}
		v.db, v.stmt = c, stmt
	}
	var dv uint64
	if err := v.stmt.QueryRowContext(ctx).Scan(&dv); err != nil {
		return 0, fmt.Errorf("sqlite: version: %w", err)
	}
	return commits<<32 + dv, nil
}

func (v *versionConn) close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.db == nil {
		return nil
	}
	v.stmt.Close()
	err := v.db.Close()
	v.db, v.stmt = nil, nil
	return err
}
