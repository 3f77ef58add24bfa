package sitetests

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// evaluate runs a script in the tab and fails the test if it throws.
func evaluate[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%v in:\n%s", err, js)
	}
	return v
}

// lineLengthsJS gives, per language, the most characters that one line of
// the clause text holds on the page: every character's line is the top of
// its box, as the reader sees it wrapped.
const lineLengthsJS = `(() => {
  const most = {};
  for (const p of document.querySelectorAll(".clause-text p")) {
    const lang = p.closest("[lang]").lang;
    const perLine = new Map();
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (let i = 0; i < n.length; i++) {
        if ((n.data.charCodeAt(i) & 0xfc00) === 0xdc00) continue;
        const r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + 1);
        const box = r.getClientRects()[0];
        if (!box) continue;
        const line = Math.round(box.top);
        perLine.set(line, (perLine.get(line) || 0) + 1);
      }
    }
    for (const count of perLine.values()) most[lang] = Math.max(most[lang] || 0, count);
  }
  return most;
})()`

// The pages that give a clause the whole width hold the text to a readable
// measure at 1280 px: about 70 Latin characters a line, spaces included,
// and 35 to 40 Han.
func TestTextMeasureIsCappedOnSingleLanguageAndClausePages(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	ctx := browser.Tab(t, 1280, 900, false)
	limits := map[string][2]int{"en": {60, 75}, "zh-Hans": {35, 40}}
	for _, p := range []string{
		"en/" + initiative + "text.html", initiative + "text.html",
		"en/" + initiative + "2/", initiative + "2/",
	} {
		open(t, ctx, srv.URL+"/"+p)
		most := evaluate[map[string]int](t, ctx, lineLengthsJS)
		if len(most) == 0 {
			t.Fatalf("%s: no clause text measured", p)
		}
		for lang, n := range most {
			lim, ok := limits[lang]
			if !ok {
				t.Errorf("%s: text in %s, which the test has no measure for", p, lang)
				continue
			}
			t.Logf("%s: %s lines hold up to %d characters", p, lang, n)
			if n < lim[0] || n > lim[1] {
				t.Errorf("%s: %s lines hold up to %d characters, want %d–%d", p, lang, n, lim[0], lim[1])
			}
		}
		if strings.HasSuffix(p, "2/") {
			// The clause heading is the page's main heading, and looks it.
			sizes := evaluate[[]float64](t, ctx, `[...document.querySelectorAll("main h1, main h2, main h3, main h4")].map(h => parseFloat(getComputedStyle(h).fontSize) * (h.localName === "h1" ? -1 : 1))`)
			h1, biggest := 0.0, 0.0
			for _, v := range sizes {
				if v < 0 {
					h1 = -v
				} else {
					biggest = math.Max(biggest, v)
				}
			}
			t.Logf("%s: h1 %.1f px, the largest other heading %.1f px", p, h1, biggest)
			if h1 < 1.4*16 || h1 < 1.3*biggest {
				t.Errorf("%s: the clause heading (h1) is %.1f px, another heading %.1f px: it does not read as the page's heading", p, h1, biggest)
			}
			browsertest.Screenshot(t, ctx, "clause-page-"+map[bool]string{true: "en", false: "zh"}[strings.HasPrefix(p, "en/")])
		}
	}
}

// levelJS gives, for each row, the top of each part of each shown cell:
// the heading's line, the provenance label and the first line of the text.
const levelJS = `[...document.querySelectorAll(".side-by-side .clause-row")].map(row =>
  [...row.querySelectorAll(":scope > .cell")].filter(c => c.getClientRects().length > 0).map(c => ({
    row: row.id, lang: c.lang,
    parts: [".clause-heading", ".provenance", ".clause-text > :first-child"].map(s => {
      const e = c.querySelector(s);
      return e ? e.getBoundingClientRect().top + scrollY : -1;
    }),
  })))`

type cellParts struct {
	Row   string    `json:"row"`
	Lang  string    `json:"lang"`
	Parts []float64 `json:"parts"`
}

// rowsLevel fails the test where a part of a row's shown cells (heading,
// label: within 1 px; first line of text: within textOff px) starts lower
// in one language than in another, and returns the largest offset.
func rowsLevel(t *testing.T, ctx context.Context, where string, textOff float64) float64 {
	t.Helper()
	worst := 0.0
	for _, row := range evaluate[[][]cellParts](t, ctx, levelJS) {
		for i, part := range []string{"heading", "provenance label", "first line of text"} {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, c := range row {
				lo, hi = math.Min(lo, c.Parts[i]), math.Max(hi, c.Parts[i])
			}
			worst = math.Max(worst, hi-lo)
			if limit := map[bool]float64{true: textOff, false: 1}[i == 2]; hi-lo > limit {
				t.Errorf("%s, row %s: the %s starts %.1f px lower in one language than in another (%v)", where, row[0].Row, part, hi-lo, row)
			}
		}
	}
	return worst
}

// toolsJS gives, for each row, the clause tools and the cells in the order
// a reader meets them on screen: above before below, then left to right.
const toolsJS = `[...document.querySelectorAll(".side-by-side .clause-row")].map(row => {
  const items = [...row.querySelectorAll(".clause-tools a, .clause-anchor + button, .embed-panel > summary, :scope > .cell")]
    .map(e => ({name: e.matches(".cell") ? "cell " + e.lang : (e.className || e.localName),
                box: e.getBoundingClientRect()}));
  items.sort((a, b) => a.box.bottom <= b.box.top ? -1 : b.box.bottom <= a.box.top ? 1 : a.box.left - b.box.left);
  // The empty space between the tools and each cell, not counting other
  // cells stacked between them.
  const tools = row.querySelector(".clause-tools").getBoundingClientRect();
  const cells = [...row.querySelectorAll(":scope > .cell")].map(c => c.getBoundingClientRect());
  const gaps = cells.map(r => {
    const between = cells.filter(o => o !== r && o.left < r.right && r.left < o.right);
    if (r.top >= tools.bottom) {
      return r.top - Math.max(tools.bottom, ...between.filter(o => o.bottom <= r.top).map(o => o.bottom));
    }
    return Math.min(tools.top, ...between.filter(o => o.top >= r.bottom).map(o => o.top)) - r.bottom;
  });
  return {row: row.id, order: items.map(i => i.name).join(", "), gap: Math.max(...gaps)};
})`

type rowTools struct {
	Row   string  `json:"row"`
	Order string  `json:"order"`
	Gap   float64 `json:"gap"`
}

// Side by side, each row reads level and its tools stay with it: the
// heading, label and first line of text of every cell start at one height;
// the clause tools sit next to every cell, however short; a phone shows the
// tools in the same order, and at the same place, as a desktop; the view
// buttons are one height whatever the script of their label.
func TestSideBySideRowsReadLevelWithTheirTools(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	for lang, ui := range uiPrefix {
		t.Run(lang, func(t *testing.T) {
			orders := map[string]map[string]string{}
			for _, w := range []struct {
				name   string
				width  int64
				mobile bool
			}{{"desktop", 1280, false}, {"phone", 375, true}} {
				ctx := browser.Tab(t, w.width, 900, w.mobile)
				open(t, ctx, srv.URL+"/"+ui+initiative)
				// The copy buttons come from the script: wait for them.
				if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".clause-anchor + button") !== null`)); err != nil {
					t.Fatalf("%s: no copy button: %v", w.name, err)
				}
				if w.name == "desktop" {
					t.Logf("%s desktop: parts of a row's cells start at most %.2f px apart", lang, rowsLevel(t, ctx, lang, 1))
				}
				orders[w.name] = map[string]string{}
				for _, r := range evaluate[[]rowTools](t, ctx, toolsJS) {
					orders[w.name][r.Row] = r.Order
					if r.Gap > 24 {
						t.Errorf("%s, row %s: %.0f px between a cell and the clause tools", w.name, r.Row, r.Gap)
					}
				}
				heights := evaluate[[]float64](t, ctx, `[...document.querySelectorAll(".view-switcher a")].map(a => a.getBoundingClientRect().height)`)
				for _, h := range heights {
					if math.Abs(h-heights[0]) > 0.5 {
						t.Errorf("%s: view buttons are %v px high, want one height", w.name, heights)
						break
					}
				}
				browsertest.Screenshot(t, ctx, fmt.Sprintf("side-by-side-%d", w.width))
			}
			for _, id := range shippedClauses {
				if orders["desktop"][id] != orders["phone"][id] {
					t.Errorf("row %s: a desktop shows %s, a phone %s", id, orders["desktop"][id], orders["phone"][id])
				}
			}
			t.Logf("order of a row: %s", orders["phone"]["2"])
		})
	}
}

// grantClipboard lets the pages of origin read and write the clipboard, as
// a reader's browser does once they allow it.
func grantClipboard(t *testing.T, ctx context.Context, origin string) {
	t.Helper()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: origin,
		})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
}

// "Link copied" is said to screen readers, through a polite live region,
// and the button offers to copy again a few seconds later.
func TestLinkCopiedIsAnnouncedAndReverts(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	b := browsertest.New(t)
	ctx := b.Tab(t, 1280, 900, false)
	grantClipboard(t, ctx, srv.URL)
	open(t, ctx, srv.URL+"/en/"+initiative)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#\32  .clause-anchor + button`))); err != nil {
		t.Fatal(err)
	}
	clicked := time.Now()
	said, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
	  const live = [...document.querySelectorAll("[aria-live=polite], [role=status]")]
	    .filter(e => e.getAttribute("aria-live") !== "off" && e.textContent.trim());
	  return live.length ? live.map(e => e.textContent.trim()).join(" | ") : null })()`, chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatalf("nothing was said in a live region after copying: %v", err)
	}
	if said != "Link copied" {
		t.Errorf("the live region says %q, want \"Link copied\"", said)
	}
	clip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(clip, "/"+initiative+"#2") {
		t.Errorf("clipboard holds %q, want the link to clause 2", clip)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("#\\32  .clause-anchor + button").textContent === "Copy link"`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the button still says it copied 10 s later: %v", err)
	}
	if after := time.Since(clicked); after < time.Second {
		t.Errorf("\"Link copied\" went after %v: too soon to read", after)
	}
	if left := evaluate[string](t, ctx, `document.getElementById("copy-status").textContent`); left != "" {
		t.Errorf("the live region still says %q after the button reverted", left)
	}
	t.Logf("\"Link copied\" shown and announced for %v", time.Since(clicked).Round(100*time.Millisecond))
}

// clickWhereItIs clicks a link with the mouse where it is on screen, as a
// reader does, and waits for the page it opens. chromedp.Click would first
// scroll the link "into view", which for a sticky bar means scrolling the
// page back towards the top, and no reader's click does that. A link that
// is off screen, or covered, cannot be clicked and fails the test.
func clickWhereItIs(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	at := evaluate[[]float64](t, ctx, `(() => {
	  const e = document.querySelector(`+"`"+sel+"`"+`);
	  if (!e) return [];
	  const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
	  return e.contains(document.elementFromPoint(x, y)) ? [x, y] : [];
	})()`)
	if len(at) != 2 {
		t.Fatalf("%s is not on screen where a reader could click it", sel)
	}
	loaded := chromedp.Events(ctx, cdppage.LoadEventFired)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at[0], at[1])); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	for _, err := range loaded {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
}

// scrollToClause scrolls the page as a reader would land on a clause: its
// top just under what stays in view at the top, the end of the clause
// before it still peeking out above.
func scrollToClause(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	evaluate[bool](t, ctx, `document.getElementById("`+id+`").scrollIntoView({block: "start"}), true`)
}

// Switching language or view keeps the clause the reader is at: the
// top-most one in view (not the one above it, of which only a sliver
// shows), and none from the top of the page. Every link is clicked as a
// reader clicks it, where it is on screen.
func TestSwitchingLanguageOrViewKeepsTheClauseInView(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	ctx := browser.Tab(t, 1280, 900, false)
	type link struct{ from, sel, to string }
	var links []link
	for lang, ui := range uiPrefix {
		other := "en/"
		otherLocale := "en"
		if lang == "en" {
			other, otherLocale = "", "zh-Hans"
		}
		both, text := ui+initiative, ui+initiative+"text.html"
		links = append(links,
			link{both, `.language-switcher a[hreflang=` + otherLocale + `]`, "/" + other + initiative},
			link{text, `.language-switcher a[hreflang=` + otherLocale + `]`, "/" + other + initiative + "text.html"},
			link{both, `.view-switcher li:nth-child(2) a`, "/" + initiative + "text.html"},
			link{both, `.view-switcher li:nth-child(3) a`, "/en/" + initiative + "text.html"},
			link{text, `.view-switcher li:nth-child(1) a`, "/" + both},
		)
	}
	for _, l := range links {
		for _, scrolled := range []bool{true, false} {
			open(t, ctx, srv.URL+"/"+l.from)
			wantHash := ""
			if scrolled {
				scrollToClause(t, ctx, "2")
				wantHash = "#2"
			}
			clickWhereItIs(t, ctx, l.sel)
			got := evaluate[string](t, ctx, `location.pathname + location.hash`)
			if got != l.to+wantHash {
				t.Errorf("%s (scrolled to clause 2: %v): %s went to %s, want %s", l.from, scrolled, l.sel, got, l.to+wantHash)
				continue
			}
			if !scrolled {
				if y := evaluate[float64](t, ctx, `scrollY`); y != 0 {
					t.Errorf("%s: %s from the top of the page opened %s %.0f px down, want its top", l.from, l.sel, got, y)
				}
				continue
			}
			// Clause 2 is the one the reader sees at the top, under the bars.
			top := evaluate[float64](t, ctx, `(() => {
			  const covered = Math.max(...[...document.querySelectorAll(".site-header, .view-switcher")].map(e => e.getBoundingClientRect().bottom));
			  return document.getElementById("2").getBoundingClientRect().top - covered })()`)
			if top < 0 || top > 40 {
				t.Errorf("%s → %s: clause 2 starts %.0f px below the bars at the top, want it at the top of the view", l.from, got, top)
			}
		}
	}
}

// hiddenFocusJS says what covers the focused element, if anything: the
// header and view switcher stay in view at the top, and must not sit over
// the link the keyboard is on (WCAG 2.4.11). "" when the focus shows.
const hiddenFocusJS = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "none";
  const r = e.getBoundingClientRect();
  if (!r.width || !r.height) return "";
  const hit = document.elementFromPoint(r.left + r.width / 2, Math.max(0, r.top) + Math.min(r.height, 4) / 2);
  if (!hit || e.contains(hit) || hit.contains(e)) return "";
  const bar = hit.closest(".site-header, .view-switcher");
  return bar ? (e.textContent || e.localName).trim() + " under " + bar.className : "";
})()`

// The bars that stay in view never cover the element the keyboard is on:
// tabbing through a page scrolls each link clear of them.
func TestStickyBarsNeverHideTheFocus(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	for _, w := range []struct {
		width  int64
		mobile bool
	}{{1280, false}, {375, true}} {
		ctx := browser.Tab(t, w.width, 800, w.mobile)
		for _, p := range []string{"en/" + initiative, initiative + "text.html"} {
			open(t, ctx, srv.URL+"/"+p)
			// Forward from the top, then back up from the end: going back is
			// when a browser scrolls a link to the top edge, under the bars.
			for _, back := range []bool{false, true} {
				key := chromedp.KeyEvent("\t")
				if back {
					key = chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift))
				}
				stops := 0
				for ; stops < 200; stops++ {
					if err := chromedp.Do(ctx, key); err != nil {
						t.Fatal(err)
					}
					covered := evaluate[string](t, ctx, hiddenFocusJS)
					if covered == "none" {
						break
					}
					if covered != "" {
						t.Errorf("%d px, %s, Tab stop %d (back: %v): %s", w.width, p, stops+1, back, covered)
					}
				}
				if stops < 20 {
					t.Errorf("%d px, %s: only %d Tab stops (back: %v)", w.width, p, stops, back)
				}
			}
		}
	}
}

// On the UDHR in eight languages (testdata/udhr), as a reader picks one,
// two or three of them: at 1280 px each cell sits under its column's head
// and every part of a row's cells (heading, label, first line) starts level,
// however long each language's article; at 375 px the cells stack in the
// chosen order; Arabic cells read right to left beside the others.
func TestUDHRColumnsLineUpAndStackInEightLanguages(t *testing.T) {
	_, out := udhrEightLanguages(t)
	srv := browsertest.Serve(t, out, nil)
	browser := browsertest.New(t)
	for _, c := range []struct {
		page   string
		chosen []string
		// A Chinese provenance label beside a Latin one (the fixture's
		// Japanese interface text is a copy of English) makes a line box
		// 3.2 px taller, so the first lines of text are 3.2 px apart: a
		// defect reported, not fixed yet. Headings and labels stay level.
		textOffBy float64
	}{
		{"ja/", []string{"ar"}, 0},
		{"ja/", []string{"ja", "ar"}, 0},
		{"", []string{"zh-hans", "ja"}, 3.5},
		{"de/", []string{"ru", "ar", "de"}, 0},
		{"ar/", []string{"ar", "es", "fr"}, 0},
	} {
		for _, w := range []struct {
			width  int64
			mobile bool
		}{{1280, false}, {375, true}} {
			ctx := browser.Tab(t, w.width, 900, w.mobile)
			open(t, ctx, srv.URL+"/"+c.page+udhrInitiative+"?langs="+strings.Join(c.chosen, ","))
			v := shownColumns(t, ctx, len(c.chosen))
			where := fmt.Sprintf("/%s %v at %d px", c.page, c.chosen, w.width)
			checkColumnsOf(t, where, v, udhrClauses, c.chosen, w.width >= 720)
			if w.width >= 720 {
				t.Logf("%s: parts of a row's cells start at most %.2f px apart", where, rowsLevel(t, ctx, where, max(1, c.textOffBy)))
			}
			browsertest.Screenshot(t, ctx, fmt.Sprintf("udhr-%s-%d", strings.Join(c.chosen, "-"), w.width))
		}
	}
}
