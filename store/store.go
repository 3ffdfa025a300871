// Package store opens a sitrep.Store by its address, the --db flag of
// the commands. The backends live in the folders below this one, each a
// sitrep.Store that passes the suite of store/storetest, and each
// registers the address schemes it serves in its init function:
//
//	store/sqlite      a file path, "sqlite:PATH" or ":memory:"
//	store/postgres    "postgres://..." or "postgresql://..." (a shared store)
//	store/memstore    an in-memory store for tests (not registered)
//
// A program picks the backends it offers by importing them (cmd/sitrep
// does so in backends.go); a new backend is its own folder plus one
// import line there.
package store

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep"
)

// Options configure the opening of a store.
type Options struct {
	// Logger receives the backend's debug messages; nil discards them.
	Logger *slog.Logger
	// ReadOnly opens an existing store for reading only: nothing is
	// created or migrated, and a store that does not exist is an error
	// wrapping sitrep.ErrNoStore.
	ReadOnly bool
	// Ledger asks for a store that joins the reports of one event told
	// by many documents (package ledger; sitrep.LedgerStore). A store that
	// has joined reports keeps doing so whether asked or not. Backends
	// that cannot ignore it.
	Ledger bool
}

// OpenFunc opens the store at addr, the address exactly as given to Open.
type OpenFunc func(ctx context.Context, addr string, opts Options) (sitrep.Store, error)

// FileScheme is the scheme of addresses that name a file: a path with no
// registered scheme goes to the backend registered under it.
const FileScheme = "sqlite"

var (
	mu       sync.RWMutex
	backends = map[string]OpenFunc{}
)

// Register makes a backend available under scheme (e.g. "postgres" for
// "postgres://..."), in lower case. Registering a scheme twice panics: it
// is a programming error.
func Register(scheme string, open OpenFunc) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := backends[scheme]; dup {
		panic("store: backend " + scheme + " registered twice")
	}
	backends[scheme] = open
}

// Schemes returns the registered schemes, sorted.
func Schemes() []string {
	mu.RLock()
	defer mu.RUnlock()
	var out []string
	for s := range backends {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// Open opens the store at addr: "SCHEME:..." goes to the backend
// registered under SCHEME, anything else (a file path) to the backend of
// FileScheme. "" is DefaultAddr.
func Open(ctx context.Context, addr string, opts Options) (sitrep.Store, error) {
	if addr == "" {
		a, err := DefaultAddr()
		if err != nil {
			return nil, err
		}
		addr = a
	}
	mu.RLock()
	open, ok := backends[scheme(addr)]
	if !ok {
		open, ok = backends[FileScheme]
	}
	mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("store: no backend for %q (compiled in: %s)", Redact(addr), strings.Join(Schemes(), ", "))
	}
	return open(ctx, addr, opts)
}

// scheme returns the scheme of addr, "" when it has none. A one-letter
// scheme is a Windows drive ("C:\...").
func scheme(addr string) string {
	s, _, ok := strings.Cut(addr, ":")
	if !ok || len(s) < 2 {
		return ""
	}
	for i, r := range s {
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		if !letter && (i == 0 || !('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return ""
		}
	}
	return strings.ToLower(s)
}

// Redact returns addr with any password replaced by "xxxxx", for messages.
func Redact(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.User != nil {
		return u.Redacted()
	}
	return addr
}

// Environment variables that choose the default store.
const (
	EnvDB      = "SITREP_DB" // a store address, as --db takes it
	EnvDataDir = "SITREP_DATA_DIR"
	envXDGData = "XDG_DATA_HOME"
)

// DefaultAddr returns the default store: $SITREP_DB when set (a
// postgres:// URL for workers and servers sharing one store), else the
// file sitrep.db in $SITREP_DATA_DIR, else in $XDG_DATA_HOME/sitrep, else
// in ~/.local/share/sitrep.
func DefaultAddr() (string, error) {
	if a := os.Getenv(EnvDB); a != "" {
		return a, nil
	}
	if d := os.Getenv(EnvDataDir); d != "" {
		return filepath.Join(d, "sitrep.db"), nil
	}
	if d := os.Getenv(envXDGData); d != "" {
		return filepath.Join(d, "sitrep", "sitrep.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("store: default path: %w", err)
	}
	return filepath.Join(cmp.Or(home, "."), ".local", "share", "sitrep", "sitrep.db"), nil
}
