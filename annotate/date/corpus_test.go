package date_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

var dump = flag.Bool("dump", false, "print every expression found in the shared corpora, for review")

// TestCorpora runs Find and InferReference over the real news texts in
// ../shared/gold (skipped when absent): every expression must lie inside
// the text with a consistent range. With -dump it prints them all.
func TestCorpora(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/gold/*.jsonl")
	more, _ := filepath.Glob("../../../shared/gold/places/*.jsonl")
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("shared gold corpora not available")
	}
	ref := time.Date(2019, 10, 20, 0, 0, 0, 0, time.UTC)
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 1<<24)
			docs, exprs, inferred := 0, 0, 0
			for sc.Scan() {
				var d struct {
					ID   string `json:"id"`
					Text string `json:"text"`
				}
				if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				docs++
				if r, ok := date.InferReference(d.Text, sitrep.Span{}, now); ok {
					inferred++
					if r.After(now) {
						t.Errorf("%s: reference %v after now", d.ID, r)
					}
				}
				for _, e := range date.Find(d.Text, sitrep.Span{}, ref) {
					exprs++
					if e.Start < 0 || e.End > len(d.Text) || e.Start >= e.End || e.To.Before(e.From) || e.From.IsZero() != e.To.IsZero() {
						t.Errorf("%s: bad expression %+v", d.ID, e)
						continue
					}
					if *dump {
						lo, hi := max(0, e.Start-30), min(len(d.Text), e.End+30)
						fmt.Printf("%-30q %-24s p%d | %q\n", d.Text[e.Start:e.End], e.Value, e.Precision, d.Text[lo:hi])
					}
				}
			}
			if err := sc.Err(); err != nil {
				t.Fatal(err)
			}
			t.Logf("%d documents, %d expressions, %d references inferred", docs, exprs, inferred)
		})
	}
}
