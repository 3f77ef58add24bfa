package sitetests

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// Han characters in a Japanese text are Japanese kanji: the notes must not
// tag them as Chinese (issue 11), while a Chinese term quoted in an English
// correction still is.
// japaneseSite is the shipped site with Japanese added as three kinds of
// file (its hugo.toml table, i18n/ja.toml, content) and only one clause and
// the initiative's title translated: the home page, the list and the endorse
// text are not.
func japaneseSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	if err := sitefixture.AddLanguages(site, []string{"ja"}); err != nil {
		t.Fatal(err)
	}
	clause := "+++\ntitle = \"合法な経営\"\nnumber = \"二\"\nweight = 20\n\n[provenance]\nstatus = \"corrected\"\n\n" +
		"[[provenance.corrections]]\nwas = \"電子商取引法を守る\"\nnow = \"電子商取引法を遵守する\"\nwhy = \"原文の誤記\"\n+++\n\n関連する法律を遵守する。\n"
	dir := filepath.Join(site, "content", "initiatives", "live-streaming-2020")
	for name, body := range map[string]string{
		"2.ja.md":      clause,
		"_index.ja.md": "+++\ntitle = \"ライブコマース業界自主規制イニシアチブ\"\n+++\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHanRunsAreTaggedChineseOnlyOutsideHanLanguages(t *testing.T) {
	out := japaneseSite(t)
	// Each notes page holds the languages its side-by-side page shows by
	// default: Japanese beside the Chinese source on the Japanese page,
	// Chinese and English on theirs.
	japanese := page(t, out, "ja/"+initiative+"notes.html").Find(`ol.corrections[lang="ja"]`)
	if japanese.Length() == 0 {
		t.Fatal("/ja/notes.html lists no Japanese corrections")
	}
	japanese.Find("span[lang]").Each(func(_ int, s *goquery.Selection) {
		lang, _ := s.Attr("lang")
		t.Errorf("/ja/notes.html: Japanese text %q tagged %s", s.Text(), lang)
	})
	for _, prefix := range []string{"", "en/"} {
		doc := page(t, out, prefix+initiative+"notes.html")
		// The English corrections quote the Chinese source: those runs
		// keep their Chinese tag.
		zhInEnglish := 0
		doc.Find(`ol.corrections[lang="en"] span[lang]`).Each(func(_ int, s *goquery.Selection) {
			if lang, _ := s.Attr("lang"); strings.HasPrefix(lang, "zh") {
				zhInEnglish++
			}
		})
		if zhInEnglish == 0 {
			t.Errorf("/%snotes.html: no Chinese run tagged in the English corrections", prefix)
		}
	}
}

// A language added before its site-wide texts are translated shows them in
// the default language, marked with its lang and a note in the page's
// language; no page is left without a description or with a dead "How to
// endorse" link (issue 11).
func TestUntranslatedSiteTextsFallBackMarked(t *testing.T) {
	out := japaneseSite(t)
	for _, file := range []string{"ja/index.html", "ja/initiatives/index.html"} {
		doc := page(t, out, file)
		if doc.Find("p.untranslated-note").Length() != 1 {
			t.Errorf("/%s: no note that the text is not yet translated", file)
		}
		shown := doc.Find(`main div[lang="zh-Hans"] h1`)
		if shown.Length() != 1 || strings.TrimSpace(shown.Text()) == "" {
			t.Errorf("/%s: the Chinese text is not shown as the heading, marked zh-Hans", file)
		}
		if d, _ := doc.Find(`meta[name="description"]`).Attr("content"); strings.TrimSpace(d) == "" {
			t.Errorf("/%s: empty description", file)
		}
	}
	sig := page(t, out, "ja/"+initiative+"signatories.html")
	if sig.Find("#signatories-how-to-endorse").Length() != 1 {
		t.Errorf("the Japanese signatories page has no How to endorse section for its link")
	}
	if sig.Find(`#signatories-how-to-endorse p.untranslated-note`).Length() != 1 {
		t.Errorf("the How to endorse text in another language is not marked")
	}
	// Translated pages say nothing of the kind.
	for _, file := range []string{"index.html", "en/index.html"} {
		if page(t, out, file).Find("p.untranslated-note").Length() != 0 {
			t.Errorf("/%s: a translated page says it is untranslated", file)
		}
	}
}
