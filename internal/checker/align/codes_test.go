package align_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/align/alignfixture"
	"github.com/concord-initiative/concord/internal/checker/glossary"
	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// clean is a site with one clause in both languages and no finding.
func clean() map[string]string {
	m := alignfixture.Clean()
	m["hugo.toml"] = alignfixture.HugoTOML
	m["data/glossary.toml"] = ""
	return m
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		switch {
		case name == "hugo.toml" || strings.HasPrefix(name, "data/"):
		default:
			p = filepath.Join(dir, "content", "initiatives", "x", name)
		}
		if name == "data/glossary.toml" {
			raw, err := os.ReadFile(filepath.Join(repoRoot, "data", "glossary.toml"))
			if err != nil {
				t.Fatal(err)
			}
			body = string(raw)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runSite(t *testing.T, files map[string]string) []align.Finding {
	t.Helper()
	return checkSite(t, files).Findings
}

// checkSite writes files as a site and checks it with the default model.
func checkSite(t *testing.T, files map[string]string) *align.Result {
	t.Helper()
	ch, site := siteChecker(t, files)
	return ch.Check(site)
}

// siteChecker writes files as a site and reads it, with a checker of the
// default model and the site's glossary.
func siteChecker(t *testing.T, files map[string]string) (*align.Checker, *contentsite.Site) {
	t.Helper()
	dir := writeSite(t, files)
	site, err := contentsite.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return &align.Checker{Model: align.DefaultModel, Glossary: g}, site
}

// TestCleanPair: nothing but the note that the corrected English, compared
// with the Chinese, was never stamped (staleness is never silent).
func TestCleanPair(t *testing.T) {
	for _, f := range runSite(t, clean()) {
		if f.Code == align.CodeNotStamped && f.Language == "en" {
			continue
		}
		t.Errorf("unexpected %s %s %s: %s", f.Code, f.Clause, f.Language, f.Message)
	}
}

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range alignfixture.Cases() {
		seen[c.Code] = true
		t.Run(c.Code, func(t *testing.T) {
			files := c.Files
			files["hugo.toml"] = alignfixture.HugoTOML + alignfixture.LanguagesTOML(c.Languages)
			files["data/glossary.toml"] = ""
			fs := runSite(t, files)
			for _, f := range fs {
				if f.Code == c.Code && f.Language == c.Lang {
					if f.File == "" || f.Line < 1 || f.Message == "" || f.Fingerprint == "" {
						t.Errorf("finding lacks a location or message: %+v", f)
					}
					return
				}
			}
			t.Errorf("no %s on %s; got:", c.Code, c.Lang)
			for _, f := range fs {
				t.Logf("  %s %s %s: %s", f.Code, f.Clause, f.Language, f.Message)
			}
		})
	}
	for _, r := range align.Rules {
		if !seen[r.Code] {
			t.Errorf("rule %s (%s) has no test case", r.Code, r.Name)
		}
	}
}

// Every finding of every case is said in each of the repository's
// languages: the translation renders (no "<no value>" from a misspelt
// placeholder, which would fall back to English or print a hole), and the
// Chinese is not the English default.
func TestCodesAreTranslated(t *testing.T) {
	cat, err := toolmessages.Load(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	said := map[string]bool{}
	for _, c := range alignfixture.Cases() {
		files := c.Files
		files["hugo.toml"] = alignfixture.HugoTOML + alignfixture.LanguagesTOML(c.Languages)
		files["data/glossary.toml"] = ""
		res := checkSite(t, files)
		res.Localize(cat, align.NewSpeaker(cat, "zh-hans"), []string{"zh-hans", "en"})
		for _, f := range res.Findings {
			said[f.MessageID] = true
			zh, en := f.Messages["zh-hans"], f.Messages["en"]
			for _, m := range []string{zh, en, f.MessagesHTML["zh-hans"], f.MessagesHTML["en"]} {
				if m == "" || strings.Contains(m, "<no value>") || strings.Contains(m, "\ue000") {
					t.Errorf("%s %s: message %q", f.Code, f.MessageID, m)
				}
			}
			if zh == en || f.Message != zh {
				t.Errorf("%s %s: not said in Chinese: %q", f.Code, f.MessageID, zh)
			}
		}
	}
	if len(said) < 30 {
		t.Errorf("the cases said only %d different messages", len(said))
	}
}

func mustClause(t *testing.T, src string) *contentsite.Clause {
	t.Helper()
	c, err := contentsite.ParseClause("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
