package eval

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// BenchOptions configure Bench.
type BenchOptions struct {
	// Repeat is the number of rounds over the corpus; 0 means 3.
	Repeat int
	// Workers is the number of documents run at once; 0 means GOMAXPROCS.
	Workers int
}

// BenchResult holds the figures of Bench. Rates are over every round.
type BenchResult struct {
	Articles   int   `json:"articles"` // per round
	Bytes      int64 `json:"bytes"`    // text bytes per round
	Workers    int   `json:"workers"`
	GOMAXPROCS int   `json:"gomaxprocs"`
	// Build: the time and allocations to build the pipeline (data files,
	// gazetteer), measured apart from the runs.
	BuildSeconds    float64 `json:"build_seconds"`
	BuildAllocBytes uint64  `json:"build_alloc_bytes"`
	// Rounds lists the wall time of each round, in seconds.
	Rounds  []float64 `json:"rounds"`
	Seconds float64   `json:"seconds"` // all rounds
	// Events is the number of events extracted per round.
	Events         int     `json:"events"`
	ArticlesPerSec float64 `json:"articles_per_sec"`
	MBPerSec       float64 `json:"mb_per_sec"` // 10^6 bytes
	// PerCore is ArticlesPerSec divided by the cores in use:
	// min(Workers, GOMAXPROCS).
	PerCore float64 `json:"articles_per_sec_per_core"`
	// CPUSeconds is the CPU time of the whole process during the rounds
	// (user and system, the collector's included; 0 where not measured),
	// and PerCPUSecond the articles per CPU-second: the figure that holds
	// on a machine other processes load, where wall time does not.
	CPUSeconds       float64 `json:"cpu_seconds,omitempty"`
	PerCPUSecond     float64 `json:"articles_per_cpu_second,omitempty"`
	AllocsPerArticle float64 `json:"allocs_per_article"`
	BytesPerArticle  float64 `json:"bytes_per_article"`
}

// Bench builds a pipeline with build and runs its Extract over docs Repeat
// times, measuring wall time and allocations (runtime.MemStats deltas, so
// the whole process's allocations during the runs count).
func Bench(ctx context.Context, build func() (Extractor, error), docs []*sitrep.Document, opts BenchOptions) (*BenchResult, error) {
	repeat := opts.Repeat
	if repeat <= 0 {
		repeat = 3
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	r := &BenchResult{Articles: len(docs), Workers: workers, GOMAXPROCS: runtime.GOMAXPROCS(0)}
	for _, d := range docs {
		r.Bytes += int64(len(d.Text))
	}

	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	t0 := time.Now()
	p, err := build()
	if err != nil {
		return nil, fmt.Errorf("bench: building the pipeline: %w", err)
	}
	r.BuildSeconds = time.Since(t0).Seconds()
	runtime.ReadMemStats(&ms1)
	r.BuildAllocBytes = ms1.TotalAlloc - ms0.TotalAlloc

	runtime.GC()
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	for range repeat {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		t := time.Now()
		r.Events = extractAll(p, docs, workers)
		r.Rounds = append(r.Rounds, time.Since(t).Seconds())
	}
	r.CPUSeconds = (cpuTime() - cpu0).Seconds()
	runtime.ReadMemStats(&ms1)
	for _, s := range r.Rounds {
		r.Seconds += s
	}
	n := float64(len(docs) * repeat)
	if r.Seconds > 0 {
		r.ArticlesPerSec = n / r.Seconds
		r.MBPerSec = float64(r.Bytes) * float64(repeat) / 1e6 / r.Seconds
		r.PerCore = r.ArticlesPerSec / float64(min(workers, r.GOMAXPROCS))
	}
	if r.CPUSeconds > 0 {
		r.PerCPUSecond = n / r.CPUSeconds
	}
	if n > 0 {
		r.AllocsPerArticle = float64(ms1.Mallocs-ms0.Mallocs) / n
		r.BytesPerArticle = float64(ms1.TotalAlloc-ms0.TotalAlloc) / n
	}
	return r, nil
}

// extractAll runs p over docs with the given number of workers and returns
// the number of events.
func extractAll(p Extractor, docs []*sitrep.Document, workers int) int {
	var next, events atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(1, len(docs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				events.Add(int64(len(p.Extract(docs[i]))))
			}
		}()
	}
	wg.Wait()
	return int(events.Load())
}

// WriteBench writes r as text.
func WriteBench(w io.Writer, r *BenchResult) error {
	_, err := fmt.Fprintf(w, `corpus       %d articles, %.2f MB
build        %.3fs, %.1f MB allocated (pipeline data, gazetteer)
rounds       %d: %s
throughput   %.0f articles/s, %.2f MB/s with %d workers
per core     %.0f articles/s (GOMAXPROCS %d)
cpu          %.3fs, %.0f articles per CPU-second
allocations  %.0f allocs/article, %.0f bytes/article
events       %d per round
`,
		r.Articles, float64(r.Bytes)/1e6,
		r.BuildSeconds, float64(r.BuildAllocBytes)/1e6,
		len(r.Rounds), showRounds(r.Rounds),
		r.ArticlesPerSec, r.MBPerSec, r.Workers,
		r.PerCore, r.GOMAXPROCS,
		r.CPUSeconds, r.PerCPUSecond,
		r.AllocsPerArticle, r.BytesPerArticle,
		r.Events)
	return err
}

func showRounds(rs []float64) string {
	s := ""
	for i, v := range rs {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%.3fs", v)
	}
	return s
}
