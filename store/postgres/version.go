package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep"
)

var _ sitrep.Versioner = (*DB)(nil)

// Version returns the store's change counter (table store_version), which
// every committed write, by any process, adds one to. It implements
// sitrep.Versioner: the API keeps its responses while it stays the same.
func (db *DB) Version(ctx context.Context) (uint64, error) {
	var v int64
	if err := db.pool.QueryRow(ctx, `SELECT version FROM store_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("postgres: version: %w", err)
	}
	return uint64(v), nil
}

// bumpVersion adds one to the change counter inside tx. It is the last
// statement of a transaction that wrote: the row lock it takes serialises
// writers only from there to their commit, and readers see the new
// version and the new rows at once, at the commit.
func bumpVersion(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `UPDATE store_version SET version = version + 1`); err != nil {
		return fmt.Errorf("version: %w", err)
	}
	return nil
}
