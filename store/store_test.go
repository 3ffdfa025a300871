package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/memstore"
	_ "github.com/sitrep-dev/sitrep/store/sqlite"
)

// opened records the addresses the test backend was asked to open.
var opened []string

func init() {
	store.Register("teststore", func(_ context.Context, addr string, _ store.Options) (sitrep.Store, error) {
		opened = append(opened, addr)
		return memstore.New(), nil
	})
}

func TestOpen_ChoosesByScheme(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, addr := range []string{
		filepath.Join(dir, "a.db"),
		"sqlite:" + filepath.Join(dir, "b.db"),
		"sqlite://" + filepath.Join(dir, "c.db"),
		":memory:",
	} {
		st, err := store.Open(ctx, addr, store.Options{})
		if err != nil {
			t.Fatalf("Open(%q): %v", addr, err)
		}
		if _, ok := st.(sitrep.BatchPutter); !ok {
			t.Errorf("Open(%q) = %T, want the sqlite store", addr, st)
		}
		st.Close()
	}
	for _, addr := range []string{"teststore://host/db", "TestStore:x"} {
		st, err := store.Open(ctx, addr, store.Options{})
		if err != nil {
			t.Fatalf("Open(%q): %v", addr, err)
		}
		st.Close()
	}
	if !slices.Equal(opened, []string{"teststore://host/db", "TestStore:x"}) {
		t.Errorf("test backend opened %q", opened)
	}
}

func TestOpen_ReadOnlyMissing(t *testing.T) {
	_, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "none", "x.db"), store.Options{ReadOnly: true})
	if !errors.Is(err, sitrep.ErrNoStore) {
		t.Errorf("Open(missing, ReadOnly) = %v, want ErrNoStore", err)
	}
}

func TestOpen_Default(t *testing.T) {
	t.Setenv(store.EnvDataDir, t.TempDir())
	st, err := store.Open(context.Background(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}

func TestDefaultAddr(t *testing.T) {
	t.Setenv(store.EnvDB, "postgres://db.example/sitrep")
	t.Setenv(store.EnvDataDir, "/d")
	if p, _ := store.DefaultAddr(); p != "postgres://db.example/sitrep" {
		t.Errorf("SITREP_DB: %s", p)
	}
	t.Setenv(store.EnvDB, "")
	if p, _ := store.DefaultAddr(); p != "/d/sitrep.db" {
		t.Errorf("SITREP_DATA_DIR: %s", p)
	}
	t.Setenv(store.EnvDataDir, "")
	t.Setenv("XDG_DATA_HOME", "/x")
	if p, _ := store.DefaultAddr(); p != "/x/sitrep/sitrep.db" {
		t.Errorf("XDG_DATA_HOME: %s", p)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/h")
	if p, _ := store.DefaultAddr(); p != "/h/.local/share/sitrep/sitrep.db" {
		t.Errorf("HOME: %s", p)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://sitrep:secret@db.example:5432/sitrep": "postgres://sitrep:xxxxx@db.example:5432/sitrep",
		"/var/lib/sitrep/sitrep.db":                       "/var/lib/sitrep/sitrep.db",
		"sqlite:x.db":                                     "sqlite:x.db",
	} {
		if got := store.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegister_Twice(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("registering a scheme twice did not panic")
		}
	}()
	store.Register("sqlite", nil)
}
