package sitetests

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/hugobuild"
	"github.com/concord-initiative/concord/internal/sitefixture"
)

// Han characters in a Japanese text are Japanese kanji: the notes must not
// tag them as Chinese (issue 11), while a Chinese term quoted in an English
// correction still is.
func TestHanRunsAreTaggedChineseOnlyOutsideHanLanguages(t *testing.T) {
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
	for _, prefix := range []string{"", "en/", "ja/"} {
		doc := page(t, out, prefix+initiative+"notes.html")
		japanese := doc.Find(`ol.corrections[lang="ja"]`)
		if japanese.Length() == 0 {
			t.Fatalf("/%snotes.html lists no Japanese corrections", prefix)
		}
		japanese.Find("span[lang]").Each(func(_ int, s *goquery.Selection) {
			lang, _ := s.Attr("lang")
			t.Errorf("/%snotes.html: Japanese text %q tagged %s", prefix, s.Text(), lang)
		})
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
