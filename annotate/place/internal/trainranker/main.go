// Command trainranker trains the toponym ranker of package place and
// writes its weights (data/ranker.tsv). It reads the place gold of the
// shared folder (TR-News, GeoVirus: toponyms with their points) and the
// GVA dev file (one incident point and state per article), keeps the
// tune half of each (eval.HalfOf: the check half stays unseen), labels
// every mention's gazetteer candidates right or wrong against the gold,
// and fits a listwise logistic model, choosing the regularisation by
// five-fold cross-validation inside the tune half. Run by
// `go generate ./annotate/place` with the shared folder beside the
// repository.
package main

import (
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// Sources names the gold files, their weight and their licence.
var sources = []struct {
	path, licence string
}{
	{"gold/places/trnews.jsonl", "TR-News (Kamalloo & Rafiei 2018, via Gritta et al.'s evaluation repository), research use"},
	{"gold/places/geovirus.jsonl", "GeoVirus (Gritta et al. 2018), WikiNews text CC BY 2.5"},
	{"gold/gva-dev.jsonl", "Gun Violence Archive incidents as published for SemEval-2018 task 5 (cltl/LongTailQATask), research use"},
}

// The regularisation strengths tried (per unit item weight): towards the
// hand weights (a blend: the larger, the closer to them), and towards
// zero (a model of its own).
var (
	l2Hand  = []float64{0.01, 0.1, 1, 3}
	l2Zero  = []float64{0.001, 0.01}
	l2Hinge = []float64{0.01, 0.1, 1}
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder holding gold/")
	out := flag.String("o", "data/ranker.tsv", "the weights file to write")
	gvaWeight := flag.Float64("gva-weight", 0.5, "weight of a mention of the GVA file, against 1 for a gold toponym")
	withAscent := flag.Bool("ascent", false, "also try coordinate ascent on the end-to-end figure (slow)")
	method := flag.Int("method", -1, "write the weights of this method (its index in the cross-validation table) instead of the best one's: for study")
	flag.Parse()
	if err := run(*shared, *out, *gvaWeight, *method, *withAscent); err != nil {
		fmt.Fprintln(os.Stderr, "trainranker:", err)
		os.Exit(1)
	}
}

// doc is a tune-half document with its gold.
type doc struct {
	gold *eval.GoldDoc
	d    *annotate.Doc
	fold int // the cross-validation fold inside the tune half, 0 to nFolds-1
	src  int // index of its file in sources
}

func run(shared, out string, gvaWeight float64, force int, withAscent bool) error {
	var docs []doc
	for si, s := range sources {
		gf, err := eval.LoadGold(filepath.Join(shared, s.path))
		if err != nil {
			return err
		}
		n := 0
		for _, g := range gf.Docs {
			if eval.HalfOf(g.Incident, g.ID) != eval.HalfTune {
				continue
			}
			d := &annotate.Doc{Document: &sitrep.Document{ID: g.ID, Text: g.Text}}
			if err := annotate.Run(context.Background(), d, []annotate.Stage{annotate.Segment{}}); err != nil {
				return err
			}
			docs = append(docs, doc{gold: g, d: d, fold: fold(g), src: si})
			n++
		}
		slog.Info("tune half", "file", s.path, "documents", n)
	}
	base := place.New(nil)
	// Items for the listwise model, per fold, with the features the
	// hand weights' context gives.
	var folds [nFolds][]place.Labelled
	r0 := base.WithWeights(place.HandWeights)
	for _, d := range docs {
		_, exs := r0.Examples(d.d.Text, d.d.Sents, d.d.Toks)
		folds[d.fold] = append(folds[d.fold], label(d, exs, gvaWeight)...)
	}
	all := items(folds, -1)
	// The methods, each fitted on all folds but one and scored end to
	// end on that one: the hand weights as they are; the listwise model over a
	// grid of regularisation; coordinate ascent on the end-to-end
	// accuracy itself, from the hand weights.
	type method struct {
		name string
		fit  func(k int) place.Weights // fitted on every fold but k (on all when k < 0)
		free bool                      // no refocus: the focus as features only
	}
	methods := []method{{"hand weights", func(int) place.Weights { return place.HandWeights }, false}}
	for _, l2 := range l2Hand {
		methods = append(methods, method{fmt.Sprintf("listwise logistic, L2 %g towards the hand weights", l2), func(k int) place.Weights {
			return place.Train(items(folds, k), place.TrainOptions{L2: l2, Prior: place.HandWeights})
		}, false})
	}
	for _, l2 := range l2Zero {
		methods = append(methods, method{fmt.Sprintf("listwise logistic, L2 %g towards zero", l2), func(k int) place.Weights {
			return place.Train(items(folds, k), place.TrainOptions{L2: l2})
		}, false})
	}
	for _, l2 := range l2Hinge {
		methods = append(methods, method{fmt.Sprintf("pairwise hinge, L2 %g towards the hand weights", l2), func(k int) place.Weights {
			return place.Train(items(folds, k), place.TrainOptions{L2: l2, Prior: place.HandWeights, Hinge: true})
		}, false})
	}
	// The focus as features only: no refocus after the ranking.
	free := base.WithoutRefocus()
	var freeFolds [nFolds][]place.Labelled
	for _, d := range docs {
		_, exs := free.WithWeights(place.HandWeights).Examples(d.d.Text, d.d.Sents, d.d.Toks)
		freeFolds[d.fold] = append(freeFolds[d.fold], label(d, exs, gvaWeight)...)
	}
	for _, l2 := range []float64{0.001, 0.01, 0.1} {
		methods = append(methods, method{fmt.Sprintf("listwise logistic, L2 %g towards the hand weights, focus as features only", l2), func(k int) place.Weights {
			return place.Train(items(freeFolds, k), place.TrainOptions{L2: l2, Prior: place.HandWeights})
		}, true})
	}
	for _, l2 := range []float64{0.01, 0.1} {
		methods = append(methods, method{fmt.Sprintf("pairwise hinge, L2 %g towards the hand weights, focus as features only", l2), func(k int) place.Weights {
			return place.Train(items(freeFolds, k), place.TrainOptions{L2: l2, Prior: place.HandWeights, Hinge: true})
		}, true})
	}
	if withAscent {
		methods = append(methods, method{"coordinate ascent on end-to-end accuracy from the hand weights", func(k int) place.Weights {
			return ascend(base, except(docs, k), gvaWeight, place.HandWeights)
		}, false})
	}
	best, bestE2E := -1, -1.0
	var cv []string
	for i, m := range methods {
		e2e := 0.0
		rb := base
		if m.free {
			rb = free
		}
		bySrc := make([]float64, len(sources))
		for k := 0; k < nFolds; k++ {
			a, by := endToEndBySource(rb.WithWeights(m.fit(k)), in(docs, k), gvaWeight)
			e2e += a / nFolds
			for i := range by {
				bySrc[i] += by[i] / nFolds
			}
		}
		slog.Info("cross-validation", "method", m.name, "end to end", fmt.Sprintf("%.4f", e2e), "by file", fmt.Sprintf("%.4f", bySrc))
		cv = append(cv, fmt.Sprintf("  %.5f  %s", e2e, m.name))
		if e2e > bestE2E+1e-9 {
			best, bestE2E = i, e2e
		}
	}
	if force >= 0 && force < len(methods) {
		best = force
	}
	w := methods[best].fit(-1)
	acc, _ := place.Evaluate(all, w)
	accHand, _ := place.Evaluate(all, place.HandWeights)
	slog.Info("chosen", "method", methods[best].name, "tune end to end", fmt.Sprintf("%.4f", endToEnd(base.WithWeights(w), docs, gvaWeight)),
		"top candidate", fmt.Sprintf("%.4f", acc), "hand", fmt.Sprintf("%.4f", accHand))
	header := []string{
		"Toponym ranker weights of package place: a linear score over the features of each gazetteer",
		"candidate of a mention (rank.go names them). Written by `go generate ./annotate/place`",
		"(internal/trainranker); do not edit by hand.",
		fmt.Sprintf("Fitted on the tune halves (eval.HalfOf) of: %s.", strings.Join(paths(), ", ")),
		"Gold sources and licences:",
	}
	for _, src := range sources {
		header = append(header, "  "+src.licence)
	}
	header = append(header,
		"Gazetteer features: GeoNames (geonames.org), CC BY 4.0.",
		"Method chosen by five-fold cross-validation inside the tune half (share of gold toponyms within",
		fmt.Sprintf("161 km, end to end, on the held-out fold; GVA mentions weigh %g):", gvaWeight),
	)
	header = append(header, cv...)
	header = append(header, "(The hand weights were set by people who had read these files: their figure is in sample,",
		"the others' held out. The choice still goes to the best figure.)")
	header = append(header, "Chosen: "+methods[best].name+".")
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := place.WriteWeights(f, header, w); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// items returns the items of every fold but k (of all when k < 0).
func items(folds [nFolds][]place.Labelled, k int) []place.Labelled {
	var out []place.Labelled
	for i := range folds {
		if i != k {
			out = append(out, folds[i]...)
		}
	}
	return out
}

// in returns the documents of fold k; except those of the other folds
// (all when k < 0).
func in(docs []doc, k int) []doc {
	var out []doc
	for _, d := range docs {
		if d.fold == k {
			out = append(out, d)
		}
	}
	return out
}

func except(docs []doc, k int) []doc {
	var out []doc
	for _, d := range docs {
		if d.fold != k {
			out = append(out, d)
		}
	}
	return out
}

// ascend improves w by coordinate ascent on the end-to-end accuracy over
// docs: each weight in turn moves by
// a step of each size and sign while that raises the accuracy by more
// than minGain; two sweeps. (A search on the measure itself, as MERT
// tunes a translation model: the listwise loss rewards confident right
// choices that the measure does not count.)
func ascend(base *place.Resolver, docs []doc, gvaWeight float64, w place.Weights) place.Weights {
	const minGain = 0.001
	cur := endToEnd(base.WithWeights(w), docs, gvaWeight)
	for sweep := 0; sweep < 2; sweep++ {
		moved := false
		for x := range w {
			for _, step := range []float64{-1, -0.3, 0.3, 1} {
				try := w
				try[x] += step * stepScale(w[x])
				if e := endToEnd(base.WithWeights(try), docs, gvaWeight); e > cur+minGain {
					w, cur, moved = try, e, true
				}
			}
		}
		if !moved {
			break
		}
	}
	return w
}

// stepScale is the unit step of a weight: half its size, at least 0.5.
func stepScale(w float64) float64 {
	if w < 0 {
		w = -w
	}
	return max(0.5, w/2)
}

func paths() []string {
	var p []string
	for _, s := range sources {
		p = append(p, s.path)
	}
	return p
}

// nFolds is the number of cross-validation folds.
const nFolds = 5

// fold splits the tune half in nFolds by the high bits of another hash
// of the document's key (its incident when it has one), so that folds
// never share an incident. (The low bit of FNV-1a is the parity of the
// key's odd bytes whatever the prefix: it is the same for the whole
// tune half.)
func fold(g *eval.GoldDoc) int {
	key := g.ID
	if g.Incident != "" {
		key = g.Incident
	}
	h := fnv.New32a()
	h.Write([]byte("fold:" + key))
	return int((h.Sum32() >> 8) % nFolds)
}

// withinKm is the radius of a right candidate: the geoparsing literature's
// 161 km (100 miles).
const withinKm = 161

// label marks the right candidates of each example of d.
func label(d doc, exs []place.Example, gvaWeight float64) []place.Labelled {
	var out []place.Labelled
	g := d.gold
	for _, ex := range exs {
		l := place.Labelled{Features: ex.Features, Right: make([]bool, len(ex.Points))}
		switch {
		case g.HasPlaces:
			// The gold toponym the mention overlaps most.
			best, bestOv := -1, 0
			for i, p := range g.Places {
				ov := min(p.End, ex.End) - max(p.Start, ex.Start)
				if ov > bestOv {
					best, bestOv = i, ov
				}
			}
			if best < 0 {
				continue
			}
			gp := g.Places[best]
			for x, p := range ex.Points {
				l.Right[x] = place.DistanceKm(gp.Lat, gp.Lon, p.Lat, p.Lon) <= withinKm
			}
		case len(g.Events) > 0 && g.Events[0].Location != nil && g.Events[0].Location.Lat != nil:
			// An incident: the candidates near its point, its state and
			// its country are right. A mention none of whose
			// candidates is right names another place: it is left out.
			e := g.Events[0]
			for x, p := range ex.Points {
				l.Right[x] = incidentRight(e, p)
			}
			l.Weight = gvaWeight
		default:
			continue
		}
		if l.Informative() {
			out = append(out, l)
		}
	}
	return out
}

func containsFold(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// endToEnd resolves docs with r and returns the
// weighted share of gold items right: for a place document, its gold
// toponyms resolved within 161 km by the mention that overlaps them most
// (as eval scores them; a toponym nothing recognised is wrong); for an
// incident document, its mentions with a right candidate that resolve to
// a right one (weight gvaWeight each).
func endToEnd(r *place.Resolver, docs []doc, gvaWeight float64) float64 {
	all, _ := endToEndBySource(r, docs, gvaWeight)
	return all
}

// endToEndBySource is endToEnd with the share of each source file.
func endToEndBySource(r *place.Resolver, docs []doc, gvaWeight float64) (float64, []float64) {
	total, right := 0.0, 0.0
	srcTotal, srcRight := make([]float64, len(sources)), make([]float64, len(sources))
	for _, d := range docs {
		t0, r0 := total, right
		right, total = scoreDoc(r, d, gvaWeight, right, total)
		srcTotal[d.src] += total - t0
		srcRight[d.src] += right - r0
	}
	by := make([]float64, len(sources))
	for i := range by {
		if srcTotal[i] > 0 {
			by[i] = srcRight[i] / srcTotal[i]
		}
	}
	if total == 0 {
		return 0, by
	}
	return right / total, by
}

// scoreDoc adds d's right and total gold items to right and total.
func scoreDoc(r *place.Resolver, d doc, gvaWeight float64, right, total float64) (float64, float64) {
	ms, exs := r.Examples(d.d.Text, d.d.Sents, d.d.Toks)
	g := d.gold
	if g.HasPlaces {
		for _, gp := range g.Places {
			total++
			best, bestOv := -1, 0
			for i, m := range ms {
				ov := min(gp.End, m.End) - max(gp.Start, m.Start)
				if ov > bestOv {
					best, bestOv = i, ov
				}
			}
			if best >= 0 && place.DistanceKm(gp.Lat, gp.Lon, ms[best].Lat, ms[best].Lon) <= withinKm {
				right++
			}
		}
		return right, total
	}
	if len(g.Events) == 0 || g.Events[0].Location == nil || g.Events[0].Location.Lat == nil {
		return right, total
	}
	e := g.Events[0]
	// The mentions whose candidates hold a right one and a wrong one:
	// the others name another place, or have no choice.
	for _, m := range ms {
		if m.Adjective || !mixed(e, exs, m) {
			continue
		}
		total += gvaWeight
		if incidentRight(e, m.Place) {
			right += gvaWeight
		}
	}
	return right, total
}

// incidentRight reports whether p is right for a mention of an incident
// article: near the incident's point, or its state or country.
func incidentRight(e *eval.GoldEvent, p gazetteer.Place) bool {
	switch p.FeatureCode {
	case "PCLI":
		return p.CountryCode == "US"
	case "ADM1":
		return p.CountryCode == "US" && containsFold(e.Admin1, p.Name)
	}
	return place.DistanceKm(*e.Location.Lat, *e.Location.Lon, p.Lat, p.Lon) <= withinKm
}

// mixed reports whether the example of mention m has a right candidate
// and a wrong one.
func mixed(e *eval.GoldEvent, exs []place.Example, m place.Mention) bool {
	for _, ex := range exs {
		if ex.Start != m.Start || ex.End != m.End {
			continue
		}
		right, wrong := false, false
		for _, p := range ex.Points {
			if incidentRight(e, p) {
				right = true
			} else {
				wrong = true
			}
		}
		return right && wrong
	}
	return false
}
