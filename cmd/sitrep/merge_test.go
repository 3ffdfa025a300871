package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Two reports of our own writing of one killing (same town, same day, the
// same named victim), told by a police statement and by residents: ingest
// joins them into one stored event with both sources by default, and
// --merge=false keeps one event per document.
const (
	mergeTextPolice = "Gunmen shot dead a district council member, Ahmad Wali Rahimi, in Pul-e Khumri, the capital of Baghlan province, on Tuesday, police said. Police spokesman Jawed Basharat said two attackers on a motorcycle opened fire on Rahimi outside his home and fled."
	mergeTextLocal  = "A local official, Ahmad Wali Rahimi, was killed on Tuesday when unidentified gunmen opened fire on him in Pul-e Khumri city in northern Baghlan province, residents told reporters. No group has claimed responsibility for the killing."
)

func TestIngest_MergeByDefault(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "police.txt"), filepath.Join(dir, "local.txt")
	for path, text := range map[string]string{a: mergeTextPolice, b: mergeTextLocal} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		flags   []string
		sources [][]string // per stored event, its sources
		summary string     // what ingest says it did
	}{
		{"default", nil, [][]string{{a, b}}, "2 documents, 2 reports stored, 1 new event after merging (the store holds 1); 0 skipped"},
		{"merge=false", []string{"--merge=false"}, [][]string{{a}, {b}}, "2 documents, 2 events stored; 0 skipped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "x.db")
			args := append([]string{"ingest", "--db", db, "--published", "2023-05-10"}, tc.flags...)
			if code, _, stderr := runCmd(t, append(args, a, b)...); code != 0 || !strings.Contains(stderr, tc.summary) {
				t.Fatalf("ingest: exit %d, stderr:\n%s\nwant the summary %q", code, stderr, tc.summary)
			}
			code, stdout, stderr := runCmd(t, "events", "--db", db, "--format", "jsonl")
			if code != 0 {
				t.Fatalf("events: exit %d, stderr:\n%s", code, stderr)
			}
			var got [][]string
			for line := range strings.Lines(stdout) {
				var ev struct {
					Source  string `json:"source"`
					Sources []struct {
						Source string `json:"source"`
					} `json:"sources"`
				}
				if err := json.Unmarshal([]byte(line), &ev); err != nil {
					t.Fatalf("%v: %s", err, line)
				}
				var srcs []string
				for _, s := range ev.Sources {
					srcs = append(srcs, s.Source)
				}
				if len(srcs) == 0 { // an event told by one document only
					srcs = []string{ev.Source}
				}
				slices.Sort(srcs)
				got = append(got, srcs)
			}
			slices.SortFunc(got, func(x, y []string) int { return slices.Compare(x, y) })
			want := make([][]string, len(tc.sources))
			for i, s := range tc.sources {
				want[i] = slices.Sorted(slices.Values(s))
			}
			slices.SortFunc(want, func(x, y []string) int { return slices.Compare(x, y) })
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("stored events by their sources = %q, want %q", got, want)
			}
		})
	}
}
