package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/sqlite"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

var countries = []string{"Afghanistan", "Mali", "Somalia", "Syria", "Ukraine", "Sudan", "Myanmar", "Nigeria"}

// synthEvent returns a varied event number i of document doc.
func synthEvent(doc string, i int) sitrep.Event {
	e := storetest.Event(doc, fmt.Sprintf("%s-%d", doc, i), fmt.Sprintf("20%02d-%02d-%02d", 15+i%10, 1+i%12, 1+i%28))
	e.Country = countries[i%len(countries)]
	e.Admin1 = fmt.Sprintf("Province %d", i%40)
	lat, lon := float64(i%170)-85+0.5, float64(i%350)-175+0.25
	e.Latitude, e.Longitude = &lat, &lon
	switch i % 4 {
	case 1:
		e.EventType, e.SubEventType = sitrep.ExplosionsRemote, "Air/drone strike"
	case 2:
		e.EventType, e.SubEventType = sitrep.Protests, "Peaceful protest"
	case 3:
		e.Verification = sitrep.Reported
	}
	return e
}

// fill stores n events, perDoc to a document.
func fill(tb testing.TB, db *sqlite.DB, n, perDoc int) {
	tb.Helper()
	ctx := context.Background()
	evs := make([]sitrep.Event, 0, perDoc)
	for d := 0; d*perDoc < n; d++ {
		src := fmt.Sprintf("doc-%06d", d)
		evs = evs[:0]
		for i := range perDoc {
			evs = append(evs, synthEvent(src, d*perDoc+i))
		}
		if _, err := db.PutDocument(ctx, storetest.Doc(src, "Article text for "+src+" about clashes and strikes."), evs); err != nil {
			tb.Fatal(err)
		}
	}
}

// reportRate reports events/s and, where the CPU time is known, events
// per CPU second since cpu0.
func reportRate(b *testing.B, events int, cpu0 time.Duration) {
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	if cpu := cpuTime() - cpu0; cpu0 > 0 && cpu > 0 {
		b.ReportMetric(float64(events)/cpu.Seconds(), "events/cpu-s")
	}
}

// BenchmarkPutDocument measures ingest throughput: events/s into a file
// database, for documents of a few and of many events.
func BenchmarkPutDocument(b *testing.B) {
	for _, perDoc := range []int{5, 50} {
		b.Run(fmt.Sprintf("events=%d", perDoc), func(b *testing.B) {
			db := MustOpen(b)
			ctx := context.Background()
			evs := make([]sitrep.Event, perDoc)
			b.ReportAllocs()
			n := 0
			cpu0 := cpuTime()
			for b.Loop() {
				src := fmt.Sprintf("doc-%06d", n)
				for i := range evs {
					evs[i] = synthEvent(src, n*perDoc+i)
				}
				if _, err := db.PutDocument(ctx, storetest.Doc(src, "Article text for "+src), evs); err != nil {
					b.Fatal(err)
				}
				n++
			}
			reportRate(b, n*perDoc, cpu0)
		})
	}
}

// BenchmarkEvents measures filtered queries over 100,000 stored events.
func BenchmarkEvents(b *testing.B) {
	db := MustOpen(b)
	fill(b, db, 100_000, 20)
	filters := map[string]sitrep.EventFilter{
		"All":         {},
		"Country":     {Country: "Mali"},
		"DateRange":   {From: sitrep.NewDay(2019, 3, 1), To: sitrep.NewDay(2019, 6, 30)},
		"TypeCountry": {EventType: []string{sitrep.Protests}, Country: "Sudan"},
		"Actor":       {Actor: "Islamic State Khorasan Province", Country: "Syria"},
		"BBox":        {BBox: &sitrep.BBox{MinLon: 60, MinLat: 29, MaxLon: 75, MaxLat: 39}},
		"Query":       {Query: "strikes", Country: "Ukraine"},
		"Rare":        {Admin1: "Province 7", Verification: []string{sitrep.Reported}, From: sitrep.NewDay(2020, 1, 1)},
	}
	for name, f := range filters {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := db.Events(context.Background(), f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPutDocuments measures bulk loading: many small documents per
// transaction, each still whole or absent.
func BenchmarkPutDocuments(b *testing.B) {
	const perDoc = 5
	for _, docs := range []int{10, 100} {
		b.Run(fmt.Sprintf("docs=%d/events=%d", docs, perDoc), func(b *testing.B) {
			db := MustOpen(b)
			ctx := context.Background()
			batch := make([]sitrep.DocumentEvents, docs)
			b.ReportAllocs()
			n := 0
			cpu0 := cpuTime()
			for b.Loop() {
				for d := range batch {
					src := fmt.Sprintf("doc-%07d", n)
					evs := make([]sitrep.Event, perDoc)
					for i := range evs {
						evs[i] = synthEvent(src, n*perDoc+i)
					}
					batch[d] = sitrep.DocumentEvents{Doc: storetest.Doc(src, "Article text for "+src), Events: evs}
					n++
				}
				if _, err := db.PutDocuments(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			reportRate(b, n*perDoc, cpu0)
		})
	}
}
