package httpapi_test

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/store"
	_ "github.com/sitrep-dev/sitrep/store/postgres" // postgres:// URLs
	"github.com/sitrep-dev/sitrep/store/postgres/pgtest"
	_ "github.com/sitrep-dev/sitrep/store/sqlite" // file paths
)

// fixtureSource is the source of the hand-written fixture article.
const fixtureSource = "fixture/mazar.txt"

// Event ids of the fixture article.
const (
	clashID   = "fx-clash-mazar"
	protestID = "fx-protest-sheberghan"
)

func ptr(f float64) *float64 { return &f }

// evidence returns the Evidence of the n-th (from 0) occurrence of s in
// text, failing the test when there is none.
func evidence(tb testing.TB, text, field, s string, n int) sitrep.Evidence {
	tb.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], s)
		if j < 0 {
			tb.Fatalf("fixture: %q occurrence %d not in text", s, n)
		}
		if i == n {
			return sitrep.Evidence{Field: field, Text: s, Start: off + j, End: off + j + len(s)}
		}
		off += j + len(s)
	}
}

// fixtureArticle returns the hand-written article of testdata/article.txt
// and its two events. The text holds Dari script, curly quotes and Latin
// letters with diacritics, so byte and UTF-16 offsets differ.
func fixtureArticle(tb testing.TB) (*sitrep.Document, []sitrep.Event) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	text := string(data)
	doc := &sitrep.Document{
		ID: fixtureSource, Title: "Clashes near Mazār-i-Sharīf leave four dead, officials say",
		Published: sitrep.NewDay(2024, 5, 8), PublishedBasis: sitrep.BasisGiven,
		Text: text,
	}
	claim := evidence(tb, text, "", "Security forces clashed with gunmen on the outskirts of Mazār-i-Sharīf (مزار شریف) on Tuesday night, killing four of the attackers", 0)
	clash := sitrep.Event{
		EventID: clashID, EventDate: "2024-05-07", TimePrecision: 1,
		EventType: sitrep.Battles, SubEventType: "Armed clash",
		Actor1: "Military Forces of Afghanistan (2021-)", Actor2: "Unidentified Armed Group (Afghanistan)",
		Country: "Afghanistan", Admin1: "Balkh", Admin2: "Mazar-e Sharif", Location: "Mazar-e Sharif",
		Latitude: ptr(36.709), Longitude: ptr(67.1109), GeoPrecision: 2, Fatalities: 4,
		Notes:  "On 7 May 2024, Afghan security forces clashed with gunmen on the outskirts of Mazar-e Sharif (Balkh). 4 attackers were killed, according to a provincial spokesman.",
		Source: fixtureSource, ClaimedBy: "Military Forces of Afghanistan (2021-)", Verification: sitrep.Unconfirmed,
		People: []sitrep.Person{
			{Name: "Mullah Rahim", Role: "local commander", Fate: sitrep.FateKilled},
			{Name: "Abdul Qadir Noori", Role: "spokesman", Affiliation: "Balkh provincial government", Fate: sitrep.FateOther},
		},
		Evidence: []sitrep.Evidence{
			evidence(tb, text, sitrep.FieldSubEventType, "clashed", 0),
			evidence(tb, text, sitrep.FieldLocation, "Mazār-i-Sharīf (مزار شریف)", 0),
			evidence(tb, text, sitrep.FieldFatalities, "killing four of the attackers", 0),
			evidence(tb, text, sitrep.FieldPeople, "Mullah Rahim", 0),
			evidence(tb, text, sitrep.FieldVerification, "The claim could not be independently verified.", 0),
		},
		DateBasis: sitrep.BasisGiven, DateFrom: "2024-05-07",
		Claims: []sitrep.Claim{{
			Claimant: "Balkh provincial spokesman", Cue: "said", Stance: "asserts",
			Text: claim.Text, Start: claim.Start, End: claim.End,
		}},
	}
	protest := sitrep.Event{
		EventID: protestID, EventDate: "2024-05-09", TimePrecision: 1,
		EventType: sitrep.Protests, SubEventType: "Peaceful protest",
		Actor1: "Protesters (Afghanistan)", Country: "Afghanistan", Admin1: "Jowzjan", Location: "Sheberghan",
		Latitude: ptr(36.6658), Longitude: ptr(65.752), GeoPrecision: 1,
		Notes:  "On 9 May 2024, about 200 people protested against power cuts outside the governor's office in Sheberghan (Jowzjan).",
		Source: fixtureSource, Verification: sitrep.Reported,
		Evidence: []sitrep.Evidence{
			evidence(tb, text, sitrep.FieldSubEventType, "to protest against power cuts", 0),
			evidence(tb, text, sitrep.FieldLocation, "the governor’s office in Sheberghan", 0),
		},
		DateBasis: sitrep.BasisGiven, DateFrom: "2024-05-09",
	}
	return doc, []sitrep.Event{clash, protest}
}

// hubs are places around which synthetic events fall.
var hubs = []struct {
	country, admin1, location string
	lat, lon                  float64
}{
	{"Afghanistan", "Kabul", "Kabul", 34.5553, 69.2075},
	{"Afghanistan", "Kandahar", "Kandahar", 31.6289, 65.7372},
	{"Afghanistan", "Nangarhar", "Jalalabad", 34.4265, 70.4515},
	{"Afghanistan", "Herat", "Herat", 34.3482, 62.1997},
	{"Pakistan", "Khyber Pakhtunkhwa", "Peshawar", 34.0151, 71.5249},
	{"Syria", "Idlib", "Idlib", 35.9306, 36.6339},
	{"Yemen", "Taizz", "Taizz", 13.5795, 44.0209},
	{"Sudan", "Khartoum", "Khartoum", 15.5007, 32.5599},
	{"Democratic Republic of Congo", "North Kivu", "Goma", -1.6585, 29.2203},
	{"Nigeria", "Borno", "Maiduguri", 11.8311, 13.151},
	{"Mali", "Mopti", "Mopti", 14.4843, -4.1827},
	{"Myanmar", "Sagaing", "Monywa", 22.1086, 95.1358},
	{"Ukraine", "Donetsk", "Bakhmut", 48.5953, 38.0003},
	{"Colombia", "Cauca", "Popayan", 2.4448, -76.6147},
	{"Mexico", "Guerrero", "Chilpancingo", 17.5515, -99.5006},
}

var subTypes = map[string][]string{
	sitrep.Battles:                 {"Armed clash", "Government regains territory"},
	sitrep.ExplosionsRemote:        {"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED"},
	sitrep.ViolenceAgainstCivilian: {"Attack", "Abduction/forced disappearance"},
	sitrep.Protests:                {"Peaceful protest", "Protest with intervention"},
	sitrep.Riots:                   {"Violent demonstration", "Mob violence"},
	sitrep.StrategicDevelopments:   {"Arrests", "Looting/property destruction"},
}

var typeOrder = []string{sitrep.Battles, sitrep.ExplosionsRemote, sitrep.ViolenceAgainstCivilian, sitrep.Protests, sitrep.Riots, sitrep.StrategicDevelopments}

// syntheticDocs returns n synthetic events spread over days days before
// 2024-05-10, in documents of perDoc events each. Each document's text is
// generated here and each event's evidence points into it.
func syntheticDocs(n, days, perDoc int) []synthDoc {
	rng := rand.New(rand.NewPCG(1, 2))
	end := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	var out []synthDoc
	for i := 0; i < n; i += perDoc {
		var b strings.Builder
		d := synthDoc{doc: &sitrep.Document{ID: fmt.Sprintf("synthetic/%06d.txt", i/perDoc)}}
		for j := i; j < n && j < i+perDoc; j++ {
			h := hubs[int(math.Abs(rng.NormFloat64()*4))%len(hubs)]
			typ := typeOrder[rng.IntN(len(typeOrder))]
			sub := subTypes[typ][rng.IntN(len(subTypes[typ]))]
			// Days cluster towards the recent end, with weekly waves.
			day := int(math.Abs(rng.NormFloat64()) * float64(days) / 2.5)
			if day >= days {
				day = rng.IntN(days)
			}
			date := end.AddDate(0, 0, -day).Format(time.DateOnly)
			fat := 0
			if typ != sitrep.Protests && typ != sitrep.StrategicDevelopments {
				fat = rng.IntN(6)
			}
			sentence := fmt.Sprintf("Report %d: an incident of the kind %q was recorded near %s, %s, on %s, with %d reported deaths. ", j, sub, h.location, h.country, date, fat)
			start := b.Len() + strings.Index(sentence, "near ")
			b.WriteString(sentence)
			loc := "near " + h.location
			ver := []string{sitrep.Reported, sitrep.Reported, sitrep.Claimed, sitrep.Unconfirmed, sitrep.Confirmed, sitrep.Disputed}[rng.IntN(6)]
			d.events = append(d.events, sitrep.Event{
				EventID: fmt.Sprintf("syn-%06d", j), EventDate: date, TimePrecision: 1,
				EventType: typ, SubEventType: sub,
				Actor1:  "Unidentified Armed Group (" + h.country + ")",
				Country: h.country, Admin1: h.admin1, Location: h.location,
				Latitude:     ptr(h.lat + rng.NormFloat64()*0.35),
				Longitude:    ptr(h.lon + rng.NormFloat64()*0.35),
				GeoPrecision: 2, Fatalities: fat, Verification: ver, DateBasis: sitrep.BasisGiven,
				Notes:    fmt.Sprintf("On %s, a %s event was recorded near %s (%s).", date, strings.ToLower(sub), h.location, h.admin1),
				Source:   d.doc.ID,
				Evidence: []sitrep.Evidence{{Field: sitrep.FieldLocation, Text: loc, Start: start, End: start + len(loc)}},
			})
		}
		d.doc.Text = b.String()
		out = append(out, d)
	}
	return out
}

type synthDoc struct {
	doc    *sitrep.Document
	events []sitrep.Event
}

// mustOpenDB opens a fresh SQLite store in a temporary directory.
func mustOpenDB(tb testing.TB) sitrep.Store {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "sitrep.db"), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// mustFill stores the fixture article and n synthetic events.
func mustFill(tb testing.TB, db sitrep.Store, n int) {
	tb.Helper()
	ctx := context.Background()
	doc, events := fixtureArticle(tb)
	if _, err := db.PutDocument(ctx, doc, events); err != nil {
		tb.Fatal(err)
	}
	for _, d := range syntheticDocs(n, 120, 20) {
		if _, err := db.PutDocument(ctx, d.doc, d.events); err != nil {
			tb.Fatal(err)
		}
	}
}

// newServer returns a test server of the API over store.
func newServer(tb testing.TB, opts httpapi.Options) *httptest.Server {
	tb.Helper()
	s, err := httpapi.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(s)
	tb.Cleanup(ts.Close)
	return ts
}

var tempDirs []string

// mustOpenDBNoCleanup opens a store that lives until TestMain ends, for
// fixtures shared between tests.
func mustOpenDBNoCleanup(tb testing.TB) sitrep.Store {
	tb.Helper()
	dir, err := os.MkdirTemp("", "sitrep-httpapi-")
	if err != nil {
		tb.Fatal(err)
	}
	tempDirs = append(tempDirs, dir)
	db, err := store.Open(context.Background(), filepath.Join(dir, "sitrep.db"), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

// With a test PostgreSQL, every read test also runs against the
// PostgreSQL store: sitrep serve --db postgres://... serves the same API.
func init() {
	if os.Getenv(pgtest.EnvURL) != "" {
		storeKinds = append(storeKinds, "postgres")
	}
}

// pgDrops drop the schemas of shared PostgreSQL fixtures.
var pgDrops []func() error

func mustOpenPostgres(tb testing.TB, dsn string) sitrep.Store {
	tb.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for _, st := range sharedStores {
		st.Close()
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	for _, drop := range pgDrops {
		drop()
	}
	os.Exit(code)
}
