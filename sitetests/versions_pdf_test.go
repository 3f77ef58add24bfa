package sitetests

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/pdf/pdfcli"
	"github.com/concord-initiative/concord/internal/pdf/pdfinspect"
	"github.com/concord-initiative/concord/internal/pdf/pdfprint"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The PDFs of every version (docs/pdf.md, "Versions"), on the versions
// fixture: today's at today's names, each older version's in its folder
// with the version in the name.
const vPDF = vInit + "community-code"

// versionsPDFSite is the shipped site's templates with the versions fixture
// as its only initiative (the shipped one has no versions, and its PDFs are
// tested on their own). edit, if not nil, changes the copy first.
func versionsPDFSite(t *testing.T, edit func(site string)) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	for _, src := range []string{repoRoot, filepath.Join(repoRoot, "sitetests", "testdata", "versions")} {
		if err := sitefixture.Copy(site, src); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.RemoveAll(filepath.Join(site, "content", "initiatives", "live-streaming-2020")); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(site)
	}
	return site
}

// runPDFTool runs tools/pdf (make pdf) on the site, into its build/pdf as
// make does, and returns the PDFs it wrote, by path under build/pdf.
func runPDFTool(t *testing.T, site string) []string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	start := time.Now()
	if code := pdfcli.Main([]string{"-site", site, "-out", filepath.Join(site, "build", "pdf")}, &stdout, &stderr); code != 0 {
		t.Fatalf("tools/pdf exited %d: %s", code, stderr.String())
	}
	manifest, err := os.ReadFile(filepath.Join(site, "build", "pdf", pdfprint.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, l := range strings.Split(string(manifest), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			files = append(files, l)
		}
	}
	slices.Sort(files)
	t.Logf("tools/pdf wrote %d PDFs in %.1f s", len(files), time.Since(start).Seconds())
	return files
}

func pdfText(t *testing.T, pdf string, first, last int) string {
	t.Helper()
	text, err := pdfinspect.Text(context.Background(), pdf, first, last)
	if err != nil {
		t.Fatal(err)
	}
	return pdfinspect.Squash(text)
}

// headerText is the running header of a page: the top margin only.
func headerText(t *testing.T, pdf string, p int) string {
	t.Helper()
	text, err := pdfinspect.TextIn(context.Background(), pdf, p, pdfinspect.Region{X: 0, Y: 0, W: a4WidthPt, H: pageMarginY})
	if err != nil {
		t.Fatal(err)
	}
	return pdfinspect.Squash(text)
}

func TestEveryVersionHasItsPDFsWithTheVersionInTitleBlockAndHeader(t *testing.T) {
	site := versionsPDFSite(t, nil)
	files := runPDFTool(t, site)
	// Three versions × (two languages + one pair, source first): the latest
	// at today's names, the older ones with the version in the name.
	var want []string
	for _, v := range []string{"", "v1.0/community-code-v1.0", "v1.1/community-code-v1.1"} {
		base := vPDF
		if v != "" {
			base = vInit + v
		}
		for _, k := range []string{"en", "en-zh-hans", "zh-hans"} {
			want = append(want, base+"-"+k+".pdf")
		}
	}
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Fatalf("tools/pdf wrote\n%v\nwant\n%v", files, want)
	}

	en, zh := "Version %s, %s", "第 %s 版，%s"
	headEn, headZh := "Community Code, version %s of %s", "社区准则（第 %s 版，%s）"
	dates := map[string][2]string{
		"1.0": {"10 January 2021", "2021年1月10日"},
		"1.1": {"1 March 2022", "2022年3月1日"},
		"2.0": {"15 June 2023", "2023年6月15日"},
	}
	for _, tc := range []struct {
		file, version string
		langs         []string // the PDF's columns, as their lines are in en and zh
		// has and lacks are clause texts (en, then zh) of that version and
		// of the others.
		has, lacks []string
	}{
		{"v1.0/community-code-v1.0-en.pdf", "1.0", []string{"en"},
			[]string{"Members treat one another with respect.", "Members keep discussions free of harassment.", "Members protect the privacy of others.",
				// The version's own correction, in the editorial notes.
				"Members treats one another with respect."},
			[]string{"assume good faith", "harassment and protect the privacy", "Members report conduct"}},
		{"v1.0/community-code-v1.0-zh-hans.pdf", "1.0", []string{"zh"},
			[]string{"成员相互尊重。", "成员保护他人的隐私。"}, []string{"善意相待", "举报"}},
		{"v1.1/community-code-v1.1-en-zh-hans.pdf", "1.1", []string{"en", "zh"},
			[]string{"assume good faith in every discussion", "Members keep discussions free of harassment.", "Members protect the privacy of others.", "Members report conduct", "善意相待", "成员保护他人的隐私。", "举报"},
			[]string{"harassment and protect the privacy"}},
		{"community-code-en-zh-hans.pdf", "2.0", []string{"en", "zh"},
			[]string{"harassment and protect the privacy of others", "Members report conduct", "善意相待"},
			[]string{"Privacy", "隐私"}},
		{"community-code-zh-hans.pdf", "2.0", []string{"zh"}, []string{"善意相待", "举报"}, []string{"隐私"}},
	} {
		path := filepath.Join(site, "build", "pdf", vInit, tc.file)
		d := dates[tc.version]
		var block, header []string
		for _, l := range tc.langs {
			if l == "en" {
				block, header = append(block, fmt.Sprintf(en, tc.version, d[0])), append(header, fmt.Sprintf(headEn, tc.version, d[0]))
			} else {
				block, header = append(block, fmt.Sprintf(zh, tc.version, d[1])), append(header, fmt.Sprintf(headZh, tc.version, d[1]))
			}
		}
		first := pdfText(t, path, 1, 1)
		for _, b := range block {
			if !strings.Contains(first, pdfinspect.Squash(b)) {
				t.Errorf("%s: the title block lacks %q", tc.file, b)
			}
		}
		n := info(t, path).Pages()
		// An English text alone fits on one page; the others run to a
		// second, which has the running header.
		if n < 2 && (len(tc.langs) == 2 || tc.langs[0] == "zh") {
			t.Fatalf("%s has %d page(s): the running header is on the pages after the first", tc.file, n)
		}
		for p := 2; p <= n; p++ {
			got := headerText(t, path, p)
			for _, h := range header {
				if !strings.Contains(got, pdfinspect.Squash(h)) {
					t.Errorf("%s page %d: running header %q, want it to name %q", tc.file, p, got, h)
				}
			}
		}
		all := pdfText(t, path, 1, n)
		for _, s := range tc.has {
			if !strings.Contains(all, pdfinspect.Squash(s)) {
				t.Errorf("%s (version %s) lacks %q", tc.file, tc.version, s)
			}
		}
		for _, s := range tc.lacks {
			if strings.Contains(all, pdfinspect.Squash(s)) {
				t.Errorf("%s (version %s) has %q, which is another version's text", tc.file, tc.version, s)
			}
		}
		if tc.version != "2.0" {
			// The QR code and its URL: the version's permanent address.
			url := "https://concord.example.org/" + map[string]string{"en": "en/", "zh": ""}[tc.langs[0]] + vInit + "v" + tc.version + "/"
			if !strings.Contains(first, pdfinspect.Squash(url)) {
				t.Errorf("%s: page 1 lacks the version's address %s", tc.file, url)
			}
		}
		if title := info(t, path)["Title"]; !strings.Contains(title, block[0]) {
			t.Errorf("%s: document title %q does not name %q", tc.file, title, block[0])
		}
	}

	// The final build, as make build makes it after make pdf: the version
	// pages and the versions page link each version's PDFs with their size.
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out); err != nil {
		t.Fatal(err)
	}
	for lang, prefix := range vLangs {
		list := page(t, out, prefix+vInit+"versions/index.html")
		for _, v := range []string{"1.0", "1.1", "2.0"} {
			name := "v" + v + "/community-code-v" + v + "-"
			if v == "2.0" {
				name = "community-code-"
			}
			var want []string
			for _, k := range []string{"en-zh-hans", "zh-hans", "en"} {
				want = append(want, "/"+vInit+name+k+".pdf")
			}
			doc := page(t, out, prefix+vInit+"v"+v+"/index.html")
			got := attrs(doc, "nav.pdf-downloads a", "href")
			if !slices.Equal(got, want) {
				t.Errorf("%s version %s page links PDFs %v, want %v", lang, v, got, want)
			}
			doc.Find("nav.pdf-downloads a").Each(func(_ int, a *goquery.Selection) {
				fi, err := os.Stat(builtFile(out, a.AttrOr("href", "")))
				if err != nil {
					t.Errorf("%s version %s: %v", lang, v, err)
					return
				}
				kb := strconv.FormatInt(max(1, (fi.Size()+512)/1024), 10)
				if size := a.Parent().Find(".pdf-size").Text(); !strings.Contains(size, kb+" KB") {
					t.Errorf("%s version %s: %s is %s KB, the page says %q", lang, v, a.AttrOr("href", ""), kb, size)
				}
			})
			if got := attrs(list, `[id="v`+v+`"] nav.pdf-downloads a`, "href"); !slices.Equal(got, want) {
				t.Errorf("%s versions page, version %s: PDFs %v, want %v", lang, v, got, want)
			}
		}
	}
}

// A language that does not list a version in its _index was not published
// in it: that version has no PDF in it, alone or in a pair.
func TestAVersionHasNoPDFInALanguageItWasNotPublishedIn(t *testing.T) {
	site := versionsPDFSite(t, func(site string) {
		p := filepath.Join(site, "content", "initiatives", "community-code", "_index.zh-hans.md")
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		first := "[[versions]]\nid = \"1.0\"\ndate = \"2021-01-10\"\nsummary = \"第一版。\"\n\n"
		if !bytes.Contains(raw, []byte(first)) {
			t.Fatalf("%s has no version 1.0 entry", p)
		}
		if err := os.WriteFile(p, bytes.Replace(raw, []byte(first), nil, 1), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	files := runPDFTool(t, site)
	var older []string
	for _, f := range files {
		if strings.Contains(f, "/v1.0/") {
			older = append(older, f)
		}
	}
	if want := []string{vInit + "v1.0/community-code-v1.0-en.pdf"}; !slices.Equal(older, want) {
		t.Errorf("version 1.0, published in English only, has PDFs %v, want %v", older, want)
	}
	if len(files) != 7 {
		t.Errorf("%d PDFs, want 7 (1.0: English; 1.1 and 2.0: two languages and a pair): %v", len(files), files)
	}
}

// A version identifier that is not numbers joined by dots stops make pdf
// (the versions tool's own check), naming the file and the line; the
// previous PDFs are kept.
func TestPDFToolRefusesAVersionIDThatIsNotDottedNumbers(t *testing.T) {
	const bad = `id = "1.1\"><b>beta"`
	site := versionsPDFSite(t, func(site string) {
		p := filepath.Join(site, "content", "initiatives", "community-code", "_index.en.md")
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Replace(raw, []byte(`id = "1.1"`), []byte(bad), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	raw, _ := os.ReadFile(filepath.Join(site, "content", "initiatives", "community-code", "_index.en.md"))
	line := 1 + bytes.Count(raw[:bytes.Index(raw, []byte(bad))], []byte("\n"))
	out := filepath.Join(site, "build", "pdf")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(out, "signed-copy.pdf")
	if err := os.WriteFile(kept, []byte("%PDF-1.7"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := pdfcli.Main([]string{"-site", site, "-out", out}, &stdout, &stderr)
	where := fmt.Sprintf("content/initiatives/community-code/_index.en.md:%d:", line)
	if code != pdfcli.ExitFailed || !strings.Contains(stderr.String(), where) || !strings.Contains(stderr.String(), "not numbers joined by dots") {
		t.Errorf("tools/pdf exited %d: %s; want 1 and a line naming %s and what is wrong", code, stderr.String(), where)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("the failed run changed %s: %v", out, entries)
	}
	if entries, _ := os.ReadDir(filepath.Join(site, "build")); len(entries) != 1 {
		t.Errorf("the failed run wrote into build/: %v", entries)
	}
}
