package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/sqlite"
	"github.com/sitrep-dev/sitrep/storetest"
)

// MustOpen opens a fresh database in a temporary directory.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "sitrep.db"), sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.RunConformance(t, func(t *testing.T) sitrep.Store { return MustOpen(t) })
}

func TestConformance_Memory(t *testing.T) {
	storetest.RunConformance(t, func(t *testing.T) sitrep.Store {
		db, err := sqlite.Open(context.Background(), ":memory:", sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

func TestDB_StatsAndCheck(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	fill(t, db, 50, 10)
	s, err := db.Stats(ctx)
	if err != nil || s != (sqlite.Stats{Documents: 5, Events: 50}) {
		t.Errorf("Stats = %+v, %v", s, err)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestOpen_Twice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "x.db")
	for range 2 {
		db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("SITREP_DATA_DIR", "/d")
	if p, _ := sqlite.DefaultPath(); p != "/d/sitrep.db" {
		t.Errorf("SITREP_DATA_DIR: %s", p)
	}
	t.Setenv("SITREP_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "/x")
	if p, _ := sqlite.DefaultPath(); p != "/x/sitrep/sitrep.db" {
		t.Errorf("XDG_DATA_HOME: %s", p)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/h")
	if p, _ := sqlite.DefaultPath(); p != "/h/.local/share/sitrep/sitrep.db" {
		t.Errorf("HOME: %s", p)
	}
}

func TestDocument_BySource(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	id, err := db.PutDocument(ctx, storetest.Doc("https://example.org/a?b=1", "text"), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.Document(ctx, "https://example.org/a?b=1")
	if err != nil || d.ID != id {
		t.Errorf("by source: %+v, %v", d, err)
	}
}
