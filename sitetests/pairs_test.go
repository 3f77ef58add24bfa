package sitetests

import (
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// The UDHR in four languages (the shipped two, French and German; its
// source is English), its editors listing French beside German, a pair of
// two languages neither of which is the source, and English beside French,
// which the French page already holds.
var (
	pairsLanguages = []string{"fr", "de"}
	pairsListing   = `pairs = [["fr", "de"], ["en", "fr"]]`
	pairPages      = []string{"fr/" + udhrInitiative + "pair/fr-de/index.html", "de/" + udhrInitiative + "pair/fr-de/index.html"}
)

var (
	pairsOnce                  sync.Once
	pairsListed, pairsUnlisted string
	pairsErr                   error
)

// pairsSites builds the four-language UDHR site twice, once per test
// binary: with the editors' pairs listed in the French _index file, and
// without.
func pairsSites(t *testing.T) (listed, unlisted string) {
	t.Helper()
	pairsOnce.Do(func() {
		dir, err := os.MkdirTemp(filepath.Dir(public), "pairs-")
		if err != nil {
			pairsErr = err
			return
		}
		build := func(name, listing string) string {
			site := udhrSite(t, filepath.Join(dir, name), pairsLanguages)
			if listing != "" {
				index := filepath.Join(site, "content", udhrInitiative, "_index.fr.md")
				data := strings.Replace(string(readFile(t, index)), "+++\n", "+++\n"+listing+"\n", 1)
				if err := os.WriteFile(index, []byte(data), 0o644); err != nil {
					pairsErr = err
					return ""
				}
			}
			out := filepath.Join(dir, name, "public")
			if err := hugobuild.Build(t.Context(), site, out); err != nil && pairsErr == nil {
				pairsErr = err
			}
			return out
		}
		pairsListed = build("listed", pairsListing)
		pairsUnlisted = build("unlisted", "")
	})
	if pairsErr != nil {
		t.Fatal(pairsErr)
	}
	return pairsListed, pairsUnlisted
}

// hrefOf is the address a link leads to, its query unescaped.
func hrefOf(a *goquery.Selection) string {
	href, err := url.QueryUnescape(a.AttrOr("href", ""))
	if err != nil {
		return a.AttrOr("href", "")
	}
	return href
}

// htmlPages lists the HTML files of a built site, as slash paths.
func htmlPages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		pages = append(pages, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// Listing a pair adds its page in each of its two languages and nothing
// else; listing a pair with the source adds nothing: the source beside
// each language is that language's own side-by-side page.
func TestListedPairsAddTwoPagesEach(t *testing.T) {
	listed, unlisted := pairsSites(t)
	with, without := htmlPages(t, listed), htmlPages(t, unlisted)
	var added, removed []string
	for _, p := range with {
		if !slices.Contains(without, p) {
			added = append(added, p)
		}
	}
	for _, p := range without {
		if !slices.Contains(with, p) {
			removed = append(removed, p)
		}
	}
	t.Logf("%d HTML pages without the listing, %d with", len(without), len(with))
	if !slices.Equal(slices.Sorted(slices.Values(added)), slices.Sorted(slices.Values(pairPages))) || len(removed) != 0 {
		t.Errorf("listing %s added %v and removed %v, want it to add %v only", pairsListing, added, removed, pairPages)
	}
}

// Without script, French beside German is reachable from the French and
// the German pages; its page shows both languages' cells under their
// heads, the title in the other language, and says what it is to search
// engines: itself as canonical, the same pair in French and German as its
// alternates. A pair nobody listed still leads somewhere, and says why.
func TestListedPairWithoutScript(t *testing.T) {
	listed, _ := pairsSites(t)
	const site = "https://concord.example.org/"
	for _, c := range []struct{ here, other, otherName string }{{"fr", "de", "Deutsch"}, {"de", "fr", "Français"}} {
		pairURL := "/" + c.here + "/" + udhrInitiative + "pair/fr-de/"
		from := page(t, listed, c.here+"/"+udhrInitiative+"index.html")
		link := from.Find(".language-pairs a[hreflang=" + c.other + "]")
		if href := hrefOf(link); href != pairURL+"?langs="+c.here+","+c.other {
			t.Errorf("the %s side-by-side page links %s to %q, want its pair page %s", c.here, c.otherName, href, pairURL)
		}
		file := c.here + "/" + udhrInitiative + "pair/fr-de/index.html"
		doc := page(t, listed, file)
		if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != site+strings.TrimPrefix(pairURL, "/") {
			t.Errorf("%s: canonical %q, want %s", file, got, site+strings.TrimPrefix(pairURL, "/"))
		}
		alternates := map[string]string{}
		doc.Find(`link[rel=alternate][hreflang]`).Each(func(_ int, l *goquery.Selection) {
			alternates[l.AttrOr("hreflang", "")] = l.AttrOr("href", "")
		})
		want := map[string]string{"fr": site + "fr/" + udhrInitiative + "pair/fr-de/", "de": site + "de/" + udhrInitiative + "pair/fr-de/"}
		if len(alternates) != len(want) || alternates["fr"] != want["fr"] || alternates["de"] != want["de"] {
			t.Errorf("%s: alternates %v, want %v", file, alternates, want)
		}
		if cur := doc.Find(".language-pairs a[aria-current=page]"); cur.AttrOr("hreflang", "") != c.other {
			t.Errorf("%s: the pair link marked current is %q, want %s", file, cur.AttrOr("hreflang", ""), c.other)
		}
		// English is the source: the page's own side-by-side page holds it.
		if href := hrefOf(doc.Find(".language-pairs a[hreflang=en]")); href != "/"+c.here+"/"+udhrInitiative+"?langs="+c.here+",en" {
			t.Errorf("%s: the English pair link goes to %q, want the %s side-by-side page", file, href, c.here)
		}
		// Chinese beside French is not listed: the link goes to the Chinese
		// page (Chinese beside the source), and a note says so.
		if href := hrefOf(doc.Find(".language-pairs a[hreflang=zh-Hans]")); href != "/"+udhrInitiative+"?langs="+c.here+",zh-hans" {
			t.Errorf("%s: the Chinese pair link goes to %q, want the Chinese side-by-side page", file, href)
		}
		html := string(readFile(t, filepath.Join(listed, file)))
		chinese := doc.Find(`option[value=zh-hans]`).First().AttrOr("data-name", "")
		if note := regexp.MustCompile(`<noscript><p class=language-pairs-note>([^<]*)</p></noscript>`).FindStringSubmatch(html); chinese == "" || note == nil || !strings.Contains(note[1], "beside the original text instead: "+chinese+".") {
			t.Errorf("%s: no note without script that Chinese opens beside the source (%q)", file, note)
		}
		if titles := doc.Find(".other-title"); titles.Length() != 1 || titles.AttrOr("data-lang", "") != c.other {
			t.Errorf("%s: other titles %d (%s), want the %s one only", file, titles.Length(), titles.AttrOr("data-lang", ""), c.other)
		}
	}

	srv := browsertest.Serve(t, listed, nil)
	browser := browsertest.New(t)
	for _, w := range []struct {
		width  int64
		mobile bool
	}{{1280, false}, {375, true}} {
		ctx := browser.Tab(t, w.width, 900, w.mobile)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, srv.URL+"/fr/"+udhrInitiative)
		if err := browsertest.ClickAndWait(ctx, ".language-pairs a[hreflang=de]"); err != nil {
			t.Fatal(err)
		}
		v := evaluate[columnsView](t, ctx, columnsJS)
		if !strings.HasPrefix(evaluate[string](t, ctx, `location.pathname`), "/fr/"+udhrInitiative+"pair/fr-de/") {
			t.Errorf("at %d px the German link led to %s, want the pair page", w.width, evaluate[string](t, ctx, `location.pathname`))
		}
		checkColumnsOf(t, "French beside German without script", v, udhrClauses, []string{"fr", "de"}, w.width >= 720)
	}
}

// With script the pair page takes the reader's ?langs= choice like any
// side-by-side page, fetching the languages it does not hold.
func TestListedPairPageTakesTheReadersChoice(t *testing.T) {
	listed, _ := pairsSites(t)
	srv := browsertest.Serve(t, listed, nil)
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/fr/"+udhrInitiative+"pair/fr-de/?langs=de,zh-hans,en")
	checkColumnsOf(t, "the pair page with ?langs=de,zh-hans,en", shownColumns(t, ctx, 3), udhrClauses, []string{"de", "zh-hans", "en"}, true)
}

// A pair's page exists in its two languages only, yet its language
// switcher offers every language: the pair's own page in French and
// German, and in English and Chinese their side-by-side page with the same
// pair (?langs=fr,de), so changing the interface language keeps what the
// reader compares. With script, a choice made on the page goes along.
func TestListedPairPageSwitcherOffersEveryLanguage(t *testing.T) {
	listed, _ := pairsSites(t)
	want := map[string]string{
		"fr":      "/fr/" + udhrInitiative + "pair/fr-de/",
		"de":      "/de/" + udhrInitiative + "pair/fr-de/",
		"en":      "/en/" + udhrInitiative + "?langs=fr,de",
		"zh-Hans": "/" + udhrInitiative + "?langs=fr,de",
	}
	for _, file := range pairPages {
		doc := page(t, listed, file)
		got := map[string]string{}
		doc.Find(".language-switcher a[hreflang]").Each(func(_ int, a *goquery.Selection) {
			got[a.AttrOr("hreflang", "")] = hrefOf(a)
		})
		if !maps.Equal(got, want) {
			t.Errorf("%s: the language switcher offers %v, want %v", file, got, want)
		}
		here := strings.SplitN(file, "/", 2)[0]
		if cur := doc.Find(".language-switcher a[aria-current=page]"); cur.Length() != 1 || cur.AttrOr("hreflang", "") != here {
			t.Errorf("%s: %d switcher links marked current (%q), want the %s one", file, cur.Length(), cur.AttrOr("hreflang", ""), here)
		}
	}

	srv := browsertest.Serve(t, listed, nil)
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	for _, c := range []struct{ from, search string }{
		{"", "?langs=fr,de"},
		{"?langs=de,fr,en", "?langs=de,fr,en"},
	} {
		open(t, ctx, srv.URL+"/fr/"+udhrInitiative+"pair/fr-de/"+c.from)
		// Four languages fold into the switcher's menu.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.language-menu > summary`))); err != nil {
			t.Fatal(err)
		}
		if err := browsertest.ClickAndWait(ctx, `.language-switcher a[hreflang=en]`); err != nil {
			t.Fatal(err)
		}
		loc := evaluate[string](t, ctx, `location.pathname + decodeURIComponent(location.search)`)
		if loc != "/en/"+udhrInitiative+c.search {
			t.Errorf("English from the French pair page%s led to %s, want /en/%s%s", c.from, loc, udhrInitiative, c.search)
		}
		langs := strings.Split(strings.TrimPrefix(c.search, "?langs="), ",")
		checkColumnsOf(t, "English from the pair page"+c.from, shownColumns(t, ctx, len(langs)), udhrClauses, langs, true)
	}
}

// printedPairs lists the side-by-side PDFs a print build of the tea-house
// pledge names, as "<left>-<right>".
func printedPairs(t *testing.T, site string) ([]string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "print")
	if err := hugobuild.Build(t.Context(), site, out, "--environment", "print"); err != nil {
		return nil, err
	}
	var got []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), "print-") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if pdf := page(t, out, rel).Find(`meta[name="concord-pdf"]`).AttrOr("content", ""); strings.HasPrefix(pdf, teaDir) {
			got = append(got, strings.TrimSuffix(strings.TrimPrefix(pdf, teaDir+"tea-house-pledge-"), ".pdf"))
		}
		return nil
	})
	slices.Sort(got)
	return got, err
}

// `pairs` chooses the PDFs as its older name `pdfPairs` did; the two
// names in one file with different lists stop the build, naming both.
func TestPairsChoosesThePDFsAsPdfPairsDid(t *testing.T) {
	site := languagesSite(t, t.TempDir())
	index := filepath.Join(site, "content", "initiatives", "tea-house-pledge", "_index.ar.md")
	old := string(readFile(t, index))
	if !strings.Contains(old, "\npdfPairs = ") {
		t.Fatalf("%s lists no pdfPairs", index)
	}
	if err := os.WriteFile(index, []byte(strings.Replace(old, "\npdfPairs = ", "\npairs = ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := printedPairs(t, site)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ar-fr", "en-ar", "zh-hans-en"}; !slices.Equal(got, want) {
		t.Errorf("with pairs: side-by-side PDFs %v, want %v", got, want)
	}
	both := strings.Replace(old, "\npdfPairs = ", "\npairs = [[\"en\", \"fr\"]]\npdfPairs = ", 1)
	if err := os.WriteFile(index, []byte(both), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := printedPairs(t, site); err == nil || !strings.Contains(err.Error(), "_index.ar.md: pairs is") || !strings.Contains(err.Error(), "pdfPairs, its older name") {
		t.Errorf("pairs and pdfPairs disagreeing: %v, want an error naming the file and both keys", err)
	}
}

// The adapter reads the _index front matter itself, so hostile text there
// must not break it: a title holding "+++" (the front matter's own fence),
// quotes and markup, in the file that lists the pair. The pair page is
// still made, and its title is the text, escaped.
func TestListedPairWithHostileTitle(t *testing.T) {
	site := udhrSite(t, t.TempDir(), pairsLanguages)
	index := filepath.Join(site, "content", udhrInitiative, "_index.fr.md")
	const title = `Déclaration +++ "universelle" <script>alert(1)</script> & +++`
	data := string(readFile(t, index))
	data = regexp.MustCompile(`(?m)^title = .*$`).ReplaceAllLiteralString(data, "title = '"+title+"'")
	data = strings.Replace(data, "+++\n", "+++\n"+pairsListing+"\n", 1)
	if err := os.WriteFile(index, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := hugobuild.Build(t.Context(), site, out); err != nil {
		t.Fatal(err)
	}
	doc := page(t, out, "fr/"+udhrInitiative+"pair/fr-de/index.html")
	if got := doc.Find("h1").First().Text(); !strings.Contains(got, title) {
		t.Errorf("the pair page's heading is %q, want it to hold %q", got, title)
	}
	if doc.Find("script:not([src]):not([type])").FilterFunction(func(_ int, s *goquery.Selection) bool { return strings.Contains(s.Text(), "alert(1)") }).Length() > 0 {
		t.Error("the title's <script> runs on the pair page")
	}
}
