package pipeline_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// conflictRecord is a hand-coded ACLED event of a testdata/conflict
// article: what a careful coder writes, following the codebook (one event
// per actor pair, location and day; background and history are not
// events).
type conflictRecord struct {
	EventDate    string `json:"event_date"`
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
	Location     string `json:"location"`
	Fatalities   int    `json:"fatalities"`
}

// conflictArticles are the testdata/conflict articles with the day each
// was published (the day after its dateline). Held-out articles were
// written with the others but are never studied to write rules: they give
// the figure to report, as unseen text would.
var conflictArticles = []struct {
	file      string
	published sitrep.Day
	heldOut   bool
}{
	{"mogadishu-hotel.txt", sitrep.NewDay(2024, 2, 13), false},
	{"kharkiv-store.txt", sitrep.NewDay(2024, 5, 26), false},
	{"djibo-post.txt", sitrep.NewDay(2023, 8, 7), false},
	{"pulekhumri-mosque.txt", sitrep.NewDay(2023, 10, 14), true},
	{"monywa-airstrike.txt", sitrep.NewDay(2024, 3, 8), true},
	{"ariha-market.txt", sitrep.NewDay(2023, 11, 7), true},
	{"gwoza-raid.txt", sitrep.NewDay(2024, 6, 15), false},
	{"peshawar-traders.txt", sitrep.NewDay(2023, 10, 4), false},
	{"hodeidah-strikes.txt", sitrep.NewDay(2024, 2, 5), false},
	{"kunduz-checkpoint.txt", sitrep.NewDay(2024, 7, 10), false},
	{"kupwara-encounter.txt", sitrep.NewDay(2023, 11, 14), false},
	{"culiacan-ambush.txt", sitrep.NewDay(2024, 8, 22), false},
	{"jowhar-base.txt", sitrep.NewDay(2024, 3, 19), true},
	{"fasher-market.txt", sitrep.NewDay(2024, 9, 10), true},
}

// TestConflictArticles scores the pipeline on whole conflict articles of
// our own writing against hand-coded events: events written against
// expected and strict matches (type, place and date all equal), the
// measure of issue 11's "full conflict articles" row. The floors keep the
// precision won here; the held-out half is logged, not tuned to.
func TestConflictArticles(t *testing.T) {
	p := mustPipeline(t)
	var tot [2]struct{ written, want, match int }
	for _, a := range conflictArticles {
		f := filepath.Join("testdata", "conflict", a.file)
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := readConflict(t, strings.TrimSuffix(f, ".txt")+".expected.jsonl")
		doc := &sitrep.Document{ID: a.file, Text: string(text), Published: a.published}
		evs := p.Extract(doc)
		used := make([]bool, len(want))
		match := 0
		for _, ev := range evs {
			checkEvidence(t, doc.Text, ev)
			hit := false
			for i, w := range want {
				if !used[i] && w.EventType == ev.EventType && w.Location == ev.Location && w.EventDate == ev.EventDate {
					used[i], hit = true, true
					match++
					break
				}
			}
			// Held-out articles give their counts only: their events are
			// not for study.
			if a.heldOut {
				continue
			}
			mark := " "
			if hit {
				mark = "+"
			}
			t.Logf("%s %s %s %s / %s @ %s (%d)", a.file, mark, ev.EventDate, ev.EventType, ev.SubEventType, ev.Location, ev.Fatalities)
		}
		h := 0
		if a.heldOut {
			h = 1
		}
		tot[h].written += len(evs)
		tot[h].want += len(want)
		tot[h].match += match
		t.Logf("%s: written %d, expected %d, strict matches %d", a.file, len(evs), len(want), match)
	}
	f1 := func(w, g, m int) float64 {
		if w+g == 0 {
			return 1
		}
		return 2 * float64(m) / float64(w+g)
	}
	for h, name := range []string{"tune", "held-out"} {
		s := tot[h]
		t.Logf("%s: written %d, expected %d, strict matches %d, strict F1 %.3f", name, s.written, s.want, s.match, f1(s.written, s.want, s.match))
	}
	if got := f1(tot[0].written, tot[0].want, tot[0].match); got < conflictFloor {
		t.Errorf("strict F1 on the tuning articles %.3f, below the floor %.3f", got, conflictFloor)
	}
}

// conflictFloor is the strict F1 the tuning articles must keep.
const conflictFloor = 0.82

func readConflict(t *testing.T, path string) []conflictRecord {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []conflictRecord
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r conflictRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
