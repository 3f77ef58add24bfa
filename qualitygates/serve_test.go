package qualitygates

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/quality/headersfile"
	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// siteHeaders is the _headers file the build makes (layouts/home.headers):
// the headers the production host sends.
func siteHeaders(t *testing.T) *headersfile.File {
	t.Helper()
	h, err := headersfile.ParseFile(filepath.Join(site(t), "_headers"))
	if err != nil {
		t.Fatalf("the build has no usable _headers (layouts/home.headers): %v", err)
	}
	return h
}

// serveSite serves the build on loopback as the host does: _headers,
// gzip, the 404 page. It returns the base URL, without a trailing slash.
func serveSite(t *testing.T) string {
	t.Helper()
	public := site(t)
	return browsertest.Serve(t, public, statichost.Wrap(public, siteHeaders(t))).URL
}

// viewport is a screen the gates look at pages on.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{
	{"1280px", 1280, 900, false},
	{"375px", 375, 812, true},
}

func (v viewport) tab(t *testing.T, b *browsertest.Browser) context.Context {
	t.Helper()
	return b.Tab(t, v.width, v.height, v.mobile)
}

// darkScheme makes the tab's pages see prefers-color-scheme: dark.
func darkScheme(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	})
	if err != nil {
		t.Fatalf("emulate the dark colour scheme: %v", err)
	}
	dark, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`))
	if err != nil || !dark {
		t.Fatalf("dark colour scheme not in effect (%v)", err)
	}
}

func navigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
}
