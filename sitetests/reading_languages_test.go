package sitetests

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// fourLanguageSite builds the shipped site plus French and Arabic added as
// an editor adds a language (testdata/reading/README.md): a hugo.toml
// language table, an i18n file and content files each, nothing else.
func fourLanguageSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.OpenFile(filepath.Join(site, "hugo.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.Write(readFile(t, filepath.Join(languagesFixture, "languages.toml")))
	if cerr := cfg.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	writeFixtureI18n(t, site, "fr", "ar")
	clauseFront := regexp.MustCompile(`(?m)^(number|weight) = .*$`)
	err = filepath.WalkDir(filepath.Join(site, "content"), func(path string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".en.md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		base := strings.TrimSuffix(path, ".en.md")
		if err := os.WriteFile(base+".fr.md", data, 0o644); err != nil {
			return err
		}
		text := string(data)
		if clause, _ := filepath.Match(filepath.Join(site, "content", "initiatives", "*", "*.en.md"), path); clause && !strings.HasPrefix(d.Name(), "_index") {
			front := strings.Join(clauseFront.FindAllString(text, -1), "\n")
			text = "+++\ntitle = \"" + arabicHeading + "\"\n" + front + "\n\n[provenance]\nstatus = \"translation\"\nfrom = \"en\"\n+++\n\n" + arabicText + "\n"
		}
		return os.WriteFile(base+".ar.md", []byte(text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := hugobuild.Build(t.Context(), site, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// columnsJS gives what the reader sees of the side-by-side page: the
// column heads and, for each row, its shown cells, each with its box and
// the top of its heading, in document order.
const columnsJS = `(() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY}; };
  const shown = (e) => e.getClientRects().length > 0;
  return {
    busy: document.querySelector(".side-by-side").getAttribute("aria-busy") === "true",
    url: location.search + location.hash,
    heads: [...document.querySelectorAll(".columns-head > span")].map(s => ({lang: s.dataset.lang, dir: s.dir, box: box(s)})),
    titles: [...document.querySelectorAll(".initiative-header .other-title")].filter(shown).map(p => p.dataset.lang),
    rows: [...document.querySelectorAll(".side-by-side .clause-row")].map(row => ({
      id: row.id,
      cells: [...row.querySelectorAll(":scope > .cell")].filter(shown).map(c => ({
        lang: c.dataset.lang, dir: c.dir, direction: getComputedStyle(c).direction, box: box(c),
        heading: box(c.querySelector(".clause-heading, .clause-missing")).top,
      })),
    })),
  };
})()`

type placed struct {
	Left, Right, Top, Bottom float64
}

type columnsView struct {
	Busy  bool   `json:"busy"`
	URL   string `json:"url"`
	Heads []struct {
		Lang string `json:"lang"`
		Dir  string `json:"dir"`
		Box  placed `json:"box"`
	} `json:"heads"`
	Titles []string `json:"titles"`
	Rows   []struct {
		ID    string `json:"id"`
		Cells []struct {
			Lang      string  `json:"lang"`
			Dir       string  `json:"dir"`
			Direction string  `json:"direction"`
			Box       placed  `json:"box"`
			Heading   float64 `json:"heading"`
		} `json:"cells"`
	} `json:"rows"`
}

// shownColumns waits until the script has shown the chosen languages and
// returns the page as the reader sees it.
func shownColumns(t *testing.T, ctx context.Context, n int) columnsView {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`!document.querySelector(".languages-form").hidden && document.querySelector(".side-by-side").getAttribute("aria-busy") !== "true" && document.querySelectorAll(".columns-head > span").length === %d`, n))); err != nil {
		t.Fatalf("the page never showed %d languages: %v", n, err)
	}
	return evaluate[columnsView](t, ctx, columnsJS)
}

var rtlKeys = map[string]bool{"ar": true}

// checkColumns says where the page differs from the chosen languages, in
// order, each cell under its head (wide) or stacked in that order (narrow),
// the cells of a row level, each with its language's direction.
func checkColumns(t *testing.T, where string, v columnsView, chosen []string, wide bool) {
	t.Helper()
	checkColumnsOf(t, where, v, shippedClauses, chosen, wide)
}

// checkColumnsOf is checkColumns on the initiative of these clauses.
func checkColumnsOf(t *testing.T, where string, v columnsView, clauses, chosen []string, wide bool) {
	t.Helper()
	if len(v.Rows) != len(clauses) {
		t.Fatalf("%s: %d rows, want %d", where, len(v.Rows), len(clauses))
	}
	var heads []string
	for _, h := range v.Heads {
		heads = append(heads, h.Lang)
	}
	if strings.Join(heads, ",") != strings.Join(chosen, ",") {
		t.Errorf("%s: column heads %v, want %v", where, heads, chosen)
	}
	for _, row := range v.Rows {
		var langs []string
		for i, c := range row.Cells {
			langs = append(langs, c.Lang)
			want := map[bool]string{true: "rtl", false: "ltr"}[rtlKeys[c.Lang]]
			if c.Dir != want || c.Direction != want {
				t.Errorf("%s, row %s: the %s cell has dir=%q and runs %s, want %s", where, row.ID, c.Lang, c.Dir, c.Direction, want)
			}
			if wide {
				if i < len(v.Heads) {
					h := v.Heads[i].Box
					// One column keeps its text measure: it starts under the
					// head and ends within it.
					off := math.Abs(c.Box.Right - h.Right)
					if len(chosen) == 1 {
						off = math.Max(0, c.Box.Right-h.Right)
					}
					if math.Abs(c.Box.Left-h.Left) > 1 || off > 1 {
						t.Errorf("%s, row %s: the %s cell spans %.0f–%.0f px, its head %q %.0f–%.0f px", where, row.ID, c.Lang, c.Box.Left, c.Box.Right, v.Heads[i].Lang, h.Left, h.Right)
					}
				}
				if math.Abs(c.Heading-row.Cells[0].Heading) > 1 {
					t.Errorf("%s, row %s: the %s heading starts %.1f px from the %s one", where, row.ID, c.Lang, c.Heading-row.Cells[0].Heading, row.Cells[0].Lang)
				}
			} else if i > 0 && c.Box.Top < row.Cells[i-1].Box.Bottom {
				t.Errorf("%s, row %s: the %s cell starts before the %s one above it ends", where, row.ID, c.Lang, row.Cells[i-1].Lang)
			}
		}
		if strings.Join(langs, ",") != strings.Join(chosen, ",") {
			t.Errorf("%s, row %s: cells %v, want %v", where, row.ID, langs, chosen)
		}
	}
}

// A reader picks one, two or three of four languages, in any order: each
// cell sits under its language's head at 1280 px and the cells stack in
// that order at 375 px; the choice is the address, survives a reload and
// keeps the clause anchor; Arabic reads right to left wherever it is.
func TestReadersChooseTheLanguagesSideBySide(t *testing.T) {
	out := fourLanguageSite(t)
	srv := browsertest.Serve(t, out, nil)
	browser := browsertest.New(t)
	base := srv.URL + "/en/" + initiative
	for _, chosen := range [][]string{{"fr"}, {"zh-hans", "en"}, {"ar", "fr", "zh-hans"}} {
		for _, w := range []struct {
			width  int64
			mobile bool
		}{{1280, false}, {375, true}} {
			ctx := browser.Tab(t, w.width, 900, w.mobile)
			open(t, ctx, base+"?langs="+strings.Join(chosen, ","))
			v := shownColumns(t, ctx, len(chosen))
			where := fmt.Sprintf("%v at %d px", chosen, w.width)
			checkColumns(t, where, v, chosen, w.width >= 720)
			var titles []string
			for _, k := range chosen {
				if k != "en" {
					titles = append(titles, k)
				}
			}
			if strings.Join(v.Titles, ",") != strings.Join(titles, ",") {
				t.Errorf("%s: the header shows the titles in %v besides English, want %v", where, v.Titles, titles)
			}
			browsertest.Screenshot(t, ctx, fmt.Sprintf("languages-%s-%d", strings.Join(chosen, "-"), w.width))
		}
	}

	t.Run("choice survives reload and keeps the anchor", func(t *testing.T) {
		ctx := browser.Tab(t, 1280, 900, false)
		open(t, ctx, base+"?langs=ar,fr#2")
		shownColumns(t, ctx, 2)
		// The reader adds English as the third column.
		evaluate[bool](t, ctx, `(() => { const s = document.querySelector("select[name=column-3]"); s.value = "en"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
		v := shownColumns(t, ctx, 3)
		if v.URL != "?langs=ar,fr,en#2" {
			t.Errorf("after choosing, the address ends %q, want ?langs=ar,fr,en#2", v.URL)
		}
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		v = shownColumns(t, ctx, 3)
		checkColumns(t, "after reload", v, []string{"ar", "fr", "en"}, true)
		top := evaluate[float64](t, ctx, `(() => {
		  const covered = Math.max(...[...document.querySelectorAll(".site-header, .view-switcher")].map(e => e.getBoundingClientRect().bottom));
		  return document.getElementById("2").getBoundingClientRect().top - covered })()`)
		if top < -1 || top > 40 {
			t.Errorf("after reload clause 2 starts %.0f px below the bars, want it at the top of the view", top)
		}
	})

	t.Run("nonsense in the address falls back to the page's pair", func(t *testing.T) {
		ctx := browser.Tab(t, 1280, 900, false)
		open(t, ctx, base+"?langs=xx,%3Cb%3E,,en,en")
		checkColumns(t, "?langs=xx,<b>,,en,en", shownColumns(t, ctx, 1), []string{"en"}, true)
		open(t, ctx, base+"?langs=zz")
		checkColumns(t, "?langs=zz", shownColumns(t, ctx, 2), []string{"zh-hans", "en"}, true)
	})

	t.Run("Arabic pages and the Arabic beside others read right to left", func(t *testing.T) {
		ctx := browser.Tab(t, 1280, 900, false)
		open(t, ctx, srv.URL+"/ar/"+initiative)
		v := shownColumns(t, ctx, 2)
		checkColumns(t, "the Arabic page", v, []string{"zh-hans", "ar"}, true)
		if d := evaluate[string](t, ctx, `document.documentElement.dir`); d != "rtl" {
			t.Errorf("the Arabic page has dir=%q", d)
		}
		for _, h := range v.Heads {
			if want := map[bool]string{true: "rtl", false: "ltr"}[rtlKeys[h.Lang]]; h.Dir != want {
				t.Errorf("the Arabic page: the %s head has dir=%q, want %s", h.Lang, h.Dir, want)
			}
		}
		browsertest.Screenshot(t, ctx, "languages-arabic-page")
		// Arabic labels on a left-to-right page read right to left too.
		for _, sel := range []string{".view-switcher a[hreflang=ar]", ".language-pairs a[hreflang=ar]", ".language-switcher a[hreflang=ar]"} {
			if n := page(t, out, "en/"+initiative+"index.html").Find(sel + "[dir=rtl]").Length(); n != 1 {
				t.Errorf("the English page: %s has no dir=rtl", sel)
			}
		}
		for _, file := range []string{"en/" + initiative + "2/index.html", initiative + "2/index.html"} {
			link := page(t, out, file).Find(".clause-languages a[hreflang=ar]")
			if link.Length() != 1 || link.AttrOr("dir", "") != "rtl" {
				t.Errorf("%s: the link to the Arabic clause has dir=%q, want rtl", file, link.AttrOr("dir", ""))
			}
		}
		if cell := page(t, out, "ar/"+initiative+"2/index.html").Find(".clause-row .cell"); cell.AttrOr("dir", "") != "rtl" {
			t.Errorf("the Arabic clause page: its own text has dir=%q, want rtl", cell.AttrOr("dir", ""))
		}
	})
}

// A clause page shows its own language and one companion, the one the
// side-by-side page pairs it with (the source language; on the source's
// page the next language), and links the clause in every other language,
// each named in itself with its lang, hreflang and dir: with four languages
// a page holds two texts, not four, so the site's cost grows with its
// languages rather than their square (issue 11).
func TestClausePageShowsOneCompanionAndLinksTheOthers(t *testing.T) {
	out := fourLanguageSite(t)
	type link struct{ lang, dir, href, text string }
	for _, c := range []struct {
		prefix, own, companion string
		links                  []link
	}{
		{"", "zh-Hans", "en", []link{{"fr", "ltr", "/fr/" + initiative + "2/", "Français"}, {"ar", "rtl", "/ar/" + initiative + "2/", "العربية"}}},
		{"en/", "en", "zh-Hans", []link{{"fr", "ltr", "/fr/" + initiative + "2/", "Français"}, {"ar", "rtl", "/ar/" + initiative + "2/", "العربية"}}},
		{"ar/", "ar", "zh-Hans", []link{{"en", "ltr", "/en/" + initiative + "2/", "English"}, {"fr", "ltr", "/fr/" + initiative + "2/", "Français"}}},
	} {
		file := c.prefix + initiative + "2/index.html"
		doc := page(t, out, file)
		if own := doc.Find(".clause-row .cell"); own.Length() != 1 || own.AttrOr("lang", "") != c.own {
			t.Errorf("%s: the clause's own text is in %q (%d), want %s", file, own.AttrOr("lang", ""), own.Length(), c.own)
		}
		cells := doc.Find(".other-languages .cell")
		if cells.Length() != 1 || cells.AttrOr("lang", "") != c.companion {
			t.Errorf("%s: %d other texts shown, the first in %q; want only the %s one", file, cells.Length(), cells.AttrOr("lang", ""), c.companion)
		}
		var got []link
		doc.Find(".other-languages .clause-languages li a").Each(func(_ int, a *goquery.Selection) {
			if a.AttrOr("lang", "") != a.AttrOr("hreflang", "-") {
				t.Errorf("%s: link %q has lang %q but hreflang %q", file, a.Text(), a.AttrOr("lang", ""), a.AttrOr("hreflang", ""))
			}
			got = append(got, link{a.AttrOr("lang", ""), a.AttrOr("dir", ""), a.AttrOr("href", ""), strings.TrimSpace(a.Text())})
		})
		if fmt.Sprint(got) != fmt.Sprint(c.links) {
			t.Errorf("%s: links to the other languages\n got %v\nwant %v", file, got, c.links)
		}
		if side := doc.Find(".clause-languages a[href$='#2']"); side.Length() != 1 {
			t.Errorf("%s: no link to the clause on the side-by-side page, where more languages can be chosen", file)
		}
	}
}

// Without script each language's side-by-side page shows it beside the
// source language (the source's own page: beside the next language), and
// links the page's language beside each other one.
func TestWithoutScriptTheSideBySidePageShowsThePagesPair(t *testing.T) {
	out := fourLanguageSite(t)
	for _, c := range []struct {
		prefix string
		want   string
	}{{"", "zh-hans,en"}, {"en/", "zh-hans,en"}, {"fr/", "zh-hans,fr"}, {"ar/", "zh-hans,ar"}} {
		doc := page(t, out, c.prefix+initiative+"index.html")
		// The page holds two columns, not four: its size does not grow with
		// the languages (the budget is 30 KB gzip, qualitygates).
		var z bytes.Buffer
		w := gzip.NewWriter(&z)
		w.Write(readFile(t, filepath.Join(out, c.prefix+initiative+"index.html")))
		w.Close()
		t.Logf("/%s%s: %.1f KB gzip", c.prefix, initiative, float64(z.Len())/1024)
		if z.Len() > 30*1024 {
			t.Errorf("/%s%s: %d bytes gzip, over 30 KB", c.prefix, initiative, z.Len())
		}
		var heads []string
		doc.Find(".columns-head > span").Each(func(_ int, s *goquery.Selection) { heads = append(heads, s.AttrOr("data-lang", "")) })
		if got := strings.Join(heads, ","); got != c.want {
			t.Errorf("/%s%s: columns %s, want %s", c.prefix, initiative, got, c.want)
		}
		if n := doc.Find(".side-by-side .cell").Length(); n != 2*len(shippedClauses) {
			t.Errorf("/%s%s: %d cells, want %d", c.prefix, initiative, n, 2*len(shippedClauses))
		}
		if n := doc.Find(".other-title").Length(); n != 1 {
			t.Errorf("/%s%s: %d other titles, want 1", c.prefix, initiative, n)
		}
		links := doc.Find(".language-pairs a")
		if links.Length() != 3 {
			t.Errorf("/%s%s: %d pair links, want 3", c.prefix, initiative, links.Length())
		}
		links.Each(func(_ int, a *goquery.Selection) {
			if a.AttrOr("lang", "") == "" || a.AttrOr("hreflang", "") != a.AttrOr("lang", "") {
				t.Errorf("/%s%s: pair link %q has lang=%q hreflang=%q", c.prefix, initiative, a.Text(), a.AttrOr("lang", ""), a.AttrOr("hreflang", ""))
			}
		})
	}
}

// With four languages the language switcher folds into a menu that names
// the current language; every language is named in itself with lang,
// hreflang and dir, the current one marked; opened, every link is on
// screen, and following one keeps the languages side by side and the clause.
func TestLanguageSwitcherFoldsForManyLanguages(t *testing.T) {
	out := fourLanguageSite(t)
	for _, file := range []string{"en/" + initiative + "index.html", "ar/" + initiative + "text.html"} {
		doc := page(t, out, file)
		nav := doc.Find(".site-header .language-switcher")
		if nav.Find("details summary").Length() != 1 {
			t.Errorf("%s: four languages and no folded menu", file)
		}
		links := nav.Find("a")
		if links.Length() != 4 {
			t.Errorf("%s: %d languages in the switcher, want 4", file, links.Length())
		}
		current := 0
		links.Each(func(_ int, a *goquery.Selection) {
			lang := a.AttrOr("lang", "")
			if lang == "" || a.AttrOr("hreflang", "") != lang {
				t.Errorf("%s: %q has lang=%q hreflang=%q", file, a.Text(), lang, a.AttrOr("hreflang", ""))
			}
			if want := map[bool]string{true: "rtl", false: "ltr"}[lang == "ar"]; a.AttrOr("dir", "") != want {
				t.Errorf("%s: %q has dir=%q, want %s", file, a.Text(), a.AttrOr("dir", ""), want)
			}
			if a.AttrOr("aria-current", "") == "page" {
				current++
			}
		})
		if current != 1 {
			t.Errorf("%s: %d languages marked current, want 1", file, current)
		}
	}
	// Two languages stay a line of links, the current one marked.
	nav := page(t, public, "en/"+initiative+"index.html").Find(".language-switcher")
	if nav.Find("details").Length() != 0 || nav.Find("a[aria-current=page][hreflang=en]").Length() != 1 || nav.Find("a").Length() != 2 {
		t.Errorf("two languages: the switcher is not a line of two links with English marked current")
	}

	srv := browsertest.Serve(t, out, nil)
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/en/"+initiative+"?langs=ar,fr")
	shownColumns(t, ctx, 2)
	scrollToClause(t, ctx, "2")
	// Opened where it is (chromedp.Click would scroll the page to it).
	evaluate[bool](t, ctx, `document.querySelector(".language-menu summary").click(), true`)
	browsertest.Screenshot(t, ctx, "language-menu-open")
	clickWhereItIs(t, ctx, `.language-menu a[hreflang=zh-Hans]`)
	if got := evaluate[string](t, ctx, `location.pathname + location.search + location.hash`); got != "/"+initiative+"?langs=ar,fr#2" {
		t.Errorf("the Chinese link from the English page with Arabic and French side by side went to %s", got)
	}
	checkColumns(t, "the Chinese page after switching", shownColumns(t, ctx, 2), []string{"ar", "fr"}, true)
}

// On a phone the header with the folded menu stays within the space the
// page keeps clear under it (scroll-padding-top), so an anchored clause or
// the focused link never sits under it, in every language.
func TestFoldedLanguageMenuKeepsThePhoneHeaderShort(t *testing.T) {
	out := fourLanguageSite(t)
	srv := browsertest.Serve(t, out, nil)
	ctx := browsertest.New(t).Tab(t, 375, 800, true)
	for _, prefix := range []string{"", "en/", "fr/", "ar/"} {
		open(t, ctx, srv.URL+"/"+prefix+initiative+"text.html")
		got := evaluate[[]float64](t, ctx, `[document.querySelector(".site-header").getBoundingClientRect().height, parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop)]`)
		t.Logf("/%s: header %.0f px high, %.0f px kept clear", prefix, got[0], got[1])
		if got[0] > got[1] {
			t.Errorf("/%s%stext.html at 375 px: the header is %.0f px high, more than the %.0f px kept clear under it", prefix, initiative, got[0], got[1])
		}
	}
}
