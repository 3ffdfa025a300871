// Package memstore is a sitrep.Store in memory: it filters, orders and
// pages events as the contract of sitrep.Store says, with plain scans,
// and passes the conformance suite of store/storetest. Tests use it where
// a real database would only slow them down.
package memstore

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep-dev/sitrep"
)

var (
	_ sitrep.Store       = (*Store)(nil)
	_ sitrep.BatchPutter = (*Store)(nil)
	_ sitrep.PointLister = (*Store)(nil)
	_ sitrep.StatsReader = (*Store)(nil)
	_ sitrep.Versioner   = (*Store)(nil)
)

// Page sizes of Events.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// Store is an in-memory sitrep.Store. It is safe for concurrent use.
type Store struct {
	mu     sync.RWMutex
	docs   map[string]*doc          // by source
	events map[string]*sitrep.Event // by event id
	sorted []*sitrep.Event          // in page order; nil when stale
	puts   uint64                   // committed puts
}

// doc is a stored document with the words of its text, for queries.
type doc struct {
	sitrep.StoredDocument
	words []string
}

// New returns an empty Store.
func New() *Store {
	return &Store{docs: map[string]*doc{}, events: map[string]*sitrep.Event{}}
}

// PutDocument stores doc and replaces its events.
func (s *Store) PutDocument(ctx context.Context, d *sitrep.Document, events []sitrep.Event) (string, error) {
	ids, err := s.PutDocuments(ctx, []sitrep.DocumentEvents{{Doc: d, Events: events}})
	if err != nil {
		return "", err
	}
	return ids[0], nil
}

// PutDocuments stores each document in turn and replaces its events, all
// or nothing.
func (s *Store) PutDocuments(ctx context.Context, docs []sitrep.DocumentEvents) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Work on copies of the maps and keep them only when every document
	// goes in.
	events := maps.Clone(s.events)
	stored := maps.Clone(s.docs)
	ids := make([]string, len(docs))
	for k, de := range docs {
		d := de.Doc
		if d == nil || d.ID == "" {
			return nil, fmt.Errorf("memstore: put document: empty source: %w", sitrep.ErrInvalid)
		}
		for id, ev := range events {
			if ev.Source == d.ID {
				delete(events, id)
			}
		}
		for i := range de.Events {
			ev := de.Events[i]
			if ev.EventID == "" {
				return nil, fmt.Errorf("memstore: put document %s: event %d has no id: %w", d.ID, i, sitrep.ErrInvalid)
			}
			if old, ok := events[ev.EventID]; ok {
				return nil, fmt.Errorf("memstore: put document %s: event id %s is taken by %s: %w", d.ID, ev.EventID, old.Source, sitrep.ErrInvalid)
			}
			ev.Source = d.ID
			events[ev.EventID] = &ev
		}
		sd := &doc{StoredDocument: sitrep.StoredDocument{
			ID: "doc-" + sitrep.ContentHash(&sitrep.Document{ID: d.ID})[:16], Source: d.ID, URL: d.URL,
			Title: d.Title, Author: d.Author, Language: d.Language,
			Text: d.Text, ContentHash: sitrep.ContentHash(d), IngestedAt: time.Now().UTC(),
			Published: d.Published,
		}, words: words(d.Title + "\n" + d.Text)}
		stored[d.ID] = sd
		ids[k] = sd.ID
	}
	s.events, s.docs, s.sorted = events, stored, nil
	s.puts++
	return ids, nil
}

// Document returns the document whose id or, failing that, source is id.
func (s *Store) Document(ctx context.Context, id string) (*sitrep.StoredDocument, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, d := range s.docs {
		if d.ID == id {
			c := d.StoredDocument
			return &c, nil
		}
	}
	if d, ok := s.docs[id]; ok {
		c := d.StoredDocument
		return &c, nil
	}
	return nil, fmt.Errorf("memstore: document %q: %w", id, sitrep.ErrNotFound)
}

// HasDocument reports whether a document with this content hash is stored.
func (s *Store) HasDocument(ctx context.Context, contentHash string) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, d := range s.docs {
		if d.ContentHash == contentHash {
			return true, nil
		}
	}
	return false, nil
}

// Event returns one event.
func (s *Store) Event(ctx context.Context, id string) (*sitrep.Event, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ev, ok := s.events[id]
	if !ok {
		return nil, fmt.Errorf("memstore: event %q: %w", id, sitrep.ErrNotFound)
	}
	c := *ev
	return &c, nil
}

// Version counts the puts so far.
func (s *Store) Version(ctx context.Context) (uint64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.puts, nil
}

// Stats counts the stored documents and events.
func (s *Store) Stats(ctx context.Context) (sitrep.StoreStats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return sitrep.StoreStats{Documents: len(s.docs), Events: len(s.events)}, nil
}

func encodeCursor(ev *sitrep.Event) string {
	return base64.RawURLEncoding.EncodeToString([]byte(ev.EventDate + "\x00" + ev.EventID))
}

func decodeCursor(c string) (date, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	date, id, ok := strings.Cut(string(b), "\x00")
	if err != nil || !ok || id == "" {
		return "", "", sitrep.Invalidf("bad cursor %q: pass the next_cursor of the previous page", c)
	}
	return date, id, nil
}

// Events returns a page of matching events in (event_date desc, event_id)
// order.
func (s *Store) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, string, error) {
	out := []sitrep.Event{}
	next, err := s.each(ctx, f, false, func(ev *sitrep.Event) error {
		out = append(out, *ev)
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// EventPoints calls fn with the point of every event matching f, in the
// order of Events; f.Cursor and f.Limit are ignored.
func (s *Store) EventPoints(ctx context.Context, f sitrep.EventFilter, fn func(sitrep.EventPoint) error) error {
	f.Cursor, f.Limit = "", 0
	_, err := s.each(ctx, f, true, func(ev *sitrep.Event) error {
		return fn(sitrep.PointOf(ev))
	})
	return err
}

// each calls fn with the events of a page of f, or with every match when
// all is true, and returns the next page's cursor.
func (s *Store) each(ctx context.Context, f sitrep.EventFilter, all bool, fn func(*sitrep.Event) error) (string, error) {
	if err := f.Validate(); err != nil {
		return "", fmt.Errorf("memstore: events: %w", err)
	}
	limit := cmp.Or(min(f.Limit, MaxLimit), DefaultLimit)
	if all {
		limit = -1
	}
	var afterDate, afterID string
	if f.Cursor != "" {
		var err error
		if afterDate, afterID, err = decodeCursor(f.Cursor); err != nil {
			return "", err
		}
	}
	m, err := newMatcher(&f)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	if s.sorted == nil {
		s.sorted = make([]*sitrep.Event, 0, len(s.events))
		for _, ev := range s.events {
			s.sorted = append(s.sorted, ev)
		}
		slices.SortFunc(s.sorted, func(a, b *sitrep.Event) int {
			return cmp.Or(cmp.Compare(b.EventDate, a.EventDate), cmp.Compare(a.EventID, b.EventID))
		})
	}
	sorted := s.sorted
	s.mu.Unlock()
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	var last *sitrep.Event
	for _, ev := range sorted {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		if f.Cursor != "" && (ev.EventDate > afterDate || ev.EventDate == afterDate && ev.EventID <= afterID) {
			continue
		}
		if !m.match(ev, s.docs[ev.Source]) {
			continue
		}
		if n == limit {
			return encodeCursor(last), nil
		}
		if err := fn(ev); err != nil {
			return "", err
		}
		last = ev
		n++
	}
	return "", nil
}

// matcher tests events against a filter.
type matcher struct {
	f     *sitrep.EventFilter
	terms []sitrep.QueryTerm // words folded as words folds them
}

func newMatcher(f *sitrep.EventFilter) (*matcher, error) {
	m := &matcher{f: f}
	if strings.TrimSpace(f.Query) != "" {
		terms, err := sitrep.ParseQuery(f.Query)
		if err != nil {
			return nil, fmt.Errorf("memstore: events: %w", err)
		}
		for i := range terms {
			for j, w := range terms[i].Words {
				terms[i].Words[j] = fold(w)
			}
		}
		m.terms = terms
	}
	return m, nil
}

func (m *matcher) match(ev *sitrep.Event, d *doc) bool {
	f := m.f
	in := func(v string, set []string) bool { return len(set) == 0 || slices.Contains(set, v) }
	eq := func(v, want string) bool { return want == "" || v == want }
	switch {
	case !f.From.IsZero() && ev.EventDate < f.From.String(), !f.To.IsZero() && ev.EventDate > f.To.String():
		return false
	case !in(ev.EventType, f.EventType), !in(ev.SubEventType, f.SubEventType), !in(ev.Verification, f.Verification):
		return false
	case !eq(ev.Country, f.Country), !eq(ev.Admin1, f.Admin1), !eq(ev.ClaimedBy, f.ClaimedBy), !eq(ev.Source, f.Source):
		return false
	}
	if f.Actor != "" && ev.Actor1 != f.Actor && ev.Actor2 != f.Actor &&
		!slices.Contains(splitActors(ev.AssocActor1), f.Actor) && !slices.Contains(splitActors(ev.AssocActor2), f.Actor) {
		return false
	}
	if b := f.BBox; b != nil {
		if !b.Contains(ev.Point()) {
			return false
		}
	}
	if m.terms != nil {
		notes := words(ev.Notes)
		var text []string
		if d != nil {
			text = d.words
		}
		for _, t := range m.terms {
			if !contains(notes, t) && !contains(text, t) {
				return false
			}
		}
	}
	return true
}

// words returns the words of s as ParseQuery reads them, folded.
func words(s string) []string {
	ws := sitrep.QueryWords(s)
	for i, w := range ws {
		ws[i] = fold(w)
	}
	return ws
}

// fold removes diacritics from a lower-case word: "sévaré" is "sevare".
func fold(w string) string {
	for _, r := range w {
		if r >= 0x80 {
			return strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Mn, r) {
					return -1
				}
				return r
			}, norm.NFD.String(w))
		}
	}
	return w
}

// contains reports whether the words of t follow one another in ws.
func contains(ws []string, t sitrep.QueryTerm) bool {
	n := len(t.Words)
	for i := 0; i+n <= len(ws); i++ {
		ok := true
		for j, w := range t.Words {
			if j == n-1 && t.Prefix {
				ok = strings.HasPrefix(ws[i+j], w)
			} else {
				ok = ws[i+j] == w
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func splitActors(s string) []string {
	var out []string
	for a := range strings.SplitSeq(s, ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// Close does nothing.
func (s *Store) Close() error { return nil }
