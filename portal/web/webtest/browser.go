// Package webtest drives a headless Chromium for page tests: it launches the browser with the
// flags CI needs (no sandbox, no network of its own, a fresh profile), runs actions with a
// timeout, collects console errors and uncaught exceptions (a Content-Security-Policy
// violation among them), and on failure saves a screenshot and the page's HTML.
//
// Chromium is required: when it is missing the test fails, it is never skipped. The browser
// is PBNODE_TEST_CHROMIUM, else /usr/bin/chromium (scripts/test.sh installs it).
package webtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/pbnode/pbnode/portal/internal/logtest"
)

// DefaultChromium is where Debian's chromium package puts the browser.
const DefaultChromium = "/usr/bin/chromium"

// ActionTimeout bounds each step a test runs in the browser.
const ActionTimeout = 30 * time.Second

// ChromiumPath is the browser the tests run: PBNODE_TEST_CHROMIUM, else DefaultChromium. It
// fails the test when the file is missing.
func ChromiumPath(t testing.TB) string {
	t.Helper()
	path := os.Getenv("PBNODE_TEST_CHROMIUM")
	if path == "" {
		path = DefaultChromium
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("headless Chromium is required for the page tests: %v (install it with `apt-get install -y chromium`, or set PBNODE_TEST_CHROMIUM; scripts/test.sh does this)", err)
	}
	return path
}

// Browser is one headless Chromium with one tab, closed when the test ends.
type Browser struct {
	t      testing.TB
	ctx    context.Context // the tab; it outlives t.Context so that cleanup can take a screenshot
	stderr *logtest.Buffer // what Chromium printed
	dir    string          // where a failure's screenshot goes

	mu       sync.Mutex // guards problems and shot
	problems []string   // console errors, uncaught exceptions and error log entries, in order
	shot     bool       // a screenshot of a failure was saved
}

// New starts Chromium for t. When t fails, cleanup saves a screenshot and the HTML of the
// page into PBNODE_TEST_SCREENSHOTS, else into t.TempDir(), and logs where.
func New(t testing.TB) *Browser {
	t.Helper()
	b := &Browser{t: t, stderr: &logtest.Buffer{}, dir: os.Getenv("PBNODE_TEST_SCREENSHOTS")}
	if b.dir == "" {
		b.dir = t.TempDir()
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ChromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(b.stderr),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(t.Context()), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	b.ctx = ctx
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first call starts the browser; its life is bound to ctx, so it has no timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v\n%s", err, b.stderr)
	}
	if err := chromedp.Listen(ctx, b.collect); err != nil {
		t.Fatalf("listen to the console: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			b.saveFailure()
		}
	})
	return b
}

// Context is the tab's context, for chromedp calls the helpers do not cover.
func (b *Browser) Context() context.Context { return b.ctx }

// Do runs actions with ActionTimeout and fails the test on an error.
func (b *Browser) Do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.Fatalf("%s: %v", what, err)
	}
}

// Run runs one action with ActionTimeout and returns its value; an error fails the test.
func Run[T any](b *Browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.Fatalf("%s: %v", what, err)
	}
	return v
}

// Open loads url and returns the HTTP status of the document.
func (b *Browser) Open(url string) int64 {
	b.t.Helper()
	resp := Run(b, "open "+url, chromedp.NavigateResponse(url))
	return resp.Status
}

// Follow clicks the element matching the CSS selector, waits for the page it leads to and
// returns that page's HTTP status.
func (b *Browser) Follow(css string) int64 {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible))
	if err != nil {
		b.Fatalf("follow %s: %v", css, err)
	}
	return statusOf(resp)
}

// Text is the visible text of the first element matching the CSS selector, as the user reads
// it (innerText), with surrounding space trimmed. It waits for the element to exist.
func (b *Browser) Text(css string) string {
	b.t.Helper()
	return strings.TrimSpace(Run(b, "read "+css, chromedp.Text(chromedp.CSS(css))))
}

// Texts is the visible text of every element matching the CSS selector, in document order.
func (b *Browser) Texts(css string) []string {
	b.t.Helper()
	expr := fmt.Sprintf(`Array.from(document.querySelectorAll(%q), e => e.innerText.trim())`, css)
	return Run(b, "read all "+css, chromedp.Evaluate[[]string](expr))
}

// Location is the URL of the page in the tab.
func (b *Browser) Location() string {
	b.t.Helper()
	return Run(b, "read location", chromedp.Location())
}

// Problems are the console errors, uncaught exceptions and browser error log entries (a
// blocked script or a Content-Security-Policy violation) seen so far.
func (b *Browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

// Fatalf saves a screenshot and the page, then fails the test.
func (b *Browser) Fatalf(format string, args ...any) {
	b.t.Helper()
	b.saveFailure()
	b.t.Fatalf(format, args...)
}

// collect runs on the tab's reader goroutine: it only appends under the lock.
func (b *Browser) collect(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		p = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			p += " " + ev.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			p = "console.error: " + consoleArgs(ev.Args)
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p = fmt.Sprintf("%s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
	if p == "" {
		return
	}
	b.mu.Lock()
	b.problems = append(b.problems, p)
	b.mu.Unlock()
}

func consoleArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a.Description != "" {
			parts = append(parts, a.Description)
		} else {
			parts = append(parts, string(a.Value))
		}
	}
	return strings.Join(parts, " ")
}

// saveFailure writes a screenshot and the HTML of the page, once per test.
func (b *Browser) saveFailure() {
	b.mu.Lock()
	done := b.shot
	b.shot = true
	b.mu.Unlock()
	if done {
		return
	}
	dir, name := b.dir, strings.NewReplacer("/", "_", " ", "_").Replace(b.t.Name())
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		b.t.Logf("screenshot: %v", err)
	} else if path := filepath.Join(dir, name+".png"); os.WriteFile(path, png, 0o644) == nil {
		b.t.Logf("screenshot of the failure: %s", path)
	}
	if html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html"))); err == nil {
		path := filepath.Join(dir, name+".html")
		if os.WriteFile(path, []byte(html), 0o644) == nil {
			b.t.Logf("page at the failure: %s", path)
		}
	}
	if url, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		b.t.Logf("browser was at %s", url)
	}
	if p := b.Problems(); len(p) > 0 {
		b.t.Logf("browser console problems: %q", p)
	}
	if out := b.stderr.String(); out != "" {
		b.t.Logf("Chromium output:\n%s", out)
	}
}

func statusOf(resp *network.Response) int64 {
	if resp == nil {
		return 0
	}
	return resp.Status
}
