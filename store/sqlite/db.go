// Package sqlite implements sitrep.Store on an embedded SQLite database
// (modernc.org/sqlite, pure Go): WAL journal, foreign keys, a busy timeout,
// FTS5 over article text and event notes, and a Z-order cell index over
// event points (see package cell).
//
// A DB holds two connection pools on one file: a single writer connection,
// on which every write runs as a BEGIN IMMEDIATE transaction with statements
// prepared once, and a pool of readers, which WAL lets run beside the
// writer.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/internal/schema"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// Options configure a DB.
type Options struct {
	// Logger receives debug messages; nil discards them.
	Logger *slog.Logger
	// BusyTimeout is how long a statement waits for a lock held by another
	// connection or process; 0 means 10 seconds.
	BusyTimeout time.Duration
	// ReadOnly opens an existing database for reading only: no file or
	// directory is created, no migration runs, and writes fail. A missing
	// file is an error wrapping sitrep.ErrNoStore.
	ReadOnly bool
	// Ledger joins the reports of one event told by many documents into
	// one stored event (package ledger): the events table then holds the
	// joined events, each with its sources, claims and derived figures,
	// and EventLedger and SplitEvent work. Without it every document's
	// events are stored as they are.
	Ledger bool
	// Now is the clock of the ledger's history; nil is time.Now.
	Now func() time.Time
}

// DB is a sitrep.Store in one SQLite file. It is safe for concurrent use.
type DB struct {
	path    string
	opts    Options
	writer  *sql.DB // one connection: SQLite has one writer at a time
	reader  *sql.DB // a pool; the same as writer for an in-memory database
	stmts   *writeStmts
	reads   *stmtCache // prepared statements of the reader pool
	version versionConn
}

var _ sitrep.Store = (*DB)(nil)

func init() { store.Register("sqlite", OpenStore) }

// OpenStore opens the database of a store address: a file path,
// "sqlite:PATH" or "sqlite://PATH". It is the backend store.Open calls.
func OpenStore(ctx context.Context, addr string, opts store.Options) (sitrep.Store, error) {
	path := addr
	if p, ok := strings.CutPrefix(addr, "sqlite:"); ok {
		path = strings.TrimPrefix(p, "//")
	}
	return Open(ctx, path, Options{Logger: opts.Logger, ReadOnly: opts.ReadOnly, Ledger: opts.Ledger})
}

// Open opens the database at path, creating the file and its directory if
// needed, and applies any migration not yet applied. path ":memory:" opens a
// private in-memory database. With opts.ReadOnly the file must exist and
// be migrated already.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = 10 * time.Second
	}
	if path == "" {
		return nil, fmt.Errorf("sqlite: empty database path: %w", sitrep.ErrInvalid)
	}
	memory := path == ":memory:"
	if opts.ReadOnly {
		return openReadOnly(ctx, path, opts)
	}
	if !memory {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
	}
	db := &DB{path: path, opts: opts, reads: &stmtCache{stmts: map[string]*sql.Stmt{}}}
	var err error
	if db.writer, err = sql.Open("sqlite", dsn(path, opts, true)); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.writer.SetMaxOpenConns(1)
	db.writer.SetConnMaxIdleTime(0)
	db.writer.SetConnMaxLifetime(0)
	if memory {
		db.reader = db.writer
	} else {
		if db.reader, err = sql.Open("sqlite", dsn(path, opts, false)); err != nil {
			db.writer.Close()
			return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
		}
		n := max(4, runtime.GOMAXPROCS(0))
		db.reader.SetMaxOpenConns(n)
		db.reader.SetMaxIdleConns(n)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.fillPoints(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if db.stmts, err = prepareWriteStmts(ctx, db.writer); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.stickyLedger(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// stickyLedger turns Options.Ledger on for a database whose reports
// have been joined: a store is either joined throughout or not at all.
func (db *DB) stickyLedger(ctx context.Context) error {
	if db.opts.Ledger {
		return nil
	}
	var n int
	err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM ledger_events LIMIT 1)`).Scan(&n)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	db.opts.Ledger = n > 0
	return nil
}

// openReadOnly opens the reader pool of an existing, migrated database.
func openReadOnly(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == ":memory:" {
		return nil, fmt.Errorf("sqlite: an in-memory database is empty when opened: %w", sitrep.ErrNoStore)
	}
	if fi, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("sqlite: %s does not exist (ingest creates it): %w", path, sitrep.ErrNoStore)
		}
		return nil, fmt.Errorf("sqlite: %w", err)
	} else if fi.IsDir() {
		return nil, fmt.Errorf("sqlite: %s is a directory, not a database file: %w", path, sitrep.ErrNoStore)
	}
	db := &DB{path: path, opts: opts, reads: &stmtCache{stmts: map[string]*sql.Stmt{}}}
	var err error
	if db.reader, err = sql.Open("sqlite", dsn(path, opts, false)); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	db.reader.SetMaxOpenConns(n)
	db.reader.SetMaxIdleConns(n)
	ms, err := migrations()
	if err != nil {
		db.Close()
		return nil, err
	}
	var version int
	if err := db.reader.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s is not a sitrep database: %w", path, err)
	}
	if latest := ms[len(ms)-1].Version; version < latest {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s has schema version %d, this program needs %d: open it once for writing (sitrep ingest) to migrate it", path, version, latest)
	}
	if err := db.stickyLedger(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// errReadOnly is returned by writes to a database opened read-only.
var errReadOnly = errors.New("sqlite: database opened read-only")

// dsn returns the driver's data source name: pragmas run on every new
// connection.
func dsn(path string, opts Options, write bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(opts.BusyTimeout.Milliseconds(), 10)+")")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-32768)")
	// Statement journals and temporary indexes stay in memory.
	q.Add("_pragma", "temp_store(2)")
	if path != ":memory:" {
		// Reads through a memory map, not a read call per page.
		q.Add("_pragma", "mmap_size(1073741824)")
	}
	if opts.ReadOnly {
		// No file is created, and the journal mode is the file's own.
		q.Add("mode", "ro")
	} else if path != ":memory:" {
		q.Add("_pragma", "journal_mode(WAL)")
		// NORMAL in WAL mode: a process crash loses no committed
		// transaction; a power loss may lose the last few.
		q.Add("_pragma", "synchronous(NORMAL)")
		// Checkpoint (and fsync) every ~40 MB of WAL rather than every 4 MB.
		q.Add("_pragma", "wal_autocheckpoint(10000)")
	}
	if write {
		// Writers take the write lock when the transaction begins, so two
		// processes never deadlock upgrading a read lock.
		q.Add("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	if path == ":memory:" {
		return ":memory:?" + q.Encode()
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.writer != nil {
		// Refresh the planner's statistics where they have drifted; cheap
		// when nothing changed.
		if _, err := db.writer.Exec(`PRAGMA optimize`); err != nil {
			db.opts.Logger.Debug("optimize failed", "err", err)
		}
	}
	if db.stmts != nil {
		errs = append(errs, db.stmts.close())
	}
	if db.reads != nil {
		db.reads.closeAll()
	}
	errs = append(errs, db.version.close())
	if db.reader != nil && db.reader != db.writer {
		errs = append(errs, db.reader.Close())
	}
	if db.writer != nil {
		errs = append(errs, db.writer.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

// migrations returns the embedded migrations, in version order.
func migrations() ([]schema.Migration, error) { return schema.Load(migrationsFS, "sqlite") }

// Migrate applies, in version order, every embedded migration not yet
// applied, each in its own transaction together with its record in
// schema_migrations. It is safe to call again and from several processes.
func (db *DB) Migrate(ctx context.Context) error {
	if db.writer == nil {
		return errReadOnly
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := db.writer.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	for _, m := range ms {
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// migrationFills are the steps in Go of migrations whose data SQL cannot
// compute, by version: each runs after the migration's SQL, in its
// transaction.
var migrationFills = map[int]func(ctx context.Context, tx *sql.Tx, log *slog.Logger) error{
	6: func(ctx context.Context, tx *sql.Tx, log *slog.Logger) error {
		_, err := fillPoints(ctx, tx, log)
		return err
	},
	// 0008 leaves every day dirty; 0009 adds their compressed form and
	// joins them.
	9: func(ctx context.Context, tx *sql.Tx, _ *slog.Logger) error { return joinDays(ctx, tx, nil) },
}

func (db *DB) apply(ctx context.Context, m schema.Migration) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if fill := migrationFills[m.Version]; fill != nil {
		if err := fill(ctx, tx, db.opts.Logger); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	db.opts.Logger.Debug("applied migration", "name", m.Name, "db", db.path)
	return tx.Commit()
}
