package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestHalfOf(t *testing.T) {
	// FNV-1a 32 test vectors: "" hashes to 0x811c9dc5 (odd), "a" to
	// 0xe40c292c (even).
	for _, c := range []struct{ incident, id, want string }{
		{"", "", HalfCheck},
		{"", "a", HalfTune},
		{"a", "", HalfTune},         // the incident decides
		{"a", "anything", HalfTune}, // whatever the id
		{"", "anything", HalfOf("", "anything")},
	} {
		if got := HalfOf(c.incident, c.id); got != c.want {
			t.Errorf("HalfOf(%q, %q) = %s, want %s", c.incident, c.id, got, c.want)
		}
	}
}

func TestRun_Halves(t *testing.T) {
	files := loadTestGold(t)
	all, err := Run(t.Context(), testFake, files, Options{Workers: 2, BothHalves: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range files {
		a, tu, ch := all.Files[i], all.Tune[i], all.Check[i]
		if tu.Documents+ch.Documents != a.Documents {
			t.Errorf("%s: halves hold %d + %d documents, want %d", a.Path, tu.Documents, ch.Documents, a.Documents)
		}
	}
	for _, half := range []string{HalfTune, HalfCheck} {
		one, err := Run(t.Context(), testFake, files, Options{Workers: 2, Half: half})
		if err != nil {
			t.Fatal(err)
		}
		want := all.Tune
		if half == HalfCheck {
			want = all.Check
		}
		for i := range files {
			g, w := Figures(one.Files[i]), Figures(want[i])
			if len(g) != len(w) {
				t.Fatalf("%s %s: %d figures, want %d", files[i].Path, half, len(g), len(w))
			}
			for k := range g {
				if g[k] != w[k] {
					t.Errorf("%s %s: %+v, want %+v", files[i].Path, half, g[k], w[k])
				}
			}
		}
	}
	if _, err := Run(t.Context(), testFake, files, Options{Half: "both"}); err == nil {
		t.Error("half \"both\": no error")
	}
}

func TestIncident(t *testing.T) {
	lat, lon := 41.88, -87.63
	g := &GoldEvent{
		EventType:  []string{sitrep.ViolenceAgainstCivilian},
		EventDate:  []DateRange{{"2016-05-01", "2016-05-01"}},
		Location:   &GoldLocation{Lat: &lat, Lon: &lon, WithinKm: 25},
		Fatalities: []int{2}, Injuries: []int{1},
	}
	d := &GoldDoc{ID: "x", Partial: true, Incident: "1", Events: []*GoldEvent{g}}
	near, far := fp(41.9), fp(40.0)
	for _, c := range []struct {
		name                          string
		events                        []sitrep.Event
		found, date, deaths, inj, all bool
	}{
		{"nothing", nil, false, false, false, false, false},
		{"far away", []sitrep.Event{{EventDate: "2016-05-01", Fatalities: 2, Latitude: far, Longitude: fp(lon)}}, false, false, false, false, false},
		{"right", []sitrep.Event{{EventDate: "2016-05-01", Fatalities: 2, Injuries: 1, Latitude: near, Longitude: fp(lon)}}, true, true, true, true, true},
		{"best of two", []sitrep.Event{
			{EventType: sitrep.StrategicDevelopments, EventDate: "2016-05-03", Latitude: near, Longitude: fp(lon)},
			{EventDate: "2016-05-01", Fatalities: 2, Latitude: near, Longitude: fp(lon)},
		}, true, true, true, false, true},
		{"wrong date", []sitrep.Event{{EventDate: "2016-05-02", Fatalities: 2, Latitude: near, Longitude: fp(lon)}}, true, false, true, false, false},
	} {
		o := scoreIncident(d, c.events)
		if !o.scored || o.found != c.found || o.date != c.date || o.deaths != c.deaths || o.injuries != c.inj || o.all != c.all {
			t.Errorf("%s: %+v, want found %v date %v deaths %v injuries %v all %v", c.name, o, c.found, c.date, c.deaths, c.inj, c.all)
		}
	}
	o := scoreEvents2(d, []sitrep.Event{{EventType: sitrep.StrategicDevelopments, SubEventType: "Arrests"}})
	if o.fp != 0 || o.fn != 1 {
		t.Errorf("partial document: FP %d FN %d, want 0 and 1", o.fp, o.fn)
	}
}

func scoreEvents2(d *GoldDoc, events []sitrep.Event) *docOutcome {
	o := &docOutcome{}
	scoreEvents(o, d, events)
	return o
}

func TestLoadEntityDir(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "Source")
	if err := os.Mkdir(src, 0o755); err != nil {
		t.Fatal(err)
	}
	// Offsets count characters: "é" and "—" are one each.
	text := "Café owners in Harran — the town — met Gen. Amal Dorsey."
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("documents.json", `{ "_id" : "D1", "text" : "`+text+`" }`+"\n")
	write("entities.json", strings.Join([]string{
		`{ "documentId" : "D1", "begin" : 15, "end" : 21, "type" : "Location", "value" : "Harran" }`,
		`{ "documentId" : "D1", "begin" : 24, "end" : 32, "type" : "Location", "value" : "the town" }`,
		`{ "documentId" : "D1", "begin" : 39, "end" : 55, "type" : "Person", "value" : "Gen. Amal Dorsey" }`,
		`{ "documentId" : "D1", "begin" : 50, "end" : 90, "type" : "Person", "value" : "out of range" }`,
	}, "\n"))
	gf, err := LoadGold(dir)
	if err == nil || !strings.Contains(err.Error(), "outside the text") {
		t.Errorf("err %v, want the span outside the text", err)
	}
	if len(gf.Docs) != 1 || len(gf.Docs[0].Entities) != 3 {
		t.Fatalf("got %+v", gf.Docs)
	}
	d := gf.Docs[0]
	for i, want := range []string{"Harran", "the town", "Gen. Amal Dorsey"} {
		e := d.Entities[i]
		if d.Text[e.Start:e.End] != want || e.Text != want {
			t.Errorf("entity %d: %q, want %q", i, d.Text[e.Start:e.End], want)
		}
	}
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	men := func(kind, s string) sitrep.Mention {
		a, b := at(s)
		return sitrep.Mention{Kind: kind, Start: a, End: b, Text: s}
	}
	outs := scoreEntities(d, []sitrep.Mention{
		men(sitrep.KindPlace, "Harran"),
		men(sitrep.KindPlace, "Café"),         // spurious
		men(sitrep.KindPerson, "Amal Dorsey"), // overlap, not exact
	})
	figs := entityFigures([][]entityOutcome{outs})
	loc, per := figs[0], figs[1]
	if loc.Gold != 2 || loc.Named != 1 || loc.Exact.Precision != 0.5 || loc.Exact.Recall != 0.5 || loc.NamedExact.Recall != 1 {
		t.Errorf("Location %+v", loc)
	}
	if per.Exact.Recall != 0 || per.Overlap.Recall != 1 || per.Overlap.Precision != 1 {
		t.Errorf("Person %+v", per)
	}
}

func TestNamed(t *testing.T) {
	for s, want := range map[string]bool{
		"Harran": true, "the city of Harran": true, "The hospital": false, "there": false,
		"eastern Harran": true, "fighting positions": false, "It": false,
	} {
		if got := named(s); got != want {
			t.Errorf("named(%q) = %v, want %v", s, got, want)
		}
	}
}
