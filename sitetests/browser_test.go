package sitetests

import (
	"context"
	"math"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// cellBox is where one clause cell sits on the rendered page.
type cellBox struct {
	Row     string  `json:"row"`
	Lang    string  `json:"lang"`
	Top     float64 `json:"top"`
	Bottom  float64 `json:"bottom"`
	Left    float64 `json:"left"`
	Visible bool    `json:"visible"`
}

const cellBoxesJS = `[...document.querySelectorAll(".clause-row > .cell")].map(c => {
  const r = c.getBoundingClientRect();
  return {row: c.parentElement.id, lang: c.lang, top: r.top + scrollY, bottom: r.bottom + scrollY,
          left: r.left, visible: r.width > 0 && r.height > 0};
})`

func cellBoxes(t *testing.T, ctx context.Context) map[string]map[string]cellBox {
	t.Helper()
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[[]cellBox](cellBoxesJS))
	if err != nil {
		t.Fatal(err)
	}
	byRow := map[string]map[string]cellBox{}
	for _, b := range boxes {
		if byRow[b.Row] == nil {
			byRow[b.Row] = map[string]cellBox{}
		}
		byRow[b.Row][b.Lang] = b
	}
	return byRow
}

func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
}

func TestSideBySideRowsAlignOnDesktopAndStackOnPhones(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	for lang, ui := range uiPrefix {
		url := srv.URL + "/" + ui + initiative
		t.Run("desktop/"+lang, func(t *testing.T) {
			ctx := browser.Tab(t, 1280, 900, false)
			open(t, ctx, url)
			rows := cellBoxes(t, ctx)
			if len(rows) != len(shippedClauses) {
				t.Fatalf("%d clause rows rendered, want %d", len(rows), len(shippedClauses))
			}
			for _, id := range shippedClauses {
				zh, en := rows[id]["zh-Hans"], rows[id]["en"]
				if !zh.Visible || !en.Visible {
					t.Errorf("row %s: a cell is not shown (zh %v, en %v)", id, zh.Visible, en.Visible)
				}
				if math.Abs(zh.Top-en.Top) > 1 {
					t.Errorf("row %s: zh starts at %.0f px, en at %.0f px: not aligned", id, zh.Top, en.Top)
				}
				if en.Left <= zh.Left {
					t.Errorf("row %s: en cell (x=%.0f) is not right of zh (x=%.0f)", id, en.Left, zh.Left)
				}
			}
			browsertest.Screenshot(t, ctx, "side-by-side-1280")
		})
		t.Run("phone/"+lang, func(t *testing.T) {
			ctx := browser.Tab(t, 375, 812, true)
			open(t, ctx, url)
			rows := cellBoxes(t, ctx)
			for _, id := range shippedClauses {
				zh, en := rows[id]["zh-Hans"], rows[id]["en"]
				if zh.Bottom > en.Top+0.5 {
					t.Errorf("row %s: zh ends at %.0f px, en starts at %.0f px: not stacked zh over en", id, zh.Bottom, en.Top)
				}
				if math.Abs(zh.Left-en.Left) > 1 {
					t.Errorf("row %s: zh at x=%.0f, en at x=%.0f: not one column", id, zh.Left, en.Left)
				}
			}
			width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if width > 375 {
				t.Errorf("page is %.0f px wide on a 375 px screen: it scrolls sideways", width)
			}
			browsertest.Screenshot(t, ctx, "side-by-side-375")
		})
	}
}

func TestViewToggleIsInTheURLAndSurvivesReload(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	ctx := browser.Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/"+initiative)

	shownLanguages := func() []string {
		t.Helper()
		var langs []string
		for _, row := range cellBoxes(t, ctx) {
			for lang, b := range row {
				if b.Visible && !containsString(langs, lang) {
					langs = append(langs, lang)
				}
			}
		}
		return langs
	}
	follow := func(linkText, wantPath string) {
		t.Helper()
		sel := `//nav[contains(@class,"view-switcher")]//a[normalize-space()="` + linkText + `"]`
		if err := browsertest.ClickAndWait(ctx, chromedp.Search(sel)); err != nil {
			t.Fatalf("click %q: %v", linkText, err)
		}
		if loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); loc != wantPath {
			t.Fatalf("after clicking %q the page is %s, want %s", linkText, loc, wantPath)
		}
	}

	follow("English", "/en/"+initiative+"text.html")
	if got := shownLanguages(); len(got) != 1 || got[0] != "en" {
		t.Fatalf("English view shows %v", got)
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if got := shownLanguages(); len(got) != 1 || got[0] != "en" {
		t.Fatalf("after reload the English view shows %v", got)
	}
	browsertest.Screenshot(t, ctx, "english-only")

	follow("中文", "/"+initiative+"text.html")
	if got := shownLanguages(); len(got) != 1 || got[0] != "zh-Hans" {
		t.Fatalf("Chinese view shows %v", got)
	}
	follow("对照", "/"+initiative)
	if got := shownLanguages(); len(got) != 2 {
		t.Fatalf("side-by-side view shows %v", got)
	}
}

func TestLanguageSwitcherKeepsTheClause(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	ctx := browser.Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/"+initiative+"text.html#2")
	clickWhereItIs(t, ctx, `.language-switcher a[hreflang=en]`)
	want := "/en/" + initiative + "text.html#2"
	if loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.hash`)); loc != want {
		t.Fatalf("switching language from clause 2 went to %s, want %s", loc, want)
	}
}

func TestCopyLinkButtonsAppearWithScript(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	ctx := browser.Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/en/"+initiative)
	labels, err := chromedp.Run(ctx, chromedp.Poll[[]string](
		`(() => { const b = [...document.querySelectorAll(".clause-anchor + button")]; return b.length ? b.map(x => x.textContent) : null })()`))
	if err != nil {
		t.Fatalf("no copy-link buttons: %v", err)
	}
	if len(labels) != len(shippedClauses) || labels[0] != "Copy link" {
		t.Errorf("copy buttons %v, want one \"Copy link\" per clause", labels)
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
