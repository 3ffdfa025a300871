package httpapi_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/store/memstore"
)

// TestServer_ExportNeutralizesFormulas checks that /api/export writes a
// document id chosen by a client (POST /api/documents takes any id) so
// that a spreadsheet shows it as text, not as a formula.
func TestServer_ExportNeutralizesFormulas(t *testing.T) {
	st := memstore.New()
	const id = `=HYPERLINK("http://example.invalid/","x")`
	doc := &sitrep.Document{ID: id, Text: "Gunmen attacked a post in Kunduz.", Published: sitrep.NewDay(2024, 1, 2)}
	ev := sitrep.Event{
		EventID: "feedfacefeedface", EventDate: "2024-01-02", TimePrecision: 1,
		EventType: sitrep.Battles, SubEventType: "Armed clash", Actor1: "@Unidentified",
		Country: "Afghanistan", Location: "Kunduz", Latitude: ptr(-3.5), Longitude: ptr(68.86),
		GeoPrecision: 1, Source: id,
	}
	if _, err := st.PutDocument(context.Background(), doc, []sitrep.Event{ev}); err != nil {
		t.Fatal(err)
	}
	base := newServer(t, httpapi.Options{Store: st}).URL
	status, _, body := do(t, "GET", base+"/api/export?format=csv", nil)
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for name, want := range map[string]string{"source": "'" + id, "actor1": "'@Unidentified", "latitude": "-3.5"} {
		if got := recs[1][col[name]]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

// TestServer_CleanErrorMessages checks that a bad request is told what is
// wrong in words of the API, without the store's package name or the
// sentinel error's text ("sqlite: bad cursor ...: sitrep: invalid").
func TestServer_CleanErrorMessages(t *testing.T) {
	forEachStore(t, func(t *testing.T, base string) {
		for _, path := range []string{"/api/events?cursor=garbage", "/api/events?cursor=e30"} {
			status, hdr, body := do(t, "GET", base+path, nil)
			checkError(t, status, hdr, body, 400, "invalid")
			var e apiError
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatal(err)
			}
			for _, leak := range []string{"sqlite", "postgres", "memstore", "sitrep:", ": invalid"} {
				if strings.Contains(e.Error.Message, leak) {
					t.Errorf("%s: message %q shows %q", path, e.Error.Message, leak)
				}
			}
			if !strings.Contains(e.Error.Message, "cursor") {
				t.Errorf("%s: message %q does not name the cursor", path, e.Error.Message)
			}
		}
	})
}
