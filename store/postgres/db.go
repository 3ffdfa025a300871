// Package postgres implements sitrep.Store on PostgreSQL through pgx: a
// shared store that any number of sitrep processes (workers of the queue,
// servers) use at once.
//
// The schema comes from embedded, versioned migrations applied by Open
// under an advisory lock, so that processes starting together migrate
// once. Full text is PostgreSQL's own: tsvector columns with GIN indexes,
// words as written without stemming (as SQLite's FTS5 has them), case and
// diacritics folded where the unaccent extension is there, queried with
// the syntax of sitrep.ParseQuery. Bounding boxes use a PostGIS point column with a GiST index when
// the postgis extension is installed or can be created, and a B-tree over
// longitude and latitude otherwise; the answers are the same.
//
// PostgreSQL text holds neither NUL nor invalid UTF-8: such bytes are
// stored as a space and as '?' respectively, one byte for one, so that
// evidence offsets into the text stay right. The content hash is that of
// the document as given.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ledger"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/internal/schema"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Options configure a DB.
type Options struct {
	// Logger receives debug and info messages; nil discards them.
	Logger *slog.Logger
	// PostGIS chooses the spatial index: "auto" (the zero value) uses
	// PostGIS when the extension is installed or can be created, "off"
	// never does, "on" fails to open without it.
	PostGIS string
	// MaxConns caps the connection pool; 0 keeps pgx's default (the
	// larger of 4 and the number of CPUs) or the DSN's pool_max_conns.
	MaxConns int32
	// MergeKeys returns the keys under which an event may be merged with
	// events of other documents; nil means the claim ledger's block keys
	// (ledger.Blocks, the keys a report is stored under and those it is
	// compared with: two reports that could be one event share one).
	// PutDocument takes a transaction-level advisory lock
	// on every key of the new events, in one sorted order, before it
	// reads or writes anything: two workers storing reports of the same
	// event at once run one after the other, and the second sees the
	// first's commit, so a merge decided inside PutDocument cannot miss a
	// concurrent report and make two events of one. Documents whose keys
	// are disjoint do not wait for one another.
	MergeKeys func(ev *sitrep.Event) []string
	// Ledger joins the reports of one event told by many documents into
	// one stored event (package ledger): the events table then holds the
	// joined events, and EventLedger and SplitEvent work. A database that
	// holds joined events keeps joining whatever this says.
	Ledger bool
	// Now is the clock of the ledger's history; nil is time.Now.
	Now func() time.Time
	// ReadOnly opens an existing store for reading only: nothing is
	// created or migrated, every transaction is read-only, and a database
	// without the schema is an error wrapping sitrep.ErrNoStore.
	ReadOnly bool
}

// DB is a sitrep.Store in a PostgreSQL database. It is safe for
// concurrent use, and any number of processes may share the database.
type DB struct {
	pool    *pgxpool.Pool
	opts    Options
	postgis bool // events.geom and its GiST index exist
}

var (
	_ sitrep.Store          = (*DB)(nil)
	_ sitrep.BatchPutter    = (*DB)(nil)
	_ sitrep.StatsReader    = (*DB)(nil)
	_ sitrep.PointLister    = (*DB)(nil)
	_ sitrep.RawEventLister = (*DB)(nil)
)

func init() {
	store.Register("postgres", OpenStore)
	store.Register("postgresql", OpenStore)
}

// OpenStore opens the store at a postgres:// or postgresql:// URL. It is
// the backend store.Open calls.
func OpenStore(ctx context.Context, addr string, opts store.Options) (sitrep.Store, error) {
	return Open(ctx, addr, Options{Logger: opts.Logger, ReadOnly: opts.ReadOnly, Ledger: opts.Ledger})
}

// migrateLock is the advisory lock key Migrate holds: the first 8 bytes
// of "sitrep-m" read as an integer, a constant no other lock shares.
const migrateLock int64 = 0x7369747265702d6d

// Open connects to the database at dsn (a postgres:// URL or a key=value
// connection string, as libpq takes them; PG* environment variables fill
// what it leaves out) and applies every migration not yet applied.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	switch opts.PostGIS {
	case "", "auto", "on", "off":
	default:
		return nil, fmt.Errorf("postgres: PostGIS option %q is none of auto, on, off: %w", opts.PostGIS, sitrep.ErrInvalid)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx's message may quote the password; name only the problem.
		return nil, fmt.Errorf("postgres: bad connection string: %w", sitrep.ErrInvalid)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	if opts.MergeKeys == nil {
		opts.MergeKeys = ledgerKeys
	}
	if opts.ReadOnly {
		cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	db := &DB{pool: pool, opts: opts}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect to %s:%d/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	if opts.ReadOnly {
		err = db.checkSchema(ctx)
	} else {
		err = db.Migrate(ctx)
	}
	if err == nil && !db.opts.Ledger {
		// Sticky: a database with joined events keeps joining.
		err = db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM ledger_events)`).Scan(&db.opts.Ledger)
	}
	if err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Pool returns the connection pool, for callers that run their own SQL
// (operations tooling, tests).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// PostGIS reports whether bounding boxes use the PostGIS index.
func (db *DB) PostGIS() bool { return db.postgis }

// Close closes the connection pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// migrations returns the embedded migrations, in version order.
func migrations() ([]schema.Migration, error) { return schema.Load(migrationsFS, "postgres") }

// Migrate applies, in version order, every embedded migration not yet
// applied, each in its own transaction with its row in schema_migrations,
// then the spatial index when PostGIS is there, then the point-list rows
// an older program left out (see fillPoints). It holds an advisory lock
// throughout, so it is safe to call again and from several processes.
// Tables go into the first schema of the connection's search_path.
func (db *DB) Migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return fmt.Errorf("postgres: migrate: lock: %w", err)
	}
	defer func() {
		// A failed unlock leaves the lock to the session's end: destroy
		// the connection rather than return it to the pool holding it.
		if _, err := conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLock); err != nil {
			conn.Conn().Close(context.WithoutCancel(ctx))
		}
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	for _, m := range ms {
		if err := db.apply(ctx, conn.Conn(), m); err != nil {
			return fmt.Errorf("postgres: migration %s: %w", m.Name, err)
		}
	}
	if err := db.spatial(ctx, conn.Conn()); err != nil {
		return fmt.Errorf("postgres: spatial index: %w", err)
	}
	return db.fillPoints(ctx, conn.Conn())
}

// migrationFills are the steps in Go of migrations whose data SQL cannot
// compute, by version: each runs after the migration's SQL, in its
// transaction.
var migrationFills = map[int]func(ctx context.Context, tx pgx.Tx, log *slog.Logger) error{
	4: func(ctx context.Context, tx pgx.Tx, log *slog.Logger) error {
		_, err := fillPoints(ctx, tx, log)
		return err
	},
}

func (db *DB) apply(ctx context.Context, conn *pgx.Conn, m schema.Migration) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var done bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, m.Version).Scan(&done); err != nil {
			return err
		}
		if done {
			return nil
		}
		// The simple protocol runs a file of several statements at once.
		if _, err := tx.Exec(ctx, m.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
			return err
		}
		if fill := migrationFills[m.Version]; fill != nil {
			if err := fill(ctx, tx, db.opts.Logger); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
			return err
		}
		db.opts.Logger.Info("applied migration", "name", m.Name)
		return nil
	})
}

// spatial adds the PostGIS point column and its GiST index when the
// extension is installed or can be created (Options.PostGIS "auto" or
// "on"), and records in db.postgis whether they exist. It is not a
// numbered migration because it depends on the server, not on the
// schema version: a database migrated without PostGIS gets the index on
// the first Open after the extension is installed.
func (db *DB) spatial(ctx context.Context, conn *pgx.Conn) error {
	var hasGeom bool
	const geomQuery = `SELECT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'events' AND column_name = 'geom')`
	if err := conn.QueryRow(ctx, geomQuery).Scan(&hasGeom); err != nil {
		return err
	}
	if db.opts.PostGIS == "off" {
		db.postgis = false
		return nil
	}
	if !hasGeom {
		var installed, available bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis'),
			EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis')`).Scan(&installed, &available); err != nil {
			return err
		}
		if !installed && available {
			if _, err := conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS postgis`); err != nil {
				db.opts.Logger.Info("PostGIS is available but could not be created; bounding boxes use the longitude/latitude index",
					"err", err)
			} else {
				installed = true
			}
		}
		if installed {
			err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
				_, err := tx.Exec(ctx, `ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)
					GENERATED ALWAYS AS (CASE WHEN longitude IS NOT NULL AND latitude IS NOT NULL
						THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END) STORED;
					CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom)`, pgx.QueryExecModeSimpleProtocol)
				return err
			})
			if err != nil {
				return err
			}
			db.opts.Logger.Info("added the PostGIS point index")
			hasGeom = true
		}
	}
	if db.opts.PostGIS == "on" && !hasGeom {
		return errors.New("PostGIS was asked for (on) but the postgis extension is not installed and cannot be created")
	}
	db.postgis = hasGeom
	return nil
}

// checkSchema finds, for a read-only store, that every migration was
// applied and whether the PostGIS column is there.
func (db *DB) checkSchema(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var applied int
	var hasTable, hasGeom bool
	err = db.pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL,
		EXISTS (SELECT 1 FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = 'events' AND column_name = 'geom')`).Scan(&hasTable, &hasGeom)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if !hasTable {
		return fmt.Errorf("postgres: the database has no sitrep schema (ingest or a worker creates it): %w", sitrep.ErrNoStore)
	}
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version <= $1`, ms[len(ms)-1].Version).Scan(&applied); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if applied < len(ms) {
		return fmt.Errorf("postgres: the schema is at an older version (%d of %d migrations): open it once for writing to migrate", applied, len(ms))
	}
	db.postgis = hasGeom && db.opts.PostGIS != "off"
	return nil
}

// ledgerKeys returns the block keys of ev in the claim ledger: those it is
// stored under and those it is compared with.
func ledgerKeys(ev *sitrep.Event) []string {
	index, query := ledger.Blocks(ev)
	return append(index, query...)
}

// Stats returns the number of stored documents and events. It implements
// sitrep.StatsReader.
func (db *DB) Stats(ctx context.Context) (sitrep.StoreStats, error) {
	var s sitrep.StoreStats
	err := db.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)`).Scan(&s.Documents, &s.Events)
	if err != nil {
		return s, fmt.Errorf("postgres: stats: %w", err)
	}
	return s, nil
}

// now is the ingestion time, in PostgreSQL's precision.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
