package sitetests

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/pelletier/go-toml/v2"
)

// On a clause's own page the clause heading is the one h1, and every other
// language's text is named, in the reader's language, above it.
func TestClausePageHeadingAndOtherLanguagesNamed(t *testing.T) {
	names := map[string]map[string]string{
		"zh-hans": {"en": "英文"},
		"en":      {"zh-Hans": "Chinese"},
	}
	for lang, prefix := range uiPrefix {
		for _, id := range shippedClauses {
			file := prefix + initiative + id + "/index.html"
			doc := page(t, public, file)
			h1 := doc.Find("main h1")
			if h1.Length() != 1 || !h1.HasClass("clause-heading") || h1.Closest("section.clause-row").AttrOr("id", "") != id {
				t.Errorf("%s: main heading %q (%d h1), want the clause heading as the one h1", file, h1.Text(), h1.Length())
			}
			others := doc.Find(".other-languages .other-language")
			if others.Length() != len(uiPrefix)-1 {
				t.Errorf("%s: %d other languages shown, want %d", file, others.Length(), len(uiPrefix)-1)
			}
			others.Each(func(_ int, o *goquery.Selection) {
				cellLang := o.Find(".cell").AttrOr("lang", "")
				name := strings.TrimSpace(o.Find(".language-name").First().Text())
				if want := names[lang][cellLang]; name != want {
					t.Errorf("%s: the %s text is headed %q, want %q", file, cellLang, name, want)
				}
			})
		}
	}
}

var americanDate = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{1,2}, [0-9]{4}\b`)

// English pages write dates the British way, as the text spells: "5
// September 2020", never "September 5, 2020" (docs/authoring.md).
func TestEnglishDatesAreBritish(t *testing.T) {
	pages := 0
	err := filepath.WalkDir(filepath.Join(public, "en"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, path)
		text := pageTB(t, public, filepath.ToSlash(rel)).Text()
		if m := americanDate.FindString(text); m != "" {
			t.Errorf("%s: date written %q, want day month year", rel, m)
		}
		pages++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for file, sel := range map[string]string{
		"en/index.html":                         ".initiative-list time",
		"en/" + initiative + "index.html":       ".facts time",
		"en/" + initiative + "signatories.html": ".signatory-facts time",
		"en/" + initiative + "text.html":        ".facts time",
		"index.html":                            ".initiative-list time",
		initiative + "signatories.html":         ".signatory-facts time",
	} {
		got := strings.TrimSpace(page(t, public, file).Find(sel).First().Text())
		want := "5 September 2020"
		if !strings.HasPrefix(file, "en/") {
			want = "2020年9月5日"
		}
		if got != want {
			t.Errorf("%s: %s reads %q, want %q", file, sel, got, want)
		}
	}
	if pages < 10 {
		t.Errorf("only %d English pages read", pages)
	}
}

// The licences are stated where a reader and a re-user look: every page's
// footer (the editors' work CC BY 4.0, the code MIT, the originals their
// authors'), the README, and LICENSE at the top of the repository.
func TestLicencesAreStated(t *testing.T) {
	for lang, prefix := range uiPrefix {
		for _, file := range []string{"index.html", initiative + "index.html", initiative + "2/index.html", initiative + "signatories.html", "404.html"} {
			if file == "404.html" && prefix != "" {
				continue
			}
			footer := page(t, public, prefix+file).Find(".site-footer")
			if footer.Find(`a[rel~=license][href="https://creativecommons.org/licenses/by/4.0/"]`).Length() != 1 {
				t.Errorf("%s UI, %s: the footer does not link CC BY 4.0", lang, file)
			}
			if href := footer.Find(`a[rel~=license][href$="/LICENSE"]`).AttrOr("href", ""); !strings.HasPrefix(href, "https://github.com/") {
				t.Errorf("%s UI, %s: the footer does not link the code's LICENSE", lang, file)
			}
			if text := footer.Text(); !strings.Contains(text, map[string]string{"en": "belongs to its authors", "zh-hans": "归其作者所有"}[lang]) {
				t.Errorf("%s UI, %s: the footer does not say the original texts are their authors'", lang, file)
			}
		}
	}
	license, err := os.ReadFile(filepath.Join(repoRoot, "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(license), "MIT License") || !strings.Contains(string(license), "Concord editors") {
		t.Errorf("LICENSE is not the MIT licence of the Concord editors:\n%.200s", license)
	}
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"MIT", "CC BY 4.0", "LICENSE", "sources/"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md says nothing with %q about the licences", want)
		}
	}
}

// hanNextToLatin is a Han character written against a Latin letter or a
// figure, with no space between: Chinese text spaces the two runs apart.
var hanNextToLatin = regexp.MustCompile(`\p{Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Han}`)

// The Chinese interface writes a space between a Han run and a Latin or
// number run ("由 Concord editors 编辑发布"), in its strings and on its pages.
func TestChineseInterfaceSpacesLatinRuns(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "i18n", "zh-hans.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var messages map[string]map[string]string
	if err := toml.Unmarshal(data, &messages); err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`{{[^}]*}}`)
	for key, forms := range messages {
		if key == "date_format" {
			continue // a Go time layout, not text: dates are written 2020年9月5日
		}
		for form, text := range forms {
			if m := hanNextToLatin.FindString(placeholder.ReplaceAllString(text, " ")); m != "" {
				t.Errorf("i18n/zh-hans.toml [%s] %s: %q has no space in %q", key, form, text, m)
			}
		}
	}
	// Interface text on the pages, placeholders filled: the publisher's
	// name, counts, language names. Page text from content is not ours to
	// respace.
	const chrome = ".site-footer p, .provenance, .clause-missing, .signatory-count, .clause-tools a, .embed-panel summary, .embed-panel p, .view-switcher a, .pdf-downloads li, .facts dt, .language-name"
	for _, dir := range []string{public, fixtureOut} {
		for _, file := range []string{"index.html", initiative + "index.html", initiative + "text.html", initiative + "2/index.html", "initiatives/tea-house-pledge/index.html"} {
			if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
				continue
			}
			page(t, dir, file).Find(chrome).Each(func(_ int, s *goquery.Selection) {
				if m := hanNextToLatin.FindString(s.Text()); m != "" {
					t.Errorf("%s: %q has no space in %q", file, strings.TrimSpace(s.Text()), m)
				}
			})
		}
	}
}
