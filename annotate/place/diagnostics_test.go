package place

// Diagnostics: what `sitrep annotate` does not show. annotate prints the
// mentions a document resolves to (run it on a gold .jsonl to compare
// two versions line by line); this trace prints how they were chosen:
// the document's focus, every candidate with its cues, and its best
// gazetteer features with their scores. It runs only when asked:
//
//	PLACE_TRACE='text to trace' go test ./annotate/place -run TestTrace -v
//	PLACE_TRACE=@file.jsonl PLACE_TRACE_ID=doc-id go test ./annotate/place -run TestTrace -v
//	PLACE_TRACE=@file.jsonl PLACE_TRACE_FOCUS=1 go test ./annotate/place -run TestTrace -v
//
// A file given with @ is plain text, or JSON lines of {"id", "text"}
// (PLACE_TRACE_ID picks one document); PLACE_TRACE_FOCUS prints one line
// per document: its focus country and region.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

func TestTrace(t *testing.T) {
	arg := os.Getenv("PLACE_TRACE")
	if arg == "" {
		t.Skip("set PLACE_TRACE to a text or to @FILE")
	}
	type doc struct{ ID, Text string }
	docs := []doc{{"text", arg}}
	if name, ok := strings.CutPrefix(arg, "@"); ok {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs = []doc{{name, string(b)}}
		if strings.HasSuffix(name, ".jsonl") {
			docs = docs[:0]
			sc := bufio.NewScanner(strings.NewReader(string(b)))
			sc.Buffer(nil, 1<<26)
			for sc.Scan() {
				var d struct{ ID, Text string }
				if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
					t.Fatal(err)
				}
				if id := os.Getenv("PLACE_TRACE_ID"); id == "" || id == d.ID {
					docs = append(docs, doc{d.ID, d.Text})
				}
			}
		}
	}
	r := New(nil)
	for _, d := range docs {
		sents, toks := segment.Split(d.Text, sitrep.Span{})
		st := new(state)
		r.prepare(st, d.Text, sents, toks)
		r.recognise(st, d.Text)
		if len(st.cands) == 0 {
			fmt.Printf("%s: no candidates\n", d.ID)
			continue
		}
		r.patterns(st, d.Text)
		r.resolve(st)
		focus := r.focusCountry(st)
		a1 := gazetteer.NoRef
		if focus != "" {
			a1 = r.focusAdmin1(st, focus)
		}
		var ccs []string
		for cc, w := range st.ctx.cc {
			ccs = append(ccs, fmt.Sprintf("%s %.1f", cc, w))
		}
		slices.Sort(ccs)
		fmt.Printf("%s: focus %q %s (most named %q; %s)\n", d.ID, focus, r.refName(a1), st.ctx.main, strings.Join(ccs, ", "))
		if os.Getenv("PLACE_TRACE_FOCUS") != "" {
			continue
		}
		for k := range st.cands {
			c := &st.cands[k]
			var flags []string
			for _, f := range []struct {
				on   bool
				name string
			}{{c.strong, "strong"}, {c.cued, "cued"}, {c.dateline, "dateline"}, {c.weakStart, "weak"}, {c.attrib, "attrib"},
				{c.adjective, "adj"}, {c.viaParent, "via-parent"}, {c.dropped, "DROPPED"}} {
				if f.on {
					flags = append(flags, f.name)
				}
			}
			fmt.Printf("  %d-%d %q parent=%d want=%q %s -> %s conf %.2f\n", c.start, c.end, d.Text[c.start:c.end], c.parent, c.want,
				strings.Join(flags, ","), r.refName(c.best), c.conf)
			type scored struct {
				ref gazetteer.Ref
				s   float64
			}
			var ss []scored
			for x, ref := range c.refs {
				s := math.NaN()
				if x < len(c.base) {
					s = c.base[x]
				}
				ss = append(ss, scored{ref, s})
			}
			slices.SortFunc(ss, func(a, b scored) int {
				if a.s > b.s {
					return -1
				}
				if a.s < b.s {
					return 1
				}
				return 0
			})
			limit := 5
			if os.Getenv("PLACE_TRACE_ALL") != "" {
				limit = len(ss)
			}
			for x, s := range ss {
				if x == limit {
					fmt.Printf("      ... %d more\n", len(ss)-limit)
					break
				}
				fmt.Printf("      base %6.2f %s\n", s.s, r.refName(s.ref))
			}
		}
	}
}

// refName describes a feature for the trace: name, code, region, country,
// population.
func (r *Resolver) refName(ref gazetteer.Ref) string {
	if ref == gazetteer.NoRef {
		return "-"
	}
	in := r.g.Info(ref)
	a1 := ""
	if in.Admin1 != gazetteer.NoRef {
		a1 = r.g.Name(in.Admin1)
	}
	return fmt.Sprintf("%s [%s %s/%s pop %d]", r.g.Name(ref), in.Code, a1, in.CC, in.Population)
}
