package sitetests

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// waitForOffline waits until the search page has kept its index for
// offline use, or said why not, and returns the outcome and the bytes copied.
func waitForOffline(t *testing.T, ctx context.Context) (string, int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		got := evaluate[[]string](t, ctx, `(() => { const f = document.querySelector("[data-search-form]"); return [f.dataset.offline ?? "", f.dataset.offlineBytes ?? "0"]; })()`)
		if got[0] != "" {
			var n int
			for _, c := range got[1] {
				n = n*10 + int(c-'0')
			}
			return got[0], n
		}
		if time.Now().After(deadline) {
			t.Fatal("the search page did not finish keeping its index offline within 60 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// searchAgain runs a new query in the page already open, as a reader
// typing into its field and pressing Enter.
func searchAgain(t *testing.T, ctx context.Context, query string) (string, []hit) {
	t.Helper()
	evaluate[bool](t, ctx, `(() => { document.getElementById("search-q").value = `+jsString(query)+`; document.querySelector("[data-search-form]").requestSubmit(); return true; })()`)
	return waitForResults(t, ctx)
}

// goOffline cuts the tab off the network: the emulated connection is down
// for the page and its service worker.
func goOffline(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatal(err)
	}
}

// With JavaScript, a search page once loaded keeps answering without the
// network: after a first query it keeps its language's index, so new
// queries in Chinese and in English, with the site's server stopped and
// the browser offline, still show every matching clause with its passage
// and its links to the clause.
func TestSearchWorksOfflineOnceLoaded(t *testing.T) {
	dir := searchSite(t)
	srv := browsertest.Serve(t, dir, statichost.Wrap(dir, builtHeaders(t, dir)))
	b := browsertest.New(t)
	zh := b.Tab(t, 1280, 900, false)
	en := b.Tab(t, 1280, 900, false)
	for _, p := range []struct {
		ctx         context.Context
		path, query string
	}{{zh, searchPage["zh-hans"], "刷单"}, {en, searchPage["en"], "brushing"}} {
		if _, hits := searchFor(t, p.ctx, srv.URL, p.path, p.query, nil); len(hits) != 1 {
			t.Fatalf("%s: %v before going offline", p.query, hrefs(hits))
		}
		state, bytes := waitForOffline(t, p.ctx)
		if state != "ready" {
			t.Fatalf("%s: the index was not kept offline: %s", p.path, state)
		}
		t.Logf("%s: %.1f KB of index kept for offline use", p.path, float64(bytes)/1024)
	}
	offline(t, srv)
	goOffline(t, zh)
	goOffline(t, en)
	all := []string{"preamble", "1", "2", "3", "closing"}
	for _, c := range []struct {
		ctx         context.Context
		prefix      string
		query       string
		first, mark string
	}{
		{zh, "", "直播电商", "preamble", ""},
		{zh, "", "知识产权", "2", "知识产权"},
		{en, "en/", "streams", "preamble", "stream"},
		{en, "en/", "intellectual property", "2", "intellectual"},
	} {
		status, hits := searchAgain(t, c.ctx, c.query)
		got := hrefs(hits)
		if len(got) == 0 || got[0] != clauseLinks(c.prefix, c.first)[0] {
			t.Errorf("offline, %q: %v (%q), want %s first", c.query, got, status, c.first)
			continue
		}
		if c.first == "preamble" && !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(clauseLinks(c.prefix, all...)))) {
			t.Errorf("offline, %q: %v, want every clause", c.query, got)
		}
		for _, h := range hits {
			if h.Title == "" || h.Initiative == "" || !strings.HasPrefix(h.Single, "/"+c.prefix+initiative+"text.html#") ||
				!slices.ContainsFunc(h.Marks, func(m string) bool { return strings.HasPrefix(strings.ToLower(m), c.mark) }) {
				t.Errorf("offline, %q: result %+v lacks its heading, initiative, marked passage or link into the clause", c.query, h)
			}
		}
	}
	browsertest.Screenshot(t, zh, "search-offline-zh-hans")
}

// offline stops the site's server: nothing more can be fetched from it.
func offline(t *testing.T, srv *httptest.Server) {
	t.Helper()
	srv.CloseClientConnections()
	srv.Close()
}

// Offline before the index is kept (right after the first results), a
// new query whose passages cannot be fetched says that the search failed
// instead of "Searching…" for ever.
func TestSearchSaysSoWhenOfflineTooEarly(t *testing.T) {
	dir := searchSite(t)
	srv := browsertest.Serve(t, dir, statichost.Wrap(dir, builtHeaders(t, dir)))
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	if _, hits := searchFor(t, ctx, srv.URL, searchPage["en"], "brushing", nil); len(hits) != 1 {
		t.Fatalf("brushing: %v", hrefs(hits))
	}
	offline(t, srv)
	goOffline(t, ctx)
	status, hits := searchAgain(t, ctx, "streams")
	if want := evaluate[string](t, ctx, `document.getElementById("search-status").dataset.failed`); status != want || len(hits) != 0 {
		t.Errorf("offline before the index was kept: status %q with %d results, want %q", status, len(hits), want)
	}
}

var smallOfflineLimit onceSite

// A site whose search index per language is larger than it lets a reader's
// device keep (params.search.offlineLimitKB, here 4 KB against the shipped
// site's 5 to 7 KB) copies no more than that and says, in the page's
// language, that search needs the connection; searching online still works.
func TestSearchSaysWhenTheIndexIsTooLargeToKeep(t *testing.T) {
	dir := smallOfflineLimit.get(t, "search-limit", nil, func(ctx context.Context, root string) (string, error) {
		t.Setenv("HUGO_PARAMS_SEARCH_OFFLINELIMITKB", "4")
		out := filepath.Join(root, "public")
		return out, hugobuild.Build(ctx, repoRoot, out)
	})
	base := serveSearch(t, dir)
	b := browsertest.New(t)
	for lang, q := range map[string]string{"zh-hans": "刷单", "en": "brushing"} {
		t.Run(lang, func(t *testing.T) {
			ctx := b.Tab(t, 1280, 900, false)
			if _, hits := searchFor(t, ctx, base, searchPage[lang], q, nil); len(hits) != 1 {
				t.Fatalf("%s: %v", q, hrefs(hits))
			}
			state, bytes := waitForOffline(t, ctx)
			note := evaluate[[]string](t, ctx, `(() => { const n = document.getElementById("search-offline"); return [n.getClientRects().length ? "shown" : "hidden", n.textContent, n.closest("[lang]").lang]; })()`)
			want := page(t, dir, searchPage[lang]).Find("#search-offline").Text()
			if state != "too-large" || note[0] != "shown" || note[1] != want || want == "" {
				t.Errorf("%s: offline %s after %d bytes, note %v; want too-large and the note %q shown", lang, state, bytes, note, want)
			}
			// It stops at the first file past the limit: no more than one
			// fragment or chunk (a few KB) beyond it.
			if bytes > 4096+8192 {
				t.Errorf("%s: %d bytes copied for a 4 KB limit", lang, bytes)
			}
			if _, hits := searchAgain(t, ctx, q); len(hits) != 1 {
				t.Errorf("online after the note, %s: %v", q, hrefs(hits))
			}
		})
	}
}
