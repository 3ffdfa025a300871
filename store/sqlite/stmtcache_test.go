package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestStmtCache_Bounded checks that the cache stops growing at its bound
// and that queries beyond it still run.
func TestStmtCache_Bounded(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for n := 1; n <= maxCachedStmts+20; n++ {
		// n types: a query text of its own.
		types := make([]string, n)
		for i := range types {
			types[i] = fmt.Sprintf("type %d", i)
		}
		if _, err := db.EventsJSON(ctx, sitrep.EventFilter{EventType: types}, func([]byte) error { return nil }); err != nil {
			t.Fatalf("%d types: %v", n, err)
		}
	}
	c := db.readStmts()
	c.mu.Lock()
	n := len(c.stmts)
	c.mu.Unlock()
	if n != maxCachedStmts {
		t.Errorf("%d cached statements, want %d", n, maxCachedStmts)
	}
}

// TestStmtCache_Concurrent runs the same few query shapes from many
// goroutines (run with -race).
func TestStmtCache_Concurrent(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			var err error
			for i := 0; i < 40 && err == nil; i++ {
				f := sitrep.EventFilter{Country: "Mali"}
				if (g+i)%2 == 0 {
					f.BBox = &sitrep.BBox{MinLon: 60, MinLat: 29, MaxLon: 75, MaxLat: 39}
				}
				_, err = db.EventsJSON(ctx, f, func([]byte) error { return nil })
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
