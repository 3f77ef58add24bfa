package sitetests

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/pdf/pdfinspect"
	"github.com/concord-initiative/concord/internal/pdf/pdfprint"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The tea-house pledge's handouts once French and Arabic are added
// (sitetests/testdata/pdf-languages): one per language, and the pairs its
// Arabic _index file lists in pdfPairs. The shipped initiative, in two
// languages only, keeps its default pair.
const teaDir = "initiatives/tea-house-pledge/"

var wantLanguagePDFs = []string{
	"initiatives/live-streaming-2020/live-streaming-2020-en.pdf",
	"initiatives/live-streaming-2020/live-streaming-2020-zh-hans-en.pdf",
	"initiatives/live-streaming-2020/live-streaming-2020-zh-hans.pdf",
	teaDir + "tea-house-pledge-ar-fr.pdf",
	teaDir + "tea-house-pledge-ar.pdf",
	teaDir + "tea-house-pledge-en-ar.pdf",
	teaDir + "tea-house-pledge-en.pdf",
	teaDir + "tea-house-pledge-fr.pdf",
	teaDir + "tea-house-pledge-zh-hans-en.pdf",
	teaDir + "tea-house-pledge-zh-hans.pdf",
}

// languagesSite is a copy of the site with the tea-house pledge and with
// French and Arabic added the way docs/authoring.md says, touching only
// hugo.toml's language tables, i18n/<key>.toml and content files.
func languagesSite(t *testing.T, root string) string {
	t.Helper()
	site := filepath.Join(root, "site")
	fixture := filepath.Join(repoRoot, "sitetests", "testdata", "pdf-languages")
	for _, src := range []string{repoRoot, filepath.Join(repoRoot, "sitetests", "testdata", "fixture")} {
		if err := sitefixture.Copy(site, src); err != nil {
			t.Fatal(err)
		}
	}
	if err := sitefixture.Copy(site, fixture); err != nil {
		t.Fatal(err)
	}
	tables, err := os.ReadFile(filepath.Join(fixture, "hugo-languages.toml"))
	if err != nil {
		t.Fatal(err)
	}
	appendFile(t, filepath.Join(site, "hugo.toml"), tables)
	en, err := os.ReadFile(filepath.Join(repoRoot, "i18n", "en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"fr", "ar"} {
		copyOfEn := append([]byte("# Test fixture: a copy of i18n/en.toml, not a translation (sitetests/testdata/pdf-languages).\n"), en...)
		if err := os.WriteFile(filepath.Join(site, "i18n", key+".toml"), copyOfEn, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

func appendFile(t *testing.T, path string, data []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
}

var (
	languagePDFsOnce sync.Once
	languagePDFsSite string
	languagePDFsDir  string
	languagePDFsErr  error
)

// languagePDFs renders the French-and-Arabic site's handouts once per test
// binary and returns the site and the folder of its PDFs.
func languagePDFs(t *testing.T) (site, dir string) {
	t.Helper()
	languagePDFsOnce.Do(func() {
		// Shared by the tests of this file, so not under one test's TempDir.
		root, err := os.MkdirTemp("", "concord-pdf-languages-")
		if err != nil {
			languagePDFsErr = err
			return
		}
		languagePDFsSite = languagesSite(t, root)
		languagePDFsDir = filepath.Join(root, "pdf")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		_, languagePDFsErr = pdfprint.Render(ctx, pdfprint.Options{Site: languagePDFsSite, Out: languagePDFsDir})
	})
	if languagePDFsErr != nil {
		t.Fatal(languagePDFsErr)
	}
	return languagePDFsSite, languagePDFsDir
}

// A PDF per language alone and per listed pair, no more: eight languages
// would make 8 + 7 files by default, not 8 × 7.
func TestPDFEachLanguageAndTheListedPairs(t *testing.T) {
	_, dir := languagePDFs(t)
	var got []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".pdf") {
			rel, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, wantLanguagePDFs) {
		t.Errorf("PDFs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantLanguagePDFs, "\n"))
	}
	for _, file := range got {
		path := filepath.Join(dir, file)
		fonts, err := pdfinspect.Fonts(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range fonts {
			names = append(names, f.Name)
			if f.Type == "Type 3" || !f.Embedded {
				t.Errorf("%s: font %s is %s (embedded %v)", file, f.Name, f.Type, f.Embedded)
			}
		}
		// Arabic in the font its printFonts names, never a system fallback.
		hasAr := strings.Contains(file, "-ar")
		amiri := slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, "Amiri") })
		if hasAr != amiri {
			t.Errorf("%s: fonts %v: Amiri embedded %v, want %v", file, names, amiri, hasAr)
		}
		if slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, "DejaVu") }) {
			t.Errorf("%s: fonts %v: some text fell back to DejaVu Sans", file, names)
		}
	}
	// Each column in its language: the pair's titles, in its order.
	for file, want := range map[string][]string{
		teaDir + "tea-house-pledge-en-ar.pdf": {"Tea House Civility Pledge", "ميثاق آداب بيت الشاي"},
		teaDir + "tea-house-pledge-ar-fr.pdf": {"ميثاق آداب بيت الشاي", "Charte de civilité de la maison de thé"},
	} {
		text, err := pdfinspect.Text(context.Background(), filepath.Join(dir, file), 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, title := range want {
			if !strings.Contains(pdfinspect.Squash(text), pdfinspect.Squash(title)) {
				t.Errorf("%s: page 1 lacks the title %q", file, title)
			}
		}
		if strings.Contains(text, "茶馆文明公约") {
			t.Errorf("%s: page 1 has the Chinese title, which is not one of its languages", file)
		}
	}
}

// Every piece of Arabic text in the PDFs' structure is tagged ar, and every
// element of the print pages that holds Arabic says dir="rtl" (an English
// one beside it, dir="ltr").
func TestPDFArabicIsTaggedAndRightToLeft(t *testing.T) {
	site, dir := languagePDFs(t)
	arabic := regexp.MustCompile(`\p{Arabic}`)
	for _, file := range []string{teaDir + "tea-house-pledge-en-ar.pdf", teaDir + "tea-house-pledge-ar-fr.pdf", teaDir + "tea-house-pledge-ar.pdf"} {
		root, err := pdfinspect.StructTree(context.Background(), filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		root.Walk(func(e *pdfinspect.Element) {
			if text := strings.TrimSpace(e.Text); arabic.MatchString(text) {
				n++
				if got := e.Language(); got != "ar" {
					t.Errorf("%s: %.60q is tagged %q, want ar", file, text, got)
				}
			}
		})
		if n < 4 {
			t.Errorf("%s: %d pieces of Arabic text in the structure tree, want a title, headings and cells", file, n)
		}
	}
	if want := map[string]string{teaDir + "tea-house-pledge-ar.pdf": "ar", teaDir + "tea-house-pledge-ar-fr.pdf": "ar", teaDir + "tea-house-pledge-en-ar.pdf": "en"}; true {
		for file, lang := range want {
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			if got := documentLang(data); got != lang {
				t.Errorf("%s: the catalog's /Lang is %q, want %q (its first column's)", file, got, lang)
			}
		}
	}

	out := filepath.Join(t.TempDir(), "print")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out, "--environment", "print"); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{teaDir + "print-en-ar.html", teaDir + "print-ar-fr.html", "ar/" + teaDir + "print.html"} {
		doc := page(t, out, rel)
		checked := 0
		doc.Find("[lang]").Each(func(_ int, s *goquery.Selection) {
			if s.Is("meta") {
				return
			}
			want := map[bool]string{true: "rtl", false: "ltr"}[s.AttrOr("lang", "") == "ar"]
			if s.Is(".cell, .title, .footnote, .notes-cell, .clause-heading span, .signatories p, .colophon div, html") {
				checked++
				if got := s.AttrOr("dir", ""); got != want {
					t.Errorf("%s: <%s class=%q lang=%q> has dir=%q, want %q", rel, goquery.NodeName(s), s.AttrOr("class", ""), s.AttrOr("lang", ""), got, want)
				}
			}
		})
		if checked < 6 {
			t.Errorf("%s: only %d elements with a language", rel, checked)
		}
		// A URL reads left to right in an Arabic caption too: without it,
		// its last slash would jump to the front of the line.
		if got := doc.Find(".online .url").AttrOr("dir", ""); got != "ltr" {
			t.Errorf("%s: the canonical URL has dir=%q, want ltr", rel, got)
		}
	}
}

// The Arabic text's ink sits at the right edge of its column and its short
// last line leaves the left of the column blank, as an Arabic reader
// expects; the English beside it starts at the left edge of its own.
func TestPDFArabicColumnIsSetRightToLeft(t *testing.T) {
	_, dir := languagePDFs(t)
	const mm = 72 / 25.4
	ctx := context.Background()
	type column struct{ left, right float64 }
	pair := func(i int) column { // print.css: 18 mm margins, 8 mm gap
		w := (a4WidthPt - 2*18*mm - 8*mm) / 2
		l := 18*mm + float64(i)*(w+8*mm)
		return column{l, l + w}
	}
	for _, tc := range []struct {
		file, word string
		col        column
		rtl        bool
	}{
		{teaDir + "tea-house-pledge-ar.pdf", "بهدوء", column{24 * mm, a4WidthPt - 24*mm}, true},
		{teaDir + "tea-house-pledge-en-ar.pdf", "بهدوء", pair(1), true},
		{teaDir + "tea-house-pledge-en-ar.pdf", "softly", pair(0), false},
		// An Arabic-first pair runs from the right: Arabic in the right column.
		{teaDir + "tea-house-pledge-ar-fr.pdf", "بهدوء", pair(1), true},
		{teaDir + "tea-house-pledge-ar-fr.pdf", "doucement", pair(0), false},
	} {
		path := filepath.Join(dir, tc.file)
		words, err := pdfinspect.Words(ctx, path, 1)
		if err != nil {
			t.Fatal(err)
		}
		// The clause's line (its heading has the same word, higher up: the
		// text is the lowest). pdftotext -bbox gives Arabic words in
		// visual order, letters reversed.
		reversed := []rune(tc.word)
		slices.Reverse(reversed)
		var line *pdfinspect.Word
		for i, w := range words {
			if (strings.Contains(w.Text, tc.word) || strings.Contains(w.Text, string(reversed))) && w.XMin >= tc.col.left-1 && w.XMax <= tc.col.right+1 && (line == nil || w.YMin > line.YMin) {
				line = &words[i]
			}
		}
		if line == nil {
			t.Errorf("%s: no %q on page 1 in the column %.0f–%.0f pt", tc.file, tc.word, tc.col.left, tc.col.right)
			continue
		}
		band := func(x, w float64) int {
			_, _, n, err := pdfinspect.Ink(ctx, path, 1, pdfinspect.Region{X: x, Y: line.YMin, W: w, H: line.YMax - line.YMin}, 300)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		width := tc.col.right - tc.col.left
		rightEdge := band(tc.col.right-4*mm, 4*mm)
		leftEdge := band(tc.col.left, 4*mm)
		leftHalf := band(tc.col.left, width/2)
		rightHalf := band(tc.col.left+width/2, width/2)
		if tc.rtl && (rightEdge == 0 || leftHalf != 0) {
			t.Errorf("%s: the Arabic line is not set from the right of its column: ink %d in its last 4 mm, %d in its left half", tc.file, rightEdge, leftHalf)
		}
		if !tc.rtl && (leftEdge == 0 || rightHalf != 0) {
			t.Errorf("%s: the %q line is not set from the left of its column: ink %d in its first 4 mm, %d in its right half", tc.file, tc.word, leftEdge, rightHalf)
		}
	}
	for _, name := range []string{"tea-house-pledge-ar", "tea-house-pledge-en-ar", "tea-house-pledge-ar-fr"} {
		if _, err := pdfinspect.RenderPage(ctx, filepath.Join(dir, teaDir+name+".pdf"), 1, 100, pdfArtifactDir(t), name+"-page1"); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("page images: %s", pdfArtifactDir(t))
}

// A pair naming a language the site or the initiative does not have stops
// the PDF tool and the website build, naming the file.
func TestPDFPairWithAnUnknownLanguageIsRefused(t *testing.T) {
	for _, tc := range []struct{ name, pairs, want string }{
		{"not a site language", `[["zh-hans", "de"]]`, `pdfPairs lists "de", which is not a language of this site`},
		{"not a pair", `[["zh-hans", "en", "fr"]]`, `is not a pair of two language keys`},
		{"the initiative lacks it", `[["zh-hans", "fr"]]`, `pdfPairs lists "fr", but the initiative has no _index.fr.md`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			if err := sitefixture.Copy(site, repoRoot); err != nil {
				t.Fatal(err)
			}
			if tc.name == "the initiative lacks it" {
				appendFile(t, filepath.Join(site, "hugo.toml"), []byte("\n[languages.fr]\nlabel = \"Français\"\nlocale = \"fr\"\nweight = 3\n"))
				en, _ := os.ReadFile(filepath.Join(site, "i18n", "en.toml"))
				if err := os.WriteFile(filepath.Join(site, "i18n", "fr.toml"), en, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			index := filepath.Join(site, "content", "initiatives", "live-streaming-2020", "_index.en.md")
			data, err := os.ReadFile(index)
			if err != nil {
				t.Fatal(err)
			}
			data = []byte(strings.Replace(string(data), "+++\n", "+++\npdfPairs = "+tc.pairs+"\n", 1))
			if err := os.WriteFile(index, data, 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			_, err = pdfprint.Render(ctx, pdfprint.Options{Site: site, Out: filepath.Join(t.TempDir(), "pdf")})
			if err == nil || !strings.Contains(err.Error(), "_index.en.md") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("pdf tool: %v\nwant an error naming _index.en.md: %s", err, tc.want)
			}
			err = hugobuild.Build(ctx, site, filepath.Join(t.TempDir(), "public"))
			if err == nil || !strings.Contains(err.Error(), "_index.en.md") {
				t.Errorf("website build: %v\nwant an error naming _index.en.md", err)
			}
		})
	}
}

// The initiative page lists every PDF there is, each pair named by its two
// languages, each in itself.
func TestInitiativePageNamesEachPDFPairByItsLanguages(t *testing.T) {
	site, dir := languagePDFs(t)
	if err := copyDir(filepath.Join(site, "build", "pdf"), dir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{teaDir + "index.html", "ar/" + teaDir + "index.html", "fr/" + teaDir + "text.html"} {
		doc := page(t, out, rel)
		var got []string
		doc.Find("nav.pdf-downloads a").Each(func(_ int, a *goquery.Selection) {
			var names []string
			if spans := a.Find("span[lang]"); spans.Length() > 0 {
				spans.Each(func(_ int, s *goquery.Selection) {
					names = append(names, s.AttrOr("lang", "")+":"+s.AttrOr("dir", "")+":"+s.Text())
				})
			} else {
				names = append(names, a.AttrOr("lang", "")+":"+a.AttrOr("dir", "")+":"+strings.TrimSpace(a.Text()))
			}
			got = append(got, filepath.Base(a.AttrOr("href", ""))+" "+strings.Join(names, " · "))
		})
		want := []string{
			"tea-house-pledge-zh-hans-en.pdf zh-Hans:ltr:中文 · en:ltr:English",
			"tea-house-pledge-en-ar.pdf en:ltr:English · ar:rtl:العربية",
			"tea-house-pledge-ar-fr.pdf ar:rtl:العربية · fr:ltr:Français",
			"tea-house-pledge-zh-hans.pdf zh-Hans:ltr:中文",
			"tea-house-pledge-en.pdf en:ltr:English",
			"tea-house-pledge-fr.pdf fr:ltr:Français",
			"tea-house-pledge-ar.pdf ar:rtl:العربية",
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: PDF links\n%s\nwant\n%s", rel, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// Without pdfPairs, the source language is paired with each other language
// of the initiative: n − 1 pairs for n languages.
func TestPDFDefaultPairsAreTheSourceBesideEachLanguage(t *testing.T) {
	site := languagesSite(t, t.TempDir())
	index := filepath.Join(site, "content", "initiatives", "tea-house-pledge", "_index.ar.md")
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	without := regexp.MustCompile(`(?m)^pdfPairs = .*\n`).ReplaceAll(data, nil)
	if err := os.WriteFile(index, without, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "print")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out, "--environment", "print"); err != nil {
		t.Fatal(err)
	}
	var got []string
	err = filepath.WalkDir(filepath.Join(out), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), "print") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if pdf := page(t, out, rel).Find(`meta[name="concord-pdf"]`).AttrOr("content", ""); strings.HasPrefix(pdf, teaDir) {
			got = append(got, strings.TrimPrefix(pdf, teaDir+"tea-house-pledge-"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []string{"ar.pdf", "en.pdf", "fr.pdf", "zh-hans-ar.pdf", "zh-hans-en.pdf", "zh-hans-fr.pdf", "zh-hans.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("PDFs of the tea-house pledge in four languages without pdfPairs: %v, want %v", got, want)
	}
}
