package sitetests

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/engine/nodetools"
	"github.com/concord-initiative/concord/internal/engine/searchindex"
	"github.com/concord-initiative/concord/internal/quality/axecheck"
	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// onceSite is a site built (or copied) and indexed once per test binary,
// in the binary's temporary folder, removed when it ends.
type onceSite struct {
	once sync.Once
	dir  string
	err  error
}

// get makes the site on first use: build fills a fresh folder and returns
// the built site's folder, which is then indexed; want, when set, is the
// pages Pagefind must index per language.
func (o *onceSite) get(t *testing.T, name string, want map[string]int, build func(ctx context.Context, root string) (string, error)) string {
	t.Helper()
	o.once.Do(func() {
		root, err := os.MkdirTemp(filepath.Dir(public), name+"-")
		if err != nil {
			o.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if o.dir, o.err = build(ctx, root); o.err != nil {
			return
		}
		st, err := searchindex.Index(ctx, repoRoot, o.dir)
		if o.err = err; err == nil && want != nil && !maps.Equal(st.Pages, want) {
			o.err = fmt.Errorf("%s: pagefind indexed %v pages, want %v, the clause pages of each language", name, st.Pages, want)
		}
	})
	if o.err != nil {
		t.Fatal(o.err)
	}
	return o.dir
}

var shippedSearch onceSite

// searchSite is the shipped site with its search index, as `make build`
// leaves public/: a copy of the shared build, indexed.
func searchSite(t *testing.T) string {
	t.Helper()
	return shippedSearch.get(t, "search", map[string]int{"zh-hans": 5, "en": 5}, func(_ context.Context, root string) (string, error) {
		return root, sitefixture.CopyTree(root, public)
	})
}

// serveSearch serves an indexed site as the host does: its _headers (the
// search pages' policy with 'wasm-unsafe-eval' included), gzip.
func serveSearch(t *testing.T, dir string) string {
	t.Helper()
	return browsertest.Serve(t, dir, statichost.Wrap(dir, builtHeaders(t, dir))).URL
}

// searchViewports are the desktop and phone the search is checked at.
var searchViewports = []struct {
	name          string
	width, height int64
	mobile        bool
}{{"1280px", 1280, 900, false}, {"375px", 375, 812, true}}

// hit is one result as the reader sees it.
type hit struct {
	Title, Initiative, Href, Single, Excerpt string
	Marks                                    []string
}

// searchFor opens the search page at path with ?q=query (and the extra
// parameters) and returns the status line and the results once the search
// has finished.
func searchFor(t *testing.T, ctx context.Context, base, path, query string, extra url.Values) (string, []hit) {
	t.Helper()
	v := url.Values{"q": {query}}
	for k, vals := range extra {
		v[k] = vals
	}
	open(t, ctx, base+"/"+path+"?"+v.Encode())
	return waitForResults(t, ctx)
}

// waitForResults waits until the status line says how the search ended
// (anything but "Searching…") and reads the results.
func waitForResults(t *testing.T, ctx context.Context) (string, []hit) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		done := evaluate[bool](t, ctx, `(() => { const s = document.getElementById("search-status"); return !!s && s.textContent !== "" && s.textContent !== s.dataset.loading; })()`)
		if done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no search result or message after 20 s; status %q", evaluate[string](t, ctx, `document.getElementById("search-status")?.textContent ?? "no status"`))
		}
		time.Sleep(50 * time.Millisecond)
	}
	status := evaluate[string](t, ctx, `document.getElementById("search-status").textContent`)
	hits := evaluate[[]hit](t, ctx, `[...document.querySelectorAll("#search-results > li")].map(li => ({
  Title: li.querySelector("h2 a").textContent,
  Initiative: li.querySelector(".search-result-initiative")?.textContent ?? "",
  Href: new URL(li.querySelector("h2 a").href).pathname + new URL(li.querySelector("h2 a").href).hash,
  Single: li.querySelector("p:last-child a") ? new URL(li.querySelector("p:last-child a").href).pathname + new URL(li.querySelector("p:last-child a").href).hash : "",
  Excerpt: li.querySelector(".search-result-excerpt").textContent,
  Marks: [...li.querySelectorAll(".search-result-excerpt mark")].map(m => m.textContent),
}))`)
	return status, hits
}

func hrefs(hits []hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Href)
	}
	return out
}

// clauseLinks are the side-by-side anchors of the shipped clauses.
func clauseLinks(prefix string, ids ...string) []string {
	var out []string
	for _, id := range ids {
		out = append(out, "/"+prefix+initiative+"#"+id)
	}
	return out
}

type searchCase struct {
	query string
	want  []string // result links in order; when any is set, only these
	first string   // when set (want empty), the first result; all is the set
	all   []string
}

func checkSearch(t *testing.T, ctx context.Context, base, path string, c searchCase) []hit {
	t.Helper()
	status, hits := searchFor(t, ctx, base, path, c.query, nil)
	got := hrefs(hits)
	switch {
	case c.want != nil:
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: results %v, want %v (status %q)", c.query, got, c.want, status)
		}
	default:
		if len(got) == 0 || got[0] != c.first {
			t.Errorf("%q: results %v, want %s first (status %q)", c.query, got, c.first, status)
		}
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(c.all))) {
			t.Errorf("%q: results %v, want exactly %v", c.query, got, c.all)
		}
	}
	if !strings.Contains(status, c.query) || !strings.ContainsAny(status, "0123456789") {
		t.Errorf("%q: status %q does not say how many clauses match the query", c.query, status)
	}
	for _, h := range hits {
		if h.Title == "" || h.Initiative == "" || h.Excerpt == "" || len(h.Marks) == 0 || h.Single == "" {
			t.Errorf("%q: result %+v lacks its heading, initiative, passage with the match marked, or single-language link", c.query, h)
		}
	}
	return hits
}

// Chinese is found by any word of the text, without spaces between words:
// the index and the query are both segmented (Pagefind's extended build
// at indexing, the browser's Intl.Segmenter at query time).
func TestSearchFindsChineseWords(t *testing.T) {
	base := serveSearch(t, searchSite(t))
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	all := clauseLinks("", "preamble", "1", "2", "3", "closing")
	for _, c := range []searchCase{
		{query: "刷单", want: clauseLinks("", "2")},
		{query: "知识产权", want: clauseLinks("", "2")},
		{query: "刷单 知识产权", want: clauseLinks("", "2")},
		// Three times in the preamble, once in each other clause.
		{query: "直播电商", first: clauseLinks("", "preamble")[0], all: all},
	} {
		hits := checkSearch(t, ctx, base, searchPage["zh-hans"], c)
		for _, h := range hits {
			if h.Initiative != "直播电商行业自律倡议书" || !strings.HasPrefix(h.Single, "/"+initiative+"text.html#") {
				t.Errorf("%q: result %+v: want the initiative's Chinese title and a link into text.html", c.query, h)
			}
		}
		if c.query == "刷单" && (len(hits) != 1 || hits[0].Title != "二、坚持合法的合规经营规范" || !slices.Contains(hits[0].Marks, "刷单")) {
			t.Errorf("刷单: %+v, want clause 二、 by its numbered heading with 刷单 marked", hits)
		}
	}
	browsertest.Screenshot(t, ctx, "search-zh-hans")
}

// English is found by stem: "streams" finds "streaming" in every clause,
// and a phrase finds the one clause that has it.
func TestSearchFindsEnglishByStem(t *testing.T) {
	base := serveSearch(t, searchSite(t))
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	for _, c := range []searchCase{
		{query: "intellectual property", want: clauseLinks("en/", "2")},
		{query: "brushing", want: clauseLinks("en/", "2")},
		{query: "streams", first: clauseLinks("en/", "preamble")[0], all: clauseLinks("en/", "preamble", "1", "2", "3", "closing")},
	} {
		hits := checkSearch(t, ctx, base, searchPage["en"], c)
		if c.query == "streams" {
			for _, h := range hits {
				if !slices.ContainsFunc(h.Marks, func(m string) bool { return strings.HasPrefix(strings.ToLower(m), "stream") }) {
					t.Errorf("streams: result %s marks %q, want the streaming it matched", h.Href, h.Marks)
				}
			}
		}
	}
	// The English page searches the English texts only: Chinese is on the Chinese page.
	if _, hits := searchFor(t, ctx, base, searchPage["en"], "刷单", nil); len(hits) != 0 {
		t.Errorf("刷单 on the English search page: %v, want none", hrefs(hits))
	}
	browsertest.Screenshot(t, ctx, "search-en")
}

// A result link lands on the clause: its row side by side, or in the
// page's language alone, in view below the sticky header. Keyboard only:
// the field is focused on arrival, Enter searches, Tab reaches the result.
func TestSearchResultLandsOnTheClauseByKeyboard(t *testing.T) {
	base := serveSearch(t, searchSite(t))
	b := browsertest.New(t)
	for _, v := range searchViewports {
		t.Run(v.name, func(t *testing.T) {
			ctx := b.Tab(t, v.width, v.height, v.mobile)
			open(t, ctx, base+"/en/search.html")
			if id := evaluate[string](t, ctx, `document.activeElement.id`); id != "search-q" {
				t.Fatalf("focus on arrival is on #%s, want the search field", id)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent("intellectual property")); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			status, hits := waitForResults(t, ctx)
			if len(hits) != 1 {
				t.Fatalf("%d results (%q)", len(hits), status)
			}
			if got := evaluate[string](t, ctx, `location.search`); got != "?q=intellectual+property" {
				t.Errorf("address %q: the search should be a URL to share", got)
			}
			for i := 0; i < 12 && evaluate[string](t, ctx, `document.activeElement.closest("#search-results") ? "in" : ""`) == ""; i++ {
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
					t.Fatal(err)
				}
			}
			if got := evaluate[string](t, ctx, `document.activeElement.textContent`); got != hits[0].Title {
				t.Fatalf("Tab did not reach the result link (focus on %q)", got)
			}
			if err := browsertest.ClickAndWait(ctx, "#search-results h2 a"); err != nil {
				t.Fatal(err)
			}
			landed(t, ctx, "/en/"+initiative, "#2")
			open(t, ctx, base+"/en/search.html?q=intellectual+property")
			waitForResults(t, ctx)
			if err := browsertest.ClickAndWait(ctx, "#search-results li p:last-child a"); err != nil {
				t.Fatal(err)
			}
			landed(t, ctx, "/en/"+initiative+"text.html", "#2")
		})
	}
}

// landed checks the tab shows path#id with that clause's row in view and
// not under the sticky header.
func landed(t *testing.T, ctx context.Context, path, hash string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := evaluate[string](t, ctx, `location.pathname + location.hash`)
		if got == path+hash {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("landed on %s, want %s%s", got, path, hash)
		}
		time.Sleep(50 * time.Millisecond)
	}
	pos := evaluate[[]float64](t, ctx, `(() => {
  const row = document.getElementById(location.hash.slice(1)).getBoundingClientRect();
  return [row.top, document.querySelector(".site-header").getBoundingClientRect().bottom, innerHeight];
})()`)
	if pos[0] < pos[1]-1 || pos[0] > pos[2]/2 {
		t.Errorf("%s%s: the clause row's top is at %.0f px, header bottom %.0f, window %.0f: not in view below the header", path, hash, pos[0], pos[1], pos[2])
	}
}

// The initiative filter keeps the results to one initiative, and the
// language choice carries the query to the other language's search page.
func TestSearchFiltersByInitiativeAndLanguage(t *testing.T) {
	dir := frenchSearchSite(t)
	base := serveSearch(t, dir)
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	_, hits := searchFor(t, ctx, base, "en/search.html", "parties", nil)
	if len(hits) < 2 {
		t.Fatalf("parties: %v", hrefs(hits))
	}
	_, filtered := searchFor(t, ctx, base, "en/search.html", "parties", url.Values{"initiative": {"Self-discipline Initiative for Live Streaming E-commerce Industry"}})
	if len(filtered) == 0 || len(filtered) > len(hits) {
		t.Fatalf("filtered: %v of %v", hrefs(filtered), hrefs(hits))
	}
	for _, h := range filtered {
		if !strings.HasPrefix(h.Href, "/en/"+initiative) {
			t.Errorf("filtered to the live-streaming initiative, got %s", h.Href)
		}
	}
	_, tea := searchFor(t, ctx, base, "en/search.html", "tea", url.Values{"initiative": {"Self-discipline Initiative for Live Streaming E-commerce Industry"}})
	if len(tea) != 0 {
		t.Errorf("tea in the live-streaming initiative: %v, want none", hrefs(tea))
	}
	open(t, ctx, base+"/en/search.html?q=th%C3%A9")
	waitForResults(t, ctx)
	if err := browsertest.ClickAndWait(ctx, `a[data-search-language][hreflang="fr"]`); err != nil {
		t.Fatal(err)
	}
	_, fr := waitForResults(t, ctx)
	if got := evaluate[string](t, ctx, `location.pathname + location.search`); got != "/fr/search.html?q=th%C3%A9" || len(fr) == 0 {
		t.Errorf("the French choice went to %s with %d results, want the French search page for the same query", got, len(fr))
	}
}

var frenchSearch onceSite

// frenchSearchSite is the site with the tea-house pledge and French added
// (sitetests/testdata/search), built and indexed.
func frenchSearchSite(t *testing.T) string {
	t.Helper()
	return frenchSearch.get(t, "search-fr", nil, func(ctx context.Context, root string) (string, error) {
		site := filepath.Join(root, "site")
		for _, src := range []string{repoRoot, filepath.Join(repoRoot, "sitetests", "testdata", "fixture"), filepath.Join(repoRoot, "sitetests", "testdata", "search")} {
			if err := sitefixture.Copy(site, src); err != nil {
				return "", err
			}
		}
		if err := sitefixture.AddLanguages(site, []string{"fr"}); err != nil {
			return "", err
		}
		out := filepath.Join(root, "public")
		return out, hugobuild.Build(ctx, site, out)
	})
}

// A third language: French, stemmed as French, in the expected order.
func TestSearchInAThirdLanguage(t *testing.T) {
	base := serveSearch(t, frenchSearchSite(t))
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	tea := "/fr/initiatives/tea-house-pledge/"
	for _, c := range []searchCase{
		// Twice in article 2, once in article 1.
		{query: "thé", want: []string{tea + "#article-2", tea + "#article-1"}},
		// "parlez" finds "parler" by its stem.
		{query: "parlez", want: []string{tea + "#article-1"}},
	} {
		hits := checkSearch(t, ctx, base, "fr/search.html", c)
		for _, h := range hits {
			if h.Initiative != "Charte de civilité de la maison de thé" {
				t.Errorf("%q: initiative %q", c.query, h.Initiative)
			}
		}
	}
	if err := browsertest.ClickAndWait(ctx, "#search-results h2 a"); err != nil {
		t.Fatal(err)
	}
	landed(t, ctx, tea, "#article-1")
}

// The search page with results, in both languages, at both widths: no
// axe-core violation at WCAG 2.2 AA.
func TestSearchPageIsAccessible(t *testing.T) {
	path, err := nodetools.File(repoRoot, "axe-core", "axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	axe, err := axecheck.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	base := serveSearch(t, searchSite(t))
	b := browsertest.New(t)
	for _, v := range searchViewports {
		for lang, q := range map[string]string{"zh-hans": "直播电商", "en": "streams"} {
			t.Run(v.name+"/"+lang, func(t *testing.T) {
				ctx := b.Tab(t, v.width, v.height, v.mobile)
				if _, hits := searchFor(t, ctx, base, searchPage[lang], q, nil); len(hits) == 0 {
					t.Fatalf("%s: no results to check", q)
				}
				res, err := axe.Run(ctx, axecheck.Options{Tags: axecheck.WCAG22AA})
				if err != nil {
					t.Fatal(err)
				}
				for _, viol := range res.Violations {
					t.Errorf("%s?q=%s (%s): %s", searchPage[lang], q, v.name, viol)
				}
				browsertest.Screenshot(t, ctx, "search-"+lang+"-"+v.name)
			})
		}
	}
}

// The header's search box adds nothing to the sticky header's height (the
// view switcher sits under it, anchored clauses below the space kept
// clear), shows the field on a desktop and the button on a
// phone, and no page, the search page included, scrolls sideways on a
// phone.
func TestSearchBoxKeepsTheHeaderOneLine(t *testing.T) {
	base := serveSearch(t, searchSite(t))
	b := browsertest.New(t)
	for _, v := range searchViewports {
		t.Run(v.name, func(t *testing.T) {
			ctx := b.Tab(t, v.width, v.height, v.mobile)
			for _, prefix := range uiPrefix {
				for _, rel := range []string{prefix, prefix + initiative, prefix + initiative + "text.html", prefix + initiative + "2/", prefix + initiative + "signatories.html", prefix + "search.html?q=%E7%9B%B4%E6%92%AD%E7%94%B5%E5%95%86%20streams"} {
					open(t, ctx, base+"/"+rel)
					got := evaluate[[]float64](t, ctx, `(() => {
  const h = document.querySelector(".site-header").getBoundingClientRect();
  const shown = (sel) => { const e = document.querySelector(sel); return e && e.getClientRects().length > 0 ? 1 : 0; };
  const out = [h.height, 0, document.documentElement.scrollWidth, innerWidth, shown(".site-search input"), shown(".site-search button")];
  document.querySelector(".site-search")?.remove();
  out[1] = document.querySelector(".site-header").getBoundingClientRect().height;
  return out;
})()`)
					if got[0] > got[1]+0.5 {
						t.Errorf("/%s (%s): header %.0f px high with the search box, %.0f px without: the box must fit its line", rel, v.name, got[0], got[1])
					}
					if got[2] > got[3] {
						t.Errorf("/%s (%s): the page is %.0f px wide in a %.0f px window", rel, v.name, got[2], got[3])
					}
					if strings.Contains(rel, "search.html") {
						continue
					}
					wantInput := 1.0
					if v.mobile {
						wantInput = 0
					}
					if got[4] != wantInput || got[5] != 1 {
						t.Errorf("/%s (%s): search field shown %v, button shown %v; want the field on a desktop only, the button always", rel, v.name, got[4] == 1, got[5] == 1)
					}
				}
			}
			browsertest.Screenshot(t, ctx, "header-"+v.name)
		})
	}
}

// Without JavaScript the header's box still leads to the search page with
// the query, and that page says search needs script and offers the full
// texts; with script but no index (a build Pagefind has not run on), the
// page says the index could not be loaded instead of failing silently.
func TestSearchWithoutScriptOrIndex(t *testing.T) {
	b := browsertest.New(t)
	t.Run("no script", func(t *testing.T) {
		base := serveSearch(t, searchSite(t))
		ctx := b.Tab(t, 1280, 900, false)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, base+"/en/"+initiative)
		if err := chromedp.Do(ctx, chromedp.SendKeys("#site-search-q", "brushing")); err != nil {
			t.Fatal(err)
		}
		if err := browsertest.ClickAndWait(ctx, ".site-search button"); err != nil {
			t.Fatal(err)
		}
		got := evaluate[[]string](t, ctx, `[location.pathname + location.search,
  document.querySelector("[data-search-nojs]")?.getClientRects().length ? "note shown" : "no note",
  String(document.querySelectorAll(".search-full-texts a").length)]`)
		if got[0] != "/en/search.html?q=brushing" || got[1] != "note shown" || got[2] != "2" {
			t.Errorf("without script: %v, want the English search page with the query, the note and 2 full-text links", got)
		}
	})
	t.Run("no index", func(t *testing.T) {
		base := serveSearch(t, public) // built, never indexed
		ctx := b.Tab(t, 1280, 900, false)
		status, hits := searchFor(t, ctx, base, searchPage["en"], "brushing", nil)
		want := page(t, public, searchPage["en"]).Find("#search-status").AttrOr("data-failed", "")
		if status != want || len(hits) != 0 {
			t.Errorf("without an index: status %q, %d results; want %q", status, len(hits), want)
		}
		if n := evaluate[int](t, ctx, `document.querySelectorAll("[data-search-nojs]").length`); n != 0 {
			t.Errorf("the no-script note is still shown with script on")
		}
	})
}
