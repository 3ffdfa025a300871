package annotate

import (
	"sort"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/place"
)

// Mentions returns every mention of every layer of d as sitrep.Mentions,
// sorted by (Start, End): what `sitrep annotate` writes. actors names the
// actors (by the country of the document's first place and the reference
// date).
func Mentions(d *Doc, actors *actor.Matcher) []sitrep.Mention {
	text := d.Text
	var out []sitrep.Mention
	add := func(m sitrep.Mention) {
		m.Source = d.ID
		m.Text = text[m.Start:m.End]
		out = append(out, m)
	}
	for _, list := range [][]date.Expr{d.Dates.All, d.Timexes} {
		for _, e := range list {
			m := sitrep.Mention{Kind: sitrep.KindDate, Start: e.Start, End: e.End, Type: e.Type}
			if e.Value != "" {
				m.Value = e.Value // an unresolved date has none
			}
			add(m)
		}
	}
	for _, n := range d.Numbers.All {
		m := sitrep.Mention{Kind: sitrep.KindNumber, Start: n.Start, End: n.End, Value: n.Value}
		if n.Ordinal {
			m.Label = "ordinal"
		}
		add(m)
	}
	for _, list := range [][]place.Mention{d.Places.All, d.Adjectives} {
		for _, pl := range list {
			lat, lon := pl.Lat, pl.Lon
			m := sitrep.Mention{Kind: sitrep.KindPlace, Start: pl.Start, End: pl.End, Name: pl.Name,
				GeonameID: pl.ID, Latitude: &lat, Longitude: &lon, Country: pl.Country,
				Admin1: pl.Admin1, Admin2: pl.Admin2, FeatureCode: pl.FeatureCode}
			if pl.Adjective {
				m.Label = "adjective"
			}
			add(m)
		}
	}
	country := d.firstCountry()
	for i := range d.Actors.All {
		a := &d.Actors.All[i]
		if a.Kind == actor.Country && a.Demonym {
			continue
		}
		if r := actors.Resolve(a, country, d.Ref); r.Name != "" {
			add(sitrep.Mention{Kind: sitrep.KindActor, Start: a.Start, End: a.End, Name: r.Name})
		}
	}
	for _, pm := range d.People.All {
		add(sitrep.Mention{Kind: sitrep.KindPerson, Start: pm.Start, End: pm.End, Name: pm.Name, Label: pm.Role})
	}
	for _, b := range d.Bodies {
		add(sitrep.Mention{Kind: sitrep.KindActor, Start: b.Start, End: b.End, Name: text[b.Start:b.End], Label: "organisation"})
	}
	for _, o := range d.Offices {
		add(sitrep.Mention{Kind: sitrep.KindPerson, Start: o.Start, End: o.End, Name: text[o.Start:o.End], Label: "office"})
	}
	for _, c := range d.Cues.All {
		add(sitrep.Mention{Kind: sitrep.KindClaim, Start: c.Start, End: c.End, Label: c.Stance})
	}
	for _, t := range d.Triggers.All {
		if t.Class.Prefix("ctx:") {
			continue
		}
		add(sitrep.Mention{Kind: sitrep.KindTrigger, Start: t.Start, End: t.End, Name: string(t.Class), Label: t.Suppressed})
	}
	for si := range d.Sents {
		ws := d.Words.In(si)
		for _, w := range ws {
			arc := sitrep.WordArc{Rel: w.Deprel, HeadStart: -1, HeadEnd: -1}
			if w.Head > 0 && w.Head <= len(ws) {
				arc.HeadStart, arc.HeadEnd = ws[w.Head-1].Start, ws[w.Head-1].End
			}
			add(sitrep.Mention{Kind: sitrep.KindWord, Start: w.Start, End: w.End, Name: w.Lemma, Label: w.UPOS, Value: arc})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out
}
