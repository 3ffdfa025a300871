package place

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

func TestReadWeights(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  string
		check    func(Weights) bool
	}{
		{"comments and blanks", "# header\n\nlog_population\t1.5\ninside_parent\t-2\n", "",
			func(w Weights) bool { return w[fLogPop] == 1.5 && w[fContain] == -2 && w[fExact] == 0 }},
		{"unknown feature", "log_population\t1\nsize_of_moon\t3\n", "unknown feature", nil},
		{"bad number", "log_population\tmany\n", "bad weight", nil},
		{"not a number", "log_population\tNaN\n", "bad weight", nil},
		{"no tab", "log_population 1\n", "want name<TAB>weight", nil},
		{"empty", "# only a header\n", "no weights", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ReadWeights(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(w) {
				t.Errorf("weights %v", w)
			}
		})
	}
}

func TestWeightsRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteWeights(&buf, []string{"a header", "of two lines"}, HandWeights); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "# a header\n# of two lines\n") {
		t.Errorf("header not written as comments:\n%s", buf.String())
	}
	w, err := ReadWeights(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if w != HandWeights {
		t.Errorf("round trip: got %v, want %v", w, HandWeights)
	}
}

// The embedded weights parse, name their sources and licences, and every
// feature has a name.
func TestEmbeddedWeights(t *testing.T) {
	if _, err := ReadWeights(strings.NewReader(rankerTSV)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"GeoNames", "CC BY 4.0", "TR-News", "GeoVirus", "Gun Violence Archive", "tune half"} {
		if !strings.Contains(rankerTSV, want) {
			t.Errorf("data/ranker.tsv header does not name %q", want)
		}
	}
	seen := map[string]bool{}
	for i, n := range FeatureNames {
		if n == "" || seen[n] {
			t.Errorf("feature %d: name %q empty or repeated", i, n)
		}
		seen[n] = true
	}
	if New(nil).Weights() != DefaultWeights() {
		t.Error("New does not rank with the embedded weights")
	}
}

func FuzzReadWeights(f *testing.F) {
	f.Add(rankerTSV)
	f.Add("log_population\t1\n")
	f.Add("x\ty\tz\n#\n\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ReadWeights(strings.NewReader(s)) // never panics
	})
}

// item builds a Labelled of candidates given by their log population and
// whether the document names their country; the first is right.
func item(cands ...[2]float64) Labelled {
	var l Labelled
	for i, c := range cands {
		var f [NumFeatures]float64
		f[fLogPop], f[fCountryNamed] = c[0], c[1]
		l.Features = append(l.Features, f)
		l.Right = append(l.Right, i == 0)
	}
	return l
}

// Train learns from items in which the right candidate is the one in a
// country the document names, though smaller: the country's weight must
// grow past what the population difference needs.
func TestTrainLearnsContext(t *testing.T) {
	var xs []Labelled
	for range 20 {
		xs = append(xs, item([2]float64{3, 1}, [2]float64{5, 0}))   // the small town of the story's country
		xs = append(xs, item([2]float64{6, 0}, [2]float64{2, 0}))   // the big city when nothing says otherwise
		xs = append(xs, item([2]float64{4, 1}, [2]float64{4.5, 0})) // again the story's country
	}
	accHand, _ := Evaluate(xs, Weights{fLogPop: 1})
	w := Train(xs, TrainOptions{L2: 0.001})
	acc, loss := Evaluate(xs, w)
	if acc != 1 || accHand == 1 {
		t.Fatalf("accuracy %v (population alone %v), weights %v", acc, accHand, w)
	}
	if w[fCountryNamed] <= 2*w[fLogPop] || w[fLogPop] <= 0 {
		t.Errorf("weights %v: want a positive population weight and a country weight above twice it", w)
	}
	if loss <= 0 {
		t.Errorf("loss %v", loss)
	}
	// Strong regularisation keeps the prior.
	prior := Weights{fLogPop: 1}
	if w := Train(xs, TrainOptions{L2: 1e6, Prior: prior}); w[fLogPop] < 0.99 || w[fCountryNamed] > 0.01 {
		t.Errorf("L2 1e6: weights %v moved from the prior", w)
	}
}

// Items with no right or no wrong candidate teach nothing and are left
// out; a set of only such items returns the prior.
func TestTrainUninformative(t *testing.T) {
	all := item([2]float64{3, 1})
	none := item([2]float64{3, 1}, [2]float64{2, 0})
	none.Right[0] = false
	for _, l := range []Labelled{all, none} {
		if l.Informative() {
			t.Errorf("%v informative", l.Right)
		}
	}
	prior := Weights{fLogPop: 0.7}
	if w := Train([]Labelled{all, none}, TrainOptions{Prior: prior}); w != prior {
		t.Errorf("got %v, want the prior", w)
	}
	if acc, _ := Evaluate([]Labelled{all}, prior); acc != 0 {
		t.Errorf("accuracy over no informative item %v", acc)
	}
}

// Examples records, for a name with homonyms, every candidate with its
// features as the last pass scored them; the resolved mention is the
// candidate the weights score highest.
func TestExamples(t *testing.T) {
	r := New(nil)
	text := "Flooding closed roads in Paris, Texas, on Monday. Residents of Paris were told to stay home."
	sents, toks := segment.Split(text, sitrep.Span{})
	ms, exs := r.Examples(text, sents, toks)
	if len(ms) == 0 || len(exs) == 0 {
		t.Fatalf("mentions %d, examples %d", len(ms), len(exs))
	}
	w := r.Weights()
	for _, ex := range exs {
		if len(ex.Points) != len(ex.Features) || len(ex.Points) < 2 {
			t.Fatalf("example %d-%d: %d points, %d feature vectors", ex.Start, ex.End, len(ex.Points), len(ex.Features))
		}
		if text[ex.Start:ex.End] != "Paris" || ex.Start < 40 {
			continue
		}
		best, hi := -1, 0.0
		for x, f := range ex.Features {
			if s := dot(w[:], f[:]); best < 0 || s > hi {
				best, hi = x, s
			}
		}
		if p := ex.Points[best]; p.CountryCode != "US" {
			t.Errorf("the later Paris scores best at %s, %s", p.Name, p.CountryCode)
		}
	}
	if again := r.Annotate(text, sents, toks); len(again) != len(ms) {
		t.Errorf("Annotate after Examples: %d mentions, want %d", len(again), len(ms))
	}
}
