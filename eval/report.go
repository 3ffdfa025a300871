package eval

import (
	"sort"

	"github.com/sitrep-dev/sitrep"
)

// Report is the result of Run: one FileReport per gold file, in the order
// given.
type Report struct {
	Files []*FileReport `json:"files"`
	// Half is the half Files covers ("" for every document).
	Half string `json:"half,omitempty"`
	// Tune and Check are the same files aggregated over each half, when
	// Options.BothHalves is set.
	Tune    []*FileReport `json:"tune,omitempty"`
	Check   []*FileReport `json:"check,omitempty"`
	Workers int           `json:"workers"`
	// ElapsedSeconds is the wall time of Run; it varies from run to run.
	ElapsedSeconds float64 `json:"elapsed_seconds"`
}

// FileReport holds the figures of one gold file. A section is nil when the
// file has no documents of its kind.
type FileReport struct {
	Path      string `json:"path"`
	Documents int    `json:"documents"` // every document read
	Unscored  int    `json:"unscored"`  // documents marked unscored, not run
	// Failed counts documents on which the pipeline panicked.
	Failed int `json:"failed"`

	Events   *EventScores   `json:"events,omitempty"`
	Fields   []FieldScore   `json:"fields,omitempty"`
	People   *PeopleScores  `json:"people,omitempty"`
	Snippets *SnippetScores `json:"snippets,omitempty"`
	Places   *PlaceScores   `json:"places,omitempty"`
	// Incidents are the per-article figures of partial documents.
	Incidents *IncidentScores `json:"incidents,omitempty"`
	// Entities are the entity-recognition figures of entity gold.
	Entities []EntityScores `json:"entities,omitempty"`
	Evidence EvidenceCheck  `json:"evidence"`

	// Details lists the documents with something to report (a miss, a
	// false positive, a wrong field, a place error, a span violation),
	// when Options.Details is set.
	Details []*DocReport `json:"details,omitempty"`
}

// PRF is precision, recall and F1 from true positives, false positives and
// false negatives; each is 0 when undefined.
type PRF struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newPRF(tp, fp, fn int) PRF {
	p := PRF{TP: tp, FP: fp, FN: fn}
	if tp+fp > 0 {
		p.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		p.Recall = float64(tp) / float64(tp+fn)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	return p
}

// EventScores are the event-level figures of a file.
type EventScores struct {
	PRF
	Documents       int `json:"documents"` // scored event documents
	Gold            int `json:"gold"`      // required gold events
	Optional        int `json:"optional"`  // optional gold events
	Extracted       int `json:"extracted"`
	OptionalMatched int `json:"optional_matched"` // extracted events paired with optional gold events
	// Types breaks the figures down by event_type (the extracted type for
	// true and false positives, the gold's first type for misses).
	Types []EventTypeScore `json:"types"`
}

// EventTypeScore is the event-level figures of one event_type.
type EventTypeScore struct {
	EventType string `json:"event_type"`
	PRF
}

// FieldScore is the accuracy of one field over the matched events whose
// gold gives it.
type FieldScore struct {
	Field    string  `json:"field"`
	Right    int     `json:"right"`
	Total    int     `json:"total"`
	Accuracy float64 `json:"accuracy"`
}

// PeopleScores count the gold people of matched events.
type PeopleScores struct {
	Gold             int `json:"gold"`
	Found            int `json:"found"`
	FateRight        int `json:"fate_right"`
	FateTotal        int `json:"fate_total"`
	AffiliationRight int `json:"affiliation_right"`
	AffiliationTotal int `json:"affiliation_total"`
}

// SnippetScores are the per-sub-event-type figures of labelled snippets.
type SnippetScores struct {
	Snippets int         `json:"snippets"` // scored labelled snippets
	Types    []TypeScore `json:"types"`    // by gold count, then name
	// WeightedF1 is F1 averaged over types weighted by their gold counts
	// (Support); MacroF1 is the plain mean over types with gold.
	WeightedF1 float64 `json:"weighted_f1"`
	MacroF1    float64 `json:"macro_f1"`
	Support    int     `json:"support"`
	// Confusions counts, for mislabelled snippets, each gold label with
	// what was predicted instead ("" when nothing was): most frequent
	// first.
	Confusions []Confusion `json:"confusions"`
	// Negatives are snippets with no gold event; Empty of them got none.
	Negatives      int          `json:"negatives"`
	NegativesEmpty int          `json:"negatives_empty"`
	NegativeShare  float64      `json:"negative_share"`
	NegativeLabels []LabelCount `json:"negative_labels"`
}

// TypeScore is one row of the per-sub-event-type table.
type TypeScore struct {
	SubEventType string `json:"sub_event_type"`
	PRF
	Support int `json:"support"` // gold count
}

// Confusion is a gold sub-event type and a wrong prediction for it, with
// the number of snippets. Gold is "" for a snippet with no gold event.
type Confusion struct {
	Gold      string `json:"gold"`
	Predicted string `json:"predicted"`
	Count     int    `json:"count"`
}

// LabelCount is how many snippets of a class got no event.
type LabelCount struct {
	Label    string `json:"label"`
	Snippets int    `json:"snippets"`
	Empty    int    `json:"empty"`
}

// EvidenceCheck counts spans that break text[start:end] == text: event
// evidence and claims for event documents, place mentions for place
// documents.
type EvidenceCheck struct {
	Spans      int `json:"spans"`
	Violations int `json:"violations"`
}

func (c *EvidenceCheck) check(text, kind string, start, end int, want string, rep *DocReport) {
	c.Spans++
	if start >= 0 && start <= end && end <= len(text) && text[start:end] == want {
		return
	}
	c.Violations++
	got := "out of range"
	if start >= 0 && start <= end && end <= len(text) {
		got = text[start:end]
	}
	rep.SpanViolations = append(rep.SpanViolations, SpanViolation{Kind: kind, Start: start, End: end, Text: want, AtSpan: got})
}

func (c *EvidenceCheck) checkEvents(text string, events []sitrep.Event, rep *DocReport) {
	for _, e := range events {
		for _, ev := range e.Evidence {
			c.check(text, "evidence "+ev.Field, ev.Start, ev.End, ev.Text, rep)
		}
		for _, cl := range e.Claims {
			c.check(text, "claim", cl.Start, cl.End, cl.Text, rep)
		}
	}
}

func (c *EvidenceCheck) checkMentions(text string, ms []sitrep.Mention, rep *DocReport) {
	for _, m := range ms {
		c.check(text, "mention "+m.Kind, m.Start, m.End, m.Text, rep)
	}
}

// DocReport is the per-document detail behind the figures.
type DocReport struct {
	ID        string `json:"id"`
	Line      int    `json:"line,omitempty"`
	Error     string `json:"error,omitempty"`
	Extracted int    `json:"extracted"`          // events, for event documents
	Mentions  int    `json:"mentions,omitempty"` // place mentions, for place documents

	Misses         []Miss          `json:"misses,omitempty"`
	FalsePositives []FalsePositive `json:"false_positives,omitempty"`
	FieldErrors    []FieldError    `json:"field_errors,omitempty"`
	Snippet        *SnippetResult  `json:"snippet,omitempty"`
	Places         []PlaceError    `json:"places,omitempty"`
	Entities       []EntityError   `json:"entities,omitempty"`
	SpanViolations []SpanViolation `json:"span_violations,omitempty"`
}

// interesting reports whether d has anything to show.
func (d *DocReport) interesting() bool {
	return d.Error != "" || len(d.Misses) > 0 || len(d.FalsePositives) > 0 || len(d.FieldErrors) > 0 ||
		(d.Snippet != nil && !d.Snippet.Right) || len(d.Places) > 0 || len(d.Entities) > 0 || len(d.SpanViolations) > 0
}

// Miss is a required gold event that nothing was paired with.
type Miss struct {
	Gold      int    `json:"gold"` // index among the document's gold events
	Label     string `json:"label"`
	EventType string `json:"event_type"`
	Reason    string `json:"reason"`
}

// FalsePositive is an extracted event paired with no gold event.
type FalsePositive struct {
	Extracted    int    `json:"extracted"` // index among the extracted events
	EventID      string `json:"event_id"`
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
	EventDate    string `json:"event_date"`
	Location     string `json:"location"`
	Reason       string `json:"reason"`
}

// FieldError is a wrong field of a matched event.
type FieldError struct {
	Gold      int    `json:"gold"`
	Label     string `json:"label"`
	Extracted int    `json:"extracted"`          // events, for event documents
	Mentions  int    `json:"mentions,omitempty"` // place mentions, for place documents
	Field     string `json:"field"`
	Want      string `json:"want"`
	Got       string `json:"got"`
}

// SnippetResult is the labelling of one snippet.
type SnippetResult struct {
	Label     string   `json:"label"`
	Gold      []string `json:"gold"`      // gold sub-event types
	Predicted []string `json:"predicted"` // distinct extracted sub-event types
	Right     bool     `json:"right"`     // predicted is exactly the gold
}

// PlaceError is a gold toponym not recognised, or resolved farther than
// 161 km from the gold point.
type PlaceError struct {
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Text    string  `json:"text"`
	ErrorKm float64 `json:"error_km"` // -1 when not recognised
	// Mention is the place mention's name, when recognised.
	Mention string `json:"mention,omitempty"`
}

// EntityError is a named gold entity no mention overlaps (Missed), or a
// mention that overlaps no gold entity of its type.
type EntityError struct {
	Type   string `json:"type"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Missed bool   `json:"missed,omitempty"`
}

// SpanViolation is a span whose text does not match the document.
type SpanViolation struct {
	Kind   string `json:"kind"` // "evidence <field>", "claim", "mention <kind>"
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`    // what the span claims
	AtSpan string `json:"at_span"` // what the document holds there
}

// aggregate sums the outcomes of one file.
func aggregate(f *GoldFile, outs []*docOutcome, details bool, half string) *FileReport {
	fr := &FileReport{Path: f.Path}
	var (
		ev          EventScores
		byType      = map[string]*[3]int{}
		eventDocs   int
		fieldRight  = make([]int, len(fieldScorers))
		fieldTotal  = make([]int, len(fieldScorers))
		people      PeopleScores
		snip        snippetTally
		places      []placeOutcome
		entities    [][]entityOutcome
		incidents   []incidentOutcome
		havePeople  bool
		haveSnippet bool
	)
	for i, d := range f.Docs {
		if !inHalf(d, half) {
			continue
		}
		fr.Documents++
		if d.Unscored {
			fr.Unscored++
			continue
		}
		o := outs[i]
		if o == nil {
			continue
		}
		if o.failed {
			fr.Failed++
		}
		fr.Evidence.Spans += o.evidence.Spans
		fr.Evidence.Violations += o.evidence.Violations
		switch {
		case d.HasPlaces:
			places = append(places, o.place)
		case d.HasEntities:
			entities = append(entities, o.entities)
		default:
			incidents = append(incidents, o.incident)
			eventDocs++
			ev.Gold += o.gold
			ev.Optional += o.optional
			ev.Extracted += o.extracted
			ev.OptionalMatched += o.optMatched
			ev.TP += o.tp
			ev.FP += o.fp
			ev.FN += o.fn
			for typ, c := range o.byType {
				t := byType[typ]
				if t == nil {
					t = new([3]int)
					byType[typ] = t
				}
				for k := range c {
					t[k] += c[k]
				}
			}
			for k := range fieldScorers {
				fieldRight[k] += o.fieldRight[k]
				fieldTotal[k] += o.fieldTotal[k]
			}
			if o.people.Gold > 0 {
				havePeople = true
			}
			people.Gold += o.people.Gold
			people.Found += o.people.Found
			people.FateRight += o.people.FateRight
			people.FateTotal += o.people.FateTotal
			people.AffiliationRight += o.people.AffiliationRight
			people.AffiliationTotal += o.people.AffiliationTotal
			if o.snippet {
				haveSnippet = true
				snip.add(d.Label, o)
			}
		}
		if details && o.report.interesting() {
			rep := o.report
			fr.Details = append(fr.Details, &rep)
		}
	}
	if eventDocs > 0 {
		ev.Documents = eventDocs
		ev.PRF = newPRF(ev.TP, ev.FP, ev.FN)
		for typ, c := range byType {
			ev.Types = append(ev.Types, EventTypeScore{EventType: typ, PRF: newPRF(c[0], c[1], c[2])})
		}
		sort.Slice(ev.Types, func(i, j int) bool { return ev.Types[i].EventType < ev.Types[j].EventType })
		fr.Events = &ev
		for k, fs := range fieldScorers {
			if fieldTotal[k] == 0 && !hasGoldField(f, k) {
				continue
			}
			s := FieldScore{Field: fs.name, Right: fieldRight[k], Total: fieldTotal[k]}
			if s.Total > 0 {
				s.Accuracy = float64(s.Right) / float64(s.Total)
			}
			fr.Fields = append(fr.Fields, s)
		}
		if havePeople || hasGoldPeople(f) {
			fr.People = &people
		}
	}
	if haveSnippet {
		fr.Snippets = snip.scores()
	}
	if len(places) > 0 {
		fr.Places = placeFigures(places)
	}
	if len(entities) > 0 {
		fr.Entities = entityFigures(entities)
	}
	fr.Incidents = incidentFigures(incidents)
	return fr
}

// hasGoldField reports whether some scored required gold event of f gives
// field k, so that the field is listed even when nothing was matched.
func hasGoldField(f *GoldFile, k int) bool {
	var e sitrep.Event
	for _, d := range f.Docs {
		if d.Unscored {
			continue
		}
		for _, g := range d.Events {
			if _, given := fieldScorers[k].score(g, &e); given {
				return true
			}
		}
	}
	return false
}

func hasGoldPeople(f *GoldFile) bool {
	for _, d := range f.Docs {
		if d.Unscored {
			continue
		}
		for _, g := range d.Events {
			if g.People != nil {
				return true
			}
		}
	}
	return false
}

// snippetTally accumulates per-type counts of labelled snippets.
type snippetTally struct {
	snippets           int
	tp, fp, fn         map[string]int // by folded sub-event type
	names              map[string]string
	goldNamed          map[string]bool
	negatives, empty   int
	negLabels, negEmpt map[string]int
	confusions         map[[2]string]int
}

func (t *snippetTally) name(s string, gold bool) string {
	if t.names == nil {
		t.tp, t.fp, t.fn = map[string]int{}, map[string]int{}, map[string]int{}
		t.names, t.goldNamed = map[string]string{}, map[string]bool{}
		t.negLabels, t.negEmpt = map[string]int{}, map[string]int{}
		t.confusions = map[[2]string]int{}
	}
	k := fold(s)
	if _, ok := t.names[k]; !ok || (gold && !t.goldNamed[k]) {
		t.names[k] = s
		t.goldNamed[k] = t.goldNamed[k] || gold
	}
	return k
}

// add scores one snippet: each gold label found among the predicted ones
// is a true positive, each one missing a false negative, and every other
// predicted label a false positive.
func (t *snippetTally) add(label string, o *docOutcome) {
	t.name("", false) // initialise the maps
	t.snippets++
	used := make([]bool, len(o.predicted))
	right := true
	for _, set := range o.goldSets {
		found := false
		for _, g := range set {
			for j, p := range o.predicted {
				if !used[j] && fold(p) == fold(g) {
					used[j], found = true, true
					t.tp[t.name(g, true)]++
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			right = false
			t.fn[t.name(set[0], true)]++
		}
	}
	var missed, extra []string
	for _, set := range o.goldSets {
		found := false
		for _, g := range set {
			for _, p := range o.predicted {
				if fold(p) == fold(g) {
					found = true
				}
			}
		}
		if !found {
			missed = append(missed, set[0])
		}
	}
	for j, p := range o.predicted {
		if !used[j] {
			right = false
			t.fp[t.name(p, false)]++
			extra = append(extra, p)
		}
	}
	switch {
	case len(missed) > 0 && len(extra) == 0:
		for _, g := range missed {
			t.confusions[[2]string{g, ""}]++
		}
	case len(missed) > 0 || len(o.goldSets) == 0:
		for _, p := range extra {
			g := ""
			if len(missed) > 0 {
				g = missed[0]
			}
			t.confusions[[2]string{g, p}]++
		}
	}
	if len(o.goldSets) == 0 && o.gold == 0 {
		t.negatives++
		t.negLabels[label]++
		if o.extracted == 0 {
			t.empty++
			t.negEmpt[label]++
		}
	}
	if o.report.Snippet != nil {
		o.report.Snippet.Right = right
	}
}

func (t *snippetTally) scores() *SnippetScores {
	s := &SnippetScores{Snippets: t.snippets, Negatives: t.negatives, NegativesEmpty: t.empty}
	var wsum float64
	var macro float64
	nmacro := 0
	for k, name := range t.names {
		if k == "" {
			continue
		}
		ts := TypeScore{SubEventType: name, PRF: newPRF(t.tp[k], t.fp[k], t.fn[k]), Support: t.tp[k] + t.fn[k]}
		s.Types = append(s.Types, ts)
		s.Support += ts.Support
		wsum += float64(ts.Support) * ts.F1
		if ts.Support > 0 {
			macro += ts.F1
			nmacro++
		}
	}
	sort.Slice(s.Types, func(i, j int) bool {
		a, b := s.Types[i], s.Types[j]
		if a.Support != b.Support {
			return a.Support > b.Support
		}
		return a.SubEventType < b.SubEventType
	})
	if s.Support > 0 {
		s.WeightedF1 = wsum / float64(s.Support)
	}
	if nmacro > 0 {
		s.MacroF1 = macro / float64(nmacro)
	}
	if s.Negatives > 0 {
		s.NegativeShare = float64(s.NegativesEmpty) / float64(s.Negatives)
	}
	for l, n := range t.negLabels {
		s.NegativeLabels = append(s.NegativeLabels, LabelCount{Label: l, Snippets: n, Empty: t.negEmpt[l]})
	}
	for k, n := range t.confusions {
		s.Confusions = append(s.Confusions, Confusion{Gold: k[0], Predicted: k[1], Count: n})
	}
	sort.Slice(s.Confusions, func(i, j int) bool {
		a, b := s.Confusions[i], s.Confusions[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Gold != b.Gold {
			return a.Gold < b.Gold
		}
		return a.Predicted < b.Predicted
	})
	sort.Slice(s.NegativeLabels, func(i, j int) bool { return s.NegativeLabels[i].Label < s.NegativeLabels[j].Label })
	return s
}
