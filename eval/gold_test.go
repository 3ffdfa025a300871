package eval

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestParseGold(t *testing.T) {
	texts := map[string]string{"a.txt": "Gunmen attacked a checkpoint in Kunduz on Monday.", "bad.txt": "\xff\xfe"}
	readText := func(name string) ([]byte, error) {
		if s, ok := texts[name]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
	tests := []struct {
		name    string
		jsonl   bool
		data    string
		docs    int
		wantErr string // substring of the error, "" for none
		check   func(t *testing.T, gf *GoldFile)
	}{
		{
			name: "TextFile",
			data: `{"id":"d1","text_file":"a.txt","published":"2023-05-02","events":[{"event_type":"Battles","event_date":{"from":"2023-04-30","to":"2023-05-01"},"time_precision":[1,2],"location":{"names":["Kunduz"],"lat":36.73,"lon":68.86}}]}`,
			docs: 1,
			check: func(t *testing.T, gf *GoldFile) {
				d := gf.Docs[0]
				if d.Text != texts["a.txt"] || d.Published.String() != "2023-05-02" {
					t.Errorf("doc = %+v", d)
				}
				e := d.Events[0]
				if e.EventDate[0] != (DateRange{"2023-04-30", "2023-05-01"}) || len(e.TimePrecision) != 2 {
					t.Errorf("event = %+v", e)
				}
				if e.Location.WithinKm != DefaultWithinKm {
					t.Errorf("within_km = %v, want the default", e.Location.WithinKm)
				}
				if e.Actor1 != nil {
					t.Errorf("actor1 = %q, want nil (not given)", e.Actor1)
				}
			},
		},
		{
			name:  "Snippets",
			jsonl: true,
			data: `{"id":"s1","text":"Police arrested two men.","published":null,"label":"ARREST","events":[{"event_type":"Strategic developments","sub_event_type":["Arrests"]}]}
# a comment line

{"id":"s2","text":"Ministers met in Doha.","label":"DIPLO","events":[]}
{"id":"s3","text":"A gang robbed a bank.","label":"ORG_CRIME","events":[],"unscored":true}`,
			docs: 3,
			check: func(t *testing.T, gf *GoldFile) {
				if !gf.Docs[0].Labelled() || gf.Docs[1].Label != "DIPLO" || !gf.Docs[2].Unscored {
					t.Errorf("docs = %+v %+v %+v", gf.Docs[0], gf.Docs[1], gf.Docs[2])
				}
				if gf.Docs[1].Line != 4 {
					t.Errorf("line = %d, want 4", gf.Docs[1].Line)
				}
				if n := len(gf.Documents()); n != 2 {
					t.Errorf("Documents() = %d, want 2 (unscored left out)", n)
				}
			},
		},
		{
			name:  "Places",
			jsonl: true,
			data:  `{"id":"p1","text":"From Kabul to Herat.","places":[{"start":5,"end":10,"text":"Kabul","lat":34.5,"lon":69.2}]}`,
			docs:  1,
			check: func(t *testing.T, gf *GoldFile) {
				if !gf.Docs[0].HasPlaces || gf.Docs[0].Places[0].End != 10 {
					t.Errorf("doc = %+v", gf.Docs[0])
				}
			},
		},
		{name: "Array", data: `[{"id":"a","text":"x"},{"id":"b","text":"y"}]`, docs: 2},
		{name: "BadLineKeepsOthers", jsonl: true, data: "{\"id\":\"a\",\"text\":\"x\"}\n{not json\n{\"id\":\"b\",\"text\":\"y\"}", docs: 2, wantErr: ":2:"},
		{name: "NoID", data: `{"text":"x"}`, wantErr: `missing "id"`},
		{name: "NoText", data: `{"id":"a"}`, wantErr: `no "text"`},
		{name: "MissingTextFile", data: `{"id":"a","text_file":"nope.txt"}`, wantErr: "text_file"},
		{name: "NoEventType", data: `{"id":"a","text":"x","events":[{"actor1":"Taliban"}]}`, wantErr: "event_type"},
		{name: "BadDate", data: `{"id":"a","text":"x","events":[{"event_type":"Battles","event_date":"26 March"}]}`, wantErr: "event_date"},
		{name: "ReversedRange", data: `{"id":"a","text":"x","events":[{"event_type":"Battles","event_date":{"from":"2023-03-27","to":"2023-03-01"}}]}`, wantErr: "after"},
		{name: "BadPublished", data: `{"id":"a","text":"x","published":"yesterday"}`, wantErr: "published"},
		{name: "BadLat", data: `{"id":"a","text":"x","events":[{"event_type":"Battles","location":{"lat":95,"lon":0}}]}`, wantErr: "out of range"},
		{name: "LatWithoutLon", data: `{"id":"a","text":"x","events":[{"event_type":"Battles","location":{"lat":5}}]}`, wantErr: "together"},
		{name: "FieldWrongType", data: `{"id":"a","text":"x","events":[{"event_type":"Battles","fatalities":"three"}]}`, wantErr: "fatalities"},
		{name: "PlaceOutOfText", jsonl: true, data: `{"id":"p","text":"Kabul","places":[{"start":2,"end":40,"text":"K","lat":1,"lon":1}]}`, wantErr: "outside the text"},
		{name: "PersonNoName", data: `{"id":"a","text":"x","events":[{"event_type":"Battles","people":[{"fate":"killed"}]}]}`, wantErr: "no name"},
		{name: "DuplicateID", jsonl: true, data: "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}", docs: 2, wantErr: "duplicate"},
		{name: "InvalidUTF8", data: `{"id":"a","text_file":"bad.txt"}`, wantErr: "UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gf, err := ParseGold("test", []byte(tc.data), tc.jsonl, readText)
			if tc.wantErr == "" && err != nil {
				t.Fatalf("err = %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
			}
			if gf == nil || len(gf.Docs) != tc.docs {
				t.Fatalf("docs = %v, want %d", gf, tc.docs)
			}
			if tc.check != nil {
				tc.check(t, gf)
			}
		})
	}
}

func TestLoadGold_Missing(t *testing.T) {
	_, err := LoadGold("testdata/no-such-file.json")
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want ErrNotExist", err)
	}
}

// FuzzLoadGold checks that no input makes the gold parser panic, and that
// what it accepts is consistent: spans inside the text, ranges ordered,
// every event typed, and that scoring it does not panic either.
func FuzzLoadGold(f *testing.F) {
	for _, name := range []string{"testdata/gold/events.json", "testdata/gold/snippets.jsonl", "testdata/gold/places.jsonl"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, strings.HasSuffix(name, ".jsonl"))
	}
	f.Add([]byte(`{"id":"a","text_file":"x","events":[{"event_type":["Battles"],"event_date":[{"from":"2023-01-01","to":"2023-01-02"},"2023-02-01"]}]}`), false)
	f.Add([]byte(`[{"id":"a","text":"x"}]`), false)
	f.Fuzz(func(t *testing.T, data []byte, jsonl bool) {
		readText := func(string) ([]byte, error) { return []byte("A text file."), nil }
		gf, _ := ParseGold("fuzz", data, jsonl, readText)
		if gf == nil {
			return
		}
		for _, d := range gf.Docs {
			for _, p := range d.Places {
				if p.Start < 0 || p.End < p.Start || p.End > len(d.Text) {
					t.Fatalf("place span [%d,%d) outside %d bytes", p.Start, p.End, len(d.Text))
				}
			}
			for _, e := range append(append([]*GoldEvent{}, d.Events...), d.Optional...) {
				if len(e.EventType) == 0 {
					t.Fatal("event without event_type")
				}
				for _, r := range e.EventDate {
					if r.From > r.To {
						t.Fatalf("range %v reversed", r)
					}
				}
			}
		}
		if _, err := Run(t.Context(), fakeFromGold{}, []*GoldFile{gf}, Options{Workers: 1, Details: true}); err != nil {
			t.Fatal(err)
		}
	})
}
