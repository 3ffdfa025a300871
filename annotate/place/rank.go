package place

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/gazetteer"
)

// The toponym ranker. Each gazetteer feature a mention may name (a
// candidate) is described by a vector of features: its population and
// kind (the prior a reader brings), how the text spells and frames it
// (exact spelling, "X province", "X, Texas"), and what the rest of the
// document says (the countries and regions it names, other places near
// it, its dateline and focus). A candidate's score is the dot product of
// its features with weights; the mention resolves to the candidate with
// the highest score. The weights are learned (data/ranker.tsv, written by
// `go generate`: a listwise logistic model trained on gold toponyms, see
// internal/trainranker); HandWeights are the weights set by hand before,
// kept as the model's starting point and for comparison.

// Feature indexes of a candidate's vector: the context-free ("base")
// features, then those of the document's context (shared by the
// mentions of one name), then those of the mention's phrase.
const (
	fLogPop           = iota // log10(population + 1)
	fPCLI                    // an independent country
	fPCLH                    // a former country
	fADM1                    // a first-level region
	fADM2                    // a second-level region (a county, a district)
	fPPLC                    // a capital
	fPPLA                    // the seat of a first-level region
	fPPLA2                   // the seat of a second-level region
	fPPLX                    // a section of a populated place
	fLandmark                // a world region, a continent (class L)
	fExact                   // the text spells the gazetteer's name exactly
	fWordCountry             // a country whose name the text does not spell ("Columbia" is not Colombia)
	fWant                    // the phrase asks for this kind ("X province", "X city")
	fWantCounty              // the phrase asks for a county and this is a state
	fStateCounty             // a county named after a state of the same name
	fCityRegion              // a region whose city of the same name a bare name means
	fDatelineCity            // a populated place named by a dateline ("WASHINGTON —" names a city, not a state)
	fRegionOfCityName        // a region (state, county) that shares its name with a city of 100,000 among the candidates
	fCountryNamed            // the document names the feature's country (up to 1)
	fCountryMore             // ... again and again (up to 2 past the first)
	fRegionNamed             // the document names the feature's first-level region or places in it
	fCountyMore              // a county of a region the document keeps naming
	fNearby                  // another name of the document resolves within nearbyKm
	fDatelineCC              // in the country of the dateline's place
	fDatelineA1              // in the first-level region of the dateline's place
	fFocusCC                 // in the document's focus country
	fFocusA1                 // in the document's focus region
	fList                    // of the kind of most other items of its list
	fCapital                 // "X, the capital of Y" and X is Y's seat
	fContain                 // the phrase puts it in its parent ("X, Texas")
	NumFeatures

	nBase   = fCountryNamed
	nCtxEnd = fList
)

const nCtx = nCtxEnd - nBase

// FeatureNames names the features in vector order, as the weights file
// does.
var FeatureNames = [NumFeatures]string{
	"log_population", "country", "former_country", "admin1", "admin2", "capital", "admin1_seat", "admin2_seat",
	"city_section", "world_region", "exact_spelling", "country_not_spelled", "wanted_kind", "county_wanted_state_found",
	"county_named_as_state", "region_of_same_name_city", "dateline_city", "region_named_like_city",
	"doc_country", "doc_country_more", "doc_region", "doc_county_region_more", "nearby_place",
	"dateline_country", "dateline_region", "focus_country", "focus_region",
	"list_kind", "capital_of_parent", "inside_parent",
}

// Weights are the ranker's weights, one per feature.
type Weights [NumFeatures]float64

// HandWeights are the weights that were set by hand: the prior's code
// offsets on a log10 population scale and the bonuses of the first
// resolver. Training starts from them.
var HandWeights = Weights{
	fLogPop: 1, fPCLI: 3, fPCLH: 2, fADM1: 0.5, fADM2: -0.3, fPPLC: 1.5, fPPLA: 0.7, fPPLA2: 0.3, fPPLX: -0.5,
	fExact: 1, fWordCountry: -3, fWant: 4, fWantCounty: -1, fStateCounty: -2, fCityRegion: -1.5,
	fCountryNamed: 2, fCountryMore: 0.5, fRegionNamed: 1.5, fCountyMore: 0.5, fNearby: 1,
	fList: 1.5, fCapital: 4, fContain: 6,
}

//go:generate go run ./internal/trainranker -shared ../../../shared -o data/ranker.tsv

//go:embed data/ranker.tsv
var rankerTSV string

// defaultWeights are the embedded learned weights; HandWeights when the
// file holds none (it is tested).
var defaultWeights = func() Weights {
	w, err := ReadWeights(strings.NewReader(rankerTSV))
	if err != nil {
		return HandWeights
	}
	return w
}()

// DefaultWeights returns the embedded learned weights.
func DefaultWeights() Weights { return defaultWeights }

// ReadWeights reads a weights file: lines "name<TAB>weight"; lines
// starting with "#" and blank lines are comments. A feature the file does
// not name weighs 0; a name that is no feature is an error.
func ReadWeights(rd io.Reader) (Weights, error) {
	var w Weights
	idx := map[string]int{}
	for i, n := range FeatureNames {
		idx[n] = i
	}
	sc := bufio.NewScanner(rd)
	line, n := 0, 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		name, val, ok := strings.Cut(s, "\t")
		if !ok {
			return w, fmt.Errorf("ranker weights line %d: want name<TAB>weight", line)
		}
		i, ok := idx[name]
		if !ok {
			return w, fmt.Errorf("ranker weights line %d: unknown feature %q", line, name)
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return w, fmt.Errorf("ranker weights line %d: bad weight %q", line, val)
		}
		w[i] = f
		n++
	}
	if err := sc.Err(); err != nil {
		return w, fmt.Errorf("ranker weights: %w", err)
	}
	if n == 0 {
		return w, fmt.Errorf("ranker weights: no weights")
	}
	return w, nil
}

// WriteWeights writes w in the form ReadWeights reads, after the header
// lines (each written as a comment).
func WriteWeights(wr io.Writer, header []string, w Weights) error {
	bw := bufio.NewWriter(wr)
	for _, h := range header {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	for i, n := range FeatureNames {
		fmt.Fprintf(bw, "%s\t%s\n", n, strconv.FormatFloat(w[i], 'f', 4, 64))
	}
	return bw.Flush()
}

// baseFeatures sets the context-free features of candidate ref of c in f.
// A feature whose weight is 0 may be left 0 unless all is set (training
// reads every feature).
func (r *Resolver) baseFeatures(c *cand, ref gazetteer.Ref, f *[nBase]float64, all bool) {
	*f = [nBase]float64{}
	in := r.g.Info(ref)
	f[fLogPop] = math.Log10(float64(in.Population) + 1)
	switch in.Code {
	case "PCLI":
		f[fPCLI] = 1
	case "PCLH":
		f[fPCLH] = 1
	case "ADM1":
		f[fADM1] = 1
	case "ADM2":
		f[fADM2] = 1
	case "PPLC":
		f[fPPLC] = 1
	case "PPLA":
		f[fPPLA] = 1
	case "PPLA2":
		f[fPPLA2] = 1
	case "PPLX":
		f[fPPLX] = 1
	}
	if in.Class == 'L' {
		f[fLandmark] = 1
	}
	if c.fold != "" && r.g.NameFolds(ref, c.fold) {
		f[fExact] = 1
	}
	if in.Code == "PCLI" && c.fold != "" && !c.adjective && !r.g.IsCountryName(c.fold) {
		f[fWordCountry] = 1
	}
	switch c.want {
	case "ADM1":
		if in.Code == "ADM1" || in.Code == "ADM1H" {
			f[fWant] = 1
		}
	case "ADM2":
		if in.Code == "ADM2" {
			f[fWant] = 1
		} else if in.Code == "ADM1" {
			f[fWantCounty] = 1
		}
	case "P":
		if in.Class == 'P' {
			f[fWant] = 1
		}
	}
	if in.Code == "ADM2" && c.want != "ADM2" && r.hasCode(c.refs, "ADM1") && r.sameNameCode(c.refs, ref, "ADM1") {
		f[fStateCounty] = 1
	}
	if (in.Code == "ADM1" || in.Code == "ADM2") && c.want != in.Code && r.cityOfRegion(c.refs, ref, in) {
		f[fCityRegion] = 1
	}
	if c.dateline && in.Class == 'P' {
		f[fDatelineCity] = 1
	}
	if (in.Code == "ADM1" || in.Code == "ADM2") && (all || r.w[fRegionOfCityName] != 0) {
		name := r.g.Name(ref)
		for _, x := range c.refs {
			if r.g.Class(x) == 'P' && r.g.Population(x) >= 100_000 && r.g.Name(x) == name {
				f[fRegionOfCityName] = 1
				break
			}
		}
	}
}

func dot(w []float64, f []float64) float64 {
	s := 0.0
	for i, x := range f {
		s += w[i] * x
	}
	return s
}

// Example is one mention's candidates as the ranker saw them in the last
// pass: the bytes of the mention, each candidate's point and its feature
// vector. Training reads them (Resolver.Examples).
type Example struct {
	Start, End int
	Points     []gazetteer.Place
	Features   [][NumFeatures]float64
}

// WithWeights returns a Resolver over the same gazetteer and word lists
// that ranks candidates with w.
func (r *Resolver) WithWeights(w Weights) *Resolver {
	r2 := &Resolver{g: r.g, words: r.words, fw: r.fw, agencies: r.agencies, given: r.given, personNouns: r.personNouns, past: r.past, agentHeads: r.agentHeads, w: w, noRefocus: r.noRefocus, skel: r.skel}
	r2.pool.New = func() any { return new(state) }
	return r2
}

// WithoutRefocus returns a Resolver like r that does not move the
// homonyms of a focused story into its country and region after the
// ranking: the focus features alone do (training compares the two).
func (r *Resolver) WithoutRefocus() *Resolver {
	r2 := r.WithWeights(r.w)
	r2.noRefocus = true
	return r2
}

// Weights returns the weights r ranks with.
func (r *Resolver) Weights() Weights { return r.w }
