// Package eval scores the pipeline against gold files: event precision,
// recall and F1, per-field accuracy over matched events, the per-sub-event
// type table of labelled snippets, and place-resolution figures. The
// scoring contract is the "Gold files" section of ../shared/spec/events.md;
// where it leaves a choice open, this package decides as follows.
//
// Matching. An extracted event may pair with a gold event when it has the
// same event_type, its event_date lies in one of the gold's days or ranges,
// and its place is right (see below); checks the gold does not constrain
// pass. Match solves the assignment exactly: it maximises the required gold
// events paired, then all pairs (optional ones too), then agreement on the
// scored fields. A paired required event is a true positive; a paired
// optional event is neither a true nor a false positive; every unpaired
// extracted event is a false positive and every unpaired required event a
// false negative. Documents marked unscored are not run at all.
//
// Places of events. The gold location is right when the extracted point
// lies within within_km of the gold point (default 161 km); when either
// side lacks coordinates, when the extracted location name is one of the
// gold names. A gold event without location is placed by its admin1, or
// failing that its country.
//
// Fields. Every field the gold gives is scored over the matched required
// events; a list means any of its values is right, and strings are
// compared with case, diacritics and punctuation folded. people is right
// when every gold person is found among the extracted people and has the
// right fate and affiliation. A person is found when any of the gold name
// and aliases equals any of the extracted name and aliases, after folding
// and dropping leading titles (data/titles.tsv: "Mawlawi", "Ustad"). An
// affiliation is right when it folds to one of the gold's, or belongs to
// the same family (data/affiliations.tsv, after dropping a trailing
// parenthesised qualifier): gold "IS" accepts "Islamic State
// (Afghanistan)", "ISKP" and "Daesh".
//
// Places. A gold toponym is recognised when an Annotate place mention
// overlaps it (the largest overlap wins, then the earliest). Its error is
// the great-circle distance from the mention's point to the gold point.
// End-to-end figures count an unrecognised toponym, or one whose mention
// has no coordinates, at MaxErrorKm; the "of recognised" figures are over
// recognised toponyms only. AUC is Gritta et al. (2018)'s: the area under
// the curve of sorted log(1+error km), normalised by log(MaxErrorKm), so
// 0 is perfect and 1 the worst.
package eval

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Extractor turns a document into events; it must be safe for concurrent
// use.
type Extractor interface {
	// Extract returns the events of doc.
	Extract(doc *sitrep.Document) []sitrep.Event
}

// Pipeline is what eval runs: sitrep's pipeline.Pipeline, or a fake.
// It must be safe for concurrent use.
type Pipeline interface {
	Extractor
	// Annotate returns the mentions found in doc.
	Annotate(doc *sitrep.Document) []sitrep.Mention
}

// Options configure Run.
type Options struct {
	// Workers is the number of documents run at once; 0 means GOMAXPROCS.
	Workers int
	// Details keeps per-document details (misses, false positives, wrong
	// fields, place errors) in FileReport.Details.
	Details bool
	// Logger receives warnings, such as a pipeline panic on a document;
	// nil discards them.
	Logger *slog.Logger
	// Half keeps only the documents of one half, HalfTune or HalfCheck;
	// "" runs every document.
	Half string
	// BothHalves, with Half "", also aggregates each half on its own
	// (Report.Tune and Report.Check) from the same run.
	BothHalves bool
	// ScopeAll is the pipeline for gold files scored in the wide scope
	// (GoldFile.ScopeAll: every violent incident, whatever its motive);
	// nil uses the pipeline given to Run.
	ScopeAll Pipeline
}

// Run runs p over every scored document of files and scores it. Documents
// run in parallel; the report is the same for the same input whatever the
// number of workers. A panic of the pipeline on a document is recovered,
// logged and counted, and the document scores as if nothing was found.
func Run(ctx context.Context, p Pipeline, files []*GoldFile, opts Options) (*Report, error) {
	if _, err := loadTables(); err != nil {
		return nil, err
	}
	switch opts.Half {
	case "", HalfTune, HalfCheck:
	default:
		return nil, fmt.Errorf("eval: half %q: want %q or %q", opts.Half, HalfTune, HalfCheck)
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()

	type job struct{ file, doc int }
	outcomes := make([][]*docOutcome, len(files))
	var jobs []job
	for i, f := range files {
		outcomes[i] = make([]*docOutcome, len(f.Docs))
		for j, d := range f.Docs {
			if !d.Unscored && inHalf(d, opts.Half) {
				jobs = append(jobs, job{i, j})
			}
		}
	}
	ch := make(chan job)
	var wg sync.WaitGroup
	for range min(workers, max(1, len(jobs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for jb := range ch {
				d := files[jb.file].Docs[jb.doc]
				fp := p
				if opts.ScopeAll != nil && files[jb.file].ScopeAll() {
					fp = opts.ScopeAll
				}
				o := evalDoc(fp, d)
				if o.report.Error != "" {
					logger.Warn("pipeline failed", "file", files[jb.file].Path, "doc", d.ID, "err", o.report.Error)
				}
				outcomes[jb.file][jb.doc] = o
			}
		}()
	}
	var err error
	for _, jb := range jobs {
		if err = ctx.Err(); err != nil {
			break
		}
		ch <- jb
	}
	close(ch)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}

	r := &Report{Workers: workers, Half: opts.Half}
	for i, f := range files {
		r.Files = append(r.Files, aggregate(f, outcomes[i], opts.Details, opts.Half))
		if opts.BothHalves && opts.Half == "" {
			r.Tune = append(r.Tune, aggregate(f, outcomes[i], false, HalfTune))
			r.Check = append(r.Check, aggregate(f, outcomes[i], false, HalfCheck))
		}
	}
	r.ElapsedSeconds = time.Since(start).Seconds()
	return r, nil
}

// ScopeAll reports whether f is scored in the wide scope, every violent
// incident whatever its motive: a file of incident records (every scored
// event document partial, with an incident id, as gva-dev.jsonl is).
// Other gold is scored in the default scope, what ACLED codes.
func (f *GoldFile) ScopeAll() bool {
	n := 0
	for _, d := range f.Docs {
		if d.Unscored || d.HasPlaces || d.HasEntities {
			continue
		}
		if !d.Partial || d.Incident == "" {
			return false
		}
		n++
	}
	return n > 0
}

// Document returns the sitrep.Document the pipeline reads for d: its id and
// text, and the published date when the gold gives one (BasisGiven).
func (d *GoldDoc) Document() *sitrep.Document {
	doc := &sitrep.Document{ID: d.ID, Text: d.Text}
	if !d.Published.IsZero() {
		doc.Published = d.Published
		doc.PublishedBasis = sitrep.BasisGiven
	}
	return doc
}

// docOutcome is the score of one document, before aggregation.
type docOutcome struct {
	report DocReport
	// Events.
	gold, optional, extracted, tp, fp, fn, optMatched int
	// byType counts per event_type: [0] TP, [1] FP, [2] FN.
	byType                 map[string]*[3]int
	fieldRight, fieldTotal []int // by fieldScorers index
	people                 PeopleScores
	// Snippets: the gold labels (one list of alternatives per gold event)
	// and the distinct predicted labels.
	snippet   bool
	goldSets  [][]string
	predicted []string
	// Places.
	place placeOutcome
	// Entities, one per entityKinds row.
	entities []entityOutcome
	// Incidents, for partial documents.
	incident incidentOutcome
	// Evidence.
	evidence EvidenceCheck
	failed   bool
}

// evalDoc runs p on d and scores the result.
func evalDoc(p Pipeline, d *GoldDoc) (o *docOutcome) {
	o = &docOutcome{report: DocReport{ID: d.ID, Line: d.Line}}
	doc := d.Document()
	defer func() {
		if v := recover(); v != nil {
			o = &docOutcome{report: DocReport{ID: d.ID, Line: d.Line, Error: fmt.Sprintf("panic: %v", v)}, failed: true}
			switch {
			case d.HasPlaces:
				o.place = scorePlaces(d, nil)
			case d.HasEntities:
				o.entities = scoreEntities(d, nil)
			default:
				scoreEvents(o, d, nil)
			}
		}
	}()
	if d.HasPlaces {
		ms := p.Annotate(doc)
		o.evidence.checkMentions(doc.Text, ms, &o.report)
		o.place = scorePlaces(d, ms)
		o.report.Places = o.place.errors
		o.report.Mentions = o.place.mentions
		return o
	}
	if d.HasEntities {
		ms := p.Annotate(doc)
		o.evidence.checkMentions(doc.Text, ms, &o.report)
		o.entities = scoreEntities(d, ms)
		o.report.Mentions = len(ms)
		for k, eo := range o.entities {
			for _, g := range eo.missed {
				o.report.Entities = append(o.report.Entities, EntityError{Type: entityKinds[k].Type, Start: g.Start, End: g.End, Text: g.Text, Missed: true})
			}
			for _, m := range eo.spurious {
				o.report.Entities = append(o.report.Entities, EntityError{Type: entityKinds[k].Type, Start: m.Start, End: m.End, Text: m.Text})
			}
		}
		return o
	}
	events := p.Extract(doc)
	o.evidence.checkEvents(doc.Text, events, &o.report)
	scoreEvents(o, d, events)
	o.incident = scoreIncident(d, events)
	return o
}

// scoreEvents fills o's event, field, people and snippet scores.
func scoreEvents(o *docOutcome, d *GoldDoc, events []sitrep.Event) {
	gold := append(append([]*GoldEvent{}, d.Events...), d.Optional...)
	nreq := len(d.Events)
	pairs := Match(gold, nreq, events)
	o.gold, o.optional, o.extracted = nreq, len(d.Optional), len(events)
	o.report.Extracted = len(events)
	o.byType = map[string]*[3]int{}
	count := func(typ string, k int) {
		c := o.byType[typ]
		if c == nil {
			c = new([3]int)
			o.byType[typ] = c
		}
		c[k]++
	}
	o.fieldRight = make([]int, len(fieldScorers))
	o.fieldTotal = make([]int, len(fieldScorers))

	goldPaired := make([]int, len(gold))
	for i := range goldPaired {
		goldPaired[i] = -1
	}
	extPaired := make([]bool, len(events))
	for _, pr := range pairs {
		goldPaired[pr.Gold] = pr.Extracted
		extPaired[pr.Extracted] = true
		if pr.Gold >= nreq {
			o.optMatched++
			continue
		}
		o.tp++
		g, e := gold[pr.Gold], &events[pr.Extracted]
		count(e.EventType, 0)
		for k, f := range fieldScorers {
			ok, given := f.score(g, e)
			if !given {
				continue
			}
			o.fieldTotal[k]++
			if ok {
				o.fieldRight[k]++
				continue
			}
			o.report.FieldErrors = append(o.report.FieldErrors, FieldError{
				Gold: pr.Gold, Label: goldLabel(g, pr.Gold), Extracted: pr.Extracted,
				Field: f.name, Want: f.want(g), Got: f.got(e),
			})
		}
		if g.People != nil {
			for _, r := range scorePeople(g.People, e.People) {
				o.people.Gold++
				if r.Found {
					o.people.Found++
				}
				if r.FateGiven {
					o.people.FateTotal++
					if r.FateRight {
						o.people.FateRight++
					}
				}
				if r.AffiliationGiven {
					o.people.AffiliationTotal++
					if r.AffiliationRight {
						o.people.AffiliationRight++
					}
				}
			}
		}
	}
	for i := 0; i < nreq; i++ {
		if goldPaired[i] >= 0 {
			continue
		}
		o.fn++
		count(gold[i].EventType[0], 2)
		o.report.Misses = append(o.report.Misses, Miss{
			Gold: i, Label: goldLabel(gold[i], i), EventType: showStrings(gold[i].EventType),
			Reason: missReason(gold, i, events, goldPaired),
		})
	}
	for j := range events {
		if extPaired[j] || d.Partial {
			continue
		}
		o.fp++
		e := &events[j]
		count(e.EventType, 1)
		o.report.FalsePositives = append(o.report.FalsePositives, FalsePositive{
			Extracted: j, EventID: e.EventID, EventType: e.EventType, SubEventType: e.SubEventType,
			EventDate: e.EventDate, Location: e.Location,
			Reason: fpReason(gold, nreq, e),
		})
	}

	if d.Labelled() {
		o.snippet = true
		for _, g := range d.Events {
			if g.SubEventType != nil {
				o.goldSets = append(o.goldSets, g.SubEventType)
			}
		}
		seen := map[string]bool{}
		for _, e := range events {
			if k := fold(e.SubEventType); k != "" && !seen[k] {
				seen[k] = true
				o.predicted = append(o.predicted, e.SubEventType)
			}
		}
		o.report.Snippet = &SnippetResult{Label: d.Label, Predicted: o.predicted}
		for _, s := range o.goldSets {
			o.report.Snippet.Gold = append(o.report.Snippet.Gold, s[0])
		}
	}
}

// goldLabel names gold event i for reports.
func goldLabel(g *GoldEvent, i int) string {
	if g.Label != "" {
		return g.Label
	}
	if g.SubEventType != nil {
		return fmt.Sprintf("#%d %s", i+1, g.SubEventType[0])
	}
	return fmt.Sprintf("#%d %s", i+1, g.EventType[0])
}

// missReason explains why required gold event i was not paired.
func missReason(gold []*GoldEvent, i int, events []sitrep.Event, goldPaired []int) string {
	if len(events) == 0 {
		return "nothing extracted"
	}
	best, bestF := -1, []string(nil)
	for j := range events {
		f := matchFailures(gold[i], &events[j])
		if f == nil {
			for k, pj := range goldPaired {
				if pj == j {
					return fmt.Sprintf("its candidate #%d was paired with gold %q", j+1, goldLabel(gold[k], k))
				}
			}
		}
		if best < 0 || len(f) < len(bestF) {
			best, bestF = j, f
		}
	}
	return fmt.Sprintf("closest extracted #%d (%s) has %s", best+1, showEvent(&events[best]), showFailures(gold[i], &events[best], bestF))
}

// fpReason explains why an extracted event was not paired.
func fpReason(gold []*GoldEvent, nreq int, e *sitrep.Event) string {
	if len(gold) == 0 {
		return "the document has no gold event"
	}
	best, bestF := -1, []string(nil)
	for i, g := range gold {
		f := matchFailures(g, e)
		if f == nil {
			return fmt.Sprintf("duplicate: gold %q was paired with another event", goldLabel(g, i))
		}
		if best < 0 || len(f) < len(bestF) {
			best, bestF = i, f
		}
	}
	kind := "gold"
	if best >= nreq {
		kind = "optional gold"
	}
	return fmt.Sprintf("closest %s %q: %s", kind, goldLabel(gold[best], best), showFailures(gold[best], e, bestF))
}

func showFailures(g *GoldEvent, e *sitrep.Event, f []string) string {
	var s string
	for k, c := range f {
		if k > 0 {
			s += ", "
		}
		switch c {
		case checkType:
			s += fmt.Sprintf("wrong event_type (want %s, got %q)", showStrings(g.EventType), e.EventType)
		case checkDate:
			s += fmt.Sprintf("wrong event_date (want %s, got %q)", showDates(g.EventDate), e.EventDate)
		case checkPlace:
			switch {
			case g.Location != nil:
				s += fmt.Sprintf("wrong location (want %s, got %s)", showLocation(g.Location), showEventPlace(e))
			case g.Admin1 != nil:
				s += fmt.Sprintf("wrong admin1 (want %s, got %q)", showStrings(g.Admin1), e.Admin1)
			default:
				s += fmt.Sprintf("wrong country (want %s, got %q)", showStrings(g.Country), e.Country)
			}
		}
	}
	return s
}

func showEvent(e *sitrep.Event) string {
	return fmt.Sprintf("%s / %s, %s, %s", e.EventType, e.SubEventType, e.EventDate, showEventPlace(e))
}
