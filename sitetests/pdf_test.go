package sitetests

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/pdf/pdfinspect"
	"github.com/concord-initiative/concord/internal/pdf/pdfprint"
	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The handouts of the shipped initiative, as `make pdf` names them.
const (
	pdfDir      = "initiatives/live-streaming-2020/"
	pdfBoth     = pdfDir + "live-streaming-2020-zh-hans-en.pdf"
	pdfZh       = pdfDir + "live-streaming-2020-zh-hans.pdf"
	pdfEn       = pdfDir + "live-streaming-2020-en.pdf"
	a4WidthPt   = 595.28
	a4HeightPt  = 841.89
	pageMarginY = 24 * 72 / 25.4 // print.css: @page margin-top 24 mm, bottom 22 mm
	pageBottomY = 22 * 72 / 25.4
)

var (
	shippedPDFsOnce sync.Once
	shippedPDFsDir  string
	shippedPDFsErr  error
	// shippedPDFsCommit is HEAD when they were rendered ("uncommitted"
	// outside git): what their version line must name.
	shippedPDFsCommit string
)

// shippedPDFs renders the shipped site's handouts once per test binary, the
// way `make pdf` does, and returns the folder they are in.
func shippedPDFs(t *testing.T) string {
	t.Helper()
	shippedPDFsOnce.Do(func() {
		dir, err := os.MkdirTemp("", "concord-pdf-test-")
		if err != nil {
			shippedPDFsErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		shippedPDFsCommit = headCommit()
		start := time.Now()
		_, shippedPDFsErr = pdfprint.Render(ctx, pdfprint.Options{Site: repoRoot, Out: dir})
		shippedPDFsDir = dir
		if shippedPDFsErr == nil {
			fmt.Fprintf(os.Stderr, "rendered the shipped handouts in %.1f s\n", time.Since(start).Seconds())
		}
	})
	if shippedPDFsErr != nil {
		t.Fatal(shippedPDFsErr)
	}
	return shippedPDFsDir
}

func headCommit() string {
	out, err := exec.Command("git", "-C", repoRoot, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "uncommitted"
	}
	return strings.TrimSpace(string(out))
}

// pdfArtifactDir is where the page images land for a person to look at.
func pdfArtifactDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot, "test-output", "pdf")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// websiteClauses is each clause's text as the website shows it, in reading
// order, per language: what every PDF must say.
func websiteClauses(t *testing.T) map[string][]string {
	t.Helper()
	doc := page(t, public, initiative+"index.html")
	texts := map[string][]string{}
	doc.Find(".side-by-side > section.clause-row > .cell").Each(func(_ int, c *goquery.Selection) {
		lang := c.AttrOr("lang", "")
		texts[lang] = append(texts[lang], strings.TrimSpace(c.Find(".clause-text").Text()))
	})
	if len(texts["zh-Hans"]) != len(shippedClauses) || len(texts["en"]) != len(shippedClauses) {
		t.Fatalf("website clauses: %d zh, %d en, want %d each", len(texts["zh-Hans"]), len(texts["en"]), len(shippedClauses))
	}
	return texts
}

// assertInOrder checks that every text occurs in got, each after the one
// before it, comparing without white space (the PDF breaks lines anywhere).
func assertInOrder(t *testing.T, where, got string, texts []string) {
	t.Helper()
	got = pdfinspect.Squash(got)
	at := 0
	for i, text := range texts {
		want := pdfinspect.Squash(text)
		j := strings.Index(got[at:], want)
		if j < 0 {
			if strings.Contains(got, want) {
				t.Errorf("%s: clause %d is out of order", where, i+1)
			} else {
				t.Errorf("%s: clause %d is missing: %.60q…", where, i+1, text)
			}
			continue
		}
		at += j + len(want)
	}
}

// columnText is the text of one column of a side-by-side PDF, page after
// page, without the running header and footer: the left (0) or right (1)
// half of the text area.
func columnText(t *testing.T, pdf string, col, pages int) string {
	t.Helper()
	return areaText(t, pdf, float64(col)*a4WidthPt/2, a4WidthPt/2, pages)
}

// areaText is the text between x and x+w on every page, without the
// running header and footer, so a clause that goes on over a page break
// reads as one.
func areaText(t *testing.T, pdf string, x, w float64, pages int) string {
	t.Helper()
	var b strings.Builder
	for p := 1; p <= pages; p++ {
		r := pdfinspect.Region{X: x, Y: pageMarginY, W: w, H: a4HeightPt - pageMarginY - pageBottomY}
		text, err := pdfinspect.TextIn(context.Background(), pdf, p, r)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(text)
	}
	return b.String()
}

func info(t *testing.T, pdf string) pdfinspect.Info {
	t.Helper()
	i, err := pdfinspect.InfoOf(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

func TestPDFsHaveEveryClauseInBothLanguagesInOrder(t *testing.T) {
	dir := shippedPDFs(t)
	texts := websiteClauses(t)

	both := filepath.Join(dir, pdfBoth)
	pages := info(t, both).Pages()
	assertInOrder(t, "side-by-side PDF, left column (zh-Hans)", columnText(t, both, 0, pages), texts["zh-Hans"])
	assertInOrder(t, "side-by-side PDF, right column (en)", columnText(t, both, 1, pages), texts["en"])

	for file, lang := range map[string]string{pdfZh: "zh-Hans", pdfEn: "en"} {
		path := filepath.Join(dir, file)
		assertInOrder(t, file, areaText(t, path, 0, a4WidthPt, info(t, path).Pages()), texts[lang])
	}
}

func TestPDFFontsAreEmbeddedSubsetAndNoneIsType3(t *testing.T) {
	dir := shippedPDFs(t)
	for _, file := range []string{pdfBoth, pdfZh, pdfEn} {
		fonts, err := pdfinspect.Fonts(context.Background(), filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if len(fonts) == 0 {
			t.Errorf("%s: no fonts", file)
		}
		var names []string
		for _, f := range fonts {
			names = append(names, f.Name)
			if f.Type == "Type 3" || !f.Embedded || !f.Subset || !f.Unicode {
				t.Errorf("%s: font %s is %s, embedded %v, subset %v, unicode %v: want embedded subset fonts with text, no Type 3",
					file, f.Name, f.Type, f.Embedded, f.Subset, f.Unicode)
			}
		}
		// AR PL SungtiL GB, a mainland (GB) Song face, is BousungEG-Light-GB.
		hasGB := slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, "BousungEG-Light-GB") })
		// The English PDF has Chinese only where its notes quote it.
		if file != pdfEn && !hasGB {
			t.Errorf("%s: fonts %v (Chinese text is set in AR PL SungtiL GB, BousungEG-Light-GB)", file, names)
		}
	}
}

// Chinese as it is written on the mainland: 、，。 sit in the lower left
// corner of the character's box (a Taiwan font centres 、 and 。). Each
// mark's box is cut from its word's box (pdftotext -bbox; full-width
// characters, so one em each) and rendered at 600 dpi.
func TestPDFChinesePunctuationSitsInTheCorner(t *testing.T) {
	dir := shippedPDFs(t)
	path := filepath.Join(dir, pdfZh)
	ctx := context.Background()
	words, err := pdfinspect.Words(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	fullWidth := regexp.MustCompile(`^[\p{Han}、，。：；“”]+$`)
	checked := map[rune]int{}
	for _, w := range words {
		if !fullWidth.MatchString(w.Text) {
			continue
		}
		runes := []rune(w.Text)
		pitch := (w.XMax - w.XMin) / float64(len(runes))
		for i, r := range runes {
			if !strings.ContainsRune("、，。", r) || checked[r] >= 3 {
				continue
			}
			box := pdfinspect.Region{X: w.XMin + float64(i)*pitch, Y: w.YMin, W: pitch, H: w.YMax - w.YMin}
			x, y, n, err := pdfinspect.Ink(ctx, path, 1, box, 600)
			if err != nil {
				t.Fatal(err)
			}
			checked[r]++
			if n == 0 || x > 0.45 || y < 0.55 {
				t.Errorf("%q in %q: ink centred at %.2f across, %.2f down its box (%d pixels): want the lower left corner", r, w.Text, x, y, n)
			}
		}
	}
	for _, r := range "、，。" {
		if checked[r] == 0 {
			t.Errorf("no %q found on page 1 to check", r)
		}
	}
}

func TestPDFsAreA4WithSensiblePageCounts(t *testing.T) {
	dir := shippedPDFs(t)
	for file, pages := range map[string][2]int{pdfBoth: {3, 7}, pdfZh: {2, 5}, pdfEn: {2, 5}} {
		i := info(t, filepath.Join(dir, file))
		w, h, err := i.PageSize()
		if err != nil {
			t.Fatal(err)
		}
		// Chromium rounds the sheet to whole CSS pixels: within 1 pt of A4.
		if math.Abs(w-a4WidthPt) > 1 || math.Abs(h-a4HeightPt) > 1 {
			t.Errorf("%s: page size %.2f × %.2f pt, want A4 (%.2f × %.2f)", file, w, h, a4WidthPt, a4HeightPt)
		}
		if n := i.Pages(); n < pages[0] || n > pages[1] {
			t.Errorf("%s: %d pages, want %d to %d", file, n, pages[0], pages[1])
		}
	}
}

var catalogLang = regexp.MustCompile(`(?s)obj\s*<</Type /Catalog(.*?)endobj`)
var langEntry = regexp.MustCompile(`/Lang \(([^)]*)\)`)

// documentLang is the /Lang of the PDF's document catalog: the language a
// screen reader reads it in.
func documentLang(pdf []byte) string {
	m := catalogLang.FindSubmatch(pdf)
	if m == nil {
		return ""
	}
	l := langEntry.FindSubmatch(m[1])
	if l == nil {
		return ""
	}
	return string(l[1])
}

func TestPDFMetadataTaggingAndOutline(t *testing.T) {
	dir := shippedPDFs(t)
	zhTitle := page(t, public, initiative+"index.html").Find("h1").Text()
	enTitle := page(t, public, "en/"+initiative+"index.html").Find("h1").Text()
	headings := map[string][]string{}
	for lang, prefix := range map[string]string{"zh-Hans": "", "en": "en/"} {
		page(t, public, prefix+initiative+"text.html").Find(".clause-heading").Each(func(_ int, h *goquery.Selection) {
			headings[lang] = append(headings[lang], strings.TrimSpace(h.Text()))
		})
	}
	for _, tc := range []struct {
		file, title, lang string
		langs             []string
	}{
		{pdfBoth, zhTitle + " · " + enTitle, "zh-Hans", []string{"zh-Hans", "en"}},
		{pdfZh, zhTitle, "zh-Hans", []string{"zh-Hans"}},
		{pdfEn, enTitle, "en", []string{"en"}},
	} {
		path := filepath.Join(dir, tc.file)
		i := info(t, path)
		if i["Title"] != tc.title {
			t.Errorf("%s: Title %q, want %q", tc.file, i["Title"], tc.title)
		}
		if i["Author"] != "Concord editors" {
			t.Errorf("%s: Author %q, want the publisher, Concord editors", tc.file, i["Author"])
		}
		if i["Tagged"] != "yes" {
			t.Errorf("%s: not a tagged PDF", tc.file)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := documentLang(raw); got != tc.lang {
			t.Errorf("%s: the document catalog's /Lang is %q, want %q", tc.file, got, tc.lang)
		}
		outline, err := pdfinspect.Outline(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		if len(outline) != 1 || len(outline[0].Children) < len(shippedClauses) {
			t.Fatalf("%s: outline %+v: want the title with a bookmark per clause under it", tc.file, outline)
		}
		for n := range shippedClauses {
			entry := pdfinspect.Squash(outline[0].Children[n].Title)
			for _, lang := range tc.langs {
				if !strings.HasPrefix(entry, pdfinspect.Squash(headings[lang][n])) && !strings.Contains(entry, pdfinspect.Squash(headings[lang][n])) {
					t.Errorf("%s: bookmark %d is %q, want it to name %q", tc.file, n+1, outline[0].Children[n].Title, headings[lang][n])
				}
			}
		}
	}
}

func TestPDFFurnitureHeaderFooterQRAndVersion(t *testing.T) {
	dir := shippedPDFs(t)
	// Others may commit while the tests run: HEAD then or now.
	commit := headCommit()
	// The last commit that changed the initiative's text, when its folder
	// has no uncommitted changes.
	textCommit := ""
	folder := filepath.Join("content", "initiatives", "live-streaming-2020")
	if st, err := exec.Command("git", "-C", repoRoot, "status", "--porcelain", "--", folder).Output(); err == nil && len(st) == 0 {
		if out, err := exec.Command("git", "-C", repoRoot, "log", "-1", "--format=%h", "--", folder).Output(); err == nil {
			textCommit = strings.TrimSpace(string(out))
		}
	}
	for _, tc := range []struct {
		file    string
		footer  []string // with %d for the page and the page count
		header  []string
		online  string
		version []string
	}{
		{pdfBoth, []string{"第 %d 页，共 %d 页", "Page %d of %d"}, []string{"直播电商自律倡议", "Live Streaming E-commerce Initiative"}, "https://concord.example.org/initiatives/live-streaming-2020/", []string{"文本最后修改于", "印制于", "Text last changed on", "Printed on"}},
		{pdfZh, []string{"第 %d 页，共 %d 页"}, []string{"直播电商自律倡议"}, "https://concord.example.org/initiatives/live-streaming-2020/", []string{"文本最后修改于", "印制于"}},
		{pdfEn, []string{"Page %d of %d"}, []string{"Live Streaming E-commerce Initiative"}, "https://concord.example.org/en/initiatives/live-streaming-2020/", []string{"Text last changed on", "Printed on"}},
	} {
		path := filepath.Join(dir, tc.file)
		n := info(t, path).Pages()
		for p := 1; p <= n; p++ {
			text, err := pdfinspect.Text(context.Background(), path, p, p)
			if err != nil {
				t.Fatal(err)
			}
			squashed := pdfinspect.Squash(text)
			for _, f := range tc.footer {
				if want := pdfinspect.Squash(fmt.Sprintf(f, p, n)); !strings.Contains(squashed, want) {
					t.Errorf("%s page %d: no footer %q", tc.file, p, want)
				}
			}
			for _, h := range tc.header {
				// The first page has the title block instead of the header.
				if has := strings.Contains(squashed, pdfinspect.Squash(h)); has != (p > 1) {
					t.Errorf("%s page %d: running header %q shown: %v, want %v", tc.file, p, h, has, p > 1)
				}
			}
			if p == 1 {
				// The QR code's column, top right: its caption read apart from
				// the facts beside it.
				caption, err := pdfinspect.TextIn(context.Background(), path, 1, pdfinspect.Region{X: 420, Y: 0, W: a4WidthPt - 420, H: 420})
				if err != nil {
					t.Fatal(err)
				}
				squashed := pdfinspect.Squash(caption)
				if !strings.Contains(squashed, pdfinspect.Squash(tc.online)) {
					t.Errorf("%s: page 1 lacks the canonical URL %s", tc.file, tc.online)
				}
				// Outside git the version line says the files are uncommitted.
				marks := []string{shippedPDFsCommit, commit}
				if commit == "uncommitted" {
					marks = []string{"uncommitted", "未提交"}
				}
				if !slices.ContainsFunc(marks, func(m string) bool { return strings.Contains(squashed, m) }) {
					t.Errorf("%s: page 1 lacks the version (commit %s)", tc.file, commit)
				}
				// Two dates, each saying what it is: the text's last change
				// (with its commit when committed) and the day of printing.
				for _, label := range tc.version {
					if !strings.Contains(squashed, pdfinspect.Squash(label)) {
						t.Errorf("%s: page 1 lacks %q in its version lines:\n%s", tc.file, label, caption)
					}
				}
				if textCommit != "" && !strings.Contains(squashed, pdfinspect.Squash(textCommit)) {
					t.Errorf("%s: page 1 lacks the commit of the text's last change, %s:\n%s", tc.file, textCommit, caption)
				}
			}
		}
		images, err := exec.Command("pdfimages", "-list", "-f", "1", "-l", "1", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		if lines := strings.Count(strings.TrimSpace(string(images)), "\n"); lines < 2 {
			t.Errorf("%s: no image on page 1 (the QR code):\n%s", tc.file, images)
		}
		if _, err := pdfinspect.RenderPage(context.Background(), path, 1, 100, pdfArtifactDir(t), strings.TrimSuffix(filepath.Base(tc.file), ".pdf")+"-page1"); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("page images: %s", pdfArtifactDir(t))
}

// A clause heading is never the last thing on a page: the first words of
// its text follow it on the same page.
func TestPDFNoClauseHeadingAloneAtTheBottomOfAPage(t *testing.T) {
	dir := shippedPDFs(t)
	texts := websiteClauses(t)
	for _, tc := range []struct{ file, lang, prefix string }{{pdfZh, "zh-Hans", ""}, {pdfEn, "en", "en/"}, {pdfBoth, "zh-Hans", ""}, {pdfBoth, "en", "en/"}} {
		checkHeadingsKeepTheirText(t, filepath.Join(dir, tc.file), tc.file+" ("+tc.lang+")", headingsOf(t, public, tc.prefix+initiative+"text.html"), texts[tc.lang])
	}
}

func headingsOf(t *testing.T, dir, rel string) []string {
	var hs []string
	page(t, dir, rel).Find(".clause-heading").Each(func(_ int, h *goquery.Selection) {
		hs = append(hs, strings.TrimSpace(h.Text()))
	})
	return hs
}

func checkHeadingsKeepTheirText(t *testing.T, path, where string, headings, texts []string) {
	t.Helper()
	n := info(t, path).Pages()
	pageText := make([]string, n+1)
	for p := 1; p <= n; p++ {
		text, err := pdfinspect.Text(context.Background(), path, p, p)
		if err != nil {
			t.Fatal(err)
		}
		pageText[p] = pdfinspect.Squash(text)
	}
	for i, h := range headings {
		head := pdfinspect.Squash(h)
		start := []rune(pdfinspect.Squash(texts[i]))
		start = start[:min(len(start), 12)]
		// The first time the heading appears is its clause's row; the
		// editorial notes after the clauses name it again.
		found := false
		for p := 1; p <= n && !found; p++ {
			if at := strings.Index(pageText[p], head); at >= 0 {
				found = true
				if !strings.Contains(pageText[p][at:], string(start)) {
					t.Errorf("%s: heading %q ends page %d without its text (%q)", where, h, p, string(start))
				}
			}
		}
		if !found {
			t.Errorf("%s: heading %q is on no page", where, h)
		}
	}
}

// A clause longer than a page breaks across pages with both columns
// continuing, and a language that lacks a clause gets a note in its cell:
// the fixture initiative, plus a long clause written here.
func TestPDFLongClauseSplitsAcrossPagesInBothColumns(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	if err := sitefixture.Copy(site, filepath.Join(repoRoot, "sitetests", "testdata", "fixture")); err != nil {
		t.Fatal(err)
	}
	zh := strings.Repeat("各方应加强沟通，及时处理消费者投诉，营造舒心的消费环境。", 60)
	en := strings.Repeat("All parties should strengthen communications, promptly handle consumer complaints, and create a comfortable consumption environment. ", 45)
	dir := filepath.Join(site, "content", "initiatives", "tea-house-pledge")
	for file, body := range map[string]string{
		"article-3.zh-hans.md": "+++\ntitle = \"长条\"\nnumber = \"三\"\nweight = 3\n[provenance]\nstatus = \"source\"\n+++\n\n" + zh + "\n",
		"article-3.en.md":      "+++\ntitle = \"A long article\"\nnumber = \"3\"\nweight = 3\n[provenance]\nstatus = \"translation\"\nfrom = \"zh-hans\"\n+++\n\n" + en + "\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "pdf")
	// A PDF the tool never wrote, deep in its output folder, stays.
	foreign := filepath.Join(out, "initiatives", "tea-house-pledge", "scans", "signed-copy.pdf")
	if err := os.MkdirAll(filepath.Dir(foreign), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(foreign, []byte("%PDF-1.4 a scan"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	files, err := pdfprint.Render(ctx, pdfprint.Options{Site: site, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(foreign); err != nil || string(data) != "%PDF-1.4 a scan" {
		t.Errorf("a PDF the tool did not write was removed or changed: %v", err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	want := "initiatives/tea-house-pledge/tea-house-pledge-zh-hans-en.pdf"
	if !slices.Contains(got, want) {
		t.Fatalf("rendered %v, want %s among them", got, want)
	}
	path := filepath.Join(out, want)
	n := info(t, path).Pages()
	if n < 3 {
		t.Fatalf("%d pages: the long clause should take more than one", n)
	}
	// The page after the one where the long clause starts goes on with it
	// in both columns, from the top.
	start := 0
	for p := 1; p <= n && start == 0; p++ {
		text, err := pdfinspect.Text(ctx, path, p, p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(pdfinspect.Squash(text), "三、长条") {
			start = p
		}
	}
	if start == 0 || start == n {
		t.Fatalf("the long clause's heading is on page %d of %d", start, n)
	}
	for col, phrase := range []string{"营造舒心的消费环境", "comfortable consumption environment"} {
		r := pdfinspect.Region{X: float64(col) * a4WidthPt / 2, Y: pageMarginY, W: a4WidthPt / 2, H: 80}
		text, err := pdfinspect.TextIn(ctx, path, start+1, r)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(pdfinspect.Squash(text), pdfinspect.Squash(phrase)[:9]) {
			t.Errorf("page %d, column %d starts with %q: the long clause does not go on there", start+1, col+1, text)
		}
	}
	assertInOrder(t, "long clause, left column", columnText(t, path, 0, n), []string{"轻声交谈", zh})
	assertInOrder(t, "long clause, right column", columnText(t, path, 1, n), []string{"Please speak softly in the tea house.", en})
	all, err := pdfinspect.Text(ctx, path, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdfinspect.Squash(all), pdfinspect.Squash("This clause is not available in English yet.")) {
		t.Errorf("the clause missing in English has no note in its cell")
	}
	for p := 1; p <= 2; p++ {
		if _, err := pdfinspect.RenderPage(ctx, path, p, 100, pdfArtifactDir(t), "long-clause-page"+strconv.Itoa(p)); err != nil {
			t.Fatal(err)
		}
	}
}

// The final build publishes the PDFs that `make pdf` left in build/pdf and
// links them from both views of the initiative, in both languages, with
// their size; the print pages themselves are never published.
func TestInitiativePagesLinkThePDFsWithTheirSize(t *testing.T) {
	rendered := shippedPDFs(t)
	site := filepath.Join(t.TempDir(), "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	if err := copyDir(filepath.Join(site, "build", "pdf"), rendered); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{initiative + "index.html", initiative + "text.html", "en/" + initiative + "index.html", "en/" + initiative + "text.html"} {
		doc := page(t, out, rel)
		links := doc.Find("nav.pdf-downloads a")
		if links.Length() != 3 {
			t.Errorf("%s: %d PDF links, want 3 (side by side, Chinese, English)", rel, links.Length())
			continue
		}
		wantLabel := map[bool]string{true: "Download PDF", false: "下载 PDF"}[strings.HasPrefix(rel, "en/")]
		if got := doc.Find("#" + doc.Find("nav.pdf-downloads").AttrOr("aria-labelledby", "")).Text(); got != wantLabel {
			t.Errorf("%s: PDF links labelled %q, want %q", rel, got, wantLabel)
		}
		links.Each(func(i int, a *goquery.Selection) {
			href := a.AttrOr("href", "")
			fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(href, "/"))))
			if err != nil {
				t.Errorf("%s: link %s: %v", rel, href, err)
				return
			}
			kb := (fi.Size() + 512) / 1024
			size := a.Parent().Find(".pdf-size").Text()
			if !strings.Contains(size, strconv.FormatInt(kb, 10)+" KB") {
				t.Errorf("%s: %s is %d KB, the page says %q", rel, href, kb, size)
			}
			if a.AttrOr("type", "") != "application/pdf" {
				t.Errorf("%s: link %s lacks type=application/pdf", rel, href)
			}
		})
	}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), "print") && strings.HasSuffix(d.Name(), ".html") {
			t.Errorf("the print page %s is published", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func copyDir(dst, src string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}

// The tool never prints without Chromium: it says which package to install.
func TestPDFToolNamesThePackageWhenChromiumIsMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := pdfprint.Render(context.Background(), pdfprint.Options{Site: repoRoot, Out: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "apt-get install -y chromium") {
		t.Fatalf("err = %v, want one naming the chromium package", err)
	}
}

// Text from the content is text on paper, never markup or script in the
// print page: a shortTitle that closes the style element and a title with
// an image whose onerror would change the document leave no trace but
// their own characters.
func TestPDFPrintPagesRunNoContent(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(site, "content", "initiatives", "live-streaming-2020", "_index.en.md")
	src, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	// The scripts build their marks from pieces, so only a script that ran
	// can put them in the PDF.
	shortTitle := `</style><style>body{display:none}</style><img src=x onerror=document.title='PW'+'NED';document.body.append('INJ'+'ECTED')>`
	title := `Evil "quoted" \ title <img src=x onerror="document.body.append('INJ'+'ECTED')"> ends`
	fm := string(src)
	fm = regexp.MustCompile(`(?m)^title = .*$`).ReplaceAllLiteralString(fm, "title = "+strconv.Quote(title))
	fm = regexp.MustCompile(`(?m)^shortTitle = .*$`).ReplaceAllLiteralString(fm, "shortTitle = "+strconv.Quote(shortTitle))
	if err := os.WriteFile(index, []byte(fm), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := pdfprint.Render(ctx, pdfprint.Options{Site: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{pdfEn, pdfBoth} {
		path := filepath.Join(out, file)
		i := info(t, path)
		if !strings.HasSuffix(i["Title"], title) {
			t.Errorf("%s: Title %q, want it to end in the title as written, %q", file, i["Title"], title)
		}
		all, err := pdfinspect.Text(ctx, path, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, mark := range []string{"INJECTED", "PWNED"} {
			if strings.Contains(all, mark) {
				t.Errorf("%s: %q in the PDF: content ran as script", file, mark)
			}
		}
		// The running header shows the short title as its characters.
		page2, err := pdfinspect.Text(ctx, path, 2, 2)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(pdfinspect.Squash(page2), pdfinspect.Squash(`</style><style>body{display:none}</style>`)) {
			t.Errorf("%s: page 2 lacks the short title as text in its header:\n%s", file, page2)
		}
	}
}

// A screen reader reads each column in its own language: every piece of
// text in the tagged PDF's structure carries (or inherits) the language it
// is in, Chinese text zh-Hans and English text en, and the document's
// language is the page's.
func TestPDFTagsEachColumnWithItsLanguage(t *testing.T) {
	dir := shippedPDFs(t)
	han := regexp.MustCompile(`\p{Han}`)
	word := regexp.MustCompile(`[A-Za-z]{3,}`)
	url := regexp.MustCompile(`^[A-Za-z0-9.:/_-]*/[A-Za-z0-9.:/_-]*$`)
	for file, docLang := range map[string]string{pdfBoth: "zh-Hans", pdfZh: "zh-Hans", pdfEn: "en"} {
		root, err := pdfinspect.StructTree(context.Background(), filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if root.Lang != docLang {
			t.Errorf("%s: the Document element's /Lang is %q, want %q", file, root.Lang, docLang)
		}
		langs := map[string]int{}
		root.Walk(func(e *pdfinspect.Element) {
			text := strings.TrimSpace(e.Text)
			if text == "" || url.MatchString(text) {
				return // no text, or a URL, which has no language
			}
			want := ""
			switch {
			case han.MatchString(text):
				want = "zh-Hans"
			case word.MatchString(text):
				want = "en"
			default:
				return // numbers and marks
			}
			langs[want]++
			if got := e.Language(); got != want {
				t.Errorf("%s: %.60q is tagged %q, want %q", file, text, got, want)
			}
		})
		if file == pdfBoth && (langs["zh-Hans"] < len(shippedClauses) || langs["en"] < len(shippedClauses)) {
			t.Errorf("%s: %v pieces of text per language, want a column of each", file, langs)
		}
	}
}

// editorialNotes is every correction (was, now, why) and every editors'
// note of the shipped initiative, by language key, as the content files
// give them: what the PDFs' editorial-notes appendix must list.
func editorialNotes(t *testing.T) map[string][]string {
	t.Helper()
	folder := filepath.Join(repoRoot, "content", "initiatives", "live-streaming-2020")
	files, err := filepath.Glob(filepath.Join(folder, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string][]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := contentsite.ParseClause(f, src)
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(filepath.Base(f), ".")
		lang := parts[len(parts)-2]
		if n := c.Provenance.Note; n != "" {
			notes[lang] = append(notes[lang], n)
		}
		for _, k := range c.Provenance.Corrections {
			notes[lang] = append(notes[lang], k.Was, k.Now, k.Why)
		}
	}
	if len(notes["zh-hans"]) == 0 || len(notes["en"]) == 0 {
		t.Fatalf("no corrections found in %s: %v", folder, notes)
	}
	return notes
}

// rawText is the text between x and x+w on every page in the order it was
// drawn (pdftotext -raw): the order of the print page, where pdftotext's
// layout order would put a label of a two-column list inside the text
// beside it.
func rawText(t *testing.T, pdf string, x, w float64, pages int) string {
	t.Helper()
	var b strings.Builder
	for p := 1; p <= pages; p++ {
		out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", "-r", "72", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p),
			"-x", strconv.Itoa(int(x)), "-y", "0", "-W", strconv.Itoa(int(w+0.5)), "-H", "842", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(out)
	}
	return b.String()
}

// The paper says what "Corrected (2 changes)" stands for: an appendix after
// the clauses lists every correction, was, now and why, and every editors'
// note, each in its column's language.
func TestPDFEditorialNotesListEveryChange(t *testing.T) {
	dir := shippedPDFs(t)
	notes := editorialNotes(t)
	headings := map[string]string{"zh-hans": "编辑说明", "en": "Editorial notes"}
	both := filepath.Join(dir, pdfBoth)
	pages := info(t, both).Pages()
	for _, tc := range []struct {
		where, lang, text string
	}{
		{"side-by-side PDF, left column", "zh-hans", rawText(t, both, 0, a4WidthPt/2, pages)},
		{"side-by-side PDF, right column", "en", rawText(t, both, a4WidthPt/2, a4WidthPt/2, pages)},
		{pdfZh, "zh-hans", rawText(t, filepath.Join(dir, pdfZh), 0, a4WidthPt, info(t, filepath.Join(dir, pdfZh)).Pages())},
		{pdfEn, "en", rawText(t, filepath.Join(dir, pdfEn), 0, a4WidthPt, info(t, filepath.Join(dir, pdfEn)).Pages())},
	} {
		text := pdfinspect.Squash(tc.text)
		at := strings.Index(text, pdfinspect.Squash(headings[tc.lang]))
		if at < 0 {
			t.Errorf("%s: no appendix %q", tc.where, headings[tc.lang])
			continue
		}
		appendix := text[at:]
		for _, n := range notes[tc.lang] {
			if !strings.Contains(appendix, pdfinspect.Squash(n)) {
				t.Errorf("%s: the editorial notes lack %.70q", tc.where, n)
			}
		}
	}
}

// Each signatory says where it stands, as on the website: verified or not
// yet verified, suspended or withdrawn with the date and the reason, in
// each column's language.
func TestPDFSignatoriesShowTheirStatus(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	var data strings.Builder
	for _, e := range []struct{ id, zh, en, verified, status, change string }{
		{"alpha", "甲公司", "Alpha Ltd", "true", "active", ""},
		{"beta", "乙公司", "Beta Ltd", "false", "active", ""},
		{"gamma", "丙公司", "Gamma Ltd", "true", "suspended", `suspended = { date = "2021-03-04", reason = { zh-hans = "证据存疑", en = "Evidence in doubt" } }`},
		{"delta", "丁公司", "Delta Ltd", "true", "withdrawn", `withdrawn = { date = "2022-01-10", reason = { zh-hans = "公司要求退出", en = "Left at its request" } }`},
	} {
		fmt.Fprintf(&data, "[[signatory]]\nid = %q\nname = { zh-hans = %q, en = %q }\ncategory = \"company\"\nsigned = \"2020-09-05\"\nmethod = \"event\"\n"+
			"evidence = { zh-hans = \"现场签署。\", en = \"Signed on the day.\" }\nverified = %s\nstatus = %q\n%s\n\n", e.id, e.zh, e.en, e.verified, e.status, e.change)
	}
	if err := os.WriteFile(filepath.Join(site, "data", "signatories", "live-streaming-2020.toml"), []byte(data.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := pdfprint.Render(ctx, pdfprint.Options{Site: site, Out: out}); err != nil {
		t.Fatal(err)
	}
	both := filepath.Join(out, pdfBoth)
	pages := info(t, both).Pages()
	zh, en := pdfinspect.Squash(columnText(t, both, 0, pages)), pdfinspect.Squash(columnText(t, both, 1, pages))
	for _, tc := range []struct{ text, want string }{
		{zh, "甲公司已核实"}, {zh, "乙公司尚未核实"}, {zh, "丙公司暂停：2021年3月4日：证据存疑"}, {zh, "丁公司退出：2022年1月10日：公司要求退出"},
		{en, "AlphaLtdVerified"}, {en, "BetaLtdNotyetverified"}, {en, "GammaLtdSuspended:4March2021:Evidenceindoubt"}, {en, "DeltaLtdWithdrawn:10January2022:Leftatitsrequest"},
	} {
		if !strings.Contains(tc.text, tc.want) {
			t.Errorf("the signatories appendix lacks %q", tc.want)
		}
	}
	if _, err := pdfinspect.RenderPage(ctx, both, pages, 100, pdfArtifactDir(t), "signatories-status-last-page"); err != nil {
		t.Fatal(err)
	}
}

// `make build` publishes exactly what this build has: a PDF removed from
// build/pdf since the last build does not linger in public/. The test runs
// the Makefile's own Hugo command (from make -n) in a copy of the site.
func TestMakeBuildLeavesNoStalePDFInPublic(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	dry, err := exec.Command("make", "-n", "-C", repoRoot, "build").Output()
	if err != nil {
		t.Fatalf("make -n build: %v", err)
	}
	var hugo string
	for _, line := range strings.Split(string(dry), "\n") {
		if strings.Contains(line, "tool hugo") && strings.Contains(line, "--destination") {
			hugo = line
		}
	}
	if hugo == "" {
		t.Fatalf("make -n build runs no `go tool hugo … --destination`:\n%s", dry)
	}
	site := filepath.Join(t.TempDir(), "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := sitefixture.CopyTree(filepath.Join(site, f), filepath.Join(repoRoot, f)); err != nil {
			t.Fatal(err)
		}
	}
	pdfs := filepath.Join(site, "build", "pdf", "initiatives", "live-streaming-2020")
	if err := os.MkdirAll(pdfs, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{pdfBoth, pdfZh, pdfEn} {
		if err := os.WriteFile(filepath.Join(site, "build", "pdf", f), []byte("%PDF-1.4 "+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func() {
		t.Helper()
		cmd := exec.Command("bash", "-c", hugo)
		cmd.Dir = site
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", hugo, err, out)
		}
	}
	build()
	published := filepath.Join(site, "public", pdfEn)
	if _, err := os.Stat(published); err != nil {
		t.Fatalf("the first build did not publish %s: %v", pdfEn, err)
	}
	if err := os.Remove(filepath.Join(site, "build", "pdf", pdfEn)); err != nil {
		t.Fatal(err)
	}
	build()
	if _, err := os.Stat(published); !os.IsNotExist(err) {
		t.Errorf("%s was removed from build/pdf but is still in public/ after `make build` (err %v)", pdfEn, err)
	}
	if _, err := os.Stat(filepath.Join(site, "public", pdfZh)); err != nil {
		t.Errorf("%s is gone from public/: %v", pdfZh, err)
	}
}

// Ctrl-C while the tool works leaves the previous PDFs as they were and
// nothing beside them, and says so.
func TestPDFToolInterruptedKeepsThePreviousSet(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "pdf")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(repoRoot, "tools", "pdf")).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "pdf")
	previous := filepath.Join(out, pdfEn)
	if err := os.MkdirAll(filepath.Dir(previous), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(previous, []byte("%PDF-1.4 previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, pdfprint.ManifestName), []byte(pdfEn+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, wait := range []time.Duration{300 * time.Millisecond, 1500 * time.Millisecond} {
		cmd := exec.Command(bin, "-site", repoRoot, "-out", out)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(wait)
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		if err == nil {
			t.Logf("after %v the run had finished before the interrupt", wait)
			continue
		}
		if !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("after %v: stderr %q, want it to say the run was interrupted", wait, stderr.String())
		}
		if data, err := os.ReadFile(previous); err != nil || string(data) != "%PDF-1.4 previous" {
			t.Errorf("after %v: the previous PDF changed (%v)", wait, err)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 1 {
			t.Errorf("after %v: left beside the output folder: %v", wait, entries)
		}
	}
}
