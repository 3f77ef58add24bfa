package sitetests

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/pdf/pdfinspect"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
	"github.com/concord-initiative/concord/internal/versions"
)

// The versions fixture with French as a third language (testdata/versions-fr,
// its README.md says what is in it): French is published from 1.1 on, so
// 1.0 has no French; its clause 2 still follows 1.1 (sourceVersion) and its
// clause 4 was never stamped.
const versionsFrFixture = "testdata/versions-fr"

// vFrPublished are the languages each version was published in, by the
// prefix of their pages.
var vFrPublished = map[string]map[string]string{
	"1.0": {"zh-hans": "", "en": "en/"},
	"1.1": {"zh-hans": "", "en": "en/", "fr": "fr/"},
	"2.0": {"zh-hans": "", "en": "en/", "fr": "fr/"},
}

// versionsFrSite writes into dir the shipped site, the versions fixture and
// French added to both as docs/authoring.md "Add a language" says: the
// [languages.fr] table appended to hugo.toml, i18n/fr.toml (the fixture's
// strings over a copy of English) and the French content files.
func versionsFrSite(t *testing.T, dir string) string {
	t.Helper()
	site := filepath.Join(dir, "site")
	for _, src := range []string{repoRoot, filepath.Join(repoRoot, "sitetests", "testdata", "versions")} {
		if err := sitefixture.Copy(site, src); err != nil {
			t.Fatal(err)
		}
	}
	if err := sitefixture.CopyParts(site, versionsFrFixture, []string{"content"}); err != nil {
		t.Fatal(err)
	}
	appendFile(t, filepath.Join(site, "hugo.toml"), readFile(t, filepath.Join(versionsFrFixture, "languages.toml")))
	writeI18nOverEnglish(t, site, versionsFrFixture, "fr")
	return site
}

var (
	versionsFrOnce     sync.Once
	versionsFrOut      string
	versionsFrFindings []udhrFinding
	versionsFrErr      error
)

// versionsFrBuild builds the three-language site once per test binary, as
// make does: tools/versions, the validator and the checker (whose findings
// it keeps: checkUDHRSite, which serves any site), Hugo.
func versionsFrBuild(t *testing.T) (out string, findings []udhrFinding) {
	t.Helper()
	versionsFrOnce.Do(func() {
		// Writing the site fails the first test itself (t.Fatal); the
		// others must not then read an empty build.
		versionsFrErr = fmt.Errorf("the three-language site could not be written: see the first test that failed")
		// Shared by tests, so not under one test's TempDir: beside the
		// shipped build, which TestMain removes.
		dir, err := os.MkdirTemp(filepath.Dir(public), "versions-fr-")
		if err != nil {
			versionsFrErr = err
			return
		}
		site := versionsFrSite(t, dir)
		if err := versions.Run(site, filepath.Join(site, versions.DataDir), filepath.Join(site, versions.StaticDir)); err != nil {
			versionsFrErr = err
			return
		}
		checks, err := checkUDHRSite(site)
		if err != nil {
			versionsFrErr = err
			return
		}
		versionsFrFindings = checks.findings
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		versionsFrOut = filepath.Join(dir, "public")
		versionsFrErr = hugobuild.Build(ctx, site, versionsFrOut)
	})
	if versionsFrErr != nil {
		t.Fatal(versionsFrErr)
	}
	return versionsFrOut, versionsFrFindings
}

// vFrText are French clause texts of the versions French was published
// in, by version and clause: what a reader of that version's page reads.
var vFrText = map[string]map[string]string{
	"1.1": {"1": "présument la bonne foi dans chaque discussion", "3": "Les membres protègent la vie privée d'autrui."},
	"2.0": {"1": "présument la bonne foi dans chaque discussion", "2": "Les membres préservent les discussions de tout harcèlement."},
}

// Every version has its permanent pages and downloads in each language it
// was published in, and none in a language that does not list it
// (docs/authoring.md, "Publish a version in a language later"): French has
// no 1.0, and no page compares its 1.1 with a 1.0 it never had. Every link
// of the French version pages leads to a page that was built.
func TestVersionsThirdLanguagePagesOnlyWherePublished(t *testing.T) {
	out, _ := versionsFrBuild(t)
	for _, v := range []string{"1.0", "1.1", "2.0"} {
		for _, lang := range []string{"zh-hans", "en", "fr"} {
			prefix, published := vFrPublished[v][lang]
			if lang == "fr" {
				prefix = "fr/"
			}
			base := prefix + vInit + "v" + v + "/"
			files := []string{base + "index.html"}
			for _, id := range vClauses[v] {
				files = append(files, base+id+"/index.html", prefix+"embed/"+vInit+"v"+v+"/"+id+"/index.html")
			}
			for _, ext := range []string{"md", "txt", "json", "akn.xml"} {
				files = append(files, base+"community-code-v"+v+"-"+lang+"."+ext)
			}
			if v != "2.0" {
				files = append(files, base+"to-latest/index.html")
			}
			for _, f := range files {
				_, err := os.Stat(filepath.Join(out, f))
				if published && err != nil {
					t.Errorf("version %s was published in %s, but %s was not built", v, lang, f)
				}
				if !published && err == nil {
					t.Errorf("version %s was not published in %s, but %s was built", v, lang, f)
				}
			}
		}
	}
	for rel, want := range map[string]bool{
		"fr/" + vInit + "v2.0/changes/index.html": true,
		"fr/" + vInit + "v1.1/changes/index.html": false,
		"en/" + vInit + "v1.1/changes/index.html": true,
		vInit + "v1.1/changes/index.html":         true,
	} {
		if _, err := os.Stat(filepath.Join(out, rel)); (err == nil) != want {
			t.Errorf("%s built: %v, want %v (a changes page needs the version before in its language)", rel, err == nil, want)
		}
	}
	for _, rel := range []string{
		"fr/" + vInit + "versions/index.html", "fr/" + vInit + "changelog/index.html", "fr/" + vInit + "as-of/index.html",
		"fr/" + vInit + "index.html", "fr/" + vInit + "1/index.html", "fr/" + vInit + "v1.1/index.html",
		"fr/" + vInit + "v1.1/3/index.html", "fr/" + vInit + "v2.0/changes/index.html", "fr/" + vInit + "v1.1/to-latest/index.html",
	} {
		doc := page(t, out, rel)
		doc.Find("main a[href]").Each(func(_ int, a *goquery.Selection) {
			h := a.AttrOr("href", "")
			if !strings.HasPrefix(h, "/") && !strings.HasPrefix(h, "https://concord.example.org/") {
				h = "/" + path.Join(path.Dir("/"+rel), h)
				if strings.HasSuffix(a.AttrOr("href", ""), "/") {
					h += "/"
				}
			}
			if strings.HasPrefix(h, "//") || strings.Contains(h, "?") {
				return
			}
			if _, err := os.Stat(builtFile(out, h)); err != nil {
				t.Errorf("%s links %q (%s), which was not built", rel, a.AttrOr("href", ""), text(a))
			}
		})
	}
	raw := readFile(t, filepath.Join(out, "fr/"+vInit+"changelog/changelog.atom"))
	if bytes.Contains(raw, []byte("/fr/"+vInit+"v1.0/")) {
		t.Errorf("the French feed has an entry for version 1.0, which was not published in French")
	}
	if n := bytes.Count(raw, []byte("<entry>")); n != 2 {
		t.Errorf("the French feed has %d entries, want 2 (1.1 and 2.0)", n)
	}
}

// The French pages of the versions are French: lang="fr", the French text
// of the version, the French labels; the versions page says that 1.0 was not
// published in French and links it in the source language.
func TestVersionsThirdLanguagePagesAreInIt(t *testing.T) {
	out, _ := versionsFrBuild(t)
	fr := "fr/" + vInit
	for _, rel := range []string{"versions/index.html", "changelog/index.html", "as-of/index.html", "v1.1/index.html", "v1.1/1/index.html", "v2.0/changes/index.html", "v1.1/to-latest/index.html", "status.html"} {
		if got := page(t, out, fr+rel).Find("html").AttrOr("lang", ""); got != "fr" {
			t.Errorf("%s: lang=%q, want fr", fr+rel, got)
		}
	}
	for v, texts := range vFrText {
		doc := page(t, out, fr+"v"+v+"/index.html")
		for id, want := range texts {
			if got := text(doc.Find("section.version-clause#" + id)); !strings.Contains(got, want) {
				t.Errorf("%sv%s/, clause %s: %q, want the French text %q", fr, v, id, got, want)
			}
		}
		if got := attrs(doc, "section.version-clause", "id"); !slices.Equal(got, vClauses[v]) {
			t.Errorf("%sv%s/ shows clauses %v, want %v", fr, v, got, vClauses[v])
		}
	}
	v11 := page(t, out, fr+"v1.1/index.html")
	// French first appeared in 1.1: nothing of it changed in 1.0.
	for _, id := range []string{"preamble", "1", "3"} {
		if got := text(v11.Find("section#" + id + " .provenance")); !strings.Contains(got, "modifiée pour la dernière fois dans la version 1.1") {
			t.Errorf("%sv1.1/, clause %s: %q, want last changed in 1.1, French's first version", fr, id, got)
		}
	}
	if got := text(v11.Find("section#2 .provenance")); !strings.Contains(got, "traduit de la version 1.1 de l'original") {
		t.Errorf("%sv1.1/, clause 2 does not say it follows version 1.1 of the source: %q", fr, got)
	}
	if v11.Find(`.version-links a[href="changes/"]`).Length() != 0 {
		t.Errorf("%sv1.1/ links changes from 1.0, which French does not have", fr)
	}

	list := page(t, out, fr+"versions/index.html")
	if got := attrs(list, "section.version-entry", "id"); !slices.Equal(got, []string{"v2.0", "v1.1", "v1.0"}) {
		t.Errorf("%sversions/ lists %v, want every version of the initiative, newest first", fr, got)
	}
	v10 := list.Find(`section[id="v1.0"]`)
	if got := text(v10); !strings.Contains(got, "Pas publiée en français.") {
		t.Errorf("%sversions/ does not say 1.0 was not published in French: %q", fr, got)
	}
	if a := v10.Find(`a[href="/en/` + vInit + `v1.0/"]`); a.Length() == 0 || a.AttrOr("hreflang", "") != "en" || !strings.Contains(text(a), "anglais") {
		t.Errorf("%sversions/ does not link 1.0 in English, marked hreflang=en: %q", fr, text(v10))
	}
	if v10.Find(".version-downloads").Length() != 0 {
		t.Errorf("%sversions/ lists French downloads of 1.0", fr)
	}
	if got := text(list.Find(`section[id="v1.1"] p`).Eq(1)); got != "Clause 1 reformulée ; clause 4 sur les signalements ajoutée." {
		t.Errorf("%sversions/ gives 1.1's summary as %q, want the French summary", fr, got)
	}

	// The clause in every version: 1.0 said to be not in French, not linked.
	c1 := page(t, out, fr+"v1.1/1/index.html")
	items := c1.Find(".clause-versions li")
	if items.Length() != 3 || items.First().Find("a").Length() != 0 || !strings.Contains(text(items.First()), "pas publiée en français") {
		t.Errorf("%sv1.1/1/ lists the versions as %q, want 1.0 unlinked, not published in French", fr, text(c1.Find(".clause-versions")))
	}

	// Differences in French: clause 3, gone in 2.0, removed word for word.
	ch := page(t, out, fr+"v2.0/changes/index.html")
	if got := text(ch.Find("section#3 .change-label")); got != "(supprimée)" {
		t.Errorf("%sv2.0/changes/, clause 3 labelled %q, want (supprimée)", fr, got)
	}
	if got := text(ch.Find("section#3 .diff-text del")); got != "supprimé : Les membres protègent la vie privée d'autrui." {
		t.Errorf("%sv2.0/changes/, clause 3 deleted %q", fr, got)
	}
	if got := text(ch.Find("section#2 .change-label")); got != "(inchangée)" {
		t.Errorf("%sv2.0/changes/, clause 2 (French still at 1.1) labelled %q, want (inchangée)", fr, got)
	}
	// The search's version filter offers the older versions there are
	// pages of in the language.
	for rel, want := range map[string][]string{"fr/search.html": {"", "1.1"}, "en/search.html": {"", "1.0", "1.1"}} {
		if got := attrs(page(t, out, rel), "select#search-version option", "value"); !slices.Equal(got, want) {
			t.Errorf("%s: the version filter offers %q, want %q", rel, got, want)
		}
	}
	// The source is unchanged by the third language.
	if got := text(page(t, out, "en/"+vInit+"v1.1/changes/index.html").Find("section#1 ins")); got != "inserted: and assume good faith in every discussion" {
		t.Errorf("English 1.1 changes, clause 1: inserted %q", got)
	}
}

// The status page's version row, with three languages: the source at the
// latest, the Chinese and the French clause 2 under their sourceVersion
// 1.1, and the French clause 4, never stamped, apart: nothing says which
// version it was made from (the checker's AC071), so it is not counted
// under the latest; in each reader's language.
func TestVersionsThirdLanguageStatusRowCounts(t *testing.T) {
	out, _ := versionsFrBuild(t)
	for prefix, want := range map[string]map[string][]string{
		"en/": {"English": {"version 2.0: 4 clauses"}, "Chinese": {"version 1.1: 1 clause", "version 2.0: 3 clauses"}, "French": {"version 1.1: 1 clause", "version 2.0: 2 clauses", "no source fingerprint, version unknown: 1 clause"}},
		"":    {"英文": {"第 2.0 版：4 条"}, "中文": {"第 1.1 版：1 条", "第 2.0 版：3 条"}, "法语": {"第 1.1 版：1 条", "第 2.0 版：2 条", "未记录源文本指纹、版本不明：1 条"}},
		"fr/": {"anglais": {"version 2.0 : 4 clauses"}, "chinois": {"version 1.1 : 1 clause", "version 2.0 : 3 clauses"}, "français": {"version 1.1 : 1 clause", "version 2.0 : 2 clauses", "sans empreinte de l’original, version inconnue : 1 clause"}},
	} {
		doc := page(t, out, prefix+vInit+"status.html")
		got := statusVersionRow(t, doc, prefix+vInit)
		if len(got) != 3 {
			t.Errorf("%sstatus.html: the version row has %d languages, want 3: %v", prefix+vInit, len(got), got)
		}
		for lang, items := range want {
			if !slices.Equal(got[lang], items) {
				t.Errorf("%sstatus.html: %s versions %q, want %q (row %v)", prefix+vInit, lang, got[lang], items, got)
			}
		}
		var stale []string
		doc.Find(".status-table .status-stale").Each(func(_ int, c *goquery.Selection) { stale = append(stale, text(c)) })
		if len(stale) != 2 || !strings.Contains(strings.Join(stale, " "), "community-code/2.fr.md") {
			t.Errorf("%sstatus.html: stale cells %q, want the Chinese and the French clause 2", prefix+vInit, stale)
		}
	}
}

// The checker reports the French clause 2 stale against the latest,
// naming the version it was made from (AC070), and the French clause 4
// never stamped (AC071, info); nothing else in French is wrong, and French
// is not reported missing from the versions it was not published in.
func TestVersionsThirdLanguageAligncheckFindings(t *testing.T) {
	_, findings := versionsFrBuild(t)
	var got []string
	for _, f := range findings {
		if f.Initiative != "community-code" || f.Language != "fr" {
			continue
		}
		got = append(got, f.Code+" "+f.Severity+" "+f.Clause+" "+f.File)
		switch f.Code {
		case "AC070":
			if !strings.Contains(f.Message, "made from version 1.1") || !strings.Contains(f.Message, "now at version 2.0") || f.ComparedWith != "en" {
				t.Errorf("AC070 on the French clause 2 does not name versions 1.1 and 2.0 against English: %+v", f)
			}
		case "AC071":
			if !strings.Contains(f.Message, "aligncheck stamp community-code 4 fr") {
				t.Errorf("AC071 on the French clause 4 does not say what to run: %q", f.Message)
			}
		}
	}
	want := []string{
		"AC070 error 2 content/initiatives/community-code/2.fr.md",
		"AC071 info 4 content/initiatives/community-code/4.fr.md",
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("aligncheck's French findings on community-code:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The PDFs of every version with a third language (docs/pdf.md,
// "Versions"): versions × (the languages it was published in + the listed
// pairs both of whose languages it was published in), so none in French
// for 1.0; an older version's French PDF has that version's French text.
// One run of tools/pdf (Chromium) for all of it.
func TestVersionsThirdLanguagePDFs(t *testing.T) {
	site := versionsFrSite(t, t.TempDir())
	if err := os.RemoveAll(filepath.Join(site, "content", "initiatives", "live-streaming-2020")); err != nil {
		t.Fatal(err)
	}
	files := runPDFTool(t, site)
	var want []string
	for v, langs := range map[string][]string{
		"1.0": {"en", "zh-hans", "en-zh-hans"},
		"1.1": {"en", "zh-hans", "fr", "en-zh-hans", "en-fr", "zh-hans-fr"},
		"2.0": {"en", "zh-hans", "fr", "en-zh-hans", "en-fr", "zh-hans-fr"},
	} {
		for _, k := range langs {
			if v == "2.0" {
				want = append(want, vPDF+"-"+k+".pdf")
			} else {
				want = append(want, vInit+"v"+v+"/community-code-v"+v+"-"+k+".pdf")
			}
		}
	}
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Fatalf("tools/pdf wrote\n%v\nwant\n%v", files, want)
	}
	for file, texts := range map[string][]string{
		"v1.1/community-code-v1.1-fr.pdf":         {"Version 1.1", "Les membres protègent la vie privée d'autrui.", "présument la bonne foi"},
		"v1.1/community-code-v1.1-zh-hans-fr.pdf": {"Les membres protègent la vie privée d'autrui.", "成员保护他人的隐私。"},
		"community-code-fr.pdf":                   {"Version 2.0", "Les membres signalent aux modérateurs"},
	} {
		path := filepath.Join(site, "build", "pdf", vInit, file)
		all := pdfText(t, path, 1, info(t, path).Pages())
		for _, s := range texts {
			if !strings.Contains(all, pdfinspect.Squash(s)) {
				t.Errorf("%s lacks %q", file, s)
			}
		}
	}
	if all := pdfText(t, filepath.Join(site, "build", "pdf", vPDF+"-fr.pdf"), 1, 0); strings.Contains(all, pdfinspect.Squash("Vie privée")) {
		t.Errorf("the latest French PDF has clause 3, which 2.0 removed")
	}

	// The final build, as make build makes it after make pdf: each French
	// version page links its version's PDFs, and the French versions page
	// lists 1.0's, which exist, in the languages 1.0 has.
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out); err != nil {
		t.Fatal(err)
	}
	list := page(t, out, "fr/"+vInit+"versions/index.html")
	for v, n := range map[string]int{"1.0": 3, "1.1": 6, "2.0": 6} {
		links := attrs(list, `[id="v`+v+`"] nav.pdf-downloads a`, "href")
		if len(links) != n {
			t.Errorf("the French versions page lists %d PDFs of %s, want %d: %v", len(links), v, n, links)
		}
		for _, h := range links {
			if _, err := os.Stat(builtFile(out, h)); err != nil {
				t.Errorf("the French versions page links %s, which was not built", h)
			}
		}
	}
	if got := len(attrs(page(t, out, "fr/"+vInit+"v1.1/index.html"), "nav.pdf-downloads a", "href")); got != 6 {
		t.Errorf("the French page of 1.1 links %d PDFs, want 6", got)
	}
}
