package date_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/date"
)

func TestZZCorpus(t *testing.T) {
	for _, path := range []string{os.Getenv("CORPUS")} {
		f, err := os.Open(path)
		if err != nil {
			t.Skip()
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var d struct{ ID, Text string }
			json.Unmarshal(sc.Bytes(), &d)
			ref := time.Date(2019, 10, 20, 0, 0, 0, 0, time.UTC)
			r, ok := date.InferReference(d.Text, sitrep.Span{}, time.Now())
			if ok {
				fmt.Printf("## %s inferred %s\n", d.ID, r.Format("2006-01-02"))
			}
			for _, e := range date.Find(d.Text, sitrep.Span{}, ref) {
				lo, hi := max(0, e.Start-25), min(len(d.Text), e.End+25)
				fmt.Printf("%-28q %-22s p%d | %q\n", d.Text[e.Start:e.End], e.Value, e.Precision, d.Text[lo:hi])
			}
		}
	}
}
