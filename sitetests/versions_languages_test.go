package sitetests

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/checker/aligncli"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
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
// make does: tools/versions, the checker (whose findings it keeps), Hugo.
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
		var stderr bytes.Buffer
		status := filepath.Join(site, "build", "data", "translation", "status.json")
		if code := aligncli.Main([]string{"--format", "json", "--fail-on", "none", "--no-history", "-o", status, site}, io.Discard, &stderr); code != 0 {
			versionsFrErr = fmt.Errorf("aligncheck exited %d: %s", code, stderr.String())
			return
		}
		var report struct {
			Findings []udhrFinding `json:"findings"`
		}
		if err := json.Unmarshal(readFile(t, status), &report); err != nil {
			versionsFrErr = err
			return
		}
		versionsFrFindings = report.Findings
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

// The status page's version row, with three languages: the source at the
// latest, the Chinese and the French clause 2 under their sourceVersion
// 1.1, and the French clause 4, never stamped, with the clauses that match
// the latest (the row's documented rule: a clause the checker does not find
// stale matches the latest), in each reader's language.
func TestStatusVersionRowCountsEachOfThreeLanguages(t *testing.T) {
	out, _ := versionsFrBuild(t)
	for prefix, want := range map[string]map[string][]string{
		"en/": {"English": {"version 2.0: 4 clauses"}, "Chinese": {"version 1.1: 1 clause", "version 2.0: 3 clauses"}, "French": {"version 1.1: 1 clause", "version 2.0: 3 clauses"}},
		"":    {"英文": {"第 2.0 版：4 条"}, "中文": {"第 1.1 版：1 条", "第 2.0 版：3 条"}, "法语": {"第 1.1 版：1 条", "第 2.0 版：3 条"}},
		"fr/": {"anglais": {"version 2.0 : 4 clauses"}, "chinois": {"version 1.1 : 1 clause", "version 2.0 : 3 clauses"}, "français": {"version 1.1 : 1 clause", "version 2.0 : 3 clauses"}},
	} {
		doc := page(t, out, prefix+vInit+"status.html")
		row := doc.Find(".status-table tfoot tr.status-versions")
		if row.Length() != 1 {
			t.Fatalf("%sstatus.html: no source-version row", prefix+vInit)
		}
		got := map[string][]string{}
		row.Find("td").Each(func(_ int, td *goquery.Selection) {
			lang := text(td.Find(".status-lang"))
			td.Find("li").Each(func(_ int, li *goquery.Selection) { got[lang] = append(got[lang], text(li)) })
		})
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
func TestAligncheckReportsTheThirdLanguagesStaleAndUnstampedClauses(t *testing.T) {
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
