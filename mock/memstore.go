package mock

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep"
)

var _ sitrep.Store = (*MemStore)(nil)

// MemStore is an in-memory sitrep.Store for tests: it filters, orders
// and pages events as the contract of sitrep.Store says, with a plain
// scan. Full-text search matches every word of the query as a
// case-insensitive substring of the article text or the notes.
type MemStore struct {
	mu     sync.RWMutex
	docs   map[string]*sitrep.StoredDocument // by source
	events map[string]sitrep.Event           // by event id
	sorted []string                          // event ids in page order; nil when stale
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{docs: map[string]*sitrep.StoredDocument{}, events: map[string]sitrep.Event{}}
}

// PutDocument stores doc and replaces its events.
func (s *MemStore) PutDocument(ctx context.Context, doc *sitrep.Document, events []sitrep.Event) (string, error) {
	if doc == nil || doc.ID == "" {
		return "", fmt.Errorf("mock: put document: empty source: %w", sitrep.ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, ev := range s.events {
		if ev.Source == doc.ID {
			delete(s.events, id)
		}
	}
	published := ""
	if !doc.Published.IsZero() {
		published = doc.Published.Format(time.DateOnly)
	}
	sd := &sitrep.StoredDocument{
		ID: "doc-" + sitrep.ContentHash(&sitrep.Document{ID: doc.ID})[:16], Source: doc.ID, URL: doc.URL,
		Title: doc.Title, Author: doc.Author, Language: doc.Language, Published: published,
		Text: doc.Text, ContentHash: sitrep.ContentHash(doc), IngestedAt: time.Now().UTC(),
	}
	s.docs[doc.ID] = sd
	for _, ev := range events {
		if ev.EventID == "" {
			return "", fmt.Errorf("mock: put document %s: event without id: %w", doc.ID, sitrep.ErrInvalid)
		}
		ev.Source = doc.ID
		s.events[ev.EventID] = ev
	}
	s.sorted = nil
	return sd.ID, nil
}

// Document returns the document whose id or source is id.
func (s *MemStore) Document(ctx context.Context, id string) (*sitrep.StoredDocument, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, d := range s.docs {
		if d.ID == id {
			c := *d
			return &c, nil
		}
	}
	if d, ok := s.docs[id]; ok {
		c := *d
		return &c, nil
	}
	return nil, fmt.Errorf("mock: document %q: %w", id, sitrep.ErrNotFound)
}

// HasDocument reports whether a document with this content hash is stored.
func (s *MemStore) HasDocument(ctx context.Context, contentHash string) (bool, error) {
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
func (s *MemStore) Event(ctx context.Context, id string) (*sitrep.Event, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ev, ok := s.events[id]
	if !ok {
		return nil, fmt.Errorf("mock: event %q: %w", id, sitrep.ErrNotFound)
	}
	return &ev, nil
}

// Events returns a page of matching events in (event_date desc, event_id)
// order.
func (s *MemStore) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, string, error) {
	limit := f.Limit
	switch {
	case limit < 0:
		return nil, "", fmt.Errorf("mock: negative limit: %w", sitrep.ErrInvalid)
	case limit == 0:
		limit = 100
	case limit > 10000:
		limit = 10000
	}
	var after [2]string
	if f.Cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		date, id, ok := strings.Cut(string(b), "\x00")
		if err != nil || !ok {
			return nil, "", fmt.Errorf("mock: bad cursor: %w", sitrep.ErrInvalid)
		}
		after = [2]string{date, id}
	}
	s.mu.Lock()
	if s.sorted == nil {
		for id := range s.events {
			s.sorted = append(s.sorted, id)
		}
		slices.SortFunc(s.sorted, func(a, b string) int {
			ea, eb := s.events[a], s.events[b]
			return cmp.Or(cmp.Compare(eb.EventDate, ea.EventDate), cmp.Compare(a, b))
		})
	}
	s.mu.Unlock()
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []sitrep.Event
	for _, id := range s.sorted {
		if err := ctx.Err(); err != nil {
			return nil, "", err
		}
		ev := s.events[id]
		if f.Cursor != "" && (ev.EventDate > after[0] || ev.EventDate == after[0] && id <= after[1]) {
			continue
		}
		if !s.match(&ev, &f) {
			continue
		}
		if len(out) == limit {
			last := out[len(out)-1]
			return out, base64.RawURLEncoding.EncodeToString([]byte(last.EventDate + "\x00" + last.EventID)), nil
		}
		out = append(out, ev)
	}
	return out, "", nil
}

func (s *MemStore) match(ev *sitrep.Event, f *sitrep.EventFilter) bool {
	in := func(v string, set []string) bool { return len(set) == 0 || slices.Contains(set, v) }
	eq := func(v, want string) bool { return want == "" || v == want }
	switch {
	case f.From != "" && ev.EventDate < f.From, f.To != "" && ev.EventDate > f.To:
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
		if ev.Latitude == nil || ev.Longitude == nil ||
			*ev.Longitude < b[0] || *ev.Longitude > b[2] || *ev.Latitude < b[1] || *ev.Latitude > b[3] {
			return false
		}
	}
	if f.Query != "" {
		text := strings.ToLower(ev.Notes)
		if d := s.docs[ev.Source]; d != nil {
			text += "\n" + strings.ToLower(d.Text)
		}
		for w := range strings.FieldsSeq(strings.ToLower(f.Query)) {
			if !strings.Contains(text, strings.Trim(w, `"*`)) {
				return false
			}
		}
	}
	return true
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
func (s *MemStore) Close() error { return nil }
