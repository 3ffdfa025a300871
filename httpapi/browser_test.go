package httpapi_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/sitrep-dev/sitrep/httpapi"
)

var update = flag.Bool("update", false, "rewrite docs/screenshot.png from the browser test")

// chromiumPath returns the browser to drive: $SITREP_CHROMIUM, else the
// first of Debian's and Google's names on PATH; "" when there is none.
func chromiumPath() string {
	if p := os.Getenv("SITREP_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactDir is where screenshots go: $SITREP_ARTIFACTS when set (CI
// keeps it), else a temporary directory.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("SITREP_ARTIFACTS"); d != "" {
		d = filepath.Join(d, "browser")
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// newBrowser starts a headless Chromium and returns a tab's context.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" && os.Getenv("CI") != "" {
		t.Fatal("CI is set but no chromium is on PATH: .ci/run must install Debian's chromium")
	}
	if path == "" {
		t.Skip("no chromium on PATH (apt-get install chromium); set SITREP_CHROMIUM to its path")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	allocCtx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.WindowSize(1440, 900),
	)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel3)
	return ctx
}

// pageErrors collects uncaught exceptions and console errors of the tab.
type pageErrors struct {
	mu   sync.Mutex
	errs []string
}

func (p *pageErrors) listen(ctx context.Context) error {
	return chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "exception: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type != runtime.ConsoleAPICalledTypeError {
				return
			}
			msg = "console.error:"
			for _, a := range e.Args {
				msg += " " + string(a.Value) + a.Description
			}
		default:
			return
		}
		p.mu.Lock()
		p.errs = append(p.errs, msg)
		p.mu.Unlock()
	})
}

func (p *pageErrors) check(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.errs {
		t.Errorf("page error: %s", e)
	}
	p.errs = nil
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) []byte {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	return png
}

// run runs actions or fails the test with what was being done.
func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %.80s: %v", js, err)
	}
	return v
}

// waitReady waits until the page has its points and its list.
func waitReady(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.sitrep && window.sitrep.ready()`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("page never got ready: %v", err)
	}
}

func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	db := mustOpenDB(t)
	mustFill(t, db, 1500)
	ts := newServer(t, httpapi.Options{Store: db})
	dir := artifactDir(t)
	var perr pageErrors
	if err := perr.listen(ctx); err != nil {
		t.Fatal(err)
	}

	run(t, ctx, "load the page",
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`#event-list li[data-id]`)),
	)
	waitReady(t, ctx)
	hasMap := eval[bool](t, ctx, `!!window.L`)
	if hasMap {
		// Country outlines and clusters are drawn.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('.cluster').length > 0 && document.querySelectorAll('.leaflet-overlay-pane canvas').length > 0`,
			chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("map has no clusters or outlines: %v", err)
		}
	} else {
		t.Log("Leaflet is not vendored (run go generate ./httpapi): checking the message instead of the map")
		msg := eval[string](t, ctx, `document.getElementById('map-message').textContent`)
		if !strings.Contains(msg, "go generate") {
			t.Fatalf("no message about the missing map library: %q", msg)
		}
	}
	summary := eval[string](t, ctx, `document.getElementById('summary').textContent`)
	if !strings.Contains(summary, "1,502 events") {
		t.Errorf("summary %q, want 1,502 events", summary)
	}
	screenshot(t, ctx, dir, "01-overview.png")

	t.Run("Filter", func(t *testing.T) {
		run(t, ctx, "filter to battles mentioning the spokesman",
			chromedp.Click(chromedp.CSS(`#f-types label[title="Battles"]`)),
			chromedp.SendKeys(chromedp.CSS(`#f-q`), "spokesman"),
			chromedp.Click(chromedp.CSS(`#apply`)),
			chromedp.WaitVisible(chromedp.CSS(`#event-list li[data-id="`+clashID+`"]`)),
		)
		waitReady(t, ctx)
		types := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#event-list li .dot')).map(d => d.title)`)
		if len(types) == 0 {
			t.Fatal("no events listed")
		}
		for _, ty := range types {
			if ty != "Battles" {
				t.Fatalf("listed a %q event under the Battles filter", ty)
			}
		}
	})

	t.Run("OpenEvent", func(t *testing.T) {
		run(t, ctx, "open the clash",
			chromedp.Click(chromedp.CSS(`#event-list li[data-id="`+clashID+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#article mark.ev`)),
		)
		if v := eval[string](t, ctx, `document.getElementById('verification').textContent`); v != "unconfirmed" {
			t.Errorf("verification badge %q", v)
		}
		// Each evidence span, put together from the marks that carry its
		// index, reads exactly the evidence text: the UTF-16 offsets were
		// right even after Dari script and curly quotes.
		_, events := fixtureArticle(t)
		got := eval[map[string]string](t, ctx, `(() => {
			const out = {};
			const items = document.querySelectorAll('.evidence li');
			for (const li of items) {
				const i = li.dataset.hl;
				const marks = Array.from(document.querySelectorAll('#article mark')).filter(m => m.dataset.hl.split(' ').includes(i));
				out[li.querySelector('.ev-field').textContent] = marks.map(m => m.textContent).join('');
			}
			return out;
		})()`)
		labels := map[string]string{"sub_event_type": "Event", "location": "Location", "fatalities": "Fatalities", "people": "People", "verification": "Verification"}
		for _, e := range events[0].Evidence {
			if got[labels[e.Field]] != e.Text {
				t.Errorf("highlight of %s reads %q, want %q", e.Field, got[labels[e.Field]], e.Text)
			}
		}
		loc := eval[string](t, ctx, `Array.from(document.querySelectorAll('#article mark.ev[data-field~="location"]')).map(m => m.textContent).join('')`)
		if loc != "Mazār-i-Sharīf (مزار شریف)" {
			t.Errorf("location mark reads %q", loc)
		}
		people := eval[int](t, ctx, `document.querySelectorAll('.people tbody tr').length`)
		if people != 2 {
			t.Errorf("%d people rows, want 2", people)
		}
		// Show the evidence and the article, as the README does.
		eval[bool](t, ctx, `(() => { const p = document.getElementById('panel'); p.scrollTop = document.querySelector('.evidence').closest('section').offsetTop - 12; return true; })()`)
		screenshot(t, ctx, dir, "02-event.png")
		run(t, ctx, "close the panel", chromedp.Click(chromedp.CSS(`#panel-close`)))
	})

	t.Run("Brush", func(t *testing.T) {
		run(t, ctx, "reset the filters", chromedp.Click(chromedp.CSS(`#reset-filters`)))
		waitReady(t, ctx)
		// Drag across the right third of the timeline.
		brush := eval[map[string]any](t, ctx, `(() => {
			const c = document.getElementById('timeline');
			const r = c.getBoundingClientRect();
			const y = r.top + r.height / 2;
			const fire = (type, x, target) => target.dispatchEvent(new MouseEvent(type, {clientX: x, clientY: y, bubbles: true}));
			fire('mousedown', r.left + r.width * 0.66, c);
			fire('mousemove', r.left + r.width * 0.8, window);
			fire('mousemove', r.left + r.width * 0.97, window);
			fire('mouseup', r.left + r.width * 0.97, window);
			return window.sitrep.state.brush;
		})()`)
		if brush == nil {
			t.Fatal("dragging on the timeline set no brush")
		}
		waitReady(t, ctx)
		from, to := dayISO(brush["from"]), dayISO(brush["to"])
		dates := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#event-list li[data-id]')).map(li => li.dataset.id)`)
		if len(dates) == 0 {
			t.Fatal("no events listed in the brushed days")
		}
		// The list holds only events of the brushed days.
		for _, id := range dates {
			ev, err := db.Event(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if ev.EventDate < from || ev.EventDate > to {
				t.Fatalf("event %s of %s listed under the brush %s..%s", id, ev.EventDate, from, to)
			}
		}
		label := eval[string](t, ctx, `document.getElementById('brush-label').textContent`)
		if !strings.HasPrefix(label, "selected") {
			t.Errorf("brush label %q", label)
		}
		screenshot(t, ctx, dir, "03-brushed.png")
	})

	// The README's picture: every event on the map, the clash open with
	// its evidence highlighted.
	t.Run("Readme", func(t *testing.T) {
		run(t, ctx, "reset", chromedp.Click(chromedp.CSS(`#reset-filters`)))
		waitReady(t, ctx)
		eval[bool](t, ctx, `(window.sitrep.openEvent(`+"`"+clashID+"`"+`), true)`)
		run(t, ctx, "open the clash", chromedp.WaitVisible(chromedp.CSS(`#article mark.ev`)))
		waitReady(t, ctx)
		eval[bool](t, ctx, `(() => { const p = document.getElementById('panel'); p.scrollTop = document.querySelector('.evidence').closest('section').offsetTop - 12; return true; })()`)
		png := screenshot(t, ctx, dir, "04-readme.png")
		if *update {
			out := filepath.Join("..", "docs", "screenshot.png")
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(out, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", out)
		}
	})
	perr.check(t)
}

// dayISO turns a day number (days since 1970-01-01, as JSON decodes it)
// into YYYY-MM-DD.
func dayISO(v any) string {
	f, ok := v.(float64)
	if !ok {
		return fmt.Sprint(v)
	}
	return time.Unix(int64(f)*86400, 0).UTC().Format(time.DateOnly)
}

// TestBrowser_100k loads the page over 100,000 events and reports how long
// the points, the map and the list take; it also brushes and zooms. It
// runs when SITREP_LOAD is set (building the store takes a while).
func TestBrowser_100k(t *testing.T) {
	if os.Getenv("SITREP_LOAD") == "" {
		t.Skip("set SITREP_LOAD=1 to load the page over 100,000 events")
	}
	ctx := newBrowser(t)
	db := loadStore(t)
	ts := newServer(t, httpapi.Options{Store: db})
	dir := artifactDir(t)
	var perr pageErrors
	if err := perr.listen(ctx); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	run(t, ctx, "load the page", chromedp.EmulateViewport(1440, 900), chromedp.Navigate(ts.URL+"/"))
	waitReady(t, ctx)
	t.Logf("page ready with %v points in %v", eval[int](t, ctx, `window.sitrep.state.pts.n`), time.Since(start).Round(time.Millisecond))
	redraw := eval[float64](t, ctx, `(() => { const t0 = performance.now(); window.sitrep.state.map.setZoom(5, {animate: false}); return performance.now() - t0; })()`)
	t.Logf("zoom and re-cluster: %.1f ms", redraw)
	brush := eval[float64](t, ctx, `(() => {
		const c = document.getElementById('timeline'), r = c.getBoundingClientRect(), y = r.top + r.height / 2;
		const fire = (type, x, target) => target.dispatchEvent(new MouseEvent(type, {clientX: x, clientY: y, bubbles: true}));
		const t0 = performance.now();
		fire('mousedown', r.left + r.width * 0.5, c); fire('mousemove', r.left + r.width * 0.7, window); fire('mouseup', r.left + r.width * 0.7, window);
		return performance.now() - t0;
	})()`)
	t.Logf("brush (timeline, map and summary redrawn): %.1f ms", brush)
	waitReady(t, ctx)
	screenshot(t, ctx, dir, "100k.png")
	perr.check(t)
}
