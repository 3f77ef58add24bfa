package sitetests

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

const initiative = "initiatives/live-streaming-2020/"

var shippedClauses = []string{"preamble", "1", "2", "3", "closing"}

// uiPrefix is where each interface language's pages live.
var uiPrefix = map[string]string{"zh-hans": "", "en": "en/"}

func TestSideBySideHasEveryClauseInBothLanguagesInOrder(t *testing.T) {
	for lang, prefix := range uiPrefix {
		t.Run(lang, func(t *testing.T) {
			doc := page(t, public, prefix+initiative+"index.html")
			rows := doc.Find(".side-by-side > section.clause-row")
			if got := attrs(doc, ".side-by-side > section.clause-row", "id"); !slices.Equal(got, shippedClauses) {
				t.Fatalf("clause rows = %v, want %v", got, shippedClauses)
			}
			rows.Each(func(_ int, row *goquery.Selection) {
				id := row.AttrOr("id", "")
				cells := row.ChildrenFiltered(".cell")
				var langs []string
				cells.Each(func(_ int, c *goquery.Selection) { langs = append(langs, c.AttrOr("lang", "")) })
				if !slices.Equal(langs, []string{"zh-Hans", "en"}) {
					t.Errorf("row %s: cell languages = %v, want [zh-Hans en]", id, langs)
				}
				cells.Each(func(_ int, c *goquery.Selection) {
					if strings.TrimSpace(c.Find(".clause-text").Text()) == "" {
						t.Errorf("row %s, %s cell: no clause text", id, c.AttrOr("lang", ""))
					}
				})
				if label := row.AttrOr("aria-labelledby", ""); row.Find("#"+label).Length() != 1 {
					t.Errorf("row %s: aria-labelledby=%q names no heading in the row", id, label)
				}
			})
		})
	}
}

func TestPagesDeclareTheirLanguage(t *testing.T) {
	for _, tc := range []struct{ file, lang string }{
		{"index.html", "zh-Hans"},
		{"en/index.html", "en"},
		{initiative + "index.html", "zh-Hans"},
		{"en/" + initiative + "index.html", "en"},
		{initiative + "text.html", "zh-Hans"},
		{"en/" + initiative + "text.html", "en"},
		{initiative + "notes.html", "zh-Hans"},
		{"en/" + initiative + "2/index.html", "en"},
	} {
		doc := page(t, public, tc.file)
		if got := doc.Find("html").AttrOr("lang", ""); got != tc.lang {
			t.Errorf("%s: <html lang=%q>, want %q", tc.file, got, tc.lang)
		}
	}
	// Text in the other language inside a page is marked as such.
	doc := page(t, public, "en/"+initiative+"index.html")
	if got := doc.Find(".other-title").AttrOr("lang", ""); got != "zh-Hans" {
		t.Errorf("English page: Chinese title has lang=%q, want zh-Hans", got)
	}
	if got := doc.Find(".cell[lang=zh-Hans] .provenance").First().AttrOr("lang", ""); got != "en" {
		t.Errorf("English page: interface label inside the Chinese cell has lang=%q, want en", got)
	}
}

func TestAlternatesCanonicalAndOpenGraph(t *testing.T) {
	for _, file := range []string{
		initiative + "index.html", "en/" + initiative + "index.html",
		initiative + "text.html", "en/" + initiative + "text.html",
		initiative + "notes.html", "en/" + initiative + "notes.html",
		initiative + "1/index.html", "en/" + initiative + "1/index.html",
		"index.html", "en/index.html",
	} {
		t.Run(file, func(t *testing.T) {
			doc := page(t, public, file)
			canonical := doc.Find(`link[rel=canonical]`).AttrOr("href", "")
			if builtFile(public, canonical) != filepath.Join(public, file) {
				t.Errorf("canonical %q does not point at this page", canonical)
			}
			hreflangs := map[string]string{}
			doc.Find(`link[rel=alternate][hreflang]`).Each(func(_ int, s *goquery.Selection) {
				hreflangs[s.AttrOr("hreflang", "")] = s.AttrOr("href", "")
			})
			for _, want := range []string{"zh-Hans", "en", "x-default"} {
				href, ok := hreflangs[want]
				if !ok {
					t.Errorf("no hreflang=%s alternate (have %v)", want, hreflangs)
					continue
				}
				if _, err := os.Stat(builtFile(public, href)); err != nil {
					t.Errorf("hreflang=%s points at %s, which was not built", want, href)
				}
			}
			// The alternates of a page in one view are the same view.
			if base := filepath.Base(file); base != "index.html" && !strings.HasSuffix(hreflangs["en"], base) {
				t.Errorf("hreflang=en %q is not the %s view", hreflangs["en"], base)
			}
			for _, prop := range []string{"og:title", "og:description", "og:url", "og:locale", "og:type"} {
				if doc.Find(`meta[property="`+prop+`"]`).AttrOr("content", "") == "" {
					t.Errorf("no %s", prop)
				}
			}
		})
	}
}

func TestProvenanceLabelsBesideEveryClause(t *testing.T) {
	want := map[string]map[string]string{
		"zh-hans": {
			"preamble|zh-Hans": "编者译自英文",
			"2|zh-Hans":        "校订（5 处改动）",
			"preamble|en":      "校订（2 处改动）",
		},
		"en": {
			"preamble|zh-Hans": "Editors' translation from English",
			"2|zh-Hans":        "Corrected (5 changes)",
			"closing|en":       "Corrected (1 change)",
		},
	}
	for lang, prefix := range uiPrefix {
		doc := page(t, public, prefix+initiative+"index.html")
		notes := page(t, public, prefix+initiative+"notes.html")
		doc.Find(".clause-row .cell").Each(func(_ int, cell *goquery.Selection) {
			id := cell.Parent().AttrOr("id", "")
			key := id + "|" + cell.AttrOr("lang", "")
			label := cell.Find(".provenance a")
			if label.Length() != 1 {
				t.Errorf("%s UI, %s: %d provenance labels, want 1", lang, key, label.Length())
				return
			}
			if w, ok := want[lang][key]; ok && label.Text() != w {
				t.Errorf("%s UI, %s: label %q, want %q", lang, key, label.Text(), w)
			}
			href := label.AttrOr("href", "")
			anchor := href[strings.Index(href, "#")+1:]
			if notes.Find("#"+anchor).Length() != 1 {
				t.Errorf("%s UI, %s: label links to #%s, missing from the notes page", lang, key, anchor)
			}
		})
	}
}

// frontMatter is what the notes page must account for in a content file.
type frontMatter struct {
	Provenance struct {
		Status      string
		From        string
		Corrections []struct{ Was, Now, Why string }
	}
}

func readFrontMatter(t *testing.T, path string) frontMatter {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, err := siteconfig.SplitFrontMatter(path, data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var fm frontMatter
	if err := block.Decode(path, &fm); err != nil {
		t.Fatal(err)
	}
	return fm
}

func TestEditorialNotesListEveryCorrection(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "content", initiative, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no content files: %v", err)
	}
	for lang, prefix := range uiPrefix {
		notes := page(t, public, prefix+initiative+"notes.html")
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".md")
			id, contentLang, _ := strings.Cut(name, ".")
			if id == "_index" {
				id = "document"
			}
			fm := readFrontMatter(t, f)
			entry := notes.Find("#" + id + "-" + contentLang)
			if entry.Length() != 1 {
				t.Errorf("%s notes: no entry for %s", lang, name)
				continue
			}
			items := entry.Find(".corrections > li")
			if items.Length() != len(fm.Provenance.Corrections) {
				t.Errorf("%s notes, %s: %d corrections listed, content has %d", lang, name, items.Length(), len(fm.Provenance.Corrections))
				continue
			}
			items.Each(func(i int, li *goquery.Selection) {
				c := fm.Provenance.Corrections[i]
				// Minified HTML collapses runs of spaces, so compare words.
				if words(li.Find("del").Text()) != words(c.Was) || words(li.Find("ins").Text()) != words(c.Now) {
					t.Errorf("%s notes, %s correction %d: shows %q → %q, content says %q → %q",
						lang, name, i+1, li.Find("del").Text(), li.Find("ins").Text(), c.Was, c.Now)
				}
			})
		}
	}
}

func TestViewSwitcherLinksEveryViewAndMarksTheCurrentOne(t *testing.T) {
	for _, tc := range []struct{ file, current string }{
		{initiative + "index.html", "/" + initiative},
		{"en/" + initiative + "index.html", "/en/" + initiative},
		{initiative + "text.html", "/" + initiative + "text.html"},
		{"en/" + initiative + "text.html", "/en/" + initiative + "text.html"},
	} {
		doc := page(t, public, tc.file)
		links := attrs(doc, ".view-switcher a", "href")
		want := []string{"", "/" + initiative + "text.html", "/en/" + initiative + "text.html"}
		want[0] = map[bool]string{true: "/en/" + initiative, false: "/" + initiative}[strings.HasPrefix(tc.file, "en/")]
		if !slices.Equal(links, want) {
			t.Errorf("%s: view links %v, want %v", tc.file, links, want)
		}
		if got := doc.Find(`.view-switcher a[aria-current=page]`).AttrOr("href", ""); got != tc.current {
			t.Errorf("%s: current view %q, want %q", tc.file, got, tc.current)
		}
	}
}

func TestSingleLanguagePagesHoldOneLanguageWithTheSameAnchors(t *testing.T) {
	for file, lang := range map[string]string{
		initiative + "text.html":         "zh-Hans",
		"en/" + initiative + "text.html": "en",
	} {
		doc := page(t, public, file)
		if got := attrs(doc, ".monolingual > section.clause-row", "id"); !slices.Equal(got, shippedClauses) {
			t.Errorf("%s: clause anchors %v, want %v", file, got, shippedClauses)
		}
		if got := attrs(doc, ".cell", "lang"); len(got) != len(shippedClauses) || slices.IndexFunc(got, func(l string) bool { return l != lang }) >= 0 {
			t.Errorf("%s: cells in %v, want only %s", file, got, lang)
		}
	}
}

func TestEveryClauseHasItsOwnPageUnderTheSameIDInEveryLanguage(t *testing.T) {
	for _, prefix := range uiPrefix {
		for _, id := range shippedClauses {
			doc := page(t, public, prefix+initiative+id+"/index.html")
			if doc.Find("section.clause-row#"+cssID(id)).Length() != 1 {
				t.Errorf("%s%s%s: no clause section with id %q", prefix, initiative, id, id)
			}
			back := doc.Find(".breadcrumb a").AttrOr("href", "")
			if !strings.HasSuffix(back, "#"+id) {
				t.Errorf("%s%s%s: link back to the initiative is %q, want …#%s", prefix, initiative, id, back, id)
			}
		}
	}
}

func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// cssID escapes an ID for a selector: IDs like "1" start with a digit.
func cssID(id string) string {
	if id != "" && id[0] >= '0' && id[0] <= '9' {
		return `\3` + id[:1] + " " + id[1:]
	}
	return id
}

func TestCopyLinkControlOnEveryClause(t *testing.T) {
	doc := page(t, public, initiative+"index.html")
	doc.Find(".clause-row").Each(func(_ int, row *goquery.Selection) {
		id := row.AttrOr("id", "")
		a := row.Find("a.clause-anchor")
		if a.AttrOr("href", "") != "#"+id {
			t.Errorf("clause %s: anchor link %q, want #%s", id, a.AttrOr("href", ""), id)
		}
		if want := "https://concord.example.org/" + initiative + "#" + id; a.AttrOr("data-copy-link", "") != want {
			t.Errorf("clause %s: copy link %q, want %q", id, a.AttrOr("data-copy-link", ""), want)
		}
	})
}

func TestHomeListsTheInitiatives(t *testing.T) {
	for lang, prefix := range uiPrefix {
		doc := page(t, public, prefix+"index.html")
		links := attrs(doc, ".initiative-list h2 a", "href")
		if !slices.Equal(links, []string{"/" + prefix + initiative}) {
			t.Errorf("%s home lists %v", lang, links)
		}
		if doc.Find(".initiative-list time").AttrOr("datetime", "") != "2020-09-05" {
			t.Errorf("%s home: no launch date", lang)
		}
		if strings.TrimSpace(doc.Find(".initiative-list li > p").Last().Text()) == "" {
			t.Errorf("%s home: no summary", lang)
		}
	}
}

func TestNothingIsFetchedFromAnotherSite(t *testing.T) {
	err := filepath.WalkDir(public, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, path)
		doc := page(t, public, filepath.ToSlash(rel))
		for _, sel := range []struct{ elem, attr string }{
			{"script[src]", "src"}, {"link[rel=stylesheet]", "href"}, {"img", "src"},
			{"iframe", "src"}, {"link[rel=preload]", "href"}, {"link[rel=icon]", "href"},
		} {
			for _, u := range attrs(doc, sel.elem, sel.attr) {
				if strings.Contains(u, "//") {
					t.Errorf("%s: %s loads %s from elsewhere", rel, sel.elem, u)
				}
			}
		}
		// Embed pages must be self-contained: their one inline style is
		// allowed by hash in _headers (embed_test.go checks both).
		inlineStyle := "style:not([nonce]), "
		if isEmbedPage(rel) {
			inlineStyle = ""
		}
		if doc.Find(inlineStyle+"link[href*='fonts']").Length() > 0 {
			t.Errorf("%s: inline style block or web font link", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFixtureInitiativeRendersWithNoTemplateChange(t *testing.T) {
	const fixture = "initiatives/tea-house-pledge/"
	for lang, prefix := range uiPrefix {
		doc := page(t, fixtureOut, prefix+fixture+"index.html")
		if got := attrs(doc, ".side-by-side > section.clause-row", "id"); !slices.Equal(got, []string{"article-1", "article-2"}) {
			t.Errorf("%s: fixture rows %v", lang, got)
		}
		// article-2 has no English text: its row says so instead of vanishing.
		if doc.Find(`#article-2 .cell[lang=en] .clause-missing`).Length() != 1 {
			t.Errorf("%s: the missing English article-2 is not reported in its cell", lang)
		}
		// A screen reader names each row by a heading in it, even the row
		// that lacks the page's language.
		doc.Find(".side-by-side > section.clause-row").Each(func(_ int, row *goquery.Selection) {
			if label := row.AttrOr("aria-labelledby", ""); row.Find("#"+label).Length() != 1 {
				t.Errorf("%s: row %s is labelled by %q, no heading in it", lang, row.AttrOr("id", ""), label)
			}
		})
		home := page(t, fixtureOut, prefix+"index.html")
		if got := attrs(home, ".initiative-list h2 a", "href"); len(got) != 2 {
			t.Errorf("%s home lists %v, want both initiatives", lang, got)
		}
		for _, view := range []string{"text.html", "notes.html", "article-1/index.html"} {
			page(t, fixtureOut, prefix+fixture+view)
		}
	}
	doc := page(t, fixtureOut, "en/"+fixture+"index.html")
	if got := doc.Find("#article-1 .cell[lang=en] .provenance").Text(); got != "Editors' translation from Chinese" {
		t.Errorf("fixture provenance label %q", got)
	}
}

func TestEveryPageHasATitleAndADescription(t *testing.T) {
	err := filepath.WalkDir(public, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, path)
		doc := page(t, public, filepath.ToSlash(rel))
		if doc.Find(`meta[http-equiv=refresh]`).Length() > 0 {
			return nil // Hugo's alias redirects
		}
		if strings.TrimSpace(doc.Find("title").Text()) == "" {
			t.Errorf("%s: empty <title>", rel)
		}
		if desc := doc.Find(`meta[name=description]`); desc.Length() > 0 && strings.TrimSpace(desc.AttrOr("content", "")) == "" {
			t.Errorf("%s: empty meta description", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := page(t, public, "404.html").Find("title").Text(); !strings.HasPrefix(got, "找不到页面") {
		t.Errorf("Chinese 404 page is titled %q", got)
	}
}
