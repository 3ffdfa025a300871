package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the prepared statements kept per database. The
// filters give a few dozen shapes of query; bounding boxes add one shape
// per number of cell ranges.
const maxCachedStmts = 256

// stmtCache keeps the reader pool's prepared statements by SQL text.
// Preparing (parsing and planning) a filtered listing costs SQLite more
// than running it for a page of 20 events; database/sql prepares a cached
// statement once per connection and reuses it.
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// readStmts returns the statement cache of db's reader pool.
func (db *DB) readStmts() *stmtCache { return db.reads }

// get returns the prepared statement of query on pool, preparing it on
// first use; nil when the cache is full and query is not in it (the caller
// then runs it unprepared). Statements are never evicted, so one that get
// returned stays open while the DB is in use.
func (c *stmtCache) get(ctx context.Context, pool *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, full := c.stmts[query], len(c.stmts) >= maxCachedStmts
	c.mu.Unlock()
	if st != nil || full {
		return st, nil
	}
	st, err := pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.stmts[query]; old != nil { // prepared meanwhile
		st.Close()
		return old, nil
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// query runs a read through a cached statement of the reader pool.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := db.readStmts().get(ctx, db.reader, query)
	switch {
	case err != nil:
		return nil, err
	case st == nil:
		return db.reader.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for one row.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := db.readStmts().get(ctx, db.reader, query)
	if err != nil || st == nil {
		// Unprepared; an error of preparing comes back from Scan.
		return db.reader.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}
