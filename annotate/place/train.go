package place

import (
	"math"
)

// Labelled is a mention's candidates with the ones that are right
// (within 161 km of the gold point, or the gold region): one training
// item of the ranker.
type Labelled struct {
	Features [][NumFeatures]float64
	Right    []bool
	Weight   float64 // the item's weight in the loss (1 when 0)
}

// Informative reports whether l can teach the ranker anything: some
// candidate is right and some is wrong.
func (l *Labelled) Informative() bool {
	right, wrong := false, false
	for _, r := range l.Right {
		right = right || r
		wrong = wrong || !r
	}
	return right && wrong && len(l.Right) == len(l.Features)
}

// TrainOptions set the training of the ranker.
type TrainOptions struct {
	// L2 is the weight of the squared distance of the weights from Prior
	// (per item of unit weight): the larger, the closer the learned
	// weights stay to Prior.
	L2 float64
	// Prior is where the weights start and what L2 pulls them to.
	Prior Weights
	// Iterations of full-batch gradient descent (Adam); 600 when 0.
	Iterations int
	// Hinge trains on the margin instead: the loss of an item is
	// max(0, 1 + best wrong score - best right score), which counts only
	// the items ranked wrong or nearly so.
	Hinge bool
}

// Train fits the ranker's weights to xs: a listwise logistic model (the
// probability of a candidate is the softmax of the scores of the mention's
// candidates), minimising the weighted negative log-probability of the
// right candidates plus L2 times the squared distance from Prior. The
// loss is convex; Adam on the full batch reaches its minimum closely
// enough for ranking. Items that are not Informative are left out.
func Train(xs []Labelled, o TrainOptions) Weights {
	iters := o.Iterations
	if iters <= 0 {
		iters = 600
	}
	w := o.Prior
	var m, v Weights
	const lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
	total := 0.0
	for i := range xs {
		if xs[i].Informative() {
			total += itemWeight(&xs[i])
		}
	}
	if total == 0 {
		return w
	}
	for t := 1; t <= iters; t++ {
		var g Weights
		if o.Hinge {
			g = hingeGradient(xs, &w, total)
		} else {
			g = gradient(xs, &w, total)
		}
		for k := range w {
			g[k] += o.L2 * (w[k] - o.Prior[k])
			m[k] = b1*m[k] + (1-b1)*g[k]
			v[k] = b2*v[k] + (1-b2)*g[k]*g[k]
			mh := m[k] / (1 - math.Pow(b1, float64(t)))
			vh := v[k] / (1 - math.Pow(b2, float64(t)))
			w[k] -= lr * mh / (math.Sqrt(vh) + eps)
		}
	}
	return w
}

func itemWeight(l *Labelled) float64 {
	if l.Weight == 0 {
		return 1
	}
	return l.Weight
}

// gradient returns the gradient of the mean weighted loss at w.
func gradient(xs []Labelled, w *Weights, total float64) Weights {
	var g Weights
	var scores, p []float64
	for i := range xs {
		l := &xs[i]
		if !l.Informative() {
			continue
		}
		scores = scores[:0]
		hi := math.Inf(-1)
		for _, f := range l.Features {
			s := dot(w[:], f[:])
			scores = append(scores, s)
			hi = math.Max(hi, s)
		}
		// p: softmax over all candidates; q: over the right ones.
		p = p[:0]
		zAll, zRight := 0.0, 0.0
		for x, s := range scores {
			e := math.Exp(s - hi)
			p = append(p, e)
			zAll += e
			if l.Right[x] {
				zRight += e
			}
		}
		iw := itemWeight(l) / total
		for x, f := range l.Features {
			coef := p[x] / zAll
			if l.Right[x] {
				coef -= p[x] / zRight
			}
			if coef == 0 {
				continue
			}
			for k, fv := range f {
				g[k] += iw * coef * fv
			}
		}
	}
	return g
}

// Evaluate returns the weighted share of the Informative items of xs
// whose best-scoring candidate under w is right, and their mean
// negative log-probability of the right candidates.
func Evaluate(xs []Labelled, w Weights) (accuracy, logLoss float64) {
	total, right, loss := 0.0, 0.0, 0.0
	for i := range xs {
		l := &xs[i]
		if !l.Informative() {
			continue
		}
		iw := itemWeight(l)
		total += iw
		best, hi := -1, math.Inf(-1)
		var scores []float64
		for x, f := range l.Features {
			s := dot(w[:], f[:])
			scores = append(scores, s)
			if s > hi {
				best, hi = x, s
			}
		}
		if l.Right[best] {
			right += iw
		}
		zAll, zRight := 0.0, 0.0
		for x, s := range scores {
			e := math.Exp(s - hi)
			zAll += e
			if l.Right[x] {
				zRight += e
			}
		}
		loss += iw * (math.Log(zAll) - math.Log(zRight))
	}
	if total == 0 {
		return 0, 0
	}
	return right / total, loss / total
}

// hingeGradient returns a subgradient of the mean weighted margin loss at
// w.
func hingeGradient(xs []Labelled, w *Weights, total float64) Weights {
	var g Weights
	for i := range xs {
		l := &xs[i]
		if !l.Informative() {
			continue
		}
		right, wrong := -1, -1
		var hiR, hiW float64
		for x, f := range l.Features {
			s := dot(w[:], f[:])
			if l.Right[x] {
				if right < 0 || s > hiR {
					right, hiR = x, s
				}
			} else if wrong < 0 || s > hiW {
				wrong, hiW = x, s
			}
		}
		if 1+hiW-hiR <= 0 {
			continue
		}
		iw := itemWeight(l) / total
		for k := range g {
			g[k] += iw * (l.Features[wrong][k] - l.Features[right][k])
		}
	}
	return g
}
