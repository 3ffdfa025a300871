package ledger

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// synthetic returns the i-th report of a synthetic store: regions
// first-level regions of one country, and dates over weeks weeks, so that
// a block holds about n/(regions*weeks) reports whatever the store's size.
func synthetic(i, regions, weeks int) Report {
	// splitmix64 of i: day, region and town independent of each other.
	h := uint64(i)*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	h = (h ^ h>>30) * 0xBF58476D1CE4E5B9
	h = (h ^ h>>27) * 0x94D049BB133111EB
	h ^= h >> 31
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(h%uint64(weeks*7)))
	r := int(h>>20) % regions
	// Towns 0.5 degrees apart within a region: apart beyond a town's
	// 30 km, so reports join only by chance of the same town and day.
	lat, lon := 30+float64(r%20)+0.5*float64(int(h>>40)%7), 60+float64(r/20)
	d := day.Format(time.DateOnly)
	return Report{
		Published: d,
		Event: sitrep.Event{
			Source: "doc" + strconv.Itoa(i), EventID: "ev" + strconv.Itoa(i),
			EventDate: d, DateFrom: d, TimePrecision: 1,
			EventType: sitrep.Battles, SubEventType: "Armed clash",
			Actor1: "A" + strconv.Itoa(i%13), Actor2: "B" + strconv.Itoa(i%7),
			Country: "Testland", Admin1: "R" + strconv.Itoa(r),
			Latitude: &lat, Longitude: &lon, GeoPrecision: 1,
			People: []sitrep.Person{{Name: "Person " + strconv.Itoa(i), Fate: sitrep.FateKilled}},
		},
	}
}

// BenchmarkPut measures the cost of putting one document's report into a
// ledger of stored events. At a fixed density (reports per region and
// week) the cost must stay flat as the store grows: it depends on the
// block, not on the store.
func BenchmarkPut(b *testing.B) {
	const regions = 400
	sizes := []struct{ stored, perBlock int }{{10_000, 5}, {100_000, 5}, {1_000_000, 5}, {100_000, 50}}
	if testing.Short() {
		sizes = sizes[:2]
	}
	for _, c := range sizes {
		b.Run(fmt.Sprintf("stored=%d/block=%d", c.stored, c.perBlock), func(b *testing.B) {
			weeks := max(1, c.stored/(regions*c.perBlock))
			l := New(DefaultOptions())
			for i := range c.stored {
				r := synthetic(i, regions, weeks)
				if _, err := l.Put(r.Event.Source, []Report{r}); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			compared := 0
			for i := 0; i < b.N; i++ {
				r := synthetic(c.stored+i, regions, weeks)
				_, q := Blocks(&r.Event)
				compared += len(l.candidates(&r, q))
				if _, err := l.Put(r.Event.Source, []Report{r}); err != nil {
					b.Fatal(err)
				}
			}
			// The reports compared per put: the size of the blocks, not
			// of the store.
			b.ReportMetric(float64(compared)/float64(b.N), "compared/op")
			b.ReportMetric(float64(l.Len())/float64(c.stored+b.N), "events/report")
		})
	}
}

// story returns the i-th report of one event told by many documents: the
// same town, day and named victim in every report.
func story(i int) Report {
	lat, lon := 36.7, 67.1
	const d = "2024-03-10"
	return Report{
		Published: d,
		Event: sitrep.Event{
			Source: "story" + strconv.Itoa(i), EventID: "st" + strconv.Itoa(i),
			EventDate: d, DateFrom: d, TimePrecision: 1,
			EventType: sitrep.Battles, SubEventType: "Armed clash",
			Actor1: "A", Actor2: "B", Country: "Testland", Admin1: "R",
			Latitude: &lat, Longitude: &lon, GeoPrecision: 1,
			People: []sitrep.Person{{Name: "Named Victim", Fate: sitrep.FateKilled}},
		},
	}
}

// BenchmarkPutStory measures the cost of one more report of an event that
// many documents already tell. It must grow no faster than the event's
// reports (time/op at reports=800 about 4x that at 200, not 16x).
func BenchmarkPutStory(b *testing.B) {
	for _, n := range []int{50, 200, 800} {
		b.Run(fmt.Sprintf("reports=%d", n), func(b *testing.B) {
			l := New(DefaultOptions())
			for i := range n {
				r := story(i)
				if _, err := l.Put(r.Event.Source, []Report{r}); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// One more document of the story: the event is derived
				// again over all its reports.
				r := story(n + i)
				if _, err := l.Put(r.Event.Source, []Report{r}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
