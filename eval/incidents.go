package eval

import (
	"slices"

	"github.com/sitrep-dev/sitrep"
)

// Incident figures. A partial document (an archive's incident record:
// gva-dev.jsonl) is also scored per article, the way a tracker of
// incidents reads it: its first gold event is the incident. The incident
// is found when some extracted event, of any type, has the right place
// (within the gold's within_km). Of the events that do, the best one (the
// most of date, deaths and injuries right, then the first) is the
// article's answer: its date, deaths and injuries are scored, and the
// article is all right when place, exact date and exact deaths are.

// IncidentScores are the per-article figures of partial documents.
type IncidentScores struct {
	Articles  int `json:"articles"`
	Extracted int `json:"extracted"` // events extracted from them
	Found     int `json:"found"`     // an event with the right place
	DateRight int `json:"date_right"`
	// DeathsRight and InjuriesRight count found articles whose best event
	// has the gold's fatalities and injuries; InjuriesTotal those whose
	// gold gives injuries.
	DeathsRight   int `json:"deaths_right"`
	InjuriesRight int `json:"injuries_right"`
	InjuriesTotal int `json:"injuries_total"`
	// AllRight counts articles with place, exact date and exact deaths.
	AllRight int `json:"all_right"`

	FoundShare    float64 `json:"found_share"`
	AllRightShare float64 `json:"all_right_share"`
	EventsPerDoc  float64 `json:"events_per_article"`
	DateShare     float64 `json:"date_share_of_found"`
	DeathsShare   float64 `json:"deaths_share_of_found"`
	InjuriesShare float64 `json:"injuries_share_of_found"`
}

// incidentOutcome is the per-article score of one partial document.
type incidentOutcome struct {
	scored, found, date, deaths, injuries, injuriesGiven, all bool
	extracted                                                 int
}

// scoreIncident scores the first gold event of d against events.
func scoreIncident(d *GoldDoc, events []sitrep.Event) incidentOutcome {
	o := incidentOutcome{extracted: len(events)}
	if !d.Partial || len(d.Events) == 0 {
		return o
	}
	o.scored = true
	g := d.Events[0]
	o.injuriesGiven = g.Injuries != nil
	best := -1
	for i := range events {
		e := &events[i]
		if !placeRight(g, e) {
			continue
		}
		date := g.EventDate == nil || dateRight(g.EventDate, e.EventDate)
		deaths := g.Fatalities == nil || slices.Contains(g.Fatalities, e.Fatalities)
		inj := g.Injuries == nil || slices.Contains(g.Injuries, e.Injuries)
		score := b2i(date && deaths)*8 + b2i(date)*4 + b2i(deaths)*2 + b2i(inj)
		if best < score {
			best = score
			o.found, o.date, o.deaths, o.injuries = true, date, deaths, inj && o.injuriesGiven
			o.all = date && deaths
		}
	}
	return o
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// incidentFigures sums incident outcomes.
func incidentFigures(outs []incidentOutcome) *IncidentScores {
	s := &IncidentScores{}
	for _, o := range outs {
		if !o.scored {
			continue
		}
		s.Articles++
		s.Extracted += o.extracted
		s.Found += b2i(o.found)
		s.DateRight += b2i(o.date)
		s.DeathsRight += b2i(o.deaths)
		s.InjuriesRight += b2i(o.injuries)
		if o.found && o.injuriesGiven {
			s.InjuriesTotal++
		}
		s.AllRight += b2i(o.all)
	}
	if s.Articles == 0 {
		return nil
	}
	n := float64(s.Articles)
	s.FoundShare = float64(s.Found) / n
	s.AllRightShare = float64(s.AllRight) / n
	s.EventsPerDoc = float64(s.Extracted) / n
	if s.Found > 0 {
		s.DateShare = float64(s.DateRight) / float64(s.Found)
		s.DeathsShare = float64(s.DeathsRight) / float64(s.Found)
	}
	if s.InjuriesTotal > 0 {
		s.InjuriesShare = float64(s.InjuriesRight) / float64(s.InjuriesTotal)
	}
	return s
}
