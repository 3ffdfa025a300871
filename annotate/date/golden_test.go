package date_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenExpr is the JSON form of an expression in a golden file.
type goldenExpr struct {
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	From      string `json:"from,omitempty"`
	To        string `json:"to,omitempty"`
	Precision int    `json:"precision"`
	Value     string `json:"value"`
	Absolute  bool   `json:"absolute,omitempty"`
	Type      string `json:"type"`
	NoEvent   bool   `json:"no_event_date,omitempty"`
}

type golden struct {
	Reference string       `json:"reference"`
	Inferred  bool         `json:"inferred"`
	Exprs     []goldenExpr `json:"exprs"`
}

// TestGolden runs InferReference and Find on each testdata/*.txt and
// compares the result with its .golden.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			ref, ok := date.InferReference(text, sitrep.Span{}, now)
			g := golden{Reference: fmtDay(ref), Inferred: ok}
			for _, e := range date.Find(text, sitrep.Span{}, ref) {
				g.Exprs = append(g.Exprs, goldenExpr{
					Text: text[e.Start:e.End], Start: e.Start, End: e.End,
					From: fmtDay(e.From), To: fmtDay(e.To),
					Precision: e.Precision, Value: e.Value, Absolute: e.Absolute,
					Type: e.Type, NoEvent: e.NoEventDate,
				})
			}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := strings.TrimSuffix(file, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", path, got)
			}
		})
	}
}
