package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fake is a Pipeline that returns canned events and mentions by document
// id, built from the document text by make functions.
type fake struct {
	events   map[string]func(text string) []sitrep.Event
	mentions map[string]func(text string) []sitrep.Mention
}

func (f fake) Extract(doc *sitrep.Document) []sitrep.Event {
	if mk := f.events[doc.ID]; mk != nil {
		return mk(doc.Text)
	}
	return nil
}

func (f fake) Annotate(doc *sitrep.Document) []sitrep.Mention {
	if mk := f.mentions[doc.ID]; mk != nil {
		return mk(doc.Text)
	}
	return nil
}

// fakeFromGold returns one event and one place mention for any document,
// with spans that hold.
type fakeFromGold struct{}

func (fakeFromGold) Extract(doc *sitrep.Document) []sitrep.Event {
	n := min(len(doc.Text), 5)
	return []sitrep.Event{{EventType: sitrep.Battles, SubEventType: "Armed clash", EventDate: "2023-03-26",
		Evidence: []sitrep.Evidence{{Field: sitrep.FieldSubEventType, Text: doc.Text[:n], Start: 0, End: n}}}}
}

func (fakeFromGold) Annotate(doc *sitrep.Document) []sitrep.Mention {
	n := min(len(doc.Text), 5)
	return []sitrep.Mention{{Kind: sitrep.KindPlace, Start: 0, End: n, Text: doc.Text[:n], Latitude: fp(0), Longitude: fp(0)}}
}

// evidence returns the evidence of field for the first occurrence of sub in
// text.
func evidence(text, field, sub string) sitrep.Evidence {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("no " + sub)
	}
	return sitrep.Evidence{Field: field, Text: sub, Start: i, End: i + len(sub)}
}

// place returns a place mention of the first occurrence of sub in text.
func place(text, sub, name string, lat, lon float64) sitrep.Mention {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("no " + sub)
	}
	m := sitrep.Mention{Kind: sitrep.KindPlace, Start: i, End: i + len(sub), Text: sub, Name: name}
	if lat == lat { // not NaN
		m.Latitude, m.Longitude = fp(lat), fp(lon)
	}
	return m
}

func typed(typ, sub string) func(string) []sitrep.Event {
	return func(string) []sitrep.Event { return []sitrep.Event{{EventType: typ, SubEventType: sub}} }
}

// testFake is the fake behind the golden report: right, wrong and
// spurious events on the test gold files.
var testFake = fake{
	events: map[string]func(string) []sitrep.Event{
		"kunduz-test": func(text string) []sitrep.Event {
			return []sitrep.Event{
				{ // right but for claimed_by, and the person found by title-less name
					EventType: sitrep.Battles, SubEventType: "Armed clash", EventDate: "2023-05-01", TimePrecision: 1,
					Actor1: "Police Forces of Afghanistan (2021-)", Actor2: "Islamic State (Afghanistan)",
					Country: "Afghanistan", Admin1: "Kunduz", Location: "Kunduz", Latitude: fp(36.72), Longitude: fp(68.86),
					Fatalities: 2, Verification: "reported",
					People: []sitrep.Person{{Name: "Rahim", Fate: "killed", Affiliation: "Islamic State (Afghanistan)"}},
					Evidence: []sitrep.Evidence{
						evidence(text, sitrep.FieldSubEventType, "clash"),
						evidence(text, sitrep.FieldEventDate, "Monday, May 1"),
					},
				},
				{ // the bombing, placed in Kabul: a miss and a false positive
					EventType: sitrep.ExplosionsRemote, SubEventType: "Remote explosive/landmine/IED", EventDate: "2023-04-30",
					Location: "Kabul", Latitude: fp(34.53), Longitude: fp(69.17),
				},
				{ // arrests: wrong time precision, and an evidence span that does not hold
					EventType: sitrep.StrategicDevelopments, SubEventType: "Arrests", EventDate: "2023-04-28", TimePrecision: 1,
					Admin1: "Takhar", Location: "Taloqan", Latitude: fp(36.73), Longitude: fp(69.53),
					Evidence: []sitrep.Evidence{{Field: sitrep.FieldSubEventType, Text: "arrested", Start: 0, End: 8}},
				},
				{ // the optional January clashes: neither TP nor FP
					EventType: sitrep.Battles, SubEventType: "Armed clash", EventDate: "2023-01-15", Admin1: "Baghlan",
				},
				{ // spurious
					EventType: sitrep.Protests, SubEventType: "Peaceful protest", EventDate: "2023-05-01", Admin1: "Kunduz",
				},
			}
		},
		"s1": typed(sitrep.Battles, "Armed clash"),
		"s2": typed(sitrep.ExplosionsRemote, "Shelling/artillery/missile attack"),
		"s3": func(string) []sitrep.Event {
			return []sitrep.Event{
				{EventType: sitrep.Protests, SubEventType: "Peaceful protest"},
				{EventType: sitrep.StrategicDevelopments, SubEventType: "Arrests"},
			}
		},
		"s5": typed(sitrep.Battles, "Armed clash"),
		"s6": func(string) []sitrep.Event { panic("unscored documents must not run") },
	},
	mentions: map[string]func(string) []sitrep.Mention{
		"p1": func(text string) []sitrep.Mention {
			return []sitrep.Mention{
				place(text, "Kandahar", "Kandahar", 31.613, 65.710),
				place(text, "Helmand", "Lashkar Gah", 31.593, 64.371),
				place(text, "aid", "", nan, 0),
			}
		},
		"p2": func(text string) []sitrep.Mention {
			return []sitrep.Mention{place(text, "Geneva", "Geneva, New York", 42.869, -76.978)}
		},
	},
}

func loadTestGold(t testing.TB) []*GoldFile {
	t.Helper()
	var files []*GoldFile
	for _, name := range []string{"events.json", "snippets.jsonl", "places.jsonl"} {
		gf, err := LoadGold(filepath.Join("testdata", "gold", name))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, gf)
	}
	return files
}

func runTest(t *testing.T, p Pipeline, workers int) *Report {
	t.Helper()
	rep, err := Run(t.Context(), p, loadTestGold(t), Options{Workers: workers, Details: true})
	if err != nil {
		t.Fatal(err)
	}
	rep.ElapsedSeconds = 0
	rep.Workers = 0
	return rep
}

func TestRun_Golden(t *testing.T) {
	rep := runTest(t, testFake, 3)
	var buf bytes.Buffer
	if err := WriteText(&buf, rep, true); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("report differs from %s (run with -update to accept):\n%s", golden, buf.String())
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Errorf("json: %v", err)
	}
}

func TestRun_Figures(t *testing.T) {
	rep := runTest(t, testFake, 2)
	ev, sn, pl := rep.Files[0], rep.Files[1], rep.Files[2]

	t.Run("Events", func(t *testing.T) {
		e := ev.Events
		if e.TP != 2 || e.FP != 2 || e.FN != 1 || e.OptionalMatched != 1 {
			t.Errorf("TP %d FP %d FN %d optional %d, want 2 2 1 1", e.TP, e.FP, e.FN, e.OptionalMatched)
		}
		if ev.Evidence.Spans != 3 || ev.Evidence.Violations != 1 {
			t.Errorf("evidence %+v, want 3 spans, 1 violation", ev.Evidence)
		}
		acc := map[string]string{}
		for _, f := range ev.Fields {
			acc[f.Field] = fmt.Sprintf("%d/%d", f.Right, f.Total)
		}
		want := map[string]string{"claimed_by": "0/1", "time_precision": "1/2", "people": "1/1", "location": "2/2", "fatalities": "2/2"}
		for f, w := range want {
			if acc[f] != w {
				t.Errorf("%s = %s, want %s", f, acc[f], w)
			}
		}
	})
	t.Run("Snippets", func(t *testing.T) {
		s := sn.Snippets
		if s.Snippets != 5 || sn.Unscored != 1 {
			t.Errorf("snippets %d unscored %d, want 5 1", s.Snippets, sn.Unscored)
		}
		// Armed clash F1 2/3, Air/drone strike 0, Peaceful protest 1;
		// Shelling and Arrests have no gold and weigh nothing.
		if d := s.WeightedF1 - (2.0/3+0+1)/3; d > 1e-9 || d < -1e-9 {
			t.Errorf("weighted F1 = %v", s.WeightedF1)
		}
		if s.Negatives != 2 || s.NegativesEmpty != 1 {
			t.Errorf("negatives %d/%d, want 1/2", s.NegativesEmpty, s.Negatives)
		}
		if len(s.Types) != 5 {
			t.Errorf("types = %+v", s.Types)
		}
	})
	t.Run("Places", func(t *testing.T) {
		p := pl.Places
		if p.Gold != 4 || p.Recognised != 3 || p.Resolved != 3 || p.Mentions != 4 || p.OnGold != 3 {
			t.Errorf("places %+v", p)
		}
		if p.Within161 != 2 {
			t.Errorf("within 161 = %d, want 2 (Kandahar, Helmand)", p.Within161)
		}
		if p.AUC <= p.AUCRecognised || p.AUC >= 1 {
			t.Errorf("AUC %v, of recognised %v", p.AUC, p.AUCRecognised)
		}
	})
}

// TestRun_Deterministic checks that the number of workers does not change
// the report.
func TestRun_Deterministic(t *testing.T) {
	a := runTest(t, testFake, 1)
	b := runTest(t, testFake, 4)
	if !reflect.DeepEqual(a, b) {
		t.Error("reports differ between 1 and 4 workers")
	}
}

type panicky struct{}

func (panicky) Extract(*sitrep.Document) []sitrep.Event    { panic("boom") }
func (panicky) Annotate(*sitrep.Document) []sitrep.Mention { panic("boom") }

func TestRun_PipelinePanics(t *testing.T) {
	rep := runTest(t, panicky{}, 2)
	if rep.Files[0].Failed != 1 || rep.Files[0].Events.FN != 3 {
		t.Errorf("events file: failed %d FN %d", rep.Files[0].Failed, rep.Files[0].Events.FN)
	}
	if rep.Files[2].Failed != 2 || rep.Files[2].Places.Recognised != 0 {
		t.Errorf("places file: failed %d", rep.Files[2].Failed)
	}
}

func TestRun_Canceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Run(ctx, testFake, loadTestGold(t), Options{}); err == nil {
		t.Error("want an error from a canceled context")
	}
}

func TestAUC(t *testing.T) {
	tests := []struct {
		name string
		errs []float64
		want float64
	}{
		{"Perfect", []float64{0, 0, 0}, 0},
		{"Worst", []float64{MaxErrorKm, MaxErrorKm}, 1},
		{"One", []float64{MaxErrorKm}, 1},
		{"Capped", []float64{1e9}, 1},
		{"Half", []float64{0, MaxErrorKm}, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := AUC(tc.errs)
			// log(1+x)/log(x) is a hair above 1 for x = MaxErrorKm.
			if d := got - tc.want; d > 1e-4 || d < -1e-4 {
				t.Errorf("AUC(%v) = %v, want %v", tc.errs, got, tc.want)
			}
		})
	}
}

// TestSharedGold runs the real pipeline on the shared gold files: it must
// run, and every evidence span must hold.
func TestSharedGold(t *testing.T) {
	paths, _ := filepath.Glob("../../shared/gold/*.json*")
	more, _ := filepath.Glob("../../shared/gold/places/*.jsonl")
	paths = append(paths, more...)
	if len(paths) == 0 {
		t.Skip("../shared/gold not present")
	}
	var files []*GoldFile
	for _, p := range paths {
		gf, err := LoadGold(p)
		if err != nil {
			t.Errorf("load: %v", err)
		}
		if gf != nil {
			files = append(files, gf)
		}
	}
	p := newRealPipeline(t)
	rep, err := Run(t.Context(), p, files, Options{Details: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		if f.Failed > 0 {
			t.Errorf("%s: the pipeline panicked on %d documents", f.Path, f.Failed)
		}
		if f.Evidence.Violations > 0 {
			t.Errorf("%s: %d of %d spans break text[start:end] == text", f.Path, f.Evidence.Violations, f.Evidence.Spans)
			for _, d := range f.Details {
				for _, v := range d.SpanViolations {
					t.Logf("%s: %s [%d,%d) says %q, text has %q", d.ID, v.Kind, v.Start, v.End, v.Text, v.AtSpan)
				}
			}
		}
	}
}
