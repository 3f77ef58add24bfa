package sitetests

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// statusWordsJS reports each status word that wraps: a badge broken over
// lines (issue 10 §2: 已对齐 stood one character per line).
const statusWordsJS = `[...document.querySelectorAll(".status-word, .status-severity")]
  .filter(e => e.getClientRects().length != 1 || e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).fontSize) * 1.2)
  .map(e => e.textContent)`

// The status page reads on a phone: no sideways scrolling, every status
// word on one line, each cell naming its language; and on a desktop the
// words do not wrap either.
func TestStatusPageReadsOnPhoneAndDesktop(t *testing.T) {
	out, _, _ := buildStatusSite(t)
	srv := browsertest.Serve(t, out, nil)
	browser := browsertest.New(t)
	for _, prefix := range []string{"", "en/"} {
		for _, id := range []string{"live-streaming-2020", "ac001", "ac020", "ac033", "ac070"} {
			url := srv.URL + "/" + prefix + "initiatives/" + id + "/status.html"
			t.Run("phone/"+prefix+id, func(t *testing.T) {
				ctx := browser.Tab(t, 375, 812, true)
				open(t, ctx, url)
				width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
				if err != nil {
					t.Fatal(err)
				}
				if width > 375 {
					t.Errorf("%s is %.0f px wide on a 375 px screen: it scrolls sideways", url, width)
				}
				broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](statusWordsJS))
				if err != nil {
					t.Fatal(err)
				}
				if len(broken) > 0 {
					t.Errorf("%s: status words broken over lines: %q", url, broken)
				}
				hidden, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll(".status-lang")].filter(e => e.getBoundingClientRect().width == 0).length`))
				if err != nil {
					t.Fatal(err)
				}
				if hidden > 0 {
					t.Errorf("%s: %d stacked cells do not name their language", url, hidden)
				}
				if id == "live-streaming-2020" || id == "ac020" {
					browsertest.Screenshot(t, ctx, "status-375-"+prefix[:min(len(prefix), 2)]+id)
				}
			})
			t.Run("desktop/"+prefix+id, func(t *testing.T) {
				ctx := browser.Tab(t, 1280, 900, false)
				open(t, ctx, url)
				broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](statusWordsJS))
				if err != nil {
					t.Fatal(err)
				}
				if len(broken) > 0 {
					t.Errorf("%s: status words broken over lines: %q", url, broken)
				}
				if id == "ac020" {
					browsertest.Screenshot(t, ctx, "status-1280-"+prefix[:min(len(prefix), 2)]+id)
				}
			})
		}
	}
}
