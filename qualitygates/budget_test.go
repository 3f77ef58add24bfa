package qualitygates

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// initiativeBudget is the most the initiative page may cost a reader: the
// page and everything it loads, compressed as the host sends it, headers
// included.
const initiativeBudget = 30 * 1024

// Every page, opened with an empty cache over the compressing loopback
// server: no request goes to another site, no web font is loaded, and the
// initiative page in each language costs under 30 KB in total, on a desktop
// and on a phone.
func TestGateBudgets(t *testing.T) {
	g := gate(t, "budgets")
	base := serveSite(t)
	origin, _ := url.Parse(base)
	b := browsertest.New(t)
	pages := readerPages(t)
	heaviest, heaviestBytes := "", int64(0)
	offSite, fonts := 0, 0
	var initiativeSizes []string
	for _, v := range viewports {
		t.Run(v.name, func(t *testing.T) {
			ctx := v.tab(t, b)
			prepareWatchTab(t, ctx)
			for _, p := range pages {
				isInitiative := p == initiative+"index.html" || p == "en/"+initiative+"index.html"
				if v != viewports[0] && !isInitiative {
					continue // the phone run is for the budget; requests do not depend on width here
				}
				path := "/" + strings.TrimSuffix(p, "index.html")
				w := watch(ctx)
				navigate(t, ctx, base+path)
				w.finish(t, ctx)
				var total int64
				var parts []string
				for _, r := range w.list() {
					if !r.ended() {
						t.Errorf("%s (%s): %s had not finished 5 s after the page loaded", p, v.name, r.URL)
					}
					u, err := url.Parse(r.URL)
					if err != nil || (u.Scheme != "data" && u.Host != origin.Host) {
						offSite++
						t.Errorf("%s (%s): request to another site: %s (%s); serve it from the site or remove it", p, v.name, r.URL, r.Type)
					}
					if r.Type == network.ResourceTypeFont {
						fonts++
						t.Errorf("%s (%s): loads the web font %s; the site uses system fonts only", p, v.name, r.URL)
					}
					if r.Icon {
						// Fetched when the browser chooses, once a visit,
						// or not at all: not a cost of this page.
						continue
					}
					total += r.Bytes
					parts = append(parts, fmt.Sprintf("%s %.1f KB", strings.TrimPrefix(r.URL, base), float64(r.Bytes)/1024))
				}
				if total > heaviestBytes {
					heaviest, heaviestBytes = p, total
				}
				if isInitiative {
					if total >= initiativeBudget {
						t.Errorf("%s (%s): %.1f KB transferred, budget %d KB: %s", p, v.name, float64(total)/1024, initiativeBudget/1024, strings.Join(parts, ", "))
					}
					if v == viewports[0] {
						lang := "zh-Hans"
						if strings.HasPrefix(p, "en/") {
							lang = "en"
						}
						initiativeSizes = append(initiativeSizes, fmt.Sprintf("%s %.1f KB", lang, float64(total)/1024))
						t.Logf("%s: %.1f KB: %s", p, float64(total)/1024, strings.Join(parts, ", "))
					}
				}
			}
		})
	}
	g.note("initiative page %s (budget %d KB, gzip, headers included); %d pages: %d requests off-site, %d web fonts; heaviest %s %.1f KB",
		strings.Join(initiativeSizes, ", "), initiativeBudget/1024, len(pages), offSite, fonts, heaviest, float64(heaviestBytes)/1024)
}

// fontFace finds what would load a web font from a stylesheet.
var fontFace = regexp.MustCompile(`(?i)@font-face|@import|url\([^)]*\.(woff2?|ttf|otf|eot)`)

// No stylesheet in the build (nor the inline styles of the embed pages)
// declares a web font or imports another stylesheet, whether or not a page
// happens to use it.
func TestGateNoWebFontInTheStylesheets(t *testing.T) {
	g := gate(t, "budgets")
	n := 0
	err := filepath.WalkDir(site(t), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".html")) {
			return err
		}
		n++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if m := fontFace.Find(b); m != nil {
			rel, _ := filepath.Rel(site(t), p)
			t.Errorf("%s: %q: the site uses system fonts only (assets/css/)", rel, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	g.note("%d stylesheets and pages without @font-face or @import", n)
}

// A request answered with an error ends the wait for it, whether or not
// Chromium reports the end of its body (a favicon that 404s, for one, may
// never report it): the page is measured at once, not five seconds later
// with the request called unfinished.
func TestPageWatchDoesNotWaitOnA404(t *testing.T) {
	gate(t, "budgets")
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// Asked after the load event, as a browser asks for the icon.
		fmt.Fprint(w, `<!doctype html><title>t</title><script>addEventListener("load", () => fetch("/missing.svg"))</script>`)
	})
	mux.HandleFunc("/missing.svg", func(w http.ResponseWriter, r *http.Request) {
		// The status and headers, then a body that does not end.
		w.WriteHeader(http.StatusNotFound)
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)
	ctx := viewports[0].tab(t, browsertest.New(t))
	prepareWatchTab(t, ctx)
	w := watch(ctx)
	navigate(t, ctx, srv.URL+"/")
	// The 404's headers are in before finish starts waiting.
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	w.finish(t, ctx)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("finish waited %v for a 404", took.Round(time.Millisecond))
	}
	seen := false
	for _, r := range w.list() {
		if strings.HasSuffix(r.URL, "/missing.svg") {
			seen = true
			if r.Status != http.StatusNotFound || !r.ended() {
				t.Errorf("the 404 is recorded with status %d, ended %v", r.Status, r.ended())
			}
		}
	}
	if !seen {
		t.Error("the page's request for /missing.svg was not seen")
	}
}
