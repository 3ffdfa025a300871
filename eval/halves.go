package eval

import (
	"bufio"
	"fmt"
	"math"
)

// Figure is one headline number of a file report.
type Figure struct {
	Name  string
	Value float64
	// Count is what the figure is over (events, labels, toponyms,
	// articles, gold spans).
	Count int
}

// Figures returns the headline figures of f, in report order: event F1
// and field accuracies, weighted F1 of snippets, place shares, incident
// shares and entity F1s.
func Figures(f *FileReport) []Figure {
	var out []Figure
	add := func(name string, v float64, n int) { out = append(out, Figure{name, v, n}) }
	if e := f.Events; e != nil {
		add("events F1", e.F1, e.Gold)
		add("events precision", e.Precision, e.Extracted)
		add("events recall", e.Recall, e.Gold)
		for _, s := range f.Fields {
			if s.Total > 0 {
				add("field "+s.Field, s.Accuracy, s.Total)
			}
		}
	}
	if s := f.Snippets; s != nil {
		add("typing weighted F1", s.WeightedF1, s.Support)
		add("typing macro F1", s.MacroF1, s.Support)
		add("negatives with no event", s.NegativeShare, s.Negatives)
	}
	if p := f.Places; p != nil {
		add("places within 161 km", p.Within161Share, p.Gold)
		add("places recognised", p.RecognisedShare, p.Gold)
		add("places AUC (lower better)", p.AUC, p.Gold)
	}
	if s := f.Incidents; s != nil {
		add("incident found (place)", s.FoundShare, s.Articles)
		add("place+date+deaths right", s.AllRightShare, s.Articles)
		add("date right, of found", s.DateShare, s.Found)
		add("deaths right, of found", s.DeathsShare, s.Found)
		add("injuries right, of found", s.InjuriesShare, s.InjuriesTotal)
		add("events per article", s.EventsPerDoc, s.Articles)
	}
	for _, e := range f.Entities {
		add(e.Type+" F1 exact", e.Exact.F1, e.Gold)
		add(e.Type+" F1 overlap", e.Overlap.F1, e.Gold)
		add(e.Type+" F1 named, exact", e.NamedExact.F1, e.Named)
		add(e.Type+" F1 named, overlap", e.NamedOverlap.F1, e.Named)
		add(e.Type+" precision overlap", e.Overlap.Precision, e.Mentions)
	}
	return out
}

// writeHalves writes the side-by-side table of r's halves: each headline
// figure over every document, the tune half, the check half, and the
// check-minus-tune gap.
func writeHalves(w *bufio.Writer, r *Report) {
	fmt.Fprintln(w, "halves (tune: FNV-1a of incident or id even; check: odd; gap = check - tune)")
	for i, f := range r.Files {
		fmt.Fprintf(w, "== %s\n", f.Path)
		fmt.Fprintf(w, "  %-32s %13s %13s %13s %7s\n", "figure", "all", "tune", "check", "gap")
		all, tune, check := Figures(f), index(Figures(r.Tune[i])), index(Figures(r.Check[i]))
		for _, a := range all {
			t, okT := tune[a.Name]
			c, okC := check[a.Name]
			gap := "-"
			if okT && okC && t.Count > 0 && c.Count > 0 {
				gap = fmt.Sprintf("%+.3f", c.Value-t.Value)
			}
			fmt.Fprintf(w, "  %-32s %13s %13s %13s %7s\n", a.Name, showFigure(a, true), showFigure(t, okT), showFigure(c, okC), gap)
		}
	}
}

func index(fs []Figure) map[string]Figure {
	m := make(map[string]Figure, len(fs))
	for _, f := range fs {
		m[f.Name] = f
	}
	return m
}

func showFigure(f Figure, ok bool) string {
	if !ok || f.Count == 0 || math.IsNaN(f.Value) {
		return "-"
	}
	return fmt.Sprintf("%.3f (%d)", f.Value, f.Count)
}
