// Package storetest holds the conformance tests every sitrep.Store
// implementation must pass. An implementation's own tests call
// RunConformance with a constructor of fresh, empty stores.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Migrator is implemented by stores with a schema; RunConformance then
// checks that migrating again is harmless.
type Migrator interface {
	Migrate(ctx context.Context) error
}

func ptr(f float64) *float64 { return &f }

// Doc returns an invented document with the given source and text.
func Doc(source, text string) *sitrep.Document {
	return &sitrep.Document{
		ID: source, URL: "https://example.org/" + source, Title: "Report " + source,
		Author: "Staff", Language: "en", Text: text,
		Published: sitrep.NewDay(2024, 5, 13), PublishedBasis: sitrep.BasisGiven,
	}
}

// Event returns an invented event of source with every field filled.
func Event(source, id, date string) sitrep.Event {
	return sitrep.Event{
		EventID: id, EventDate: date, TimePrecision: 1,
		EventType: sitrep.Battles, SubEventType: "Armed clash",
		Actor1: "Military Forces of Afghanistan (2021-)", AssocActor1: "Police Forces of Afghanistan (2021-)",
		Actor2: "Islamic State Khorasan Province", AssocActor2: "",
		Country: "Afghanistan", Admin1: "Balkh", Admin2: "Mazar-e Sharif", Location: "Mazar-e Sharif",
		Latitude: ptr(36.709), Longitude: ptr(67.110), GeoPrecision: 1, Fatalities: 3,
		Notes:     "On " + date + ", Taliban forces clashed with IS militants near Mazar-e Sharif.",
		Source:    source,
		ClaimedBy: "Military Forces of Afghanistan (2021-)", Verification: sitrep.Claimed,
		People: []sitrep.Person{{Name: "Mawlawi Example", Aliases: []string{"Example"}, Role: "commander",
			Affiliation: "Islamic State Khorasan Province", Fate: sitrep.FateKilled}},
		Evidence:  []sitrep.Evidence{{Field: sitrep.FieldSubEventType, Text: "clashed", Start: 4, End: 11}},
		DateBasis: sitrep.BasisGiven, DateFrom: date, Inter1: 1, Inter2: 2, Injuries: 2, Arrests: 0,
		Claims: []sitrep.Claim{{Claimant: "Military Forces of Afghanistan (2021-)", Cue: "said",
			Stance: "asserts", Text: "officials said", Start: 20, End: 34}},
		GeonameID: 1133616,
	}
}

// RunConformance runs every conformance test, each as a named subtest on a
// fresh store from newStore. newStore should register its own cleanup;
// RunConformance closes the stores it gets as well.
func RunConformance(t *testing.T, newStore func(t *testing.T) sitrep.Store) {
	open := func(t *testing.T) sitrep.Store {
		t.Helper()
		s := newStore(t)
		t.Cleanup(func() { s.Close() })
		return s
	}
	tests := []struct {
		name string
		fn   func(t *testing.T, s sitrep.Store)
	}{
		{"PutGet", testPutGet},
		{"DocumentFields", testDocumentFields},
		{"HasDocument", testHasDocument},
		{"ReplaceIdempotent", testReplaceIdempotent},
		{"ReplaceChangesEvents", testReplaceChangesEvents},
		{"ReplaceLeavesOtherDocuments", testReplaceLeavesOthers},
		{"EventIDOfAnotherDocument", testEventIDOfAnotherDocument},
		{"EmptySourceInvalid", testEmptySource},
		{"NotFound", testNotFound},
		{"Filters", testFilters},
		{"FilterCombination", testFilterCombination},
		{"InvalidFilters", testInvalidFilters},
		{"SQLMetacharacters", testMetacharacters},
		{"Pagination", testPagination},
		{"PaginationWithFilter", testPaginationWithFilter},
		{"Unicode", testUnicode},
		{"NoCoordinates", testNoCoordinates},
		{"BareEvent", testBareEvent},
		{"ConcurrentReaders", testConcurrentReaders},
		{"MigrateTwice", testMigrateTwice},
		{"Version", testVersion},
		{"PointRows", testPointRows},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

func put(t *testing.T, s sitrep.Store, doc *sitrep.Document, evs ...sitrep.Event) string {
	t.Helper()
	id, err := s.PutDocument(context.Background(), doc, evs)
	if err != nil {
		t.Fatalf("PutDocument(%s): %v", doc.ID, err)
	}
	if id == "" {
		t.Fatalf("PutDocument(%s) returned an empty id", doc.ID)
	}
	return id
}

// all returns every event matching f, following cursors.
func all(t *testing.T, s sitrep.Store, f sitrep.EventFilter) []sitrep.Event {
	t.Helper()
	var out []sitrep.Event
	for range 10000 {
		page, next, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, page...)
		if next == "" {
			return out
		}
		f.Cursor = next
	}
	t.Fatal("Events: pagination does not end")
	return nil
}

func ids(evs []sitrep.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.EventID
	}
	return out
}

func testPutGet(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	want := Event("a.txt", "ev-a1", "2024-05-12")
	put(t, s, Doc("a.txt", "Text of a."), want)
	got, err := s.Event(ctx, "ev-a1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("Event:\n got %+v\nwant %+v", *got, want)
	}
	evs := all(t, s, sitrep.EventFilter{})
	if len(evs) != 1 || !reflect.DeepEqual(evs[0], want) {
		t.Errorf("Events = %+v", evs)
	}
}

func testDocumentFields(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	doc := Doc("b.txt", "Text of b.")
	before := time.Now().Add(-time.Minute)
	id := put(t, s, doc)
	got, err := s.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := sitrep.StoredDocument{ID: id, Source: doc.ID, URL: doc.URL, Title: doc.Title, Author: doc.Author,
		Language: doc.Language, Published: sitrep.NewDay(2024, 5, 13), Text: doc.Text, ContentHash: sitrep.ContentHash(doc),
		IngestedAt: got.IngestedAt}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("Document:\n got %+v\nwant %+v", *got, want)
	}
	if got.IngestedAt.Before(before) {
		t.Errorf("IngestedAt %v", got.IngestedAt)
	}
	// The id is stable across re-ingests.
	if id2 := put(t, s, Doc("b.txt", "Changed text.")); id2 != id {
		t.Errorf("id changed on re-ingest: %s -> %s", id, id2)
	}
	if got, err := s.Document(ctx, id); err != nil || got.Text != "Changed text." {
		t.Errorf("after re-ingest: %+v, %v", got, err)
	}
}

func testHasDocument(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	doc := Doc("c.txt", "Text of c.")
	if ok, err := s.HasDocument(ctx, sitrep.ContentHash(doc)); err != nil || ok {
		t.Fatalf("before put: %v, %v", ok, err)
	}
	put(t, s, doc)
	if ok, err := s.HasDocument(ctx, sitrep.ContentHash(doc)); err != nil || !ok {
		t.Fatalf("after put: %v, %v", ok, err)
	}
	changed := Doc("c.txt", "New text of c.")
	if ok, _ := s.HasDocument(ctx, sitrep.ContentHash(changed)); ok {
		t.Error("changed text reported as stored")
	}
	put(t, s, changed)
	if ok, _ := s.HasDocument(ctx, sitrep.ContentHash(doc)); ok {
		t.Error("old hash still reported after replacement")
	}
}

func testReplaceIdempotent(t *testing.T, s sitrep.Store) {
	doc := Doc("d.txt", "Text of d.")
	evs := []sitrep.Event{Event("d.txt", "ev-d1", "2024-05-01"), Event("d.txt", "ev-d2", "2024-05-02")}
	for range 3 {
		put(t, s, doc, evs...)
	}
	if got := ids(all(t, s, sitrep.EventFilter{})); !slices.Equal(got, []string{"ev-d2", "ev-d1"}) {
		t.Errorf("after three puts: %v", got)
	}
}

func testReplaceChangesEvents(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	doc := Doc("e.txt", "Text of e.")
	put(t, s, doc, Event("e.txt", "ev-e1", "2024-05-01"), Event("e.txt", "ev-e2", "2024-05-02"))
	put(t, s, doc, Event("e.txt", "ev-e3", "2024-05-03"))
	if got := ids(all(t, s, sitrep.EventFilter{})); !slices.Equal(got, []string{"ev-e3"}) {
		t.Errorf("after replacement: %v", got)
	}
	if _, err := s.Event(ctx, "ev-e1"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("replaced event: %v, want ErrNotFound", err)
	}
	// Old actors and text must not match any more either.
	if got := all(t, s, sitrep.EventFilter{Actor: "Islamic State Khorasan Province"}); len(got) != 1 {
		t.Errorf("actor filter after replacement: %v", ids(got))
	}
	put(t, s, doc)
	if got := all(t, s, sitrep.EventFilter{}); len(got) != 0 {
		t.Errorf("after replacing with none: %v", ids(got))
	}
	if got := all(t, s, sitrep.EventFilter{Query: "clashed"}); len(got) != 0 {
		t.Errorf("full text after replacing with none: %v", ids(got))
	}
}

func testReplaceLeavesOthers(t *testing.T, s sitrep.Store) {
	put(t, s, Doc("f.txt", "f"), Event("f.txt", "ev-f1", "2024-05-01"))
	put(t, s, Doc("g.txt", "g"), Event("g.txt", "ev-g1", "2024-05-02"))
	put(t, s, Doc("f.txt", "f2"), Event("f.txt", "ev-f2", "2024-05-03"))
	if got := ids(all(t, s, sitrep.EventFilter{})); !slices.Equal(got, []string{"ev-f2", "ev-g1"}) {
		t.Errorf("got %v", got)
	}
}

func testEventIDOfAnotherDocument(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	put(t, s, Doc("h.txt", "h"), Event("h.txt", "ev-shared", "2024-05-01"))
	_, err := s.PutDocument(ctx, Doc("i.txt", "i"), []sitrep.Event{Event("i.txt", "ev-i1", "2024-05-01"), Event("i.txt", "ev-shared", "2024-05-01")})
	if !errors.Is(err, sitrep.ErrInvalid) {
		t.Fatalf("PutDocument with another document's event id: %v, want ErrInvalid", err)
	}
	// Nothing of the failed document was written.
	if _, err := s.Event(ctx, "ev-i1"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("failed put left event ev-i1: %v", err)
	}
	if ok, _ := s.HasDocument(ctx, sitrep.ContentHash(Doc("i.txt", "i"))); ok {
		t.Error("failed put left its document")
	}
	ev, err := s.Event(ctx, "ev-shared")
	if err != nil || ev.Source != "h.txt" {
		t.Errorf("first document's event: %+v, %v", ev, err)
	}
}

func testEmptySource(t *testing.T, s sitrep.Store) {
	if _, err := s.PutDocument(context.Background(), Doc("", "x"), nil); !errors.Is(err, sitrep.ErrInvalid) {
		t.Errorf("empty source: %v, want ErrInvalid", err)
	}
}

func testNotFound(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	put(t, s, Doc("j.txt", "j"), Event("j.txt", "ev-j1", "2024-05-01"))
	if _, err := s.Document(ctx, "no-such-document"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("Document: %v, want ErrNotFound", err)
	}
	if _, err := s.Event(ctx, "no-such-event"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("Event: %v, want ErrNotFound", err)
	}
	if _, err := s.Event(ctx, ""); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("Event(\"\"): %v, want ErrNotFound", err)
	}
}

// corpus stores a small varied set of events for the filter tests.
func corpus(t *testing.T, s sitrep.Store) {
	t.Helper()
	e1 := Event("k.txt", "k1", "2024-01-10") // Balkh battle, claimed, with ISKP
	e2 := Event("k.txt", "k2", "2024-02-10")
	e2.EventType, e2.SubEventType = sitrep.ExplosionsRemote, "Air/drone strike"
	e2.Actor1, e2.AssocActor1, e2.Actor2 = "Military Forces of Pakistan (2018-)", "", ""
	e2.Country, e2.Admin1, e2.Location = "Pakistan", "Khyber Pakhtunkhwa", "Peshawar"
	e2.Latitude, e2.Longitude = ptr(34.008), ptr(71.578)
	e2.ClaimedBy, e2.Verification = "", sitrep.Reported
	e2.Notes = "A drone strike hit a compound near Peshawar."
	e3 := Event("l.txt", "l1", "2024-03-10")
	e3.EventType, e3.SubEventType = sitrep.Protests, "Peaceful protest"
	e3.Actor1, e3.AssocActor1, e3.Actor2, e3.AssocActor2 = "Protesters (Mali)", "Teachers (Mali)", "", "Women (Mali); Students (Mali)"
	e3.Country, e3.Admin1, e3.Location = "Mali", "Bamako", "Bamako"
	e3.Latitude, e3.Longitude = ptr(12.65), ptr(-8.0)
	e3.ClaimedBy, e3.Verification = "", sitrep.Confirmed
	e3.Notes = "Teachers marched in Bamako over unpaid salaries."
	e4 := Event("l.txt", "l2", "2024-03-11")
	e4.EventType, e4.SubEventType = sitrep.ViolenceAgainstCivilian, "Attack"
	e4.Actor1, e4.AssocActor1, e4.Actor2 = "Unidentified Armed Group (Mali)", "", "Civilians (Mali)"
	e4.Country, e4.Admin1, e4.Location = "Mali", "Mopti", "Sevare"
	e4.Latitude, e4.Longitude = nil, nil
	e4.ClaimedBy, e4.Verification = "Jama'at Nusrat al-Islam wal-Muslimin", sitrep.Disputed
	e4.Notes = "Gunmen attacked a market; the group denied it."
	put(t, s, Doc("k.txt", "Balkh and Peshawar report; the word zanzibar appears only here."), e1, e2)
	put(t, s, Doc("l.txt", "Mali report from Bamako and Sevare."), e3, e4)
}

func testFilters(t *testing.T, s sitrep.Store) {
	corpus(t, s)
	bbox := func(a, b, c, d float64) *sitrep.BBox { return &sitrep.BBox{MinLon: a, MinLat: b, MaxLon: c, MaxLat: d} }
	tests := []struct {
		name string
		f    sitrep.EventFilter
		want []string
	}{
		{"All", sitrep.EventFilter{}, []string{"l2", "l1", "k2", "k1"}},
		{"From", sitrep.EventFilter{From: sitrep.NewDay(2024, 2, 10)}, []string{"l2", "l1", "k2"}},
		{"To", sitrep.EventFilter{To: sitrep.NewDay(2024, 2, 10)}, []string{"k2", "k1"}},
		{"FromTo", sitrep.EventFilter{From: sitrep.NewDay(2024, 2, 1), To: sitrep.NewDay(2024, 3, 10)}, []string{"l1", "k2"}},
		{"EventType", sitrep.EventFilter{EventType: []string{sitrep.Protests, sitrep.Battles}}, []string{"l1", "k1"}},
		{"SubEventType", sitrep.EventFilter{SubEventType: []string{"Air/drone strike"}}, []string{"k2"}},
		{"Actor1", sitrep.EventFilter{Actor: "Military Forces of Pakistan (2018-)"}, []string{"k2"}},
		{"Actor2", sitrep.EventFilter{Actor: "Civilians (Mali)"}, []string{"l2"}},
		{"AssocActor", sitrep.EventFilter{Actor: "Students (Mali)"}, []string{"l1"}},
		{"ActorExactOnly", sitrep.EventFilter{Actor: "Students"}, nil},
		{"Country", sitrep.EventFilter{Country: "Mali"}, []string{"l2", "l1"}},
		{"Admin1", sitrep.EventFilter{Admin1: "Balkh"}, []string{"k1"}},
		{"BBoxAfghanistanPakistan", sitrep.EventFilter{BBox: bbox(60, 29, 75, 39)}, []string{"k2", "k1"}},
		{"BBoxWestAfrica", sitrep.EventFilter{BBox: bbox(-10, 10, 0, 15)}, []string{"l1"}},
		{"BBoxEdge", sitrep.EventFilter{BBox: bbox(-8, 12.65, -8, 12.65)}, []string{"l1"}},
		{"BBoxEmpty", sitrep.EventFilter{BBox: bbox(100, -10, 110, 0)}, nil},
		{"Verification", sitrep.EventFilter{Verification: []string{sitrep.Disputed, sitrep.Reported}}, []string{"l2", "k2"}},
		{"ClaimedBy", sitrep.EventFilter{ClaimedBy: "Military Forces of Afghanistan (2021-)"}, []string{"k1"}},
		{"QueryNotes", sitrep.EventFilter{Query: "drone"}, []string{"k2"}},
		{"QueryNotesTwoWords", sitrep.EventFilter{Query: "unpaid salaries"}, []string{"l1"}},
		{"QueryArticleText", sitrep.EventFilter{Query: "zanzibar"}, []string{"k2", "k1"}},
		{"QueryPrefix", sitrep.EventFilter{Query: "sal*"}, []string{"l1"}},
		{"QueryNoMatch", sitrep.EventFilter{Query: "nothingmatchesthis"}, nil},
		// The query syntax of sitrep.ParseQuery: words, phrases, prefixes,
		// all terms must match, case and punctuation do not matter.
		{"QueryAllWordsMustMatch", sitrep.EventFilter{Query: "unpaid zanzibar"}, nil},
		{"QueryWordsAnyOrder", sitrep.EventFilter{Query: "salaries unpaid"}, []string{"l1"}},
		{"QueryPhrase", sitrep.EventFilter{Query: `"unpaid salaries"`}, []string{"l1"}},
		{"QueryPhraseOrder", sitrep.EventFilter{Query: `"salaries unpaid"`}, nil},
		{"QueryPhraseNotAdjacent", sitrep.EventFilter{Query: `"teachers bamako"`}, nil},
		{"QueryPhrasePrefix", sitrep.EventFilter{Query: `"unpaid sal*"`}, []string{"l1"}},
		{"QueryCaseAndPunctuation", sitrep.EventFilter{Query: "DRONE-Strike!"}, []string{"k2"}},
		{"QueryWholeWords", sitrep.EventFilter{Query: "sala"}, nil},
		{"QueryOperatorsAreWords", sitrep.EventFilter{Query: "drone OR zanzibar"}, nil},
		{"QueryPhraseAndWord", sitrep.EventFilter{Query: `"drone strike" peshawar`}, []string{"k2"}},
		{"Source", sitrep.EventFilter{Source: "l.txt"}, []string{"l2", "l1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids(all(t, s, tc.f)); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func testFilterCombination(t *testing.T, s sitrep.Store) {
	corpus(t, s)
	f := sitrep.EventFilter{Country: "Mali", From: sitrep.NewDay(2024, 3, 11), Verification: []string{sitrep.Disputed}, Query: "market"}
	if got := ids(all(t, s, f)); !slices.Equal(got, []string{"l2"}) {
		t.Errorf("got %v", got)
	}
	f.Admin1 = "Bamako"
	if got := ids(all(t, s, f)); len(got) != 0 {
		t.Errorf("got %v", got)
	}
}

func testInvalidFilters(t *testing.T, s sitrep.Store) {
	corpus(t, s)
	tests := []struct {
		name string
		f    sitrep.EventFilter
	}{
		{"FromAfterTo", sitrep.EventFilter{From: sitrep.NewDay(2024, 5, 1), To: sitrep.NewDay(2024, 4, 1)}},
		{"BBoxLatRange", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: 0, MinLat: -91, MaxLon: 10, MaxLat: 10}}},
		{"BBoxLonRange", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: -181, MinLat: 0, MaxLon: 10, MaxLat: 10}}},
		{"BBoxMinMax", sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: 10, MinLat: 0, MaxLon: 0, MaxLat: 10}}},
		{"NegativeLimit", sitrep.EventFilter{Limit: -1}},
		{"QueryNoWords", sitrep.EventFilter{Query: `"*" -- ()`}},
		{"BadCursor", sitrep.EventFilter{Cursor: "not a cursor!"}},
		{"BadCursorBase64", sitrep.EventFilter{Cursor: "eyJ4IjoxfQ"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := s.Events(context.Background(), tc.f); !errors.Is(err, sitrep.ErrInvalid) {
				t.Errorf("Events(%+v): %v, want ErrInvalid", tc.f, err)
			}
		})
	}
}

func testMetacharacters(t *testing.T, s sitrep.Store) {
	corpus(t, s)
	nasty := []string{
		`' OR '1'='1`, `"; DROP TABLE events; --`, `%`, `_`, `*`, `\`, `')--`, `Mali' --`,
		`NEAR(a b)`, `AND OR NOT`, `"unterminated`, `(`, `col:value`, `^start`, "\x00", `a"b`, `💥`,
	}
	for _, v := range nasty {
		t.Run(fmt.Sprintf("%q", v), func(t *testing.T) {
			for _, f := range []sitrep.EventFilter{
				{Country: v}, {Admin1: v}, {Actor: v}, {ClaimedBy: v}, {Source: v},
				{EventType: []string{v}}, {SubEventType: []string{v, "Attack"}}, {Verification: []string{v}},
			} {
				got, _, err := s.Events(context.Background(), f)
				if err != nil {
					t.Fatalf("Events(%+v): %v", f, err)
				}
				for _, e := range got {
					if e.SubEventType != "Attack" {
						t.Errorf("Events(%+v) matched %s", f, e.EventID)
					}
				}
			}
			// Free text either matches nothing or is rejected as invalid;
			// it is never an SQL error.
			_, _, err := s.Events(context.Background(), sitrep.EventFilter{Query: v})
			if err != nil && !errors.Is(err, sitrep.ErrInvalid) {
				t.Errorf("Query %q: %v", v, err)
			}
		})
	}
	if got := all(t, s, sitrep.EventFilter{}); len(got) != 4 {
		t.Errorf("after metacharacters: %d events, want 4", len(got))
	}
}

func testPagination(t *testing.T, s sitrep.Store) {
	var evs []sitrep.Event
	var want []string
	// 23 events over 5 days, several per day, so pages split ties.
	for i := range 23 {
		date := fmt.Sprintf("2024-04-%02d", 1+i%5)
		evs = append(evs, Event("m.txt", fmt.Sprintf("m%02d", i), date))
	}
	put(t, s, Doc("m.txt", "m"), evs...)
	sorted := slices.Clone(evs)
	slices.SortFunc(sorted, func(a, b sitrep.Event) int {
		if c := strings.Compare(b.EventDate, a.EventDate); c != 0 {
			return c
		}
		return strings.Compare(a.EventID, b.EventID)
	})
	want = ids(sorted)
	for _, limit := range []int{1, 2, 5, 7, 22, 23, 24, 1000} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			var got []string
			f := sitrep.EventFilter{Limit: limit}
			pages := 0
			for {
				page, next, err := s.Events(context.Background(), f)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if len(page) > limit {
					t.Fatalf("page of %d > limit %d", len(page), limit)
				}
				got = append(got, ids(page)...)
				if next == "" {
					break
				}
				if len(page) != limit {
					t.Fatalf("short page (%d) with a next cursor", len(page))
				}
				f.Cursor = next
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %v\nwant %v", got, want)
			}
			if wantPages := (23 + limit - 1) / limit; pages != wantPages {
				t.Errorf("%d pages, want %d", pages, wantPages)
			}
		})
	}
	t.Run("DefaultLimit", func(t *testing.T) {
		page, _, err := s.Events(context.Background(), sitrep.EventFilter{})
		if err != nil || len(page) != 23 {
			t.Errorf("default page: %d events, %v", len(page), err)
		}
	})
}

func testPaginationWithFilter(t *testing.T, s sitrep.Store) {
	var evs []sitrep.Event
	for i := range 12 {
		e := Event("n.txt", fmt.Sprintf("n%02d", i), fmt.Sprintf("2024-06-%02d", 1+i))
		if i%2 == 0 {
			e.Country = "Somalia"
		}
		evs = append(evs, e)
	}
	put(t, s, Doc("n.txt", "n"), evs...)
	got := ids(all(t, s, sitrep.EventFilter{Country: "Somalia", Limit: 2}))
	want := []string{"n10", "n08", "n06", "n04", "n02", "n00"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func testUnicode(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	text := "قندوز: Taliban said «12 killed» in Kunduz — 東京 test 💥."
	e := Event("ü.txt", "ev-ü", "2024-05-05")
	e.Location, e.Notes = "Kunduz — قندوز", "Notes with «quotes», \"double\", 'single' and 東京."
	e.Evidence = []sitrep.Evidence{{Field: sitrep.FieldLocation, Text: "قندوز", Start: 0, End: len("قندوز")}}
	id := put(t, s, Doc("ü.txt", text), e)
	got, err := s.Event(ctx, "ev-ü")
	if err != nil || !reflect.DeepEqual(*got, e) {
		t.Fatalf("Event: %+v, %v", got, err)
	}
	if got := ids(all(t, s, sitrep.EventFilter{Query: "東京"})); !slices.Equal(got, []string{"ev-ü"}) {
		t.Errorf("query 東京: %v", got)
	}
	d, err := s.Document(ctx, id)
	if err != nil || d.Text != text {
		t.Errorf("Document: %+v, %v", d, err)
	}
}

func testNoCoordinates(t *testing.T, s sitrep.Store) {
	e := Event("o.txt", "o1", "2024-05-05")
	e.Latitude, e.Longitude = nil, nil
	put(t, s, Doc("o.txt", "o"), e)
	got, err := s.Event(context.Background(), "o1")
	if err != nil || got.Latitude != nil || got.Longitude != nil {
		t.Fatalf("Event: %+v, %v", got, err)
	}
	if got := all(t, s, sitrep.EventFilter{BBox: &sitrep.BBox{MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90}}); len(got) != 0 {
		t.Errorf("event without coordinates matched a bbox: %v", ids(got))
	}
}

// testBareEvent stores an event with nothing but its id, date, type and
// state: no actors, place, people, claims or evidence, and no source of
// its own.
func testBareEvent(t *testing.T, s sitrep.Store) {
	ev := sitrep.Event{EventID: "bare1", EventDate: "2024-05-06", TimePrecision: 1,
		EventType: sitrep.Battles, SubEventType: "Armed clash", Verification: sitrep.Reported}
	for range 2 {
		put(t, s, Doc("bare.txt", "Police clashed with protesters."), ev)
	}
	got, err := s.Event(context.Background(), "bare1")
	if err != nil || got.Source != "bare.txt" || got.Actor1 != "" || got.Latitude != nil {
		t.Fatalf("Event: %+v, %v", got, err)
	}
	for _, f := range []sitrep.EventFilter{{}, {Query: "clashed"}, {Source: "bare.txt"}} {
		if got := ids(all(t, s, f)); !slices.Equal(got, []string{"bare1"}) {
			t.Errorf("Events(%+v) = %v", f, got)
		}
	}
	if got := all(t, s, sitrep.EventFilter{Actor: "Police"}); len(got) != 0 {
		t.Errorf("actor filter matched an event without actors: %v", ids(got))
	}
}

func testConcurrentReaders(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	put(t, s, Doc("p.txt", "p"), Event("p.txt", "p0", "2024-05-01"))
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 4 {
		wg.Go(func() {
			for i := range 10 {
				if w == 0 {
					doc := Doc(fmt.Sprintf("q%d.txt", i), "q")
					if _, err := s.PutDocument(ctx, doc, []sitrep.Event{Event(doc.ID, fmt.Sprintf("q%d", i), "2024-05-02")}); err != nil {
						errs <- err
						return
					}
					continue
				}
				if _, _, err := s.Events(ctx, sitrep.EventFilter{Country: "Afghanistan"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := all(t, s, sitrep.EventFilter{}); len(got) != 11 {
		t.Errorf("%d events, want 11", len(got))
	}
}

func testMigrateTwice(t *testing.T, s sitrep.Store) {
	m, ok := s.(Migrator)
	if !ok {
		t.Skip("store has no Migrate method")
	}
	ctx := context.Background()
	put(t, s, Doc("r.txt", "r"), Event("r.txt", "r1", "2024-05-01"))
	for range 2 {
		if err := m.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Event(ctx, "r1"); err != nil {
		t.Errorf("after migrating twice: %v", err)
	}
}

func testVersion(t *testing.T, s sitrep.Store) {
	v, ok := s.(sitrep.Versioner)
	if !ok {
		t.Skip("store is no sitrep.Versioner")
	}
	ctx := context.Background()
	version := func() uint64 {
		t.Helper()
		n, err := v.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	v0 := version()
	if v1 := version(); v1 != v0 {
		t.Errorf("version changed without a write: %d -> %d", v0, v1)
	}
	seen := map[uint64]bool{v0: true}
	for i := range 3 {
		put(t, s, Doc("v.txt", fmt.Sprint("version ", i)), Event("v.txt", fmt.Sprint("v", i), "2024-05-01"))
		n := version()
		if seen[n] {
			t.Errorf("after write %d the version is %d, seen before", i, n)
		}
		seen[n] = true
	}
	// A failed write changes nothing, and may leave the version as it is.
	before := version()
	if _, err := s.PutDocument(ctx, Doc("", "x"), nil); err == nil {
		t.Fatal("empty source accepted")
	}
	if _, _, err := s.Events(ctx, sitrep.EventFilter{}); err != nil {
		t.Fatal(err)
	}
	if after := version(); after != before {
		t.Logf("version moved on a failed write (allowed): %d -> %d", before, after)
	}
}
