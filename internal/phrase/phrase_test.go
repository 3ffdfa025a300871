package phrase_test

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/internal/phrase"
)

func mustDict(tb testing.TB, phrases map[string]bool) *phrase.Dict[string] {
	tb.Helper()
	var d phrase.Dict[string]
	for p, exact := range phrases {
		if err := d.Add(p, p, exact); err != nil {
			tb.Fatal(err)
		}
	}
	return &d
}

func TestDict_Find(t *testing.T) {
	d := mustDict(t, map[string]bool{
		"said":              false,
		"according to":      false,
		"claim* ~ attack":   false,
		"IS":                true,
		"Islamic State":     false,
		"security forces":   false,
		"ISIS 's":           false,
		"fight*":            false,
		"opened fire on":    false,
		"al-Shabaab":        false,
		"Mazar-e-Sharif":    false,
		"tear gas":          false,
		"claimed ~ bombing": false,
	})
	for _, tc := range []struct {
		name, text string
		want       []string // "phrase@first-last"
	}{
		{"plain", "Police said on Sunday.", []string{"said@1-2"}},
		{"case", "ACCORDING TO officials", []string{"according to@0-2"}},
		{"exact acronym", "IS fighters said this is", []string{"IS@0-1", "fight*@1-2", "said@2-3"}},
		{"curly apostrophe", "ISIS’s commander", []string{"ISIS 's@0-2"}},
		{"gap", "The group claimed the deadly attack", []string{"claim* ~ attack@2-6"}},
		{"gap too long", "claimed a b c d attack", nil},
		{"stem", "Fighting broke out", []string{"fight*@0-1"}},
		{"hyphens", "al‑Shabaab near Mazar-e-Sharif", []string{"al-Shabaab@0-1", "Mazar-e-Sharif@2-3"}},
		{"overlapping", "The Islamic State security forces", []string{"Islamic State@1-3", "security forces@3-5"}},
		{"punct skipped", ", said .", []string{"said@1-2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, toks := segment.Split(tc.text, sitrep.Span{})
			var got []string
			d.Find(tc.text, toks, 0, len(toks), func(m phrase.Match[string]) {
				got = append(got, fmt.Sprintf("%s@%d-%d", m.Value, m.First, m.Last))
			})
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Find: got %q, want %q", got, tc.want)
			}
			var app []string
			for _, m := range d.AppendFind(nil, tc.text, toks, 0, len(toks)) {
				app = append(app, fmt.Sprintf("%s@%d-%d", m.Value, m.First, m.Last))
			}
			if fmt.Sprint(app) != fmt.Sprint(got) {
				t.Errorf("AppendFind: got %q, Find %q", app, got)
			}
			// Tokens without Fold (not made by Split) match the same.
			bare := make([]segment.Token, len(toks))
			for i, tk := range toks {
				tk.Fold = ""
				bare[i] = tk
			}
			if n := len(d.AppendFind(nil, tc.text, bare, 0, len(bare))); n != len(got) {
				t.Errorf("unfolded tokens: %d matches, want %d", n, len(got))
			}
		})
	}
}

func TestDict_Lookup(t *testing.T) {
	d := mustDict(t, map[string]bool{"IS": true, "Daesh": false, "Islamic State": false})
	for _, tc := range []struct {
		word string
		want int
	}{{"IS", 1}, {"is", 0}, {"DAESH", 1}, {"Islamic", 0}} {
		if got := len(d.Lookup(tc.word)); got != tc.want {
			t.Errorf("Lookup(%q): %d values, want %d", tc.word, got, tc.want)
		}
	}
}

// longestRef is Longest as it was first written, with sort.Slice: the
// Chooser must break ties exactly as it did.
func longestRef[T any](ms []phrase.Match[T]) []phrase.Match[T] {
	if len(ms) < 2 {
		return ms
	}
	order := make([]int, len(ms))
	lo, hi := ms[0].First, ms[0].Last
	for i, m := range ms {
		order[i] = i
		lo, hi = min(lo, m.First), max(hi, m.Last)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := ms[order[i]], ms[order[j]]
		if la, lb := a.Last-a.First, b.Last-b.First; la != lb {
			return la > lb
		}
		if a.Len != b.Len {
			return a.Len > b.Len
		}
		return a.First < b.First
	})
	used := make([]bool, hi-lo)
	var chosen []phrase.Match[T]
	for _, i := range order {
		m := ms[i]
		free := true
		for k := m.First; k < m.Last; k++ {
			free = free && !used[k-lo]
		}
		if !free {
			continue
		}
		for k := m.First; k < m.Last; k++ {
			used[k-lo] = true
		}
		chosen = append(chosen, m)
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].First < chosen[j].First })
	return chosen
}

func TestLongest(t *testing.T) {
	ms := []phrase.Match[string]{
		{First: 0, Last: 1, Value: "a", Len: 1},
		{First: 0, Last: 2, Value: "ab", Len: 2},
		{First: 1, Last: 3, Value: "bc", Len: 2},
		{First: 2, Last: 3, Value: "c", Len: 1},
		{First: 3, Last: 4, Value: "d1", Len: 1},
		{First: 3, Last: 4, Value: "d2", Len: 1},
	}
	got := phrase.Longest(ms)
	want := []string{"ab", "c", "d1"}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %q", got, want)
	}
	for i := range got {
		if got[i].Value != want[i] {
			t.Errorf("match %d: %q, want %q", i, got[i].Value, want[i])
		}
	}
	if ms[1].Value != "ab" || ms[5].Value != "d2" {
		t.Error("Longest reordered its input")
	}
}

// TestChooser_SameAsSortSlice compares the Chooser with the sort.Slice
// version on random match sets with many ties, large and small.
func TestChooser_SameAsSortSlice(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var c phrase.Chooser[int]
	for round := range 2000 {
		n := 1 + r.IntN(40)
		ms := make([]phrase.Match[int], n)
		for i := range ms {
			first := r.IntN(20)
			ms[i] = phrase.Match[int]{First: first, Last: first + 1 + r.IntN(3), Value: i, Len: 1 + r.IntN(2)}
		}
		want := longestRef(ms)
		got := c.Longest(ms)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("round %d: got %v, want %v", round, got, want)
		}
	}
}

func BenchmarkDict_AppendFind(b *testing.B) {
	d := mustDict(b, map[string]bool{
		"said": false, "according to": false, "claim* ~ attack": false, "IS": true,
		"Islamic State": false, "security forces": false, "fight*": false, "opened fire on": false,
	})
	text := "Security forces opened fire on fighters of the Islamic State near the border on Sunday, " +
		"according to officials, who said the group claimed the attack. IS did not comment."
	_, toks := segment.Split(text, sitrep.Span{})
	var ms []phrase.Match[string]
	var c phrase.Chooser[string]
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ms = d.AppendFind(ms[:0], text, toks, 0, len(toks))
		c.Longest(ms)
	}
}
