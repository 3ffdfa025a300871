package eval

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes r as a plain-text report; verbose adds the per-document
// details (Run must have kept them: Options.Details).
func WriteText(w io.Writer, r *Report, verbose bool) error {
	bw := bufio.NewWriter(w)
	if r.Half != "" {
		fmt.Fprintf(bw, "half: %s (documents whose key hashes %s; see eval.HalfOf)\n\n", r.Half, map[string]string{HalfTune: "even", HalfCheck: "odd"}[r.Half])
	}
	if r.Tune != nil {
		writeHalves(bw, r)
		fmt.Fprintln(bw)
	}
	for i, f := range r.Files {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		writeFile(bw, f, verbose)
	}
	if r.ElapsedSeconds > 0 {
		fmt.Fprintf(bw, "\n%.2fs with %d workers\n", r.ElapsedSeconds, r.Workers)
	}
	return bw.Flush()
}

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}

// plural returns n and noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func writeFile(w *bufio.Writer, f *FileReport, verbose bool) {
	fmt.Fprintf(w, "== %s: %s", f.Path, plural(f.Documents, "document"))
	if f.Unscored > 0 {
		fmt.Fprintf(w, ", %d unscored (skipped)", f.Unscored)
	}
	if f.Failed > 0 {
		fmt.Fprintf(w, ", %d FAILED (pipeline panic)", f.Failed)
	}
	fmt.Fprintln(w)

	if e := f.Events; e != nil {
		fmt.Fprintf(w, "events: gold %d (+%d optional), extracted %d\n", e.Gold, e.Optional, e.Extracted)
		fmt.Fprintf(w, "  TP %d  FP %d  FN %d  optional matched %d\n", e.TP, e.FP, e.FN, e.OptionalMatched)
		fmt.Fprintf(w, "  precision %.3f  recall %.3f  F1 %.3f\n", e.Precision, e.Recall, e.F1)
		if len(e.Types) > 1 {
			for _, t := range e.Types {
				fmt.Fprintf(w, "  %-28s P %.3f  R %.3f  F1 %.3f  (TP %d FP %d FN %d)\n", t.EventType, t.Precision, t.Recall, t.F1, t.TP, t.FP, t.FN)
			}
		}
	}
	if len(f.Fields) > 0 {
		fmt.Fprintf(w, "fields over %d matched events:\n", f.Events.TP)
		for _, s := range f.Fields {
			acc := "    -"
			if s.Total > 0 {
				acc = fmt.Sprintf("%.3f", s.Accuracy)
			}
			fmt.Fprintf(w, "  %-15s %s  %d/%d\n", s.Field, acc, s.Right, s.Total)
		}
	}
	if p := f.People; p != nil {
		fmt.Fprintf(w, "people of matched events: %d gold, found %d, fate %d/%d, affiliation %d/%d\n",
			p.Gold, p.Found, p.FateRight, p.FateTotal, p.AffiliationRight, p.AffiliationTotal)
	}
	if s := f.Snippets; s != nil {
		fmt.Fprintf(w, "sub-event types over %d labelled snippets:\n", s.Snippets)
		fmt.Fprintf(w, "  %-38s %5s %5s %5s %7s %4s %4s %4s\n", "sub_event_type", "P", "R", "F1", "support", "TP", "FP", "FN")
		for _, t := range s.Types {
			fmt.Fprintf(w, "  %-38s %.3f %.3f %.3f %7d %4d %4d %4d\n", t.SubEventType, t.Precision, t.Recall, t.F1, t.Support, t.TP, t.FP, t.FN)
		}
		fmt.Fprintf(w, "  weighted F1 %.3f (over %d gold labels), macro F1 %.3f\n", s.WeightedF1, s.Support, s.MacroF1)
		fmt.Fprintf(w, "negative snippets with no event: %d/%d (%s)", s.NegativesEmpty, s.Negatives, pct(s.NegativesEmpty, s.Negatives))
		for _, l := range s.NegativeLabels {
			fmt.Fprintf(w, "  %s %d/%d", l.Label, l.Empty, l.Snippets)
		}
		fmt.Fprintln(w)
		if verbose && len(s.Confusions) > 0 {
			fmt.Fprintln(w, "confusions (gold -> predicted instead, snippets):")
			for _, c := range s.Confusions {
				g, p := c.Gold, c.Predicted
				if g == "" {
					g = "(no event)"
				}
				if p == "" {
					p = "(nothing)"
				}
				fmt.Fprintf(w, "  %4d  %s -> %s\n", c.Count, g, p)
			}
		}
	}
	if p := f.Places; p != nil {
		fmt.Fprintf(w, "places: %d gold toponyms in %s; %s, %d on a gold toponym\n",
			p.Gold, plural(p.Documents, "document"), plural(p.Mentions, "place mention"), p.OnGold)
		fmt.Fprintf(w, "  recognised       %d/%d (%s), %d with coordinates\n", p.Recognised, p.Gold, pct(p.Recognised, p.Gold), p.Resolved)
		fmt.Fprintf(w, "  end to end       within 161 km %s  mean error %.0f km  median %.0f km  AUC %.3f\n",
			pct(p.Within161, p.Gold), p.MeanErrorKm, p.MedianErrorKm, p.AUC)
		if p.Recognised > 0 {
			fmt.Fprintf(w, "  of recognised    within 161 km %.1f%%  mean error %.0f km  AUC %.3f\n",
				100*p.Within161ShareRecognised, p.MeanErrorKmRecognised, p.AUCRecognised)
		}
		fmt.Fprintf(w, "  (unrecognised or unresolved toponyms count %d km; AUC: 0 best, 1 worst)\n", MaxErrorKm)
	}
	if s := f.Incidents; s != nil {
		fmt.Fprintf(w, "incidents over %d articles (partial; the first gold event, any event type):\n", s.Articles)
		fmt.Fprintf(w, "  found (right place)      %d/%d (%s)\n", s.Found, s.Articles, pct(s.Found, s.Articles))
		fmt.Fprintf(w, "  place+date+deaths right  %d/%d (%s)\n", s.AllRight, s.Articles, pct(s.AllRight, s.Articles))
		fmt.Fprintf(w, "  of found: date %s, deaths %s, injuries %s (%d/%d)\n", pct(s.DateRight, s.Found), pct(s.DeathsRight, s.Found),
			pct(s.InjuriesRight, s.InjuriesTotal), s.InjuriesRight, s.InjuriesTotal)
		fmt.Fprintf(w, "  events per article %.2f (%d)\n", s.EventsPerDoc, s.Extracted)
	}
	if len(f.Entities) > 0 {
		fmt.Fprintln(w, "entities (gold type <- mention kind):         P     R    F1   gold mentions")
		for _, e := range f.Entities {
			for _, row := range []struct {
				name string
				prf  PRF
				gold int
			}{{"exact", e.Exact, e.Gold}, {"overlap", e.Overlap, e.Gold}, {"named, exact", e.NamedExact, e.Named}, {"named, overlap", e.NamedOverlap, e.Named}} {
				fmt.Fprintf(w, "  %-13s <- %-7s %-15s %.3f %.3f %.3f %6d %8d\n", e.Type, e.Kind, row.name, row.prf.Precision, row.prf.Recall, row.prf.F1, row.gold, e.Mentions)
			}
		}
	}
	fmt.Fprintf(w, "evidence spans: %d checked, %d violations of text[start:end] == text\n", f.Evidence.Spans, f.Evidence.Violations)

	if !verbose {
		return
	}
	for _, d := range f.Details {
		writeDoc(w, d)
	}
}

func writeDoc(w *bufio.Writer, d *DocReport) {
	loc := d.ID
	if d.Line > 0 {
		loc = fmt.Sprintf("%s (line %d)", d.ID, d.Line)
	}
	if d.Places != nil || d.Mentions > 0 {
		fmt.Fprintf(w, "-- %s: %s\n", loc, plural(d.Mentions, "place mention"))
	} else {
		fmt.Fprintf(w, "-- %s: %d extracted\n", loc, d.Extracted)
	}
	if d.Error != "" {
		fmt.Fprintf(w, "  ERROR %s\n", d.Error)
	}
	if s := d.Snippet; s != nil && !s.Right {
		fmt.Fprintf(w, "  label %s: gold [%s], predicted [%s]\n", s.Label, strings.Join(s.Gold, ", "), strings.Join(s.Predicted, ", "))
	}
	for _, m := range d.Misses {
		fmt.Fprintf(w, "  MISS %q (%s): %s\n", m.Label, m.EventType, m.Reason)
	}
	for _, fp := range d.FalsePositives {
		fmt.Fprintf(w, "  FP #%d %s / %s, %s, %q: %s\n", fp.Extracted+1, fp.EventType, fp.SubEventType, fp.EventDate, fp.Location, fp.Reason)
	}
	for _, fe := range d.FieldErrors {
		fmt.Fprintf(w, "  WRONG %s of %q (extracted #%d): want %s, got %s\n", fe.Field, fe.Label, fe.Extracted+1, fe.Want, fe.Got)
	}
	for _, p := range d.Places {
		if p.ErrorKm < 0 {
			fmt.Fprintf(w, "  PLACE %q [%d,%d) not recognised\n", p.Text, p.Start, p.End)
		} else {
			fmt.Fprintf(w, "  PLACE %q [%d,%d) resolved as %q, %.0f km off\n", p.Text, p.Start, p.End, p.Mention, p.ErrorKm)
		}
	}
	for _, e := range d.Entities {
		if e.Missed {
			fmt.Fprintf(w, "  ENTITY %s %q [%d,%d) not found\n", e.Type, e.Text, e.Start, e.End)
		} else {
			fmt.Fprintf(w, "  ENTITY %s %q [%d,%d) is no gold %s\n", e.Type, e.Text, e.Start, e.End, e.Type)
		}
	}
	for _, v := range d.SpanViolations {
		fmt.Fprintf(w, "  SPAN %s [%d,%d) says %q, text has %q\n", v.Kind, v.Start, v.End, v.Text, v.AtSpan)
	}
}
