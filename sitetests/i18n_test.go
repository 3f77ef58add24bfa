package sitetests

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// loadMessages reads one i18n file with go-i18n, as Hugo does, and returns
// its message IDs.
func loadMessages(t *testing.T, file string, tag language.Tag) []string {
	t.Helper()
	bundle := i18n.NewBundle(tag)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mf, err := bundle.LoadMessageFile(file)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var ids []string
	for _, m := range mf.Messages {
		if m.Other == "" {
			t.Errorf("%s: %s has no \"other\" form", file, m.ID)
		}
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	return ids
}

// siteLanguages are the site's language keys, sorted.
func siteLanguages(t *testing.T) []string {
	t.Helper()
	cfg, err := siteconfig.Load(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Sorted(slices.Values(cfg.LanguageKeys()))
}

func TestEveryLanguageHasTheSameInterfaceStrings(t *testing.T) {
	langs := siteLanguages(t)
	keys := map[string][]string{}
	for _, lang := range langs {
		file := filepath.Join(repoRoot, "i18n", lang+".toml")
		keys[lang] = loadMessages(t, file, language.Make(lang))
	}
	for _, a := range langs {
		for _, b := range langs {
			for _, k := range keys[a] {
				if !slices.Contains(keys[b], k) {
					t.Errorf("i18n/%s.toml has %q, i18n/%s.toml does not: add it there", a, k, b)
				}
			}
		}
	}
}

// Calls of T or i18n with a literal key, and keys built at run time from a
// prefix and a value: printf "language_name_%s" and the like.
var (
	literalKey = regexp.MustCompile(`\b(?:T|i18n|lang\.Translate)\s+"([^"]+)"`)
	dynamicKey = regexp.MustCompile(`\b(?:T|i18n)\s+\(printf\s+"([^"%]*)%s"`)
)

// dynamicValues lists, for each prefix of a key built at run time, the
// values it is built with; nil means the site's language keys. A template
// that builds keys from a new prefix needs its values here.
var dynamicValues = map[string][]string{
	"language_name_":   nil,
	"status_":          {"aligned", "warning", "error", "stale", "missing"},
	"status_severity_": {"error", "warning", "info"},
	"versions_format_": {"md", "txt", "json", "akn"},
	"versions_change_": {"unchanged", "added", "removed", "changed"},
}

func TestTemplatesUseOnlyDefinedStrings(t *testing.T) {
	langs := siteLanguages(t)
	defined := map[string]bool{}
	for _, lang := range langs {
		for _, k := range loadMessages(t, filepath.Join(repoRoot, "i18n", lang+".toml"), language.Make(lang)) {
			defined[k] = true
		}
	}
	used := 0
	err := filepath.WalkDir(filepath.Join(repoRoot, "layouts"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repoRoot, path)
		for _, m := range literalKey.FindAllStringSubmatch(string(data), -1) {
			used++
			if !defined[m[1]] {
				t.Errorf("%s uses interface string %q, defined in no i18n file", rel, m[1])
			}
		}
		for _, m := range dynamicKey.FindAllStringSubmatch(string(data), -1) {
			values, known := dynamicValues[m[1]]
			if !known {
				t.Errorf("%s builds keys from %q: list the values it takes in dynamicValues (i18n_test.go)", rel, m[1]+"%s")
				continue
			}
			if values == nil {
				values = langs
			}
			for _, v := range values {
				if !defined[m[1]+v] {
					t.Errorf("%s builds key %q, defined in no i18n file", rel, m[1]+v)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if used < 20 {
		t.Fatalf("found only %d interface strings in layouts/: is the pattern still right?", used)
	}
}

func TestNoMissingTranslationInTheBuiltSite(t *testing.T) {
	// Hugo prints nothing for a key it cannot find, so a missing string
	// shows up as an empty element; the build flag --printI18nWarnings
	// turns it into a warning, and --panicOnWarning into a failed build.
	// Here we check the visible result as a reader would see it.
	for _, f := range []string{"index.html", "en/" + initiative + "notes.html", initiative + "index.html"} {
		doc := page(t, public, f)
		for _, sel := range []string{".skip-link", ".view-switcher a", "footer p", ".about h2"} {
			doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
				if strings.TrimSpace(s.Text()) == "" {
					t.Errorf("%s: empty %s", f, sel)
				}
			})
		}
	}
}
