package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestUsage_MissingArguments checks that a command run without its
// arguments says what it needs and where the help is, not cobra's bare
// "requires at least 1 arg(s), only received 0".
func TestUsage_MissingArguments(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"extract"}, "sitrep extract needs at least one INPUT"},
		{[]string{"ingest"}, "sitrep ingest needs at least one INPUT"},
		{[]string{"eval"}, "sitrep eval needs at least one GOLD"},
		{[]string{"watch"}, "sitrep watch needs at least one FEED_OR_URL"},
		{[]string{"gazetteer", "import"}, "sitrep gazetteer import needs at least one FILE"},
		{[]string{"serve", "extra"}, `unexpected argument "extra": sitrep serve takes flags only`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.args...)
			if code == 0 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "--help") ||
				strings.Contains(stderr, "arg(s)") {
				t.Errorf("exit %d, stderr %q; want %q and a pointer to --help", code, stderr, tc.want)
			}
		})
	}
}

// TestHelp_ExamplesExist checks that every examples/ file a command's help
// cites is in the repository.
func TestHelp_ExamplesExist(t *testing.T) {
	re := regexp.MustCompile(`examples/[\w.-]+`)
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		for _, m := range re.FindAllString(c.Example+" "+c.Long, -1) {
			n++
			if _, err := os.Stat(filepath.Join("..", "..", m)); err != nil {
				t.Errorf("%s --help cites %s: %v", c.CommandPath(), m, err)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(&app{}))
	if n == 0 {
		t.Fatal("no help text cites an example")
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 documents"}, {1, "1 document"}, {2, "2 documents"}} {
		if got := count(tc.n, "document"); got != tc.want {
			t.Errorf("count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	var s ingestStats
	s.docs.Add(1)
	s.events.Add(1)
	if got := s.String(); !strings.HasPrefix(got, "1 document, 1 event stored;") {
		t.Errorf("stats %q", got)
	}
	s.merged, s.known, s.before, s.after = true, true, 10, 10
	if got := s.String(); !strings.HasPrefix(got, "1 document, 1 report stored, 0 new events after merging (the store holds 10);") {
		t.Errorf("stats with merging %q", got)
	}
}

// TestFetchFlags_Shared checks that every command that reads inputs has
// the same fetch flags, with the same defaults and help.
func TestFetchFlags_Shared(t *testing.T) {
	root := newRoot(&app{})
	names := []string{"published", "allow-private", "timeout", "max-bytes", "feed-articles"}
	var first *cobra.Command
	for _, path := range [][]string{{"extract"}, {"annotate"}, {"article"}, {"ingest"}, {"watch"}} {
		c, _, err := root.Find(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			f := c.Flags().Lookup(n)
			if f == nil {
				t.Errorf("%s has no --%s", path[0], n)
				continue
			}
			if first == nil {
				continue
			}
			g := first.Flags().Lookup(n)
			if g != nil && (f.DefValue != g.DefValue || f.Usage != g.Usage) {
				t.Errorf("--%s differs between %s and %s", n, first.Name(), c.Name())
			}
		}
		if first == nil {
			first = c
		}
	}
}

func TestInputProgress(t *testing.T) {
	for _, tc := range []struct {
		done, total int
		elapsed     time.Duration
		want        string
	}{
		{0, 1, time.Second, ""},
		{0, 10, time.Second, "input 0/10"},
		{2, 10, 10 * time.Second, "input 2/10, 40s left"},
		{10, 10, time.Minute, "input 10/10"},
	} {
		if got := inputProgress(tc.done, tc.total, tc.elapsed); got != tc.want {
			t.Errorf("inputProgress(%d, %d, %v) = %q, want %q", tc.done, tc.total, tc.elapsed, got, tc.want)
		}
	}
}
