//go:build linux

package queue

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/queue/natstest"
	"github.com/sitrep-dev/sitrep/store/postgres"
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
)

// BenchmarkWorkers measures documents per second through the queue with
// 1, 2, 4 and 8 workers (each its own NATS connection and store pool, as
// separate processes would have, handling one document at a time) on the
// real pipeline, storing into one PostgreSQL. b.N documents are queued
// first (not timed); the time is from the workers' start to the last
// commit. Reported per document: CPU of this process (pipeline, workers,
// the embedded NATS server) and of the PostgreSQL server's processes.
//
//	go test ./queue -run XXX -bench Workers -benchtime 400x
func BenchmarkWorkers(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "examples", "nangarhar-raid.txt"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	// "none" stands the pipeline down (three invented events a document)
	// to show what the queue and the store cost alone.
	for _, c := range []struct {
		name string
		ex   Extractor
	}{{"pipeline", p}, {"none", &extractor{}}} {
		for _, n := range []int{1, 2, 4, 8} {
			b.Run(fmt.Sprintf("extract=%s/workers=%d", c.name, n), func(b *testing.B) { benchWorkers(b, c.ex, n, text) })
		}
	}
}

func benchWorkers(b *testing.B, ex Extractor, n int, text []byte) {
	{
		srv := natstest.Server(b)
		dsn := pgtest.DSN(b)
		ctx := context.Background()
		pub, err := Connect(ctx, srv.ClientURL(), Config{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer pub.Close()
		for i := range b.N {
			doc := &sitrep.Document{ID: fmt.Sprintf("bench-%06d.txt", i), Text: string(text),
				Published: sitrep.NewDay(2023, 3, 27)}
			if _, err := pub.Publish(ctx, doc); err != nil {
				b.Fatal(err)
			}
		}
		var stats Stats
		var workers []*Worker
		for range n {
			q, err := Connect(ctx, srv.ClientURL(), Config{}, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer q.Close()
			db, err := postgres.Open(ctx, dsn, postgres.Options{MaxConns: 2})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			workers = append(workers, &Worker{Queue: q, Store: db, Extract: ex, Stats: &stats})
		}
		runCtx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		cpu0, pg0 := selfCPU(), postgresCPU()
		b.ResetTimer()
		start := time.Now()
		for _, w := range workers {
			wg.Go(func() { w.Run(runCtx) })
		}
		for stats.Stored.Load() < int64(b.N) {
			time.Sleep(time.Millisecond)
		}
		elapsed := time.Since(start)
		b.StopTimer()
		cpu1, pg1 := selfCPU(), postgresCPU()
		cancel()
		wg.Wait()
		b.ReportMetric(float64(b.N)/elapsed.Seconds(), "docs/s")
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/float64(b.N), "cpu-µs/doc")
		if pg0 >= 0 && pg1 >= 0 {
			b.ReportMetric(float64((pg1-pg0).Microseconds())/float64(b.N), "pg-cpu-µs/doc")
		}
		b.ReportMetric(float64(stats.Events.Load())/float64(b.N), "events/doc")
	}
}

// selfCPU returns the user and system CPU time of this process.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// postgresCPU returns the CPU time of every process named postgres on
// this machine (the test server's), from /proc; -1 where there is none.
func postgresCPU() time.Duration {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return -1
	}
	var ticks int64
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < open || s[open+1:close] != "postgres" {
			continue
		}
		f := strings.Fields(s[close+1:])
		if len(f) < 13 {
			continue
		}
		// Fields 14 and 15 of stat (utime, stime), counted from the state.
		u, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		ticks += u + st
	}
	return time.Duration(ticks) * (time.Second / 100) // USER_HZ is 100 on Linux
}
