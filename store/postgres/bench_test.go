//go:build linux

package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/postgres"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

// BenchmarkPutDocument measures the store alone: documents of about 1 KB
// with three events each, put by 1, 2, 4 and 8 writers at once, each with
// its own connection. Reported per document: the client's CPU.
//
//	go test ./store/postgres -run XXX -bench PutDocument -benchtime 1000x
func BenchmarkPutDocument(b *testing.B) {
	text := ""
	for len(text) < 1000 {
		text += "Officials said forces clashed with militants near the town on Sunday, killing three. "
	}
	for _, n := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("writers=%d", n), func(b *testing.B) {
			db := open(b, postgres.Options{MaxConns: int32(n)})
			ctx := context.Background()
			var next atomic.Int64
			var wg sync.WaitGroup
			cpu0 := cpu()
			b.ResetTimer()
			start := time.Now()
			for range n {
				wg.Go(func() {
					for {
						i := next.Add(1) - 1
						if i >= int64(b.N) {
							return
						}
						src := fmt.Sprintf("put-%06d.txt", i)
						evs := make([]sitrep.Event, 3)
						for j := range evs {
							evs[j] = storetest.Event(src, fmt.Sprintf("%s-%d", src, j), fmt.Sprintf("2024-05-%02d", 1+i%28))
						}
						if _, err := db.PutDocument(ctx, storetest.Doc(src, text), evs); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "docs/s")
			b.ReportMetric(float64((cpu()-cpu0).Microseconds())/float64(b.N), "client-cpu-µs/doc")
		})
	}
}

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
