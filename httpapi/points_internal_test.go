package httpapi

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// countLister lists n points, then fails with err (nil for none).
type countLister struct {
	n   int
	err error
}

func (c countLister) EventPoints(ctx context.Context, f sitrep.EventFilter, fn func(sitrep.EventPoint) error) error {
	for i := range c.n {
		if err := fn(sitrep.EventPoint{ID: "e", Fatalities: i}); err != nil {
			return err
		}
	}
	return c.err
}

func TestPipePoints(t *testing.T) {
	stop := errors.New("stop")
	broken := errors.New("store broke")
	tests := []struct {
		name    string
		lister  countLister
		stopAt  int // add fails at this point; -1 never
		want    int // points added
		wantErr error
	}{
		{"None", countLister{n: 0}, -1, 0, nil},
		{"OneBatch", countLister{n: 10}, -1, 10, nil},
		{"ExactBatches", countLister{n: 3 * pointBatch}, -1, 3 * pointBatch, nil},
		{"ManyBatches", countLister{n: 10*pointBatch + 7}, -1, 10*pointBatch + 7, nil},
		{"StopEarly", countLister{n: 10 * pointBatch}, 5, 5, stop},
		{"StopLate", countLister{n: 10 * pointBatch}, 7*pointBatch + 3, 7*pointBatch + 3, stop},
		{"StoreFails", countLister{n: 2*pointBatch + 1, err: broken}, -1, 2 * pointBatch, broken},
		{"StoreFailsAtOnce", countLister{err: broken}, -1, 0, broken},
	}
	before := runtime.NumGoroutine()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := 0
			err := pipePoints(context.Background(), tc.lister, sitrep.EventFilter{}, func(p sitrep.EventPoint) error {
				if got == tc.stopAt {
					return stop
				}
				if p.Fatalities != got {
					t.Fatalf("point %d out of order (%d)", got, p.Fatalities)
				}
				got++
				return nil
			})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Errorf("error %v, want %v", err, tc.wantErr)
			}
			// A failing store may lose the last partial batch; every
			// point before it arrives.
			if got != tc.want {
				t.Errorf("%d points, want %d", got, tc.want)
			}
		})
	}
	// Every listing goroutine has ended.
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines, %d before", n, before)
	}
}
