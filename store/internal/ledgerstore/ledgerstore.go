// Package ledgerstore is the flow a SQL store runs to keep a ledger
// (package ledger) in its tables, written once over the few storage
// operations it needs (Reader, Tx); each backend implements those in its
// own SQL dialect and keeps nothing else of the flow.
//
// The ledger's tables hold the state of a ledger.Ledger; an operation
// loads the part of it that it touches (the events of the document's old
// reports and of the reports in the blocks its new reports look in), runs
// the ledger on that part in memory and writes back the events that
// changed. The ledger's result depends only on the reports, not on their
// order, so the part gives what the whole would.
package ledgerstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ledger"
)

// Reader reads a stored ledger.
type Reader interface {
	// EventReports returns the JSON of the reports of the stored event
	// id, none when there is no such event.
	EventReports(ctx context.Context, id string) ([]string, error)
	// EventState returns the JSON of the merges and the history of the
	// stored event id; ok is false when the event has no such row.
	EventState(ctx context.Context, id string) (merges, history string, ok bool, err error)
	// Resolve returns the stored event an id names: an event's own id,
	// else the event of the report with that event id (the first by
	// source). No such event is an error wrapping sitrep.ErrNotFound.
	Resolve(ctx context.Context, id string) (string, error)
}

// Tx is a transaction on a stored ledger.
type Tx interface {
	Reader
	// SourceReports returns the JSON of source's stored reports, in
	// the order of their event ids.
	SourceReports(ctx context.Context, source string) ([]string, error)
	// Touched returns the ids of the stored events that hold a report
	// of source or a report stored under one of the block keys.
	Touched(ctx context.Context, source string, keys []string) ([]string, error)
	// Apart returns the pairs of report keys kept apart whose first
	// key is one of keys.
	Apart(ctx context.Context, keys []string) ([][2]string, error)
	// KeepApart stores pairs of report keys kept apart; a pair stored
	// already is no error.
	KeepApart(ctx context.Context, pairs [][2]string) error
	// Replace deletes the rows of the events ids (ledger rows and
	// events) and writes the events now, each as Encode encodes it.
	Replace(ctx context.Context, ids []string, now []*ledger.Stored) error
}

// Locker is a Tx whose puts lock the block keys of their reports before
// reading (so that two puts whose reports could join run one after the
// other). Split locks the keys of the event's reports as a put of them
// would, then reads the event again.
type Locker interface {
	Tx
	Lock(ctx context.Context, reports []ledger.Report) error
}

// ReportsOf returns the document's reports of events, prepared: claims
// read from the text, which is then dropped. They are in the order of
// their event ids, the order of Tx.SourceReports.
func ReportsOf(doc *sitrep.Document, events []sitrep.Event) []ledger.Report {
	pub := doc.Published.String()
	rs := make([]ledger.Report, 0, len(events))
	for _, ev := range events {
		ev.Source = doc.ID
		r := ledger.Report{Event: ev, Published: pub, Text: doc.Text}
		ledger.Prepare(&r)
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Event.EventID < rs[j].Event.EventID })
	return rs
}

// LoadEvent loads a stored event of the ledger with its reports. An
// event with no reports is an error wrapping sitrep.ErrNotFound.
func LoadEvent(ctx context.Context, q Reader, id string) (*ledger.Stored, error) {
	jsons, err := q.EventReports(ctx, id)
	if err != nil {
		return nil, err
	}
	st := &ledger.Stored{}
	for _, js := range jsons {
		var r ledger.Report
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			return nil, fmt.Errorf("report of %s: %w", id, err)
		}
		st.Reports = append(st.Reports, r)
	}
	if len(st.Reports) == 0 {
		return nil, sitrep.ErrNotFound
	}
	ms, hs, ok, err := q.EventState(ctx, id)
	if err != nil {
		return nil, err
	}
	if ok {
		if err := json.Unmarshal([]byte(ms), &st.Merges); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(hs), &st.History); err != nil {
			return nil, err
		}
	}
	ev, _ := ledger.Derive(st.Reports, ledger.DefaultOptions())
	st.Event = ev
	return st, nil
}

// Named returns the id of the stored event an id names (Reader.Resolve)
// and its ledger. Errors name the event.
func Named(ctx context.Context, q Reader, id string) (string, *ledger.Stored, error) {
	ev, err := q.Resolve(ctx, id)
	if err != nil {
		return "", nil, fmt.Errorf("event %s: %w", id, err)
	}
	st, err := LoadEvent(ctx, q, ev)
	if err != nil {
		return "", nil, fmt.Errorf("event %s: %w", id, err)
	}
	return ev, st, nil
}

// EventLedger returns the ledger of a stored event: ev, with the merges
// and history of st.
func EventLedger(ev *sitrep.Event, st *ledger.Stored) *sitrep.EventLedger {
	return &sitrep.EventLedger{Event: *ev, Merges: nonNil(st.Merges), History: nonNil(st.History)}
}

// neighbourhood returns the ids of the stored events that a put of
// source with reports touches, sorted.
func neighbourhood(ctx context.Context, tx Tx, source string, reports []ledger.Report) ([]string, error) {
	keys := []string{}
	for i := range reports {
		_, q := ledger.Blocks(&reports[i].Event)
		keys = append(keys, q...)
	}
	ids, err := tx.Touched(ctx, source, keys)
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// load builds an in-memory ledger of the stored events ids, with the
// pairs kept apart among their reports.
func load(ctx context.Context, tx Tx, now func() time.Time, ids []string) (*ledger.Ledger, error) {
	l := ledger.New(ledger.DefaultOptions())
	if now != nil {
		l.Now = now
	}
	var keys []string
	for _, id := range ids {
		st, err := LoadEvent(ctx, tx, id)
		if err != nil {
			return nil, fmt.Errorf("load event %s: %w", id, err)
		}
		l.Restore(st)
		l.TakeChanges()
		for _, r := range st.Reports {
			keys = append(keys, r.Key())
		}
	}
	if len(keys) > 0 {
		pairs, err := tx.Apart(ctx, keys)
		if err != nil {
			return nil, err
		}
		for _, p := range pairs {
			l.KeepApart(p[0], p[1])
		}
	}
	return l, nil
}

// sameReports reports whether source's stored reports are reports.
func sameReports(ctx context.Context, tx Tx, source string, reports []ledger.Report) (bool, error) {
	old, err := tx.SourceReports(ctx, source)
	if err != nil {
		return false, err
	}
	if len(old) != len(reports) || len(old) == 0 {
		return false, nil
	}
	for i := range reports {
		b, err := json.Marshal(&reports[i])
		if err != nil {
			return false, err
		}
		if string(b) != old[i] {
			return false, nil
		}
	}
	return true, nil
}

// Put joins the reports of doc (its events) to the stored events and
// writes what changed, now being the clock of the ledger's history
// (time.Now when nil).
// Putting the same reports again writes nothing.
func Put(ctx context.Context, tx Tx, now func() time.Time, doc *sitrep.Document, events []sitrep.Event) error {
	reports := ReportsOf(doc, events)
	same, err := sameReports(ctx, tx, doc.ID, reports)
	if err != nil || same {
		return err
	}
	ids, err := neighbourhood(ctx, tx, doc.ID, reports)
	if err != nil {
		return err
	}
	l, err := load(ctx, tx, now, ids)
	if err != nil {
		return err
	}
	if _, err := l.Put(doc.ID, reports); err != nil {
		return err
	}
	changed, events2 := l.TakeChanges()
	return tx.Replace(ctx, changed, events2)
}

// Split takes a document's reports out of the stored event id names and
// keeps them apart from its other reports; it returns the ids of the
// events they make. An id that names no event is an error wrapping
// sitrep.ErrNotFound. now is as for Put.
func Split(ctx context.Context, tx Tx, now func() time.Time, id, source string) ([]string, error) {
	ev, err := tx.Resolve(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("event %s: %w", id, err)
	}
	l, err := load(ctx, tx, now, []string{ev})
	if err != nil {
		return nil, err
	}
	if lk, ok := tx.(Locker); ok {
		// The event's blocks, as a put of its reports would lock them;
		// then the ledger again, as it is once they are ours.
		if st, ok := l.Event(ev); ok {
			if err := lk.Lock(ctx, st.Reports); err != nil {
				return nil, err
			}
		}
		if l, err = load(ctx, tx, now, []string{ev}); err != nil {
			return nil, err
		}
	}
	st, ok := l.Event(ev)
	if !ok {
		return nil, fmt.Errorf("event %s: %w", id, sitrep.ErrNotFound)
	}
	var mine, rest []string
	for _, r := range st.Reports {
		if r.Event.Source == source {
			mine = append(mine, r.Key())
		} else {
			rest = append(rest, r.Key())
		}
	}
	out, err := l.Split(ev, source)
	if err != nil {
		return nil, err
	}
	var pairs [][2]string
	for _, a := range mine {
		for _, b := range rest {
			pairs = append(pairs, [2]string{a, b}, [2]string{b, a})
		}
	}
	if err := tx.KeepApart(ctx, pairs); err != nil {
		return nil, err
	}
	changed, events := l.TakeChanges()
	if err := tx.Replace(ctx, changed, events); err != nil {
		return nil, err
	}
	return out, nil
}

// Rows is a stored event encoded for the tables: its reports, its
// ledger row and its event.
type Rows struct {
	Reports []ReportRow
	// Merges and History are the JSON of the ledger row.
	Merges, History string
	// Event is the JSON of the derived event.
	Event string
}

// ReportRow is a report encoded for the tables.
type ReportRow struct {
	Source, EventID, JSON string
	// Blocks are the block keys the report is stored under.
	Blocks []string
}

// Encode encodes a stored event for the tables.
func Encode(st *ledger.Stored) (Rows, error) {
	var out Rows
	for _, r := range st.Reports {
		js, err := json.Marshal(&r)
		if err != nil {
			return out, err
		}
		idx, _ := ledger.Blocks(&r.Event)
		out.Reports = append(out.Reports, ReportRow{Source: r.Event.Source, EventID: r.Event.EventID, JSON: string(js), Blocks: idx})
	}
	ms, _ := json.Marshal(nonNil(st.Merges))
	hs, _ := json.Marshal(nonNil(st.History))
	out.Merges, out.History = string(ms), string(hs)
	js, err := json.Marshal(&st.Event)
	if err != nil {
		return out, err
	}
	out.Event = string(js)
	return out, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
