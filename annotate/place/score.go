package place

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
)

// GoldPlace is one gold toponym: a byte span of the text and its point.
type GoldPlace struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	Text  string  `json:"text"`
	Lat   float64 `json:"lat"`
	Lon   float64 `json:"lon"`
}

// GoldDoc is one document of a place gold file (spec/events.md: place gold).
type GoldDoc struct {
	ID     string      `json:"id"`
	Text   string      `json:"text"`
	Places []GoldPlace `json:"places"`
}

// ReadGold reads a place gold file: one GoldDoc per line. Errors name the
// line.
func ReadGold(r io.Reader) ([]GoldDoc, error) {
	var out []GoldDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var d GoldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("place gold line %d: %w", line, err)
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("place gold line %d: %w", line, err)
	}
	return out, nil
}

// maxErrKm is the error given to a gold place that nothing recognised:
// half the Earth's circumference.
const maxErrKm = 20039.0

// Scores are the standard geoparsing figures over a gold set.
type Scores struct {
	Gold       int     // gold toponyms
	Recognised int     // gold toponyms overlapped by a mention
	Found      int     // mentions output
	Within161  int     // gold toponyms resolved within 161 km (end to end: unrecognised ones count as misses)
	MeanKm     float64 // mean error over recognised toponyms
	MedianKm   float64 // median error over recognised toponyms
	AUC        float64 // area under the curve of sorted log errors, end to end (Gritta et al. 2018; lower is better)
}

// RecognisedShare is Recognised / Gold.
func (s Scores) RecognisedShare() float64 { return ratio(s.Recognised, s.Gold) }

// Accuracy161 is Within161 / Gold.
func (s Scores) Accuracy161() float64 { return ratio(s.Within161, s.Gold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// String formats the scores on one line.
func (s Scores) String() string {
	return fmt.Sprintf("gold %d, recognised %.1f%%, within 161 km %.1f%% (end to end), mean error %.0f km, median %.0f km, AUC %.3f, mentions %d",
		s.Gold, 100*s.RecognisedShare(), 100*s.Accuracy161(), s.MeanKm, s.MedianKm, s.AUC, s.Found)
}

// Miss is a gold toponym that was not resolved within 161 km.
type Miss struct {
	Doc   string
	Gold  GoldPlace
	Found *Mention // nil when nothing overlapped it
	ErrKm float64
}

// Score compares the mentions found in each document (found[i] for
// gold[i]) with the gold places. A gold place is recognised when a mention
// overlaps it (the longest overlap counts); adjectives count, since the
// gold sets annotate them. It also returns the misses, for inspection.
func Score(gold []GoldDoc, found [][]Mention) (Scores, []Miss) {
	var s Scores
	var errs, all []float64
	var misses []Miss
	for i, d := range gold {
		var ms []Mention
		if i < len(found) {
			ms = found[i]
		}
		s.Found += len(ms)
		for _, g := range d.Places {
			s.Gold++
			var best *Mention
			bestOv := 0
			for k := range ms {
				ov := min(ms[k].End, g.End) - max(ms[k].Start, g.Start)
				if ov > bestOv {
					best, bestOv = &ms[k], ov
				}
			}
			e := maxErrKm
			if best != nil {
				s.Recognised++
				e = distKm(g.Lat, g.Lon, best.Place.Lat, best.Place.Lon)
				errs = append(errs, e)
			}
			all = append(all, e)
			if e <= 161 {
				s.Within161++
			} else {
				misses = append(misses, Miss{Doc: d.ID, Gold: g, Found: best, ErrKm: e})
			}
		}
	}
	if len(errs) > 0 {
		sum := 0.0
		for _, e := range errs {
			sum += e
		}
		s.MeanKm = sum / float64(len(errs))
		sort.Float64s(errs)
		s.MedianKm = errs[len(errs)/2]
	}
	s.AUC = auc(all)
	return s, misses
}

// auc is the area under the curve of the sorted errors on a log scale,
// normalised to [0, 1] (Gritta et al. 2018): 0 when every error is 0.
func auc(errs []float64) float64 {
	if len(errs) == 0 {
		return 0
	}
	xs := make([]float64, len(errs))
	for i, e := range errs {
		xs[i] = math.Log(e+1) / math.Log(maxErrKm+1)
	}
	sort.Float64s(xs)
	if len(xs) == 1 {
		return xs[0]
	}
	area := 0.0
	for i := 1; i < len(xs); i++ {
		area += (xs[i] + xs[i-1]) / 2
	}
	return area / float64(len(xs)-1)
}
