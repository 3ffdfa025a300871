package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/store"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

// ledgerStore returns a store that joins reports, holding the Balkh
// operation told by three documents and an unrelated bomb.
func ledgerStore(t *testing.T) sitrep.Store {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"), store.Options{Ledger: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, de := range storetest.LedgerDocuments() {
		if _, err := db.PutDocument(context.Background(), de.Doc, de.Events); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// GET /api/events/{id} of an event told by several documents carries
// each source and claim, the derived figures, the merges and the history.
func TestAPI_EventLedger(t *testing.T) {
	ts := newServer(t, httpapi.Options{Store: ledgerStore(t)})
	resp, err := http.Get(ts.URL + "/api/events/AFG-outlet1") // a report's id finds its event
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var d httpapi.EventDetail
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	if d.EventID != "AFG-party1" || len(d.Sources) != 3 || d.Verification != sitrep.Disputed {
		t.Errorf("event %s, %d sources, %s; want AFG-party1, 3, disputed", d.EventID, len(d.Sources), d.Verification)
	}
	if d.FatalitiesLow == nil || *d.FatalitiesLow != 2 || d.FatalitiesHigh == nil || *d.FatalitiesHigh != 3 {
		t.Errorf("fatalities range %v-%v, want 2-3", d.FatalitiesLow, d.FatalitiesHigh)
	}
	if len(d.Merges) != 2 || len(d.History) == 0 {
		t.Errorf("%d merges, %d history entries; want 2, some", len(d.Merges), len(d.History))
	}
	for _, h := range d.Highlights {
		if h.Kind == "claim" && h.Start >= len(d.Document.Text) {
			t.Errorf("highlight of another document's claim: %+v", h)
		}
	}
}

// The event panel shows the ledger: a column per source with its claims,
// the merges and the history.
func TestBrowser_Ledger(t *testing.T) {
	ctx := newBrowser(t)
	ts := newServer(t, httpapi.Options{Store: ledgerStore(t)})
	run(t, ctx, "open the operation",
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`#event-list li[data-id="AFG-party1"]`)),
		chromedp.Click(chromedp.CSS(`#event-list li[data-id="AFG-party1"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#ledger .ledger-source`)),
	)
	if n := eval[int](t, ctx, `document.querySelectorAll('#ledger .ledger-source').length`); n != 3 {
		t.Errorf("%d source columns, want 3", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#ledger .merges li').length`); n != 2 {
		t.Errorf("%d merges listed, want 2", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#ledger .history li').length`); n == 0 {
		t.Error("no history listed")
	}
	denier := eval[string](t, ctx, `(document.querySelector('#ledger li.stance-denies strong') || {}).textContent || ''`)
	if denier != "Islamic State (Afghanistan)" {
		t.Errorf("denial by %q, want Islamic State (Afghanistan)", denier)
	}
	screenshot(t, ctx, artifactDir(t), "ledger.png")
}
