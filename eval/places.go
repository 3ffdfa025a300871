package eval

import (
	"math"
	"slices"

	"github.com/sitrep-dev/sitrep"
)

// MaxErrorKm is the largest possible error on Earth (half the equatorial
// circumference, as Gritta et al. use it): the error counted for a place
// that was not recognised or not resolved.
const MaxErrorKm = 20039

// PlaceScores are the place figures of a file.
type PlaceScores struct {
	Documents  int `json:"documents"`
	Gold       int `json:"gold"`       // gold toponyms
	Recognised int `json:"recognised"` // overlapped by a place mention
	// Resolved counts recognised toponyms whose mention has coordinates.
	Resolved        int     `json:"resolved"`
	RecognisedShare float64 `json:"recognised_share"`
	// End to end: unrecognised and unresolved toponyms count MaxErrorKm.
	Within161      int     `json:"within_161"`
	Within161Share float64 `json:"within_161_share"`
	MeanErrorKm    float64 `json:"mean_error_km"`
	MedianErrorKm  float64 `json:"median_error_km"`
	AUC            float64 `json:"auc"`
	// Over recognised toponyms only (unresolved ones count MaxErrorKm).
	Within161ShareRecognised float64 `json:"within_161_share_recognised"`
	MeanErrorKmRecognised    float64 `json:"mean_error_km_recognised"`
	AUCRecognised            float64 `json:"auc_recognised"`
	// Mentions counts place mentions; OnGold those overlapping a gold
	// toponym. The gold does not mark every toponym, so OnGold/Mentions is
	// a lower bound on precision.
	Mentions int `json:"mentions"`
	OnGold   int `json:"on_gold"`
}

// placeOutcome is the score of one place document.
type placeOutcome struct {
	gold       int
	recognised []float64 // errors of recognised toponyms (MaxErrorKm when unresolved)
	unrecog    int
	resolved   int
	mentions   int
	onGold     int
	errors     []PlaceError
}

// scorePlaces matches d's gold toponyms with the place mentions ms.
func scorePlaces(d *GoldDoc, ms []sitrep.Mention) placeOutcome {
	o := placeOutcome{gold: len(d.Places)}
	var places []sitrep.Mention
	for _, m := range ms {
		if m.Kind == sitrep.KindPlace {
			places = append(places, m)
		}
	}
	o.mentions = len(places)
	for _, m := range places {
		for _, g := range d.Places {
			if (sitrep.Span{Start: g.Start, End: g.End}).Overlaps(m.Span()) {
				o.onGold++
				break
			}
		}
	}
	for _, g := range d.Places {
		gs := sitrep.Span{Start: g.Start, End: g.End}
		best, bestOv := -1, 0
		for i, m := range places {
			ms := m.Span()
			if !gs.Overlaps(ms) {
				continue
			}
			ov := min(gs.End, ms.End) - max(gs.Start, ms.Start)
			if best < 0 || ov > bestOv || (ov == bestOv && ms.Start < places[best].Start) {
				best, bestOv = i, ov
			}
		}
		if best < 0 {
			o.unrecog++
			o.errors = append(o.errors, PlaceError{Start: g.Start, End: g.End, Text: g.Text, ErrorKm: -1})
			continue
		}
		m := places[best]
		km := float64(MaxErrorKm)
		if m.Latitude != nil && m.Longitude != nil {
			o.resolved++
			km = min(km, haversineKm(g.Lat, g.Lon, *m.Latitude, *m.Longitude))
		}
		o.recognised = append(o.recognised, km)
		if km > 161 {
			name := m.Name
			if name == "" {
				name = m.Text
			}
			o.errors = append(o.errors, PlaceError{Start: g.Start, End: g.End, Text: g.Text, ErrorKm: math.Round(km), Mention: name})
		}
	}
	return o
}

// placeFigures sums the place outcomes of a file.
func placeFigures(outs []placeOutcome) *PlaceScores {
	s := &PlaceScores{Documents: len(outs)}
	var rec, all []float64
	for _, o := range outs {
		s.Gold += o.gold
		s.Recognised += len(o.recognised)
		s.Resolved += o.resolved
		s.Mentions += o.mentions
		s.OnGold += o.onGold
		rec = append(rec, o.recognised...)
		for range o.unrecog {
			all = append(all, MaxErrorKm)
		}
	}
	all = append(all, rec...)
	if s.Gold > 0 {
		s.RecognisedShare = float64(s.Recognised) / float64(s.Gold)
	}
	s.Within161, s.MeanErrorKm, s.MedianErrorKm, s.AUC = errorFigures(all)
	if len(all) > 0 {
		s.Within161Share = float64(s.Within161) / float64(len(all))
	}
	var w int
	w, s.MeanErrorKmRecognised, _, s.AUCRecognised = errorFigures(rec)
	if len(rec) > 0 {
		s.Within161ShareRecognised = float64(w) / float64(len(rec))
	}
	return s
}

// errorFigures returns the count within 161 km, the mean and median error
// and the AUC of errs (km); zeros for no errors.
func errorFigures(errs []float64) (within int, mean, median, auc float64) {
	if len(errs) == 0 {
		return 0, 0, 0, 0
	}
	sorted := slices.Clone(errs)
	slices.Sort(sorted)
	sum := 0.0
	for _, e := range sorted {
		if e <= 161 {
			within++
		}
		sum += e
	}
	mean = sum / float64(len(sorted))
	if n := len(sorted); n%2 == 1 {
		median = sorted[n/2]
	} else {
		median = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	return within, mean, median, AUC(sorted)
}

// AUC is the area under the curve of sorted log(1+error km), normalised by
// log(MaxErrorKm) (Gritta et al. 2018, "What's missing in geographical
// parsing?"): the trapezoid rule over the sorted errors with unit steps,
// divided by the number of steps, so 0 is perfect and 1 the worst. One
// error counts as its own normalised log. Errors above MaxErrorKm count as
// MaxErrorKm.
func AUC(errs []float64) float64 {
	if len(errs) == 0 {
		return 0
	}
	y := make([]float64, len(errs))
	for i, e := range errs {
		y[i] = math.Log(1 + math.Max(0, math.Min(e, MaxErrorKm)))
	}
	slices.Sort(y)
	norm := math.Log(MaxErrorKm)
	if len(y) == 1 {
		return y[0] / norm
	}
	area := 0.0
	for i := 1; i < len(y); i++ {
		area += (y[i-1] + y[i]) / 2
	}
	return area / (float64(len(y)-1) * norm)
}
