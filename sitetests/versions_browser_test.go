package sitetests

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// The as-of page, served with the site's Content-Security-Policy, sends a
// date to the version in force that day, and says so when none was; the
// versions and differences pages are screenshot for the notes.
func TestTheTextOnADateOpensTheVersionInForce(t *testing.T) {
	out := versionsBuild(t)
	srv := browsertest.Serve(t, out, statichost.Wrap(out, builtHeaders(t, out)))
	browser := browsertest.New(t)
	for date, want := range map[string]string{
		"2021-01-10": "/en/" + vInit + "v1.0/",
		"2022-02-28": "/en/" + vInit + "v1.0/",
		"2022-03-01": "/en/" + vInit + "v1.1/",
		"2030-01-01": "/en/" + vInit + "v2.0/",
	} {
		ctx := browser.Tab(t, 1280, 900, false)
		open(t, ctx, srv.URL+"/en/"+vInit+"as-of/?date="+date)
		var path string
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if path, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); path == want {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if path != want {
			t.Errorf("as-of ?date=%s: at %s, want %s", date, path, want)
		}
	}
	ctx := browser.Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/en/"+vInit+"as-of/?date=2019-05-01")
	var said string
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && said == "" {
		said, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("as-of-result").textContent`))
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(said, "No version was in force") {
		t.Errorf("as-of before the first version says %q", said)
	}
	for name, rel := range map[string]string{
		"versions-en":            "en/" + vInit + "versions/",
		"versions-changes-en":    "en/" + vInit + "v2.0/changes/",
		"versions-changes-zh":    vInit + "v1.1/changes/",
		"versions-old-clause-en": "en/" + vInit + "v1.1/2/",
	} {
		ctx := browser.Tab(t, 1280, 900, false)
		open(t, ctx, srv.URL+"/"+rel)
		browsertest.Screenshot(t, ctx, name)
	}
}
