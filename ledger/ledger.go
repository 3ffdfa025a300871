package ledger

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Stored is an event of a Ledger: the event its reports tell together,
// the reports, why they were joined and what changed when.
type Stored struct {
	Event   sitrep.Event
	Reports []Report // in canonical order
	Merges  []sitrep.Merge
	History []sitrep.Change
}

// Ledger keeps events told by many documents, in memory. The store
// backends keep the same state in their tables; Ledger is the reference
// they are tested against and what the benchmarks measure. It is not safe
// for concurrent use.
type Ledger struct {
	opts Options
	// Now returns the time changes are stamped with; time.Now by default.
	Now func() time.Time

	reports  map[string]*entry            // Report.Key() -> entry
	bySource map[string][]string          // document -> report keys
	blocks   map[string]map[string]*entry // block key -> report key -> entry
	events   map[string]*Stored           // event id -> event
	apart    map[string]map[string]bool   // report key -> report keys split from it
	alias    map[string]string            // a report's own event id -> its event's id
	fps      map[string]string            // document -> fingerprint of its reports
	touched  map[string]bool              // ids of events removed or built since TakeChanges
}

type entry struct {
	r     Report
	event string // id of the event it belongs to
	index []string
	query []string
}

// New returns an empty ledger.
func New(o Options) *Ledger {
	return &Ledger{
		opts: o, Now: time.Now,
		reports: map[string]*entry{}, bySource: map[string][]string{},
		blocks: map[string]map[string]*entry{}, events: map[string]*Stored{},
		apart: map[string]map[string]bool{}, alias: map[string]string{}, fps: map[string]string{},
		touched: map[string]bool{},
	}
}

// Len returns the number of events.
func (l *Ledger) Len() int { return len(l.events) }

// Event returns the event a report id or event id names.
func (l *Ledger) Event(id string) (*Stored, bool) {
	if ev, ok := l.events[id]; ok {
		return ev, true
	}
	if to, ok := l.alias[id]; ok {
		ev, ok := l.events[to]
		return ev, ok
	}
	return nil, false
}

// Events returns every event, by id.
func (l *Ledger) Events() []*Stored {
	out := make([]*Stored, 0, len(l.events))
	for _, ev := range l.events {
		out = append(out, ev)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Event.EventID < out[j].Event.EventID })
	return out
}

func fingerprint(reports []Report) string {
	b, _ := json.Marshal(reports)
	return string(b)
}

// Put stores the reports of one document, replacing what the document
// reported before. Putting a document again with the same reports changes
// nothing. It returns the ids of the events the document's reports now
// belong to.
func (l *Ledger) Put(source string, reports []Report) ([]string, error) {
	for i := range reports {
		if reports[i].Event.Source == "" {
			reports[i].Event.Source = source
		}
		if reports[i].Event.Source != source || reports[i].Event.EventID == "" {
			return nil, fmt.Errorf("ledger: put %s: report %d: %w", source, i, sitrep.ErrInvalid)
		}
	}
	for i := range reports {
		if reports[i].Claims == nil {
			Prepare(&reports[i])
		}
	}
	fp := fingerprint(reports)
	if old, ok := l.fps[source]; ok && old == fp {
		return l.eventsOf(source), nil
	}
	at := l.Now().UTC().Format(time.RFC3339)
	if _, ok := l.fps[source]; ok {
		l.remove(source, at, "replace "+source)
	}
	l.fps[source] = fp
	for _, r := range reports {
		l.add(r, at, "add "+source)
	}
	return l.eventsOf(source), nil
}

func (l *Ledger) eventsOf(source string) []string {
	var out []string
	for _, k := range l.bySource[source] {
		out = append(out, l.reports[k].event)
	}
	return out
}

// Remove takes a document's reports out of their events; an event left
// without a chain of matches falls apart into its components.
func (l *Ledger) Remove(source string) {
	if _, ok := l.fps[source]; !ok {
		return
	}
	l.remove(source, l.Now().UTC().Format(time.RFC3339), "remove "+source)
	delete(l.fps, source)
}

// Candidates returns the stored reports that share a block with r.
func (l *Ledger) candidates(r *Report, query []string) []*entry {
	seen := map[*entry]bool{}
	var out []*entry
	for _, k := range query {
		for _, e := range l.blocks[k] {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}

func (l *Ledger) add(r Report, at, cause string) {
	e := &entry{r: r}
	e.index, e.query = Blocks(&r.Event)
	key := r.Key()
	touched := map[string]bool{}
	for _, c := range l.candidates(&r, e.query) {
		if l.apart[key][c.r.Key()] {
			continue
		}
		if m := ScoreReports(&r, &c.r, l.opts); m.OK {
			touched[c.event] = true
		}
	}
	l.reports[key] = e
	l.bySource[r.Event.Source] = append(l.bySource[r.Event.Source], key)
	for _, b := range e.index {
		if l.blocks[b] == nil {
			l.blocks[b] = map[string]*entry{}
		}
		l.blocks[b][key] = e
	}
	members := []*entry{e}
	var history []sitrep.Change
	var olds []*Stored
	for id := range touched {
		old := l.events[id]
		olds = append(olds, old)
		for _, rr := range old.Reports {
			members = append(members, l.reports[rr.Key()])
		}
		delete(l.events, id)
		l.touched[id] = true
	}
	sort.Slice(olds, func(i, j int) bool { return olds[i].Event.EventID < olds[j].Event.EventID })
	for _, old := range olds {
		history = append(history, old.History...)
	}
	st := l.build(members, history)
	for _, old := range olds {
		if old.Event.EventID != st.Event.EventID {
			history := Diff(&old.Event, &st.Event, at, cause)
			st.History = append(st.History, history...)
		} else {
			st.History = append(st.History, Diff(&old.Event, &st.Event, at, cause)...)
		}
	}
	if len(olds) == 0 {
		st.History = append(st.History, Diff(nil, &st.Event, at, cause)...)
	}
}

// build makes the event of members, registers it and points every member
// and alias at it.
func (l *Ledger) build(members []*entry, history []sitrep.Change) *Stored {
	rs := make([]Report, len(members))
	for i, m := range members {
		rs[i] = m.r
	}
	sort.Slice(rs, func(i, j int) bool { return less(&rs[i], &rs[j]) })
	ev, ms := Derive(rs, l.opts)
	st := &Stored{Event: ev, Reports: rs, Merges: ms, History: history}
	l.events[ev.EventID] = st
	l.touched[ev.EventID] = true
	for _, m := range members {
		m.event = ev.EventID
		l.alias[m.r.Event.EventID] = ev.EventID
	}
	return st
}

func (l *Ledger) remove(source, at, cause string) {
	keys := l.bySource[source]
	gone := map[string]bool{}
	affected := map[string]bool{}
	for _, k := range keys {
		e := l.reports[k]
		gone[k] = true
		affected[e.event] = true
		for _, b := range e.index {
			delete(l.blocks[b], k)
			if len(l.blocks[b]) == 0 {
				delete(l.blocks, b)
			}
		}
		delete(l.reports, k)
		if l.alias[e.r.Event.EventID] == e.event {
			delete(l.alias, e.r.Event.EventID)
		}
	}
	delete(l.bySource, source)
	for id := range affected {
		old := l.events[id]
		delete(l.events, id)
		l.touched[id] = true
		var rest []*entry
		for _, r := range old.Reports {
			if !gone[r.Key()] {
				rest = append(rest, l.reports[r.Key()])
			}
		}
		l.regroup(old, rest, at, cause)
	}
}

// regroup rebuilds the events of rest, the remaining reports of old: the
// connected components of their match graph.
func (l *Ledger) regroup(old *Stored, rest []*entry, at, cause string) []*Stored {
	var out []*Stored
	for _, comp := range l.components(rest) {
		st := l.build(comp, append([]sitrep.Change(nil), old.History...))
		st.History = append(st.History, Diff(&old.Event, &st.Event, at, cause)...)
		out = append(out, st)
	}
	return out
}

// components splits es into the connected components of the match
// graph (pairs kept apart by a split are no edges).
func (l *Ledger) components(es []*entry) [][]*entry {
	parent := make([]int, len(es))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range es {
		for j := i + 1; j < len(es); j++ {
			if l.apart[es[i].r.Key()][es[j].r.Key()] {
				continue
			}
			if ScoreReports(&es[i].r, &es[j].r, l.opts).OK {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]*entry{}
	var roots []int
	for i := range es {
		r := find(i)
		if groups[r] == nil {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], es[i])
	}
	out := make([][]*entry, 0, len(roots))
	for _, r := range roots {
		out = append(out, groups[r])
	}
	return out
}

// Split takes a document's reports out of an event and keeps them apart
// from its other reports from now on: the reversal of a wrong merge. It
// returns the ids of the events that result.
func (l *Ledger) Split(eventID, source string) ([]string, error) {
	st, ok := l.Event(eventID)
	if !ok {
		return nil, fmt.Errorf("ledger: split: event %s: %w", eventID, sitrep.ErrNotFound)
	}
	var mine, rest []*entry
	for _, r := range st.Reports {
		e := l.reports[r.Key()]
		if r.Event.Source == source {
			mine = append(mine, e)
		} else {
			rest = append(rest, e)
		}
	}
	if len(mine) == 0 {
		return nil, fmt.Errorf("ledger: split: %s does not report event %s: %w", source, eventID, sitrep.ErrNotFound)
	}
	if len(rest) == 0 {
		return []string{st.Event.EventID}, nil
	}
	for _, a := range mine {
		for _, b := range rest {
			l.keepApart(a.r.Key(), b.r.Key())
		}
	}
	delete(l.events, st.Event.EventID)
	l.touched[st.Event.EventID] = true
	at := l.Now().UTC().Format(time.RFC3339)
	var ids []string
	for _, s := range l.regroup(st, append(mine, rest...), at, "split "+source) {
		ids = append(ids, s.Event.EventID)
	}
	sort.Strings(ids)
	return ids, nil
}

func (l *Ledger) keepApart(a, b string) {
	for _, p := range [][2]string{{a, b}, {b, a}} {
		if l.apart[p[0]] == nil {
			l.apart[p[0]] = map[string]bool{}
		}
		l.apart[p[0]][p[1]] = true
	}
}

// Restore puts a stored event back as it was, with its reports, merges
// and history, without comparing anything: how a store loads the part of
// the ledger an operation needs. The documents of its reports count as
// put, with reports unknown: putting one of them again replaces its
// reports.
func (l *Ledger) Restore(st *Stored) {
	cp := *st
	l.events[st.Event.EventID] = &cp
	for _, r := range st.Reports {
		e := &entry{r: r, event: st.Event.EventID}
		e.index, e.query = Blocks(&r.Event)
		key := r.Key()
		if _, dup := l.reports[key]; dup {
			continue
		}
		l.reports[key] = e
		src := r.Event.Source
		l.bySource[src] = append(l.bySource[src], key)
		if _, ok := l.fps[src]; !ok {
			l.fps[src] = "\x00restored"
		}
		for _, b := range e.index {
			if l.blocks[b] == nil {
				l.blocks[b] = map[string]*entry{}
			}
			l.blocks[b][key] = e
		}
		l.alias[r.Event.EventID] = st.Event.EventID
	}
}

// KeepApart records that two reports (by Report.Key) are not one event,
// as a split does.
func (l *Ledger) KeepApart(a, b string) { l.keepApart(a, b) }

// TakeChanges returns the ids of the events removed or rebuilt since the
// last call and the events as they now stand (those of the ids that still
// exist), and forgets them.
func (l *Ledger) TakeChanges() (ids []string, now []*Stored) {
	for id := range l.touched {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if st, ok := l.events[id]; ok {
			now = append(now, st)
		}
	}
	l.touched = map[string]bool{}
	return ids, now
}
