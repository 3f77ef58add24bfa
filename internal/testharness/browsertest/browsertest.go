// Package browsertest drives Debian's Chromium from Go tests: it serves a
// built site on loopback and opens its pages headless at chosen widths.
//
// Every browser test in the project goes through here, so they all start
// Chromium the same way: no network beyond loopback, a fresh profile, and
// screenshots kept where a person can look at them.
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/engine/chromium"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

// ChromiumPath finds Debian's Chromium. The error says what to install:
// the tests never fetch a browser of their own.
func ChromiumPath() (string, error) { return chromium.Path() }

// Serve serves dir on 127.0.0.1 for the length of the test. wrap, if not nil,
// wraps the file server (to add response headers, say).
func Serve(t testing.TB, dir string, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	var h http.Handler = http.FileServer(http.Dir(dir))
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// Browser is one headless Chromium with a profile of its own.
type Browser struct {
	ctx context.Context
}

// New starts Chromium for the test and stops it when the test ends.
func New(t testing.TB) *Browser {
	t.Helper()
	ctx, stop, err := chromium.Start(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return &Browser{ctx: ctx}
}

// Tab opens a new tab whose viewport is width × height CSS pixels; mobile
// also emulates a phone (touch, device scale 2). The tab closes when the
// test ends, and every action in it times out after a minute.
func (b *Browser) Tab(t testing.TB, width, height int64, mobile bool) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
	})
	opts := []chromedp.EmulateViewportOption{}
	if mobile {
		opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, opts...)); err != nil {
		t.Fatalf("open a %d×%d tab: %v", width, height, err)
	}
	return ctx
}

// ArtifactDir is where a test leaves files for a person to look at:
// test-output/browser/<test name>/ under the repository root, kept after the
// run (make clean removes it).
func ArtifactDir(t testing.TB) string {
	t.Helper()
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "test-output", "browser", safeName.ReplaceAllString(t.Name(), "_"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

var safeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Screenshot saves the whole page in the tab as <name>.png in ArtifactDir
// and logs where.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	// Quality 100 is what makes Chromium send PNG rather than JPEG.
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(ArtifactDir(t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// ClickAndWait clicks the first element sel matches and waits until the page
// the click leads to has loaded, so the next step reads the new page and not
// the old one being torn down.
func ClickAndWait[S chromedp.Selectable](ctx context.Context, sel S) error {
	loaded := chromedp.Events(ctx, page.LoadEventFired)
	if err := chromedp.Do(ctx, chromedp.Click(sel)); err != nil {
		return err
	}
	for _, err := range loaded {
		return err
	}
	return ctx.Err()
}
