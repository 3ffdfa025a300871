package event

import "github.com/sitrep-dev/sitrep/internal/phrase"

// deathRange is the range of an event's death toll as the text reports it:
// UCDP GED's low, best and high estimates beside ACLED's single figure.
//
//   - A range in the text ("between 10 and 15 were killed", "10 to 15
//     dead") gives its lowest figure to the low and its highest to the
//     high (ACLED codes the lowest: annotate/number keeps both).
//   - Sentences that each state the toll and disagree ("officials said 10
//     soldiers died; residents said 20") are conflicting reports of one
//     event: the range spans them, and ACLED's figure is the lowest
//     (codebook, "Fatalities": where reports differ, the most conservative
//     figure is coded).
//   - A toll told as an update ("the death toll rose to 12", "has climbed
//     to") supersedes the figures told before it: a later count, not a
//     conflicting one (function word class toll_update).
//
// Where the text gives one figure, or none, there is no range: the three
// stay blank, not copies of the one figure.
type deathRange struct {
	low, high int
	// conflict marks figures of different sentences that disagree (not
	// only one sentence's range).
	conflict bool
	// span is the count that states low, for the evidence of fatalities.
	span [2]int
	ok   bool
}

// deathFigures reads the death toll's range from the counts of draft d.
// Counts of the injured who later died and victims told by rank are
// transitions of one tally, not reports of the toll, and take no part;
// neither do a period's figures (periodTally) nor a victim told without a
// numeral. Figures that differ without
// a speaker each are not conflicting reports: news retells a toll victim
// by victim ("one of the men died at the scene"), and such parts are the
// tally's business.
func (b *Builder) deathFigures(in *docState, d *draft, precision int) deathRange {
	type sentFig struct {
		low, high  int
		start, end int    // the first count of the sentence
		speaker    string // who the sentence says told it, folded; "" when no one
		update     bool
	}
	var figs []sentFig
	last := -1
	for _, c := range d.counts {
		if c.fate != fateKilled || c.later || c.ordinal {
			continue
		}
		si := sentenceOf(in, c.start)
		if periodTally(in, si, c.start, precision) {
			continue
		}
		// A toll is a numeral; a person told by an article, a noun or a
		// pronoun ("a woman", "his son") is one victim, not a report of
		// the toll.
		high, numeral := c.n, false
		for _, n := range in.Numbers.In(si) {
			if n.Start == c.start {
				numeral = true
				high = max(n.High, c.n)
			}
		}
		if !numeral {
			continue
		}
		if si != last {
			figs = append(figs, sentFig{start: c.start, end: c.end, speaker: speakerOf(in, si), update: tollUpdate(in, si)})
			last = si
		}
		f := &figs[len(figs)-1]
		f.low += c.n
		f.high += high
	}
	// An update supersedes what was told before it.
	for i := len(figs) - 1; i > 0; i-- {
		if figs[i].update {
			figs = figs[i:]
			break
		}
	}
	// Reports conflict when two speakers give different figures.
	conflict := false
	for i, f := range figs {
		for _, g := range figs[i+1:] {
			if f.speaker != "" && g.speaker != "" && f.speaker != g.speaker && f.low != g.low {
				conflict = true
			}
		}
	}
	var r deathRange
	for _, f := range figs {
		if !(conflict && f.speaker != "") && f.high == f.low {
			continue
		}
		if !r.ok || f.low < r.low {
			r.low, r.span = f.low, [2]int{f.start, f.end}
		}
		if !r.ok || f.high > r.high {
			r.high = f.high
		}
		r.ok = true
	}
	r.conflict = conflict
	r.ok = r.ok && r.low < r.high
	return r
}

// speakerOf returns the folded words of the first speaker a claim cue of
// sentence si names, "" when none does.
func speakerOf(in *docState, si int) string {
	for _, c := range in.Cues.In(si) {
		if c.HasSpeaker() {
			return phrase.Fold(in.Text[in.Toks[c.SpeakerFirst].Start:in.Toks[c.SpeakerLast-1].End])
		}
	}
	return ""
}

// tollUpdate reports whether sentence si tells a toll as an update of an
// earlier one ("the toll rose to 12").
func tollUpdate(in *docState, si int) bool {
	s := in.Sents[si]
	for k := s.First; k < s.Last; k++ {
		if fw.tok(in.Text, in.Toks, k, tollUpdateWord) {
			return true
		}
	}
	return false
}

// statingSpan returns the evidence of a figure n of the dead: the span of
// a count in d that states n (span itself when its count does), else span,
// else the first count of the dead (a figure the tally added up).
func statingSpan(d *draft, span [2]int, n int) [2]int {
	first, firstKilled := [2]int{}, [2]int{}
	for _, c := range d.counts {
		if c.fate != fateKilled {
			continue
		}
		if firstKilled[1] == 0 {
			firstKilled = [2]int{c.start, c.end}
		}
		if c.later || c.n != n {
			continue
		}
		if c.start == span[0] && c.end == span[1] {
			return span
		}
		if first[1] == 0 {
			first = [2]int{c.start, c.end}
		}
	}
	switch {
	case first[1] > 0:
		return first
	case span[1] > 0:
		return span
	}
	return firstKilled
}
