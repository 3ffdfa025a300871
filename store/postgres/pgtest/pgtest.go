// Package pgtest gives tests a private PostgreSQL schema on the server
// named by $SITREP_TEST_POSTGRES, and skips them when it is not set.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the environment variable holding the test server's URL,
// for example postgres://postgres@127.0.0.1:54329/sitrep_test (.ci/postgres
// starts such a server and prints it).
const EnvURL = "SITREP_TEST_POSTGRES"

var extensionsOnce sync.Once

// DSN returns the URL of a fresh, empty schema on the test server (its
// search_path is the schema, then public, where the extensions live),
// dropped when tb ends. Without $SITREP_TEST_POSTGRES it skips tb.
func DSN(tb testing.TB) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn, drop, err := Schema(ctx, Base(tb))
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() {
		if err := drop(); err != nil {
			tb.Logf("pgtest: %v", err)
		}
	})
	return dsn
}

// Schema creates a fresh, empty schema on the server at base (a
// postgres:// URL) and returns the URL of it and a function that drops
// it, for fixtures that outlive one test (call drop from TestMain).
func Schema(ctx context.Context, base string) (dsn string, drop func() error, err error) {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, fmt.Errorf("connect to $%s: %w", EnvURL, err)
	}
	defer conn.Close(ctx)
	// The extensions the store uses, once, in public, where every test
	// schema finds them, so that no test creates one in its own schema
	// (and drops it, and what depends on it, with the schema).
	extensionsOnce.Do(func() {
		for _, ext := range []string{"postgis", "unaccent"} {
			var available bool
			if conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = $1)`, ext).Scan(&available) == nil && available {
				// Not fatal: the store then does without.
				conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS `+ext+` SCHEMA public`)
			}
		}
	})
	b := make([]byte, 6)
	rand.Read(b)
	schema := "sitrep_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		return "", nil, err
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", nil, fmt.Errorf("$%s must be a postgres:// URL", EnvURL)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	drop = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return fmt.Errorf("drop schema %s: %w", schema, err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			return fmt.Errorf("drop schema %s: %w", schema, err)
		}
		return nil
	}
	return u.String(), drop, nil
}

// Base returns $SITREP_TEST_POSTGRES, or skips tb when it is not set.
func Base(tb testing.TB) string {
	tb.Helper()
	base := strings.TrimSpace(os.Getenv(EnvURL))
	if base == "" {
		tb.Skipf("no PostgreSQL for tests: set $%s to a postgres:// URL (bash .ci/postgres starts a server and prints one)", EnvURL)
	}
	return base
}
