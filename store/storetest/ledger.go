package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// The ledger suite: stores that join the reports of one event told by
// many documents (sitrep.LedgerStore) must pass it as well. Its
// documents are invented tellings of one operation in Balkh on 26 March
// 2023: the party's claim, an outlet whose witnesses confirm two of the
// three names, the other side's denial, and an unrelated roadside bomb
// in the same province on the same day.

func pint(n int) *int { return &n }

func balkhEvent(source, id string) sitrep.Event {
	return sitrep.Event{
		EventID: id, Source: source, EventDate: "2023-03-26", DateFrom: "2023-03-26", TimePrecision: 1,
		EventType: sitrep.Battles, SubEventType: "Armed clash",
		Actor1: "Military Forces of Afghanistan (2021-)", Actor2: "Islamic State (Afghanistan)",
		Country: "Afghanistan", Admin1: "Balkh", Admin2: "Mazar-e Sharif", Location: "Mazar-e Sharif",
		Latitude: ptr(36.709), Longitude: ptr(67.110), GeoPrecision: 2, GeonameID: 1133616,
		Notes:     "On 26 March 2023, Taliban forces clashed with IS militants in Balkh.",
		DateBasis: sitrep.BasisGiven, People: []sitrep.Person{}, Evidence: []sitrep.Evidence{},
	}
}

// ledgerDocs returns the four documents and their events.
func ledgerDocs() map[string]sitrep.DocumentEvents {
	killed := func(names ...string) []sitrep.Person {
		var ps []sitrep.Person
		for _, n := range names {
			ps = append(ps, sitrep.Person{Name: n, Affiliation: "Islamic State (Afghanistan)", Fate: sitrep.FateKilled})
		}
		return ps
	}
	doc := func(source, day, text string) *sitrep.Document {
		d := Doc(source, text)
		d.Published, _ = sitrep.ParseDay(day)
		return d
	}
	party := balkhEvent("ledger-party", "AFG-party1")
	party.ClaimedBy, party.Verification, party.Fatalities = "Military Forces of Afghanistan (2021-)", sitrep.Claimed, 3
	party.People = killed("Mawlawi Ziauddin", "Abu Omar Afridi", "Ustad Salman Tajikistani")
	party.Claims = []sitrep.Claim{{Claimant: "Military Forces of Afghanistan (2021-)", Cue: "said", Stance: "asserts", Text: "said", Start: 14, End: 18}}
	party.Evidence = []sitrep.Evidence{{Field: sitrep.FieldFatalities, Text: "three", Start: 40, End: 45}}

	outlet := balkhEvent("ledger-outlet", "AFG-outlet1")
	outlet.Admin2, outlet.Location, outlet.GeoPrecision, outlet.GeonameID = "", "Balkh", 3, 0
	outlet.Actor2 = "Civilians (Afghanistan)"
	outlet.Verification, outlet.Fatalities = sitrep.Unconfirmed, 2
	outlet.People = killed("Mawlawi Ziauddin", "Abu Omar Afridi")
	outlet.Claims = []sitrep.Claim{
		{Cue: "confirmed", Stance: "confirms", Text: "confirmed", Start: 10, End: 19},
		{Cue: "could not confirm", Stance: "doubts", Text: "could not confirm", Start: 60, End: 77},
	}

	denial := balkhEvent("ledger-denial", "AFG-denial1")
	denial.Admin2, denial.Location, denial.GeoPrecision, denial.GeonameID = "", "Balkh", 3, 0
	denial.Actor2 = ""
	denial.Verification, denial.Fatalities = sitrep.Disputed, 2
	denial.People = killed("Mawlawi Ziauddin", "Abu Omar Afridi")
	denial.Claims = []sitrep.Claim{{Claimant: "Islamic State (Afghanistan)", Cue: "denied", Stance: "denies", Text: "denied", Start: 20, End: 26}}

	bomb := balkhEvent("ledger-bomb", "AFG-bomb1")
	bomb.EventType, bomb.SubEventType = sitrep.ExplosionsRemote, "Remote explosive/landmine/IED"
	bomb.Actor1, bomb.Actor2 = "", "Civilians (Afghanistan)"
	bomb.Admin2, bomb.Location, bomb.Latitude, bomb.Longitude, bomb.GeonameID = "Chimtal", "Chimtal", ptr(36.68), ptr(66.80), 1
	bomb.Verification, bomb.Fatalities = sitrep.Reported, 2
	bomb.People = []sitrep.Person{{Name: "Gul Ahmad", Fate: sitrep.FateKilled}, {Name: "Sher Khan", Fate: sitrep.FateKilled}}

	return map[string]sitrep.DocumentEvents{
		"ledger-party":  {Doc: doc("ledger-party", "2023-03-27", "The directorate said on Twitter that three IS members were killed."), Events: []sitrep.Event{party}},
		"ledger-outlet": {Doc: doc("ledger-outlet", "2023-03-28", "Witnesses confirmed two deaths; they could not confirm the third."), Events: []sitrep.Event{outlet}},
		"ledger-denial": {Doc: doc("ledger-denial", "2023-03-29", "The group denied on Telegram that its men died."), Events: []sitrep.Event{denial}},
		"ledger-bomb":   {Doc: doc("ledger-bomb", "2023-03-27", "A roadside bomb killed two farmers in Chimtal."), Events: []sitrep.Event{bomb}},
	}
}

// RunLedgerConformance runs the ledger suite, each test on a fresh store
// from newStore, which must join reports (sqlite: Options.Ledger) and
// implement sitrep.LedgerStore.
func RunLedgerConformance(t *testing.T, newStore func(t *testing.T) sitrep.Store) {
	open := func(t *testing.T) (sitrep.Store, sitrep.LedgerStore) {
		t.Helper()
		s := newStore(t)
		t.Cleanup(func() { s.Close() })
		ls, ok := s.(sitrep.LedgerStore)
		if !ok {
			t.Fatalf("%T does not implement sitrep.LedgerStore", s)
		}
		return s, ls
	}
	tests := []struct {
		name string
		fn   func(t *testing.T, s sitrep.Store, ls sitrep.LedgerStore)
	}{
		{"ThreeSides", testLedgerThreeSides},
		{"UnrelatedApart", testLedgerUnrelated},
		{"OrderIndependent", nil},
		{"ReputNoop", testLedgerReput},
		{"Split", testLedgerSplit},
	}
	for _, tc := range tests {
		t.Run("Ledger"+tc.name, func(t *testing.T) {
			if tc.fn == nil {
				testLedgerOrder(t, open)
				return
			}
			s, ls := open(t)
			tc.fn(t, s, ls)
		})
	}
}

func putLedgerDoc(t *testing.T, s sitrep.Store, de sitrep.DocumentEvents) {
	t.Helper()
	if _, err := s.PutDocument(context.Background(), de.Doc, de.Events); err != nil {
		t.Fatalf("put %s: %v", de.Doc.ID, err)
	}
}

func allLedger(t *testing.T, s sitrep.Store) []sitrep.Event {
	t.Helper()
	evs, _, err := s.Events(context.Background(), sitrep.EventFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func deref(n *int) int {
	if n == nil {
		return -1
	}
	return *n
}

func testLedgerThreeSides(t *testing.T, s sitrep.Store, ls sitrep.LedgerStore) {
	docs := ledgerDocs()
	steps := []struct {
		doc           string
		fatal, lo, hi int
		verification  string
	}{
		{"ledger-party", 3, 3, 3, sitrep.Claimed},
		{"ledger-outlet", 2, 2, 3, sitrep.Confirmed},
		{"ledger-denial", 2, 2, 3, sitrep.Disputed},
	}
	for i, st := range steps {
		putLedgerDoc(t, s, docs[st.doc])
		// The joined event's figures change: so does its point-list row.
		CheckPointRows(t, s)
		evs := allLedger(t, s)
		if len(evs) != 1 {
			t.Fatalf("after %s: %d events, want 1", st.doc, len(evs))
		}
		ev := evs[0]
		if len(ev.Sources) != i+1 || ev.Source != "ledger-party" || ev.EventID != "AFG-party1" {
			t.Errorf("after %s: %d sources, source %s, id %s; want %d, ledger-party, AFG-party1", st.doc, len(ev.Sources), ev.Source, ev.EventID, i+1)
		}
		if ev.Fatalities != st.fatal || deref(ev.FatalitiesLow) != st.lo || deref(ev.FatalitiesHigh) != st.hi || ev.Verification != st.verification {
			t.Errorf("after %s: fatalities %d [%d, %d] %s; want %d [%d, %d] %s", st.doc, ev.Fatalities,
				deref(ev.FatalitiesLow), deref(ev.FatalitiesHigh), ev.Verification, st.fatal, st.lo, st.hi, st.verification)
		}
	}
	// A report's own id finds the event.
	ev, err := s.Event(context.Background(), "AFG-denial1")
	if err != nil || ev.EventID != "AFG-party1" {
		t.Errorf("Event(a report's id): %v, %v; want AFG-party1", ev, err)
	}
	led, err := ls.EventLedger(context.Background(), "AFG-outlet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(led.Merges) != 2 || len(led.Event.Claims) < 3 {
		t.Errorf("ledger: %d merges, %d claims; want 2, >= 3", len(led.Merges), len(led.Event.Claims))
	}
	var path []string
	for _, c := range led.History {
		if c.Field == "verification" {
			path = append(path, c.New)
		}
	}
	if len(path) != 3 || path[0] != sitrep.Claimed || path[1] != sitrep.Confirmed || path[2] != sitrep.Disputed {
		t.Errorf("verification history %v, want claimed, confirmed, disputed", path)
	}
	if _, err := ls.EventLedger(context.Background(), "no-such-event"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("EventLedger(unknown): %v, want ErrNotFound", err)
	}
}

func testLedgerUnrelated(t *testing.T, s sitrep.Store, ls sitrep.LedgerStore) {
	for _, d := range []string{"ledger-party", "ledger-bomb", "ledger-outlet"} {
		putLedgerDoc(t, s, ledgerDocs()[d])
	}
	evs := allLedger(t, s)
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2 (the operation and the bomb)", len(evs))
	}
	for _, ev := range evs {
		if ev.EventType == sitrep.ExplosionsRemote && len(ev.Sources) != 1 {
			t.Errorf("the bomb has %d sources, want 1", len(ev.Sources))
		}
	}
}

func permute(xs []string) [][]string {
	if len(xs) <= 1 {
		return [][]string{append([]string(nil), xs...)}
	}
	var out [][]string
	for i := range xs {
		rest := append(append([]string(nil), xs[:i]...), xs[i+1:]...)
		for _, p := range permute(rest) {
			out = append(out, append([]string{xs[i]}, p...))
		}
	}
	return out
}

func testLedgerOrder(t *testing.T, open func(t *testing.T) (sitrep.Store, sitrep.LedgerStore)) {
	want := ""
	for _, order := range permute([]string{"ledger-party", "ledger-outlet", "ledger-denial", "ledger-bomb"}) {
		s, _ := open(t)
		for _, d := range order {
			putLedgerDoc(t, s, ledgerDocs()[d])
		}
		b, _ := json.Marshal(allLedger(t, s))
		if want == "" {
			want = string(b)
		} else if string(b) != want {
			t.Fatalf("order %v gives other events:\n%s\nwant\n%s", order, b, want)
		}
		s.Close()
	}
}

func testLedgerReput(t *testing.T, s sitrep.Store, ls sitrep.LedgerStore) {
	docs := ledgerDocs()
	for _, d := range []string{"ledger-party", "ledger-outlet", "ledger-denial"} {
		putLedgerDoc(t, s, docs[d])
	}
	before, _ := json.Marshal(allLedger(t, s))
	led, err := ls.EventLedger(context.Background(), "AFG-party1")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"ledger-denial", "ledger-party", "ledger-outlet"} {
		putLedgerDoc(t, s, docs[d])
	}
	after, _ := json.Marshal(allLedger(t, s))
	if string(before) != string(after) {
		t.Errorf("re-put changed the events:\n%s\nwant\n%s", after, before)
	}
	led2, err := ls.EventLedger(context.Background(), "AFG-party1")
	if err != nil {
		t.Fatal(err)
	}
	if len(led2.History) != len(led.History) {
		t.Errorf("re-put changed the history: %d changes, want %d", len(led2.History), len(led.History))
	}
}

func testLedgerSplit(t *testing.T, s sitrep.Store, ls sitrep.LedgerStore) {
	ctx := context.Background()
	docs := ledgerDocs()
	for _, d := range []string{"ledger-party", "ledger-outlet", "ledger-denial"} {
		putLedgerDoc(t, s, docs[d])
	}
	version := func() uint64 {
		t.Helper()
		v, ok := s.(sitrep.Versioner)
		if !ok {
			return 0
		}
		n, err := v.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := version()
	ids, err := ls.SplitEvent(ctx, "AFG-party1", "ledger-denial")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(sitrep.Versioner); ok && version() == before {
		t.Errorf("the version is %d after a split as before it: a cached answer would keep the joined event", before)
	}
	if len(ids) != 2 {
		t.Fatalf("split gave %v, want 2 events", ids)
	}
	check := func(when string) {
		t.Helper()
		evs := allLedger(t, s)
		if len(evs) != 2 {
			t.Fatalf("%s: %d events, want 2", when, len(evs))
		}
		CheckPointRows(t, s)
		for _, ev := range evs {
			if ev.EventID == "AFG-party1" && (len(ev.Sources) != 2 || ev.Verification != sitrep.Confirmed) {
				t.Errorf("%s: the operation has %d sources and is %s; want 2, confirmed", when, len(ev.Sources), ev.Verification)
			}
		}
	}
	check("after the split")
	// The split holds when the document comes again, changed.
	de := docs["ledger-denial"]
	de.Events[0].Injuries = 1
	putLedgerDoc(t, s, de)
	check("after the denial is put again")
	if _, err := ls.SplitEvent(ctx, "no-such-event", "x"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("split of an unknown event: %v, want ErrNotFound", err)
	}
	if _, err := ls.SplitEvent(ctx, "AFG-party1", "not-a-source"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("split by a document that does not report the event: %v, want ErrNotFound", err)
	}
}

// LedgerDocuments returns the suite's invented documents about the Balkh
// operation in publication order (the party's claim, the outlet, the
// denial) and the unrelated bomb, for other packages' tests of a ledger
// store (the API, the page).
func LedgerDocuments() []sitrep.DocumentEvents {
	d := ledgerDocs()
	return []sitrep.DocumentEvents{d["ledger-party"], d["ledger-outlet"], d["ledger-denial"], d["ledger-bomb"]}
}
